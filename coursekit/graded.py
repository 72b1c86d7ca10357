"""Graded releases of the exercises: an nbgrader course and one otter-grader assignment per notebook.

    python -m coursekit.release --graded      # or: make release (which writes them too)

Both are generated from the source notebooks in ``exercises/`` (no second copy is kept by hand):

* ``release/nbgrader/``: an nbgrader course folder, with ``nbgrader_config.py`` and
  ``source/<assignment>/<assignment>.ipynb``. Each cell with a solution is an nbgrader solution
  cell; after each cell that calls ``check("exNN_k", answer)`` comes a locked, autograded test
  cell worth the task's points; each written answer is a manually graded answer cell worth the
  points of the rubric in ``instructors/guide.md``.
* ``release/otter/<assignment>/<assignment>.ipynb``: an otter-grader master notebook, with an
  ``# ASSIGNMENT CONFIG`` cell, one autograded question per checked cell (its solution block and
  a hidden test) and one manually graded question per written answer.

The solution markers are the sources' own: ``# BEGIN SOLUTION`` / ``# END SOLUTION`` are what
nbgrader and otter-grader read, and the scaffolds keep otter's prompt syntax. In the copies both
tools give students, a solution region is replaced by the same stubs or scaffold as in the
self-check copies (:mod:`coursekit.solutions`), so the notebook still runs to its end.

The hidden tests hold the expected values, computed from the course data when the release is
written (through :data:`coursekit.registry.TASKS`), as literals: grading does not depend on the
data or package a student has. They call :func:`expect`, which applies the task's own check to
the stored value. The trace task has no single expected value; its hidden test runs the live
check against the data, the bibliography and the publisher register of the grading machine.

Points: a checked task is worth :func:`task_points` (one point, or the ``points`` of its
registration once :class:`coursekit.registry.Task` carries them); a written answer is worth the
points its rubric gives in the guide's chapter section (a rubric for one task
gives its total; a rubric for several has a table with one row per task, and the rows must add up
to the total it states).
"""
from __future__ import annotations

import ast
import copy
import dataclasses
import math
import numbers
import re
from pathlib import Path
from typing import Any

import nbformat

from coursekit._paths import REPOSITORY as ROOT
from coursekit.checks import TASKS, check
from coursekit.solutions import (ANSWER_CELL, BEGIN, END, SOLUTION_TAG, STUDENT_PROMPT, ReleaseError, _regions,
                                 _stub, split_prompt, strip_solutions)

GUIDE = ROOT / "instructors" / "guide.md"
DEFAULT_POINTS = 1  # what a checked task is worth when its registration gives no points
TASK_ID = re.compile(r"ex(\d+)_(\d+)")
WEB_TAGS = {"hide-input", "hide-cell", "hide-output"}  # the web book's folding: nothing to a grader

NBGRADER_CONFIG = '''\
# nbgrader's configuration for this course folder (written by python -m coursekit.release).
# A solution region becomes nothing: the source puts the student's stub or scaffold just before
# it, so that the student's notebook runs to its end (nbgrader's default stub raises instead).
c = get_config()  # noqa: F821  (nbgrader defines it)
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = ""
# Feedback shows each test cell without its hidden tests, which hold the expected values.
c.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades", "nbgrader.preprocessors.ClearHiddenTests",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
'''


# ----------------------------------------------------------------------------- points

def task_points(task_id: str) -> int | float:
    """What a checked task is worth: its registration's ``points``, or :data:`DEFAULT_POINTS`."""
    return getattr(TASKS[task_id], "points", DEFAULT_POINTS)


_TASKS_NAMED = re.compile(r"\b[Tt]asks?\s+(\d+(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)\d+(?!\d|\s+points?\b))*)")


def _task_numbers(text: str) -> list[int]:
    """The task numbers a rubric's heading names: "tasks 1, 2 and 4 to 6" is [1, 2, 4, 5, 6]."""
    found = _TASKS_NAMED.search(text)
    if not found:
        return []
    numbers_: list[int] = []
    for part in re.split(r"\s*,\s*|\s+and\s+", found.group(1)):
        low, _, high = part.partition(" to ")
        numbers_ += list(range(int(low), int(high) + 1)) if high else [int(low)]
    return numbers_


def rubric_points(chapter: int, guide: Path = GUIDE) -> dict[int, int]:
    """The points of each task's written answer in one chapter, as the guide's rubrics give them.

    The chapter's section is the one headed ``## Chapter N:``. A rubric is a bold paragraph that
    starts with "Rubric" and names its task or tasks and its total ("(13 points)"). A rubric for
    several tasks is followed by a table with a "Points" column and one row (or more, for parts
    (a) and (b)) per task, starting "Task N"; its rows must add up to the total.
    """
    text = Path(guide).read_text(encoding="utf-8")
    section = re.search(rf"^## Chapter {chapter}:.*?(?=^## |\Z)", text, re.M | re.S)
    if not section:
        return {}
    body = section.group(0)
    points: dict[int, int] = {}
    for head in re.finditer(r"^\*\*(Rubric\b.*?)\*\*", body, re.M | re.S):
        heading = " ".join(head.group(1).split())
        total = re.findall(r"(\d+)\s+points?\b", heading)
        tasks = _task_numbers(heading)
        if not total or not tasks:
            raise ReleaseError(f"{Path(guide).name}, chapter {chapter}: the rubric '{heading}' does not name "
                               "its task(s) and its total ('task 7 (..., 20 points)')")
        total = int(total[-1])
        rows = _table_after(body[head.end():])
        header = [cell.lower() for cell in rows[0]] if rows else []
        column = header.index("points") if "points" in header else None
        if len(tasks) == 1 and column is None:  # a table of criteria and levels, or none
            points[tasks[0]] = points.get(tasks[0], 0) + total
            continue
        if column is None:
            raise ReleaseError(f"{Path(guide).name}, chapter {chapter}: the rubric '{heading}' covers several "
                               "tasks, so it needs a table with a 'Points' column right after it")
        found: dict[int, int] = {}
        for row in rows[1:]:
            number = re.match(r"Task (\d+)\b", row[0]) if len(tasks) > 1 else None
            task_number = int(number.group(1)) if number else tasks[0] if len(tasks) == 1 else None
            if task_number is None or not row[column].strip().isdigit():
                raise ReleaseError(f"{Path(guide).name}, chapter {chapter}: a row of the rubric '{heading}' "
                                   f"does not give {'its task, Task N, and ' if len(tasks) > 1 else ''}its points "
                                   f"as a whole number: {' | '.join(row)[:80]}")
            found[task_number] = found.get(task_number, 0) + int(row[column])
        if sorted(found) != sorted(tasks) or sum(found.values()) != total:
            raise ReleaseError(f"{Path(guide).name}, chapter {chapter}: the rubric '{heading}' names tasks "
                               f"{tasks} and {total} points, but its table gives {found}")
        for number, value in found.items():
            points[number] = points.get(number, 0) + value
    return points


def _table_after(text: str) -> list[list[str]]:
    """The Markdown table that follows a rubric's heading (after the rest of its paragraph), as
    rows of cells without the separator; empty if another rubric or heading comes first."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            if rows or line.startswith(("**", "#")):
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
            rows.append(cells)
    return rows


# ----------------------------------------------------------------------------- expected values

def _literal(value: Any, where: str) -> str:
    """Python source for an expected value: numbers, text, and dicts of them (a Series by label)."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, numbers.Integral):
        return repr(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        return 'float("nan")' if math.isnan(value) else repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k, where)}: {_literal(v, where)}" for k, v in value.items()) + "}"
    raise ReleaseError(f"{where}: an expected value of type {type(value).__name__} cannot be stored in a test")


def expected_values(task_id: str) -> list[Any]:
    """Every number in a task's expected answer (what the leak test looks for in students' files)."""
    import pandas as pd

    spec = TASKS[task_id]
    if spec.kind == "trace":
        return []
    value = spec.expected()
    parts = list(value.values()) if isinstance(value, dict) else [value]
    found = []
    for part in parts:
        found += list(part.to_numpy()) if isinstance(part, pd.Series) else [part]
    return found


class NotMatching(AssertionError):
    """A hidden test's failure. Jupyter shows only its message, never the test's line of source
    (which holds the expected value), so graders' feedback does not give the value away."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for an exception's own display
        return [f"{type(self).__name__}: {self}"]


def expect(task_id: str, answer: Any, expected: Any = None, index: str | None = None) -> None:
    """The hidden tests' one call: fail unless ``answer`` passes the task's check against ``expected``.

    ``expected`` is the value the release stored (a number, a choice, a dict by label for a
    Series, or a dict of such dicts by series name for a chart); ``index`` names a Series' index,
    for the check's messages. A trace task is checked live (it has no single expected value).
    Raises :class:`NotMatching` (an AssertionError) with the check's message, which never shows
    the expected value.
    """
    import pandas as pd

    spec = TASKS[task_id]
    if spec.kind == "trace":
        result = check(task_id, answer)
    else:
        if spec.kind == "series":
            value = pd.Series(expected, dtype=float)
            value.index.name = index
        elif spec.kind == "figure":
            value = {name: pd.Series(points, dtype=float) for name, points in expected.items()}
        elif spec.kind == "number":
            value = float(expected)
        else:
            value = expected
        stored = dataclasses.replace(spec, expected=lambda: value)
        TASKS[task_id] = stored
        try:
            result = check(task_id, answer)
        finally:
            TASKS[task_id] = spec
    if result.passed is not True:
        raise NotMatching(str(result))


def _hidden_test(task_id: str, answer: str) -> list[str]:
    """The lines of a task's hidden test: one call of :func:`expect`, with the value stored as a literal."""
    spec = TASKS[task_id]
    args = [repr(task_id), answer]
    if spec.kind != "trace":
        value = spec.expected()
        args.append(_literal(value, f"task {task_id}"))
        if spec.kind == "series" and value.index.name is not None:
            args.append(f"index={value.index.name!r}")
    return ["from coursekit.graded import expect", f"expect({', '.join(args)})"]


# ----------------------------------------------------------------------------- reading a source

@dataclasses.dataclass
class Region:
    """One solution region of a code cell: what the student copy shows instead, and the solution."""

    indent: str
    stub: list[str]
    body: list[str]


@dataclasses.dataclass
class Code:
    """A code cell as parts: plain lines and solution regions; and the tasks it checks."""

    cell: Any
    parts: list  # str lines and Region objects, in order
    checks: list[tuple[str, str]]  # (task id, answer expression) of each check(...) call

    @property
    def has_solution(self) -> bool:
        return any(isinstance(part, Region) for part in self.parts)


@dataclasses.dataclass
class Answer:
    """A written answer: the student's answer cell (its prompt) and the model answer."""

    task: str
    prompt: str
    model: str
    points: int
    cell_id: str


@dataclasses.dataclass
class Block:
    """A task's Markdown cell and the cells up to the next task's (or the notebook's preamble)."""

    task: str | None
    items: list = dataclasses.field(default_factory=list)  # markdown cells, Code, Answer


def _code_parts(cell, where: str) -> list:
    """A code cell's lines and solution regions, each region with its stub or the cell's scaffold."""
    tags = cell.get("metadata", {}).get("tags", [])
    if SOLUTION_TAG in tags:
        code = strip_solutions(cell.source, where)  # checks the markers inside
        body = [line for line in cell.source.splitlines() if not (BEGIN.match(line) or END.match(line))]
        return [Region("", _stub(code), body)]
    strip_solutions(cell.source, where)  # validates markers and the scaffold (names it must assign)
    code, prompt = split_prompt(cell.source, where)
    parts: list = []
    for kind, part in _regions(code.splitlines(), where):
        if kind == "code":
            parts.append(part)
            continue
        begin, body = part
        indent = begin[: len(begin) - len(begin.lstrip())]
        if prompt is not None:
            stub, prompt = prompt, []  # the scaffold stands in for the cell's first region
        else:
            dedented = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body)
            stub = _stub(dedented, indent)
        parts.append(Region(indent, stub, body))
    return parts


def _checks(source: str, where: str) -> list[tuple[str, str]]:
    """The ``check("exNN_k", answer)`` calls of a cell: each task id and its answer's source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        if re.search(r"\bcheck\(", source):
            raise ReleaseError(f"{where}: a cell that calls check(...) must be plain Python") from None
        return []
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check"
                and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)):
            task_id = node.args[0].value
            if task_id not in TASKS:
                raise ReleaseError(f"{where}: check({task_id!r}, ...) names a task that coursekit.tasks does not register")
            found.append((task_id, ast.get_source_segment(source, node.args[1])))
    return found


def _model_answer(source: str) -> str:
    """A Markdown model answer without the web book's fold (``:::{dropdown} Title`` ... ``:::``)."""
    lines = source.strip("\n").splitlines()
    if lines and lines[0].startswith(":::{dropdown}"):
        title = lines[0].removeprefix(":::{dropdown}").strip() or "Model answer"
        lines = [f"**{title}.**", ""] + lines[1:]
        if lines[-1].strip() == ":::":
            lines = lines[:-1]
    return "\n".join(lines).strip("\n")


_RELATIVE_LINK = re.compile(r"\[([^\]]+)\]\((?![a-z]+:|#)[^)\s]+\.(?:ipynb|md)(?:#[^)]*)?\)")


def _plain_markdown(path: Path) -> dict[str, str]:
    """Each Markdown cell's text as the student copy writes it (MyST roles written out), by cell id.

    Links to the other notebooks of the course do not resolve in a graded folder, so they become
    the page's title in italics.
    """
    from coursekit.copies import student_notebook

    path = Path(path).resolve()
    if not path.is_relative_to(ROOT / "exercises"):
        return {}
    plain = student_notebook(path, ROOT)
    return {cell.get("id"): _RELATIVE_LINK.sub(r"*\1*", cell.source) for cell in plain.cells
            if cell.cell_type == "markdown"}


def read_source(path: Path, guide: Path = GUIDE) -> list[Block]:
    """A source exercise notebook as blocks of items, validated for both graders."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    plain = _plain_markdown(path)
    blocks = [Block(None)]
    chapter = None
    rubric: dict[int, int] | None = None
    answered: set[int] = set()
    for index, cell in enumerate(nb.cells):
        where = f"{path.name}, cell {index + 1}"
        tags = cell.get("metadata", {}).get("tags", [])
        _refuse_tool_markers(cell, where)
        task = cell.get("metadata", {}).get("task")
        if cell.cell_type == "markdown" and task:
            if not TASK_ID.fullmatch(str(task)):
                raise ReleaseError(f"{where}: the task id {task!r} is not of the form exNN_k")
            blocks.append(Block(task))
        block = blocks[-1]
        if cell.cell_type == "code":
            item = Code(cell, _code_parts(cell, where), _checks(cell.source, where))
            if item.has_solution and block.task is None:
                raise ReleaseError(f"{where}: a solution before the first task's Markdown cell (with a 'task' in "
                                   "its metadata) belongs to no task")
            for task_id, _ in item.checks:
                if block.task is None:
                    raise ReleaseError(f"{where}: check({task_id!r}, ...) comes before the first task")
            block.items.append(item)
            continue
        if cell.cell_type != "markdown":
            block.items.append(cell)
            continue
        previous = block.items[-1] if block.items else None
        is_answer_cell = SOLUTION_TAG not in tags and ANSWER_CELL.match(cell.source)
        if SOLUTION_TAG in tags and isinstance(previous, Answer) and not previous.model:
            previous.model = _model_answer(cell.source)  # the model answer of the answer cell above
            continue
        if SOLUTION_TAG in tags or is_answer_cell:
            if block.task is None:
                raise ReleaseError(f"{where}: a written answer before the first task belongs to no task")
            if any(isinstance(item, Answer) for item in block.items):
                raise ReleaseError(f"{where}: task {block.task} has a second written answer; the guide's rubric "
                                   "gives one number of points per task, so each task has one answer cell")
            chapter_here, number = (int(n) for n in TASK_ID.fullmatch(block.task).groups())
            if rubric is None or chapter != chapter_here:
                chapter, rubric = chapter_here, rubric_points(chapter_here, guide)
            if number not in rubric:
                raise ReleaseError(f"{where}: {Path(guide).name} gives no rubric points for the written answer of "
                                   f"task {number} (section '## Chapter {chapter}:')")
            answered.add(number)
            prompt = plain.get(cell.get("id"), cell.source) if is_answer_cell else STUDENT_PROMPT
            model = "" if is_answer_cell else _model_answer(cell.source)
            block.items.append(Answer(block.task, prompt, model, rubric[number], cell.get("id") or f"c{index}"))
            continue
        cell = copy.deepcopy(cell)
        cell.source = plain.get(cell.get("id"), cell.source)
        block.items.append(cell)
    if rubric is not None:
        unused = sorted(set(rubric) - answered)
        if unused:
            raise ReleaseError(f"{path.name}: {Path(guide).name} gives rubric points to tasks {unused} of chapter "
                               f"{chapter}, which have no answer cell in the notebook")
    return blocks


_TOOL_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME", "END MARK SCHEME",
                 "BEGIN QUESTION", "END QUESTION", "BEGIN TESTS", "END TESTS", "ASSIGNMENT CONFIG")
_OTTER_SUFFIX = re.compile(r"#\s?SOLUTION|#\s*(IGNORE|SEED)\s*$|BEGIN IGNORE|END IGNORE")


def _refuse_tool_markers(cell, where: str) -> None:
    """Words that nbgrader or otter would read as their own markers, outside the solution markers."""
    for line in cell.source.splitlines():
        for marker in _TOOL_MARKERS:
            if marker in line:
                raise ReleaseError(f"{where}: '{marker}' is a marker of nbgrader or otter-grader; the graded "
                                   "releases write their own, so a source must not hold it")
        if cell.cell_type == "markdown" and ("BEGIN SOLUTION" in line or "END SOLUTION" in line):
            raise ReleaseError(f"{where}: a Markdown cell names a solution marker, which nbgrader would read as one")
        if (cell.cell_type == "code" and _OTTER_SUFFIX.search(line) and not BEGIN.match(line)
                and not END.match(line)):
            raise ReleaseError(f"{where}: otter-grader would rewrite the line {line.strip()!r} (it reads '# SOLUTION', "
                               "'# IGNORE' and '# SEED' as its own markers)")


# ----------------------------------------------------------------------------- writing

def _clean_code_cell(cell, source: str, cell_id: str, metadata: dict | None = None):
    out = nbformat.v4.new_code_cell(source)
    out["id"] = cell_id
    # the web book's alt text (mystnb) describes the model answer's chart: not for students
    kept = {k: v for k, v in cell.get("metadata", {}).items() if k not in {"tags", "mystnb"}}
    tags = [t for t in cell.get("metadata", {}).get("tags", []) if t not in WEB_TAGS and t != SOLUTION_TAG]
    if tags:
        kept["tags"] = tags
    out.metadata.update(kept)
    if metadata:
        out.metadata.update(metadata)
    return out


def _markdown(source: str, cell_id: str, metadata: dict | None = None, like=None):
    out = nbformat.v4.new_markdown_cell(source)
    out["id"] = cell_id
    if like is not None:
        out.metadata.update({k: v for k, v in like.get("metadata", {}).items() if k != "tags"})
        if "attachments" in like:
            out["attachments"] = copy.deepcopy(like["attachments"])
    if metadata:
        out.metadata.update(metadata)
    return out


def _raw(source: str, cell_id: str):
    out = nbformat.v4.new_raw_cell(source)
    out["id"] = cell_id
    return out


def _graded_source(item: Code, solution_open: str) -> str:
    """The code with each region as: its stub or scaffold, then the solution between markers."""
    lines = []
    for part in item.parts:
        if isinstance(part, Region):
            lines += part.stub if solution_open == "nbgrader" else []
            if solution_open == "otter":
                if part.stub:
                    lines += [f'{part.indent}""" # BEGIN PROMPT']
                    lines += part.stub
                    lines += [f'{part.indent}"""; # END PROMPT']
                lines.append(f"{part.indent}# BEGIN SOLUTION NO PROMPT")
            else:
                lines.append(f"{part.indent}# BEGIN SOLUTION")
            lines += part.body
            lines.append(f"{part.indent}# END SOLUTION")
        else:
            lines.append(part)
    return "\n".join(lines)


def _new_notebook(source_nb, cells):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = copy.deepcopy(source_nb.metadata)
    nb.metadata.pop("widgets", None)
    nb.nbformat_minor = max(source_nb.nbformat_minor, 5)
    return nb


def nbgrader_notebook(path: Path, guide: Path = GUIDE):
    """The nbgrader source version of an exercise notebook (solutions, tests, answers, metadata)."""
    path = Path(path)
    blocks = read_source(path, guide)
    meta = {"schema_version": 3, "task": False}
    cells = []
    for block in blocks:
        counter = 0
        for item in block.items:
            if isinstance(item, Code):
                cell_id = item.cell.get("id")
                metadata = None
                if item.has_solution:
                    counter += 1
                    grade_id = f"{block.task}_code" + (f"_{counter}" if counter > 1 else "")
                    metadata = {"nbgrader": {**meta, "grade": False, "grade_id": grade_id, "locked": False,
                                             "solution": True}}
                cells.append(_clean_code_cell(item.cell, _graded_source(item, "nbgrader"), cell_id, metadata))
                for task_id, answer in item.checks:
                    points = task_points(task_id)
                    test = [f"# Autograded test of {task_id} ({_plural(points)}). The test that grades your answer",
                            "# is hidden: it compares it with the values computed from the course data.",
                            "### BEGIN HIDDEN TESTS",
                            *_hidden_test(task_id, answer),
                            "### END HIDDEN TESTS"]
                    cells.append(_clean_code_cell({}, "\n".join(test), f"{task_id}-test",
                                                  {"nbgrader": {**meta, "grade": True, "grade_id": f"{task_id}_test",
                                                                "locked": True, "points": points, "solution": False}}))
            elif isinstance(item, Answer):
                source = f"{item.prompt}\n\n### BEGIN SOLUTION\n{item.model}\n### END SOLUTION"
                cells.append(_markdown(source, item.cell_id,
                                       {"nbgrader": {**meta, "grade": True, "grade_id": f"{item.task}_written",
                                                     "locked": False, "points": item.points, "solution": True}}))
            elif item.cell_type == "markdown":
                cells.append(_markdown(item.source, item.get("id"), like=item))
            else:
                cells.append(copy.deepcopy(item))
    return _new_notebook(nbformat.read(path, as_version=4), cells)


def _plural(points) -> str:
    return f"{points} point" + ("" if points == 1 else "s")


def otter_notebook(path: Path, guide: Path = GUIDE, requirements: str | None = "requirements.txt"):
    """The otter-grader master notebook of an exercise notebook."""
    import yaml

    path = Path(path)
    blocks = read_source(path, guide)
    config = {"name": path.stem, "init_cell": False, "check_all_cell": False, "export_cell": False,
              "run_tests": True, "strip_solutions_from_all_cells": True,
              "tests": {"files": False, "ok_format": True}}
    if requirements:
        config["requirements"] = requirements
    cells = [_raw("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False).strip(), "assignment-config")]

    def plain(item):
        if isinstance(item, Code):
            return _clean_code_cell(item.cell, _graded_source(item, "otter"), item.cell.get("id"))
        if item.cell_type == "markdown":
            return _markdown(item.source, item.get("id"), like=item)
        return copy.deepcopy(item)

    def question(name: str, cell_id: str, **options) -> list:
        head = yaml.safe_dump({"name": name, **options}, sort_keys=False).strip()
        return [_raw(f"# BEGIN QUESTION\n{head}", f"{cell_id}-begin-question")]

    def autograded_question(members: list, checked: Code) -> list:
        """One question: its text, its code in solution blocks (otter locks code outside them), and
        a hidden test per check; otter runs the tests right after the question's last cell."""
        cell_id = checked.cell.get("id")
        points = sum(task_points(task_id) for task_id, _ in checked.checks)
        out = question(checked.checks[0][0], cell_id, points=points, check_cell=False)
        in_solution = False
        for n, member in enumerate(members):
            code = isinstance(member, Code)
            if code != in_solution:
                out.append(_raw("# BEGIN SOLUTION" if code else "# END SOLUTION", f"{cell_id}-solution-{n}"))
                in_solution = code
            out.append(plain(member))
        out += [_raw("# END SOLUTION", f"{cell_id}-end-solution"), _raw("# BEGIN TESTS", f"{cell_id}-begin-tests")]
        for task_id, answer in checked.checks:
            test = ['""" # BEGIN TEST CONFIG', "hidden: true", f"points: {task_points(task_id)}",
                    '""" # END TEST CONFIG', *_hidden_test(task_id, answer)]
            out.append(_clean_code_cell({}, "\n".join(test), f"{task_id}-test"))
        return out + [_raw("# END TESTS", f"{cell_id}-end-tests"), _raw("# END QUESTION", f"{cell_id}-end-question")]

    for block in blocks:
        pending: list = []  # the cells since the last question: the next autograded question's
        for item in block.items:
            if isinstance(item, Answer):
                # a task that is only written (a memo) gives its text to the manual question
                lead_in = pending if not any(isinstance(cell, Code) for cell in pending) else []
                if not lead_in:
                    cells += [plain(cell) for cell in pending]
                cells += question(f"{item.task}_written", item.cell_id, manual=True, points=item.points)
                # otter locks the question's first Markdown cell, so the answer cell cannot be it
                number = int(TASK_ID.fullmatch(item.task).group(2))
                cells += [plain(cell) for cell in lead_in] or [
                    _markdown(f"*Task {number}, written answer ({_plural(item.points)}): graded by your instructor.*",
                              f"{item.cell_id}-question")]
                cells += [_raw("# BEGIN PROMPT", f"{item.cell_id}-begin-prompt"),
                          _markdown(item.prompt, item.cell_id),
                          _raw("# END PROMPT", f"{item.cell_id}-end-prompt")]
                if item.model:
                    cells += [_raw("# BEGIN SOLUTION", f"{item.cell_id}-begin-solution"),
                              _markdown(item.model, f"{item.cell_id}-model"),
                              _raw("# END SOLUTION", f"{item.cell_id}-end-solution")]
                cells.append(_raw("# END QUESTION", f"{item.cell_id}-end-question"))
                pending = []
                continue
            pending.append(item)
            if isinstance(item, Code) and item.checks:
                cells += autograded_question(pending, item)
                pending = []
        cells += [plain(cell) for cell in pending]
    return _new_notebook(nbformat.read(path, as_version=4), cells)


def assignment_name(path: Path) -> str:
    """The assignment a notebook becomes in both tools: its file name without ``.ipynb``."""
    name = Path(path).stem
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ReleaseError(f"{Path(path).name}: nbgrader and otter-grader need assignment names of letters, "
                           "digits, '_' and '-'")
    return name


def write_graded(source_dir: Path, out_dir: Path, guide: Path = GUIDE) -> list[Path]:
    """Write the nbgrader course and the otter-grader assignments of every exercise notebook."""
    from coursekit.install import install_spec
    from coursekit.notebooks import write

    sources = sorted(Path(source_dir).glob("*.ipynb"))
    if not sources:
        raise ReleaseError(f"no exercise notebooks in {source_dir}")
    nbgrader_dir, otter_dir = Path(out_dir) / "nbgrader", Path(out_dir) / "otter"
    for old in [*nbgrader_dir.glob("source/*/*.ipynb"), *otter_dir.glob("*/*.ipynb")]:
        old.unlink()
    written = []
    config = nbgrader_dir / "nbgrader_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(NBGRADER_CONFIG, encoding="utf-8")
    written.append(config)
    requirements = f"{install_spec()}\n"
    for path in sources:
        name = assignment_name(path)
        target = nbgrader_dir / "source" / name / f"{name}.ipynb"
        write(nbgrader_notebook(path, guide), target)
        written.append(target)
        target = otter_dir / name / f"{name}.ipynb"
        write(otter_notebook(path, guide), target)
        (otter_dir / name / "requirements.txt").write_text(requirements, encoding="utf-8")
        written += [target, otter_dir / name / "requirements.txt"]
    return written


def points_summary(path: Path, guide: Path = GUIDE) -> dict[str, int | float]:
    """The points of a notebook: ``auto`` (its checked tasks) and ``manual`` (its written answers)."""
    blocks = read_source(path, guide)
    auto = sum(task_points(t) for b in blocks for i in b.items if isinstance(i, Code) for t, _ in i.checks)
    manual = sum(i.points for b in blocks for i in b.items if isinstance(i, Answer))
    return {"auto": auto, "manual": manual}
