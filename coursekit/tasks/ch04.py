"""Checks for exercises/04_regional_pathways.ipynb."""
from __future__ import annotations

from ..data import DataError, load, value
from ..registry import task


def _restated_source(totals):
    """Key of COMAR's July 2024 restatement: the source that covers every year from 2018."""
    modes = totals[totals["year"] >= 2018]["source"].mode()
    if len(modes) != 1:
        raise DataError(f"mexico_asylum: expected one source that covers the years from 2018, found {list(modes)}")
    return modes.iloc[0]


def restated_source() -> str:
    """The source key of COMAR's July 2024 restatement of its totals (exercise set-up)."""
    frame = load("mexico_asylum")
    return _restated_source(frame[frame["nationality"] == "Total"])


def wire_source() -> str:
    """The source key of the EFE wire report of the 30 October 2023 briefing (exercise set-up)."""
    return october_reports()[0]


def _comar_totals():
    """Total applications by year: the restatement where it exists, else the first published figure."""
    frame = load("mexico_asylum")
    totals = frame[frame["nationality"] == "Total"]
    restated = _restated_source(totals)
    latest = totals[totals["source"] == restated].set_index("year")["applications"]
    first = totals[totals["source"] != restated].set_index("year")["applications"]
    return latest, first


def october_reports():
    """Registrations by office on the first reporting date, as two reports of one briefing give them.

    Returns (wire, printed, second, reported_total): the key of the wire report (the source with a
    figure for every office that day), its office figures, the second report's figures, and the
    wire report's own programme-wide total for that date.
    """
    frame = load("safe_mobility")
    regs = frame[(frame["measure"] == "registrations") & (frame["host_country"] != "All")]
    first = sorted(regs["as_of"].unique())[0]
    october = regs[regs["as_of"] == first]
    keys = october.assign(key=october["source"].str.split(";")).explode("key")
    wire = keys.groupby("key")["host_country"].nunique().idxmax()
    from_wire = october["source"].str.split(";").apply(lambda ks: wire in ks)
    printed = october[from_wire].set_index("host_country")["value"]
    second = october[~from_wire].set_index("host_country")["value"]
    total = value(frame, host_country="All", measure="registrations", as_of=first, source=wire)
    return wire, printed, second, total


def _registrations_as_printed():
    """Registrations by office and date, with the wire report's figures for the first date."""
    frame = load("safe_mobility")
    wire, printed, _, _ = october_reports()
    regs = frame[(frame["measure"] == "registrations") & (frame["host_country"] != "All")]
    first = sorted(regs["as_of"].unique())[0]
    keep = (regs["as_of"] != first) | regs["source"].str.split(";").apply(lambda ks: wire in ks)
    return regs[keep].pivot(index="host_country", columns="as_of", values="value")


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


@task("ex04_3", "series", "Share of registrants referred for US resettlement, by Safe Mobility office, "
      "with the wire report's October figures", objectives=["4.2"])
def _referral_rate():
    frame = load("safe_mobility")
    _, printed, _, _ = october_reports()
    offices = frame[frame["host_country"] != "All"]
    referred = offices[(offices["measure"] == "referred_us") & (offices["as_of"] == "2023-10-30")]
    rate = referred.set_index("host_country")["value"] / printed
    return rate.dropna().astype(float)


@task("ex04_4", "figure", "Grouped bar chart of Safe Mobility registrations by host country and date",
      objectives=["4.2"])
def _registrations_figure():
    return len(_registrations_as_printed().columns)  # one series of bars per reporting date


@task("ex04_5", "choice", "The Costa Rica figure for 17 October 2023 that fits the wire report's own total",
      objectives=["4.2"])
def _consistent_figure():
    _, printed, second, total = october_reports()
    disputed = [office for office in second.index
                if office in printed.index and second[office] != printed[office]]
    office = disputed[0]  # the office whose two reports disagree (Costa Rica)
    others = printed.drop(office).sum()
    candidates = [int(printed[office]), int(second[office])]
    return min(candidates, key=lambda v: abs(others + v - total))


@task("ex04_6", "number", "FY2023 Southwest border encounters divided by CHNV arrivals in calendar 2023",
      objectives=["4.3"], rel_tol=0.005, unit_hint="a ratio, such as 3.2")
def _encounters_to_chnv():
    encounters = value("us_southwest_border", fiscal_year=2023, measure="swb_encounters_total")
    chnv = value("legal_pathways", program="CHNV parole", measure="arrivals (cumulative)", period="through 2023-12")
    return float(encounters / chnv)
