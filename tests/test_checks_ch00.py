"""Exercise 0's checks, fed the answers students write.

Each answer is built the way a student would build it, from the course data, with the code the
task's scaffold suggests: the model answer passes, each common slip fails with the mistake's
name, and other wrong values fail with a message that says what is wrong. The chart task (ex00_6)
is tested on charts drawn as a student draws them.
"""
from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from coursekit import plots
from coursekit.checks import MATCHES, check
from coursekit.data import load
from coursekit.solutions import YOUR_CODE, student_copy

FOUR = ["Mexico", "Guatemala", "Honduras", "El Salvador"]
EXERCISE = ROOT / "exercises" / "00_working_with_data.ipynb"


# --- what students compute, step by step, from the tables ---------------------------------------

def border(measure: str = "usbp_apprehensions") -> pd.DataFrame:
    rows = load("us_southwest_border")
    return rows[rows["measure"] == measure]


def ice() -> pd.DataFrame:
    return load("ice_removals")


def by_country(countries=FOUR, measure: str | None = "ice_removals") -> pd.DataFrame:
    rows = ice()
    if measure:
        rows = rows[rows["measure"] == measure]
    rows = rows[rows["country"].isin(countries)]
    return rows.pivot(index="fiscal_year", columns="country", values="count").astype(float)


def removals() -> pd.Series:
    rows = ice()
    rows = rows[(rows["country"] == "All") & (rows["measure"] == "ice_removals")]
    return rows.set_index("fiscal_year")["count"].astype(float)


def assert_mistake(result, name: str):
    assert result.passed is False, result
    assert result.mistake == name, result
    assert result.message.startswith("not yet: ")


def assert_fails(result, message: str):
    assert result.passed is False, result
    assert result.mistake is None, result
    assert message in result.message, result.message


# --- ex00_1: keep the rows you need ---------------------------------------------------------------

def test_ex00_1_the_model_answer_passes_with_whole_numbers_or_decimals():
    rows = border()
    rows = rows[rows["fiscal_year"] >= 2010]
    answer = rows.set_index("fiscal_year")["count"]
    for given in (answer, answer.astype(float)):
        result = check("ex00_1", given)
        assert result.passed is True and result.message == MATCHES


def test_ex00_1_greater_than_instead_of_greater_or_equal_is_named():
    rows = border()
    assert_mistake(check("ex00_1", rows[rows["fiscal_year"] > 2010].set_index("fiscal_year")["count"]),
                   "first_year_left_out")


def test_ex00_1_all_encounters_instead_of_apprehensions_are_named():
    rows = border("swb_encounters_total")
    assert_mistake(check("ex00_1", rows[rows["fiscal_year"] >= 2010].set_index("fiscal_year")["count"]),
                   "encounters_not_apprehensions")


def test_ex00_1_forgetting_the_year_condition_is_named():
    assert_mistake(check("ex00_1", border().set_index("fiscal_year")["count"]), "every_year_kept")


def test_ex00_1_the_table_instead_of_its_count_column_is_refused():
    rows = border()
    result = check("ex00_1", rows[rows["fiscal_year"] >= 2010].set_index("fiscal_year"))
    assert result.passed is False and "select the one column" in result.message


def test_ex00_1_a_count_typed_wrong_fails():
    rows = border()
    answer = rows[rows["fiscal_year"] >= 2010].set_index("fiscal_year")["count"].astype(float)
    answer.loc[2015] += 1000
    assert_fails(check("ex00_1", answer), "1 of 11 values are off (the first at 2015)")


# --- ex00_2: one column per country -------------------------------------------------------------

def test_ex00_2_the_model_answer_passes():
    result = check("ex00_2", by_country().sum(axis=1))
    assert result.passed is True and result.message == MATCHES


def test_ex00_2_pivoting_every_country_is_named():
    everyone = ice()["country"].unique().tolist()
    assert_mistake(check("ex00_2", by_country(everyone).sum(axis=1)), "all_column_added")


def test_ex00_2_leaving_out_mexico_is_named():
    assert_mistake(check("ex00_2", by_country(FOUR[1:]).sum(axis=1)), "mexico_left_out")


def test_ex00_2_pivoting_every_measure_stops_before_any_answer():
    """A pivot of the rows of every measure fails on the spot, as the primer says; no answer reaches the check."""
    with pytest.raises(ValueError, match="duplicate entries"):
        by_country(["All", *FOUR], measure=None)


def test_ex00_2_the_wide_table_itself_is_refused():
    result = check("ex00_2", by_country())
    assert result.passed is False and "Your DataFrame has 4 columns" in result.message


# --- ex00_3: a ratio ----------------------------------------------------------------------------

def test_ex00_3_the_model_answer_passes():
    r = removals()
    assert check("ex00_3", r.loc[2019] / r.loc[2021]).passed is True


def test_ex00_3_a_relative_change_is_named():
    r = removals()
    assert_mistake(check("ex00_3", r.loc[2019] / r.loc[2021] - 1), "percent_change_not_ratio")


def test_ex00_3_the_inverted_ratio_is_named():
    r = removals()
    assert_mistake(check("ex00_3", r.loc[2021] / r.loc[2019]), "ratio_inverted")


def test_ex00_3_the_wrong_years_fail():
    r = removals()
    assert_fails(check("ex00_3", r.loc[2019] / r.loc[2022]), "the number is off")


def test_ex00_3_the_series_instead_of_a_number_is_refused():
    result = check("ex00_3", removals())
    assert result.passed is False and "expected a single number" in result.message


# --- ex00_4: a share ----------------------------------------------------------------------------

def test_ex00_4_the_model_answer_passes():
    wide = by_country()
    assert check("ex00_4", wide["Mexico"] / wide.sum(axis=1)).passed is True


def test_ex00_4_dividing_by_all_nationalities_is_named():
    wide = by_country()
    assert_mistake(check("ex00_4", wide["Mexico"] / removals().loc[wide.index]), "divided_by_all_nationalities")


def test_ex00_4_dividing_by_the_other_three_is_named():
    wide = by_country()
    assert_mistake(check("ex00_4", wide["Mexico"] / wide[FOUR[1:]].sum(axis=1)), "ratio_to_the_others")


def test_ex00_4_counts_instead_of_shares_are_named():
    assert_mistake(check("ex00_4", by_country()["Mexico"]), "counts_not_share")


def test_ex00_4_percentages_are_told_to_be_shares():
    wide = by_country()
    result = check("ex00_4", 100 * wide["Mexico"] / wide.sum(axis=1))
    assert result.passed is False and "100 times too large" in result.message


def test_ex00_4_the_share_of_another_country_fails():
    wide = by_country()
    assert_fails(check("ex00_4", wide["Guatemala"] / wide.sum(axis=1)), "values are off")


# --- ex00_5: a change over time -----------------------------------------------------------------

def test_ex00_5_the_model_answer_passes():
    assert check("ex00_5", removals().pct_change().dropna()).passed is True


def test_ex00_5_diff_instead_of_pct_change_is_named():
    assert_mistake(check("ex00_5", removals().diff().dropna()), "diff_not_relative_change")


def test_ex00_5_the_ratio_without_subtracting_one_is_named():
    r = removals()
    assert_mistake(check("ex00_5", (r / r.shift(1)).dropna()), "ratio_not_change")


def test_ex00_5_keeping_the_empty_first_year_is_named():
    assert_mistake(check("ex00_5", removals().pct_change()), "empty_first_year_kept")


def test_ex00_5_the_change_against_the_later_year_fails():
    r = removals()
    assert_fails(check("ex00_5", (1 - r.shift(1) / r).dropna()), "values are off")


# --- ex00_6: one chart --------------------------------------------------------------------------

def chart(series: pd.Series, *, title="ICE removals, FY2008-FY2024", xlabel="US fiscal year",
          ylabel="Removals (events)", label="ICE removals"):
    fig, ax = plots.new_figure(title=title or "t", xlabel=xlabel or "x", ylabel=ylabel or "y",
                               source="ICE annual reports")
    if not title:
        fig.suptitle("")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.plot(series.index, series.values, marker="o", label=label)
    return fig


def test_ex00_6_the_model_chart_passes():
    result = check("ex00_6", chart(removals()))
    assert result.passed is True and "draws the values in the course data" in result.message


def test_ex00_6_every_measure_added_up_is_named():
    rows = ice()
    everything = rows[rows["country"] == "All"].groupby("fiscal_year")["count"].sum().astype(float)
    assert_mistake(check("ex00_6", chart(everything)), "every_measure_added")


def test_ex00_6_the_four_countries_of_task_2_are_named():
    assert_mistake(check("ex00_6", chart(by_country().sum(axis=1), label="four countries")), "four_countries_drawn")


def test_ex00_6_dhs_removals_are_not_ice_removals():
    rows = ice()
    dhs = rows[(rows["measure"] == "dhs_removals") & (rows["source"] == "dhs2019yearbook")]
    result = check("ex00_6", chart(dhs.set_index("fiscal_year")["count"].astype(float), label="DHS removals"))
    assert result.passed is False and result.mistake is None
    assert "your series 'DHS removals' does not show the data" in result.message
    assert "it lacks 5 of the 17 points" in result.message  # DHS's series ends in FY2019


def test_ex00_6_a_chart_without_axis_labels_or_title_is_sent_back():
    result = check("ex00_6", chart(removals(), xlabel="", ylabel=""))
    assert result.passed is False and "an x-axis label, a y-axis label (with units)" in result.message
    result = check("ex00_6", chart(removals(), title=""))
    assert result.passed is False and "a title" in result.message


# --- ex00_7: a label, not a value ---------------------------------------------------------------

def test_ex00_7_the_model_answer_passes_as_a_label_of_the_series():
    assert check("ex00_7", removals().idxmin()).passed is True


def test_ex00_7_the_smallest_value_instead_of_its_year_is_named():
    assert_mistake(check("ex00_7", removals().min()), "value_not_label")


def test_ex00_7_the_year_of_the_most_is_named():
    assert_mistake(check("ex00_7", removals().idxmax()), "most_not_fewest")


def test_ex00_7_another_year_fails_and_text_is_refused():
    assert_fails(check("ex00_7", 2020), "look again at the data")
    result = check("ex00_7", "2021")
    assert result.passed is False and "expected a whole number" in result.message


# --- the notebook -------------------------------------------------------------------------------

def test_every_task_gives_a_scaffold_and_the_student_copy_keeps_no_solution():
    nb = nbformat.read(EXERCISE, as_version=4)
    tasks = [c for c in nb.cells if c.cell_type == "code" and "check(" in c.source]
    assert len(tasks) == 7
    assert all('""" # BEGIN PROMPT' in c.source for c in tasks), "every task of the primer's exercises is scaffolded"
    copy = nbformat.writes(student_copy(nb, EXERCISE.name))
    assert YOUR_CODE not in copy, "a scaffold, not a bare stub, stands in for each solution"
    assert "fewest = removals.idxmin()" not in copy
