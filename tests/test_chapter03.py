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


def test_list_counts_shrink_from_2016_to_2020(figures):
    def count(measure, period):
        return value(figures, measure=measure, period=period)
    total_2016 = count("recalcitrant_countries", "earlier list (2016)") + count("at_risk_countries", "earlier list (2016)")
    total_2020 = count("recalcitrant_countries", "as of 2020-07") + count("at_risk_countries", "as of 2020-07")
    assert total_2020 < total_2016
    assert count("recalcitrant_countries", "as of 2018-09") < count("recalcitrant_countries", "as of 2020-07")
    assert (count("recalcitrant_countries", "as of 2020-07"), count("at_risk_countries", "as of 2020-07")) == (13, 17)


def test_mpi_names_china_cuba_india_confirmed_for_2020_russia_only_2024(cooperation):
    listed = cooperation[cooperation["record_type"] == "recalcitrant"]
    names_2020 = set(listed.loc[listed["year"] == 2020, "country"])
    assert {"China", "Cuba", "India"} <= names_2020
    assert "Russia" not in names_2020
    assert "Russia" in set(listed.loc[listed["year"] == 2024, "country"])
    assert cooperation[cooperation["record_type"] == "at_risk"].empty, "no at-risk country is confirmed"


def test_asia_dominates_the_2020_list_and_cuba_iran_are_on_all_lists(cooperation):
    listed = cooperation[cooperation["record_type"] == "recalcitrant"]
    list_2020 = listed[listed["year"] == 2020]
    assert list_2020["region"].value_counts().idxmax() == "Asia"
    assert (list_2020["region"] == "Asia").mean() > 0.7
    on_all = set.intersection(*[set(listed.loc[listed["year"] == y, "country"]) for y in (2017, 2020, 2024)])
    assert on_all == {"Cuba", "Iran"}


def test_243d_sanctions_two_before_2017_peak_in_2017(cooperation):
    sanctions = cooperation[cooperation["record_type"] == "visa_sanction_243d"]
    per_year = sanctions.groupby("year").size()
    assert int((sanctions["year"] < 2017).sum()) == 2
    assert int(per_year.idxmax()) == 2017 and int(per_year.max()) == 4
    assert int(sanctions["year"].between(2017, 2020).sum()) == 9


def test_four_of_ten_sanctioned_countries_still_on_feb_2020_list(cooperation):
    sanctions = cooperation[(cooperation["record_type"] == "visa_sanction_243d") & (cooperation["year"] <= 2019)]
    listed = cooperation[(cooperation["record_type"] == "recalcitrant") & (cooperation["year"] == 2020)]
    still = set(sanctions["country"]) & set(listed["country"])
    assert len(sanctions) == 10
    assert still == {"Cambodia", "Eritrea", "Laos", "Pakistan"}


def test_venezuela_direct_flight_figures_are_far_below_cbp_monthly_figures(figures):
    returned = value(figures, measure="venezuela_returned_direct_flights", period="2023-10 to 2024-01")
    flights = value(figures, measure="venezuela_direct_flights", period="2023-10 to 2024-01")
    low = value(figures, measure="repatriation_flight_returns_month", period="2023-10 to 2023-12 (monthly lower bound)")
    january = value(figures, measure="repatriation_flight_returns_month", period="2024-01")
    assert 100 < returned / flights < 150, "about 120 people a flight, as the prose says"
    assert returned < low, "the two figures cannot describe the same flights"
    assert january < low
