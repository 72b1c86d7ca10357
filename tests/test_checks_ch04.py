"""The checks of exercise 4 (regional pathways), fed the answers students write.

Each wrong answer is built the way a student would build it, from the course data, and the
check must fail it with the named mistake (``result.mistake``) or a message that says what is
wrong. The chart task (ex04_4) asks for the growth of each office's registrations between the two
reporting dates, which the chapter does not draw: the chapter's own chart, drawn as the chapter
draws it, must fail.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coursekit import plots
from coursekit.checks import MATCHES, all_tasks, check
from coursekit.data import load
from coursekit.measures import ch04 as m
from coursekit.tasks.ch04 import restated_source, wire_source

RESTATED = restated_source()
WIRE = wire_source()
OCTOBER, DECEMBER = "2023-10-17", "2023-12-15"  # the dates the task texts name


# --- what students compute, from the data ------------------------------------------------------

def comar_totals() -> pd.DataFrame:
    asylum = load("mexico_asylum")
    return asylum[asylum["nationality"] == "Total"]


def vintage(restated: bool) -> pd.Series:
    totals = comar_totals()
    rows = totals[(totals["source"] == RESTATED) == restated]
    return rows.set_index("year")["applications"].astype(float)


def clean_series() -> pd.Series:
    return vintage(True).combine_first(vintage(False))


def total_2021(restated: bool) -> float:
    return float(vintage(restated).loc[2021])


def smo() -> pd.DataFrame:
    return load("safe_mobility")


def registrations(as_of: str, *, wire_only: bool = False, keep_all: bool = False) -> pd.DataFrame:
    frame = smo()
    rows = frame[(frame["measure"] == "registrations") & (frame["as_of"] == as_of)]
    if not keep_all:
        rows = rows[rows["host_country"] != "All"]
    if wire_only:
        rows = rows[rows["source"].str.contains(WIRE)]
    return rows


def by_office(rows: pd.DataFrame) -> pd.Series:
    return rows.set_index("host_country")["value"].astype(float)


def referred() -> pd.Series:
    frame = smo()
    rows = frame[(frame["measure"] == "referred_us") & (frame["as_of"] == "2023-10-30")
                 & (frame["host_country"] != "All")]
    return by_office(rows)


def october_wire() -> pd.Series:
    return by_office(registrations(OCTOBER, wire_only=True))


def december() -> pd.Series:
    return by_office(registrations(DECEMBER))


# --- ex04_1: growth of asylum applications ---------------------------------------------------

def test_ex04_1_the_clean_series_growth_passes():
    assert check("ex04_1", clean_series().pct_change().dropna()).passed is True


@pytest.mark.parametrize("case, answer, mistake", [
    ("first_published_for_every_year", lambda: vintage(False).pct_change().dropna(), "first_published_throughout"),
    ("restatement_rows_only", lambda: vintage(True).pct_change().dropna(), "restatement_only"),
    ("first_year_left_in", lambda: clean_series().pct_change(), "first_year_kept"),
    ("this_year_over_last", lambda: (clean_series() / clean_series().shift()).dropna(), "ratio_not_growth"),
])
def test_ex04_1_a_wrong_series_names_its_mistake(case, answer, mistake):
    result = check("ex04_1", answer())
    assert (result.passed, result.mistake) == (False, mistake), result


def test_ex04_1_percentages_and_both_vintages_kept_are_explained():
    result = check("ex04_1", 100 * clean_series().pct_change().dropna())
    assert result.passed is False and "100 times too large" in result.message
    both = comar_totals().set_index("year")["applications"].astype(float)  # two rows for 2018-2023
    result = check("ex04_1", both.pct_change().dropna())
    assert result.passed is False and "more than once" in result.message


# --- ex04_2: the revision of 2021 ------------------------------------------------------------

def test_ex04_2_the_revision_passes_rounded_to_two_decimals():
    first, restated = total_2021(False), total_2021(True)
    assert check("ex04_2", 100 * (restated - first) / first).passed is True
    assert check("ex04_2", round(100 * (restated - first) / first, 2)).passed is True


@pytest.mark.parametrize("case, answer, mistake", [
    ("over_the_restated_figure", lambda f, r: 100 * (r - f) / r, "divided_by_restated"),
    ("restatement_taken_as_original", lambda f, r: 100 * (f - r) / r, "vintages_swapped"),
    ("restated_as_percent_of_first", lambda f, r: 100 * r / f, "ratio_not_change"),
    ("difference_in_people", lambda f, r: r - f, "difference_in_people"),
    ("first_minus_restated", lambda f, r: 100 * (f - r) / f, "sign"),
])
def test_ex04_2_a_wrong_number_names_its_mistake(case, answer, mistake):
    result = check("ex04_2", answer(total_2021(False), total_2021(True)))
    assert (result.passed, result.mistake) == (False, mistake), result


def test_ex04_2_a_share_instead_of_a_percentage_is_100_times_too_small():
    first, restated = total_2021(False), total_2021(True)
    result = check("ex04_2", (restated - first) / first)
    assert result.passed is False and "100 times too small" in result.message


# --- ex04_3: referral shares by office -------------------------------------------------------

def test_ex04_3_the_wire_reports_shares_pass():
    assert check("ex04_3", referred() / october_wire()).passed is True


@pytest.mark.parametrize("case, answer, mistake", [
    ("over_december_registrations", lambda: referred() / december(), "december_registrations"),
    ("costa_ricas_two_rows_summed",
     lambda: referred() / registrations(OCTOBER).groupby("host_country")["value"].sum(), "costa_rica_rows_added"),
    ("the_second_reports_figure",
     lambda: referred() / by_office(registrations(OCTOBER)).groupby(level=0).min(), "second_report_figure"),
    ("upside_down", lambda: october_wire() / referred(), "registrations_over_referrals"),
    ("all_row_kept", lambda: referred() / by_office(registrations(OCTOBER, wire_only=True, keep_all=True)),
     "all_row_kept"),
])
def test_ex04_3_a_wrong_share_names_its_mistake(case, answer, mistake):
    result = check("ex04_3", answer())
    assert (result.passed, result.mistake) == (False, mistake), result


def test_ex04_3_both_costa_rica_rows_kept_gives_the_label_twice():
    result = check("ex04_3", referred() / by_office(registrations(OCTOBER)))
    assert result.passed is False and "the label Costa Rica more than once" in result.message


# --- ex04_4: the chart of each office's growth -----------------------------------------------

def growth_bars(values: pd.Series, *, title="Growth in Safe Mobility registrations, Oct to Dec 2023",
                xlabel="Host country", ylabel="Growth in registrations (per cent)", yformat="share"):
    """The chart as the exercise asks for it: plots.bar_chart, one bar per office."""
    table = values.rename("growth").rename_axis("host_country").reset_index()
    return plots.bar_chart(table, x="host_country", y="growth", title=title or "t", xlabel=xlabel or "x",
                           ylabel=ylabel or "y", source="US State Department figures reported by EFE",
                           yformat=yformat)


def test_ex04_4_the_model_chart_passes():
    result = check("ex04_4", growth_bars(m.growth_by_office_wire()))
    assert result.passed is True, result
    assert result.figure is not None  # shown under the message


def test_ex04_4_a_students_own_bars_pass():
    growth = december() / october_wire() - 1
    fig, ax = plots.new_figure(title="Growth by office", xlabel="Host country",
                               ylabel="Growth (share of the October figure)", source="EFE")
    ax.bar(list(growth.index), growth.to_numpy(), label="growth")
    assert check("ex04_4", fig).passed is True
    assert check("ex04_4", growth_bars(growth)).passed is True


def test_ex04_4_a_dummy_plot_fails():
    fig, ax = plots.new_figure(title="x", xlabel="x", ylabel="y", source="s")
    ax.plot([1, 2], [3, 4])
    result = check("ex04_4", fig)
    assert result.passed is False and "none of the 1 series" in result.message


def test_ex04_4_the_chapters_chart_fails():
    """Cell "Readable legend entries for the two reporting dates" of chapters/04b_safe_mobility."""
    named = (m.registrations_by_date()
             .rename(columns={"2023-10-17": "as of 17 Oct 2023", "2023-12-15": "as of mid-Dec 2023"})
             .rename_axis(index="host_country").reset_index()
             .melt(id_vars="host_country", var_name="as_of", value_name="value"))
    fig = plots.bar_chart(named, x="host_country", y="value", hue="as_of",
                          title="Safe Mobility registrations by host country",
                          xlabel="Host country (no per-office figures published for Ecuador)",
                          ylabel="People registered (cumulative)",
                          source="US State Department figures reported by EFE (Oct and Dec 2023) "
                                 "and Centroamérica 360 (Oct 2023)")
    result = check("ex04_4", fig)
    assert (result.passed, result.mistake) == (False, "registrations_not_growth"), result


def test_ex04_4_the_old_tasks_chart_of_both_dates_fails():
    rows = smo()
    rows = rows[(rows["measure"] == "registrations") & (rows["host_country"] != "All")]
    rows = rows[(rows["as_of"] != OCTOBER) | rows["source"].str.contains(WIRE)]
    fig = plots.bar_chart(rows, x="host_country", y="value", hue="as_of", title="Registrations",
                          xlabel="Host country", ylabel="People registered (cumulative)", source="EFE")
    result = check("ex04_4", fig)
    assert (result.passed, result.mistake) == (False, "registrations_not_growth"), result


@pytest.mark.parametrize("case, values, mistake", [
    ("december_over_october", lambda: december() / october_wire(), "ratio_not_growth"),
    ("change_in_people", lambda: december() - october_wire(), "change_in_people"),
    ("costa_ricas_two_rows_summed",
     lambda: december() / registrations(OCTOBER).groupby("host_country")["value"].sum() - 1, "costa_rica_rows_added"),
    ("all_bar_kept",
     lambda: (by_office(registrations(DECEMBER, keep_all=True))
              / by_office(registrations(OCTOBER, wire_only=True, keep_all=True)) - 1), "all_row_kept"),
    ("per_cent", lambda: 100 * (december() / october_wire() - 1), "percent_not_share"),
])
def test_ex04_4_a_wrongly_drawn_chart_names_its_mistake(case, values, mistake):
    result = check("ex04_4", growth_bars(values(), yformat="plain"))
    assert (result.passed, result.mistake) == (False, mistake), result


def test_ex04_4_the_second_reports_figure_is_off_at_costa_rica():
    result = check("ex04_4", growth_bars(december() / by_office(registrations(OCTOBER)).groupby(level=0).min() - 1))
    assert result.passed is False and result.mistake is None
    assert "1 of its 3 values are off (the first at Costa Rica)" in result.message


@pytest.mark.parametrize("case, options, said", [
    ("no_title", {"title": ""}, "still needs a title"),
    ("no_y_label", {"ylabel": ""}, "a y-axis label (with units)"),
    ("no_x_label", {"xlabel": ""}, "an x-axis label"),
])
def test_ex04_4_right_bars_without_a_label_fail(case, options, said):
    fig = growth_bars(m.growth_by_office_wire(), **options)
    ax = fig.axes[0]
    if case == "no_title":
        fig.suptitle("")
    elif case == "no_y_label":
        ax.set_ylabel("")
    else:
        ax.set_xlabel("")
    result = check("ex04_4", fig)
    assert result.passed is False and said in result.message, result


def test_ex04_4_an_extra_series_fails():
    wire = december() / october_wire() - 1
    corrected = december() / by_office(registrations(OCTOBER)).groupby(level=0).min() - 1
    table = pd.concat([pd.DataFrame({"host_country": wire.index, "growth": wire.to_numpy(), "figure": "wire report"}),
                       pd.DataFrame({"host_country": corrected.index, "growth": corrected.to_numpy(),
                                     "figure": "corrected"})])
    fig = plots.bar_chart(table, x="host_country", y="growth", hue="figure", title="Growth", xlabel="Host country",
                          ylabel="Growth (share)", source="EFE", yformat="share")
    result = check("ex04_4", fig)
    assert result.passed is False and "draws 2 series and the task asks for 1. Leave out: corrected" in result.message


def test_ex04_4_the_expected_growth_shows_the_fall_task_5_explains():
    growth = m.growth_by_office_wire()
    assert list(growth.index) == ["Colombia", "Costa Rica", "Guatemala"]
    assert list(growth[growth < 0].index) == ["Costa Rica"]
    assert growth.idxmax() == "Colombia"  # the model answer to the follow-up


# --- ex04_5: the figure that fits the total --------------------------------------------------

def candidates_and_total():
    october = registrations(OCTOBER)
    printed = by_office(october[october["source"].str.contains(WIRE)])
    second = by_office(october[~october["source"].str.contains(WIRE)])
    office = second.index.item()
    total = by_office(registrations(OCTOBER, keep_all=True).query("host_country == 'All'")).item()
    return printed, second, office, total


def test_ex04_5_the_consistent_figure_passes_as_any_whole_number():
    printed, second, office, total = candidates_and_total()
    others = printed.drop(office).sum()
    consistent = min([printed[office], second[office]], key=lambda v: abs(others + v - total))
    for answer in (int(consistent), np.int64(consistent), float(consistent)):
        assert check("ex04_5", answer).passed is True


def test_ex04_5_the_figure_closer_to_the_total_on_its_own_is_named():
    printed, second, office, total = candidates_and_total()
    alone = min([printed[office], second[office]], key=lambda v: abs(v - total))
    result = check("ex04_5", int(alone))
    assert (result.passed, result.mistake) == (False, "closer_to_total_alone"), result


def test_ex04_5_a_sum_or_the_total_is_named():
    printed, second, office, total = candidates_and_total()
    others = printed.drop(office).sum()
    closer_sum = min([others + printed[office], others + second[office]], key=lambda s: abs(s - total))
    assert check("ex04_5", int(closer_sum)).mistake == "sum_not_figure"
    assert check("ex04_5", int(total)).mistake == "total_not_figure"


def test_ex04_5_an_office_name_is_asked_to_be_a_number():
    result = check("ex04_5", "Costa Rica")
    assert result.passed is False and "expected a whole number" in result.message


def test_ex04_5_adding_the_all_row_still_picks_the_right_figure_as_the_guide_says():
    october = registrations(OCTOBER, keep_all=True)  # the All row kept among the offices
    printed = by_office(october[october["source"].str.contains(WIRE)])
    second = by_office(october[~october["source"].str.contains(WIRE)])
    office = second.index.item()
    total = printed["All"]
    others = printed.drop(office).sum()  # the All row added to the other offices
    picked = min([printed[office], second[office]], key=lambda v: abs(others + v - total))
    assert check("ex04_5", int(picked)).passed is True


# --- ex04_6: encounters per CHNV arrival -----------------------------------------------------

def encounters(measure: str = "swb_encounters_total") -> float:
    border = load("us_southwest_border")
    return float(border.query("fiscal_year == 2023 and measure == @measure")["count"].item())


def chnv(period: str = "through 2023-12") -> float:
    pathways = load("legal_pathways")
    rows = pathways.query("program == 'CHNV parole' and measure == 'arrivals (cumulative)' and period == @period")
    return float(rows["value"].item())


def test_ex04_6_the_ratio_passes():
    assert check("ex04_6", encounters() / chnv()).passed is True
    assert check("ex04_6", round(encounters() / chnv(), 2)).passed is True


@pytest.mark.parametrize("case, answer, mistake", [
    ("border_patrol_only", lambda: encounters("usbp_encounters_total") / chnv(), "border_patrol_only"),
    ("chnv_through_july", lambda: encounters() / chnv("through 2023-07"), "chnv_through_july"),
    ("upside_down", lambda: chnv() / encounters(), "ratio_upside_down"),
])
def test_ex04_6_a_wrong_ratio_names_its_mistake(case, answer, mistake):
    result = check("ex04_6", answer())
    assert (result.passed, result.mistake) == (False, mistake), result


def test_ex04_6_the_first_half_year_is_off_without_a_named_mistake():
    result = check("ex04_6", encounters() / chnv("2023-01 to 2023-06"))
    assert result.passed is False and result.mistake is None and "the number is off" in result.message


def test_every_ex04_number_and_series_check_passes_its_measure():
    tasks = all_tasks()
    for task_id in ("ex04_1", "ex04_2", "ex04_3", "ex04_5", "ex04_6"):
        assert check(task_id, tasks[task_id].expected()).message == MATCHES
