"""The checks of exercise 3 (removals and countries of origin), with answers as a student writes them.

Each wrong answer is computed from the course tables the way a student who makes the mistake
would compute it, and must fail with that mistake's name (or the message the check gives for it).
The chart task (ex03_4) asks for the running total of countries sanctioned under section 243(d),
a cut of the data the chapter does not draw: the chapter's own chart, drawn by the chapter's own
code, must fail it. The last tests read the notebook and the guide (no notebook is run).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from coursekit import plots
from coursekit.checks import MATCHES, TASKS, check, drawn_series
from coursekit.data import load
from coursekit.measures import ch03 as m
from coursekit.solutions import SOLUTION_TAG, split_prompt, student_copy

COOP = load("removal_cooperation")
ICE = load("ice_removals")
EXERCISE = ROOT / "exercises" / "03_removals.ipynb"
CHAPTER = ROOT / "chapters" / "03c_levers_and_venezuela.ipynb"  # the page with the sanctions chart
GUIDE = ROOT / "instructors" / "guide.md"
YEARS = range(2001, 2021)


def coop(**criteria) -> pd.DataFrame:
    frame = COOP
    for column, wanted in criteria.items():
        frame = frame[frame[column] == wanted]
    return frame


def run(cases: dict, task_id: str, case: str):
    answer, passed, mistake = cases[case]
    result = check(task_id, answer)
    assert result.passed is passed, result
    assert result.mistake == mistake, result
    if passed:
        assert result.message == MATCHES
    elif mistake:
        assert result.message.startswith("not yet: ")
    return result


# --- task 1: the named countries by region -------------------------------------------------------

LATE_2024 = coop(record_type="recalcitrant", year=2024)

REGION_CASES = {
    "right": (LATE_2024.groupby("region").size(), True, None),
    "value_counts_also_right": (LATE_2024["region"].value_counts(), True, None),
    "no_filter": (COOP.groupby("region").size(), False, "whole_table_counted"),
    "sanction_rows": (coop(record_type="visa_sanction_243d")["region"].value_counts(), False,
                      "sanction_rows_counted"),
    "normalised": (LATE_2024["region"].value_counts(normalize=True), False, "shares_not_counts"),
    "by_country": (LATE_2024.groupby("country").size(), False, "grouped_by_country"),
    "region_missing": (LATE_2024.groupby("region").size().iloc[1:], False, None),
}


@pytest.mark.parametrize("case", REGION_CASES, ids=list(REGION_CASES))
def test_ex03_1_named_countries_by_region(case):
    result = run(REGION_CASES, "ex03_1", case)
    if case == "region_missing":
        assert "1 of the 4 labels it asks for missing" in result.message


def test_ex03_1_a_whole_dataframe_is_told_to_select_a_column():
    result = check("ex03_1", LATE_2024.groupby("region").count())
    assert result.passed is False
    assert "select the one column" in result.message


# --- task 2: the change between two three-year periods -------------------------------------------

ALL = ICE[ICE["country"] == "All"]
PER_FY = ALL[ALL["measure"] == "ice_removals"].set_index("fiscal_year")["count"].astype(float)
WITH_T42 = ALL[ALL["measure"].isin(["ice_removals", "ice_title42_expulsions"])].groupby("fiscal_year")["count"].sum()
EVERY_ALL_ROW = ALL.groupby("fiscal_year")["count"].sum()


def totals(per_fy: pd.Series) -> tuple[float, float]:
    return float(per_fy.loc[2017:2019].sum()), float(per_fy.loc[2022:2024].sum())


FIRST, SECOND = totals(PER_FY)

PERIOD_CASES = {
    "right": (SECOND / FIRST - 1, True, None),
    "as_numpy_float": (np.float64(SECOND / FIRST - 1), True, None),
    "title42_kept": (totals(WITH_T42)[1] / totals(WITH_T42)[0] - 1, False, "title42_included"),
    "measure_not_filtered": (totals(EVERY_ALL_ROW)[1] / totals(EVERY_ALL_ROW)[0] - 1, False, "dhs_rows_included"),
    "periods_swapped": (FIRST / SECOND - 1, False, "periods_reversed"),
    "ratio_left_as_is": (SECOND / FIRST, False, "ratio_not_change"),
    "fy2019_to_fy2024": (PER_FY.loc[2024] / PER_FY.loc[2019] - 1, False, "single_years"),
    "subtracted_the_wrong_way": (1 - SECOND / FIRST, False, "sign"),
    "as_a_percentage": (100 * (SECOND / FIRST - 1), False, None),
}


@pytest.mark.parametrize("case", PERIOD_CASES, ids=list(PERIOD_CASES))
def test_ex03_2_period_change(case):
    result = run(PERIOD_CASES, "ex03_2", case)
    if case == "as_a_percentage":
        assert "100 times too large" in result.message


# --- task 3: sanctions per year ------------------------------------------------------------------

SANCTIONS = coop(record_type="visa_sanction_243d")

PER_YEAR_CASES = {
    "right": (SANCTIONS.groupby("year").size(), True, None),
    "value_counts_also_right": (SANCTIONS["year"].value_counts(), True, None),
    "whole_table": (COOP.groupby("year").size(), False, "whole_table_by_year"),
    "zeros_for_empty_years": (SANCTIONS.groupby("year").size().reindex(YEARS, fill_value=0), False,
                              "zero_years_filled"),
    "running_total": (SANCTIONS.groupby("year").size().cumsum(), False, "running_total"),
}


@pytest.mark.parametrize("case", PER_YEAR_CASES, ids=list(PER_YEAR_CASES))
def test_ex03_3_sanctions_per_year(case):
    run(PER_YEAR_CASES, "ex03_3", case)


def test_ex03_3_counting_every_column_gives_a_dataframe_and_says_so():
    result = check("ex03_3", SANCTIONS.groupby("year").count())
    assert result.passed is False and result.mistake is None
    assert "DataFrame has" in result.message and "select the one column" in result.message


# --- task 4: the chart of the running total ------------------------------------------------------

def running_total() -> pd.Series:
    first = SANCTIONS.groupby("country")["year"].min()
    return first.value_counts().reindex(YEARS, fill_value=0).sort_index().cumsum()


def figure(title="Countries sanctioned under section 243(d) so far, 2001-2020",
           xlabel="Calendar year", ylabel="Countries sanctioned so far (number)"):
    fig, ax = plots.new_figure(title="t", xlabel="x", ylabel="y", source="State Department; DHS; NAFSA")
    fig.suptitle(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def chapter_chart():
    """The chapter's sanctions chart, drawn by the chapter's own code cells (glue left out)."""
    nb = nbformat.read(CHAPTER, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    setup = next(s for s in code if "per_year = m.sanctions_per_year()" in s)
    chart = next(s for s in code if 'glue("ch3_fig_sanctions"' in s)
    from coursekit.data import value

    space = {"pd": pd, "plots": plots, "m": m, "value": value, "cooperation": COOP,
             "figures": load("key_figures"), "glue": lambda *args, **kwargs: None}
    exec(setup, space)
    exec(chart, space)
    return space["fig_sanctions"]


def test_ex03_4_the_model_chart_passes_as_step_line_or_bars():
    total = running_total()
    for draw in ("step", "plot", "bar"):
        fig, ax = figure()
        if draw == "step":
            ax.step(total.index, total.values, where="post")
        elif draw == "plot":
            ax.plot(total.index, total.values, marker="o")
        else:
            ax.bar(total.index, total.values)
            ax.set_xticks(range(2001, 2021, 2))
        result = check("ex03_4", fig)
        assert result.passed is True, (draw, result)
        assert result.figure is fig  # shown under the message
        assert "well done" not in result.message


def test_ex03_4_the_measure_is_the_running_total_of_the_data():
    expected = TASKS["ex03_4"].expected()
    assert list(expected) == ["countries sanctioned"]
    total = expected["countries sanctioned"]
    assert total.equals(m.cumulative_sanctioned())
    assert list(total.index) == list(YEARS)
    assert total.is_monotonic_increasing
    assert total.loc[2015] == total.loc[2001] == 1  # the long flat stretch
    assert total.loc[2020] == SANCTIONS["country"].nunique()


def test_ex03_4_a_dummy_plot_fails():
    fig, ax = plots.new_figure(title="x", xlabel="x", ylabel="y", source="s")
    ax.plot([1, 2], [3, 4])
    ax.set_title("x")
    result = check("ex03_4", fig)
    assert result.passed is False and result.mistake is None
    assert "none of the 1 series" in result.message


def test_ex03_4_the_chapters_own_chart_fails():
    fig = chapter_chart()
    drawn = drawn_series(fig.axes[0])
    assert len(drawn) == 1 and drawn[0].values.sum() == len(SANCTIONS)  # it is the per-year chart
    result = check("ex03_4", fig)
    assert result.passed is False
    assert result.mistake == "per_year_not_running_total"
    assert "already draws" in result.message


WRONG_CHARTS = {
    "only_years_with_a_sanction": (SANCTIONS.groupby("year").size().cumsum(), "years_without_sanctions_left_out"),
    "zeros_filled_after_cumsum": (SANCTIONS.groupby("year").size().cumsum().reindex(YEARS, fill_value=0),
                                  "zeros_filled_after_adding_up"),
    "per_year_bars": (SANCTIONS.groupby("year").size().reindex(YEARS, fill_value=0), "per_year_not_running_total"),
}


@pytest.mark.parametrize("case", WRONG_CHARTS, ids=list(WRONG_CHARTS))
def test_ex03_4_a_wrongly_cut_series_names_the_mistake(case):
    values, mistake = WRONG_CHARTS[case]
    fig, ax = figure()
    ax.plot(values.index, values.values, label="countries sanctioned")
    result = check("ex03_4", fig)
    assert result.passed is False
    assert result.mistake == mistake, result


def test_ex03_4_a_chart_without_an_axis_label_or_title_fails():
    total = running_total()
    for missing in ("ylabel", "xlabel", "title"):
        fig, ax = figure(**{missing: ""})
        ax.step(total.index, total.values, where="post")
        result = check("ex03_4", fig)
        assert result.passed is False, missing
        assert result.message.startswith("almost: the figure still needs"), result.message


def test_ex03_4_an_extra_series_fails():
    total = running_total()
    fig, ax = figure()
    ax.step(total.index, total.values, where="post", label="running total")
    per_year = SANCTIONS.groupby("year").size().reindex(YEARS, fill_value=0)
    ax.bar(per_year.index, per_year.values, label="per year")
    result = check("ex03_4", fig)
    assert result.passed is False
    assert "draws 2 series and the task asks for 1" in result.message and "per year" in result.message


def test_ex03_4_a_total_that_stops_in_2019_fails_on_the_missing_point():
    total = running_total().loc[:2019]
    fig, ax = figure()
    ax.plot(total.index, total.values, label="countries sanctioned so far")
    result = check("ex03_4", fig)
    assert result.passed is False and result.mistake is None
    assert "lacks 1 of the 20 points" in result.message


def test_ex03_4_something_other_than_a_figure_is_refused():
    result = check("ex03_4", running_total())
    assert result.passed is False and "expected a matplotlib Figure" in result.message


# --- task 5: sanctioned and still listed ---------------------------------------------------------

SANCTIONED = set(SANCTIONS.loc[SANCTIONS["year"] <= 2019, "country"])
NAMED = set(LATE_2024["country"])

OVERLAP_CASES = {
    "right": (len(SANCTIONED & NAMED), True, None),
    "numpy_integer": (np.int64(len(SANCTIONED & NAMED)), True, None),
    "difference": (len(SANCTIONED - NAMED), False, "sanctioned_not_named"),
    "all_named": (len(NAMED), False, "all_named_counted"),
    "all_sanctioned": (len(SANCTIONED), False, "all_sanctioned_counted"),
    "union": (len(SANCTIONED | NAMED), False, "union_not_overlap"),
}


@pytest.mark.parametrize("case", OVERLAP_CASES, ids=list(OVERLAP_CASES))
def test_ex03_5_sanctioned_and_listed(case):
    run(OVERLAP_CASES, "ex03_5", case)


@pytest.mark.parametrize("answer", [SANCTIONED & NAMED, "Pakistan", 1.5], ids=["the_set", "a_name", "a_fraction"])
def test_ex03_5_names_or_fractions_are_asked_for_a_whole_number(answer):
    result = check("ex03_5", answer)
    assert result.passed is False
    assert "expected a whole number" in result.message


# --- task 6: the four nearby countries' share ----------------------------------------------------

def by_country(fiscal_year: int) -> pd.Series:
    rows = ICE[(ICE["fiscal_year"] == fiscal_year) & (ICE["measure"] == "ice_removals")]
    return rows.set_index("country")["count"].astype(float)


FY24 = by_country(2024)
FOUR = ["Mexico", "Guatemala", "Honduras", "El Salvador"]

SHARE_CASES = {
    "right": (FY24[FOUR].sum() / FY24["All"], True, None),
    "over_the_four": (FY24[FOUR].sum() / FY24[FOUR].sum(), False, "divided_by_the_four"),
    "mexico_only": (FY24["Mexico"] / FY24["All"], False, "mexico_alone"),
    "northern_triangle_only": (FY24[FOUR[1:]].sum() / FY24["All"], False, "mexico_left_out"),
    "fy2019": (by_country(2019)[FOUR].sum() / by_country(2019)["All"], False, "fiscal_2019_share"),
    "the_rest": ((FY24["All"] - FY24[FOUR].sum()) / FY24["All"], False, "share_of_the_others"),
    "as_a_percentage": (100 * FY24[FOUR].sum() / FY24["All"], False, None),
}


@pytest.mark.parametrize("case", SHARE_CASES, ids=list(SHARE_CASES))
def test_ex03_6_share_of_the_four(case):
    result = run(SHARE_CASES, "ex03_6", case)
    if case == "as_a_percentage":
        assert "100 times too large" in result.message


# --- every hint is written for its task and gives nothing away -----------------------------------

def test_hints_do_not_give_the_answer_or_a_verdict():
    for task_id in [t for t in TASKS if t.startswith("ex03_") and TASKS[t].mistakes]:
        spec = TASKS[task_id]
        expected = spec.expected()
        shown = set()
        if isinstance(expected, (int, float)):
            shown = {f"{expected:.2f}", f"{expected:.3f}", f"{expected:.1%}", f"{expected:.0%}"}
        for mistake in spec.mistakes:
            hint = mistake.hint
            assert not re.match(r"(?i)(wrong|incorrect|no\b|not quite|correct)", hint), mistake.name
            assert not any(s in hint for s in shown), (task_id, mistake.name)
            assert not re.search(r"\d,\d{3}|\d%", hint + mistake.label), (task_id, mistake.name)


# --- the notebook: scaffolds, answer cells and model answers -------------------------------------

FOLLOW_UPS = ["ex03_1", "ex03_2", "ex03_4", "ex03_5", "ex03_6"]  # tasks whose text asks a written question


def task_cells(nb) -> dict[str, list]:
    """For each task, its cells: the task text and everything up to the next task."""
    out, current = {}, None
    for cell in nb.cells:
        current = cell.metadata.get("task", current)
        if current:
            out.setdefault(current, []).append(cell)
    return out


def test_each_follow_up_question_has_an_answer_cell_then_a_model_answer():
    cells = task_cells(nbformat.read(EXERCISE, as_version=4))
    for task_id in FOLLOW_UPS:
        text, code, answer, model = cells[task_id][:4]
        assert "in the cell below" in " ".join(text.source.split()), task_id
        assert code.cell_type == "code" and f'check("{task_id}"' in code.source
        assert answer.cell_type == "markdown" and answer.source.startswith("*Write your answer")
        assert SOLUTION_TAG not in answer.metadata.get("tags", [])
        assert model.cell_type == "markdown" and SOLUTION_TAG in model.metadata.get("tags", [])
        assert model.source.startswith(":::{dropdown} Model answer") and model.source.endswith(":::")
        assert "In a comment" not in text.source  # a comment would vanish with the solution


def test_the_chart_task_asks_for_a_cut_the_chapter_does_not_draw():
    text = task_cells(nbformat.read(EXERCISE, as_version=4))["ex03_4"][0].source
    assert "running total" in text and "**Checked by:** `check(\"ex03_4\", fig)`" in text
    chapter = "\n".join(c.source for c in nbformat.read(CHAPTER, as_version=4).cells if c.cell_type == "code")
    assert "cumulative_sanctioned" not in chapter  # the chapter draws the per-year counts only


@pytest.mark.parametrize("task_id", ["ex03_1", "ex03_2", "ex03_4"])
def test_early_tasks_and_the_chart_task_are_scaffolded(task_id):
    cell = task_cells(nbformat.read(EXERCISE, as_version=4))[task_id][1]
    _, prompt = split_prompt(cell.source, task_id)
    assert prompt, f"{task_id} has no prompt block"
    hints = [line for line in prompt if line.lstrip().startswith("#")]
    given = [line for line in prompt if "= load(" in line or ("== ..." in line and "=" in line)]
    assert len(hints) >= 2 and given, prompt


def test_the_student_copy_runs_and_every_check_says_not_answered():
    """Run the student copy's code cells in this process (fast; the book's build runs it in a kernel)."""
    nb = student_copy(nbformat.read(EXERCISE, as_version=4), EXERCISE.name)
    space: dict = {}
    results = []
    here = Path.cwd()
    os.chdir(EXERCISE.parent)
    try:
        for cell in nb.cells:
            if cell.cell_type != "code" or "%pip" in cell.source:
                continue
            lines = cell.source.rstrip().splitlines()
            *body, last = lines
            exec("\n".join(body), space)
            if last.startswith("check("):
                results.append(eval(last, space))
            else:
                exec(last, space)
    finally:
        os.chdir(here)
    assert [r.task for r in results] == [f"ex03_{n}" for n in range(1, 7)]
    assert all(r.passed is None for r in results), results


# --- the guide: each mistake listed next to its task, each follow-up in a rubric -----------------

def chapter_section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text.split("## Chapter 3:", 1)[1].split("\n## ", 1)[0]


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def test_the_guide_lists_each_mistake_next_to_its_task():
    section = chapter_section()
    mistakes = section.split("**Common mistakes, by task.**", 1)[1]
    bullets = {int(b.group(1)): normalised(b.group(2))
               for b in re.finditer(r"^- Task (\d+):(.*?)(?=^- |\Z)", mistakes, flags=re.M | re.S)}
    for task_id in [t for t in TASKS if t.startswith("ex03_")]:
        number = int(task_id.split("_")[1])
        for mistake in TASKS[task_id].mistakes:
            assert normalised(mistake.label) in bullets[number], (task_id, mistake.name)


def test_the_guide_has_a_rubric_row_for_each_follow_up():
    section = chapter_section()
    rubric = section.split("**Rubric for the written follow-ups", 1)[1].split("\n\n**", 1)[0]
    rows = [line for line in rubric.splitlines() if re.match(r"\| Task \d", line)]
    named = {re.match(r"\| Task (\d)", row).group(1) for row in rows}
    assert named == {t.split("_")[1].lstrip("0") for t in FOLLOW_UPS}
    points = [int(row.split("|")[2]) for row in rows]
    total = int(re.search(r"(\d+) points\)", rubric.splitlines()[0]).group(1))
    assert sum(points) == total
