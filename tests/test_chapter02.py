"""The quantitative story of chapter 2 (MPP) holds in the data.

Each test asserts what the chapter says about its numbers by calling the measures of
:mod:`coursekit.measures.ch02`; single published figures are looked up with
:func:`coursekit.data.value`.
"""
from __future__ import annotations

from coursekit.data import value
from coursekit.measures import ch02 as m


def _figure(measure: str, period: str) -> float:
    return value("key_figures", measure=measure, period=period)


def _outcome(category: str, period: str) -> int:
    return value("mpp", series="outcome", category=category, period=period)


def test_monthly_cases_rise_and_july_roughly_doubles_june():
    assert m.monthly_cases()["period"].tolist() == [f"2019-0{i}" for i in range(1, 8)], \
        "TRAC's table runs January-July 2019"
    assert 1.8 <= m.july_ratio() <= 2.2, "the chapter says July about doubled June"
    # monthly figures Jan-Jul add up to within a few cases of TRAC's running total
    assert 0 < m.july_total_gap() < 50


def test_trac_exceeds_dhs_and_mpp1_plus_mpp2_falls_short_of_81000():
    assert m.gap() > 0 and m.gap_share() < 0.1, "TRAC cases a little above DHS people"
    assert 0 < m.short_of_mpi() < 1000, "the chapter says MPP 1.0 + MPP 2.0 falls a little short of 81,000"
    assert m.mpi_total() > m.trac_total() > m.dhs_total() > m.mpp2_enrolled()
    assert m.enrolment_totals()["count"].tolist()[:4] == [m.trac_total(), m.dhs_total(), m.mpi_total(),
                                                          m.mpp2_enrolled()], "the totals table shows the same"


def test_mpp2_enrolment_versus_returns():
    assert 0.55 < m.mpp2_returned_share() < 0.65, "about three in five returned"
    assert m.mpp2_neither() >= 0, "returned plus disenrolled is no more than enrolled"


def test_outcome_rates_as_stated():
    assert m.relief_rate() < 0.02, "relief under 2%"
    assert 0.6 < m.in_absentia_share() < 0.7, "about two thirds in absentia"
    assert m.in_absentia_of_removals() > 0.8, "most removal orders in absentia"
    assert m.other() > 0, "the 'other' group is positive"
    assert 0.5 < m.terminated_share_of_other() < 1, "the chapter says terminations are most of the residual group"


def test_relief_rate_never_reaches_two_percent_and_rises():
    rates = m.relief_rate_snapshots().sort_values("period")["relief rate"].tolist()
    assert len(rates) >= 3
    assert max(rates) < 0.02
    assert rates[0] < rates[-1], "the rate rose as more cases were decided"
    assert m.relief_rate() in rates, "the January 2021 rate is one of the snapshots"
    assert 0.02 < m.mpp2_rate() < 0.03


def test_mpp2_nationalities():
    shares = m.nationality_shares()
    assert shares.idxmax() == "Nicaragua" and m.nic_share() > 0.5
    assert m.dec2021_listed() == m.dec2021_total(), \
        "the chapter says none of December's enrollees came from the Northern Triangle"
    assert not {"Honduras", "Guatemala", "El Salvador"} & set(shares.index)


def test_representation_is_low():
    assert m.rep_2019() < 0.02
    assert _figure("mpp_represented_share", "as of 2019-11") < _figure("non_mpp_represented_share", "as of 2019-11")
    assert _figure("mpp_represented_share", "as of 2019-11") < 0.1
    assert _figure("ever_represented_share", "2019-01 to 2020-12") < 0.1


def test_wind_down_sources_disagree_in_the_stated_direction():
    dhs = _outcome("processed into U.S. during wind-down (DHS)", "2021-02-19 to 2021-05-25")
    trac = _outcome("transferred into U.S. during wind-down (TRAC)", "as of 2021-05")
    assert dhs > trac
    assert _outcome("transferred into U.S. during wind-down (TRAC)", "as of 2021-04") < trac


def test_border_encounters_fell_in_fy2020_and_rose_in_fy2021():
    swb = m.swb_encounters()
    assert swb[2020] < swb[2019] and swb[2021] > swb[2019]
    assert 0.4 < m.swb_drop() < 0.6


def test_harm_tallies_grow_and_dhs_claims_present():
    assert _figure("hrf_reported_attacks", "as of 2021-02-19") > _figure("hrf_reported_attacks", "as of 2019-12")
    assert 0 < _figure("swb_apprehensions_decline_claimed", "May 2019 peak to Sep 2019") < 1
    assert _figure("mexico_mpp_receptions_after_deal", "2019-06 to 2020-06") > 0
