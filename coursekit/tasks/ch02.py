"""Checks for exercises/02_mpp.ipynb.

The expected answer of each task is a measure of :mod:`coursekit.measures.ch02`. Each task names
the common mistakes of the instructor guide that its check recognises; the answer a mistake
produces is computed from the same data (the measures, or the ``mpp`` rows a student would pick).
"""
from __future__ import annotations

import pandas as pd

from ..data import load, value
from ..measures import ch02 as m
from ..registry import Mistake, task


def _mpp(**criteria) -> int:
    return int(value("mpp", **criteria))


# --- task 1: the relief rate ------------------------------------------------------------------

def _relief_rate_in(period: str) -> float:
    """Relief granted / completed cases in another snapshot of TRAC's outcomes."""
    snapshots = m.relief_rate_snapshots()
    return float(snapshots.loc[snapshots["period"] == period, "relief rate"].item())


task("ex02_1", "number", "Relief rate of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
     unit_hint="a share between 0 and 1",
     mistakes=[
         Mistake("divided_by_all_cases",
                 "dividing relief by all MPP 1.0 court cases filed instead of by completed cases",
                 "it looks as if you divided by all the MPP 1.0 court cases ever filed (TRAC's total of "
                 "task 5). Many of them were still pending in January 2021, so they have no outcome yet: "
                 "divide by the completed cases (category \"completed\") of the same snapshot.",
                 lambda: m.relief() / m.trac_total()),
         Mistake("divided_by_removals",
                 "dividing relief by the removal orders instead of by completed cases",
                 "you seem to have divided relief by the removal orders. The relief rate is a share of "
                 "all completed cases, whatever their outcome: divide by the \"completed\" row.",
                 lambda: m.relief() / m.removal()),
         Mistake("september_2019_snapshot",
                 "using the September 2019 snapshot instead of the end of January 2021",
                 "this is the relief rate of the September 2019 snapshot (\"as of 2019-09\"), early in "
                 "the programme. Keep the rows whose period is \"as of 2021-01\".",
                 lambda: _relief_rate_in("as of 2019-09")),
     ])(m.relief_rate)


# --- task 2: the in absentia share --------------------------------------------------------------

task("ex02_2", "number", "In absentia share of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
     unit_hint="a share between 0 and 1",
     mistakes=[
         Mistake("share_of_removals",
                 "dividing by all removal orders instead of by completed cases",
                 "you divided by the removal orders, which gives the share of removal orders issued in "
                 "absentia. The task asks for a share of all completed cases: divide by the \"completed\" row.",
                 m.in_absentia_of_removals),
         Mistake("subset_added",
                 "adding the in absentia orders to the removal orders (they are a subset)",
                 "your share is larger than 1, as if the in absentia orders had been added to the removal "
                 "orders. They are already among them: take the \"removal ordered in absentia\" row alone.",
                 lambda: (m.removal() + m.in_absentia()) / m.completed()),
         Mistake("all_removal_orders",
                 "taking all removal orders instead of those issued in absentia",
                 "this is the share of completed cases that ended in any removal order. The task asks "
                 "only for those issued in absentia: use the \"removal ordered in absentia\" row.",
                 m.removal_share),
     ])(m.in_absentia_share)


# --- task 3: nationalities of MPP 2.0 -----------------------------------------------------------

def _counts() -> pd.Series:
    return m.dec2021_nationalities().astype(float)


task("ex02_3", "series", "Nationality shares of MPP 2.0 enrolments, December 2021", objectives=["2.4"],
     mistakes=[
         Mistake("counts_not_shares",
                 "returning counts instead of shares",
                 "your Series holds the counts of people. Divide each count by the total of all the "
                 "counts, so that the values are shares that add up to 1.",
                 _counts),
         Mistake("divided_by_trac_cases",
                 "dividing by TRAC's count of new MPP 2.0 court cases (cases, not people) instead of the "
                 "total of the nationality rows",
                 "you divided by TRAC's count of new MPP 2.0 court cases for December 2021. That row "
                 "counts court cases, the nationality rows count people enrolled by DHS: divide by the sum "
                 "of the nationality counts themselves.",
                 lambda: _counts() / _mpp(series="enrolled_by_period", category="MPP 2.0 new court cases (TRAC)",
                                          period="2021-12")),
         Mistake("divided_by_all_mpp2",
                 "dividing by everyone enrolled in MPP 2.0 to June 2022 instead of December 2021's enrolments",
                 "you divided by everyone DHS enrolled in MPP 2.0 from December 2021 to June 2022. The "
                 "nationality rows are December 2021 only: divide by the sum of those rows.",
                 lambda: _counts() / m.mpp2_enrolled()),
     ])(m.nationality_shares)


# --- task 4: the running total of MPP court cases, 2019 -----------------------------------------

def _monthly(label: str) -> pd.Series:
    """TRAC's new MPP court cases of each month of 2019, indexed by ``label`` ("period" or "month")."""
    return m.monthly_cases().set_index(label)["count"].astype(float)


def _with_mexico_august() -> pd.Series:
    """The running total drawn from every 2019 row of the enrolled_by_period series, which adds
    Mexico's count of people received in August to TRAC's court cases."""
    frame = load("mpp")
    rows = frame[(frame["series"] == "enrolled_by_period") & frame["period"].str.startswith("2019-")]
    return rows.sort_values("period").set_index("period")["count"].cumsum().astype(float)


@task("ex02_4", "figure", "Chart: running total of MPP court cases, January-July 2019", objectives=["2.3"],
      mistakes=[
          Mistake("monthly_not_cumulative",
                  "drawing the new cases of each month (the chapter's chart) instead of the running total",
                  "your chart shows the new cases of each month, as the chapter's chart does. The task asks "
                  "for the running total: add the counts up month by month with .cumsum() and plot that.",
                  # the chapter labels its bars "Jan 2019"; a student's line is more likely "2019-01"
                  lambda: {"by period": _monthly("period"), "by month name": _monthly("month")}),
          Mistake("diff_not_cumsum",
                  "plotting the change from the month before (.diff()) instead of the running total (.cumsum())",
                  "your line shows how much each month's count changed from the month before (.diff()). "
                  "A running total adds the counts up instead: use .cumsum().",
                  lambda: _monthly("period").diff().dropna()),
          Mistake("mexico_count_added",
                  "adding Mexico's count of people received in August 2019 to TRAC's court cases",
                  "your line runs on to August 2019, using Mexico's count of people it received. That row "
                  "counts people, not court cases, from another source: keep only the rows whose category "
                  "is \"new MPP court cases\".",
                  _with_mexico_august),
      ])
def _running_total():
    return {"running total|cumulative|cases": m.cumulative_cases()}


# --- task 5: two totals for the same programme ---------------------------------------------------

def _trac_rows() -> list[int]:
    frame = load("mpp")
    rows = frame[(frame["series"] == "enrolled_total") & (frame["period"] == "2019-01 to 2021-01")
                 & (frame["category"] == "MPP 1.0 immigration court cases")]
    return [int(c) for c in rows["count"]]


task("ex02_5", "number", "Gap between TRAC's and DHS's MPP 1.0 totals", objectives=["2.3"],
     unit_hint="a count of cases/people", rel_tol=1e-6,
     mistakes=[
         Mistake("rounded_trac_row",
                 "taking TRAC's rounded row (source trac2022mpp2) instead of the exact count from its data tool",
                 "you used TRAC's rounded figure (\"over\" a round number, source trac2022mpp2). Keep the row "
                 "whose source is tracmpptool, the exact count from TRAC's data tool.",
                 lambda: _mpp(series="enrolled_total", category="MPP 1.0 immigration court cases",
                              period="2019-01 to 2021-01", source="trac2022mpp2") - m.dhs_total()),
         Mistake("both_trac_rows_added",
                 "adding TRAC's exact and rounded rows together (no filter on the source)",
                 "your TRAC total counts two rows: the exact count and the rounded one describe the same "
                 "cases. Filter on source == \"tracmpptool\" so that one row is left.",
                 lambda: sum(_trac_rows()) - m.dhs_total()),
         Mistake("dhs_snapshot_other_period",
                 "subtracting a DHS snapshot with a different period",
                 "you subtracted DHS's snapshot to January 2020. Both totals must cover the same period, "
                 "January 2019 to January 2021: use the row \"MPP 1.0 individuals enrolled/returned (DHS figure)\".",
                 lambda: m.trac_total() - _mpp(series="enrolled_total", category="MPP 1.0 returned to Mexico (DHS snapshot)",
                                               period="2019-01 to 2020-01")),
         Mistake("civil_society_count",
                 "subtracting the civil-society count of people returned (to October 2020) instead of the "
                 "DHS figure",
                 "you subtracted the civil-society organisations' count of people returned, which runs only to "
                 "October 2020. The task compares TRAC with DHS: use the \"(DHS figure)\" row.",
                 lambda: m.trac_total() - _mpp(series="enrolled_total",
                                               category="MPP 1.0 persons returned to Mexico (civil-society count)",
                                               period="2019-01 to 2020-10")),
     ])(m.gap)
