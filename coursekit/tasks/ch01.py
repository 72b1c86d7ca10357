"""Checks for exercises/01_border_enforcement.ipynb.

The expected answer of each numeric task is a measure of chapter 1 (:mod:`coursekit.measures.ch01`),
so the exercise, the chapter and the quiz all use one definition of each number.
"""
from __future__ import annotations

from ..measures import ch01 as m
from ..registry import task

task("ex01_1", "series", "Share of non-Mexican nationals in Southwest border apprehensions",
     objectives=["1.1"])(m.share_non_mexican)

task("ex01_2", "number", "Northern Triangle share of Border Patrol apprehensions, FY2019", objectives=["1.1"],
     unit_hint="a share between 0 and 1")(m.nt_share_2019)

task("ex01_3", "number", "Growth of Mexico's apprehensions from 2012 to 2015", objectives=["1.3"],
     unit_hint="a ratio, 2015 divided by 2012")(m.mx_growth_1215)

task("ex01_4", "number", "Mexico's share of Northern Triangle deportations by Mexico and the US, 2004-2018 (Cato)",
     objectives=["1.3"], unit_hint="a share between 0 and 1")(m.cato_mx_share)


@task("ex01_5", "figure", "Chart: Mexico's and US apprehensions of Northern Triangle nationals", objectives=["1.3"])
def _two_series():
    return 2


task("ex01_6", "number", "Change in Mexico's apprehensions from 2018 to 2019 (one source)", objectives=["1.4"],
     unit_hint="a relative change, e.g. 0.25 for +25%")(m.mx_change_1819)


@task("ex01_8", "trace", "Trace a number from the chapter to its row, its source and its publisher",
      objectives=["1.3"])
def _trace():
    # The student picks the number and the check compares each part with coursekit.data.trace;
    # what "expected" gives is the worked example of the task text, which does not count.
    return {"dataset": "ice_removals", "row": {"fiscal_year": 2017, "country": "Guatemala", "measure": "ice_removals"}}
