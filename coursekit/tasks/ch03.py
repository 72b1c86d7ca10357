"""Checks for exercises/03_removals.ipynb.

The expected answer of each task is a measure of :mod:`coursekit.measures.ch03`, the same
function the chapter uses (for the chart task, ex03_4, the running total of countries sanctioned,
which the chapter does not draw). Each task names the common mistakes its check recognises; the
wrong answer each one gives is computed from the same data, never typed in.
"""
from __future__ import annotations

import pandas as pd

from ..data import load
from ..measures import ch03 as m
from ..registry import Mistake, task

YEARS = range(2001, 2021)  # the calendar years the chart of task 4 covers


# --- the wrong answers, computed from the data -------------------------------------------------

def _cooperation() -> pd.DataFrame:
    return load("removal_cooperation")


def _rows(record_type: str) -> pd.DataFrame:
    frame = _cooperation()
    return frame[frame["record_type"] == record_type]


def _ice_all_rows(measures: list[str] | None = None) -> pd.Series:
    """Counts of the rows for country "All" in ice_removals, summed by fiscal year, keeping only
    ``measures`` (or every measure, DHS-wide rows included, when None)."""
    frame = load("ice_removals")
    rows = frame[frame["country"] == "All"]
    if measures is not None:
        rows = rows[rows["measure"].isin(measures)]
    return rows.groupby("fiscal_year")["count"].sum().astype(float)


def _change(per_year: pd.Series) -> float:
    return float(per_year.loc[2022:2024].sum() / per_year.loc[2017:2019].sum() - 1)


def _ice_2024() -> pd.Series:
    """ICE removals in FY2024 by country (the row "All" included)."""
    frame = load("ice_removals")
    rows = frame[(frame["fiscal_year"] == 2024) & (frame["measure"] == "ice_removals")]
    return rows.set_index("country")["count"].astype(float)


def _sanctioned_up_to_2019() -> set[str]:
    rows = _rows("visa_sanction_243d")
    return set(rows.loc[rows["year"] <= 2019, "country"])


def _named_2024() -> set[str]:
    rows = _rows("recalcitrant")
    return set(rows.loc[rows["year"] == 2024, "country"])


# --- task 1 -------------------------------------------------------------------------------

task("ex03_1", "series", "Countries named on the partial late-2024 ICE list, by region",
     objectives=["3.3"], mistakes=[
         Mistake("whole_table_counted",
                 "counting every row of the table by region, without keeping only the 2024 recalcitrant rows",
                 "your counts include rows that are not on the 2024 list: the table also holds the section "
                 "243(d) visa sanctions. Keep the rows with record_type \"recalcitrant\" and year 2024, then count.",
                 lambda: _cooperation().groupby("region").size()),
         Mistake("sanction_rows_counted",
                 "counting the section 243(d) sanction rows instead of the countries on the list",
                 "you counted the visa-sanction rows (record_type \"visa_sanction_243d\"), not the countries "
                 "named on the late-2024 list. Filter on record_type \"recalcitrant\".",
                 lambda: _rows("visa_sanction_243d").groupby("region").size()),
         Mistake("shares_not_counts",
                 "giving each region's share of the named countries instead of its count",
                 "your values add up to 1, so they are shares. The task asks how many named countries each "
                 "region has: count the rows (.size(), or value_counts() without normalize=True).",
                 lambda: m.named_2024_by_region() / m.named_2024_by_region().sum()),
         Mistake("grouped_by_country",
                 "grouping by country instead of by region",
                 "your Series has one label per country. Group by the \"region\" column, so that each region "
                 "appears once with the number of its named countries.",
                 lambda: _rows("recalcitrant").query("year == 2024").groupby("country").size()),
     ])(m.named_2024_by_region)


# --- task 2 -------------------------------------------------------------------------------

task("ex03_2", "number", "Change in ICE removals from FY2017-FY2019 to FY2022-FY2024", objectives=["3.2"],
     unit_hint="a relative change, e.g. -0.25 for a fall of a quarter", mistakes=[
         Mistake("title42_included",
                 "adding the FY2023 Title 42 expulsions to the removals",
                 "your FY2022-FY2024 total seems to include the Title 42 expulsions that ICE reported for "
                 "FY2023. They are a separate measure, not removals: keep only measure \"ice_removals\".",
                 lambda: _change(_ice_all_rows(["ice_removals", "ice_title42_expulsions"]))),
         Mistake("dhs_rows_included",
                 "keeping the DHS-wide rows (every row for \"All\", whatever its measure)",
                 "your FY2017-FY2019 total seems to include the DHS-wide removals and returns of the Yearbook "
                 "as well as ICE's own removals. Filter on measure \"ice_removals\" as well as country \"All\".",
                 lambda: _change(_ice_all_rows())),
         Mistake("periods_reversed",
                 "computing the change from the second period to the first",
                 "you seem to have divided the FY2017-FY2019 total by the FY2022-FY2024 total. The change runs "
                 "from the first period (the base, which goes in the denominator) to the second.",
                 lambda: float(m.ice_removals().loc[2017:2019].sum() / m.ice_removals().loc[2022:2024].sum() - 1)),
         Mistake("ratio_not_change",
                 "giving the ratio of the two totals instead of the relative change",
                 "your number is the ratio of the two totals (second / first). A relative change is that ratio "
                 "minus 1, which is negative when removals fell.",
                 lambda: m.period_change() + 1),
         Mistake("single_years",
                 "comparing the single years FY2019 and FY2024 instead of the three-year totals",
                 "your number is the change from FY2019 to FY2024 alone, the comparison the chapter quotes. "
                 "This task compares three-year totals: add up FY2017-FY2019 and FY2022-FY2024 first.",
                 m.change_2019_2024),
     ])(m.period_change)


# --- task 3 -------------------------------------------------------------------------------

task("ex03_3", "series", "Section 243(d) visa sanctions imposed per calendar year", objectives=["3.4"], mistakes=[
    Mistake("whole_table_by_year",
            "counting every row of the table by year, not only the section 243(d) rows",
            "your Series has a value for 2024, which comes from the recalcitrant list, not from a sanction. "
            "Keep only the rows with record_type \"visa_sanction_243d\" before counting by year.",
            lambda: _cooperation().groupby("year").size()),
    Mistake("zero_years_filled",
            "filling in zeros for the years in which no sanction began",
            "your Series has a zero for each year without a sanction. This task asks only for the years in "
            "which at least one sanction began; task 4 is where the years without one matter.",
            lambda: m.sanctions_per_year().reindex(YEARS, fill_value=0)),
    Mistake("running_total",
            "giving a running total (cumsum) instead of the count for each year",
            "your values never go down: each one adds the years before it. Count the sanctions that began in "
            "each year on its own (groupby(\"year\").size(), without .cumsum()).",
            lambda: m.sanctions_per_year().cumsum()),
])(m.sanctions_per_year)


# --- task 4: the chart --------------------------------------------------------------------

@task("ex03_4", "figure", "Chart: countries sanctioned under 243(d) so far, 2001-2020 (running total)",
      objectives=["3.4"], mistakes=[
          Mistake("per_year_not_running_total",
                  "drawing the sanctions that began each year (the chapter's chart) instead of the running total",
                  "your chart shows how many sanctions began in each year, which is the chart the chapter "
                  "already draws. This task asks for the running total: for each year, how many countries had "
                  "been sanctioned so far (.cumsum() of the counts for every year).",
                  lambda: m.sanctions_per_year().reindex(YEARS, fill_value=0)),
          Mistake("years_without_sanctions_left_out",
                  "plotting only the years with a sanction, which hides the long flat stretch",
                  "your running total has points only for the years in which a sanction began, so the line "
                  "runs straight from 2001 to 2016 and hides the years of disuse. Put every year from 2001 to "
                  "2020 in the index (.reindex(..., fill_value=0)) before you add up.",
                  lambda: m.sanctions_per_year().cumsum()),
          Mistake("zeros_filled_after_adding_up",
                  "filling the years without a sanction with zero after adding up, so the total drops to zero",
                  "your running total falls back to zero in the years without a new sanction. Fill those years "
                  "with zero before .cumsum(), not after: a running total never goes down.",
                  lambda: m.sanctions_per_year().cumsum().reindex(YEARS, fill_value=0)),
      ])
def _running_total():
    return {"countries sanctioned": m.cumulative_sanctioned()}


# --- task 5 -------------------------------------------------------------------------------

task("ex03_5", "choice", "Number of countries sanctioned under 243(d) before 2020 that are named on the 2024 list",
     objectives=["3.3", "3.4"], mistakes=[
         Mistake("sanctioned_not_named",
                 "counting the sanctioned countries missing from the partial 2024 list (a set difference), "
                 "as if absence from that list proved that a country had left it",
                 "you seem to have counted the sanctioned countries that are not named on the 2024 list. The "
                 "task asks for the countries in both groups (set_a & set_b). And a country missing from a "
                 "list known only in part may still be on it.",
                 lambda: len(_sanctioned_up_to_2019() - _named_2024())),
         Mistake("all_named_counted",
                 "counting all the countries named on the 2024 list",
                 "your number counts every country named on the 2024 list. Keep only those that were also "
                 "sanctioned under 243(d) up to 2019: the overlap of the two sets.",
                 lambda: len(_named_2024())),
         Mistake("all_sanctioned_counted",
                 "counting all the countries sanctioned up to 2019",
                 "your number counts every country sanctioned up to 2019. Keep only those that press reports "
                 "also name on the 2024 list: the overlap of the two sets.",
                 lambda: len(_sanctioned_up_to_2019())),
         Mistake("union_not_overlap",
                 "counting the countries in either group (the union) instead of in both",
                 "your number counts the countries in either group (set_a | set_b, the union). The task asks "
                 "for the countries in both, the intersection: set_a & set_b.",
                 lambda: len(_sanctioned_up_to_2019() | _named_2024())),
     ])(m.still_listed)


# --- task 6 -------------------------------------------------------------------------------

task("ex03_6", "number", "Share of FY2024 ICE removals that were of Mexican and Northern Triangle nationals",
     objectives=["3.2"], unit_hint="a share between 0 and 1", mistakes=[
         Mistake("divided_by_the_four",
                 "dividing by the sum of the four countries instead of the ICE total for \"All\" (which gives 1)",
                 "your share is 1, so you divided the four countries' removals by their own sum. Divide by all "
                 "ICE removals in FY2024: the row for country \"All\".",
                 lambda: float(_ice_2024()[m.FOUR].sum() / _ice_2024()[m.FOUR].sum())),
         Mistake("mexico_alone",
                 "counting Mexico alone",
                 "your share is Mexico's alone. Add the removals of Guatemalan, Honduran and Salvadoran "
                 "nationals to Mexico's before you divide.",
                 m.mexico_share_2024),
         Mistake("mexico_left_out",
                 "leaving Mexico out (the Northern Triangle alone)",
                 "your share covers Guatemala, Honduras and El Salvador but not Mexico. The task asks for the "
                 "four countries together.",
                 lambda: float(_ice_2024()[m.FOUR[1:]].sum() / _ice_2024()["All"])),
         Mistake("fiscal_2019_share",
                 "using FY2019 instead of FY2024",
                 "your share is the one for FY2019, which the chapter quotes. Keep the rows for fiscal year "
                 "2024 (October 2023 to September 2024).",
                 m.four_share_2019),
         Mistake("share_of_the_others",
                 "computing the share of all the other countries (one minus the share asked for)",
                 "your share is that of all the other countries together. Put the four countries' removals "
                 "over the total, not the rest.",
                 lambda: 1 - m.four_share_2024()),
     ])(m.four_share_2024)
