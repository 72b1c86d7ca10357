"""Checks for exercises/03_removals.ipynb.

The expected answer of each numeric task is a measure of :mod:`coursekit.measures.ch03`, the
same function the chapter uses; only the chart task (ex03_4) has no measure: it asks for one
series of bars.
"""
from __future__ import annotations

from ..measures import ch03 as m
from ..registry import task

task("ex03_1", "series", "Countries named on the partial late-2024 ICE list, by region",
     objectives=["3.3"])(m.named_2024_by_region)

task("ex03_2", "number", "Change in ICE removals from FY2017-FY2019 to FY2022-FY2024", objectives=["3.2"],
     unit_hint="a relative change, e.g. -0.25 for a fall of 25%")(m.period_change)

task("ex03_3", "series", "Section 243(d) visa sanctions imposed per calendar year",
     objectives=["3.4"])(m.sanctions_per_year)


@task("ex03_4", "figure", "Chart: section 243(d) sanctions by year", objectives=["3.4"])
def _sanctions_chart():
    return 1  # the number of series (one set of bars) the chart must show


task("ex03_5", "choice", "Number of countries sanctioned under 243(d) before 2020 that are named on the 2024 list",
     objectives=["3.3", "3.4"])(m.still_listed)

task("ex03_6", "number", "Share of FY2024 ICE removals that were of Mexican and Northern Triangle nationals",
     objectives=["3.2"], unit_hint="a share between 0 and 1")(m.four_share_2024)
