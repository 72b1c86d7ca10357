"""What a student reads when a number, a Series or a choice is checked: the whole Result (task id,
verdict, message, mistake) for each kind of answer, and how labels and single values are read.

tests/test_checks.py holds the cases by kind with the key phrase of each message; this file pins
the whole message a student reads, word for word, and the task the Result names (the notebook
shows ``✘ <task>: <message>``), and the ways of writing one number or one label that the checks
treat as the same.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from coursekit import checks
from coursekit.checks import MATCHES, Result
from coursekit.registry import Mistake, Task

OFF = " Re-read which rows and years the task asks for."
TOO_LARGE = " Your value looks 100 times too large: the task asks for a share between 0 and 1, not a percentage."
TOO_SMALL = " Your value looks 100 times too small: the task asks for a percentage, not a share."


# --- numbers ---------------------------------------------------------------------------------

def ratio_task(**options) -> Task:
    return Task("t_ratio", "number", "A ratio", expected=lambda: 2.24, unit_hint="a ratio", **options)


NUMBER_RESULTS = {
    "right": (2.24, True, MATCHES, None),
    "a_zero_dimensional_array": (np.array(2.24), True, MATCHES, None),
    "a_one_by_one_array": (np.array([[2.24]]), True, MATCHES, None),
    "a_one_cell_frame": (pd.DataFrame({"ratio": [2.24]}), True, MATCHES, None),
    "text": ("2.24", False, "expected a single number (a ratio), but got a str. Check what your last line produces.",
             None),
    "a_boolean_array": (np.array(True), False, "expected a single number (a ratio), but got a ndarray. Check what "
                                               "your last line produces.", None),
    "nan": (math.nan, False, "your answer is NaN (not a number): look for a division by zero or missing data.", None),
    "nan_in_a_one_cell_series": (pd.Series([math.nan]), False, "your answer is NaN (not a number): look for a "
                                                               "division by zero or missing data.", None),
    "wrong_sign": (-2.24, False, "not yet: your number has the right size but the wrong sign. Check which value you "
                                 "subtract from which, or which you divide by.", "sign"),
    "off": (2.5, False, "not yet: the number is off." + OFF, None),
    "a_hundred_times_too_large": (224.0, False, "not yet: the number is off." + TOO_LARGE + OFF, None),
    "a_hundred_times_too_small": (0.0224, False, "not yet: the number is off." + TOO_SMALL + OFF, None),
}


@pytest.mark.parametrize("case", NUMBER_RESULTS, ids=list(NUMBER_RESULTS))
def test_a_number_answer_gets_the_whole_message_for_its_task(case):
    answer, passed, message, mistake = NUMBER_RESULTS[case]
    assert checks._check_number(ratio_task(), answer) == Result("t_ratio", passed, message, mistake=mistake)


def test_a_number_task_without_a_unit_hint_says_only_a_single_number():
    spec = Task("t_count", "number", "A count", expected=lambda: 12.0)
    assert checks._check_number(spec, [12]).message == ("expected a single number, but got a list. "
                                                        "Check what your last line produces.")


# --- series ----------------------------------------------------------------------------------

BY_YEAR = pd.Series([0.5, 0.25, 0.125], index=pd.Index([2019, 2020, 2021], name="fiscal_year"))
UNNAMED = pd.Series([0.5, 0.25, 0.125], index=[2019, 2020, 2021])


def shares_task(want: pd.Series = BY_YEAR) -> Task:
    return Task("t_shares", "series", "Shares", expected=lambda: want)


SERIES_RESULTS = {
    "right": (BY_YEAR, BY_YEAR, True, MATCHES),
    "a_list": (BY_YEAR, [0.5, 0.25, 0.125], False, "expected a pandas Series (one value per label), but got a list."),
    "a_number": (BY_YEAR, 0.5, False, "expected a pandas Series (one value per label), but got a float."),
    "a_two_column_frame": (BY_YEAR, pd.DataFrame({"a": BY_YEAR, "b": BY_YEAR}), False,
                           "expected a pandas Series (one value per label), but got a DataFrame. Your DataFrame has "
                           "2 columns: select the one column the task asks for."),
    "text_values": (BY_YEAR, pd.Series(["a", "b", "c"], index=BY_YEAR.index), False,
                    "your Series holds values that are not numbers."),
    "a_label_twice_by_named_index": (BY_YEAR, pd.Series([0.5, 0.25, 0.125], index=[2019, 2019, 2021]), False,
                                     "not yet: your Series has the label 2019 more than once. Keep one value per "
                                     "fiscal_year."),
    "a_label_twice_by_unnamed_index": (UNNAMED, pd.Series([0.5, 0.25, 0.125], index=[2019, 2019, 2021]), False,
                                       "not yet: your Series has the label 2019 more than once. Keep one value per "
                                       "label."),
    "five_extra_labels_name_the_first_four": (
        BY_YEAR, pd.concat([BY_YEAR, pd.Series(1.0, index=[2022, 2023, 2024, 2025, 2026])]), False,
        "not yet: your Series has labels the task leaves out (2022, 2023, 2024, 2025). Index it by fiscal_year, one "
        "value each, and check your filter and grouping."),
    "a_missing_label_by_unnamed_index": (
        UNNAMED, UNNAMED.iloc[:2], False,
        "not yet: your Series has 1 of the 3 labels it asks for missing. Index it by label, one value each, and "
        "check your filter and grouping."),
    "an_extra_and_a_missing_label": (
        BY_YEAR, pd.Series([0.5, 0.25, 1.0], index=[2019, 2020, 2022]), False,
        "not yet: your Series has labels the task leaves out (2022) and 1 of the 3 labels it asks for missing. "
        "Index it by fiscal_year, one value each, and check your filter and grouping."),
    "a_nan_value": (BY_YEAR, BY_YEAR.replace(0.125, np.nan), False,
                    "some of your values are missing (NaN). Check for division by zero or missing data."),
    "two_values_off": (BY_YEAR, pd.Series([0.5, 0.3, 0.2], index=[2019, 2020, 2021]), False,
                       "not yet: 2 of 3 values are off (the first at 2020)."),
    "percentages": (BY_YEAR, BY_YEAR * 100, False, "not yet: 3 of 3 values are off (the first at 2019)." + TOO_LARGE),
    "shares_for_percentages": (BY_YEAR * 100, BY_YEAR, False,
                               "not yet: 3 of 3 values are off (the first at 2019)." + TOO_SMALL),
}


@pytest.mark.parametrize("case", SERIES_RESULTS, ids=list(SERIES_RESULTS))
def test_a_series_answer_gets_the_whole_message_for_its_task(case):
    want, answer, passed, message = SERIES_RESULTS[case]
    assert checks._check_series(shares_task(want), answer) == Result("t_shares", passed, message)


MONTHS = pd.Series([3.0, 5.0], index=pd.DatetimeIndex(["2020-01-01", "2020-02-01"], name="month"))

DATED = {
    "timestamps": MONTHS,
    "dates_as_text": pd.Series([3.0, 5.0], index=["2020-01-01", "2020-02-01"]),
    "timestamps_at_midday": pd.Series([3.0, 5.0], index=pd.DatetimeIndex(["2020-01-01 12:00", "2020-02-01 12:00"])),
}


@pytest.mark.parametrize("case", DATED, ids=list(DATED))
def test_a_series_by_date_is_read_by_the_day(case):
    assert checks._check_series(shares_task(MONTHS), DATED[case]) == Result("t_shares", True, MATCHES)


def test_a_series_by_date_names_a_label_it_leaves_out_by_its_day():
    answer = pd.concat([MONTHS, pd.Series([1.0], index=pd.DatetimeIndex(["2020-03-01"]))])
    assert checks._check_series(shares_task(MONTHS), answer).message == (
        "not yet: your Series has labels the task leaves out (2020-03-01). Index it by month, one value each, "
        "and check your filter and grouping.")


def test_labels_held_as_numpy_scalars_are_read_as_the_numbers_they_hold():
    """An object index keeps numpy scalars as they are (a float32 2019.0 prints as "2019.0")."""
    labels = pd.Index([np.float32(2019), np.int64(2020), np.float64(2021)], dtype=object)
    answer = pd.Series(BY_YEAR.to_numpy(), index=labels)
    assert checks._check_series(shares_task(), answer) == Result("t_shares", True, MATCHES)


def test_a_line_drawn_at_float32_years_is_read_at_those_years():
    spec = Task("t_line", "figure", "One line", expected=lambda: {"Shares": UNNAMED})
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(np.array([2019, 2020, 2021], dtype=np.float32), UNNAMED.to_numpy(), label="Shares")
    ax.set_title("Shares")
    ax.set_xlabel("Year")
    ax.set_ylabel("Share")
    [drawn] = checks.drawn_series(ax)
    assert dict(drawn.values) == {"2019": 0.5, "2020": 0.25, "2021": 0.125}
    assert checks._check_figure(spec, fig).passed is True


# --- choices ---------------------------------------------------------------------------------

def count_task() -> Task:
    return Task("t_count", "choice", "How many", expected=lambda: 4,
                mistakes=(Mistake("all_listed", "all listed", "you counted every office listed.", lambda: 10),))


def office_task() -> Task:
    return Task("t_office", "choice", "Which office", expected=lambda: "Costa Rica")


CHOICE_RESULTS = {
    "count_right": (count_task, 4, True, MATCHES, None),
    "count_as_a_whole_float": (count_task, 4.0, True, MATCHES, None),
    "count_of_a_named_mistake": (count_task, 10, False, "not yet: you counted every office listed.", "all_listed"),
    "count_wrong": (count_task, 5, False, "not yet: look again at the data.", None),
    "count_as_text": (count_task, "4", False, "expected a whole number, but got a str.", None),
    "count_with_a_fraction": (count_task, 4.5, False, "expected a whole number, but got a float.", None),
    "count_as_a_list": (count_task, [4], False, "expected a whole number, but got a list.", None),
    "office_right_in_any_case_and_spacing": (office_task, "  costa   RICA ", True, MATCHES, None),
    "office_wrong": (office_task, "Panama", False, "not yet: look again at the data.", None),
    "office_as_a_number": (office_task, 3, False, "expected text, but got an int.", None),
    "office_as_a_list": (office_task, ["Costa Rica"], False, "expected text, but got a list.", None),
}


@pytest.mark.parametrize("case", CHOICE_RESULTS, ids=list(CHOICE_RESULTS))
def test_a_choice_answer_gets_the_whole_message_for_its_task(case):
    make, answer, passed, message, mistake = CHOICE_RESULTS[case]
    spec = make()
    assert checks._check_choice(spec, answer) == Result(spec.id, passed, message, mistake=mistake)
