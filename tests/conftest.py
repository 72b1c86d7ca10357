"""Shared fixtures: the repository root and one build of the web book per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPO_CACHE = ROOT / "_build" / ".jupyter_cache"  # the execution cache of `make book`


def committed_notebooks() -> list[Path]:
    """Every notebook the course ships (chapters and exercises), never build copies."""
    return sorted(p for folder in ("chapters", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def build_book(out: Path, extra_args: tuple[str, ...] = ()) -> tuple[int, str]:
    """Build the book into ``out`` with warnings as errors; return (exit code, log).

    Starts from a copy of the execution cache of the last ``make book``, when there is one, so
    that the notebooks nbval has just run are not all executed again: the cache's guard
    (coursekit.sphinxext.cache) and jupyter-cache drop every execution whose inputs changed since.
    """
    if REPO_CACHE.is_dir():
        shutil.copytree(REPO_CACHE, out / "_build" / ".jupyter_cache", dirs_exist_ok=True)
    cmd = [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(out),
           "--all", "-W", "-n", "--keep-going", *extra_args]
    env = dict(os.environ, PYTHONWARNINGS="ignore::DeprecationWarning")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The HTML folder of a fresh, strict build (built once per test session)."""
    out = tmp_path_factory.mktemp("book")
    code, log = build_book(out)
    if code != 0:
        tail = "\n".join(log.splitlines()[-60:])
        pytest.fail(f"jupyter-book build failed (exit {code}); last lines of the log:\n{tail}")
    html = out / "_build" / "html"
    assert (html / "index.html").exists(), "the build finished without writing index.html"
    return html


@pytest.fixture(scope="session")
def student_book(tmp_path_factory, built_book) -> Path:
    from coursekit.student_book import build_student_book

    out = tmp_path_factory.mktemp("student-book")
    # the chapters are the same in both editions: reuse the full build's executions
    assert build_student_book(out, cache=built_book.parent / ".jupyter_cache") == 0, \
        "the student edition failed to build"
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven through Playwright; one per session (Playwright's sync API
    cannot run twice at once), shared by the web-book and the JupyterLab tests."""
    from browser import ARGS, CHROMIUM, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
