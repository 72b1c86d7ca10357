"""Every page of the built book is valid HTML by the W3C Nu HTML Checker (vnu.jar).

The checker is the npm package vnu-jar (pinned in tests/a11y/package.json), run on the system's
Java: one JVM for all the pages, since it is slow to start. The same run checks a page with the
two faults the book used to have, which proves that the checker finds them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT
from htmlscan import pages

pytestmark = pytest.mark.book

VNU = ROOT / "tests" / "a11y" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A page with the two errors the Nu checker found in the book before they were repaired:
# pandas's <style scoped> inside the body, and <p>s inside a <summary> (myst-nb's cell toggles).
BROKEN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Known faults</title></head>
<body><main>
<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style><table class="dataframe"><tr><td>1</td></tr></table></div>
<details><summary><p class="collapsed admonition-title">Show code cell source</p></summary><pre>x = 1</pre></details>
</main></body></html>
"""


def require_checker() -> str:
    """The path of ``java``; skip (or fail, with COURSE_REQUIRE_BROWSER=1) without it or vnu.jar."""
    java = shutil.which("java")
    problem = None
    if java is None:
        problem = "no java on PATH (apt-get install default-jre-headless)"
    elif not VNU.is_file():
        problem = "vnu.jar is not installed (run: cd tests/a11y && npm ci)"
    if problem:
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the HTML validity test is required here but {problem}")
        pytest.skip(f"HTML validity test skipped: {problem}")
    return java


@pytest.fixture(scope="module")
def nu_errors(built_book, tmp_path_factory) -> dict[str, list[str]]:
    """The Nu checker's errors, by file, for every built page and for the known-broken page."""
    java = require_checker()
    broken = tmp_path_factory.mktemp("nu") / "known-faults.html"
    broken.write_text(BROKEN, encoding="utf-8")
    files = [*pages(built_book), broken]
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True)
    try:
        report = json.loads(proc.stderr)  # vnu writes its report to standard error
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar did not report in JSON (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    found: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            path = Path(unquote(urlsplit(message["url"]).path))
            name = "known-faults" if path.name == broken.name else path.relative_to(built_book).as_posix()
            found.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found


def test_the_checker_finds_the_faults_the_book_used_to_have(nu_errors):
    errors = "\n".join(nu_errors.get("known-faults", []))
    assert "“scoped” not allowed on element “style”" in errors, errors
    assert "“p” not allowed as child of element “summary”" in errors, errors


def test_every_built_page_is_valid_html(nu_errors, built_book):
    assert len(pages(built_book)) >= 10, "the build has fewer pages than the book"
    invalid = {name: errors for name, errors in nu_errors.items() if name != "known-faults"}
    report = "\n".join(f"{name}: {len(errors)} errors, first: {errors[0]}" for name, errors in sorted(invalid.items()))
    assert not invalid, f"the Nu HTML Checker finds errors on {len(invalid)} pages:\n{report}"
