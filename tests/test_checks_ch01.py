"""Exercise 1's checks tell a student which common mistake their answer shows.

Each case is an answer written the way a student would write it, from the course data: the model
answer passes, and each wrong answer fails with the mistake's name or a specific message. The
chart check (ex01_5) is tested on charts drawn as a student would draw them, including the
chapter's own removals chart, which must not pass a task about apprehensions.
"""
from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from coursekit import plots
from coursekit.checks import MATCHES, check
from coursekit.data import load, value
from coursekit.measures import ch01 as m
from coursekit.solutions import SOLUTION_TAG, YOUR_CODE, student_copy

NT = ["Guatemala", "Honduras", "El Salvador"]
EXERCISE = ROOT / "exercises" / "01_border_enforcement.ipynb"


# --- what students compute, step by step, from the tables ---------------------------------------

def usbp_wide() -> pd.DataFrame:
    table = load("us_border_by_citizenship")
    usbp = table[table["measure"] == "usbp_apprehensions"]
    return usbp.pivot(index="fiscal_year", columns="citizenship", values="count").astype(float)


def fy2019_counts() -> pd.Series:
    table = load("us_border_by_citizenship")
    rows = table[(table["measure"] == "usbp_apprehensions") & (table["fiscal_year"] == 2019)]
    return rows.set_index("citizenship")["count"].astype(float)


def presented_by_year(source: str | None = None) -> pd.Series:
    rows = load("mexico_enforcement")
    rows = rows[(rows["measure"] == "presented") & (rows["nationality"] == "Total")]
    if source:
        rows = rows[rows["source"] == source]
    return rows.set_index("year")["count"].astype(float)


def cato() -> tuple[float, float]:
    figures = load("key_figures")
    period = figures[figures["period"] == "2004-2018"].set_index("measure")["value"].astype(float)
    return period["mexico_removals_northern_triangle_cato"], period["us_removals_northern_triangle_cato"]


def assert_mistake(result, name: str):
    assert result.passed is False, result
    assert result.mistake == name, result
    assert result.message.startswith("not yet: ")


# --- ex01_1: the share of non-Mexicans -----------------------------------------------------------

def test_ex01_1_the_model_answer_passes_and_says_it_matches_the_data():
    wide = usbp_wide()
    result = check("ex01_1", 1 - wide["Mexico"] / wide["Total"])
    assert result.passed is True and result.message == MATCHES
    assert "well done" not in result.message.lower()


def test_ex01_1_the_share_of_mexicans_is_named():
    wide = usbp_wide()
    assert_mistake(check("ex01_1", wide["Mexico"] / wide["Total"]), "mexican_share_not_non_mexican")


def test_ex01_1_dividing_by_the_mexicans_is_named():
    wide = usbp_wide()
    other = wide["Total"] - wide["Mexico"]
    assert_mistake(check("ex01_1", other / wide["Mexico"]), "divided_by_mexicans_not_total")


def test_ex01_1_counts_instead_of_shares_are_named():
    wide = usbp_wide()
    assert_mistake(check("ex01_1", wide["Total"] - wide["Mexico"]), "counts_not_share")


def test_ex01_1_percentages_are_told_to_be_shares():
    wide = usbp_wide()
    result = check("ex01_1", (1 - wide["Mexico"] / wide["Total"]) * 100)
    assert result.passed is False and "100 times too large" in result.message


def test_ex01_1_the_whole_wide_table_asks_for_one_column():
    result = check("ex01_1", usbp_wide())
    assert result.passed is False and "select the one column" in result.message


# --- ex01_2: the Northern Triangle's share in FY2019 ---------------------------------------------

def test_ex01_2_the_model_answer_passes():
    counts = fy2019_counts()
    assert check("ex01_2", counts[NT].sum() / counts["Total"]).passed is True


def test_ex01_2_leaving_out_el_salvador_is_named():
    counts = fy2019_counts()
    answer = counts[["Guatemala", "Honduras"]].sum() / counts["Total"]
    assert_mistake(check("ex01_2", answer), "el_salvador_left_out")


def test_ex01_2_the_three_countries_plus_mexico_as_denominator_is_named():
    counts = fy2019_counts()
    answer = counts[NT].sum() / counts[NT + ["Mexico"]].sum()
    assert_mistake(check("ex01_2", answer), "mexico_in_denominator")


def test_ex01_2_typing_the_crs_figure_is_named():
    assert_mistake(check("ex01_2", 0.81), "crs_figure_copied")


def test_ex01_2_a_percentage_is_told_to_be_a_share():
    counts = fy2019_counts()
    result = check("ex01_2", 100 * counts[NT].sum() / counts["Total"])
    assert result.passed is False and "100 times too large" in result.message


# --- ex01_3: growth of Mexico's apprehensions -----------------------------------------------------

def test_ex01_3_the_model_answer_passes():
    by_year = presented_by_year()
    assert check("ex01_3", by_year.loc[2015] / by_year.loc[2012]).passed is True


def test_ex01_3_a_percentage_change_is_named():
    by_year = presented_by_year()
    assert_mistake(check("ex01_3", (by_year.loc[2015] - by_year.loc[2012]) / by_year.loc[2012]),
                   "percent_change_not_ratio")


def test_ex01_3_the_inverted_ratio_is_named():
    by_year = presented_by_year()
    assert_mistake(check("ex01_3", by_year.loc[2012] / by_year.loc[2015]), "ratio_inverted")


def test_ex01_3_the_chapters_rounded_figure_does_not_pass():
    result = check("ex01_3", round(m.mx_growth_1215(), 1))  # the chapter prints one decimal
    assert result.passed is False and result.mistake is None and "the number is off" in result.message


# --- ex01_4: Mexico's share of the Cato totals ----------------------------------------------------

def test_ex01_4_the_model_answer_passes():
    mexico, us = cato()
    assert check("ex01_4", mexico / (mexico + us)).passed is True


def test_ex01_4_a_ratio_instead_of_a_share_is_named():
    mexico, us = cato()
    assert_mistake(check("ex01_4", mexico / us), "ratio_not_share")


def test_ex01_4_the_us_share_is_named():
    mexico, us = cato()
    assert_mistake(check("ex01_4", us / (mexico + us)), "us_share_not_mexico")


def test_ex01_4_a_percentage_is_told_to_be_a_share():
    mexico, us = cato()
    result = check("ex01_4", 100 * mexico / (mexico + us))
    assert result.passed is False and "100 times too large" in result.message


# --- ex01_6: the change from 2018 to 2019 ----------------------------------------------------------

def test_ex01_6_the_model_answer_passes():
    hill = presented_by_year("hill2021mexico")
    assert check("ex01_6", hill.loc[2019] / hill.loc[2018] - 1).passed is True


def test_ex01_6_mixing_the_two_2018_versions_is_named():
    hill = presented_by_year("hill2021mexico")
    other = presented_by_year("elmundosv2019detenciones")
    assert_mistake(check("ex01_6", hill.loc[2019] / other.loc[2018] - 1), "vintages_mixed")


def test_ex01_6_the_ratio_instead_of_the_change_is_named():
    hill = presented_by_year("hill2021mexico")
    assert_mistake(check("ex01_6", hill.loc[2019] / hill.loc[2018]), "ratio_not_change")


def test_ex01_6_dividing_by_the_later_year_is_named():
    hill = presented_by_year("hill2021mexico")
    assert_mistake(check("ex01_6", (hill.loc[2019] - hill.loc[2018]) / hill.loc[2019]), "change_divided_by_2019")


def test_ex01_6_subtracting_the_wrong_way_round_is_the_wrong_sign():
    hill = presented_by_year("hill2021mexico")
    result = check("ex01_6", (hill.loc[2018] - hill.loc[2019]) / hill.loc[2018])
    assert result.passed is False and result.mistake == "sign"


# --- ex01_5: the chart of apprehensions ------------------------------------------------------------

US_LABEL = "United States, Border Patrol (fiscal years)"
MX_LABEL = "Mexico (calendar years)"


def us_series() -> pd.Series:
    """The US series as the model answer builds it: the three countries, complete years, summed."""
    table = load("us_border_by_citizenship")
    rows = table[(table["measure"] == "usbp_apprehensions") & table["citizenship"].isin(NT)]
    return rows.pivot(index="fiscal_year", columns="citizenship", values="count").dropna().sum(axis=1)


def mexico_points() -> dict[int, float]:
    key = load("key_figures")
    rows = key[(key["measure"] == "mexico_apprehensions_northern_triangle") & key["period"].isin(["2014", "2015"])]
    return {int(p): float(v) for p, v in zip(rows["period"], rows["value"])}


def chart(us=None, mexico=None, us_label=US_LABEL, mx_label=MX_LABEL, legend=True,
          title="Apprehensions of Northern Triangle nationals", xlabel="Year (US: fiscal; Mexico: calendar)"):
    fig, ax = plots.new_figure(title=title, xlabel=xlabel, ylabel="Apprehensions (events)",
                               source="US Border Patrol; SEGOB via CRS")
    us = us_series() if us is None else us
    mexico = mexico_points() if mexico is None else mexico
    ax.plot(list(us.index), list(us.values), marker="o", **({"label": us_label} if us_label else {}))
    if mexico:
        ax.plot(list(mexico), list(mexico.values()), marker="s", linestyle="--",
                **({"label": mx_label} if mx_label else {}))
    if legend:
        ax.legend()
    return fig, ax


def test_ex01_5_the_model_answers_chart_passes_and_is_shown_with_the_message():
    fig, _ = chart()
    result = check("ex01_5", fig)
    assert result.passed is True, result
    assert result.figure is fig
    assert "well done" not in result.message.lower()


def test_ex01_5_the_expected_series_are_the_chapters_measures():
    fig, ax = plots.new_figure(title="t", xlabel="Year", ylabel="Apprehensions (events)", source="s")
    for name, series in m.nt_apprehensions_us_mexico().items():
        ax.plot(series.index, series.values, label=name.split("|")[0])
    ax.legend()
    assert check("ex01_5", fig).passed is True


def test_ex01_5_a_line_broken_at_the_missing_years_passes():
    fig, _ = chart(us=us_series().astype(float).reindex(range(2007, 2020)))
    assert check("ex01_5", fig).passed is True


def test_ex01_5_a_dummy_plot_fails():
    fig, ax = plots.new_figure(title="x", xlabel="x", ylabel="y", source="s")
    ax.plot([1, 2], [3, 4])
    ax.set_title("x")
    result = check("ex01_5", fig)
    assert result.passed is False and "none of the 1 series" in result.message


def test_ex01_5_the_chapters_removals_chart_fails_as_removals():
    """Drawn as chapter 1 draws its removals figure (chapters/01b_merida_frontera_sur.ipynb)."""
    ice_nt = m.ice_nt_removals()
    mx_2014 = value(load("key_figures"), measure="mexico_removals_northern_triangle", period="2014")
    years = range(2013, 2020)
    fig, ax = plots.new_figure(
        title="Removals of Guatemalans, Hondurans and Salvadorans by the US and Mexico",
        xlabel="Year (US: fiscal year; Mexico: calendar year)", ylabel="Removals (events)",
        source="US: ICE annual removal reports (ice.gov); Mexico: SEGOB figure reported by "
               "CRS In Focus IF10215 (April 2015)", figsize=(8, 4.4))
    values = ice_nt.reindex(years)
    ax.plot(list(years), values.values, marker=plots.MARKERS[0], color=plots.PALETTE[0],
            label="United States, ICE removals (fiscal years)")
    ax.plot([2014], [mx_2014], linestyle="none", marker="*", markersize=11, color=plots.PALETTE[3],
            label="Mexico, SEGOB removals (calendar year 2014)")
    plots.format_values(ax, "count")
    ax.set_xticks(list(years))
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    assert_mistake(check("ex01_5", fig), "removals_not_apprehensions")


def test_ex01_5_us_apprehensions_with_mexicos_removals_fail_as_removals():
    removals = {2014: float(value(load("key_figures"), measure="mexico_removals_northern_triangle", period="2014"))}
    fig, _ = chart(mexico=removals)
    assert_mistake(check("ex01_5", fig), "removals_not_apprehensions")


def test_ex01_5_years_with_a_missing_country_kept_by_a_groupby_are_named():
    table = load("us_border_by_citizenship")
    rows = table[(table["measure"] == "usbp_apprehensions") & table["citizenship"].isin(NT)]
    fig, _ = chart(us=rows.groupby("fiscal_year")["count"].sum())
    assert_mistake(check("ex01_5", fig), "incomplete_years_kept")


def test_ex01_5_every_fiscal_year_of_the_whole_table_is_named():
    fig, _ = chart(us=usbp_wide()[NT].sum(axis=1))  # years with no country add up to 0
    assert_mistake(check("ex01_5", fig), "incomplete_years_kept")


def test_ex01_5_summing_every_citizenship_column_is_named():
    fig, _ = chart(us=usbp_wide().dropna().sum(axis=1))
    assert_mistake(check("ex01_5", fig), "mexico_and_total_summed")


def test_ex01_5_a_series_without_a_label_fails():
    fig, _ = chart(us_label=None)
    result = check("ex01_5", fig)
    assert result.passed is False and "has no label" in result.message


def test_ex01_5_a_label_that_does_not_name_the_country_fails():
    fig, _ = chart(us_label="Border Patrol (fiscal years)")
    result = check("ex01_5", fig)
    assert result.passed is False and "'Border Patrol (fiscal years)'" in result.message


def test_ex01_5_a_chart_without_a_legend_fails():
    fig, _ = chart(legend=False)
    result = check("ex01_5", fig)
    assert result.passed is False and "no legend" in result.message


def test_ex01_5_a_chart_with_an_extra_series_fails():
    fig, ax = chart()
    total = usbp_wide()["Total"]
    ax.plot(total.index, total.values, label="All apprehensions")
    ax.legend()
    result = check("ex01_5", fig)
    assert result.passed is False and "draws 3 series" in result.message and "All apprehensions" in result.message


def test_ex01_5_a_chart_without_mexico_fails_and_names_it():
    fig, _ = chart(mexico={})
    result = check("ex01_5", fig)
    assert result.passed is False and "'Mexico'" in result.message


def test_ex01_5_a_chart_without_an_x_label_fails():
    fig, ax = chart()
    ax.set_xlabel("")
    result = check("ex01_5", fig)
    assert result.passed is False and "an x-axis label" in result.message


# --- the notebook: scaffolds for novices, answer cells for the follow-up questions ----------------

def task_cells(nb) -> dict[str, int]:
    return {cell.metadata["task"]: i for i, cell in enumerate(nb.cells) if "task" in cell.metadata}


@pytest.mark.parametrize("task_id", ["ex01_1", "ex01_2", "ex01_3", "ex01_4", "ex01_5"])
def test_the_early_tasks_give_a_scaffold_not_bare_stubs(task_id):
    student = student_copy(nbformat.read(EXERCISE, as_version=4), EXERCISE.name)
    code = student.cells[task_cells(student)[task_id] + 1].source
    assert YOUR_CODE not in code, code
    lines = code.splitlines()
    assert sum(line.startswith("# ") for line in lines) >= 3, "a scaffold explains its steps in comments"
    assert sum(" = ..." in line for line in lines if not line.startswith("#")) >= 1
    assert lines[-1].startswith(f'check("{task_id}", ')


@pytest.mark.parametrize("task_id", ["ex01_2", "ex01_4", "ex01_5", "ex01_6", "ex01_8"])
def test_each_follow_up_question_has_an_answer_cell_and_a_model_answer(task_id):
    nb = nbformat.read(EXERCISE, as_version=4)
    at = task_cells(nb)[task_id]
    code, answer, model = nb.cells[at + 1: at + 4]
    assert code.cell_type == "code" and f'check("{task_id}"' in code.source
    assert answer.cell_type == "markdown" and answer.source.startswith("*Write your answer")
    assert SOLUTION_TAG in model.metadata.get("tags", [])
    assert model.source.startswith(":::{dropdown} Model answer")


def test_the_guide_has_a_rubric_entry_for_each_follow_up_question():
    guide = (ROOT / "instructors" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## Chapter 1:", 1)[1].split("\n## ", 1)[0]
    rubric = section.split("**Rubric for the follow-up questions", 1)[1].split("\n\n**", 1)[0]
    for task_number in (2, 4, 5, 6):
        assert f"| Task {task_number}:" in rubric, f"no rubric row for task {task_number}"


def test_task_1_counts_apprehensions_not_people():
    nb = nbformat.read(EXERCISE, as_version=4)
    text = nb.cells[task_cells(nb)["ex01_1"]].source
    assert "apprehended people" not in text and "events, not people" in text
