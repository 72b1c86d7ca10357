"""Checks for exercises/02_mpp.ipynb."""
from __future__ import annotations

from ..registry import task
from ..data import load, value


def _count(series: str, category: str, period: str, source: str | None = None) -> int:
    criteria = {"series": series, "category": category, "period": period}
    if source is not None:
        criteria["source"] = source
    return int(value("mpp", **criteria))


@task("ex02_1", "number", "Relief rate of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
      unit_hint="a share between 0 and 1")
def _relief_rate():
    return _count("outcome", "relief granted", "as of 2021-01") / _count("outcome", "completed", "as of 2021-01")


@task("ex02_2", "number", "In absentia share of completed MPP 1.0 cases (January 2021)", objectives=["2.4"],
      unit_hint="a share between 0 and 1")
def _in_absentia_share():
    return (_count("outcome", "removal ordered in absentia", "as of 2021-01")
            / _count("outcome", "completed", "as of 2021-01"))


@task("ex02_3", "series", "Nationality shares of MPP 2.0 enrolments, December 2021", objectives=["2.4"])
def _nationality_shares():
    frame = load("mpp")
    dec = frame[(frame["series"] == "nationality") & (frame["period"] == "2021-12")]
    counts = dec.set_index("category")["count"].astype(float)
    return counts / counts.sum()


@task("ex02_4", "figure", "Chart of new MPP court cases per month, 2019", objectives=["2.3"])
def _monthly_chart():
    return 1  # one series (bars or a line)


@task("ex02_5", "number", "Gap between TRAC's and DHS's MPP 1.0 totals", objectives=["2.3"],
      unit_hint="a count of cases/people", rel_tol=1e-6)
def _gap():
    trac = _count("enrolled_total", "MPP 1.0 immigration court cases", "2019-01 to 2021-01", "tracmpptool")
    dhs = _count("enrolled_total", "MPP 1.0 individuals enrolled/returned (DHS figure)", "2019-01 to 2021-01")
    return trac - dhs
