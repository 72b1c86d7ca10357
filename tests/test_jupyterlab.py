"""Open chapter 1 in a real JupyterLab, as a student does, run every cell, and read the page.

The student copy (``chapters/student/``) must show the computed numbers, readable citations and
terms and the figures, and none of the MyST roles that only the web book renders. The server
serves a temporary folder holding a copy of the notebook, so the run never writes to the
repository; Debian's Chromium drives it through Playwright.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser import require_browser
from conftest import ROOT

CHAPTER = "chapters/01_border_enforcement.ipynb"
RAW_MYST = re.compile(r"\{(glue|cite|term|doc|numref)[:}]|^:(alt|name|class):|```\{|:::\{", re.M)


def first_number_of(chapter: Path, cache: Path) -> str:
    """The first ``{glue:text}`` value of a chapter, computed by running the source (or taken from
    the test build's execution of it) and formatted as the web book formats it."""
    from coursekit import prose
    from coursekit.notebooks import run_cached

    nb = nbformat.read(chapter, as_version=4)
    text = next(c.source for c in nb.cells if c.cell_type == "markdown" and "{glue:text}" in c.source)
    key, _, spec = re.search(r"\{glue:text\}`([^`]+)`", text).group(1).partition(":")
    glued = prose.glued_values(run_cached(nb, cwd=chapter.parent, cache=cache))
    from myst_nb.core.variables import format_plain_text

    return format_plain_text(glued[key]["text/plain"], spec)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free port, serving a folder with a copy of the student chapter."""
    require_browser()
    from coursekit.copies import CHAPTER_COPIES

    home = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / CHAPTER_COPIES / Path(CHAPTER).name, home / Path(CHAPTER).name)
    # every cell in the page, not only those scrolled into view (JupyterLab 4 renders lazily)
    settings = home / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / ".runtime"), "JUPYTER_CONFIG_DIR": str(home / ".config")}
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--ServerApp.port={port}",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", f"--ServerApp.root_dir={home}",
           f"--LabApp.user_settings_dir={home / '.settings'}", "--LabApp.expose_app_in_browser=True"]
    if os.getuid() == 0:
        cmd.append("--allow-root")
    log = (home / "lab.log").open("w")  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text())
        yield base, home
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def ran_chapter(lab, browser):
    """The text and images of every rendered Markdown cell after 'Run All Cells' has finished."""
    base, home = lab
    name = Path(CHAPTER).name
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base}/lab/tree/{name}", timeout=120_000)
        # the notebook's own kernel has started and is waiting (not just the page's indicator)
        page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext"
                               "?.session?.kernel?.status === 'idle'", timeout=120_000)
        # start the run; the prompts below say when it is over
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        # done when every code cell shows an execution count: no "[ ]" and no "[*]" left
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", timeout=200_000)
        result = page.evaluate(
            """() => ({
                markdown: [...document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')]
                          .map(m => m.innerText),
                unrendered: document.querySelectorAll('.jp-MarkdownCell:not(.jp-mod-rendered)').length,
                images: [...document.querySelectorAll('.jp-MarkdownCell img')]
                        .map(i => ({alt: i.alt, width: i.naturalWidth})),
                errors: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]')]
                        .map(e => e.innerText).filter(t => /Error|Traceback/.test(t)),
            })""")
    finally:
        page.close()
    return result


def test_the_first_computed_number_shows_in_the_rendered_text(ran_chapter, built_book):
    number = first_number_of(ROOT / CHAPTER, cache=built_book.parent / ".jupyter_cache")
    text = "\n".join(ran_chapter["markdown"])
    assert re.search(r"\d", number), number
    assert number in text, f"the chapter's first computed number, {number}, is not in the rendered prose"


def test_no_raw_myst_roles_or_directive_options_show(ran_chapter):
    assert ran_chapter["markdown"], "no rendered Markdown cell was found"
    assert ran_chapter["unrendered"] == 0, "some Markdown cells were left unrendered"
    raw = [m.group(0) for text in ran_chapter["markdown"] for m in RAW_MYST.finditer(text)]
    assert not raw, f"raw MyST in the rendered chapter: {raw[:5]}"


def test_citations_terms_and_figures_are_readable(ran_chapter):
    text = "\n".join(ran_chapter["markdown"])
    assert "(Chishti and Putzel-Kavanaugh, 2024)" in text
    assert "Chishti and Putzel-Kavanaugh (2024)" in text
    assert "References" in text and "Glossary" in text
    figures = [image for image in ran_chapter["images"] if image["alt"]]
    assert len(figures) == 2 and all(image["width"] > 300 for image in figures), ran_chapter["images"]
    assert "Fig. 1" in text and "Fig. 2" in text


def test_every_cell_ran_without_an_error(ran_chapter):
    assert not ran_chapter["errors"], ran_chapter["errors"][:2]

