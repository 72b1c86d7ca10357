"""The student edition of the web book: the same book, with the exercises' student copies."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from coursekit._paths import REPOSITORY as ROOT
from coursekit.notebooks import write
from coursekit.solutions import student_copy

BOOK_SKIP = {".git", ".venv", ".venv-grading", "_build", "build", "release", "tests", "benchmarks", ".ci", ".github", "__pycache__",
             ".ipynb_checkpoints", ".pytest_cache", ".jupyter_cache", "node_modules"}


def build_student_book(out: Path, extra_args: tuple[str, ...] = (), cache: Path | None = None) -> int:
    """Build the web book with the student copies of the exercises in place of the sources.

    The book sources are copied to a temporary folder, each exercise notebook is replaced by
    its student copy, and that copy of the book is built (strictly) into ``out/_build/html``.
    ``cache`` is the execution cache of a full build: the chapters, which are the same in both
    editions, are then reused from it instead of executed again (the cache's own guard still
    empties it if data or helpers changed).
    """
    import shutil
    import subprocess
    import tempfile

    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="student-book-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=lambda _d, names: [n for n in names if n in BOOK_SKIP])
        for path in sorted((book / "exercises").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            write(student_copy(nb, path.name), path)
        import yaml

        config_path = book / "_config.yml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        # launch and download buttons on exercise pages hand out the committed student copies
        config.setdefault("sphinx", {}).setdefault("config", {})["coursekit_student_edition"] = True
        if cache is not None and Path(cache).is_dir():
            config.setdefault("execute", {})["cache"] = str(Path(cache).resolve())
        config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "--path-output", str(out),
               "--all", "-W", "-n", "--keep-going", *extra_args]
        return subprocess.run(cmd, cwd=book).returncode
