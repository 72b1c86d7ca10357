"""Open chapter 1 in a real JupyterLab, as a student does, run every cell, and read the page.

The student copy (``chapters/student/``) must show the computed numbers, readable citations and
terms and the figures, and none of the MyST roles that only the web book renders. The server
serves a temporary folder holding a copy of the notebook, so the run never writes to the
repository; Debian's Chromium drives it through Playwright. A second notebook there shows every
chapter's quiz widget, whose answer options must show in full, beside their controls, at a phone's
and a desktop's width.
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
        # done when every code cell has an execution count, read from the notebook's model: a
        # cell whose input is collapsed (the pasting cells) draws no prompt to read
        page.wait_for_function(
            """() => {
                const cells = (window.jupyterapp.shell.currentWidget?.content?.widgets || [])
                    .filter(w => w.model.type === 'code');
                return cells.length > 0 && cells.every(w => Number.isInteger(w.model.executionCount));
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
    source = "\n".join(c.source for c in nbformat.read(ROOT / CHAPTER, as_version=4).cells
                       if c.cell_type == "markdown")
    assert "(Chishti and Putzel-Kavanaugh, 2024)" in text
    assert "References" in text and "Glossary" in text
    drawn = source.count("```{glue:figure}")
    figures = [image for image in ran_chapter["images"] if image["alt"]]
    assert drawn >= 1 and len(figures) == drawn, ran_chapter["images"]
    assert all(image["width"] > 300 for image in figures), ran_chapter["images"]
    assert len(re.findall(r"Fig\. \d+", text)) >= source.count("{numref}"), "a figure reference is not numbered"


def test_every_cell_ran_without_an_error(ran_chapter):
    assert not ran_chapter["errors"], ran_chapter["errors"][:2]


# --- the live quiz widget: every answer option shows in full, beside its control ----------------

QUIZ_NOTEBOOK = "quiz_options.ipynb"
QUIZ_WIDTHS = (390, 1280)

# For every option of every checkbox and radio question, in page order: the label's text, the
# boxes of its text (the first line and the whole), of its control and of the widget around it,
# and the styles that would cut it short. A Range over the text gives where the browser drew it.
MEASURE_OPTIONS = """() => {
    const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
    const sizes = el => { const s = getComputedStyle(el);
        return {cls: el.className, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, overflowX: s.overflowX,
                overflowY: s.overflowY, textOverflow: s.textOverflow, whiteSpace: s.whiteSpace}; };
    // the quiz notebook only: the workspace may hold other notebooks opened by earlier tests
    const notebook = window.jupyterapp.shell.currentWidget.node;
    return [...notebook.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell => {
        const output = cell.querySelector('.jp-OutputArea-output');
        if (!output) return [];
        const area = output.getBoundingClientRect();
        const labels = [...output.querySelectorAll('.widget-checkbox label, .widget-radio-box label')]
            .filter(l => l.querySelector('input[type=checkbox], input[type=radio]'));
        return labels.map(label => {
            const input = label.querySelector('input');
            const textNodes = [];
            const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) if (walker.currentNode.textContent.trim()) textNodes.push(walker.currentNode);
            const textRange = document.createRange();
            if (textNodes.length) {
                textRange.setStart(textNodes[0], 0);
                const last = textNodes[textNodes.length - 1];
                textRange.setEnd(last, last.textContent.length);
            }
            const textLines = [...textRange.getClientRects()].filter(r => r.width > 0 && r.height > 0);
            const widget = label.closest('.widget-checkbox, .widget-radio');
            const elements = [label, ...label.querySelectorAll('span'), widget,
                              ...(label.parentElement !== widget ? [label.parentElement] : [])];
            return {
                kind: input.type,
                text: label.textContent,
                lines: textLines.length ? new Set(textLines.map(r => Math.round(r.top))).size : 0,
                first: textLines.length ? box(textLines[0]) : null,
                whole: textLines.length ? box(textRange.getBoundingClientRect()) : null,
                label: box(label.getBoundingClientRect()),
                control: box(input.getBoundingClientRect()),
                area: box(area),
                elements: elements.map(sizes),
            };
        });
    });
}"""


def _choice_options() -> list[list[tuple[str, str]]]:
    """(kind, text) of every checkbox and radio option of each chapter's quiz, as they are shown."""
    from coursekit.quiz import QUIZ_DIR, load_bank

    kinds = {"multiple_choice": "radio", "many_choice": "checkbox"}
    return [[(kinds[q["type"]], str(a["answer"])) for q in load_bank(path)["questions"] if q["type"] in kinds
             for a in q["answers"]] for path in sorted(QUIZ_DIR.glob("*.yml"))]


@pytest.fixture(scope="module")
def quiz_page(lab, browser):
    """A notebook showing every chapter's quiz, run in JupyterLab; the page stays open."""
    from coursekit.quiz import QUIZ_DIR

    base, home = lab
    names = sorted(p.stem for p in QUIZ_DIR.glob("*.yml"))
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"from coursekit.quiz import show_quiz\n\nshow_quiz({name!r})") for name in names])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, home / QUIZ_NOTEBOOK)
    expected = _choice_options()
    page = browser.new_page(viewport={"width": QUIZ_WIDTHS[-1], "height": 900})
    try:
        # ?reset: a fresh workspace, without the notebooks that earlier tests opened
        page.goto(f"{base}/lab/tree/{QUIZ_NOTEBOOK}?reset", timeout=120_000)
        page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext"
                               "?.session?.kernel?.status === 'idle'", timeout=120_000)
        # the notebook alone, as on a phone: no file browser or property inspector beside it
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        # done when every option of every quiz has been drawn by the widget manager
        total = sum(len(options) for options in expected)
        page.wait_for_function(
            """total => window.jupyterapp.shell.currentWidget.node.querySelectorAll(
                '.jp-Notebook .widget-checkbox input, .jp-Notebook .widget-radio-box input').length >= total""",
            arg=total, timeout=200_000)
        yield page, expected
    finally:
        page.close()


def _resize(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    # JupyterLab lays its panels out again on the resize event; wait until the notebook fits
    page.wait_for_function(
        """width => { const nb = document.querySelector('.jp-NotebookPanel');
                      return nb && nb.getBoundingClientRect().right <= width + 1; }""", arg=width)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("width", QUIZ_WIDTHS)
def test_every_quiz_option_shows_in_full_beside_its_control(quiz_page, width):
    page, expected = quiz_page
    _resize(page, width)
    shown = page.evaluate(MEASURE_OPTIONS)
    assert [len(o) for o in shown] == [len(o) for o in expected], "not every quiz option was drawn"
    problems = []
    for quiz, (options, wanted) in enumerate(zip(shown, expected), start=1):
        for o, (kind, text) in zip(options, wanted):
            name = f"quiz {quiz}, {kind} option {text[:70]!r}{'...' if len(text) > 70 else ''}"
            if " ".join(o["text"].split()) != " ".join(text.split()) or o["kind"] != kind:
                problems.append(f"{name}: the page shows {o['kind']} {o['text']!r}")
                continue
            for el in o["elements"]:
                if el["scrollWidth"] > el["clientWidth"] + 1:
                    problems.append(f"{name}: <{el['cls']}> is wider than its box "
                                    f"(scrollWidth {el['scrollWidth']} > clientWidth {el['clientWidth']})")
                if el["overflowY"] != "visible" and el["scrollHeight"] > el["clientHeight"] + 1:
                    problems.append(f"{name}: <{el['cls']}> is taller than its box "
                                    f"(scrollHeight {el['scrollHeight']} > clientHeight {el['clientHeight']})")
                if el["textOverflow"] != "clip" or el["whiteSpace"] in {"nowrap", "pre"}:
                    problems.append(f"{name}: <{el['cls']}> cuts text short "
                                    f"(text-overflow {el['textOverflow']}, white-space {el['whiteSpace']})")
            first, whole, label, control, area = o["first"], o["whole"], o["label"], o["control"], o["area"]
            if first is None:
                problems.append(f"{name}: no text is drawn")
                continue
            if whole["left"] < control["right"] - 1:
                problems.append(f"{name}: text starts at x={whole['left']:.0f}, not right of its control "
                                f"(which ends at x={control['right']:.0f})")
            # on one line: the first line of text starts no lower than the control's bottom and
            # reaches across the control's middle
            middle = (control["top"] + control["bottom"]) / 2
            if not first["top"] <= min(middle, control["bottom"]) <= first["bottom"]:
                problems.append(f"{name}: the first line (y {first['top']:.0f}-{first['bottom']:.0f}) is not "
                                f"on the line of its control (y {control['top']:.0f}-{control['bottom']:.0f})")
            if whole["top"] < label["top"] - 1 or whole["bottom"] > label["bottom"] + 1 \
                    or whole["right"] > label["right"] + 1:
                problems.append(f"{name}: the text (y {whole['top']:.0f}-{whole['bottom']:.0f}, right "
                                f"{whole['right']:.0f}) spills out of its label (y {label['top']:.0f}-"
                                f"{label['bottom']:.0f}, right {label['right']:.0f})")
            if whole["right"] > area["right"] + 1:
                problems.append(f"{name}: the text ends at x={whole['right']:.0f}, past the output area "
                                f"(x={area['right']:.0f})")
        for o, after in zip(options, options[1:]):
            if after["label"]["top"] < o["label"]["bottom"] - 1 and after["label"]["left"] < o["label"]["right"]:
                problems.append(f"quiz {quiz}: option {after['text'][:70]!r} overlaps the one above it")
    assert not problems, f"at {width} px, {len(problems)} problems:\n" + "\n".join(problems[:40])
    # and the long options did wrap, rather than being drawn on one line wider than the page
    if width == QUIZ_WIDTHS[0]:
        assert max(o["lines"] for options in shown for o in options) > 1


def test_quiz_options_are_labelled_controls(quiz_page):
    """A screen reader names each checkbox and radio button by its full answer; clicking the
    text ticks the box."""
    page, expected = quiz_page
    _resize(page, QUIZ_WIDTHS[-1])
    missing = [f"{kind} {text!r}" for options in expected for kind, text in options
               if page.get_by_role(kind, name=text, exact=True).count() == 0]
    assert not missing, f"{len(missing)} options without their text as accessible name: {missing[:5]}"
    kind, text = next(option for options in expected for option in options if option[0] == "checkbox")
    box = page.get_by_role(kind, name=text, exact=True).first
    page.locator("label", has=box).first.click(position={"x": 60, "y": 5})
    assert box.is_checked(), f"clicking the text of {text!r} does not tick its box"
    page.locator("label", has=box).first.click(position={"x": 60, "y": 5})
    assert not box.is_checked()


