"""The quantities chapter 4 (regional pathways, Safe Mobility Offices and the outlook) derives
from the course data.

Safe Mobility figures are cumulative counts to a date (people registered, referred, arrived), as
US officials reported them; CHNV parole and CBP One figures are cumulative over calendar 2023;
Southwest border encounters are for fiscal year 2023 (October 2022 to September 2023) and count
events, not people; COMAR's asylum applications are by calendar year.
"""
from __future__ import annotations

import pandas as pd

from ..data import DataError, load, value

# The mid-December 2023 programme-wide figures (EFE story of 18 December 2023), by stage
_DECEMBER = {"registrations": "2023-12-15", "referred_us": "2023-12-15", "arrived_us": "2023-12-18"}
_BRIEFING = "2023-10-30"  # the press call whose reports give the October office figures


# --- 4.1 the Los Angeles Declaration ----------------------------------------------------------

def _endorsers(source: str) -> int:
    """Countries endorsing the Los Angeles Declaration, as one source counts them."""
    return int(value("key_figures", measure="la_declaration_endorsers", source=source))


def lad_signing() -> int:
    """Countries endorsing the Los Angeles Declaration at the summit, 10 June 2022 (UNHCR; countries)."""
    return _endorsers("unhcr2022ladeclaration")


def lad_usaid() -> int:
    """Countries that had endorsed the declaration "so far", USAID page after October 2022 (countries)."""
    return _endorsers("usaid2022ladeclaration")


def lad_latest() -> int:
    """Countries endorsing the declaration, White House fact sheet of 26 September 2024 (countries)."""
    return _endorsers("whitehouse2024ladfourth")


def lad_added() -> int:
    """Countries that endorsed the declaration after the summit: September 2024 count minus the
    count at the summit (countries)."""
    return lad_latest() - lad_signing()


# --- 4.2 Safe Mobility Offices: the offices and the October figures ---------------------------

def n_hosts() -> int:
    """Number of countries hosting Safe Mobility Offices: one profile row per host (countries)."""
    frame = load("safe_mobility")
    return int((frame["measure"] == "profile").sum())


def _office_registrations() -> pd.DataFrame:
    """Registration rows of the individual offices (not the programme-wide "All" rows)."""
    frame = load("safe_mobility")
    return frame[(frame["measure"] == "registrations") & (frame["host_country"] != "All")]


def _office_dates() -> tuple[str, str]:
    """The two dates with registrations office by office: 17 October and mid-December 2023."""
    dates = sorted(_office_registrations()["as_of"].unique())
    if len(dates) != 2:
        raise DataError(f"safe_mobility: expected registrations by office at two dates, found {dates}")
    return dates[0], dates[1]


def _sources(frame: pd.DataFrame) -> pd.Series:
    """Each row's source keys, as a list (a row may cite several reports: "a;b")."""
    return frame["source"].str.split(";")


def _october() -> pd.DataFrame:
    """Registrations by office on the first reporting date (17 October 2023), from every report."""
    regs = _office_registrations()
    return regs[regs["as_of"] == _office_dates()[0]]


def wire_source() -> str:
    """The source key of the EFE wire report of the 30 October 2023 briefing: the one source with
    a registration figure for every office on 17 October 2023."""
    october = _october()
    keys = october.assign(key=_sources(october)).explode("key")
    offices = keys.groupby("key")["host_country"].nunique()
    full = offices[offices == october["host_country"].nunique()]
    if len(full) != 1:
        raise DataError(f"safe_mobility: expected one source with a figure for every office on "
                        f"{_office_dates()[0]}, found {list(full.index)}")
    return str(full.index.item())


def _from_wire(frame: pd.DataFrame) -> pd.Series:
    wire = wire_source()
    return _sources(frame).apply(lambda keys: wire in keys)


def oct_printed() -> pd.Series:
    """Registrations by office on 17 October 2023 as the EFE wire report prints them (people,
    cumulative), indexed by host_country in alphabetical order (as are the other office series)."""
    october = _october()
    return october[_from_wire(october)].set_index("host_country")["value"].astype(int).sort_index()


def oct_second() -> pd.Series:
    """Registrations on 17 October 2023 as the second report of the same briefing gives them,
    where it differs from the wire report's rows (Costa Rica; people, cumulative)."""
    october = _october()
    return october[~_from_wire(october)].set_index("host_country")["value"].astype(int).sort_index()


def oct_total() -> int:
    """The wire report's own programme-wide registrations on 17 October 2023 ("more than";
    people, cumulative)."""
    return int(value("safe_mobility", host_country="All", measure="registrations",
                     as_of=_office_dates()[0], source=wire_source()))


def oct_corrected() -> pd.Series:
    """Registrations by office on 17 October 2023: the second report's figure where the two
    reports disagree, the wire report's elsewhere (people, cumulative)."""
    return oct_second().combine_first(oct_printed()).astype(int)


def dec_by_office() -> pd.Series:
    """Registrations by office in mid-December 2023 (EFE, 18 December 2023; people, cumulative)."""
    regs = _office_registrations()
    return regs[regs["as_of"] == _office_dates()[1]].set_index("host_country")["value"].astype(int).sort_index()


def registrations_by_date() -> pd.DataFrame:
    """Registrations by office (rows) at the two reporting dates (columns, named ``as_of``), with
    the corrected 17 October figures (people, cumulative)."""
    first, second = _office_dates()
    return pd.DataFrame({first: oct_corrected(), second: dec_by_office()}).rename_axis(columns="as_of")


def growth_by_office_wire() -> pd.Series:
    """Growth of registrations by office from 17 October 2023, with the October figures as the
    EFE wire report prints them, to mid-December 2023: mid-December / 17 October - 1 (shares),
    indexed by host_country. Costa Rica's is negative: with the misprinted October figure its
    cumulative count falls, which a cumulative count cannot do."""
    return (dec_by_office() / oct_printed() - 1).dropna().astype(float).rename("growth")


def n_office_dates() -> int:
    """Number of dates with registrations office by office (one series of bars per date)."""
    return len(registrations_by_date().columns)


def registrations_check() -> pd.DataFrame:
    """By office: the wire report's 17 October figure, the corrected 17 October figure, the
    mid-December figure and the change from the corrected October figure to December (people)."""
    corrected, december = oct_corrected(), dec_by_office()
    return pd.DataFrame({"17 Oct, wire report": oct_printed(), "17 Oct, corrected": corrected,
                         "mid-Dec": december, "change": december - corrected})


def cr_printed() -> int:
    """Costa Rica's registrations on 17 October 2023 as printed in the wire report (people)."""
    return int(oct_printed()["Costa Rica"])


def cr_oct() -> int:
    """Costa Rica's corrected registrations on 17 October 2023, the second report's figure (people)."""
    return int(oct_corrected()["Costa Rica"])


def cr_dec() -> int:
    """Costa Rica's registrations in mid-December 2023 (people, cumulative)."""
    return int(dec_by_office()["Costa Rica"])


def co_dec() -> int:
    """Colombia's registrations in mid-December 2023 (people, cumulative)."""
    return int(dec_by_office()["Colombia"])


def cr_growth() -> float:
    """Growth of Costa Rica's registrations from 17 October 2023 (the corrected figure) to
    mid-December 2023: mid-December / 17 October - 1 (a share)."""
    return cr_dec() / cr_oct() - 1


def sum_dec() -> int:
    """Registrations in mid-December 2023 added over the three offices with their own figures
    (Colombia, Costa Rica, Guatemala; people)."""
    return int(dec_by_office().sum())


def co_share_dec() -> float:
    """Colombia's registrations / the three offices' registrations, mid-December 2023 (a share)."""
    return co_dec() / sum_dec()


def sum_printed() -> int:
    """The wire report's three office figures for 17 October 2023 added up (people)."""
    return int(oct_printed().sum())


def sum_corrected() -> int:
    """The corrected office figures for 17 October 2023 added up (people)."""
    return int(oct_corrected().sum())


def consistent_figure() -> int:
    """Of the two reported 17 October figures for the office the reports disagree on (Costa
    Rica), the one that with the wire report's other office figures adds up closer to the wire
    report's own total (people)."""
    printed, second = oct_printed(), oct_second()
    disputed = [office for office in second.index if office in printed.index and second[office] != printed[office]]
    if len(disputed) != 1:
        raise DataError(f"safe_mobility: expected one office whose two October reports disagree, found {disputed}")
    office = disputed[0]
    others = int(printed.drop(office).sum())
    total = oct_total()
    return min([int(printed[office]), int(second[office])], key=lambda figure: abs(others + figure - total))


def referred_by_office() -> pd.Series:
    """People referred for US resettlement by office, as of the 30 October 2023 briefing."""
    frame = load("safe_mobility")
    referred = frame[(frame["measure"] == "referred_us") & (frame["host_country"] != "All")
                     & (frame["as_of"] == _BRIEFING)]
    return referred.set_index("host_country")["value"].astype(int).sort_index()


def share_printed() -> float:
    """People referred for US resettlement (30 October 2023) / registrations on 17 October 2023,
    three offices together, with the wire report's printed figures (a share)."""
    return int(referred_by_office().sum()) / sum_printed()


def share_corrected() -> float:
    """The same share with the corrected Costa Rica figure (a share)."""
    return int(referred_by_office().sum()) / sum_corrected()


def referral_rate_wire() -> pd.Series:
    """By office: people referred for US resettlement (30 October 2023) / registrations on
    17 October 2023 as the wire report prints them (shares)."""
    return (referred_by_office() / oct_printed()).dropna().astype(float)


def referral_rate_corrected() -> pd.Series:
    """By office: the same share with the corrected 17 October figures (shares)."""
    return (referred_by_office() / oct_corrected()).dropna().astype(float)


def referral_rates() -> pd.DataFrame:
    """The two referral shares by office side by side: with the printed and with the corrected figure."""
    return pd.DataFrame({"with the printed figure": referral_rate_wire(),
                         "with the corrected figure": referral_rate_corrected()})


def cr_rate() -> float:
    """Costa Rica's share of registrants referred for US resettlement, corrected figure (a share)."""
    return float(referral_rate_corrected()["Costa Rica"])


def gt_rate() -> float:
    """Guatemala's share of registrants referred for US resettlement, October 2023 (a share)."""
    return float(referral_rate_corrected()["Guatemala"])


# --- 4.2 the programme-wide funnel, mid-December 2023 -----------------------------------------

def _programme(measure: str, as_of: str) -> int:
    return int(value("safe_mobility", host_country="All", measure=measure, as_of=as_of))


def smo_reg_dec() -> int:
    """People registered with the four offices by mid-December 2023 ("more than"; cumulative)."""
    return _programme("registrations", _DECEMBER["registrations"])


def smo_ref_dec() -> int:
    """People referred for US resettlement by 15 December 2023 ("about"; cumulative)."""
    return _programme("referred_us", _DECEMBER["referred_us"])


def smo_arr_dec() -> int:
    """Refugees from the offices who had arrived in the US by 18 December 2023 ("more than"; cumulative)."""
    return _programme("arrived_us", _DECEMBER["arrived_us"])


def smo_referral_share() -> float:
    """People referred for US resettlement / people registered, mid-December 2023 (a share)."""
    return smo_ref_dec() / smo_reg_dec()


def smo_arrival_share() -> float:
    """Refugees arrived in the US / people referred for US resettlement, mid-December 2023 (a share)."""
    return smo_arr_dec() / smo_ref_dec()


def funnel() -> pd.DataFrame:
    """The mid-December 2023 funnel: each stage (registered, referred for US resettlement,
    arrived in the US), its people (cumulative) and its share of those registered."""
    people = [smo_reg_dec(), smo_ref_dec(), smo_arr_dec()]
    table = pd.DataFrame({"stage": ["Registered", "Referred for US resettlement", "Arrived in the US"],
                          "people": people})
    return table.assign(share_of_registered=table["people"] / smo_reg_dec())


# --- 4.3 CHNV parole and CBP One --------------------------------------------------------------

def _pathway(program: str, measure: str, period: str) -> int:
    return int(value("legal_pathways", program=program, measure=measure, period=period))


def chnv_2023() -> int:
    """CHNV nationals who arrived through the parole processes, January to December 2023
    (CBP; people, cumulative)."""
    return _pathway("CHNV parole", "arrivals (cumulative)", "through 2023-12")


def chnv_cap() -> int:
    """The combined monthly cap of the CHNV parole processes from January 2023 (travel
    authorisations per month)."""
    return _pathway("CHNV parole", "monthly cap (combined four nationalities)", "from 2023-01")


def chnv_by_nationality() -> pd.Series:
    """CHNV arrivals by nationality (Cuba, Haiti, Nicaragua, Venezuela), January to December 2023
    (people, cumulative). Raises DataError unless they add up to the published total."""
    frame = load("legal_pathways")
    rows = frame[frame["measure"].str.startswith("arrivals: ") & (frame["period"] == "through 2023-12")]
    by_nationality = rows.set_index("measure")["value"].astype(int)
    by_nationality.index = by_nationality.index.str.replace("arrivals: ", "").str.replace(" (cumulative)", "")
    by_nationality.index.name = "nationality"
    if int(by_nationality.sum()) != chnv_2023():
        raise DataError(f"legal_pathways: the CHNV arrivals by nationality add up to {int(by_nationality.sum())}, "
                        f"not to the published total of {chnv_2023()}")
    return by_nationality


def chnv_haiti_share() -> float:
    """Haitian arrivals / all CHNV arrivals, January to December 2023 (a share)."""
    return int(chnv_by_nationality()["Haiti"]) / chnv_2023()


def chnv_monthly() -> float:
    """CHNV arrivals in calendar 2023 / 12: the average arrivals per month (people per month)."""
    return chnv_2023() / 12


def chnv_cap_use() -> float:
    """Average CHNV arrivals per month in 2023 / the combined monthly cap (a share)."""
    return chnv_monthly() / chnv_cap()


def cbp_may_cap() -> int:
    """CBP One appointments available per day from 12 May 2023 (appointments per day)."""
    return _pathway("CBP One", "appointments available per day", "from 2023-05-12")


def cbp_requests() -> int:
    """CBP One appointment requests per day, May 2023 ("about"; requests per day)."""
    return _pathway("CBP One", "appointment requests per day", "2023-05")


def cbp_ratio() -> float:
    """CBP One requests per day / appointments available per day, May 2023 (requests per appointment)."""
    return cbp_requests() / cbp_may_cap()


def cbp_2023() -> int:
    """People who scheduled CBP One appointments, January to December 2023 (people, cumulative)."""
    return _pathway("CBP One", "people who scheduled appointments (cumulative)", "2023-01 to 2023-12")


# --- 4.3 the pathways against the border ------------------------------------------------------

def enc_fy2023() -> int:
    """Southwest border encounters in fiscal year 2023 (October 2022 to September 2023; events)."""
    return int(value("us_southwest_border", fiscal_year=2023, measure="swb_encounters_total"))


def _per_100_encounters(count: int) -> float:
    return 100 * count / enc_fy2023()


def scale() -> pd.DataFrame:
    """Each flow of 2023 (border encounters in FY2023; CBP One appointments and CHNV arrivals in
    calendar 2023; Safe Mobility referrals and arrivals June to December 2023), its people or
    events, and the same per 100 FY2023 border encounters."""
    table = pd.DataFrame({
        "flow": ["Southwest border encounters (FY2023)",
                 "CBP One: scheduled appointments (Jan-Dec 2023)",
                 "CHNV parole: arrivals (Jan-Dec 2023)",
                 "Safe Mobility: referred to US (Jun-Dec 2023)",
                 "Safe Mobility: arrived in US (Jun-Dec 2023)"],
        "people_or_events": [enc_fy2023(), cbp_2023(), chnv_2023(), smo_ref_dec(), smo_arr_dec()],
    })
    return table.assign(per_100_encounters=table["people_or_events"].map(_per_100_encounters))


def enc_to_chnv() -> float:
    """Southwest border encounters in FY2023 / CHNV arrivals in calendar 2023 (a ratio; the two
    periods overlap by nine months)."""
    return enc_fy2023() / chnv_2023()


def pathways_per_100() -> float:
    """CBP One appointments plus CHNV arrivals in calendar 2023, per 100 FY2023 border encounters."""
    return _per_100_encounters(cbp_2023()) + _per_100_encounters(chnv_2023())


def smo_per_100() -> float:
    """Safe Mobility refugees arrived in the US by 18 December 2023, per 100 FY2023 border encounters."""
    return _per_100_encounters(smo_arr_dec())


def enc_per_smo_arrival() -> float:
    """Southwest border encounters in FY2023 / Safe Mobility refugees arrived in the US by
    18 December 2023 (encounters per arrival; events over people, and the periods differ)."""
    return enc_fy2023() / smo_arr_dec()


def chnv_enc_drop() -> float:
    """The fall in the DHS 7-day average of CHNV nationals encountered between ports per day,
    from mid-December 2022 to the end of June 2023: 1 - after / before (a share)."""
    before = value("key_figures", measure="chnv_encounters_7day_average", period="2022-12 (mid-month)")
    after = value("key_figures", measure="chnv_encounters_7day_average", period="2023-06 (end of month)")
    return float(1 - after / before)


# --- 4.4 asylum applications in Mexico (COMAR), calendar years --------------------------------

def _comar_totals() -> pd.DataFrame:
    frame = load("mexico_asylum")
    return frame[frame["nationality"] == "Total"]


def restated_source() -> str:
    """The source key of COMAR's July 2024 restatement of its totals: the one source that covers
    every year from 2018. Raises DataError if two sources are tied for it."""
    totals = _comar_totals()
    modes = totals[totals["year"] >= 2018]["source"].mode()
    if len(modes) != 1:
        raise DataError(f"mexico_asylum: expected one source that covers the years from 2018, found {list(modes)}")
    return str(modes.item())


def comar_restated() -> pd.Series:
    """Asylum applications in Mexico by calendar year, COMAR's July 2024 restatement (2018-2023; people)."""
    totals = _comar_totals()
    return totals[totals["source"] == restated_source()].set_index("year")["applications"].astype(int)


def comar_first_published() -> pd.Series:
    """Asylum applications in Mexico by calendar year, the figure first published for each year
    (2013-2023; people)."""
    totals = _comar_totals()
    return totals[totals["source"] != restated_source()].set_index("year")["applications"].astype(int)


def comar() -> pd.Series:
    """One clean series of asylum applications in Mexico by calendar year, 2013-2023: the July
    2024 restatement where it exists, else the first published figure (people)."""
    clean = comar_restated().combine_first(comar_first_published())
    return clean.astype(int).rename("applications")


def comar_growth() -> pd.Series:
    """Growth of asylum applications in Mexico over the previous calendar year, 2014-2023, on the
    clean series: (this year - last year) / last year (shares)."""
    return comar().astype(float).pct_change().dropna().rename("growth")


def _growth_in(year: int) -> float:
    return float(comar_growth().loc[year])


def comar_2019_growth() -> float:
    """Growth of asylum applications in Mexico from 2018 to 2019, clean series (a share)."""
    return _growth_in(2019)


def comar_2020_growth() -> float:
    """Growth of asylum applications in Mexico from 2019 to 2020, clean series (a share)."""
    return _growth_in(2020)


def comar_2021_growth() -> float:
    """Growth of asylum applications in Mexico from 2020 to 2021, clean series (a share)."""
    return _growth_in(2021)


def comar_2022_growth() -> float:
    """Growth of asylum applications in Mexico from 2021 to 2022, clean series (a share)."""
    return _growth_in(2022)


def comar_2023_growth() -> float:
    """Growth of asylum applications in Mexico from 2022 to 2023, clean series (a share)."""
    return _growth_in(2023)


def comar_first_year() -> int:
    """The first calendar year of the COMAR series (2013)."""
    return int(comar().index.min())


def comar_last_year() -> int:
    """The last calendar year of the COMAR series (2023)."""
    return int(comar().index.max())


def comar_first() -> int:
    """Asylum applications in Mexico in the first year of the series (people)."""
    return int(comar().loc[comar_first_year()])


def comar_last() -> int:
    """Asylum applications in Mexico in the last year of the series, clean series (people)."""
    return int(comar().loc[comar_last_year()])


def comar_multiple() -> float:
    """Applications in the last year / applications in the first year, 2023 over 2013 (times)."""
    return comar_last() / comar_first()


def _report_total(source: str, year: int) -> int:
    """COMAR's total for one calendar year as one report gives it."""
    return int(value("mexico_asylum", year=year, nationality="Total", source=source))


def tapachula_share() -> float:
    """Applications filed in Tapachula / all applications, calendar 2023, both from COMAR's
    year-end report (a share)."""
    source = value("key_figures", column="source", measure="comar_applications_tapachula", period="2023")
    tapachula = value("key_figures", measure="comar_applications_tapachula", period="2023")
    return float(tapachula / _report_total(source, 2023))


def haiti_share_2023() -> float:
    """Applications by Haitians / all applications, calendar 2023, both from COMAR's year-end
    report (a share)."""
    haiti = value("mexico_asylum", year=2023, nationality="Haiti")
    source = value("mexico_asylum", column="source", year=2023, nationality="Haiti")
    return haiti / _report_total(source, 2023)


def comar_revisions() -> pd.DataFrame:
    """By calendar year 2018-2023: the first-published total, COMAR's July 2024 restatement and
    the revision in per cent of the first-published figure (restated - first) / first x 100."""
    both = pd.concat([comar_first_published().rename("first_published"),
                      comar_restated().rename("restated_2024")], axis=1).dropna().astype(int)
    revision = 100 * (both["restated_2024"] - both["first_published"]) / both["first_published"]
    return both.assign(revision_pct=revision)


def max_revision() -> float:
    """The largest revision of any year's total, in absolute value (per cent)."""
    return float(comar_revisions()["revision_pct"].abs().max())


def revision_2021() -> float:
    """The revision of COMAR's 2021 total between the first-published figure and the July 2024
    restatement (per cent; negative means revised down)."""
    return float(comar_revisions().loc[2021, "revision_pct"])


def rev_2021_first() -> int:
    """COMAR's 2021 total as first announced (people)."""
    return int(comar_revisions().loc[2021, "first_published"])


def rev_2021_restated() -> int:
    """COMAR's 2021 total as restated in July 2024 (people)."""
    return int(comar_revisions().loc[2021, "restated_2024"])


def growth_2023_first() -> float:
    """Growth from 2022 to 2023 computed on the two first-published totals (a share)."""
    first = comar_first_published()
    return float(first.loc[2023] / first.loc[2022] - 1)


def growth_2023_restated() -> float:
    """Growth from 2022 to 2023 computed on the two totals of the July 2024 restatement (a share)."""
    restated = comar_restated()
    return float(restated.loc[2023] / restated.loc[2022] - 1)


def rev_2022_first() -> int:
    """COMAR's 2022 total as first announced (people)."""
    return int(comar_revisions().loc[2022, "first_published"])


def rev_2022_restated() -> int:
    """COMAR's 2022 total as restated in July 2024 (people)."""
    return int(comar_revisions().loc[2022, "restated_2024"])


def rev_2023_first() -> int:
    """COMAR's 2023 total as first announced (people)."""
    return int(comar_revisions().loc[2023, "first_published"])


def rev_2023_restated() -> int:
    """COMAR's 2023 total as restated in July 2024 (people)."""
    return int(comar_revisions().loc[2023, "restated_2024"])


def growth_2023_mixed() -> float:
    """Growth from 2022 to 2023 computed on a mixture of vintages, the mistake the chapter warns
    against: the first-published 2023 total / the restated 2022 total - 1 (a share)."""
    return rev_2023_first() / rev_2022_restated() - 1


def growth_2021_2023_restated() -> float:
    """Growth over two calendar years, 2021 to 2023, on the totals of the July 2024 restatement:
    2023 / 2021 - 1 (a share)."""
    restated = comar_restated()
    return float(restated.loc[2023] / restated.loc[2021] - 1)
