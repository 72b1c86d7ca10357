"""The solution markers of the exercise notebooks, and the student copy they give.

In a source notebook, code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` (and whole code
cells tagged ``solution``) is the model answer. :func:`student_copy` replaces it by
``name = ...  # YOUR CODE HERE`` for each name the solution assigns, so later cells and the
checks still run (and report "not answered yet"); Markdown cells tagged ``solution`` become a
prompt to write an answer. :func:`solution_lines` lists what must never reach a student.
"""
from __future__ import annotations

import ast
import copy
import re

BEGIN = re.compile(r"^\s*#\s*BEGIN SOLUTION\b.*$")
END = re.compile(r"^\s*#\s*END SOLUTION\b.*$")
SOLUTION_TAG = "solution"
STUDENT_PROMPT = ("**Your answer:** *double-click this cell and write your answer here. "
                  "Your instructor grades it with the rubric in the instructor guide.*")
YOUR_CODE = "# YOUR CODE HERE"


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


def strip_solutions(source: str, where: str) -> str:
    """Replace every marked solution region in one code cell by stubs."""
    lines = source.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if END.match(lines[i]):
            raise ReleaseError(f"{where}: '# END SOLUTION' without a matching '# BEGIN SOLUTION' (line {i + 1})")
        if not BEGIN.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
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
        dedented = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body)
        out.extend(_stub(dedented, indent))
        i += 1  # skip END
    return "\n".join(out)


def has_solution(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return SOLUTION_TAG in tags or (cell["cell_type"] == "code" and any(BEGIN.match(l) for l in cell["source"].splitlines()))


def solution_lines(nb, min_length: int = 12) -> set[str]:
    """Every distinctive line of every solution in a source notebook (what must never leak)."""
    found: set[str] = set()
    for cell in nb.cells:
        lines = cell.source.splitlines()
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            found.update(lines)
        elif cell.cell_type == "code":
            inside = False
            for line in lines:
                if BEGIN.match(line):
                    inside = True
                elif END.match(line):
                    inside = False
                elif inside:
                    found.add(line)
    return {line.strip() for line in found
            if len(line.strip()) > min_length and line.strip() not in {":::", "..."} and not line.strip().startswith(":::")}


def student_copy(nb, name: str = "notebook"):
    """A new notebook with every solution removed; ``nb`` itself is left untouched."""
    out = copy.deepcopy(nb)
    for index, cell in enumerate(out.cells):
        where = f"{name}, cell {index + 1}"
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            if cell.cell_type == "markdown":
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
    out.metadata.pop("widgets", None)
    return out
