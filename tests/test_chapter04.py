"""The quantitative claims of chapter 4 (regional pathways) hold in the data.

Each test calls the measures the chapter pastes (coursekit.measures.ch04) or looks up one
published row with coursekit.data.value; none recomputes a measure.
If a data update breaks one of these, the chapter's prose needs rereading, not just rerunning.
"""
from __future__ import annotations

import pandas as pd
import pytest

from coursekit.data import DataError, load, value
from coursekit.measures import ch04 as m


def key_figure(measure, period):
    """One published row of key_figures."""
    return value("key_figures", measure=measure, period=period)


def test_la_declaration_counts_grow_with_the_date_of_the_source():
    assert m.lad_signing() == 20  # at the summit, 10 June 2022
    assert m.lad_signing() < m.lad_usaid() < m.lad_latest()
    assert m.lad_added() > 0      # "more countries signed up after the summit"


def test_four_offices_run_by_unhcr_and_iom():
    smo = load("safe_mobility")
    profiles = smo[smo["measure"] == "profile"]
    assert sorted(profiles["host_country"]) == ["Colombia", "Costa Rica", "Ecuador", "Guatemala"]
    assert m.n_hosts() == 4
    assert (profiles["operators"] == "UNHCR; IOM").all()
    by_host = profiles.set_index("host_country")
    opened = by_host["opened"]
    # Ecuador: 18 October 2023 is the eligibility cut-off, not an opening date; the date online
    # applications opened could not be confirmed in a producer source, so it is left blank.
    assert pd.isna(opened["Ecuador"])
    others = opened.drop("Ecuador")
    assert others.notna().all() and (others < pd.Timestamp("2023-07-01")).all()
    # The State Department's announcement settles it: Colombians were eligible in Ecuador only.
    assert "Colombians" in by_host.loc["Ecuador", "eligible_population"]
    assert "Colombians not eligible" in by_host.loc["Colombia", "eligible_population"]


def test_the_wire_reports_costa_rica_figure_is_a_slip_that_two_checks_expose():
    assert list(m.registrations_by_date().columns) == ["2023-10-17", "2023-12-15"]
    assert m.n_office_dates() == 2
    assert m.wire_source() == "infobae2023youth"  # the EFE wire copy of the 30 October call
    printed, december = m.oct_printed(), m.dec_by_office()
    # As printed, Costa Rica's cumulative count falls by December: the oddity the chapter flags
    rises = december.gt(printed)  # office by office
    assert list(rises[~rises].index) == ["Costa Rica"]
    assert m.cr_dec() < m.cr_printed()
    # Only Costa Rica is disputed, and the second report's figure is a tenth of the printed one
    assert list(m.oct_second().index) == ["Costa Rica"]
    assert m.cr_printed() == 10 * m.cr_oct()
    assert m.cr_oct() == int(m.oct_second()["Costa Rica"])
    # Check 1: the report's own total ("more than ...") fits only the corrected figure
    total = m.oct_total()
    assert total < m.sum_corrected() < 1.05 * total
    assert m.sum_printed() > 1.4 * total
    assert m.consistent_figure() == m.cr_oct()
    # Check 2: the headline share of registrants referred fits only the corrected figure
    headline = key_figure("smo_referred_share_headline", "2023-10-30")
    assert m.share_corrected() == pytest.approx(headline, abs=0.005)
    assert m.share_printed() < headline - 0.02
    # With the corrected figure, every office rises; Colombia has most registrations
    assert (m.registrations_check()["change"] > 0).all()
    assert december.idxmax() == "Colombia" and m.co_share_dec() > 0.5
    # The December office figures stay within the programme-wide "more than" total of four offices
    assert 0.9 * m.smo_reg_dec() < m.sum_dec() < m.smo_reg_dec()


def test_funnel_narrows_from_registrations_to_arrivals():
    smo = load("safe_mobility")
    programme = smo[smo["host_country"] == "All"]
    stages = ["registrations", "referred_us", "arrived_us"]
    dec = programme[programme["as_of"].str.startswith("2023-12") & programme["measure"].isin(stages)]
    assert sorted(dec["measure"]) == sorted(stages)  # one December 2023 row per stage
    assert 0.09 < m.smo_referral_share() < 0.13  # "about 11%" in the prose and the quiz
    assert m.smo_arr_dec() < m.smo_ref_dec() < m.smo_reg_dec()
    assert list(m.funnel()["people"]) == [m.smo_reg_dec(), m.smo_ref_dec(), m.smo_arr_dec()]
    # The earlier vintage (Niskanen, November 2023) is lower, as cumulative counts should be
    nov = {stage: value(smo, host_country="All", measure=stage, as_of="2023-11") for stage in stages[1:]}
    assert nov["arrived_us"] < m.smo_arr_dec() and nov["referred_us"] < m.smo_ref_dec()


def test_the_slip_reverses_which_office_refers_the_largest_share():
    assert m.referral_rate_wire().idxmax() == "Guatemala"
    assert m.referral_rate_corrected().idxmax() == "Costa Rica"
    assert m.cr_rate() > m.gt_rate()


def test_chnv_nationalities_add_up_and_haiti_leads():
    by_nationality = m.chnv_by_nationality()  # refuses nationalities that do not add up
    assert sorted(by_nationality.index) == ["Cuba", "Haiti", "Nicaragua", "Venezuela"]
    assert by_nationality.sum() == m.chnv_2023()
    assert by_nationality.idxmax() == "Haiti"
    assert 0.8 < m.chnv_cap_use() < 1  # arrivals ran just under the monthly cap


def test_pathways_are_small_next_to_the_border():
    assert 7 < m.enc_to_chnv() < 8.5
    assert m.chnv_2023() < m.cbp_2023() < m.enc_fy2023()
    assert m.smo_per_100() < 0.5  # "too few to show on the chart": under 0.5% of encounters


def test_cbp_one_demand_far_exceeds_slots():
    assert m.cbp_ratio() >= 50


def test_dhs_reports_a_large_drop_in_chnv_encounters():
    assert m.chnv_enc_drop() > 0.8


def test_comar_story():
    assert list(m.comar().index) == list(range(2013, 2024))
    assert (m.comar_first_year(), m.comar_last_year()) == (2013, 2023)
    assert m.comar_multiple() > 100                  # "more than a hundredfold"
    assert m.comar().idxmax() == 2023                # 2023 is the record
    growth = m.comar_growth()
    assert list(growth.index) == list(range(2014, 2024))
    assert m.comar_2020_growth() < 0 and m.comar_2022_growth() < 0   # the two dips the prose names
    assert m.comar_2021_growth() > 2 and m.comar_2019_growth() > 1   # the two jumps
    assert (growth.drop([2020, 2022]) > 0).all()
    assert m.comar_2023_growth() > 0


def test_the_restatement_is_the_one_source_covering_every_year_from_2018(monkeypatch):
    assert m.restated_source() == "departamento19comar2024"
    assert list(m.comar_restated().index) == list(range(2018, 2024))
    # two sources tied for the years from 2018: the key is refused, not picked at random
    asylum = load("mexico_asylum")
    totals = asylum[asylum["nationality"] == "Total"]
    tied = totals[(totals["source"] != "departamento19comar2024") | (totals["year"] <= 2020)]
    monkeypatch.setattr(m, "load", lambda name: tied)
    with pytest.raises(DataError, match="expected one source"):
        m.restated_source()


def test_comar_vintages_differ_slightly_and_change_the_2023_growth_rate():
    assert m.max_revision() < 2                      # "at most ... per cent"
    assert m.comar_revisions()["revision_pct"].abs().idxmax() == 2021
    assert m.revision_2021() < 0 and m.rev_2021_restated() < m.rev_2021_first()
    assert m.growth_2023_first() != pytest.approx(m.growth_2023_restated(), abs=0.005)
    assert m.growth_2023_restated() == m.comar_2023_growth()  # the clean series is restated in 2023


def test_haiti_and_honduras_lead_in_the_years_the_prose_names():
    asylum = load("mexico_asylum")
    nat = asylum[asylum["nationality"] != "Total"]
    leaders = nat.loc[nat.groupby("year")["applications"].idxmax()].set_index("year")["nationality"]
    assert leaders[2019] == leaders[2022] == "Honduras"
    assert leaders[2021] == leaders[2023] == "Haiti"
    assert 0.25 < m.haiti_share_2023() < 0.5


def test_tapachula_receives_more_than_half_of_2023_applications():
    assert 0.5 < m.tapachula_share() < 0.6
    source = value("key_figures", column="source", measure="comar_applications_tapachula", period="2023")
    total = value("mexico_asylum", year=2023, nationality="Total", source=source)  # the same report
    resolved = key_figure("comar_resolutions", "2023")
    positive = key_figure("comar_positive_resolutions", "2023")
    assert positive < resolved < total               # applications are not recognitions


def test_refugee_ceiling_context():
    assert key_figure("usrap_lac_admissions", "FY2023") < key_figure("usrap_lac_ceiling", "FY2024")


def test_the_elections_are_in_the_timeline():
    timeline = load("timeline")
    elections = timeline[timeline["category"] == "election"]
    assert sorted(elections["date"].dt.strftime("%Y-%m-%d")) == ["2024-06-02", "2024-11-05"]
