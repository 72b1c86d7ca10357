"""Checks for exercises/04_regional_pathways.ipynb.

The expected answer of each task is a measure of :mod:`coursekit.measures.ch04`, the same
function the chapter uses (for the chart task, ex04_4, the growth of each office's registrations
between the two reporting dates, which the chapter does not draw). Each task names the common
mistakes its check recognises; the wrong answer each one gives is computed from the same data,
never typed in.

The exercise set-up imports the two source keys its tasks refer to, ``restated_source`` and
``wire_source``, from here; they are defined in the measures.
"""
from __future__ import annotations

import pandas as pd

from ..data import load, value
from ..measures import ch04 as m
from ..measures.ch04 import restated_source, wire_source  # noqa: F401  (the exercise set-up imports them)
from ..registry import Mistake, task


def october_reports():
    """Registrations by office on the first reporting date, as two reports of one briefing give them.

    Returns (wire, printed, second, reported_total): the key of the wire report (the source with a
    figure for every office that day), its office figures, the second report's figures, and the
    wire report's own programme-wide total for that date. Each is a measure of
    :mod:`coursekit.measures.ch04`.
    """
    return m.wire_source(), m.oct_printed(), m.oct_second(), m.oct_total()


# --- the wrong answers, computed from the data -------------------------------------------------

def _growth(series: pd.Series) -> pd.Series:
    """Growth over the previous calendar year, without the first year (shares)."""
    return series.astype(float).pct_change().dropna()


def _october_rows_added() -> pd.Series:
    """17 October registrations by office with every report's row for an office added together
    (Costa Rica's two reports summed into one figure)."""
    return pd.concat([m.oct_printed(), m.oct_second()]).groupby(level=0).sum()


BRIEFING = "2023-10-30"  # the press call whose referrals by office Task 3 divides (as its text says)


def _rows_with_all(measure: str, as_of: str, wire_only: bool = False) -> pd.Series:
    """One measure at one date by host_country, the programme-wide "All" row kept (with
    ``wire_only``, only the rows whose source includes the wire report)."""
    smo = load("safe_mobility")
    rows = smo[(smo["measure"] == measure) & (smo["as_of"] == as_of)]
    if wire_only:
        rows = rows[rows["source"].str.contains(m.wire_source())]
    return rows.set_index("host_country")["value"].astype(float)


def _shares_with_all_row() -> pd.Series:
    """Referrals at the briefing / the wire report's 17 October registrations, the "All" row kept
    (it has a registration figure but no referral figure that day, so its share is NaN)."""
    october = m.registrations_by_date().columns[0]
    return _rows_with_all("referred_us", BRIEFING) / _rows_with_all("registrations", october, wire_only=True)


def _growth_with_all_row() -> pd.Series:
    """Growth of registrations from 17 October (wire report) to mid-December 2023, by office and
    for the programme-wide "All" row (shares)."""
    october, december = m.registrations_by_date().columns
    return (_rows_with_all("registrations", december)
            / _rows_with_all("registrations", october, wire_only=True) - 1).dropna()


def _closer_on_its_own() -> int:
    """Of the two 17 October figures for the office the reports disagree on, the one nearer the
    wire report's total by itself, not once added to the other offices' figures (people)."""
    second = m.oct_second()
    office = second.index.item()
    candidates = [int(m.oct_printed()[office]), int(second[office])]
    return min(candidates, key=lambda figure: abs(figure - m.oct_total()))


# --- 4.4 COMAR: growth and revisions ---------------------------------------------------------

task("ex04_1", "series", "Year-on-year growth of asylum applications in Mexico (COMAR, clean series)",
     objectives=["4.4"], mistakes=[
         Mistake("first_published_throughout",
                 "mixing vintages: growth computed on the first-published figures for 2018-2023",
                 "your growth rates for the years from 2018 use the figures first published. Take COMAR's "
                 "July 2024 restatement (source == RESTATED) wherever it exists and the other rows only for "
                 "the earlier years, then compute the growth on that one clean series.",
                 lambda: _growth(m.comar_first_published())),
         Mistake("restatement_only",
                 "keeping only the restatement's rows, which begin in 2018",
                 "your series begins in 2019: it uses only the restatement's rows, which start in 2018. Fill "
                 "the earlier years from the other rows (latest.combine_first(older)) so that the growth "
                 "rates run from 2014.",
                 lambda: _growth(m.comar_restated())),
         Mistake("first_year_kept",
                 "keeping 2013, whose growth is undefined",
                 "your Series has a value (NaN) for 2013, the first year, which has no year before it to "
                 "grow from. Drop it with .dropna(), so the growth rates run from 2014.",
                 lambda: m.comar().astype(float).pct_change()),
         Mistake("ratio_not_growth",
                 "dividing each year by the year before without subtracting 1 (a ratio, not a growth rate)",
                 "your values are each year's applications divided by the previous year's, a ratio. A growth "
                 "rate is that ratio minus 1, so that a year with no change shows 0 (pct_change gives it "
                 "directly).",
                 lambda: m.comar_growth() + 1),
     ])(m.comar_growth)

task("ex04_2", "number", "Revision of COMAR's 2021 total between vintages, in per cent", objectives=["4.4"],
     rel_tol=0.01, unit_hint="a percentage, such as -2.5", mistakes=[
         Mistake("divided_by_restated",
                 "dividing by the restated figure instead of the first-published one",
                 "you divided the change by the restated figure. A revision is measured against the figure "
                 "it revises: divide (restated - first published) by the first-published figure, then "
                 "multiply by 100.",
                 lambda: 100 * (m.rev_2021_restated() - m.rev_2021_first()) / m.rev_2021_restated()),
         Mistake("vintages_swapped",
                 "swapping the two vintages (taking the restatement as the original)",
                 "you treated the restatement as the original figure. The first-published figure is the row "
                 "whose source is not RESTATED; the revision runs from it to the restatement, in per cent of "
                 "the first-published figure.",
                 lambda: 100 * (m.rev_2021_first() - m.rev_2021_restated()) / m.rev_2021_restated()),
         Mistake("ratio_not_change",
                 "giving the restated figure as a percentage of the first-published one instead of the change",
                 "your number is the restated figure as a percentage of the first-published one, close to "
                 "100. The revision is the change: (restated - first published) / first published x 100, "
                 "which is near zero when the figure was barely revised.",
                 lambda: 100 * m.rev_2021_restated() / m.rev_2021_first()),
         Mistake("difference_in_people",
                 "giving the difference in people instead of a percentage",
                 "your number is the difference between the two figures, counted in people. Divide it by the "
                 "first-published figure and multiply by 100 to express the revision in per cent.",
                 lambda: float(m.rev_2021_restated() - m.rev_2021_first())),
     ])(m.revision_2021)


# --- 4.2 the Safe Mobility Offices -----------------------------------------------------------

task("ex04_3", "series", "Share of registrants referred for US resettlement, by Safe Mobility office, "
     "with the wire report's October figures", objectives=["4.2"], mistakes=[
         Mistake("december_registrations",
                 "dividing referrals by December registrations",
                 "your shares divide the referrals by the mid-December registrations. The referrals were "
                 "reported at the 30 October briefing: divide by the registrations of 17 October "
                 "(as_of == \"2023-10-17\"), two weeks earlier.",
                 lambda: (m.referred_by_office() / m.dec_by_office()).astype(float)),
         Mistake("costa_rica_rows_added",
                 "adding Costa Rica's two 17 October rows together",
                 "your Costa Rica share divides by its two 17 October rows added together, but they are two "
                 "reports of one figure, not two parts of it. Keep only the wire report's rows (source "
                 "includes WIRE).",
                 lambda: (m.referred_by_office() / _october_rows_added()).astype(float)),
         Mistake("second_report_figure",
                 "using the second report's Costa Rica figure instead of the wire report's",
                 "your Costa Rica share uses the second report's 17 October figure. This task uses the wire "
                 "report's rows (source includes WIRE) for every office; Task 5 asks which of the two "
                 "figures is right.",
                 m.referral_rate_corrected),
         Mistake("registrations_over_referrals",
                 "dividing registrations by referrals (the share upside down)",
                 "your values are above 1: you divided registrations by referrals. The share referred is "
                 "referrals / registrations, a number between 0 and 1.",
                 lambda: (m.oct_printed() / m.referred_by_office()).astype(float)),
         Mistake("all_row_kept",
                 "keeping the programme-wide All row",
                 "your Series has a value (NaN) for All, the programme-wide row, which has no referral figure "
                 "at the briefing. Leave it out (host_country != \"All\"): the task asks for the offices one "
                 "by one.",
                 _shares_with_all_row),
     ])(m.referral_rate_wire)

# the chart: one bar per office, the growth of its registrations between the two reporting dates
task("ex04_4", "figure", "Bar chart of the growth in Safe Mobility registrations by office, 17 October to "
     "mid-December 2023, with the wire report's October figures", objectives=["4.2"], mistakes=[
         Mistake("registrations_not_growth",
                 "drawing the registrations at each date (the chapter's chart) instead of their growth",
                 "your chart draws the registrations themselves, as the chapter's chart does. This task asks "
                 "for the change between the two dates: for each office, December / October - 1, one bar "
                 "per office.",
                 lambda: {"17 October": m.oct_printed(), "mid-December": m.dec_by_office(),
                          "17 October, corrected": m.oct_corrected()}),
         Mistake("ratio_not_growth",
                 "drawing December over October without subtracting 1 (a ratio, not a growth rate)",
                 "your bars show the December figure divided by the October one, a ratio. Growth is that "
                 "ratio minus 1, so that an office whose registrations did not change has a bar of zero.",
                 lambda: (m.dec_by_office() / m.oct_printed()).astype(float)),
         Mistake("change_in_people",
                 "drawing the change in people instead of the growth rate",
                 "your bars show the change in people registered (December minus October). Divide each "
                 "office's change by its October figure, so that offices of very different sizes can be "
                 "compared.",
                 lambda: (m.dec_by_office() - m.oct_printed()).astype(float)),
         Mistake("costa_rica_rows_added",
                 "summing Costa Rica's two October rows into one bar",
                 "your Costa Rica bar starts from its two 17 October rows added together, which are two "
                 "reports of one figure. Keep only the wire report's October rows (source includes WIRE), "
                 "as in Task 3.",
                 lambda: (m.dec_by_office() / _october_rows_added() - 1).astype(float)),
         Mistake("all_row_kept",
                 "plotting the programme-wide All row alongside the offices",
                 "your chart has a bar for All, the programme-wide total. Leave it out "
                 "(host_country != \"All\"): it adds up three offices in October and four in December, so "
                 "its growth compares two different things.",
                 _growth_with_all_row),
         Mistake("percent_not_share",
                 "plotting the growth in per cent instead of as a share",
                 "your bars are 100 times the growth shares. Plot shares (0.5 for half as many again) and "
                 "pass yformat=\"share\" to plots.bar_chart, which labels the axis in per cent.",
                 lambda: 100 * m.growth_by_office_wire()),
     ])(lambda: {"growth": m.growth_by_office_wire()})

task("ex04_5", "choice", "The Costa Rica figure for 17 October 2023 that fits the wire report's own total",
     objectives=["4.2"], mistakes=[
         Mistake("closer_to_total_alone",
                 "choosing the figure that is closer to the total on its own",
                 "you picked the candidate that is closer to the total by itself. The total covers all three "
                 "offices: add each candidate to the other two offices' figures, and keep the candidate "
                 "whose sum comes closer to the total.",
                 _closer_on_its_own),
         Mistake("sum_not_figure",
                 "storing the three offices' sum instead of the office's figure",
                 "your number is a sum over the three offices. The task asks for the one office's figure "
                 "whose sum comes closer to the total: store that candidate itself.",
                 m.sum_corrected),
         Mistake("total_not_figure",
                 "storing the reported total instead of the office's figure",
                 "that is the wire report's own total for the three offices, the yardstick of the test. "
                 "Store the candidate figure, for the one office the two reports disagree on, that fits it.",
                 m.oct_total),
     ])(m.consistent_figure)


# --- 4.3 the pathways against the border -----------------------------------------------------

task("ex04_6", "number", "FY2023 Southwest border encounters divided by CHNV arrivals in calendar 2023",
     objectives=["4.3"], rel_tol=0.005, unit_hint="a ratio, such as 3.2", mistakes=[
         Mistake("border_patrol_only",
                 "using Border Patrol encounters only",
                 "your numerator counts only Border Patrol encounters between ports of entry. The task asks "
                 "for all Southwest border encounters (measure == \"swb_encounters_total\"), which add the "
                 "encounters at ports of entry.",
                 lambda: value("us_southwest_border", fiscal_year=2023, measure="usbp_encounters_total")
                 / m.chnv_2023()),
         Mistake("chnv_through_july",
                 "taking the CHNV figure through July 2023",
                 "your denominator is the CHNV total through July 2023, seven months of the year. Use the "
                 "cumulative arrivals through December 2023 (period == \"through 2023-12\").",
                 lambda: m.enc_fy2023() / value("legal_pathways", program="CHNV parole",
                                                measure="arrivals (cumulative)", period="through 2023-07")),
         Mistake("ratio_upside_down",
                 "dividing CHNV arrivals by encounters (the ratio upside down)",
                 "your ratio is below 1: you divided CHNV arrivals by encounters. The task asks for "
                 "encounters per CHNV arrival: encounters / arrivals.",
                 lambda: m.chnv_2023() / m.enc_fy2023()),
     ])(m.enc_to_chnv)
