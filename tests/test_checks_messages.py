"""The words a student reads: the whole message of each check outcome, the mark and colour of the
status Jupyter shows, and the type named when an answer has the wrong type.

``test_checks.py`` and ``test_exercises.py`` test what each check decides; this file pins down
what it says, and for which task, since a message is part of the course.
"""
from __future__ import annotations

import pandas as pd
import pytest

from coursekit import checks
from coursekit.checks import Result, check
from coursekit.registry import Mistake, Task

TRACE = "ex01_8"
GOOD_TRACE = {"dataset": "key_figures", "row": {"measure": "swb_apprehensions_peak", "period": "2019-05"},
              "source": "cbp2019may", "publisher_kind": "government", "year_type": "calendar"}
# a key_figures row with two sources: a DHS release and a news report
TWO_SOURCES = {"measure": "swb_apprehensions_decline_claimed", "period": "May 2019 peak to Sep 2019"}
# the worked example of the task text (what the task's expected() gives)
EXAMPLE_ROW = {"fiscal_year": 2017, "country": "Guatemala", "measure": "ice_removals"}
KINDS_LISTED = "government, legislature, court, intergovernmental, research, news, wire, advocacy"
NOT_FINISHED_ALL = "not finished: fill in 'dataset', 'row', 'source', 'publisher_kind', 'year_type'."
ROW_NOT_A_DICT = ("'row' should be a dict of column names and values that pick out your number's row, "
                  "e.g. {'measure': ..., 'period': ...}.")
TRACE_PASSES = ("your trace matches the data, the bibliography and the publisher register. "
                "Now open the link and answer the written questions in your own words.")


# --- not answered yet ------------------------------------------------------------------------

STUBS = {
    "ellipsis": (..., "not answered yet: your answer is still `...`. Replace it with your code."),
    "none": (None, "not answered yet: your answer is None (did a line forget to assign or return a value?). "
                   "Replace it with your code."),
}


@pytest.mark.parametrize("task_id", ["ex01_1", "ex01_5", TRACE])
@pytest.mark.parametrize("case", STUBS, ids=list(STUBS))
def test_an_unanswered_task_says_what_the_answer_still_is(case, task_id):
    answer, message = STUBS[case]
    assert check(task_id, answer) == Result(task_id, None, message)


# --- the type named in a wrong-type message --------------------------------------------------

WRONG_TYPES = {
    "int": (3, "an int"),
    "object": (object(), "an object"),
    "dataframe": (pd.DataFrame({"x": [1.0]}), "a DataFrame"),
    "str": ("key_figures", "a str"),
    "list": (["key_figures"], "a list"),
    "float": (1.5, "a float"),
    "tuple": (("key_figures",), "a tuple"),
    "series": (pd.Series([1.0]), "a Series"),
}


@pytest.mark.parametrize("case", WRONG_TYPES, ids=list(WRONG_TYPES))
def test_a_trace_that_is_not_a_dict_is_told_the_keys_and_the_type_it_got(case):
    answer, named = WRONG_TYPES[case]
    assert check(TRACE, answer) == Result(
        TRACE, False, f"expected a dict with the keys dataset, row, source, publisher_kind, year_type, "
                      f"but got {named}.")


@pytest.mark.parametrize("case", ["int", "float", "object", "list"])
def test_a_choice_by_name_names_the_type_it_got_with_its_article(case):
    answer, named = WRONG_TYPES[case]
    spec = Task("t_cho", "choice", "A country", expected=lambda: "Guatemala")
    assert checks._check_choice(spec, answer) == Result("t_cho", False, f"expected text, but got {named}.")


# --- the trace task: every outcome, word for word ---------------------------------------------

TRACE_MESSAGES = {
    "empty_dict": ({}, None, NOT_FINISHED_ALL),
    "every_part_none": (dict.fromkeys(GOOD_TRACE), None, NOT_FINISHED_ALL),
    "every_part_ellipsis": (dict.fromkeys(GOOD_TRACE, ...), None, NOT_FINISHED_ALL),
    "one_part_empty_text": ({**GOOD_TRACE, "publisher_kind": ""}, False,
                            "not finished: fill in 'publisher_kind'."),
    "two_parts_left_out": ({**GOOD_TRACE, "source": "", "year_type": None}, False,
                           "not finished: fill in 'source', 'year_type'."),
    "row_as_text": ({**GOOD_TRACE, "row": "swb_apprehensions_peak"}, False, ROW_NOT_A_DICT),
    "row_an_empty_dict": ({**GOOD_TRACE, "row": {}}, False, ROW_NOT_A_DICT),
    "worked_example_copied": ({**GOOD_TRACE, "dataset": "ice_removals", "row": EXAMPLE_ROW}, False,
                              "that is the worked example from the task: trace a number of your own "
                              "from the chapter."),
    "row_not_unique": ({**GOOD_TRACE, "row": {"period": "2019-05"}}, False,
                       "the data do not lead to one row: key_figures: expected exactly one row with "
                       "period='2019-05', found 2. Pick columns and values (exactly as the table shows them) "
                       "until exactly one row matches."),
    "source_of_a_two_source_row": ({**GOOD_TRACE, "row": TWO_SOURCES}, False,
                                   "the row's source column holds dhs2019eaglepass; themonitor2019down, not "
                                   "'cbp2019may': copy the key from the `source` column."),
    "wrong_kind": ({**GOOD_TRACE, "publisher_kind": "News"}, False,
                   "publishers.yml does not class U.S. Customs and Border Protection as 'news'. Look it up "
                   f"there (or print the trace): kinds are {KINDS_LISTED}."),
    "wrong_year_type": ({**GOOD_TRACE, "year_type": " Fiscal "}, False,
                        "key_figures does not count this row in 'fiscal' years. Check the dataset's period in "
                        "data/README.md and the row's own period."),
    "good": (GOOD_TRACE, True, TRACE_PASSES),
    "second_source_of_a_two_source_row": ({**GOOD_TRACE, "row": TWO_SOURCES, "source": "themonitor2019down",
                                           "publisher_kind": "news"}, True, TRACE_PASSES),
    "kind_by_its_label": ({**GOOD_TRACE, "publisher_kind": "Government statistics or records"}, True,
                          TRACE_PASSES),
}


@pytest.mark.parametrize("case", TRACE_MESSAGES, ids=list(TRACE_MESSAGES))
def test_each_trace_outcome_says_what_to_do_next_for_the_trace_task(case):
    answer, passed, message = TRACE_MESSAGES[case]
    assert check(TRACE, answer) == Result(TRACE, passed, message)


EXAMPLE_ELSEWHERE = {
    # the example's row in another dataset is not the example: that dataset has no such columns
    "examples_row_in_another_dataset": ({**GOOD_TRACE, "row": EXAMPLE_ROW},
                                        "the data do not lead to one row: key_figures has no column(s) "
                                        "['fiscal_year', 'country']"),
    # the example's dataset with another row is not the example either
    "another_row_of_the_examples_dataset": ({**GOOD_TRACE, "dataset": "ice_removals",
                                             "row": {**EXAMPLE_ROW, "fiscal_year": 2018}},
                                            "the row's source column holds ice2019ero, not 'cbp2019may'"),
}


@pytest.mark.parametrize("case", EXAMPLE_ELSEWHERE, ids=list(EXAMPLE_ELSEWHERE))
def test_only_the_examples_dataset_and_row_together_are_the_worked_example(case):
    answer, start = EXAMPLE_ELSEWHERE[case]
    result = check(TRACE, answer)
    assert (result.task, result.passed) == (TRACE, False)
    assert result.message.startswith(start), result.message


def test_a_trace_task_without_a_worked_example_checks_every_trace():
    spec = Task("t_trace", "trace", "Trace a number")
    example = {"dataset": "ice_removals", "row": EXAMPLE_ROW, "source": "ice2017removals",
               "publisher_kind": "government", "year_type": "fiscal"}
    assert checks._check_trace(spec, example) == Result("t_trace", True, TRACE_PASSES)
    assert checks._check_trace(spec, GOOD_TRACE) == Result("t_trace", True, TRACE_PASSES)


# --- a named mistake is reported for the task that was checked --------------------------------

def change_mistake(value):
    return Mistake("percent_change", "a change for a ratio", "you gave the change.", lambda: value)


NAMED = {
    "number": (Task("t_num", "number", "A ratio", expected=lambda: 2.24, mistakes=(change_mistake(1.24),)),
               checks._check_number, 1.24),
    "series": (Task("t_ser", "series", "Counts", expected=lambda: pd.Series([1.0, 2.0], index=[2018, 2019]),
                    mistakes=(change_mistake(pd.Series([0.5, 1.0], index=[2018, 2019])),)),
               checks._check_series, pd.Series([0.5, 1.0], index=[2018, 2019])),
    "choice": (Task("t_cho", "choice", "A year", expected=lambda: 2019, mistakes=(change_mistake(2018),)),
               checks._check_choice, 2018),
}


@pytest.mark.parametrize("case", NAMED, ids=list(NAMED))
def test_a_named_mistake_is_reported_for_its_task_with_its_hint(case):
    spec, run, answer = NAMED[case]
    assert run(spec, answer) == Result(spec.id, False, "not yet: you gave the change.", mistake="percent_change")


# --- the status Jupyter shows ----------------------------------------------------------------

HTML = {
    "passed": (True, '<p style="color:#00613f" role="status"><strong>✔ ex01_2</strong>: '
                     'matches the value computed from the course data.</p>'),
    "failed": (False, '<p style="color:#9e2a00" role="status"><strong>✘ ex01_2</strong>: '
                      'matches the value computed from the course data.</p>'),
    "not_answered": (None, '<p style="color:#444444" role="status"><strong>… ex01_2</strong>: '
                           'matches the value computed from the course data.</p>'),
}


@pytest.mark.parametrize("case", HTML, ids=list(HTML))
def test_the_html_status_has_the_colour_and_mark_of_the_outcome(case):
    passed, html = HTML[case]
    assert Result("ex01_2", passed, checks.MATCHES)._repr_html_() == html


def test_the_html_status_escapes_the_message_and_the_task():
    assert Result("a<b", False, "use x < 1 & y > 2")._repr_html_() == (
        '<p style="color:#9e2a00" role="status"><strong>✘ a&lt;b</strong>: use x &lt; 1 &amp; y &gt; 2</p>')


@pytest.fixture
def shell(tmp_path, monkeypatch):
    """A real IPython shell (as in Jupyter), with its profile in a temporary folder and no history."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    config = Config()
    config.HistoryManager.enabled = False
    yield InteractiveShell.instance(config=config)
    InteractiveShell.clear_instance()


@pytest.mark.parametrize("case", HTML, ids=list(HTML))
def test_jupyter_shows_a_result_as_its_text_and_its_html_status(case, shell):
    from IPython.utils.capture import capture_output

    passed, html = HTML[case]
    result = Result("ex01_2", passed, checks.MATCHES)
    with capture_output() as shown:
        result._ipython_display_()
    assert [output.data for output in shown.outputs] == [{"text/plain": str(result), "text/html": html}]
    assert shown.stdout == ""
