"""Checks for exercises/02_mpp.ipynb.

The expected answer of each numeric task is a measure of :mod:`coursekit.measures.ch02`.
"""
from __future__ import annotations

from ..measures import ch02 as m
from ..registry import task

task("ex02_1", "number", "Relief rate of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
     unit_hint="a share between 0 and 1")(m.relief_rate)

task("ex02_2", "number", "In absentia share of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
     unit_hint="a share between 0 and 1")(m.in_absentia_share)

task("ex02_3", "series", "Nationality shares of MPP 2.0 enrolments, December 2021",
     objectives=["2.4"])(m.nationality_shares)


@task("ex02_4", "figure", "Chart of new MPP court cases per month, 2019", objectives=["2.3"])
def _monthly_chart():
    return 1  # one series (bars or a line)


task("ex02_5", "number", "Gap between TRAC's and DHS's MPP 1.0 totals", objectives=["2.3"],
     unit_hint="a count of cases/people", rel_tol=1e-6)(m.gap)
