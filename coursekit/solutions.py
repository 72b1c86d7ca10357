"""The solution markers of the exercise notebooks, and the student copy they give.

In a source notebook, code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` (and whole code
cells tagged ``solution``) is the model answer. :func:`student_copy` replaces it by
``name = ...  # YOUR CODE HERE`` for each name the solution assigns, so later cells and the
checks still run (and report "not answered yet"); Markdown cells tagged ``solution`` become a
prompt to write an answer. :func:`solution_lines` lists what must never reach a student.

A cell can give novices a scaffold instead of bare stubs: a prompt block, in otter-grader's
syntax, holds the code the student copy shows in place of the cell's solutions (part of the code,
hints, and ``name = ...`` for what the student completes). In the source it is a string, so the
model answer runs as it is::

    \"\"\" # BEGIN PROMPT
    usbp = citizenship[citizenship["measure"] == ...]  # keep the Border Patrol rows
    share = ...
    \"\"\"; # END PROMPT
    # BEGIN SOLUTION
    ...
    # END SOLUTION
"""
from __future__ import annotations

import ast
import copy
import re

BEGIN = re.compile(r"^\s*#\s*BEGIN SOLUTION\b.*$")
END = re.compile(r"^\s*#\s*END SOLUTION\b.*$")
PROMPT_BEGIN = re.compile(r'^\s*"""\s*#\s*BEGIN PROMPT\b.*$')
PROMPT_END = re.compile(r'^\s*""";?\s*#\s*END PROMPT\b.*$')
SOLUTION_TAG = "solution"
STUDENT_PROMPT = ("**Your answer:** *double-click this cell and write your answer here. "
                  "Your instructor grades it with the rubric in the instructor guide.*")
YOUR_CODE = "# YOUR CODE HERE"
# a Markdown cell the source already leaves for the student's answer ("*Write your memo here.*")
ANSWER_CELL = re.compile(r"^\s*\*Write your\b[^*]*\*\s*$")


class ReleaseError(ValueError):
    """A source notebook breaks the solution-marker convention, or a release cannot be made.
    The message says where."""


def _assigned_names(code: str) -> list[str]:
    """Top-level names a block of code assigns, in order (``a = ...``, ``a, b = ...``, ``for``...)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found: list[str] = []

    def add(target):
        if isinstance(target, ast.Name) and target.id not in found:
            found.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                add(elt)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return found


def _stub(code: str, indent: str = "") -> list[str]:
    names = _assigned_names(code)
    if not names:
        return [f"{indent}{YOUR_CODE}", f"{indent}..."]
    return [f"{indent}{name} = ...  {YOUR_CODE}" for name in names]


def split_prompt(source: str, where: str) -> tuple[str, list[str] | None]:
    """A cell's code without its prompt block, and the prompt's lines (None if it has none)."""
    lines = source.splitlines()
    starts = [i for i, line in enumerate(lines) if PROMPT_BEGIN.match(line)]
    ends = [i for i, line in enumerate(lines) if PROMPT_END.match(line)]
    if not starts and not ends:
        return source, None
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise ReleaseError(f"{where}: a cell holds one prompt block, opened by '\"\"\" # BEGIN PROMPT' and "
                           f"closed by '\"\"\"; # END PROMPT' (found {len(starts)} openings, {len(ends)} closings)")
    start, end = starts[0], ends[0]
    return "\n".join(lines[:start] + lines[end + 1:]), lines[start + 1:end]


def _regions(lines: list[str], where: str):
    """Split a cell's lines into ("code", line) and ("solution", [lines]) parts."""
    i = 0
    while i < len(lines):
        if END.match(lines[i]):
            raise ReleaseError(f"{where}: '# END SOLUTION' without a matching '# BEGIN SOLUTION' (line {i + 1})")
        if not BEGIN.match(lines[i]):
            yield "code", lines[i]
            i += 1
            continue
        start = i
        i += 1
        body = []
        while i < len(lines) and not END.match(lines[i]):
            if BEGIN.match(lines[i]):
                raise ReleaseError(f"{where}: nested '# BEGIN SOLUTION' (line {i + 1})")
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise ReleaseError(f"{where}: '# BEGIN SOLUTION' on line {start + 1} is never closed by '# END SOLUTION'")
        yield "solution", (lines[start], body)
        i += 1  # skip END


def _used_names(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def strip_solutions(source: str, where: str) -> str:
    """Replace every marked solution region in one code cell by stubs, or by the cell's prompt."""
    code, prompt = split_prompt(source, where)
    parts = list(_regions(code.splitlines(), where))
    out: list[str] = []
    if prompt is None:
        for kind, part in parts:
            if kind == "code":
                out.append(part)
                continue
            begin, body = part
            indent = begin[: len(begin) - len(begin.lstrip())]
            dedented = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body)
            out.extend(_stub(dedented, indent))
        return "\n".join(out)
    solved = [name for kind, part in parts if kind == "solution" for name in _assigned_names("\n".join(part[1]))]
    if not any(kind == "solution" for kind, _ in parts):
        raise ReleaseError(f"{where}: a prompt block stands in for a solution, but the cell has no "
                           "'# BEGIN SOLUTION' region")
    rest = "\n".join(part for kind, part in parts if kind == "code")
    needed = [name for name in solved if name in _used_names(rest)]
    given = set(_assigned_names("\n".join(prompt)))
    lacking = [name for name in needed if name not in given]
    if lacking:
        raise ReleaseError(f"{where}: the prompt block does not assign {', '.join(lacking)}, which the rest of "
                           "the cell uses; give it as 'name = ...'")
    placed = False
    for kind, part in parts:
        if kind == "code":
            out.append(part)
        elif not placed:
            out.extend(prompt)
            placed = True
    return "\n".join(out)


def has_solution(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return SOLUTION_TAG in tags or (cell["cell_type"] == "code" and any(BEGIN.match(l) for l in cell["source"].splitlines()))


def solution_lines(nb, min_length: int = 12) -> set[str]:
    """Every distinctive line of every solution in a source notebook (what must never leak).

    A line that the notebook also shows outside its solutions (in a task's text, in code outside
    the markers, or in a prompt block, where a scaffold line may be switched off with "# ") is
    not a secret, and is left out.
    """
    found: set[str] = set()
    shown: set[str] = set()
    for cell in nb.cells:
        lines = cell.source.splitlines()
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            found.update(lines)
            continue
        if cell.cell_type != "code":
            shown.update(lines)
            continue
        code, prompt = split_prompt(cell.source, "solution_lines")
        for line in prompt or []:
            shown.update({line, line.strip().removeprefix("# ")})
        inside = False
        for line in code.splitlines():
            if BEGIN.match(line):
                inside = True
            elif END.match(line):
                inside = False
            else:
                (found if inside else shown).add(line)
    # as a reader sees it: a line that is part of a longer shown line (a prompt's line with its
    # comment, a sentence of the task's text) is shown too
    def plain(text: str) -> str:
        return " ".join(text.replace("*", "").replace("`", "").split())

    public = "\n".join(plain(line) for line in shown)
    return {line.strip() for line in found
            if plain(line) not in public and len(line.strip()) > min_length
            and line.strip() not in {":::", "..."} and not line.strip().startswith(":::")}


def student_copy(nb, name: str = "notebook"):
    """A new notebook with every solution removed; ``nb`` itself is left untouched.

    A model answer in Markdown becomes a prompt to write one, unless the cell before it is
    already the answer cell (``*Write your answer here.*``): then it goes, so that each question
    has one place to answer.
    """
    out = copy.deepcopy(nb)
    kept = []
    for index, cell in enumerate(out.cells):
        where = f"{name}, cell {index + 1}"
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            if cell.cell_type == "markdown":
                before = kept[-1] if kept else None
                if before is not None and before.cell_type == "markdown" and ANSWER_CELL.match(before.source):
                    continue
                cell.source = STUDENT_PROMPT
            elif cell.cell_type == "code":
                code = strip_solutions(cell.source, where)  # validates markers inside, too
                cell.source = "\n".join(_stub(code))
            tags.remove(SOLUTION_TAG)
        elif cell.cell_type == "code":
            cell.source = strip_solutions(cell.source, where)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            tags = [t for t in tags if t not in {"hide-input", "hide-cell"}]
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        kept.append(cell)
    out.cells = kept
    out.metadata.pop("widgets", None)
    return out
