"""Checks for exercises/04_regional_pathways.ipynb."""
from __future__ import annotations

from ..checks import task
from ..data import load

RESTATED = "mayacomunicacion2024honduras"  # COMAR's July 2024 restatement of 2018-2023


def _comar_totals():
    """Total applications by year: the restatement where it exists, else the first published figure."""
    frame = load("mexico_asylum")
    totals = frame[frame["nationality"] == "Total"]
    latest = totals[totals["source"] == RESTATED].set_index("year")["applications"]
    first = totals[totals["source"] != RESTATED].set_index("year")["applications"]
    return latest, first


def _registrations_by_office():
    frame = load("safe_mobility")
    regs = frame[(frame["measure"] == "registrations") & (frame["host_country"] != "All")]
    return regs.pivot(index="host_country", columns="as_of", values="value")


@task("ex04_1", "series", "Year-on-year growth of asylum applications in Mexico (COMAR, clean series)",
      objectives=["4.4"])
def _comar_growth():
    latest, first = _comar_totals()
    clean = latest.combine_first(first).astype(float)
    return clean.pct_change().dropna()


@task("ex04_2", "number", "Revision of COMAR's 2021 total between vintages, in per cent", objectives=["4.4"],
      rel_tol=0.01, unit_hint="a percentage, such as -2.5")
def _revision_2021():
    latest, first = _comar_totals()
    return float(100 * (latest.loc[2021] - first.loc[2021]) / first.loc[2021])


@task("ex04_3", "series", "Share of registrants referred for US resettlement, by Safe Mobility office",
      objectives=["4.2"])
def _referral_rate():
    frame = load("safe_mobility")
    offices = frame[frame["host_country"] != "All"]
    referred = offices[(offices["measure"] == "referred_us") & (offices["as_of"] == "2023-10-30")]
    registered = offices[(offices["measure"] == "registrations") & (offices["as_of"] == "2023-10-17")]
    rate = referred.set_index("host_country")["value"] / registered.set_index("host_country")["value"]
    return rate.dropna().astype(float)


@task("ex04_4", "figure", "Grouped bar chart of Safe Mobility registrations by host country and date",
      objectives=["4.2"])
def _registrations_figure():
    return len(_registrations_by_office().columns)  # one series of bars per reporting date


@task("ex04_5", "choice", "Host country whose cumulative registrations fall between two reports",
      objectives=["4.2"])
def _falling_office():
    wide = _registrations_by_office()
    first_date, last_date = sorted(wide.columns)[0], sorted(wide.columns)[-1]
    return str((wide[last_date] - wide[first_date]).idxmin())


@task("ex04_6", "number", "FY2023 Southwest border encounters divided by CHNV arrivals in calendar 2023",
      objectives=["4.3"], rel_tol=0.005, unit_hint="a ratio, such as 3.2")
def _encounters_to_chnv():
    border = load("us_southwest_border")
    encounters = border[(border["fiscal_year"] == 2023) & (border["measure"] == "swb_encounters_total")]
    pathways = load("legal_pathways")
    chnv = pathways[(pathways["program"] == "CHNV parole") & (pathways["measure"] == "arrivals (cumulative)")
                    & (pathways["period"] == "through 2023-12")]
    return float(encounters["count"].iloc[0] / chnv["value"].iloc[0])
