"""The exercise notebooks follow the convention: checks pass on the solutions, report
"not answered yet" on the student copies, and no solution reaches a student."""
from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT
from coursekit.checks import all_tasks, check
from coursekit.alignment import ALIGNMENT_PAGE, alignment_markdown, assessments, objectives
from coursekit.solutions import BEGIN, SOLUTION_TAG, solution_lines, student_copy
from coursekit.notebooks import run_cached

SOURCES = sorted((ROOT / "exercises").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["'](ex\d\d_\d+)["']""")


def cells(path):
    return nbformat.read(path, as_version=4).cells


def check_marks(nb) -> dict[str, str]:
    """The first character of each check() result printed by an executed notebook, by task."""
    marks = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            text = output.get("data", {}).get("text/plain", "") if "data" in output else output.get("text", "")
            match = re.match(r"([✔✘…]) (ex\d\d_\d+):", text)
            if match:
                marks[match.group(2)] = match.group(1)
    return marks


def test_every_check_call_names_a_registered_task_and_every_task_is_used():
    registered = set(all_tasks())
    called = {m for path in SOURCES for c in cells(path) if c.cell_type == "code" for m in CHECK_CALL.findall(c.source)}
    assert called <= registered, f"check() calls unknown tasks: {sorted(called - registered)}"
    assert registered <= called, f"tasks registered but never used in an exercise: {sorted(registered - called)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_task_cells_carry_metadata_and_solutions_are_folded(path):
    for i, cell in enumerate(cells(path)):
        meta = cell.get("metadata", {})
        if "task" in meta:
            assert re.fullmatch(r"ex\d\d_\d+", meta["task"]), f"cell {i}: bad task id {meta['task']!r}"
            assert meta.get("objectives"), f"cell {i}: task {meta['task']} names no objectives"
            assert "**Checked by:**" in cell.source, f"cell {i}: task {meta['task']} does not say how it is checked"
        if cell.cell_type == "code" and (SOLUTION_TAG in meta.get("tags", []) or BEGIN.search(cell.source)):
            assert {"hide-input", "hide-cell"} & set(meta.get("tags", [])), \
                f"cell {i}: a solution cell must be tagged hide-input so the book folds it"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_solutions_pass_and_student_copies_report_not_answered(path, built_book, student_book):
    """Read from the runs of the two editions' builds (their execution cache, which holds a run of
    exactly these notebooks, or the notebook is run here), so no notebook runs a third time."""
    cache = built_book.parent / ".jupyter_cache"
    source = nbformat.read(path, as_version=4)
    expected = {m for c in source.cells if c.cell_type == "code" for m in CHECK_CALL.findall(c.source)}
    solved = check_marks(run_cached(source, cwd=path.parent, cache=cache))
    assert set(solved) == expected
    assert all(mark == "✔" for mark in solved.values()), f"checks failing on the solutions: {solved}"
    student = student_copy(source, path.name)
    fresh = check_marks(run_cached(student, cwd=path.parent, cache=cache))
    assert set(fresh) == expected
    assert all(mark == "…" for mark in fresh.values()), f"student copy checks should say not answered: {fresh}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_solution_leaks_into_the_student_copy(path):
    source = nbformat.read(path, as_version=4)
    text = nbformat.writes(student_copy(source, path.name))
    leaked = [line for line in solution_lines(source) if line in text]
    assert not leaked, f"solution lines in the student copy: {leaked[:5]}"
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert f'"{SOLUTION_TAG}"' not in text


def test_alignment_page_is_current_and_every_objective_is_assessed():
    assert ALIGNMENT_PAGE.read_text(encoding="utf-8") == alignment_markdown(), \
        "instructors/alignment.md is stale: run python -m coursekit.release --alignment"
    objs, assessed = objectives(), assessments()
    assert objs, "no learning objectives found in the chapters"
    unassessed = sorted(set(objs) - set(assessed))
    assert not unassessed, f"objectives assessed by nothing: {unassessed}"
    unknown = sorted(set(assessed) - set(objs))
    assert not unknown, f"quiz questions or tasks point to objectives no chapter states: {unknown}"


# --- the trace task (ex01_8): each part of a student's trail is checked against the data ------

GOOD_TRACE = {"dataset": "key_figures", "row": {"measure": "swb_apprehensions_peak", "period": "2019-05"},
              "source": "cbp2019may", "publisher_kind": "government", "year_type": "calendar"}

WRONG_TRACES = {
    "worked_example_copied": ({"dataset": "ice_removals", "row": {"fiscal_year": 2017, "country": "Guatemala",
                                                                  "measure": "ice_removals"}},
                              "that is the worked example"),
    "unknown_dataset": ({"dataset": "key_figure"}, "the data do not lead to one row"),
    "row_not_unique": ({"row": {"period": "2019-05"}}, "the data do not lead to one row"),
    "row_that_does_not_exist": ({"row": {"measure": "swb_apprehensions_peak", "period": "2019-06"}},
                                "found 0"),
    "row_not_a_dict": ({"row": "swb_apprehensions_peak"}, "'row' should be a dict"),
    "source_from_another_row": ({"source": "themonitor2019down"}, "the row's source column holds cbp2019may"),
    "publisher_name_instead_of_kind": ({"publisher_kind": "U.S. Customs and Border Protection"},
                                       "publishers.yml does not class U.S. Customs and Border Protection"),
    "wrong_kind": ({"publisher_kind": "news"}, "does not class"),
    "fiscal_for_a_calendar_month": ({"year_type": "fiscal"}, "does not count this row in 'fiscal' years"),
    "a_part_left_out": ({"source": ...}, "fill in 'source'"),
}


def test_a_correct_trace_passes_with_the_kind_as_id_or_label():
    assert check("ex01_8", GOOD_TRACE).passed is True
    label = {**GOOD_TRACE, "publisher_kind": "government statistics or records"}
    assert check("ex01_8", label).passed is True


@pytest.mark.parametrize("case", WRONG_TRACES, ids=list(WRONG_TRACES))
def test_a_wrong_trace_fails_and_names_the_mistake(case):
    change, message = WRONG_TRACES[case]
    result = check("ex01_8", {**GOOD_TRACE, **change})
    assert result.passed is False, result
    assert message in result.message, result.message


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_each_task_cell_states_the_objectives_its_check_registers(path):
    tasks = all_tasks()
    for cell in cells(path):
        meta = cell.get("metadata", {})
        if meta.get("task") in tasks:
            registered = list(tasks[meta["task"]].objectives)
            assert meta["objectives"] == registered, \
                f"{meta['task']}: the cell says objectives {meta['objectives']}, its check registers {registered}"
            stated = re.search(r"\*\*Objectives?:\*\* ([\d., ]+)", cell.source)
            assert stated and [o.strip() for o in stated.group(1).split(",")] == registered, \
                f"{meta['task']}: the task text states objectives {stated and stated.group(1)!r}"
