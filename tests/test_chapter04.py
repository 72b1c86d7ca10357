"""The quantitative claims of chapter 4 (regional pathways) hold in the data.

If a data update breaks one of these, the chapter's prose needs rereading, not just rerunning.
"""
from __future__ import annotations

import pandas as pd
import pytest

from coursekit.data import load
from coursekit.tasks.ch04 import october_reports



def key_figure(measure, period=None):
    frame = load("key_figures")
    rows = frame[frame["measure"] == measure]
    if period is not None:
        rows = rows[rows["period"] == period]
    return rows


@pytest.fixture(scope="module")
def comar():
    asylum = load("mexico_asylum")
    totals = asylum[asylum["nationality"] == "Total"]
    restated = totals[totals["year"] >= 2018]["source"].mode().iloc[0]  # COMAR's July 2024 restatement
    latest = totals[totals["source"] == restated].set_index("year")["applications"]
    first = totals[totals["source"] != restated].set_index("year")["applications"]
    return latest, first


@pytest.fixture(scope="module")
def smo():
    return load("safe_mobility")


def test_la_declaration_counts_grow_with_the_date_of_the_source():
    counts = key_figure("la_declaration_endorsers").set_index("source")["value"]
    assert counts["unhcr2022ladeclaration"] == 20  # at the summit, 10 June 2022
    assert counts["unhcr2022ladeclaration"] < counts["usaid2022ladeclaration"] < counts["whitehouse2024ladfourth"]


def test_four_offices_run_by_unhcr_and_iom(smo):
    profiles = smo[smo["measure"] == "profile"]
    assert sorted(profiles["host_country"]) == ["Colombia", "Costa Rica", "Ecuador", "Guatemala"]
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


def test_the_wire_reports_costa_rica_figure_is_a_slip_that_two_checks_expose(smo):
    regs = smo[(smo["measure"] == "registrations") & (smo["host_country"] != "All")]
    assert sorted(regs["as_of"].unique()) == ["2023-10-17", "2023-12-15"]
    _, printed, second, total = october_reports()
    december = regs[regs["as_of"] == "2023-12-15"].set_index("host_country")["value"]
    # As printed, Costa Rica's cumulative count falls by December: the oddity the chapter flags
    change_printed = december - printed
    assert change_printed.idxmin() == "Costa Rica" and change_printed["Costa Rica"] < 0
    assert (change_printed.drop("Costa Rica") > 0).all()
    # Only Costa Rica is disputed, and the second report's figure is a tenth of the printed one
    assert list(second.index) == ["Costa Rica"]
    assert printed["Costa Rica"] == 10 * second["Costa Rica"]
    corrected = second.combine_first(printed)
    # Check 1: the report's own total ("more than ...") fits only the corrected figure
    assert total < corrected.sum() < 1.05 * total
    assert printed.sum() > 1.4 * total
    # Check 2: the headline share of registrants referred fits only the corrected figure
    referred = smo[(smo["measure"] == "referred_us") & (smo["host_country"] != "All")]
    referred = referred.set_index("host_country")["value"]
    headline = key_figure("smo_referred_share_headline")["value"].iloc[0]
    assert referred.sum() / corrected.sum() == pytest.approx(headline, abs=0.005)
    assert referred.sum() / printed.sum() < headline - 0.02
    # With the corrected figure, every office rises; Colombia has most registrations
    assert ((december - corrected) > 0).all()
    assert december.idxmax() == "Colombia" and december["Colombia"] / december.sum() > 0.5
    # The December office figures stay within the programme-wide "more than" total of four offices
    dec_total = smo[(smo["host_country"] == "All") & (smo["measure"] == "registrations")
                    & (smo["as_of"] == "2023-12-15")]["value"].iloc[0]
    assert 0.9 * dec_total < december.sum() < dec_total


def test_funnel_narrows_from_registrations_to_arrivals(smo):
    programme = smo[smo["host_country"] == "All"]
    stages = ["registrations", "referred_us", "arrived_us"]
    dec = programme[programme["as_of"].str.startswith("2023-12") & programme["measure"].isin(stages)]
    assert sorted(dec["measure"]) == sorted(stages)  # one row per stage
    dec = dec.set_index("measure")["value"]
    share = dec["referred_us"] / dec["registrations"]
    assert 0.09 < share < 0.13  # "about 11%" in the prose and the quiz
    assert dec["arrived_us"] < dec["referred_us"] < dec["registrations"]
    # The earlier vintage (Niskanen, November 2023) is lower, as cumulative counts should be
    nov = programme[programme["as_of"] == "2023-11"].set_index("measure")["value"]
    assert nov["arrived_us"] < dec["arrived_us"] and nov["referred_us"] < dec["referred_us"]


def test_the_slip_reverses_which_office_refers_the_largest_share(smo):
    _, printed, second, _ = october_reports()
    corrected = second.combine_first(printed)
    offices = smo[smo["host_country"] != "All"]
    referred = offices[(offices["measure"] == "referred_us") & (offices["as_of"] == "2023-10-30")]
    referred = referred.set_index("host_country")["value"]
    assert (referred / printed).idxmax() == "Guatemala"
    assert (referred / corrected).idxmax() == "Costa Rica"


def test_chnv_nationalities_add_up_and_haiti_leads():
    lp = load("legal_pathways")
    total = lp[(lp["measure"] == "arrivals (cumulative)") & (lp["period"] == "through 2023-12")]["value"].iloc[0]
    parts = lp[lp["measure"].str.startswith("arrivals: ") & (lp["period"] == "through 2023-12")]
    assert parts["value"].sum() == total
    assert parts.set_index("measure")["value"].idxmax() == "arrivals: Haiti (cumulative)"
    cap = lp[lp["measure"] == "monthly cap (combined four nationalities)"]["value"].iloc[0]
    assert 0.8 < total / 12 / cap < 1  # arrivals ran just under the monthly cap


def test_pathways_are_small_next_to_the_border():
    border = load("us_southwest_border")
    enc = border[(border["fiscal_year"] == 2023) & (border["measure"] == "swb_encounters_total")]["count"].iloc[0]
    lp = load("legal_pathways")
    chnv = lp[(lp["measure"] == "arrivals (cumulative)") & (lp["period"] == "through 2023-12")]["value"].iloc[0]
    cbp = lp[(lp["measure"] == "people who scheduled appointments (cumulative)")
             & (lp["period"] == "2023-01 to 2023-12")]["value"].iloc[0]
    assert 7 < enc / chnv < 8.5
    assert chnv < cbp < enc
    smo = load("safe_mobility")
    arrived = smo[(smo["measure"] == "arrived_us") & (smo["as_of"] == "2023-12-18")]["value"].iloc[0]
    assert arrived / enc < 0.005  # "too few to show on the chart"


def test_cbp_one_demand_far_exceeds_slots():
    lp = load("legal_pathways")
    requests = lp[lp["measure"] == "appointment requests per day"]["value"].iloc[0]
    slots = lp[(lp["measure"] == "appointments available per day") & (lp["period"] == "from 2023-05-12")]["value"].iloc[0]
    assert requests / slots >= 50


def test_dhs_reports_a_large_drop_in_chnv_encounters():
    rows = key_figure("chnv_encounters_7day_average").set_index("period")["value"]
    assert 1 - rows["2023-06 (end of month)"] / rows["2022-12 (mid-month)"] > 0.8


def test_comar_story(comar):
    latest, first = comar
    clean = latest.combine_first(first)
    assert list(clean.index) == list(range(2013, 2024))
    assert clean[2023] / clean[2013] > 100          # "more than a hundredfold"
    assert clean.idxmax() == 2023                    # 2023 is the record
    growth = clean.pct_change()
    assert growth[2020] < 0 and growth[2022] < 0     # the two dips the prose names
    assert growth[2021] > 2 and growth[2019] > 1     # the two jumps
    assert (growth.drop([2013, 2020, 2022]) > 0).all()


def test_comar_vintages_differ_slightly_and_change_the_2023_growth_rate(comar):
    latest, first = comar
    both = first.loc[latest.index]
    revision = (latest - both) / both
    assert revision.abs().max() < 0.02               # "at most ... per cent"
    assert revision.abs().idxmax() == 2021
    assert first[2023] / first[2022] != pytest.approx(latest[2023] / latest[2022], abs=0.005)


def test_haiti_and_honduras_lead_in_the_years_the_prose_names():
    asylum = load("mexico_asylum")
    nat = asylum[asylum["nationality"] != "Total"]
    leaders = nat.loc[nat.groupby("year")["applications"].idxmax()].set_index("year")["nationality"]
    assert leaders[2019] == leaders[2022] == "Honduras"
    assert leaders[2021] == leaders[2023] == "Haiti"


def test_tapachula_receives_more_than_half_of_2023_applications():
    tapachula = key_figure("comar_applications_tapachula", "2023")["value"].iloc[0]
    asylum = load("mexico_asylum")
    source = key_figure("comar_applications_tapachula", "2023")["source"].iloc[0]  # same report
    total = asylum[(asylum["year"] == 2023) & (asylum["nationality"] == "Total")
                   & (asylum["source"] == source)]["applications"].iloc[0]
    assert 0.5 < tapachula / total < 0.6
    resolved = key_figure("comar_resolutions", "2023")["value"].iloc[0]
    positive = key_figure("comar_positive_resolutions", "2023")["value"].iloc[0]
    assert positive < resolved < total               # applications are not recognitions


def test_refugee_ceiling_context():
    ceiling = key_figure("usrap_lac_ceiling", "FY2024")["value"].iloc[0]
    admitted = key_figure("usrap_lac_admissions", "FY2023")["value"].iloc[0]
    assert admitted < ceiling


def test_the_elections_are_in_the_timeline():
    timeline = load("timeline")
    elections = timeline[timeline["category"] == "election"]
    assert sorted(elections["date"].dt.strftime("%Y-%m-%d")) == ["2024-06-02", "2024-11-05"]
