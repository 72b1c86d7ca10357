"""Checks for exercises/00_working_with_data.ipynb.

The tasks practise, on tables the primer did not use, the moves that chapter 0 teaches: keep the
rows you need, pivot, a ratio, a share, a change over time, a label found with ``idxmin`` and one
chart. Each expected answer is a measure (:mod:`coursekit.measures.ch00`, or chapter 3's series
of ICE removals), and each named mistake's answer is computed from the same data, so the check
can tell a student which of the common slips they made.
"""
from __future__ import annotations

import pandas as pd

from ..data import load
from ..measures import ch00 as m
from ..measures import ch03
from ..registry import Mistake, task


# --- ex00_1: keep the rows you need --------------------------------------------------------------

def _border(measure: str) -> pd.Series:
    border = load("us_southwest_border")
    rows = border[border["measure"] == measure]
    return rows.set_index("fiscal_year")["count"].astype(float)


task("ex00_1", "series", "Border Patrol apprehensions, FY2010-FY2020", objectives=["0.2"],
     mistakes=[
         Mistake("first_year_left_out", "keeping the fiscal years after FY2010 (> 2010) instead of "
                 "FY2010 and after (>= 2010)",
                 "your Series starts in FY2011. The task asks for FY2010 and the years after it: "
                 "'greater than' (>) leaves FY2010 out, 'greater than or equal to' (>=) keeps it.",
                 lambda: _border("usbp_apprehensions").loc[2011:]),
         Mistake("encounters_not_apprehensions",
                 "keeping all southwest border encounters (swb_encounters_total) instead of the "
                 "Border Patrol's apprehensions",
                 "your Series holds all southwest border encounters, which also count people stopped "
                 "at ports of entry and, from FY2020, Title 42 expulsions. Keep the rows whose measure "
                 "is usbp_apprehensions.",
                 lambda: _border("swb_encounters_total").loc[2010:]),
         Mistake("every_year_kept", "leaving out the condition on the fiscal year, so FY2000-FY2009 stay in",
                 "your Series starts in FY2000. Keep only the rows of fiscal year 2010 and after, "
                 "with a condition on the fiscal_year column.",
                 lambda: _border("usbp_apprehensions")),
     ])(m.title8_since_2010)


# --- ex00_2: one column per country ---------------------------------------------------------------

def _every_country_added() -> pd.Series:
    ice = load("ice_removals")
    rows = ice[ice["measure"] == "ice_removals"]
    return rows.pivot(index="fiscal_year", columns="country", values="count").astype(float).sum(axis=1)


task("ex00_2", "series", "ICE removals of Mexican and Northern Triangle nationals together", objectives=["0.3"],
     mistakes=[
         Mistake("all_column_added",
                 "pivoting every country, the All row included, so that the sum adds all "
                 "nationalities to the four",
                 "your sums include the All column, ICE's removals of every nationality, so each "
                 "year counts the four countries twice, and the years without a figure for them "
                 "appear too. Keep the four countries (the .isin(...) filter) before you pivot.",
                 _every_country_added),
         Mistake("mexico_left_out", "adding up the three Northern Triangle countries without Mexico",
                 "your sums leave out Mexico. The task asks for four nationalities: Mexico, "
                 "Guatemala, Honduras and El Salvador.",
                 lambda: m.four_country_wide()[m.NORTHERN_TRIANGLE].sum(axis=1)),
     ])(m.four_country_removals)


# --- ex00_3: a ratio -------------------------------------------------------------------------------

task("ex00_3", "number", "How many times larger ICE removals were in FY2019 than in FY2021", objectives=["0.4"],
     unit_hint="a ratio, FY2019 divided by FY2021",
     mistakes=[
         Mistake("percent_change_not_ratio", "computing a relative change instead of a ratio",
                 "you computed by how much FY2019 exceeded FY2021 (a relative change, with 1 "
                 "subtracted). The task asks how many times larger FY2019 was: the ratio alone.",
                 lambda: m.ice_ratio_2019_2021() - 1),
         Mistake("ratio_inverted", "dividing FY2021 by FY2019 instead of FY2019 by FY2021",
                 "your ratio is below 1, so you divided the smaller year by the larger. Put FY2019 on "
                 "top: the task asks how many times larger FY2019 was.",
                 lambda: 1 / m.ice_ratio_2019_2021()),
     ])(m.ice_ratio_2019_2021)


# --- ex00_4: a share -------------------------------------------------------------------------------

def _four() -> pd.DataFrame:
    return m.four_country_wide()


task("ex00_4", "series", "Mexico's share of the four nationalities' ICE removals", objectives=["0.4"],
     mistakes=[
         Mistake("divided_by_all_nationalities",
                 "dividing by ICE's removals of all nationalities (the All row) instead of by the "
                 "four countries together",
                 "you divided by ICE's removals of every nationality. The task asks for Mexico's share "
                 "of the four countries: divide by the sum of the four columns, .sum(axis=1).",
                 ch03.mexico_share),
         Mistake("ratio_to_the_others",
                 "dividing Mexico by the three other countries instead of by all four",
                 "your denominator leaves Mexico out, so the values are a ratio, not a share, and can "
                 "exceed 1. A share divides the part by the whole, and the whole includes Mexico.",
                 lambda: _four()["Mexico"] / _four()[m.NORTHERN_TRIANGLE].sum(axis=1)),
         Mistake("counts_not_share", "returning Mexico's removals instead of its share",
                 "your Series holds counts of removals. Divide Mexico's column by the four "
                 "countries' total, so that every value lies between 0 and 1.",
                 lambda: _four()["Mexico"]),
     ])(m.mexico_share_of_four)


# --- ex00_5: a change over time --------------------------------------------------------------------

task("ex00_5", "series", "Relative change of ICE removals from each fiscal year to the next", objectives=["0.4"],
     mistakes=[
         Mistake("diff_not_relative_change", "computing the change in removals (diff) instead of the "
                 "relative change (pct_change)",
                 "your values are differences in removals (events), from .diff(). The task asks for "
                 "the relative change, the difference divided by the year before: .pct_change().",
                 lambda: ch03.ice_removals().diff().dropna()),
         Mistake("ratio_not_change", "dividing each year by the year before without subtracting 1",
                 "your values are each year divided by the year before, a ratio. The relative change "
                 "subtracts 1 from that ratio, so that no change at all would be 0.",
                 lambda: m.ice_removals_change() + 1),
         Mistake("empty_first_year_kept", "keeping FY2008, which has no year before it and so no change",
                 "your Series has an empty value (NaN) for FY2008, the first year, which has no year "
                 "before it to compare with. Drop it with .dropna().",
                 lambda: ch03.ice_removals().pct_change()),
     ])(m.ice_removals_change)


# --- ex00_6: one chart ------------------------------------------------------------------------------

def _every_measure_added() -> pd.Series:
    ice = load("ice_removals")
    return ice[ice["country"] == "All"].groupby("fiscal_year")["count"].sum().astype(float)


@task("ex00_6", "figure", "Chart: ICE removals by fiscal year", objectives=["0.6"],
      mistakes=[
          Mistake("every_measure_added",
                  "adding up every measure of the All rows (DHS removals and returns, Title 42 "
                  "expulsions) instead of keeping ICE's removals",
                  "your line adds up every measure of the All rows: DHS's removals and returns and "
                  "ICE's Title 42 expulsions as well as ICE's removals. Keep the rows whose measure is "
                  "ice_removals before you plot.",
                  _every_measure_added),
          Mistake("four_countries_drawn",
                  "drawing the four nationalities of task 2 instead of all nationalities",
                  "your line shows the four nationalities of task 2. This chart asks for ICE's removals "
                  "of all nationalities, the rows whose country is All.",
                  m.four_country_removals),
      ])
def _ice_removals_drawn() -> dict[str, pd.Series]:
    """The one series the chart must draw, by the names its label may use."""
    return {"ICE removals|removals": ch03.ice_removals()}


# --- ex00_7: a label, not a value -------------------------------------------------------------------

task("ex00_7", "choice", "The fiscal year with the fewest ICE removals", objectives=["0.5"],
     mistakes=[
         Mistake("value_not_label", "giving the smallest number of removals (min) instead of its year (idxmin)",
                 "that is the smallest number of removals, which .min() gives. The task asks in which "
                 "fiscal year it happened: .idxmin() gives the label of the smallest value.",
                 lambda: int(ch03.low())),
         Mistake("most_not_fewest", "giving the year with the most removals (idxmax) instead of the fewest",
                 "that is the fiscal year with the most removals. The task asks for the fewest: "
                 ".idxmin(), not .idxmax().",
                 ch03.peak_fy),
     ])(ch03.low_fy)
