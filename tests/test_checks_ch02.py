"""The checks of exercise 2 (the Migrant Protection Protocols), with answers as a student writes them.

Each wrong answer is computed from the ``mpp`` table the way a student who makes the mistake would
compute it, and must fail with that mistake's name (or the message the check gives for it). The
chart task (ex02_4) asks for the running total of MPP court cases, a cut of the data the chapter
does not draw: the chapter's own chart must fail it.
"""
from __future__ import annotations

import pandas as pd
import pytest

from coursekit import plots
from coursekit.checks import MATCHES, check
from coursekit.data import load
from coursekit.measures import ch02 as m

MPP = load("mpp")


def rows(**criteria) -> pd.DataFrame:
    frame = MPP
    for column, wanted in criteria.items():
        frame = frame[frame[column] == wanted]
    return frame


def one(**criteria) -> int:
    return int(rows(**criteria)["count"].item())


JAN2021 = rows(series="outcome", period="as of 2021-01").set_index("category")["count"]
SEP2019 = rows(series="outcome", period="as of 2019-09").set_index("category")["count"]


# --- task 1: the relief rate -------------------------------------------------------------------

TOTAL_TRAC = one(series="enrolled_total", category="MPP 1.0 immigration court cases", source="tracmpptool")

RELIEF_CASES = {
    "right": (JAN2021["relief granted"] / JAN2021["completed"], True, None),
    "as_a_percentage": (100 * JAN2021["relief granted"] / JAN2021["completed"], False, None),
    "all_cases_filed": (JAN2021["relief granted"] / TOTAL_TRAC, False, "divided_by_all_cases"),
    "removal_orders": (JAN2021["relief granted"] / JAN2021["removal ordered"], False, "divided_by_removals"),
    "september_2019": (SEP2019["relief granted"] / SEP2019["completed"], False, "september_2019_snapshot"),
}


@pytest.mark.parametrize("case", RELIEF_CASES, ids=list(RELIEF_CASES))
def test_ex02_1_relief_rate(case):
    answer, passed, mistake = RELIEF_CASES[case]
    result = check("ex02_1", answer)
    assert result.passed is passed, result
    assert result.mistake == mistake, result
    if passed:
        assert result.message == MATCHES
    if case == "as_a_percentage":
        assert "100 times too large" in result.message


# --- task 2: the in absentia share ---------------------------------------------------------------

ABSENTIA_CASES = {
    "right": (JAN2021["removal ordered in absentia"] / JAN2021["completed"], True, None),
    "of_removal_orders": (JAN2021["removal ordered in absentia"] / JAN2021["removal ordered"], False,
                          "share_of_removals"),
    "subset_added_to_removals": ((JAN2021["removal ordered"] + JAN2021["removal ordered in absentia"])
                                 / JAN2021["completed"], False, "subset_added"),
    "every_removal_order": (JAN2021["removal ordered"] / JAN2021["completed"], False, "all_removal_orders"),
    "completed_over_absentia": (JAN2021["completed"] / JAN2021["removal ordered in absentia"], False, None),
}


@pytest.mark.parametrize("case", ABSENTIA_CASES, ids=list(ABSENTIA_CASES))
def test_ex02_2_in_absentia_share(case):
    answer, passed, mistake = ABSENTIA_CASES[case]
    result = check("ex02_2", answer)
    assert result.passed is passed, result
    assert result.mistake == mistake, result


def test_ex02_2_subset_hint_says_what_happened_without_the_answer():
    answer = (JAN2021["removal ordered"] + JAN2021["removal ordered in absentia"]) / JAN2021["completed"]
    message = check("ex02_2", answer).message
    assert message.startswith("not yet: ") and "already among them" in message
    assert f"{m.in_absentia_share():.2f}" not in message


# --- task 3: nationality shares -----------------------------------------------------------------

DEC = rows(series="nationality", period="2021-12").set_index("category")["count"].astype(float)
TRAC_DEC = one(series="enrolled_by_period", category="MPP 2.0 new court cases (TRAC)", period="2021-12")
MPP2_ENROLLED = one(series="enrolled_total", category="MPP 2.0 individuals enrolled (DHS cohort report)")

SHARE_CASES = {
    "right": (DEC / DEC.sum(), True, None, MATCHES),
    "right_as_a_dict": (dict(DEC / DEC.sum()), True, None, MATCHES),
    "counts": (DEC, False, "counts_not_shares", "counts of people"),
    "trac_court_cases": (DEC / TRAC_DEC, False, "divided_by_trac_cases", "counts court cases"),
    "all_of_mpp2": (DEC / MPP2_ENROLLED, False, "divided_by_all_mpp2", "December 2021 only"),
    "percentages": (100 * DEC / DEC.sum(), False, None, "100 times too large"),
    "a_nationality_left_out": ((DEC / DEC.sum()).drop("Ecuador"), False, None, "1 of the 5 labels it asks for missing"),
}


@pytest.mark.parametrize("case", SHARE_CASES, ids=list(SHARE_CASES))
def test_ex02_3_nationality_shares(case):
    answer, passed, mistake, message = SHARE_CASES[case]
    result = check("ex02_3", answer)
    assert result.passed is passed, result
    assert result.mistake == mistake, result
    assert message in result.message, result.message


# --- task 4: the running total of MPP court cases (a chart) -------------------------------------

MONTHLY = rows(series="enrolled_by_period", category="new MPP court cases").sort_values("period")


def line(x, y, *, label="running total", title="Running total of MPP court cases, 2019",
         xlabel="Calendar month", ylabel="Cases filed since January 2019 (count)", more=()):
    """A course figure with one line, as the task asks (plus ``more`` lines: (x, y, label))."""
    fig, ax = plots.new_figure(title=title or "t", xlabel=xlabel or "x", ylabel=ylabel or "y", source="TRAC")
    if not title:
        fig.suptitle("")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.plot(x, y, marker="o", label=label)
    for mx, my, mlabel in more:
        ax.plot(mx, my, label=mlabel)
    if more:
        ax.legend()
    return fig


def dummy():
    fig, ax = plots.new_figure(title="x", xlabel="x", ylabel="y", source="s")
    ax.plot([1, 2], [3, 4])
    ax.set_title("x")
    return fig


def chapter_chart():
    """Chapter 2's own figure (fig-ch2-monthly), drawn as the chapter draws it."""
    fig = plots.bar_chart(m.monthly_cases(), x="month", y="count",
                          title="New MPP court cases per month, January-July 2019",
                          xlabel="Month the case was filed (calendar month)",
                          ylabel="New MPP court cases (count)",
                          source="TRAC, Syracuse University (MPP court records), table of 26 Aug 2019")
    fig.axes[0].tick_params(axis="x", labelrotation=45)
    return fig


def test_ex02_4_the_model_chart_from_the_measure_passes():
    total = m.cumulative_cases()
    result = check("ex02_4", line(list(total.index), total.to_numpy()))
    assert result.passed is True, result
    assert result.figure is not None  # shown under the message in Jupyter


def test_ex02_4_the_students_code_passes_with_pandas_columns():
    """The solution's way: the period column and .cumsum() of the count column, unlabelled."""
    result = check("ex02_4", line(MONTHLY["period"], MONTHLY["count"].cumsum(), label=None))
    assert result.passed is True, result


def test_ex02_4_bars_of_the_running_total_pass_too():
    frame = MONTHLY.assign(total=MONTHLY["count"].cumsum())
    fig = plots.bar_chart(frame, x="period", y="total", title="Running total", xlabel="Month",
                          ylabel="Cases (count)", source="TRAC")
    assert check("ex02_4", fig).passed is True


def test_ex02_4_the_chapters_chart_fails_as_the_monthly_counts():
    result = check("ex02_4", chapter_chart())
    assert result.passed is False
    assert result.mistake == "monthly_not_cumulative", result
    assert ".cumsum()" in result.message


def test_ex02_4_a_line_of_the_monthly_counts_fails_as_the_monthly_counts():
    result = check("ex02_4", line(MONTHLY["period"], MONTHLY["count"], label="new cases"))
    assert (result.passed, result.mistake) == (False, "monthly_not_cumulative")


def test_ex02_4_the_monthly_change_fails_as_diff():
    result = check("ex02_4", line(MONTHLY["period"], MONTHLY["count"].diff()))
    assert (result.passed, result.mistake) == (False, "diff_not_cumsum")


def test_ex02_4_mexicos_august_count_added_fails():
    with_mexico = rows(series="enrolled_by_period")
    with_mexico = with_mexico[with_mexico["period"].str.startswith("2019")].sort_values("period")
    result = check("ex02_4", line(with_mexico["period"], with_mexico["count"].cumsum()))
    assert (result.passed, result.mistake) == (False, "mexico_count_added")
    assert "counts people" in result.message


def test_ex02_4_a_dummy_plot_fails():
    result = check("ex02_4", dummy())
    assert result.passed is False and result.mistake is None
    assert "none of the 1 series" in result.message


def test_ex02_4_dates_on_the_x_axis_fail_and_say_which_points():
    dates = pd.to_datetime(MONTHLY["period"])
    result = check("ex02_4", line(dates, MONTHLY["count"].cumsum(), label="running total of cases"))
    assert result.passed is False
    assert "2019-01-01" in result.message


def test_ex02_4_one_month_left_out_fails():
    total = m.cumulative_cases()
    result = check("ex02_4", line(list(total.index[1:]), total.to_numpy()[1:], label="running total"))
    assert result.passed is False and "it lacks 1 of the 7 points" in result.message


def test_ex02_4_right_values_without_a_y_label_or_a_title_fail():
    total = m.cumulative_cases()
    no_ylabel = check("ex02_4", line(list(total.index), total.to_numpy(), ylabel=""))
    assert no_ylabel.passed is False and "a y-axis label (with units)" in no_ylabel.message
    no_title = check("ex02_4", line(list(total.index), total.to_numpy(), title=""))
    assert no_title.passed is False and "a title" in no_title.message


def test_ex02_4_an_extra_series_fails():
    total = m.cumulative_cases()
    fig = line(list(total.index), total.to_numpy(), label="running total",
               more=[(list(total.index), MONTHLY["count"].to_numpy(), "new cases per month")])
    result = check("ex02_4", fig)
    assert result.passed is False
    assert "draws 2 series and the task asks for 1" in result.message and "new cases per month" in result.message


def test_ex02_4_the_running_total_ends_at_the_sum_of_the_months():
    total = m.cumulative_cases()
    assert list(total.index) == list(MONTHLY["period"])
    assert total["2019-07"] == m.jan_to_jul() == MONTHLY["count"].sum()
    assert total.is_monotonic_increasing


# --- task 5: the TRAC-DHS gap --------------------------------------------------------------------

TOTALS = rows(series="enrolled_total", period="2019-01 to 2021-01")
TRAC_EXACT = one(series="enrolled_total", category="MPP 1.0 immigration court cases", source="tracmpptool")
TRAC_ROUNDED = one(series="enrolled_total", category="MPP 1.0 immigration court cases", source="trac2022mpp2")
DHS = one(series="enrolled_total", category="MPP 1.0 individuals enrolled/returned (DHS figure)")

GAP_CASES = {
    "right": (TRAC_EXACT - DHS, True, None),
    "rounded_trac": (TRAC_ROUNDED - DHS, False, "rounded_trac_row"),
    "both_trac_rows": (TOTALS[TOTALS["category"] == "MPP 1.0 immigration court cases"]["count"].sum() - DHS, False,
                       "both_trac_rows_added"),
    "dhs_january_2020": (TRAC_EXACT - one(series="enrolled_total", category="MPP 1.0 returned to Mexico (DHS snapshot)"),
                         False, "dhs_snapshot_other_period"),
    "civil_society": (TRAC_EXACT - one(series="enrolled_total",
                                       category="MPP 1.0 persons returned to Mexico (civil-society count)"),
                      False, "civil_society_count"),
    "dhs_minus_trac": (DHS - TRAC_EXACT, False, "sign"),
    "a_share_not_a_count": ((TRAC_EXACT - DHS) / DHS, False, None),
}


@pytest.mark.parametrize("case", GAP_CASES, ids=list(GAP_CASES))
def test_ex02_5_gap(case):
    answer, passed, mistake = GAP_CASES[case]
    result = check("ex02_5", answer)
    assert result.passed is passed, result
    assert result.mistake == mistake, result


# --- the follow-up answers' numbers -------------------------------------------------------------

def test_the_follow_up_shares_are_the_running_total_over_tracs_total():
    assert m.share_filed_by_jul2019() == pytest.approx(MONTHLY["count"].sum() / TRAC_EXACT)
    assert m.trac_nov2019_total() == one(series="enrolled_total", period="2019-01 to 2019-11",
                                          category="MPP 1.0 immigration court cases (snapshot)")
    assert m.share_filed_by_jul2019() < 0.5 < m.share_filed_by_nov2019() < 1
