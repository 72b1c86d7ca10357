"""The quantitative story of chapter 2 (MPP) holds in the data."""
from __future__ import annotations

import pytest

from coursekit.data import load


@pytest.fixture(scope="module")
def mpp():
    return load("mpp")


def count(mpp, series, category, period, source=None):
    rows = mpp[(mpp["series"] == series) & (mpp["category"] == category) & (mpp["period"] == period)]
    if source is not None:
        rows = rows[rows["source"] == source]
    assert len(rows) == 1, (series, category, period, source)
    return int(rows["count"].iloc[0])


def key_figure(measure, period):
    kf = load("key_figures")
    rows = kf[(kf["measure"] == measure) & (kf["period"] == period)]
    assert len(rows) == 1, (measure, period)
    return float(rows["value"].iloc[0])


def test_monthly_cases_rise_and_july_roughly_doubles_june(mpp):
    m = mpp[(mpp["series"] == "enrolled_by_period") & (mpp["category"] == "new MPP court cases")]
    m = m[m["period"].str.fullmatch(r"\d{4}-\d{2}")].set_index("period")["count"].astype(int).sort_index()
    assert list(m.index) == [f"2019-0{i}" for i in range(1, 8)], "TRAC's table runs January-July 2019"
    assert 1.8 <= m["2019-07"] / m["2019-06"] <= 2.2, "the chapter says July about doubled June"
    # monthly figures Jan-Jul add up to within a few cases of TRAC's running total
    total = count(mpp, "enrolled_total", "MPP 1.0 immigration court cases (snapshot)", "2019-01 to 2019-07")
    assert 0 < total - m.loc[:"2019-07"].sum() < 50


def test_trac_exceeds_dhs_and_mpp1_plus_mpp2_falls_short_of_81000(mpp):
    trac = count(mpp, "enrolled_total", "MPP 1.0 immigration court cases", "2019-01 to 2021-01", "tracmpptool")
    dhs = count(mpp, "enrolled_total", "MPP 1.0 individuals enrolled/returned (DHS figure)", "2019-01 to 2021-01")
    mpi = count(mpp, "enrolled_total", "MPP total enrolled (MPI summary)", "2019-2022 (period not stated)")
    mpp2 = count(mpp, "enrolled_total", "MPP 2.0 individuals enrolled (DHS cohort report)", "2021-12 to 2022-06")
    assert trac > dhs and (trac - dhs) / dhs < 0.1, "TRAC cases a little above DHS people"
    assert 0 < mpi - (trac + mpp2) < 1000, "the chapter says MPP 1.0 + MPP 2.0 falls a little short of 81,000"
    assert mpi > trac > dhs > mpp2


def test_mpp2_enrolment_versus_returns(mpp):
    enrolled = count(mpp, "enrolled_total", "MPP 2.0 individuals enrolled (DHS cohort report)", "2021-12 to 2022-06")
    returned = count(mpp, "outcome", "MPP 2.0 returned to Mexico (DHS)", "as of 2022-07")
    disenrolled = count(mpp, "outcome", "MPP 2.0 disenrolled (DHS)", "as of 2022-07")
    assert 0.55 < returned / enrolled < 0.65, "about three in five returned"
    assert returned + disenrolled <= enrolled


def test_outcome_rates_as_stated(mpp):
    p = "as of 2021-01"
    completed = count(mpp, "outcome", "completed", p)
    relief = count(mpp, "outcome", "relief granted", p)
    removal = count(mpp, "outcome", "removal ordered", p)
    absentia = count(mpp, "outcome", "removal ordered in absentia", p)
    assert relief / completed < 0.02, "relief under 2%"
    assert 0.6 < absentia / completed < 0.7, "about two thirds in absentia"
    assert absentia / removal > 0.8, "most removal orders in absentia"
    assert relief + removal < completed, "the 'other' group is positive"
    terminated = count(mpp, "outcome", "case terminated", "as of 2021-06")
    other = completed - removal - relief
    assert 0.5 < terminated / other < 1, "the chapter says terminations are most of the residual group"


def test_relief_rate_never_reaches_two_percent_and_rises(mpp):
    out = mpp[mpp["series"] == "outcome"]
    rates = {}
    for (per, _src), grp in out.groupby(["period", "source"]):
        cats = grp.set_index("category")["count"]
        if "relief granted" in cats and "completed" in cats:
            rates[per] = cats["relief granted"] / cats["completed"]
    assert len(rates) >= 3
    assert max(rates.values()) < 0.02
    ordered = [rates[k] for k in sorted(rates)]
    assert ordered[0] < ordered[-1], "the rate rose as more cases were decided"
    asylum2 = count(mpp, "outcome", "MPP 2.0 asylum granted", "as of 2022-05")
    completed2 = count(mpp, "outcome", "MPP 2.0 completed", "as of 2022-05")
    assert 0.02 < asylum2 / completed2 < 0.03


def test_mpp2_nationalities(mpp):
    dec = mpp[(mpp["series"] == "nationality") & (mpp["period"] == "2021-12")].set_index("category")["count"]
    assert dec.idxmax() == "Nicaragua" and dec["Nicaragua"] / dec.sum() > 0.5
    total = count(mpp, "enrolled_by_period", "MPP 2.0 enrolments (DHS)", "2021-12")
    assert dec.sum() == total, "the chapter says none of December's enrollees came from the Northern Triangle"
    assert not {"Honduras", "Guatemala", "El Salvador"} & set(dec.index)


def test_representation_is_low(mpp):
    assert count(mpp, "represented", "represented (decided cases)", "as of 2019-06") / \
        count(mpp, "outcome", "decided (completed)", "as of 2019-06") < 0.02
    assert key_figure("mpp_represented_share", "as of 2019-11") < key_figure("non_mpp_represented_share", "as of 2019-11")
    assert key_figure("mpp_represented_share", "as of 2019-11") < 0.1
    assert key_figure("ever_represented_share", "2019-01 to 2020-12") < 0.1


def test_wind_down_sources_disagree_in_the_stated_direction(mpp):
    dhs = count(mpp, "outcome", "processed into U.S. during wind-down (DHS)", "2021-02-19 to 2021-05-25")
    trac = count(mpp, "outcome", "transferred into U.S. during wind-down (TRAC)", "as of 2021-05")
    assert dhs > trac
    assert count(mpp, "outcome", "transferred into U.S. during wind-down (TRAC)", "as of 2021-04") < trac


def test_border_encounters_fell_in_fy2020_and_rose_in_fy2021():
    border = load("us_southwest_border")
    swb = border[border["measure"] == "swb_encounters_total"].set_index("fiscal_year")["count"]
    assert swb[2020] < swb[2019] and swb[2021] > swb[2019]
    assert 0.4 < 1 - swb[2020] / swb[2019] < 0.6


def test_harm_tallies_grow_and_dhs_claims_present():
    assert key_figure("hrf_reported_attacks", "as of 2021-02-19") > key_figure("hrf_reported_attacks", "as of 2019-12")
    assert 0 < key_figure("swb_apprehensions_decline_claimed", "May 2019 peak to Sep 2019") < 1
    assert key_figure("mexico_mpp_receptions_after_deal", "2019-06 to 2020-06") > 0
