"""Checks for exercises/01_border_enforcement.ipynb."""
from __future__ import annotations

from ..registry import task
from ..data import load, value

NORTHERN_TRIANGLE = ["Guatemala", "Honduras", "El Salvador"]


def _usbp_wide():
    frame = load("us_border_by_citizenship")
    usbp = frame[frame["measure"] == "usbp_apprehensions"]
    return usbp.pivot(index="fiscal_year", columns="citizenship", values="count").astype(float)


def _key_figure(measure: str, period: str) -> float:
    return float(value("key_figures", measure=measure, period=period))


@task("ex01_1", "series", "Share of non-Mexican nationals in Southwest border apprehensions", objectives=["1.1"])
def _share_non_mexican():
    wide = _usbp_wide().dropna(subset=["Total", "Mexico"])
    return 1 - wide["Mexico"] / wide["Total"]


@task("ex01_2", "number", "Northern Triangle share of Border Patrol apprehensions, FY2019", objectives=["1.1"],
      unit_hint="a share between 0 and 1")
def _nt_share_2019():
    wide = _usbp_wide()
    return wide.loc[2019, NORTHERN_TRIANGLE].sum() / wide.loc[2019, "Total"]


@task("ex01_3", "number", "Growth of Mexico's apprehensions from 2012 to 2015", objectives=["1.3"],
      unit_hint="a ratio, 2015 divided by 2012")
def _mexico_growth():
    mexico = load("mexico_enforcement")
    total = mexico[(mexico["measure"] == "presented") & (mexico["nationality"] == "Total")]
    by_year = total.groupby("year")["count"].first().astype(float)
    return by_year.loc[2015] / by_year.loc[2012]


@task("ex01_4", "number", "Mexico's share of Northern Triangle deportations by Mexico and the US, 2004-2018 (Cato)",
      objectives=["1.3"], unit_hint="a share between 0 and 1")
def _mexico_removal_share():
    mexico = _key_figure("mexico_removals_northern_triangle_cato", "2004-2018")
    us = _key_figure("us_removals_northern_triangle_cato", "2004-2018")
    return mexico / (mexico + us)


@task("ex01_5", "figure", "Chart: Mexico's and US apprehensions of Northern Triangle nationals", objectives=["1.3"])
def _two_series():
    return 2


@task("ex01_6", "number", "Change in Mexico's apprehensions from 2018 to 2019 (one source)", objectives=["1.4"],
      unit_hint="a relative change, e.g. 0.25 for +25%")
def _change_2018_2019():
    mexico = load("mexico_enforcement")
    rows = mexico[(mexico["measure"] == "presented") & (mexico["nationality"] == "Total")
                  & (mexico["source"] == "hill2021mexico")]
    by_year = rows.set_index("year")["count"].astype(float)
    return by_year.loc[2019] / by_year.loc[2018] - 1


@task("ex01_8", "trace", "Trace a number from the chapter to its row, its source and its publisher",
      objectives=["1.3"])
def _trace():
    # The student picks the number and the check compares each part with coursekit.data.trace;
    # what "expected" gives is the worked example of the task text, which does not count.
    return {"dataset": "ice_removals", "row": {"fiscal_year": 2017, "country": "Guatemala", "measure": "ice_removals"}}
