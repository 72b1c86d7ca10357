"""The exercise checks, by kind: right answers pass, and each kind of wrong answer fails with a
message that names what is wrong.

The chapter files (``test_checks_ch01.py`` ...) hold the cases a student of each task would
write; this file holds what is true of every task: each named mistake is recognised by name and
listed in the instructor guide, every chart check reads the data drawn, and no check praises a
model answer that no student wrote.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from coursekit import plots
from coursekit.checks import MATCHES, CheckError, Result, all_tasks, check, drawn_series
from coursekit.registry import Mistake, Task, task
from coursekit.solutions import ReleaseError, solution_lines, strip_solutions, student_copy

TASKS = all_tasks()
GUIDE = ROOT / "instructors" / "guide.md"
DIAGNOSED = [(t.id, m.name) for t in TASKS.values() for m in t.mistakes]
FIGURES = [t.id for t in TASKS.values() if t.kind == "figure"]


# --- drawing charts the way students do ------------------------------------------------------

def chart(series: dict[str, pd.Series], *, legend=True, title="A chart", xlabel="Year", ylabel="Count (events)"):
    """A course figure with one line per series, labelled by its name (the first of its names)."""
    fig, ax = plots.new_figure(title=title or "t", xlabel=xlabel or "x", ylabel=ylabel or "y", source="test")
    if not title:
        fig.suptitle("")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for name, values in series.items():
        ax.plot(list(values.index), values.to_numpy(dtype=float), marker="o", label=name.split("|")[0])
    if legend:
        ax.legend()
    return fig


def expected_chart(task_id: str, **options):
    return chart(TASKS[task_id].expected(), **options)


def as_series(value) -> pd.Series:
    return value if isinstance(value, pd.Series) else next(iter(value.values()))


def answer_showing(task_id: str, mistake: Mistake):
    """The answer a student who makes this mistake hands in."""
    spec = TASKS[task_id]
    wrong = mistake.value()
    if spec.kind != "figure":
        return wrong
    series = dict(spec.expected())
    first = next(iter(series))
    series[first] = as_series(wrong)  # the first series drawn wrongly, the others right
    return chart(series)


# --- every task ------------------------------------------------------------------------------

def test_every_checked_task_diagnoses_at_least_one_named_mistake():
    bare = [t.id for t in TASKS.values() if t.kind != "trace" and not t.mistakes]
    assert not bare, f"tasks whose check names no common mistake: {bare}"


@pytest.mark.parametrize("task_id, name", DIAGNOSED, ids=[f"{t}-{n}" for t, n in DIAGNOSED])
def test_each_named_mistake_is_recognised_by_name(task_id, name):
    spec = TASKS[task_id]
    mistake = next(m for m in spec.mistakes if m.name == name)
    result = check(task_id, answer_showing(task_id, mistake))
    assert result.passed is False, f"{task_id}: the answer of mistake {name} passes the check"
    assert result.mistake == name, f"{task_id}: expected mistake {name}, the check said: {result.message}"
    assert mistake.hint in result.message


@pytest.mark.parametrize("task_id, name", DIAGNOSED, ids=[f"{t}-{n}" for t, n in DIAGNOSED])
def test_a_mistakes_hint_does_not_give_the_answer_away(task_id, name):
    spec = TASKS[task_id]
    mistake = next(m for m in spec.mistakes if m.name == name)
    if spec.kind in ("number", "choice"):
        want = spec.expected()
        shown = {f"{want:.{d}f}" for d in range(1, 4)} if isinstance(want, float) else {str(want)}
        if isinstance(want, float) and abs(want) < 1:
            shown |= {f"{want * 100:.0f}%", f"{want * 100:.1f}%"}
        said = [s for s in shown if re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", mistake.hint)]
        assert not said, f"{task_id} {name}: the hint prints the expected answer {said}"
    assert not re.match(r"(?i)(correct|wrong|incorrect|not quite|no\b|yes\b)", mistake.hint), \
        f"{task_id} {name}: the hint opens with a verdict; the check adds 'not yet:' itself"


def guide_bullets() -> dict[str, str]:
    """Each task's bullet under 'Common mistakes, by task', keyed by task id, whitespace-normalised."""
    text = GUIDE.read_text(encoding="utf-8")
    found = {}
    for chapter, section in re.findall(r"^## Chapter (\d+):(.*?)(?=^## |\Z)", text, re.M | re.S):
        block = section.split("**Common mistakes, by task.**", 1)
        if len(block) < 2:
            continue
        for number, bullet in re.findall(r"^- Task (\d+): (.*?)(?=^- |^\S|\Z)", block[1], re.M | re.S):
            found[f"ex{int(chapter):02d}_{number}"] = " ".join(bullet.split()).lower()
    return found


def test_the_guide_lists_each_diagnosed_mistake_next_to_its_task():
    bullets = guide_bullets()
    unlisted = [f"{t.id}: {m.label!r}" for t in TASKS.values() for m in t.mistakes
                if " ".join(m.label.split()).lower() not in bullets.get(t.id, "")]
    assert not unlisted, "mistakes the checks diagnose but the guide does not list by task:\n" + "\n".join(unlisted)


def test_the_guide_reader_finds_bullets_and_misses_an_unlisted_label():
    bullets = guide_bullets()
    assert "ex01_3" in bullets and "ex04_1" in bullets
    assert "a mistake no guide describes" not in bullets["ex01_3"]


@pytest.mark.parametrize("task_id", [t for t in TASKS if TASKS[t].kind in ("number", "series", "choice")])
def test_the_expected_answer_passes_and_says_it_matches_the_data(task_id):
    result = check(task_id, TASKS[task_id].expected())
    assert result.passed is True, result
    assert result.message == MATCHES


def test_no_check_praises_an_answer():
    """The web book shows the checks under model answers that no student wrote."""
    messages = [check(t, TASKS[t].expected()).message for t in TASKS if TASKS[t].kind in ("number", "series", "choice")]
    messages += [check(t, expected_chart(t)).message for t in FIGURES]
    praise = [m for m in messages if re.search(r"(?i)well done|great|excellent|correct", m)]
    assert not praise


def test_stubs_and_wrong_types_are_answered_kindly():
    for task_id in TASKS:
        assert check(task_id, ...).passed is None
        assert "not answered yet" in check(task_id, None).message
        wrong = check(task_id, object())
        assert wrong.passed is False and "expected" in wrong.message


def test_an_unknown_task_is_named_with_the_closest_one():
    with pytest.raises(CheckError, match=r"no exercise task 'ex01_22'.*Did you mean 'ex01_2'"):
        check("ex01_22", 1.0)
    with pytest.raises(CheckError, match=r"^there is no exercise task 'zzz'\.$"):
        check("zzz", 1.0)


# --- numbers ---------------------------------------------------------------------------------

def number_task(**options) -> Task:
    return Task("t_num", "number", "A ratio", expected=lambda: 2.24, unit_hint="a ratio", **options)


def run(spec: Task, answer):
    from coursekit import checks

    return {"number": checks._check_number, "series": checks._check_series, "figure": checks._check_figure,
            "choice": checks._check_choice}[spec.kind](spec, answer)


NUMBER_CASES = {
    "exact": (2.24, True, MATCHES),
    "within_tolerance": (2.2415, True, MATCHES),
    "numpy_scalar": (np.float64(2.24), True, MATCHES),
    "one_cell_series": (pd.Series([2.24]), True, MATCHES),
    "just_outside_tolerance": (2.2436, False, "the number is off"),
    "a_hundred_times_too_large": (224.0, False, "100 times too large"),
    "a_hundred_times_too_small": (0.0224, False, "100 times too small"),
    "wrong_sign": (-2.24, False, "wrong sign"),
    "nan": (math.nan, False, "NaN"),
    "a_bool": (True, False, "expected a single number (a ratio), but got a bool"),
    "two_numbers": (pd.Series([1.0, 2.0]), False, "expected a single number"),
    "text": ("2.24", False, "but got a str"),
}


@pytest.mark.parametrize("case", NUMBER_CASES, ids=list(NUMBER_CASES))
def test_a_number_check(case):
    answer, passed, message = NUMBER_CASES[case]
    result = run(number_task(), answer)
    assert result.passed is passed, result
    assert message in result.message, result.message


def test_a_number_mistake_is_named_and_the_first_match_wins():
    spec = number_task(mistakes=(Mistake("percent_change", "a change for a ratio", "you gave the change.", lambda: 1.24),
                                 Mistake("also_1_24", "same value", "second.", lambda: 1.24)))
    result = run(spec, 1.24)
    assert (result.passed, result.mistake, result.message) == (False, "percent_change", "not yet: you gave the change.")
    assert run(spec, 1.3).mistake is None
    assert run(spec, -2.24).mistake == "sign"


def test_a_zero_expected_value_gives_no_scale_or_sign_hint():
    spec = Task("t_zero", "number", "zero", expected=lambda: 0.0)
    result = run(spec, 0.5)
    assert "100 times" not in result.message and result.mistake is None


def test_tolerances_come_from_the_task():
    loose = number_task(rel_tol=0.01)
    assert run(loose, 2.26).passed is True
    assert run(number_task(), 2.26).passed is False
    absolute = Task("t_abs", "number", "zero", expected=lambda: 0.0, abs_tol=0.01)
    assert run(absolute, 0.005).passed is True and run(absolute, 0.02).passed is False


# --- series ----------------------------------------------------------------------------------

WANT = pd.Series([0.5, 0.25, 0.125], index=pd.Index([2019, 2020, 2021], name="fiscal_year"))


def series_task(**options) -> Task:
    return Task("t_series", "series", "Shares", expected=lambda: WANT, **options)


SERIES_CASES = {
    "exact": (WANT, True, MATCHES),
    "other_order": (WANT.iloc[::-1], True, MATCHES),
    "labels_as_text": (pd.Series(WANT.to_numpy(), index=["2019", "2020", "2021"]), True, MATCHES),
    "labels_as_floats": (pd.Series(WANT.to_numpy(), index=[2019.0, 2020.0, 2021.0]), True, MATCHES),
    "a_dict": (dict(WANT), True, MATCHES),
    "a_one_column_frame": (WANT.to_frame("share"), True, MATCHES),
    "a_two_column_frame": (pd.DataFrame({"a": WANT, "b": WANT}), False, "has 2 columns"),
    "a_list": ([0.5, 0.25, 0.125], False, "expected a pandas Series"),
    "one_value_off": (WANT.replace(0.25, 0.3), False, "1 of 3 values are off (the first at 2020)"),
    "percentages": (WANT * 100, False, "3 of 3 values are off (the first at 2019). Your value looks 100 times too large"),
    "an_extra_label": (pd.concat([WANT, pd.Series([1.0], index=[2022])]), False, "labels the task leaves out (2022)"),
    "a_missing_label": (WANT.iloc[:2], False, "1 of the 3 labels it asks for missing"),
    "a_label_twice": (pd.Series([0.5, 0.25, 0.125], index=[2019, 2019, 2021]), False, "the label 2019 more than once"),
    "nan_value": (WANT.replace(0.125, np.nan), False, "missing (NaN)"),
    "text_values": (pd.Series(["a", "b", "c"], index=WANT.index), False, "not numbers"),
}


@pytest.mark.parametrize("case", SERIES_CASES, ids=list(SERIES_CASES))
def test_a_series_check(case):
    answer, passed, message = SERIES_CASES[case]
    result = run(series_task(), answer)
    assert result.passed is passed, result
    assert message in result.message, result.message


def test_a_series_mistake_is_named_when_every_value_matches_it():
    counts = WANT * 8
    spec = series_task(mistakes=(Mistake("counts_not_shares", "counts", "you gave counts.", lambda: counts),))
    assert run(spec, counts).mistake == "counts_not_shares"
    assert run(spec, counts.replace(4.0, 5.0)).mistake is None


def test_expected_nan_matches_nan():
    spec = Task("t_nan", "series", "nan", expected=lambda: pd.Series([np.nan, 1.0], index=[1, 2]))
    assert run(spec, pd.Series([np.nan, 1.0], index=[1, 2])).passed is True
    assert run(spec, pd.Series([0.0, 1.0], index=[1, 2])).passed is False


# --- choices ---------------------------------------------------------------------------------

def test_a_choice_check_by_number_and_by_text():
    count = Task("t_count", "choice", "count", expected=lambda: 4,
                 mistakes=(Mistake("all_listed", "all", "you counted all.", lambda: 10),))
    assert run(count, 4).passed is True and run(count, 4.0).passed is True
    assert run(count, 10).mistake == "all_listed"
    assert run(count, 5).passed is False and run(count, 5).mistake is None
    assert "whole number" in run(count, 4.5).message and "whole number" in run(count, "4").message
    text = Task("t_text", "choice", "text", expected=lambda: "Costa Rica",
                mistakes=(Mistake("other_office", "o", "that is another office.", lambda: "Colombia"),))
    assert run(text, "  costa   RICA ").passed is True
    assert run(text, "colombia").mistake == "other_office"
    assert run(text, "Panama").passed is False
    assert "expected text" in run(text, 3).message


# --- charts ----------------------------------------------------------------------------------

TWO = {"United States|US": pd.Series([10.0, 20.0, 30.0], index=[2014, 2015, 2016]),
       "Mexico": pd.Series([5.0, 8.0], index=[2014, 2015])}


def chart_task(**options) -> Task:
    return Task("t_chart", "figure", "Two series", expected=lambda: TWO, **options)


def dummy():
    """The chart a reviewer used to show that the old check accepted anything."""
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([1, 2], [3, 4])
    ax.set_title("x")
    return fig


def with_extra():
    fig = chart(TWO)
    fig.axes[0].plot([2014, 2015], [1.0, 2.0], label="Canada")
    return fig


CHART_CASES = {
    "right": (lambda: chart(TWO), True, "draws the values in the course data"),
    "right_as_axes": (lambda: chart(TWO).axes[0], True, "draws the values"),
    "label_by_alternative_name": (lambda: chart({"US": TWO["United States|US"], "Mexico": TWO["Mexico"]}), True, "draws"),
    "dummy_plot": (dummy, False, "none of the 1 series on your chart shows the values for 'United States'"),
    "one_value_wrong": (lambda: chart({**TWO, "Mexico": TWO["Mexico"].replace(8.0, 9.0)}), False,
                        "your series 'Mexico' does not show the data the task asks for: 1 of its 2 values are off "
                        "(the first at 2015)"),
    "an_extra_point": (lambda: chart({**TWO, "Mexico": pd.concat([TWO["Mexico"], pd.Series([1.0], index=[2016])])}),
                       False, "it has points at 2016, which the task leaves out"),
    "a_point_missing": (lambda: chart({**TWO, "Mexico": TWO["Mexico"].iloc[:1]}), False,
                        "it lacks 1 of the 2 points the task asks for"),
    "an_extra_series": (with_extra, False, "your chart draws 3 series and the task asks for 2. Leave out: Canada"),
    "series_unnamed": (lambda: chart({"United States": TWO["United States|US"], "Series 2": TWO["Mexico"]}), False,
                       "the series for Mexico has 'Series 2'"),
    "no_legend": (lambda: chart(TWO, legend=False), False, "no legend"),
    "no_title": (lambda: chart(TWO, title=""), False, "still needs a title"),
    "no_axis_labels": (lambda: chart(TWO, xlabel="", ylabel=""), False, "an x-axis label, a y-axis label (with units)"),
    "not_a_figure": (lambda: [1, 2], False, "expected a matplotlib Figure (or Axes), but got a list"),
}


@pytest.mark.parametrize("case", CHART_CASES, ids=list(CHART_CASES))
def test_a_chart_check_reads_the_drawn_data(case):
    make, passed, message = CHART_CASES[case]
    result = run(chart_task(), make())
    assert result.passed is passed, result
    assert message in result.message, result.message


def test_an_empty_figure_and_a_figure_without_axes_fail():
    from matplotlib.figure import Figure

    assert "no axes" in run(chart_task(), Figure()).message
    fig, _ = plots.new_figure(title="t", xlabel="x", ylabel="y", source="s")
    assert "empty" in run(chart_task(), fig).message


def test_bars_are_read_by_their_category_and_grouped_bars_by_the_nearest_tick():
    frame = pd.DataFrame({"office": ["Colombia", "Costa Rica"] * 2, "date": ["Oct"] * 2 + ["Dec"] * 2,
                          "people": [1.0, 2.0, 3.0, 4.0]})
    fig = plots.bar_chart(frame, x="office", y="people", hue="date", title="t", xlabel="x", ylabel="y", source="s")
    read = {d.label: dict(d.values) for d in drawn_series(fig.axes[0])}
    assert read == {"Dec": {"Colombia": 3.0, "Costa Rica": 4.0}, "Oct": {"Colombia": 1.0, "Costa Rica": 2.0}}
    fig = plots.bar_chart(frame[frame.date == "Oct"], x="office", y="people", horizontal=True, title="t",
                          xlabel="x", ylabel="y", source="s")
    assert [dict(d.values) for d in drawn_series(fig.axes[0])] == [{"Colombia": 1.0, "Costa Rica": 2.0}]
    fig, ax = plots.new_figure(title="t", xlabel="x", ylabel="y", source="s")
    ax.bar([2019, 2020], [3.0, 0.0], label="sanctions")
    assert [dict(d.values) for d in drawn_series(ax)] == [{"2019": 3.0, "2020": 0.0}]


def test_a_chart_mistake_is_named_by_the_series_that_shows_it():
    fiscal = pd.Series([5.0, 9.0], index=[2014, 2015])
    spec = chart_task(mistakes=(Mistake("fiscal_rows", "f", "you used fiscal-year rows.", lambda: fiscal),))
    result = run(spec, chart({**TWO, "Mexico": fiscal}))
    assert (result.passed, result.mistake) == (False, "fiscal_rows")


@pytest.mark.parametrize("task_id", FIGURES)
def test_every_chart_task_passes_its_model_chart_and_fails_a_dummy(task_id):
    assert check(task_id, expected_chart(task_id)).passed is True
    result = check(task_id, dummy())
    assert result.passed is False and "none of the 1 series" in result.message


@pytest.mark.parametrize("task_id", FIGURES)
def test_every_chart_task_fails_a_chart_with_each_series_off_by_a_tenth(task_id):
    for name in TASKS[task_id].expected():
        series = dict(TASKS[task_id].expected())
        series[name] = series[name] * 1.1 + 1
        assert check(task_id, chart(series)).passed is False, f"{task_id}: {name} drawn 10% too high passes"


def test_a_checked_chart_is_shown_under_the_message(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    fig = chart(TWO)
    run(chart_task(), fig)._ipython_display_()
    assert shown[0]["text/plain"].startswith("✔ t_chart:") and shown[1] is fig
    shown.clear()
    run(number_task(), 2.24)._ipython_display_()
    assert len(shown) == 1 and "text/html" in shown[0]


def test_a_result_reads_as_a_mark_and_a_message():
    assert str(Result("ex", True, "m")) == "✔ ex: m"
    assert str(Result("ex", False, "m")) == "✘ ex: m"
    assert str(Result("ex", None, "m")) == "… ex: m"
    assert Result("ex", None, "m").status == "not answered yet"
    assert 'role="status"' in Result("ex", False, "<b>").\
        _repr_html_() and "&lt;b&gt;" in Result("ex", False, "<b>")._repr_html_()


# --- the register ----------------------------------------------------------------------------

REGISTER_ERRORS = {
    "unknown_kind": (dict(id="t1", kind="essay", title="t"), "kind 'essay' is not one of"),
    "mistake_twice": (dict(id="t2", kind="number", title="t",
                           mistakes=[Mistake("a", "l", "h", float), Mistake("a", "l", "h", float)]), "names a mistake twice"),
}


@pytest.mark.parametrize("case", REGISTER_ERRORS, ids=list(REGISTER_ERRORS))
def test_the_register_refuses_a_malformed_task(case):
    options, message = REGISTER_ERRORS[case]
    with pytest.raises(ValueError, match=message):
        task(**options)(lambda: 1)


def test_a_task_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="'ex01_2' is registered twice"):
        task("ex01_2", "number", "again")(lambda: 1)


MISTAKE_ERRORS = {
    "bad_name": (("Percent Change", "l", "h", float), "must be lower_case_with_underscores"),
    "empty_label": (("a", " ", "h", float), "empty label"),
    "empty_hint": (("a", "l", "", float), "empty hint"),
    "value_not_a_function": (("a", "l", "h", 1.24), "value must be a function"),
}


@pytest.mark.parametrize("case", MISTAKE_ERRORS, ids=list(MISTAKE_ERRORS))
def test_a_malformed_mistake_is_refused(case):
    args, message = MISTAKE_ERRORS[case]
    with pytest.raises(ValueError, match=message):
        Mistake(*args)


# --- scaffolds: prompt blocks in the solution cells ------------------------------------------

SCAFFOLDED = '''""" # BEGIN PROMPT
usbp = table[table["measure"] == ...]  # keep the Border Patrol rows
share = ...
"""; # END PROMPT
# BEGIN SOLUTION
usbp = table[table["measure"] == "usbp_apprehensions"]
share = usbp["count"].sum()
# END SOLUTION
check("ex01_1", share)'''


def test_a_prompt_block_stands_in_for_the_solution():
    assert strip_solutions(SCAFFOLDED, "cell") == (
        'usbp = table[table["measure"] == ...]  # keep the Border Patrol rows\nshare = ...\ncheck("ex01_1", share)')


def test_the_model_answer_runs_with_the_prompt_in_place():
    scope = {"table": pd.DataFrame({"measure": ["usbp_apprehensions", "x"], "count": [3, 4]}),
             "check": lambda task_id, answer: answer}
    exec(SCAFFOLDED.replace('check("ex01_1", share)', "result = share"), scope)
    assert scope["result"] == 3


PROMPT_ERRORS = {
    "prompt_lacks_a_name_the_check_uses": (SCAFFOLDED.replace("share = ...\n", ""), "does not assign share"),
    "two_prompt_blocks": (SCAFFOLDED + '\n""" # BEGIN PROMPT\nx = ...\n"""; # END PROMPT', "one prompt block"),
    "prompt_never_closed": (SCAFFOLDED.replace('"""; # END PROMPT', ""), "found 1 openings, 0 closings"),
    "prompt_without_a_solution": ('""" # BEGIN PROMPT\nx = ...\n"""; # END PROMPT\ncheck("a", x)', "no '# BEGIN SOLUTION'"),
}


@pytest.mark.parametrize("case", PROMPT_ERRORS, ids=list(PROMPT_ERRORS))
def test_a_broken_prompt_block_is_refused_with_its_cell_named(case):
    source, message = PROMPT_ERRORS[case]
    with pytest.raises(ReleaseError, match=f"cell 3: .*{re.escape(message)}"):
        strip_solutions(source, "cell 3")


def test_prompt_lines_are_given_and_solution_lines_are_secret():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SCAFFOLDED)])
    secret = solution_lines(nb)
    assert 'usbp = table[table["measure"] == "usbp_apprehensions"]' in secret
    assert 'usbp = table[table["measure"] == ...]  # keep the Border Patrol rows' not in secret
    copy = student_copy(nb, "nb").cells[0].source
    assert not [line for line in secret if line in copy]


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_the_first_tasks_of_each_exercise_give_a_scaffold(path):
    """Novices get a hint and part of the code in the early tasks, and in every chart task."""
    import nbformat

    from coursekit.solutions import split_prompt

    nb = nbformat.read(path, as_version=4)
    scaffolded, bare = [], []
    for cell in nb.cells:
        found = re.search(r"""check\(\s*["'](ex\d\d_(\d+))["']""", cell.source) if cell.cell_type == "code" else None
        if not found or TASKS[found.group(1)].kind == "trace":
            continue
        has_prompt = split_prompt(cell.source, found.group(1))[1] is not None
        early = int(found.group(2)) <= 2 or TASKS[found.group(1)].kind == "figure"
        (scaffolded if has_prompt else bare if early else []).append(found.group(1))
    assert not bare, f"early or chart tasks with bare stubs: {bare}"
    assert scaffolded


def test_the_web_book_shows_the_checks_without_praise_and_each_chart_under_its_check(built_book):
    pages = sorted((built_book / "exercises").glob("*.html"))
    assert len(pages) == len(list((ROOT / "exercises").glob("*.ipynb")))
    charts = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "well done" not in text, page.name
        for task_id in FIGURES:
            found = re.search(rf"✔ {task_id}(</strong>)?:", text)
            if not found:
                continue
            mark = found.start()
            charts += 1
            cell_end = text.find('<div class="cell docutils container', mark)
            assert "<img" in text[mark: cell_end if cell_end > 0 else None], \
                f"{page.name}: no chart under the check of {task_id}"
    assert charts == len(FIGURES)


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_each_written_question_has_one_answer_cell_in_the_student_copy(path):
    import nbformat

    from coursekit.solutions import ANSWER_CELL, STUDENT_PROMPT

    cells = student_copy(nbformat.read(path, as_version=4), path.name).cells
    answers = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
               and (ANSWER_CELL.match(c.source) or c.source == STUDENT_PROMPT)]
    assert answers, "no answer cells"
    doubled = [i for i in answers if i + 1 in answers]
    assert not doubled, f"cells {doubled}: two answer prompts in a row"


def test_a_model_answer_after_an_answer_cell_is_dropped_and_elsewhere_becomes_a_prompt():
    import nbformat

    from coursekit.solutions import STUDENT_PROMPT

    v4 = nbformat.v4
    def model():
        return v4.new_markdown_cell(":::{dropdown} Model answer\nText.\n:::", metadata={"tags": ["solution"]})

    nb = v4.new_notebook(cells=[v4.new_markdown_cell("*Write your answer here.*"), model(),
                                v4.new_markdown_cell("Task 2"), model()])
    out = [c.source for c in student_copy(nb).cells]
    assert out == ["*Write your answer here.*", "Task 2", STUDENT_PROMPT]


def test_each_chart_task_gives_its_chart_alt_text_in_the_book():
    """The check shows the chart as a cell output; the cell's myst-nb image options give it alt text."""
    import nbformat

    found = {}
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            called = re.search(r"""check\(\s*["'](ex\d\d_\d+)["']""", cell.source) if cell.cell_type == "code" else None
            if called and called.group(1) in FIGURES:
                found[called.group(1)] = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
    assert sorted(found) == sorted(FIGURES)
    short = [t for t, alt in found.items() if len(alt.split()) < 20]
    assert not short, f"chart tasks without alt text that describes the chart: {short}"


def test_a_line_drawn_against_dates_is_read_by_its_days():
    days = pd.date_range("2020-01-01", periods=3, freq="D")
    spec = Task("t_dates", "figure", "dates", expected=lambda: {"cases": pd.Series([1.0, 2.0, 3.0], index=days)})
    fig, ax = plots.new_figure(title="t", xlabel="Day", ylabel="Cases (count)", source="s")
    ax.plot(days, [1.0, 2.0, 3.0], label="cases")
    assert [list(d.values.index) for d in drawn_series(ax)] == [["2020-01-01", "2020-01-02", "2020-01-03"]]
    assert run(spec, fig).passed is True


@pytest.mark.parametrize("label, names", [
    ("United States, Border Patrol (fiscal years)", True),
    ("US apprehensions", True),
    ("united states (fiscal years)", True),
    ("Mexico (calendar years)", True),
    ("Russia", False),
    ("Apprehensions (thousands)", False),
], ids=["full-name", "short-name", "any-case", "other-series-name", "short-name-inside-a-word", "inside-another-word"])
def test_a_series_is_named_by_whole_words(label, names):
    from coursekit.checks import _names

    assert _names("United States|US|Mexico", label) is names


def test_a_reference_line_is_not_read_as_a_series():
    """ax.axhline(0) is drawn in axes coordinates along x: it is not data the task asked for."""
    fig = chart(TWO)
    fig.axes[0].axhline(0, color="black", linewidth=0.8)
    fig.axes[0].axvline(2015, linestyle=":")
    assert len(drawn_series(fig.axes[0])) == 2
    assert run(chart_task(), fig).passed is True
    fig.axes[0].plot([2014, 2016], [0.0, 0.0], label="zero")  # a data line is a series
    assert "draws 3 series" in run(chart_task(), fig).message
