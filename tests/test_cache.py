"""The execution cache is reused only while nothing the notebooks read has changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from coursekit.sphinxext import STAMP_NAME, inputs_digest, refresh_cache


def copy_inputs(tmp_path):
    for folder in ("data", "coursekit", "chapters/quizzes"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def test_digest_changes_with_data_helpers_and_quiz_banks(tmp_path):
    root = copy_inputs(tmp_path)
    before = inputs_digest(root)
    assert before == inputs_digest(root), "the digest must be stable"
    for relative in ("data/timeline.csv", "coursekit/data.py", "chapters/quizzes/01_border_enforcement.yml"):
        path = root / relative
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert inputs_digest(root) != before, f"a change to {relative} went unnoticed"
        path.write_bytes(original)
    assert inputs_digest(root) == before


def test_changed_inputs_empty_the_cache_and_unchanged_inputs_keep_it(tmp_path):
    root = copy_inputs(tmp_path / "src")
    cache = tmp_path / ".jupyter_cache"
    assert refresh_cache(cache, inputs_digest(root)) is False  # first build: nothing to empty
    (cache / "executed.db").write_text("cached outputs")
    assert refresh_cache(cache, inputs_digest(root)) is False
    assert (cache / "executed.db").exists(), "an unchanged build must reuse the cache"
    data_file = root / "data" / "us_southwest_border.csv"
    data_file.write_text(data_file.read_text().replace("2135005", "2135006"))
    assert refresh_cache(cache, inputs_digest(root)) is True
    assert not (cache / "executed.db").exists(), "a changed data file must force re-execution"
    assert (cache / STAMP_NAME).read_text().strip() == inputs_digest(root)


def test_every_page_is_redone_until_a_build_with_the_current_inputs_has_finished(tmp_path):
    """`make book` is incremental: unchanged notebooks must still be re-read (and so re-executed
    and written) when the data they read changed, and only then; a build that does not finish
    leaves them to be redone by the next one."""
    from types import SimpleNamespace

    from coursekit.sphinxext import guard_execution_cache, record_finished_build, reread_when_inputs_changed

    root = copy_inputs(tmp_path / "src")
    cache = tmp_path / ".jupyter_cache"
    config = SimpleNamespace(nb_execution_mode="cache", nb_execution_cache_path=str(cache))
    app = SimpleNamespace(srcdir=str(root), outdir=str(tmp_path / "html"), doctreedir=str(tmp_path / "doctrees"),
                          builder=SimpleNamespace(name="html"))
    env = SimpleNamespace(found_docs={"intro", "chapters/01_border_enforcement", "chapters/02_mpp"})
    everything = ["chapters/01_border_enforcement", "chapters/02_mpp"]

    def build(finished: bool = True) -> list[str]:
        guard_execution_cache(app, config)
        redo = reread_when_inputs_changed(app, env, set(), {"intro"}, set())
        record_finished_build(app, None if finished else KeyboardInterrupt())
        return redo

    assert build() == everything          # first build into this output
    assert build() == []                  # nothing changed since a finished build
    data_file = root / "data" / "mpp.csv"
    data_file.write_text(data_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(finished=False) == everything   # the data changed; this build is killed
    assert build() == everything, "after a killed build the next one must redo every page"
    assert build() == []


PROBE_CODE = """from coursekit import glue
from coursekit.data import value

glue("fy2000_total", value("us_border_by_citizenship", fiscal_year=2000, citizenship="Total",
                           measure="usbp_apprehensions"))"""
# The test kills the build while this cell runs: it waits only while the marker file exists.
PROBE_WAIT = """import os, time

while os.path.exists("KILL-ME-HERE"):
    time.sleep(0.2)"""


@pytest.mark.book
def test_a_build_killed_part_way_never_leaves_a_stale_number(tmp_path):
    """The real thing: build, change a data value, kill the next build while it runs a notebook
    that reads that value, build again, and find the new value on the page. (A one-cell probe
    page stands in for a chapter, so no chapter runs here a third time.)"""
    import os
    import signal
    import subprocess
    import sys
    import time

    import nbformat

    from coursekit.student_book import BOOK_SKIP

    src, out = tmp_path / "book", tmp_path / "out"
    shutil.copytree(ROOT, src, ignore=lambda _d, names: [n for n in names if n in BOOK_SKIP])
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Probe\n\nFY2000: {glue:text}`fy2000_total:,.0f` apprehensions."),
        nbformat.v4.new_code_cell(PROBE_CODE), nbformat.v4.new_code_cell(PROBE_WAIT)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, src / "probe.ipynb")
    (src / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: probe\n"
                                  "  - file: glossary\n  - file: references\n", encoding="utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(src), "--path-output", str(out)]
    env = {**os.environ, "PYTHONPATH": str(src)}  # the copy's coursekit, so the probe reads the copy's data
    page = out / "_build" / "html" / "probe.html"
    data = src / "data" / "us_border_by_citizenship.csv"
    old_row = "2000,Total,usbp_apprehensions,1643679,"
    assert old_row in data.read_text(encoding="utf-8")
    marker = src / "KILL-ME-HERE"

    def build():
        done = subprocess.run(command, capture_output=True, text=True, cwd=src, env=env)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    build()
    assert '<span class="pasted-text">1,643,679</span>' in page.read_text(encoding="utf-8")

    data.write_text(data.read_text(encoding="utf-8").replace(old_row, "2000,Total,usbp_apprehensions,1643680,"),
                    encoding="utf-8")
    marker.write_text("the probe waits while this file exists\n", encoding="utf-8")
    killed = subprocess.Popen(command, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    seen, deadline = [], time.monotonic() + 300
    for line in killed.stdout:  # kill it once it has started on the probe
        seen.append(line)
        if "probe" in line or time.monotonic() > deadline:
            break
    time.sleep(2)  # the kernel is now waiting in the probe's second cell
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=60)
    marker.unlink()
    reached = any("probe" in line for line in seen)

    build()
    text = page.read_text(encoding="utf-8")
    assert '<span class="pasted-text">1,643,680</span>' in text, "the rebuilt page still shows the old number"
    assert '<span class="pasted-text">1,643,679</span>' not in text
    assert reached, "the killed build never started on the probe:\n" + "".join(seen[-30:])
