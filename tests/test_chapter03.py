"""The quantitative claims of chapter 3 (removals depend on countries of origin) hold in the data.

Each test calls the measures the chapter pastes (coursekit.measures.ch03) or looks up one
published row with coursekit.data.value; none recomputes a measure.
"""
from __future__ import annotations

import pytest

from coursekit.data import DataError, load, value
from coursekit.measures import ch03 as m


def ice(fiscal_year):
    """One published row: ICE removals, all countries."""
    return value("ice_removals", fiscal_year=fiscal_year, country="All", measure="ice_removals")


def dhs_returns(fiscal_year):
    """One published row: DHS-wide returns, Yearbook 2019."""
    return value("ice_removals", fiscal_year=fiscal_year, country="All", measure="dhs_returns",
                 source="dhs2019yearbook")


def test_ice_removals_peak_in_fy2012_and_bottom_out_in_fy2021():
    assert m.peak_fy() == 2012
    assert m.low_fy() == 2021
    assert (m.peak(), m.low()) == (ice(2012), ice(2021))


def test_fall_to_fy2021_and_rebound_to_about_fy2019_level():
    assert m.fall_2019_2021() > 0.7, "the prose describes a collapse of over 70%"
    assert m.rebound() > 4
    assert 0 < m.change_2019_2024() < 0.05, "FY2024 is 'slightly above FY2019'"


def test_title42_expulsions_are_reported_separately_and_are_a_minority_in_fy2023():
    t42 = value("ice_removals", fiscal_year=2023, country="All", measure="ice_title42_expulsions")
    assert t42 < ice(2023)
    assert 0.25 < m.t42_share_2023() < 0.35


def test_ice_totals_exceed_dhs_removals_only_in_fy2008_fy2011():
    """The prose says ICE's early totals must include returns, because they exceed DHS-wide removals."""
    above = m.ice_above_dhs()
    assert sorted(int(y) for y in above[above].index) == [2008, 2009, 2010, 2011]
    assert not above.loc[2012:2019].any()
    assert (m.first_above(), m.last_above(), m.n_above()) == (2008, 2011, 4)


def test_returns_collapse_while_removals_become_the_majority():
    assert dhs_returns(2019) < 0.25 * dhs_returns(2008)
    assert m.removal_share_2008() < 0.5 < m.removal_share_2019()


def test_ice_removals_are_most_but_not_all_of_dhs_removals_in_fy2019():
    assert 0.5 < m.ice_share_dhs_2019() < 1


def test_preliminary_fy2014_figure_was_revised_down():
    assert m.revision_2014() < 0


def test_four_nearby_countries_dominate_removals_but_less_in_fy2024():
    assert 0.90 < m.four_share_2019() < 0.93
    assert 0.75 < m.four_share_2024() < m.four_share_2019()
    assert m.mexico_share_2024() < m.mexico_share_2013()


def test_zadvydas_releases_are_a_small_part_of_the_final_order_stock():
    assert 0 < m.zadvydas_share() < 0.01, "the prose says 'only about' a fraction of one per cent"


def test_list_counts_shrink_from_2016_then_creep_back_by_2020():
    figures = load("key_figures")

    def recalcitrant(period):
        return value(figures, measure="recalcitrant_countries", period=period)

    assert recalcitrant("as of 2017-12") < recalcitrant("earlier list (2016)")
    assert recalcitrant("as of 2018-09") < recalcitrant("as of 2020-07")
    assert (recalcitrant("as of 2020-07"),
            value(figures, measure="at_risk_countries", period="as of 2020-07")) == (13, 17)
    # At-risk counts for 2016 and May 2017 were reported only by partisan outlets and are not shipped
    with pytest.raises(DataError, match="found 0"):
        value(figures, measure="at_risk_countries", period="earlier list (2016)")


def test_only_the_partial_2024_list_is_named_and_it_names_cuba_india_russia():
    cooperation = load("removal_cooperation")
    listed = cooperation[cooperation["record_type"] == "recalcitrant"]
    assert set(listed["year"]) == {2024}, "the 2017 and 2020 name lists rest on partisan outlets"
    assert m.mpi_names_on_2024().to_dict() == {"China": False, "Cuba": True, "India": True, "Russia": True}
    assert m.n_mpi_on_2024() == 3
    assert cooperation[cooperation["record_type"] == "at_risk"].empty, "no at-risk country is confirmed"


def test_243d_sanctions_two_before_2017_peak_in_2017():
    per_year = m.sanctions_per_year()
    assert m.n_before_2017() == 2
    assert int(per_year.idxmax()) == 2017 and m.n_2017() == int(per_year.max()) == 4
    assert m.n_2017_2020() == 9
    assert m.gap_years() == 15, "'for fifteen years the tool was almost unused' (2001 to 2016)"


def test_only_pakistan_of_ten_sanctioned_countries_is_named_on_the_2024_list():
    table = m.sanctioned_before_2020()
    assert len(table) == m.n_sanctioned_before_2020() == 10
    assert set(table.loc[table["named_on_2024_list"], "country"]) == {"Pakistan"}
    assert m.still_listed() == 1


def test_no_second_hand_venezuela_flight_counts_are_shipped():
    assert m.n_venezuela_flight_figures() == 0
