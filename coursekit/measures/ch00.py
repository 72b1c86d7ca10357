"""The quantities chapter 0 (working with the course data) derives from the course data.

Chapter 0 teaches the pandas operations that the exercises use. Its worked examples compute each
of these quantities in the open, one step at a time, because the steps are the lesson; the
functions here compute the same quantities once, for the numbers pasted into the prose, the
checks of ``exercises/00_working_with_data`` and the quiz. A hidden cell after each worked
example asserts that the example and the function agree.

Where a later chapter already defines a quantity (the wide table of Border Patrol apprehensions,
Mexico's series of apprehensions, ICE's removals), this module builds on that definition rather
than repeating it.

US figures are fiscal years (October to September), Mexican figures calendar years; every count
is of events (apprehensions, encounters, removals), not of people.
"""
from __future__ import annotations

import pandas as pd

from ..data import load
from . import ch01, ch03

NORTHERN_TRIANGLE = ch01.NORTHERN_TRIANGLE
FOUR = ["Mexico", *NORTHERN_TRIANGLE]  # the four nationalities whose ICE removals are published


def _usbp() -> pd.DataFrame:
    """The Border Patrol (Title 8) rows of the citizenship table, in long form."""
    table = load("us_border_by_citizenship")
    return table[table["measure"] == "usbp_apprehensions"]


def _total() -> pd.Series:
    """All Border Patrol southwest border apprehensions by fiscal year, FY2000-FY2019 (events)."""
    return ch01.usbp_by_citizenship()["Total"]


# --- 0.1 and 0.2 one table, one value, the rows you need -------------------------------------------

def citizenship_rows() -> int:
    """Rows of the table us_border_by_citizenship, each one published count (a number of rows)."""
    return len(load("us_border_by_citizenship"))


def usbp_rows() -> int:
    """Rows of us_border_by_citizenship whose measure is usbp_apprehensions (a number of rows)."""
    return len(_usbp())


# --- 0.3 one column per citizenship -----------------------------------------------------------------

def complete_years() -> int:
    """Fiscal years FY2000-FY2019 in which the table publishes all five citizenships (a number of years)."""
    return len(ch01.usbp_by_citizenship().dropna())


def first_complete_year() -> int:
    """The first fiscal year in which the table publishes all five citizenships (a fiscal year)."""
    return int(ch01.usbp_by_citizenship().dropna().index.min())


# --- 0.4 a ratio, a share, a change -----------------------------------------------------------------

def total_ratio_2019_2017() -> float:
    """All Border Patrol southwest border apprehensions, FY2019 / FY2017 (a ratio)."""
    return float(_total().loc[2019] / _total().loc[2017])


def total_change_2017_2019() -> float:
    """Relative change of all Border Patrol apprehensions from FY2017 to FY2019, over two years
    (FY2019 / FY2017 - 1; the quiz asks how it differs from the ratio)."""
    return total_ratio_2019_2017() - 1


def total_fy2014() -> int:
    """All Border Patrol southwest border apprehensions in FY2014 (events; the quiz's table)."""
    return int(_total().loc[2014])


def total_ratio_2014_2017() -> float:
    """All Border Patrol southwest border apprehensions, FY2014 / FY2017 (a ratio; the quiz asks for it)."""
    return float(_total().loc[2014] / _total().loc[2017])


def mexican_share() -> pd.Series:
    """Apprehensions of Mexican nationals / all Border Patrol southwest border apprehensions,
    each fiscal year FY2000-FY2019 (shares)."""
    wide = ch01.usbp_by_citizenship()
    return wide["Mexico"] / wide["Total"]


def mexican_share_2019() -> float:
    """Mexican nationals' share of Border Patrol southwest border apprehensions, FY2019 (a share)."""
    return float(mexican_share().loc[2019])


def lowest_share_year() -> int:
    """The fiscal year in which Mexican nationals' share of apprehensions was lowest (a fiscal year)."""
    return int(mexican_share().idxmin())


def total_change() -> pd.Series:
    """Relative change of all Border Patrol apprehensions from each fiscal year to the next,
    FY2001-FY2019 (this year / last year - 1; the first year has none)."""
    return _total().pct_change().dropna()


def total_change_2019() -> float:
    """Relative change of all Border Patrol apprehensions from FY2018 to FY2019 (FY2019 / FY2018 - 1)."""
    return float(total_change().loc[2019])


def total_diff_2019() -> int:
    """All Border Patrol apprehensions, FY2019 minus FY2018 (events)."""
    return int(_total().diff().loc[2019])


def total_low_year() -> int:
    """The fiscal year FY2000-FY2019 with the fewest Border Patrol apprehensions (a fiscal year)."""
    return int(_total().idxmin())


# --- 0.5 groups, gaps and extremes ------------------------------------------------------------------

def _nt_rows() -> pd.DataFrame:
    usbp = _usbp()
    return usbp[usbp["citizenship"].isin(NORTHERN_TRIANGLE)]


def nt_rows_by_year() -> pd.Series:
    """How many of the three Northern Triangle countries the table publishes, each fiscal year in
    which it publishes one or more (a number of rows)."""
    return _nt_rows().groupby("fiscal_year").size()


def nt_by_year() -> pd.Series:
    """Border Patrol apprehensions of the Northern Triangle countries added up by a group sum, each
    fiscal year in which one or more is published; a year with fewer than three published
    countries adds up fewer (events)."""
    return _nt_rows().groupby("fiscal_year")["count"].sum().astype(float)


def one_country_year() -> int:
    """The fiscal year in which the table publishes only one of the three Northern Triangle countries."""
    rows = nt_rows_by_year()
    (year,) = rows[rows == 1].index  # exactly one such year, or this fails
    return int(year)


def one_country_year_sum() -> int:
    """What the group sum gives for that year: one country's apprehensions, not three (events)."""
    return int(nt_by_year().loc[one_country_year()])


def mexico_years() -> int:
    """Calendar years in Mexico's series of apprehensions (:func:`ch01.mx_apprehensions`), which
    combines several publications (a number of years)."""
    return len(ch01.mx_apprehensions())


def mexico_peak_year() -> int:
    """The calendar year with the most apprehensions in Mexico's series (a year)."""
    return int(ch01.mx_apprehensions().idxmax())


def mexico_low_year() -> int:
    """The calendar year with the fewest apprehensions in Mexico's series (a year)."""
    return int(ch01.mx_apprehensions().idxmin())


def mexico_change_2015_unspaced() -> float:
    """What pct_change gives for 2015 on Mexico's series as it stands, without rows for 2013 and
    2014: 2015 / 2012 - 1, a change over three years, not one."""
    return float(ch01.mx_apprehensions().pct_change().loc[2015])


# --- exercise 0: Border Patrol since FY2010, and ICE's removals ------------------------------------

def title8_since_2010() -> pd.Series:
    """Border Patrol (Title 8) southwest border apprehensions by fiscal year, FY2010-FY2020, from
    us_southwest_border (events)."""
    border = load("us_southwest_border")
    rows = border[(border["measure"] == "usbp_apprehensions") & (border["fiscal_year"] >= 2010)]
    return rows.set_index("fiscal_year")["count"].astype(float)


def four_country_wide() -> pd.DataFrame:
    """ICE removals of Mexican, Guatemalan, Honduran and Salvadoran nationals, one row per fiscal
    year in which they are published and one column per country (events, as floats)."""
    ice = load("ice_removals")
    rows = ice[(ice["measure"] == "ice_removals") & ice["country"].isin(FOUR)]
    return rows.pivot(index="fiscal_year", columns="country", values="count").astype(float)


def four_country_removals() -> pd.Series:
    """ICE removals of the four nationalities added up, each fiscal year in which they are published (events)."""
    return four_country_wide().sum(axis=1)


def ice_ratio_2019_2021() -> float:
    """ICE removals of all nationalities, FY2019 / FY2021 (a ratio)."""
    ice = ch03.ice_removals()
    return float(ice.loc[2019] / ice.loc[2021])


def mexico_share_of_four() -> pd.Series:
    """ICE removals of Mexican nationals / removals of the four nationalities together, each
    fiscal year in which all four are published (shares)."""
    wide = four_country_wide()
    return wide["Mexico"] / wide.sum(axis=1)


def ice_removals_change() -> pd.Series:
    """Relative change of ICE removals of all nationalities from each fiscal year to the next,
    FY2009-FY2024 (this year / last year - 1)."""
    return ch03.ice_removals().pct_change().dropna()

