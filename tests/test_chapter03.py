"""The quantitative claims of chapter 3 (removals depend on countries of origin) hold in the data."""
from __future__ import annotations

import pytest

from coursekit.data import load, value

FOUR = ["Mexico", "Guatemala", "Honduras", "El Salvador"]


@pytest.fixture(scope="module")
def removals():
    return load("ice_removals")


@pytest.fixture(scope="module")
def ice(removals):
    rows = removals[(removals["country"] == "All") & (removals["measure"] == "ice_removals")]
    return rows.set_index("fiscal_year")["count"].astype(float)


@pytest.fixture(scope="module")
def dhs(removals):
    rows = removals[(removals["country"] == "All") & (removals["source"] == "dhs2019yearbook")]
    return rows.pivot(index="fiscal_year", columns="measure", values="count").astype(float)


@pytest.fixture(scope="module")
def cooperation():
    return load("removal_cooperation")


@pytest.fixture(scope="module")
def figures():
    return load("key_figures")


def test_ice_removals_peak_in_fy2012_and_bottom_out_in_fy2021(ice):
    assert int(ice.idxmax()) == 2012
    assert int(ice.idxmin()) == 2021


def test_fall_to_fy2021_and_rebound_to_about_fy2019_level(ice):
    assert ice.loc[2021] / ice.loc[2019] - 1 < -0.7, "the prose describes a collapse of over 70%"
    assert ice.loc[2024] / ice.loc[2021] > 4
    assert 0 < ice.loc[2024] / ice.loc[2019] - 1 < 0.05, "FY2024 is 'slightly above FY2019'"


def test_title42_expulsions_are_reported_separately_and_are_a_minority_in_fy2023(removals, ice):
    t42 = value(removals, fiscal_year=2023, country="All", measure="ice_title42_expulsions")
    assert t42 < ice.loc[2023]
    assert 0.25 < t42 / (ice.loc[2023] + t42) < 0.35


def test_ice_totals_exceed_dhs_removals_only_in_fy2008_fy2011(ice, dhs):
    """The prose says ICE's early totals must include returns, because they exceed DHS-wide removals."""
    common = dhs.index.intersection(ice.index)
    above = ice.loc[common] > dhs.loc[common, "dhs_removals"]
    assert sorted(int(y) for y in above[above].index) == [2008, 2009, 2010, 2011]
    assert (ice.loc[2012:2019] < dhs.loc[2012:2019, "dhs_removals"]).all()


def test_returns_collapse_while_removals_become_the_majority(dhs):
    assert dhs.loc[2019, "dhs_returns"] < 0.25 * dhs.loc[2008, "dhs_returns"]
    share = dhs["dhs_removals"] / dhs.sum(axis=1)
    assert share.loc[2008] < 0.5 < share.loc[2019]


def test_preliminary_fy2014_figure_was_revised_down(removals):
    prelim = value(removals, fiscal_year=2014, country="All", measure="dhs_removals", source="dhs2014endyear")
    yearbook = value(removals, fiscal_year=2014, country="All", measure="dhs_removals", source="dhs2019yearbook")
    assert yearbook < prelim


def test_four_nearby_countries_dominate_removals_but_less_in_fy2024(removals, ice):
    rows = removals[(removals["country"].isin(FOUR)) & (removals["measure"] == "ice_removals")]
    wide = rows.pivot(index="fiscal_year", columns="country", values="count").astype(float).dropna()
    share = wide.sum(axis=1) / ice.loc[wide.index]
    assert 0.90 < share.loc[2019] < 0.93
    assert 0.75 < share.loc[2024] < share.loc[2019]
    mexico = wide["Mexico"] / ice.loc[wide.index]
    assert mexico.loc[2024] < mexico.loc[2013]


def test_list_counts_shrink_from_2016_then_creep_back_by_2020(figures):
    def count(measure, period):
        return value(figures, measure=measure, period=period)
    assert count("recalcitrant_countries", "as of 2017-12") < count("recalcitrant_countries", "earlier list (2016)")
    assert count("recalcitrant_countries", "as of 2018-09") < count("recalcitrant_countries", "as of 2020-07")
    assert (count("recalcitrant_countries", "as of 2020-07"), count("at_risk_countries", "as of 2020-07")) == (13, 17)
    # At-risk counts for 2016 and May 2017 were reported only by partisan outlets and are not shipped
    at_risk = figures[figures["measure"] == "at_risk_countries"]
    assert "earlier list (2016)" not in set(at_risk["period"])


def test_only_the_partial_2024_list_is_named_and_it_names_cuba_india_russia(cooperation):
    listed = cooperation[cooperation["record_type"] == "recalcitrant"]
    assert set(listed["year"]) == {2024}, "the 2017 and 2020 name lists rest on partisan outlets"
    names_2024 = set(listed["country"])
    assert {"Cuba", "India", "Russia"} <= names_2024
    assert "China" not in names_2024
    assert cooperation[cooperation["record_type"] == "at_risk"].empty, "no at-risk country is confirmed"


def test_243d_sanctions_two_before_2017_peak_in_2017(cooperation):
    sanctions = cooperation[cooperation["record_type"] == "visa_sanction_243d"]
    per_year = sanctions.groupby("year").size()
    assert int((sanctions["year"] < 2017).sum()) == 2
    assert int(per_year.idxmax()) == 2017 and int(per_year.max()) == 4
    assert int(sanctions["year"].between(2017, 2020).sum()) == 9


def test_only_pakistan_of_ten_sanctioned_countries_is_named_on_the_2024_list(cooperation):
    sanctions = cooperation[(cooperation["record_type"] == "visa_sanction_243d") & (cooperation["year"] <= 2019)]
    listed = cooperation[(cooperation["record_type"] == "recalcitrant") & (cooperation["year"] == 2024)]
    assert len(sanctions) == 10
    assert set(sanctions["country"]) & set(listed["country"]) == {"Pakistan"}


def test_no_second_hand_venezuela_flight_counts_are_shipped(figures):
    dropped = {"venezuela_direct_flights", "venezuela_returned_direct_flights"}
    assert figures[figures["measure"].isin(dropped)].empty
    assert figures[figures["measure"] == "repatriation_flight_returns_month"].empty
