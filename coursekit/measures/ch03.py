"""The quantities chapter 3 (removals depend on countries of origin) derives from the course data.

Removal figures are US fiscal years (October to September) and count events, not people; the
recalcitrant lists and the section 243(d) visa sanctions in ``removal_cooperation`` are dated by
calendar year.
"""
from __future__ import annotations

import pandas as pd

from ..data import load, value

#: The four nearby countries whose nationals make up most ICE removals.
FOUR = ["Mexico", "Guatemala", "Honduras", "El Salvador"]

#: The countries the MPI article names among the recalcitrant countries of 2020.
MPI_NAMES_2020 = ["China", "Cuba", "India", "Russia"]

#: key_figures measures for the second-hand Venezuela flight counts the course does not ship.
VENEZUELA_FLIGHT_MEASURES = ["venezuela_direct_flights", "venezuela_returned_direct_flights",
                             "repatriation_flight_returns_month"]


# --- private helpers ------------------------------------------------------------------------

def _ice(fiscal_year: int) -> float:
    """ICE removals, all countries, in one fiscal year (one published row)."""
    return float(value("ice_removals", fiscal_year=fiscal_year, country="All", measure="ice_removals"))


def _cooperation(record_type: str) -> pd.DataFrame:
    frame = load("removal_cooperation")
    return frame[frame["record_type"] == record_type]


def _sanctions() -> pd.DataFrame:
    """Section 243(d) visa sanctions: one row per country and calendar year the sanction took effect."""
    return _cooperation("visa_sanction_243d")


def _named_2024() -> pd.DataFrame:
    """The countries press reports name on ICE's partial late-2024 recalcitrant list."""
    listed = _cooperation("recalcitrant")
    return listed[listed["year"] == 2024]


def _removal_share(fiscal_year: int) -> float:
    dhs = dhs_removals_and_returns()
    return float(dhs.loc[fiscal_year, "dhs_removals"] / dhs.loc[fiscal_year].sum())


# --- 3.1 final orders and Zadvydas releases --------------------------------------------------

def zadvydas_share() -> float:
    """Noncitizens with criminal records released under Zadvydas (2013 to July 2016, ICE figures
    cited by the House Oversight Committee) / people with final orders still in the United States
    in July 2016 (a share; a rough scale comparison of two different counts)."""
    releases = value("key_figures", measure="zadvydas_criminal_releases", period="2013 to 2016-07")
    stock = value("key_figures", measure="final_orders_not_departed", period="as of 2016-07")
    return float(releases / stock)


# --- 3.2 removals over time ---------------------------------------------------------------

def ice_removals() -> pd.Series:
    """ICE removals, all countries, by fiscal year FY2008-FY2024 (events; Title 42 expulsions
    are a separate measure and are not included)."""
    frame = load("ice_removals")
    rows = frame[(frame["country"] == "All") & (frame["measure"] == "ice_removals")]
    return rows.set_index("fiscal_year")["count"].astype(float)


def peak_fy() -> int:
    """The fiscal year with the most ICE removals (all countries)."""
    return int(ice_removals().idxmax())


def peak() -> float:
    """ICE removals in their peak fiscal year (events)."""
    return float(ice_removals().max())


def low_fy() -> int:
    """The fiscal year with the fewest ICE removals (all countries)."""
    return int(ice_removals().idxmin())


def low() -> float:
    """ICE removals in their lowest fiscal year (events)."""
    return float(ice_removals().min())


def fall_2019_2021() -> float:
    """The fall in ICE removals from FY2019 to FY2021: 1 - FY2021 / FY2019 (a positive share)."""
    return 1 - _ice(2021) / _ice(2019)


def rebound() -> float:
    """ICE removals in FY2024 / ICE removals in FY2021 (a ratio: how many times larger)."""
    return _ice(2024) / _ice(2021)


def change_2019_2024() -> float:
    """ICE removals in FY2024 / ICE removals in FY2019 - 1 (a relative change)."""
    return _ice(2024) / _ice(2019) - 1


def t42_share_2023() -> float:
    """Title 42 expulsions by ICE in FY2023 / (ICE removals + those expulsions) in FY2023 (a share)."""
    t42 = float(value("ice_removals", fiscal_year=2023, country="All", measure="ice_title42_expulsions"))
    return t42 / (_ice(2023) + t42)


def period_change() -> float:
    """Total ICE removals FY2022-FY2024 / total FY2017-FY2019 - 1 (a relative change, all countries)."""
    ice = ice_removals()
    return float(ice.loc[2022:2024].sum() / ice.loc[2017:2019].sum() - 1)


def dhs_removals_and_returns() -> pd.DataFrame:
    """DHS-wide removals and returns by fiscal year FY2008-FY2019, Yearbook of Immigration
    Statistics 2019 (revised series): columns ``dhs_removals`` and ``dhs_returns`` (events)."""
    frame = load("ice_removals")
    rows = frame[(frame["country"] == "All") & (frame["source"] == "dhs2019yearbook")]
    return rows.pivot(index="fiscal_year", columns="measure", values="count").astype(float)


def removal_share_2008() -> float:
    """DHS removals / (DHS removals + DHS returns) in FY2008, Yearbook 2019 (a share)."""
    return _removal_share(2008)


def removal_share_2019() -> float:
    """DHS removals / (DHS removals + DHS returns) in FY2019, Yearbook 2019 (a share)."""
    return _removal_share(2019)


def ice_share_dhs_2019() -> float:
    """ICE removals / DHS-wide removals (Yearbook 2019) in FY2019 (a share)."""
    return _ice(2019) / float(dhs_removals_and_returns().loc[2019, "dhs_removals"])


def ice_above_dhs() -> pd.Series:
    """For each fiscal year of the Yearbook 2019 series (FY2008-FY2019): whether ICE's reported
    removals exceed DHS-wide removals, which should be impossible if both counted the same thing
    (True or False)."""
    dhs = dhs_removals_and_returns()["dhs_removals"]
    ice = ice_removals().reindex(dhs.index)
    return (ice > dhs).rename("ICE above DHS")


def first_above() -> int:
    """The first fiscal year in which ICE removals exceed DHS-wide removals (Yearbook 2019)."""
    above = ice_above_dhs()
    return int(above[above].index.min())


def last_above() -> int:
    """The last fiscal year in which ICE removals exceed DHS-wide removals (Yearbook 2019)."""
    above = ice_above_dhs()
    return int(above[above].index.max())


def n_above() -> int:
    """The number of fiscal years in which ICE removals exceed DHS-wide removals (Yearbook 2019)."""
    return int(ice_above_dhs().sum())


def revision_2014() -> float:
    """DHS removals in FY2014: Yearbook 2019 figure - preliminary year-end figure of December
    2014 (events; negative when the figure was revised down)."""
    yearbook = value("ice_removals", fiscal_year=2014, country="All", measure="dhs_removals",
                     source="dhs2019yearbook")
    prelim = value("ice_removals", fiscal_year=2014, country="All", measure="dhs_removals",
                   source="dhs2014endyear")
    return float(yearbook - prelim)


def _four_countries() -> pd.DataFrame:
    """ICE removals of the four nearby countries, one column each, in the fiscal years in which
    all four are published."""
    frame = load("ice_removals")
    rows = frame[frame["country"].isin(FOUR) & (frame["measure"] == "ice_removals")]
    return rows.pivot(index="fiscal_year", columns="country", values="count").astype(float).dropna()


def four_share() -> pd.Series:
    """ICE removals of Mexican, Guatemalan, Honduran and Salvadoran nationals together / all ICE
    removals, by fiscal year, in the years in which all four countries are published (a share)."""
    four = _four_countries()
    return (four.sum(axis=1) / ice_removals().loc[four.index]).rename("share of ICE removals")


def mexico_share() -> pd.Series:
    """ICE removals of Mexican nationals / all ICE removals, by fiscal year, in the years in which
    all four nearby countries are published (a share)."""
    four = _four_countries()
    return (four["Mexico"] / ice_removals().loc[four.index]).rename("Mexico alone")


def four_share_2019() -> float:
    """Share of FY2019 ICE removals that were of Mexican and Northern Triangle nationals."""
    return float(four_share().loc[2019])


def four_share_2024() -> float:
    """Share of FY2024 ICE removals that were of Mexican and Northern Triangle nationals."""
    return float(four_share().loc[2024])


def mexico_share_2013() -> float:
    """Share of FY2013 ICE removals that were of Mexican nationals."""
    return float(mexico_share().loc[2013])


def mexico_share_2024() -> float:
    """Share of FY2024 ICE removals that were of Mexican nationals."""
    return float(mexico_share().loc[2024])


# --- 3.3 named recalcitrant countries ------------------------------------------------------

def n_2024_named() -> int:
    """The number of countries press reports name on ICE's partial late-2024 recalcitrant list."""
    return int(len(_named_2024()))


def named_2024_by_region() -> pd.Series:
    """Countries named on the partial late-2024 recalcitrant list, counted by region (number)."""
    return _named_2024().groupby("region").size().rename("countries named")


def mpi_names_on_2024() -> pd.Series:
    """For each country the MPI article names among the 2020 recalcitrant countries (China, Cuba,
    India, Russia): whether press reports name it on the partial late-2024 list (True or False)."""
    listed = set(_named_2024()["country"])
    return pd.Series({name: name in listed for name in MPI_NAMES_2020}, name="named on the 2024 list")


def n_mpi_on_2024() -> int:
    """How many of the MPI article's four 2020 names are named on the partial late-2024 list."""
    return int(mpi_names_on_2024().sum())


# --- 3.4 section 243(d) visa sanctions -----------------------------------------------------

def sanctions_per_year() -> pd.Series:
    """Countries on which section 243(d) visa sanctions took effect, per calendar year, in the
    years with at least one (number)."""
    return _sanctions().groupby("year").size().rename("countries sanctioned")


def n_before_2017() -> int:
    """Section 243(d) sanctions that took effect before calendar year 2017 (number)."""
    return int((_sanctions()["year"] < 2017).sum())


def n_2017() -> int:
    """Section 243(d) sanctions that took effect in calendar year 2017 (number of countries)."""
    return int(sanctions_per_year().loc[2017])


def n_2017_2020() -> int:
    """Section 243(d) sanctions that took effect in calendar years 2017 to 2020 (number)."""
    return int(_sanctions()["year"].between(2017, 2020).sum())


def gap_years() -> int:
    """Calendar years between the first and the second year in which a 243(d) sanction took
    effect (2001 and 2016): how long the tool went almost unused."""
    years = sorted(int(y) for y in _sanctions()["year"].unique())
    return years[1] - years[0]


def cumulative_sanctioned() -> pd.Series:
    """Countries sanctioned under section 243(d) at least once so far, by calendar year 2001-2020:
    each country counts from the year its first sanction took effect, and a year with no new
    sanction repeats the year before (a running total; number of countries)."""
    first = _sanctions().groupby("country")["year"].min().astype(int)
    new = first.value_counts().reindex(range(2001, 2021), fill_value=0).sort_index()
    return new.cumsum().astype(int).rename_axis("year").rename("countries sanctioned so far")


def sanctioned_before_2020() -> pd.DataFrame:
    """Countries sanctioned under section 243(d) from 2001 to 2019, with the calendar year, and
    whether press reports name each on the partial late-2024 recalcitrant list (True or False)."""
    sanctions = _sanctions()
    table = sanctions.loc[sanctions["year"] <= 2019, ["country", "year"]].sort_values(["year", "country"])
    return table.assign(named_on_2024_list=table["country"].isin(set(_named_2024()["country"])))


def n_sanctioned_before_2020() -> int:
    """The number of countries sanctioned under section 243(d) from 2001 to 2019."""
    return int(sanctioned_before_2020()["country"].nunique())


def still_listed() -> int:
    """How many of the countries sanctioned under 243(d) from 2001 to 2019 are named on the
    partial late-2024 recalcitrant list (number of countries)."""
    table = sanctioned_before_2020()
    return int(table.loc[table["named_on_2024_list"], "country"].nunique())


# --- 3.5 Venezuela ------------------------------------------------------------------------

def n_venezuela_flight_figures() -> int:
    """Rows of key_figures holding the second-hand Venezuela flight counts (direct flights, people
    returned on them, monthly repatriation-flight returns): the course ships none, so 0."""
    figures = load("key_figures")
    return int(figures["measure"].isin(VENEZUELA_FLIGHT_MEASURES).sum())


# --- figures the chapter quiz shows or asks for ---------------------------------------------
# (One row each, or a derivation of a few; the chapter itself does not print the derived ones.)

def _dhs_yearbook(fiscal_year: int, measure: str) -> float:
    """One DHS-wide count of the Yearbook 2019 series (``dhs_removals`` or ``dhs_returns``)."""
    return float(value("ice_removals", fiscal_year=fiscal_year, country="All", measure=measure,
                       source="dhs2019yearbook"))


def _key_figure(measure: str, period: str) -> float:
    return float(value("key_figures", measure=measure, period=period))


def final_orders_2016() -> float:
    """People with final orders of removal still in the United States in July 2016 (ICE, as
    cited by the House Oversight Committee majority; people)."""
    return _key_figure("final_orders_not_departed", "as of 2016-07")


def final_orders_2021() -> float:
    """People ordered removed who had not left the United States in January 2021 ("nearly"
    this many: a federal court filing cited by MPI, rounded by the source; people)."""
    return _key_figure("final_orders_not_departed", "as of 2021-01")


def zadvydas_criminal_releases() -> float:
    """Noncitizens with criminal records released under Zadvydas from 2013 to July 2016 (ICE
    figures cited by the House Oversight Committee majority; people)."""
    return _key_figure("zadvydas_criminal_releases", "2013 to 2016-07")


def ice_fy2010() -> float:
    """ICE removals, all countries, in FY2010 (events; TRAC and the press label ICE's totals of
    those years "removals and returns")."""
    return _ice(2010)


def ice_fy2017() -> float:
    """ICE removals, all countries, in FY2017 (events)."""
    return _ice(2017)


def ice_fy2018() -> float:
    """ICE removals, all countries, in FY2018 (events)."""
    return _ice(2018)


def ice_fy2019() -> float:
    """ICE removals, all countries, in FY2019 (events)."""
    return _ice(2019)


def ice_fy2023() -> float:
    """ICE removals, all countries, in FY2023 (events; Title 42 expulsions not included)."""
    return _ice(2023)


def ice_fy2024() -> float:
    """ICE removals, all countries, in FY2024 (events)."""
    return _ice(2024)


def dhs_removals_fy2010() -> float:
    """DHS-wide removals in FY2010, Yearbook 2019 (revised series; events)."""
    return _dhs_yearbook(2010, "dhs_removals")


def dhs_removals_fy2017() -> float:
    """DHS-wide removals in FY2017, Yearbook 2019 (revised series; events)."""
    return _dhs_yearbook(2017, "dhs_removals")


def dhs_returns_fy2017() -> float:
    """DHS-wide returns (departures without a removal order) in FY2017, Yearbook 2019 (events)."""
    return _dhs_yearbook(2017, "dhs_returns")


def dhs_removals_fy2018() -> float:
    """DHS-wide removals in FY2018, Yearbook 2019 (revised series; events)."""
    return _dhs_yearbook(2018, "dhs_removals")


def non_ice_removals_2017() -> float:
    """DHS-wide removals (Yearbook 2019) - ICE removals, FY2017: the removals carried out by DHS
    components other than ICE, mostly CBP (events)."""
    return dhs_removals_fy2017() - _ice(2017)


def t42_fy2023() -> float:
    """Title 42 expulsions carried out by ICE in FY2023, reported separately from its removals
    (events; neither removals nor returns)."""
    return float(value("ice_removals", fiscal_year=2023, country="All", measure="ice_title42_expulsions"))


def removals_plus_t42_2023() -> float:
    """ICE removals + ICE's Title 42 expulsions in FY2023: the sum that would overstate removals
    (events of two different kinds)."""
    return _ice(2023) + t42_fy2023()


def four_fy2019() -> float:
    """ICE removals of Mexican, Guatemalan, Honduran and Salvadoran nationals together, FY2019
    (events)."""
    return float(_four_countries().loc[2019].sum())


def four_fy2024() -> float:
    """ICE removals of Mexican, Guatemalan, Honduran and Salvadoran nationals together, FY2024
    (events)."""
    return float(_four_countries().loc[2024].sum())


def others_fy2019() -> float:
    """ICE removals of nationals of all countries other than the four nearby ones, FY2019: all
    ICE removals - the four countries' removals (events)."""
    return _ice(2019) - four_fy2019()


def others_fy2024() -> float:
    """ICE removals of nationals of all countries other than the four nearby ones, FY2024: all
    ICE removals - the four countries' removals (events)."""
    return _ice(2024) - four_fy2024()


def others_ratio() -> float:
    """ICE removals of nationals of countries other than the four nearby ones in FY2024 / the
    same in FY2019 (a ratio: how many times larger)."""
    return others_fy2024() / others_fy2019()


def recalcitrant_sep2018() -> int:
    """Countries ICE classed as recalcitrant as of 8 September 2018 (CRS, February 2019 update)."""
    return int(_key_figure("recalcitrant_countries", "as of 2018-09"))


def at_risk_sep2018() -> int:
    """Countries ICE classed as at risk of non-compliance as of 8 September 2018 (CRS)."""
    return int(_key_figure("at_risk_countries", "as of 2018-09"))


def recalcitrant_jul2020() -> int:
    """Countries ICE classed as recalcitrant in July 2020 (CRS In Focus, 10 July 2020)."""
    return int(_key_figure("recalcitrant_countries", "as of 2020-07"))


def at_risk_jul2020() -> int:
    """Countries ICE classed as at risk of non-compliance in July 2020 (CRS In Focus)."""
    return int(_key_figure("at_risk_countries", "as of 2020-07"))


def on_either_list_sep2018() -> int:
    """Countries classed recalcitrant + countries classed at risk, as of September 2018 (number
    on either list; each country has one place on ICE's scale)."""
    return recalcitrant_sep2018() + at_risk_sep2018()


def on_either_list_jul2020() -> int:
    """Countries classed recalcitrant + countries classed at risk, July 2020 (number on either
    list; each country has one place on ICE's scale)."""
    return recalcitrant_jul2020() + at_risk_jul2020()
