"""Graded releases: nbgrader and otter-grader, run for real, grade every exercise notebook's answer
key in full and a blank copy at zero, and what they give students holds no solution and no
expected value.

The tools run from their own venv, ``.venv-grading`` (``make grading-venv``; another folder with
GRADING_VENV=...). Without it these tests skip, except under CI=true or COURSE_REQUIRE_BROWSER=1
(as ``.ci/run`` sets), where they fail. The generator's own rules are tested first, without it.
"""
from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from coursekit import graded
from coursekit.checks import TASKS
from coursekit.solutions import ReleaseError, solution_lines, student_copy

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
GRADING_VENV = Path(os.environ.get("GRADING_VENV", ROOT / ".venv-grading"))
TOOLS = GRADING_VENV / "bin"
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("COURSE_REQUIRE_BROWSER") == "1"


def names(paths):
    return [p.stem for p in paths]


# ----------------------------------------------------------------------------- the stored values

def run_hidden_test(task_id: str, answer) -> None:
    """Run a task's hidden test as the tools do: its lines, with the answer bound to a name."""
    exec("\n".join(graded._hidden_test(task_id, "answer")), {"answer": answer})


VALUE_TASKS = [t for t, spec in TASKS.items() if spec.kind in {"number", "series", "choice"}]


@pytest.mark.parametrize("task_id", VALUE_TASKS)
def test_a_hidden_test_passes_the_expected_answer_and_fails_a_changed_one(task_id):
    spec = TASKS[task_id]
    right = spec.expected()
    run_hidden_test(task_id, right)
    if spec.kind == "series":
        wrong = right.astype(float).copy()
        wrong.iloc[0] = wrong.iloc[0] * 1.5 + 1
    elif spec.kind == "choice":
        wrong = right + 1 if isinstance(right, int) else right + " and more"
    else:
        wrong = right * 1.05 + 0.01
    with pytest.raises(AssertionError) as failed:
        run_hidden_test(task_id, wrong)
    assert "not yet" in str(failed.value), str(failed.value)
    assert repr(right) not in str(failed.value), "the failure message shows the expected value"


def test_a_hidden_test_holds_its_value_and_does_not_recompute_it(monkeypatch):
    """The value is computed when the release is written; grading never reads the data again."""
    lines = graded._hidden_test("ex01_3", "answer")
    right = TASKS["ex01_3"].expected()
    monkeypatch.setitem(TASKS, "ex01_3", dataclasses.replace(TASKS["ex01_3"], expected=lambda: right * 2))
    exec("\n".join(lines), {"answer": right})  # passes: the stored value, not the changed data
    with pytest.raises(AssertionError):
        exec("\n".join(lines), {"answer": right * 2})


def test_the_trace_task_is_checked_live_against_the_data():
    lines = graded._hidden_test("ex01_8", "answer")
    assert lines[-1] == "expect('ex01_8', answer)"
    mine = {"dataset": "key_figures", "row": {"measure": "swb_apprehensions_peak", "period": "2019-05"},
            "source": "cbp2019may", "publisher_kind": "government", "year_type": "calendar"}
    run_hidden_test("ex01_8", mine)
    with pytest.raises(AssertionError, match="publishers.yml does not class"):
        run_hidden_test("ex01_8", {**mine, "publisher_kind": "advocacy"})


# ----------------------------------------------------------------------------- points

GUIDE = """# Guide

## Chapter 1: Demo

**Rubric for the follow-up questions (tasks 2 and 3, 5 points).** The checks grade the code.

| Task and question | Points | What earns them |
|---|---|---|
| Task 2: why | 2 | a reason (2) |
| Task 3 (a): what | 1 | a fact (1) |
| Task 3 (b): so what | 2 | a consequence (2) |

**Rubric for task 7 (memo, 20 points).**

| Criterion | Excellent | Weak |
|---|---|---|
| Evidence (20 pts) | numbers (20) | none (0) |

## Chapter 2: Other
"""


def test_rubric_points_are_read_from_the_guide(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE, encoding="utf-8")
    assert graded.rubric_points(1, guide) == {2: 2, 3: 3, 7: 20}
    assert graded.rubric_points(2, guide) == {}


@pytest.mark.parametrize("change, message", [
    (("| Task 3 (b): so what | 2 |", "| Task 3 (b): so what | 3 |"), r"names tasks \[2, 3\] and 5 points, but its table gives"),
    (("(tasks 2 and 3, 5 points)", "(tasks 2, 3 and 4, 5 points)"), "names tasks"),
    (("| Task 2: why | 2 |", "| Why | 2 |"), "does not give its task"),
    (("| Task 2: why | 2 |", "| Task 2: why | two |"), "its points as a whole number"),
    (("| Task and question | Points |", "| Task and question | Marks |"), "needs a table with a 'Points' column"),
    (("(memo, 20 points)", "(memo)"), "does not name its task"),
])
def test_a_rubric_that_does_not_add_up_is_refused_by_name(tmp_path, change, message):
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE.replace(*change), encoding="utf-8")
    with pytest.raises(ReleaseError, match=message):
        graded.rubric_points(1, guide)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_points_come_from_the_registry_and_the_guide(path):
    chapter = int(path.name[:2])
    summary = graded.points_summary(path)
    nb = nbformat.read(path, as_version=4)
    checked = sorted({t for c in nb.cells if c.cell_type == "code" for t in re.findall(r'check\("(ex\d+_\d+)"', c.source)})
    assert summary["auto"] == sum(graded.task_points(t) for t in checked) and checked
    assert summary["manual"] == sum(graded.rubric_points(chapter).values())


# ----------------------------------------------------------------------------- the generator's rules

def demo_source(tmp_path: Path, *, answer_text="*Write your answer here.*", extra=None, in_task_2=None) -> Path:
    """A small notebook in the house format, with two registered tasks of chapter 1."""
    cells = [
        nbformat.v4.new_markdown_cell("# Demo exercises"),
        nbformat.v4.new_code_cell("from coursekit.checks import check\nfrom coursekit.data import load"),
        nbformat.v4.new_markdown_cell("## Task 2: a share", metadata={"task": "ex01_2"}),
        nbformat.v4.new_code_cell(
            'table = load("us_border_by_citizenship")\n# BEGIN SOLUTION\n'
            'fy = table[(table["measure"] == "usbp_apprehensions") & (table["fiscal_year"] == 2019)]\n'
            'counts = fy.set_index("citizenship")["count"].astype(float)\n'
            'nt_share = counts[["Guatemala", "Honduras", "El Salvador"]].sum() / counts["Total"]\n'
            '# END SOLUTION\ncheck("ex01_2", nt_share)', metadata={"tags": ["hide-input"]}),
        nbformat.v4.new_markdown_cell(answer_text),
        nbformat.v4.new_markdown_cell(":::{dropdown} Model answer\nAbout 71 per cent, not CRS's figure.\n:::",
                                      metadata={"tags": ["solution"]}),
        *(in_task_2 or []),
        nbformat.v4.new_markdown_cell("## Task 3: a ratio", metadata={"task": "ex01_3"}),
        nbformat.v4.new_code_cell(
            '""" # BEGIN PROMPT\ngrowth = ...  # divide 2015 by 2012\n"""; # END PROMPT\n# BEGIN SOLUTION\n'
            'mexico = load("mexico_enforcement")\n'
            'by_year = mexico[(mexico["measure"] == "presented") & (mexico["nationality"] == "Total")]'
            '.set_index("year")["count"].astype(float)\n'
            'growth = by_year.loc[2015] / by_year.loc[2012]\n# END SOLUTION\ncheck("ex01_3", growth)'),
    ] + (extra or [])
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    path = tmp_path / "01_demo.ipynb"
    nbformat.write(nb, path)
    guide = tmp_path / "guide.md"
    guide.write_text("## Chapter 1: Demo\n\n**Rubric for task 2 (the written answer, 3 points).**\n", encoding="utf-8")
    return path


def test_nbgrader_version_puts_stubs_before_solutions_tests_after_checks_and_points_on_answers(tmp_path):
    path = demo_source(tmp_path)
    before = path.read_bytes()
    nb = graded.nbgrader_notebook(path, tmp_path / "guide.md")
    assert path.read_bytes() == before, "the generator changed its source"
    meta = {c.id: c.metadata.get("nbgrader") for c in nb.cells}
    assert meta["c3"] == {"schema_version": 3, "task": False, "grade": False, "grade_id": "ex01_2_code",
                          "locked": False, "solution": True}
    assert nb.cells[3].source.splitlines()[:2] == ['table = load("us_border_by_citizenship")',
                                                  "fy = ...  # YOUR CODE HERE"]
    assert nb.cells[4].id == "ex01_2-test" and meta["ex01_2-test"]["grade"] and meta["ex01_2-test"]["points"] == 1
    assert meta["ex01_2-test"]["locked"] and not meta["ex01_2-test"]["solution"]
    hidden = nb.cells[4].source.split("### BEGIN HIDDEN TESTS")[1]
    assert repr(TASKS["ex01_2"].expected()) in hidden and "### END HIDDEN TESTS" in hidden
    answer = next(c for c in nb.cells if c.id == "c4")
    assert answer.metadata["nbgrader"]["points"] == 3 and answer.metadata["nbgrader"]["solution"]
    assert answer.source.startswith("*Write your answer here.*\n\n### BEGIN SOLUTION\n**Model answer.**")
    assert "c5" not in meta, "the model answer is folded into the answer cell, not left as a cell of its own"
    scaffolded = next(c for c in nb.cells if c.id == "c7").source
    assert scaffolded.startswith("growth = ...  # divide 2015 by 2012\n# BEGIN SOLUTION\n"), scaffolded
    assert "hide-input" not in json.dumps(nb.cells[3].metadata)


def test_otter_version_has_its_config_questions_solutions_and_hidden_tests(tmp_path):
    path = demo_source(tmp_path)
    nb = graded.otter_notebook(path, tmp_path / "guide.md")
    raw = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "raw"]
    assert raw == ["# ASSIGNMENT CONFIG",
                   "# BEGIN QUESTION", "# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "# END TESTS",
                   "# END QUESTION",
                   "# BEGIN QUESTION", "# BEGIN PROMPT", "# END PROMPT", "# BEGIN SOLUTION", "# END SOLUTION",
                   "# END QUESTION",
                   "# BEGIN QUESTION", "# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "# END TESTS",
                   "# END QUESTION"]
    heads = [c.source for c in nb.cells if c.source.startswith("# BEGIN QUESTION")]
    assert heads == ["# BEGIN QUESTION\nname: ex01_2\npoints: 1\ncheck_cell: false",
                     "# BEGIN QUESTION\nname: ex01_2_written\nmanual: true\npoints: 3",
                     "# BEGIN QUESTION\nname: ex01_3\npoints: 1\ncheck_cell: false"]
    test = next(c for c in nb.cells if c.id == "ex01_3-test").source
    assert test.startswith('""" # BEGIN TEST CONFIG\nhidden: true\npoints: 1\n""" # END TEST CONFIG\n')
    assert repr(TASKS["ex01_3"].expected()) in test
    code = next(c for c in nb.cells if c.id == "c7").source
    assert code.startswith('""" # BEGIN PROMPT\ngrowth = ...  # divide 2015 by 2012\n"""; # END PROMPT\n'
                           "# BEGIN SOLUTION NO PROMPT\n"), code
    stubbed = next(c for c in nb.cells if c.id == "c3").source
    assert '""" # BEGIN PROMPT\nfy = ...  # YOUR CODE HERE\ncounts = ...  # YOUR CODE HERE' in stubbed


@pytest.mark.parametrize("change, message", [
    (dict(in_task_2=[nbformat.v4.new_markdown_cell("*Write your answer here too.*")]), "second written answer"),
    (dict(extra=[nbformat.v4.new_markdown_cell("## Task 4", metadata={"task": "ex01_4"}),
                 nbformat.v4.new_markdown_cell("*Write your answer here.*")]), "gives no rubric points"),
    (dict(extra=[nbformat.v4.new_code_cell('check("ex01_99", 1)')]), "names a task that coursekit.tasks does not"),
    (dict(extra=[nbformat.v4.new_code_cell("x = 1  # SOLUTION")]), "otter-grader would rewrite the line"),
    (dict(extra=[nbformat.v4.new_markdown_cell("### BEGIN HIDDEN TESTS")]), "is a marker of nbgrader"),
])
def test_a_source_the_graders_would_misread_is_refused_by_name(tmp_path, change, message):
    path = demo_source(tmp_path, **change)
    with pytest.raises(ReleaseError, match=message) as refused:
        graded.nbgrader_notebook(path, tmp_path / "guide.md")
    assert "01_demo.ipynb" in str(refused.value)


def test_a_rubric_without_its_answer_cell_is_refused(tmp_path):
    path = demo_source(tmp_path)
    (tmp_path / "guide.md").write_text("## Chapter 1: Demo\n\n**Rubric for task 2 (3 points).**\n\n"
                                       "**Rubric for task 3 (2 points).**\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"gives rubric points to tasks \[3\]"):
        graded.nbgrader_notebook(path, tmp_path / "guide.md")


def test_the_graded_release_is_reproducible(tmp_path):
    first = graded.write_graded(ROOT / "exercises", tmp_path / "one")
    second = graded.write_graded(ROOT / "exercises", tmp_path / "two")
    assert [p.relative_to(tmp_path / "one") for p in first] == [p.relative_to(tmp_path / "two") for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
    assert len([p for p in first if p.suffix == ".ipynb"]) == 2 * len(NOTEBOOKS)


# ----------------------------------------------------------------------------- the real tools

def require_grading_venv() -> None:
    missing = [tool for tool in ("nbgrader", "otter", "python") if not (TOOLS / tool).exists()]
    if not missing:
        return
    problem = f"the grading venv {GRADING_VENV} lacks {', '.join(missing)} (make grading-venv creates it)"
    if REQUIRED:
        pytest.fail(f"the graded-release tests are required here but {problem}")
    pytest.skip(f"nbgrader and otter-grader tests skipped: {problem}")


def tool_env(home: Path) -> dict[str, str]:
    """The tools' environment: their venv first on PATH (nbgrader runs alembic by name), and
    Jupyter folders of their own, so that no kernel or config of this machine is picked up."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH"}}
    env.update(PATH=f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}", JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               PYTHONWARNINGS="ignore")
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = "\n".join(log.splitlines()[-40:])
        pytest.fail(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n{tail}")
    return log


SOURCES: dict[str, nbformat.NotebookNode] = {}  # each source as it was when the release was written


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    require_grading_venv()
    out = tmp_path_factory.mktemp("graded")
    SOURCES.update({p.stem: nbformat.read(p, as_version=4) for p in NOTEBOOKS})
    graded.write_graded(ROOT / "exercises", out)
    return out


READ_GRADEBOOK = """
import json, sys
from nbgrader.api import Gradebook
found = {}
with Gradebook("sqlite:///gradebook.db") as gb:
    for assignment in gb.assignments:
        for student in ("key", "blank"):
            for nb in gb.find_submission(assignment.name, student).notebooks:
                code = [g for g in nb.grades if g.cell_type == "code"]
                text = [g for g in nb.grades if g.cell_type == "markdown"]
                found.setdefault(nb.name, {})[student] = {
                    "auto": sum(g.auto_score or 0 for g in code), "auto_max": sum(g.max_score for g in code),
                    "manual_max": sum(g.max_score for g in text), "to_grade": sum(g.needs_manual_grade for g in text),
                    "failed": sorted(g.name for g in code if g.auto_score != g.max_score)}
json.dump(found, sys.stdout)
"""


@pytest.fixture(scope="module")
def nbgrader_run(released, tmp_path_factory) -> dict:
    """nbgrader generate_assignment, then autograde of each answer key (the source version) and each
    blank copy (the version it releases, as a student gets it), and their feedback. Returns the
    gradebook's scores."""
    course = released / "nbgrader"
    env = tool_env(tmp_path_factory.mktemp("nbgrader-home"))
    run([str(TOOLS / "nbgrader"), "generate_assignment", "*", "--force"], course, env)
    for path in NOTEBOOKS:
        name = graded.assignment_name(path)
        for student, folder in (("key", "source"), ("blank", "release")):
            target = course / "submitted" / student / name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(course / folder / name / f"{name}.ipynb", target)
    run([str(TOOLS / "nbgrader"), "autograde", "*", "--create", "--force"], course, env)
    run([str(TOOLS / "nbgrader"), "generate_feedback", "*", "--force"], course, env)
    scores = json.loads(run([str(TOOLS / "python"), "-c", READ_GRADEBOOK], course, env).splitlines()[-1])
    return {"course": course, "scores": scores}


# otter assign, then otter run on the answer key and on the blank copy, for each master notebook:
# the functions behind otter's two commands, called in one process (otter takes seconds to import)
RUN_OTTER = """
import contextlib, io, json, pathlib, sys
from otter.assign import main as assign
from otter.run import main as run
found = {}
for master in map(pathlib.Path, sys.argv[2:]):
    name, dist, log = master.stem, master.parent / "dist", io.StringIO()
    with contextlib.redirect_stdout(log):
        assign(str(master), str(dist), no_run_tests=True)  # the key's run below tests the solutions
    (autograder,) = (dist / "autograder").glob("*.zip")
    found[name] = {}
    for student, notebook in (("key", dist / "autograder" / f"{name}.ipynb"),
                              ("blank", dist / "student" / f"{name}.ipynb")):
        out = master.parent / "results" / student
        out.mkdir(parents=True)
        with contextlib.redirect_stdout(log):
            run(str(notebook), autograder=str(autograder), output_dir=str(out), no_logo=True)
        tests = json.loads((out / "results.json").read_text(encoding="utf-8"))["tests"]
        found[name][student] = {t["name"]: [t["score"], t["max_score"]] for t in tests if "score" in t}
pathlib.Path(sys.argv[1]).write_text(json.dumps(found), encoding="utf-8")
"""


@pytest.fixture(scope="module")
def otter_run(released, tmp_path_factory) -> dict:
    """otter assign on each master notebook, then otter run of its answer key (the autograder
    notebook) and of its blank copy (the student notebook). Returns the scores by question."""
    home = tmp_path_factory.mktemp("otter-home")
    masters = [released / "otter" / graded.assignment_name(p) / f"{graded.assignment_name(p)}.ipynb" for p in NOTEBOOKS]
    run([str(TOOLS / "python"), "-c", RUN_OTTER, str(home / "scores.json"), *map(str, masters)], released, tool_env(home))
    scores = json.loads((home / "scores.json").read_text(encoding="utf-8"))
    return {name: {"dist": released / "otter" / name / "dist", **found} for name, found in scores.items()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_nbgrader_gives_the_answer_key_every_autograded_point_and_a_blank_copy_none(nbgrader_run, path):
    name = graded.assignment_name(path)
    summary = graded.points_summary(path)
    key, blank = nbgrader_run["scores"][name]["key"], nbgrader_run["scores"][name]["blank"]
    assert key["auto_max"] == summary["auto"] and key["manual_max"] == summary["manual"], key
    assert key["auto"] == key["auto_max"], f"the answer key fails {key['failed']}"
    assert blank["auto"] == 0, f"a blank copy earns points on {sorted(set(blank['failed']) ^ set(key['failed']))}"
    answers = sum(1 for b in graded.read_source(path) for i in b.items if isinstance(i, graded.Answer))
    assert key["to_grade"] == answers, "each written answer of the key should wait for manual grading"
    assert blank["to_grade"] == 0, "nbgrader gives an unchanged answer cell 0 without manual grading"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_nbgrader_blank_copy_runs_to_its_end(nbgrader_run, path):
    """nbgrader's default stubs raise NotImplementedError at the first task; the course's do not:
    in the blank copy only the autograder's hidden tests fail."""
    name = graded.assignment_name(path)
    nb = nbformat.read(nbgrader_run["course"] / "autograded" / "blank" / name / f"{name}.ipynb", as_version=4)
    failing = [c.metadata.get("nbgrader", {}).get("grade_id", c.get("id")) for c in nb.cells if c.cell_type == "code"
               and any(o.output_type == "error" for o in c.outputs)]
    tests = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
             and c.cell_type == "code"]
    assert failing == tests


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_otter_gives_the_answer_key_every_point_and_a_blank_copy_none(otter_run, path):
    name = graded.assignment_name(path)
    key, blank = otter_run[name]["key"], otter_run[name]["blank"]
    assert sum(m for _, m in key.values()) == graded.points_summary(path)["auto"]
    assert [q for q, (s, m) in key.items() if s != m] == [], "the answer key fails these questions"
    assert [q for q, (s, _) in blank.items() if s] == [], "a blank copy earns points on these questions"


# ----------------------------------------------------------------------------- what students get

def student_files(nbgrader_run, otter_run, name: str) -> list[Path]:
    """Everything the two tools give students of one assignment: the copies to work in, and
    nbgrader's feedback on the graded blank copy (with its failed tests)."""
    folders = [nbgrader_run["course"] / "release" / name, nbgrader_run["course"] / "feedback" / "blank" / name,
               otter_run[name]["dist"] / "student"]
    files = [p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()]
    assert len(files) >= 3, f"no student files or feedback for {name}"
    return files


def value_forms(value) -> list[str]:
    """How an expected number could be written in a file: as the tests store it, and rounded.
    Whole numbers below 100 are everywhere in any text (task numbers, days), so they are not
    looked for."""
    value = float(value)
    if value != value:  # NaN
        return []
    if value.is_integer():
        return [str(int(value)), f"{int(value):,}"] if abs(value) >= 100 else []
    return sorted({repr(value)} | {f"{value:.{digits}g}" for digits in (4, 5, 6)})


def written(form: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", text) is not None


def leaks(text: str, secrets: list[str], values: list, public: str = "") -> list[str]:
    """The solution lines and expected values that ``text`` holds. A value that the task's own
    text shows (a year the task names, such as FY2021) is not a leak."""
    found = [f"solution line {line!r}" for line in secrets if line in text]
    for value in values:
        for form in value_forms(value):
            if written(form, text) and not written(form, public):
                found.append(f"expected value {form}")
    return found


def secrets_of(nb) -> tuple[list[str], list, str]:
    """A source's solution lines, the expected values of its tasks, and the text it shows students."""
    tasks = sorted({c.metadata["task"] for c in nb.cells if c.metadata.get("task") in TASKS})
    public = "\n".join(cell.source for cell in student_copy(nb, "source").cells)
    return sorted(solution_lines(nb)), [v for t in tasks for v in graded.expected_values(t)], public


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_student_files_hold_no_solution_line_and_no_expected_value(nbgrader_run, otter_run, path):
    secrets, values, public = secrets_of(SOURCES[path.stem])
    assert secrets and values
    name = graded.assignment_name(path)
    graded_blank = nbformat.read(nbgrader_run["course"] / "autograded" / "blank" / name / f"{name}.ipynb", 4)
    # what the blank copy's own cells print (a table of the data a task reads) is shown to
    # every student who runs it; the tests' cells are what the feedback must not give away
    printed = "\n".join(json.dumps(c.outputs) for c in graded_blank.cells
                        if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade"))
    found = []
    for file in student_files(nbgrader_run, otter_run, name):
        text, shown = file.read_text(encoding="utf-8"), public
        if file.suffix == ".html":  # the page's text: no styles or scripts, no tags, no entities
            text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S)
            text, shown = html.unescape(re.sub(r"<[^>]+>", "", text)), public + printed
        found += [f"{file.name} ({file.parent.name}): {what}" for what in leaks(text, secrets, values, shown)]
        for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "coursekit.graded", "expect("):
            if marker in text:
                found.append(f"{file.name} ({file.parent.name}): {marker!r}")
    assert not found, "\n".join(found)


def test_the_leak_search_names_a_planted_solution_line_and_value():
    path = ROOT / "exercises" / "01_border_enforcement.ipynb"
    nb = nbformat.read(path, as_version=4)
    secrets, values, public = secrets_of(nb)
    copy_ = student_copy(nb, path.name)
    for cell in copy_.cells:  # the web book's alt text of the model chart, which the graded copies drop
        cell.metadata.pop("mystnb", None)
    clean = nbformat.writes(copy_)
    assert leaks(clean, secrets, values, public) == []
    share = TASKS["ex01_2"].expected()
    planted = clean.replace("Task 2", f"Task 2 (about {share:.4g})", 1)
    assert leaks(planted, secrets, values, public) == [f"expected value {share:.4g}"]
    line = next(s for s in secrets if "nt_share =" in s)
    assert leaks(clean + line, secrets, values, public) == [f"solution line {line!r}"]
    assert leaks("the figure is 3,200", [], [3200]) == ["expected value 3,200"]
    assert leaks("the figure is 3,200", [], [3200], public="FY2019 3,200") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=names(NOTEBOOKS))
def test_both_tools_give_students_the_code_of_the_self_check_copy(nbgrader_run, otter_run, path):
    """One source: the code cells students get from nbgrader, from otter-grader and in the self-check
    copy are the same (blank lines aside), so a fix to a scaffold reaches all three."""
    name = graded.assignment_name(path)

    def code(nb_path_or_nb):
        nb = nb_path_or_nb if isinstance(nb_path_or_nb, nbformat.NotebookNode) else nbformat.read(nb_path_or_nb, 4)
        return {c.get("id"): "\n".join(line.rstrip() for line in c.source.splitlines() if line.strip())
                for c in nb.cells if c.cell_type == "code"}

    mine = code(student_copy(SOURCES[path.stem], path.name))
    nbgrader_copy = code(nbgrader_run["course"] / "release" / name / f"{name}.ipynb")
    otter_copy = code(otter_run[name]["dist"] / "student" / f"{name}.ipynb")
    tests = {k for k in nbgrader_copy if k.endswith("-test")}
    assert tests and {k: v for k, v in nbgrader_copy.items() if k not in tests} == mine
    assert otter_copy == mine



def test_the_grading_venv_stays_out_of_the_book_its_copies_and_git():
    """.venv-grading sits in the checkout (800 MB): the book must not read it, the student
    edition's and the cache test's copies of the repository must not copy it, git must ignore it."""
    import yaml

    from coursekit.student_book import BOOK_SKIP

    name = ".venv-grading"
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert name in config["exclude_patterns"], "_config.yml: add .venv-grading to exclude_patterns"
    assert name in BOOK_SKIP, "coursekit/student_book.py: add .venv-grading to BOOK_SKIP"
    ignored = subprocess.run(["git", "check-ignore", "-q", f"{name}/bin/python"], cwd=ROOT).returncode
    assert ignored == 0, ".gitignore: add .venv-grading/"
