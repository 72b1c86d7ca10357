"""Checks for exercises/01_border_enforcement.ipynb.

The expected answer of each numeric task is a measure of chapter 1 (:mod:`coursekit.measures.ch01`),
so the exercise, the chapter and the quiz all use one definition of each number. Each task names
the common mistakes that the instructor guide lists for it; each mistake's answer is computed from
the same data, so the check can tell a student which one they probably made.
"""
from __future__ import annotations

import pandas as pd

from ..data import value
from ..measures import ch01 as m
from ..registry import Mistake, task


# --- ex01_1: the share of non-Mexicans --------------------------------------------------------

def _usbp_mexico_total() -> pd.DataFrame:
    return m.usbp_by_citizenship()[["Mexico", "Total"]].dropna()


def _mexican_share() -> pd.Series:
    wide = _usbp_mexico_total()
    return wide["Mexico"] / wide["Total"]


def _non_mexican_counts() -> pd.Series:
    wide = _usbp_mexico_total()
    return wide["Total"] - wide["Mexico"]


def _non_mexicans_per_mexican() -> pd.Series:
    return _non_mexican_counts() / _usbp_mexico_total()["Mexico"]


task("ex01_1", "series", "Share of non-Mexican nationals in Southwest border apprehensions",
     objectives=["1.1"],
     mistakes=[
         Mistake("mexican_share_not_non_mexican",
                 "dividing Mexico by Total (the share of Mexicans) instead of taking one minus it",
                 "your values are the share of apprehensions that were of Mexican nationals. The task "
                 "asks for the other part, the apprehensions of everyone else: what do you subtract "
                 "that share from?",
                 _mexican_share),
         Mistake("divided_by_mexicans_not_total",
                 "dividing the non-Mexican apprehensions by the Mexican ones instead of by Total",
                 "you seem to have divided the non-Mexican apprehensions by the Mexican ones, a ratio "
                 "that can exceed 1. A share divides the part by the whole: use the Total column of "
                 "the same fiscal year as the denominator.",
                 _non_mexicans_per_mexican),
         Mistake("counts_not_share",
                 "returning the counts of non-Mexican apprehensions instead of their share",
                 "your Series holds counts of apprehensions (events), not shares. Divide each fiscal "
                 "year's count by that year's Total, so that every value lies between 0 and 1.",
                 _non_mexican_counts),
     ])(m.share_non_mexican)


# --- ex01_2: the Northern Triangle's share in FY2019 -------------------------------------------

def _usbp_2019(country: str) -> float:
    return float(value("us_border_by_citizenship", measure="usbp_apprehensions", citizenship=country,
                       fiscal_year=2019))


def _nt_2019() -> float:
    return sum(_usbp_2019(country) for country in m.NORTHERN_TRIANGLE)


task("ex01_2", "number", "Northern Triangle share of Border Patrol apprehensions, FY2019", objectives=["1.1"],
     unit_hint="a share between 0 and 1",
     mistakes=[
         Mistake("el_salvador_left_out", "forgetting El Salvador",
                 "your share seems to count Guatemala and Honduras only. The Northern Triangle is three "
                 "countries: add El Salvador's apprehensions before you divide.",
                 lambda: (_usbp_2019("Guatemala") + _usbp_2019("Honduras")) / _usbp_2019("Total")),
         Mistake("mexico_in_denominator",
                 "dividing by the sum of the three countries plus Mexico instead of by Total",
                 "your denominator looks like the three countries plus Mexico. People of other "
                 "nationalities were apprehended too: divide by the Total row of FY2019.",
                 lambda: _nt_2019() / (_nt_2019() + _usbp_2019("Mexico"))),
         Mistake("crs_figure_copied",
                 "typing the CRS figure from the chapter instead of computing the share from the table",
                 "that is the figure the Congressional Research Service publishes, which the chapter "
                 "could not reproduce. Compute the share from the citizenship table's FY2019 counts, "
                 "then compare the two in your answer to the question.",
                 lambda: float(value("key_figures", measure="northern_triangle_share_crs", period="FY2019"))),
     ])(m.nt_share_2019)


# --- ex01_3: Mexico's enforcement before and after Frontera Sur --------------------------------

task("ex01_3", "number", "Growth of Mexico's apprehensions from 2012 to 2015", objectives=["1.3"],
     unit_hint="a ratio, 2015 divided by 2012",
     mistakes=[
         Mistake("percent_change_not_ratio", "computing a percentage change instead of a ratio",
                 "you computed by how much 2015 exceeded 2012 (2015 / 2012 - 1, a relative change). The "
                 "task asks how many times larger 2015 was: the ratio 2015 / 2012, with nothing "
                 "subtracted.",
                 lambda: m.mx_growth_1215() - 1),
         Mistake("ratio_inverted", "dividing 2012 by 2015 instead of 2015 by 2012",
                 "your ratio is below 1, so you divided the earlier year by the later one. Put 2015 on "
                 "top: the task asks how many times larger 2015 was than 2012.",
                 lambda: 1 / m.mx_growth_1215()),
     ])(m.mx_growth_1215)


# --- ex01_4: who removed more? -------------------------------------------------------------------

task("ex01_4", "number", "Mexico's share of Northern Triangle deportations by Mexico and the US, 2004-2018 (Cato)",
     objectives=["1.3"], unit_hint="a share between 0 and 1",
     mistakes=[
         Mistake("ratio_not_share",
                 "dividing Mexico by the US (a ratio) instead of by the combined total (a share)",
                 "you divided Mexico's deportations by the United States' (a ratio). A share divides "
                 "Mexico's by the two countries' combined total, so it lies between 0 and 1.",
                 m.cato_mx_us_ratio),
         Mistake("us_share_not_mexico", "computing the United States' share instead of Mexico's",
                 "your number is the United States' part of the combined total. The task asks for "
                 "Mexico's: put Mexico's deportations on top.",
                 lambda: 1 - m.cato_mx_share()),
     ])(m.cato_mx_share)


# --- ex01_5: the chart of apprehensions of Northern Triangle nationals ---------------------------

def _incomplete_years_kept() -> dict[str, pd.Series]:
    """The US series summed over the fiscal years in which some of the three countries are not
    published: with every fiscal year (a whole-table pivot, so empty years add up to 0), or
    with the years in which at least one country is (a pivot or a groupby of the three)."""
    wide = m.usbp_by_citizenship()[m.NORTHERN_TRIANGLE]
    return {"every fiscal year": wide.sum(axis=1),
            "years with one country or more": wide.dropna(how="all").sum(axis=1)}


def _removals_drawn() -> dict[str, pd.Series]:
    """The chapter's chart: ICE's removals by fiscal year and Mexico's removals in calendar 2014."""
    return {"United States": m.ice_nt_removals(),
            "Mexico": pd.Series({2014: m.mx_nt_removals_2014()}, dtype=float)}


task("ex01_5", "figure", "Chart: US and Mexican apprehensions of Northern Triangle nationals",
     objectives=["1.3"],
     mistakes=[
         Mistake("removals_not_apprehensions",
                 "drawing removals, as the chapter's chart does, instead of apprehensions",
                 "your chart draws removals (ICE's counts, or Mexico's removals in 2014), as the "
                 "chapter's chart does. This task asks for apprehensions: the usbp_apprehensions rows "
                 "of us_border_by_citizenship, and the mexico_apprehensions_northern_triangle rows of "
                 "key_figures.",
                 _removals_drawn),
         Mistake("incomplete_years_kept",
                 "keeping the fiscal years in which the table does not publish all three countries",
                 "your US series has points in fiscal years for which the table does not publish all "
                 "three countries, so those points add up fewer than three (or none). Drop those years "
                 "with .dropna() on the table with one column per country, before you add up.",
                 _incomplete_years_kept),
         Mistake("mexico_and_total_summed",
                 "summing every citizenship column, Mexico and Total included, instead of the three countries",
                 "your US series adds up more than the three Northern Triangle countries: Mexico's and "
                 "the Total column seem to be in the sum. Keep only Guatemala, Honduras and El Salvador "
                 "(the .isin(nt) filter) before you pivot and add up.",
                 lambda: m.usbp_by_citizenship().dropna().sum(axis=1)),
     ])(m.nt_apprehensions_us_mexico)


# --- ex01_6: Mexico's enforcement in the year of the June 2019 agreement -------------------------

def _presented(year: int, source: str) -> float:
    return float(value("mexico_enforcement", measure="presented", nationality="Total", year=year, source=source))


task("ex01_6", "number", "Change in Mexico's apprehensions from 2018 to 2019 (one source)", objectives=["1.4"],
     unit_hint="a relative change, e.g. 0.25 for +25%",
     mistakes=[
         Mistake("vintages_mixed",
                 "using the other 2018 version together with The Hill's 2019 figure, which mixes vintages",
                 "your 2018 figure seems to be the other published version, not The Hill's. Keep only the "
                 "rows whose source is hill2021mexico, so that both years come from one publication.",
                 lambda: _presented(2019, "hill2021mexico") / _presented(2018, "elmundosv2019detenciones") - 1),
         Mistake("ratio_not_change", "giving the ratio of the two years instead of the relative change",
                 "you gave 2019 divided by 2018, a ratio. The relative change subtracts 1 from that ratio, "
                 "so that no change at all would be 0.",
                 lambda: m.mx_change_1819() + 1),
         Mistake("change_divided_by_2019", "dividing the change by the 2019 figure instead of the 2018 one",
                 "you divided the change by the 2019 count. A change from 2018 to 2019 is measured against "
                 "the starting year: divide the difference by the 2018 count.",
                 lambda: 1 - _presented(2018, "hill2021mexico") / _presented(2019, "hill2021mexico")),
     ])(m.mx_change_1819)


@task("ex01_8", "trace", "Trace a number from the chapter to its row, its source and its publisher",
      objectives=["1.3"])
def _trace():
    # The student picks the number and the check compares each part with coursekit.data.trace;
    # what "expected" gives is the worked example of the task text, which does not count.
    return {"dataset": "ice_removals", "row": {"fiscal_year": 2017, "country": "Guatemala", "measure": "ice_removals"}}
