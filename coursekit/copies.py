"""The student copies committed beside the sources: ``chapters/student/`` and ``exercises/student/``.

Binder, Colab and a JupyterHub fetch notebooks from the repository by path, so the student
edition's launch buttons open these. Exercises lose their solutions
(:func:`coursekit.solutions.student_copy`); in both, every MyST role and directive of the prose
is written out as plain Markdown (:mod:`coursekit.prose`), with the numbers the notebook
computes when it runs.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from coursekit._paths import REPOSITORY as ROOT
from coursekit.notebooks import run_cached
from coursekit.solutions import student_copy

STUDENT_COPIES = "exercises/student"
# The chapters' copies for Jupyter: the same notebooks with the prose's numbers and citations written out.
CHAPTER_COPIES = "chapters/student"

#: Where each folder's student copies live (committed, so Binder, Colab and a hub can open them).
COPY_FOLDERS = {"chapters": CHAPTER_COPIES, "exercises": STUDENT_COPIES}


def student_copy_paths(root: Path = ROOT) -> dict[str, str]:
    """Each chapter and exercise page (``chapters/01_border_enforcement``) and its student copy."""
    return {f"{folder}/{path.stem}": f"{copies}/{path.name}"
            for folder, copies in COPY_FOLDERS.items()
            for path in sorted((Path(root) / folder).glob("*.ipynb"))}


def student_notebook(path: Path, root: Path = ROOT, book=None, cache: Path | None = None):
    """The copy of a chapter or exercise that students open in Jupyter.

    Exercises lose their solutions (:func:`student_copy`); in both, every MyST role and
    directive of the prose is written out as plain Markdown (:mod:`coursekit.prose`), with the
    numbers the notebook computes when it runs.
    """
    from coursekit import prose

    path, root = Path(path), Path(root)
    docname = path.relative_to(root).with_suffix("").as_posix()
    book = book or prose.Book.load(root, student_copy_paths(root))
    source = nbformat.read(path, as_version=4)
    nb = student_copy(source, path.name) if docname.startswith("exercises/") else source
    glue = {}
    if any("{glue" in cell.source for cell in nb.cells if cell.cell_type == "markdown"):
        glue = prose.glued_values(run_cached(source, cwd=path.parent, cache=cache))
    return prose.plain_notebook(nb, book, docname, glue)


def write_student_copies(root: Path = ROOT, out: Path | None = None, cache: Path | None = None) -> list[Path]:
    """Write the student copy of every chapter and exercise; return the files changed.

    Sources are read from ``root``; the copies go to ``out`` (default: ``root``), into
    ``chapters/student/`` and ``exercises/student/``. ``cache`` is the book's execution cache,
    used for the chapters' numbers when it holds a run of the current notebook.
    """
    from coursekit import prose

    root = Path(root)
    out = Path(out) if out is not None else root
    copies = student_copy_paths(root)
    book = prose.Book.load(root, copies)
    changed = []
    for docname, target_name in copies.items():
        target = out / target_name
        nb = student_notebook(root / f"{docname}.ipynb", root, book, cache)
        text = nbformat.writes(nb) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed
