"""Checks for exercises/04_regional_pathways.ipynb.

The expected answer of each task is a measure of :mod:`coursekit.measures.ch04`, the same
function the chapter uses. The exercise set-up imports the two source keys its tasks refer to,
``restated_source`` and ``wire_source``, from here; they are defined in the measures.
"""
from __future__ import annotations

from ..measures import ch04 as m
from ..measures.ch04 import restated_source, wire_source  # noqa: F401  (the exercise set-up imports them)
from ..registry import task


def october_reports():
    """Registrations by office on the first reporting date, as two reports of one briefing give them.

    Returns (wire, printed, second, reported_total): the key of the wire report (the source with a
    figure for every office that day), its office figures, the second report's figures, and the
    wire report's own programme-wide total for that date. Each is a measure of
    :mod:`coursekit.measures.ch04`.
    """
    return m.wire_source(), m.oct_printed(), m.oct_second(), m.oct_total()


task("ex04_1", "series", "Year-on-year growth of asylum applications in Mexico (COMAR, clean series)",
     objectives=["4.4"])(m.comar_growth)

task("ex04_2", "number", "Revision of COMAR's 2021 total between vintages, in per cent", objectives=["4.4"],
     rel_tol=0.01, unit_hint="a percentage, such as -2.5")(m.revision_2021)

task("ex04_3", "series", "Share of registrants referred for US resettlement, by Safe Mobility office, "
     "with the wire report's October figures", objectives=["4.2"])(m.referral_rate_wire)

# the chart task asks for one series of bars per reporting date
task("ex04_4", "figure", "Grouped bar chart of Safe Mobility registrations by host country and date",
     objectives=["4.2"])(m.n_office_dates)

task("ex04_5", "choice", "The Costa Rica figure for 17 October 2023 that fits the wire report's own total",
     objectives=["4.2"])(m.consistent_figure)

task("ex04_6", "number", "FY2023 Southwest border encounters divided by CHNV arrivals in calendar 2023",
     objectives=["4.3"], rel_tol=0.005, unit_hint="a ratio, such as 3.2")(m.enc_to_chnv)
