"""Checks for exercises/03_removals.ipynb."""
from __future__ import annotations

from ..registry import task
from ..data import load

FOUR = ["Mexico", "Guatemala", "Honduras", "El Salvador"]


def _cooperation(record_type: str):
    frame = load("removal_cooperation")
    return frame[frame["record_type"] == record_type]


def _ice_all():
    frame = load("ice_removals")
    rows = frame[(frame["country"] == "All") & (frame["measure"] == "ice_removals")]
    return rows.set_index("fiscal_year")["count"].astype(float)


@task("ex03_1", "series", "Countries named on the partial late-2024 ICE list, by region", objectives=["3.3"])
def _by_region():
    listed = _cooperation("recalcitrant")
    return listed[listed["year"] == 2024].groupby("region").size().astype(float)


@task("ex03_2", "number", "Change in ICE removals from FY2017-FY2019 to FY2022-FY2024", objectives=["3.2"],
      unit_hint="a relative change, e.g. -0.25 for a fall of 25%")
def _period_change():
    ice = _ice_all()
    return ice.loc[2022:2024].sum() / ice.loc[2017:2019].sum() - 1


@task("ex03_3", "series", "Section 243(d) visa sanctions imposed per calendar year", objectives=["3.4"])
def _sanctions_per_year():
    return _cooperation("visa_sanction_243d").groupby("year").size().astype(float)


@task("ex03_4", "figure", "Chart: section 243(d) sanctions by year", objectives=["3.4"])
def _sanctions_chart():
    return 1


@task("ex03_5", "choice", "Number of countries sanctioned under 243(d) before 2020 that are named on the 2024 list",
      objectives=["3.3", "3.4"])
def _sanctioned_and_listed():
    sanctioned = _cooperation("visa_sanction_243d")
    sanctioned = set(sanctioned.loc[sanctioned["year"] <= 2019, "country"])
    listed = _cooperation("recalcitrant")
    return len(sanctioned & set(listed.loc[listed["year"] == 2024, "country"]))


@task("ex03_6", "number", "Share of FY2024 ICE removals that were of Mexican and Northern Triangle nationals",
      objectives=["3.2"], unit_hint="a share between 0 and 1")
def _share_four_2024():
    frame = load("ice_removals")
    rows = frame[(frame["fiscal_year"] == 2024) & (frame["measure"] == "ice_removals")]
    by_country = rows.set_index("country")["count"].astype(float)
    return by_country[FOUR].sum() / by_country["All"]
