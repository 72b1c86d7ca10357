"""Benchmark what students, instructors and CI wait for; check the budgets.

    make bench          # or: .venv/bin/python benchmarks/bench.py [--runs 3] [--notebooks | --pages]
    .venv/bin/python benchmarks/bench.py --only lighthouse [--html _build/html]

Writes benchmarks/results.md. Every figure is the median of ``--runs`` runs (at least 3).
Budgets (also in the README):

* each notebook executes within 3 s above the floor (as many empty cells, on the same kernel);
* ``import coursekit`` under 1.5 s;
* a no-change rebuild of the book under 25% of a cold build;
* each notebook runs at most twice in one ``make test`` (``benchmarks/notebook_runs.py``);
* no built page over 1.5 MB (1,500,000 bytes) in total: HTML and every image, script, style sheet
  and web font it loads;
* Lighthouse (mobile preset) scores the front page, a chapter and an exercise page at least 80 for
  performance and 100 for accessibility, with the book served as its host serves it
  (``coursekit.serve``: gzip, ``Cache-Control: max-age=600``).

Public tools only: nbclient, time.perf_counter, /usr/bin/time -v (and, to see which web fonts a
page really fetches, Playwright driving Debian's Chromium when it is installed), and Lighthouse
from npm (pinned in benchmarks/lighthouse/) driving the same Chromium.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results.md"
MUTATION_HEADING = "## Mutation testing"

BUDGET_NOTEBOOK_S = 3.0
BUDGET_IMPORT_S = 1.5
BUDGET_REBUILD_RATIO = 0.25
BUDGET_PAGE_BYTES = 1_500_000
BUDGET_LIGHTHOUSE = {"performance": 80, "accessibility": 100}

LIGHTHOUSE_HEADING = "## Lighthouse"
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
# the front page, a chapter and an exercise page
LIGHTHOUSE_PAGES = ("intro.html", "chapters/01_border_enforcement.html", "exercises/01_border_enforcement.html")


def median(values):
    return statistics.median(values)


def execute_seconds(nb, cwd: Path) -> float:
    """Seconds from starting a kernel to the end of the last cell.

    The kernel's shutdown afterwards is not counted: nobody waits for it, and it varies by
    seconds with how much memory the interpreter has to free."""
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
    return seconds


def notebooks() -> list[Path]:
    return sorted(p for d in ("chapters", "exercises") for p in (ROOT / d).glob("*.ipynb"))


def empty_like(nb):
    """The floor: as many code cells as ``nb`` has, each doing nothing.

    Its time is what the kernel and the client cost whatever the notebook does: starting the
    kernel and one round of messages per cell (about 20-30 ms each with nbclient)."""
    n = sum(cell.cell_type == "code" for cell in nb.cells)
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass") for _ in range(max(1, n))])
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return empty


def bench_notebooks(runs: int) -> list[dict]:
    rows = []
    for path in notebooks():
        floors, times = [], []
        nb = nbformat.read(path, as_version=4)
        # one untimed run first: the first kernel to import pandas and matplotlib after a while
        # reads them from disk, every later one from the page cache
        execute_seconds(empty_like(nb), path.parent)
        execute_seconds(nbformat.from_dict(nb), path.parent)
        for _ in range(runs):
            floors.append(execute_seconds(empty_like(nb), path.parent))
            times.append(execute_seconds(nbformat.from_dict(nb), path.parent))
        floor, total = median(floors), median(times)
        # each run times the floor right before the notebook: the median of the paired
        # differences is steadier than the difference of the medians on a shared machine
        above = median([t - f for t, f in zip(times, floors)])
        rows.append({"notebook": path.relative_to(ROOT).as_posix(), "cells": len(empty_like(nb).cells),
                     "seconds": total, "floor": floor, "above": above, "ratio": total / floor})
    return rows


def python_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return median(times)


def bench_imports(runs: int) -> dict:
    result = {"import coursekit": python_seconds(
        "import time; t = time.perf_counter(); import coursekit; print(time.perf_counter() - t)", runs)}
    names = subprocess.run([sys.executable, "-c", "from coursekit.data import names; print(' '.join(names()))"],
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        result[f"first load('{name}')"] = python_seconds(
            "import time; from coursekit.data import load; t = time.perf_counter(); "
            f"load({name!r}); print(time.perf_counter() - t)", runs)
    return result


def timed(cmd: list[str], cwd: Path, env=None) -> tuple[float, int, str]:
    """Wall time, peak memory in kB (from /usr/bin/time -v when present) and output."""
    gnu_time = Path("/usr/bin/time")
    full = ([str(gnu_time), "-v"] if gnu_time.exists() else []) + cmd
    start = time.perf_counter()
    proc = subprocess.run(full, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return seconds, int(peak.group(1)) if peak else 0, proc.stdout + proc.stderr


def bench_book(runs: int) -> dict:
    out = Path(tempfile.mkdtemp(prefix="bench-book-"))
    # the command `make book` runs: incremental, so a rebuild reads only what changed (and,
    # through coursekit.sphinxext, everything when data, coursekit or quiz banks changed)
    build = [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going"]
    cold, warm, peaks = [], [], []
    try:
        for _ in range(runs):
            shutil.rmtree(out / "_build", ignore_errors=True)
            seconds, peak, _log = timed(build, ROOT)
            cold.append(seconds)
            peaks.append(peak)
            seconds, _peak, log = timed(build, ROOT)
            warm.append(seconds)
            if "Executing notebook" in log:
                raise SystemExit("a rebuild with no change executed a notebook: the cache is not reused")
        html = out / "_build" / "html"
        pages, how = page_weights(html)
        try:
            lighthouse = bench_lighthouse(html, runs)
        except (LighthouseUnavailable, SystemExit) as error:  # reported as a missed budget, after the rest
            lighthouse = str(error)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"cold": median(cold), "warm": median(warm), "peak_kb": max(peaks), "pages": pages, "how": how,
            "lighthouse": lighthouse}


KINDS = {"img": "images", "image": "images", "script": "scripts", "link": "styles", "stylesheet": "styles",
         "font": "fonts", "document": "html"}


def _browser_requests(html: Path, rels: list[str]) -> dict[str, list[tuple[str, str]]] | None:
    """For each page, the (kind, URL path) of every request Chromium makes until the network is
    idle, or None when Chromium or Playwright is missing."""
    from browser import ARGS, CHROMIUM, serve, visit  # the helpers the browser tests use

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    seen = {}
    with serve(html) as base, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for rel in rels:
                with visit(chromium, base, rel) as v:
                    v.page.wait_for_load_state("networkidle")
                    seen[rel] = [(kind, url[len(base):]) for kind, url in v.requests if url.startswith(base)]
        finally:
            chromium.close()
    return seen


def page_weights(html: Path) -> tuple[list[dict], str]:
    """Bytes each built page makes a reader download from the book's own files.

    Counts every file the page names (scripts, stylesheets, images) and, when Chromium is
    available, everything the browser actually fetches as well (web fonts named in stylesheets,
    files loaded by scripts). Each file is counted once per page."""
    sys.path.insert(0, str(ROOT / "tests"))
    from htmlscan import pages, scan  # the same parser the tests use

    rels = [page.relative_to(html).as_posix() for page in pages(html)]
    fetched = _browser_requests(html, rels)
    rows = []
    for rel in rels:
        page = html / rel
        sizes = {"html": page.stat().st_size, "images": 0, "scripts": 0, "styles": 0, "fonts": 0, "other": 0}
        seen = {page.resolve()}
        wanted = [(tag, (page.parent / url.split("#")[0].split("?")[0]).resolve())
                  for tag, url in scan(page).loads if "://" not in url and not url.startswith("data:")]
        for kind, path in (fetched or {}).get(rel, []):
            wanted.append((kind, (html / path.lstrip("/").split("#")[0].split("?")[0]).resolve()))
        for kind, target in wanted:
            if target in seen or not target.is_file():
                continue
            seen.add(target)
            sizes[KINDS.get(kind, "other")] += target.stat().st_size
        sizes["total"] = sum(sizes.values())
        rows.append({"page": rel, **sizes})
    how = ("files each page names, plus everything Chromium fetched until the network was idle"
           if fetched is not None else "files each page names (no Chromium here: web fonts not counted)")
    return rows, how


class LighthouseUnavailable(Exception):
    """Lighthouse cannot run here (no Chromium, no npm, or a failed install)."""


def _lighthouse() -> Path:
    """The pinned Lighthouse of benchmarks/lighthouse/, installed with ``npm ci`` on first use.

    ``--ignore-scripts``: nothing in the tree may run an install step (none needs one, and none
    may fetch a browser); Lighthouse drives Debian's Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        raise LighthouseUnavailable(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    if not LIGHTHOUSE_BIN.exists():
        if not shutil.which("npm"):
            raise LighthouseUnavailable("npm is not installed (apt-get install npm)")
        proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=LIGHTHOUSE_DIR,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not LIGHTHOUSE_BIN.exists():
            raise LighthouseUnavailable(f"npm ci in benchmarks/lighthouse failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return LIGHTHOUSE_BIN


def lighthouse_report(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile preset, simulated throttling) of ``url``: its JSON report."""
    program = _lighthouse()
    from browser import ARGS, CHROMIUM

    cmd = [str(program), url, "--output=json", f"--output-path={out}",
           "--only-categories=performance,accessibility", f"--chrome-flags={' '.join(ARGS)}",
           "--quiet", "--no-enable-error-reporting"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"Lighthouse failed on {url} ({proc.returncode}):\n{proc.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not measure {url}: {report['runtimeError']}")
    return report


def chromium_version() -> str:
    """"Chromium 156.0.8078.114" (the headless browser's user agent gives only "156.0.0.0")."""
    from browser import CHROMIUM

    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"Chromium [\d.]+", out)
    return found.group(0) if found else "Chromium"


def lighthouse_figures(report: dict) -> dict:
    """The figures the bench records from one report: the two scores (0-100) and the metrics."""
    scores = {name: report["categories"][name]["score"] for name in BUDGET_LIGHTHOUSE}
    if None in scores.values():
        raise SystemExit(f"Lighthouse gave no score for {report['requestedUrl']}: {scores}")
    audits = report["audits"]
    return {**{name: round(score * 100) for name, score in scores.items()},
            "fcp_ms": audits["first-contentful-paint"]["numericValue"],
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "bytes": audits["total-byte-weight"]["numericValue"]}


def bench_lighthouse(html: Path, runs: int) -> dict:
    """Lighthouse on each of LIGHTHOUSE_PAGES, ``runs`` times; each figure is the median of its runs."""
    from coursekit.serve import serve

    missing = [rel for rel in LIGHTHOUSE_PAGES if not (html / rel).is_file()]
    if missing:
        raise SystemExit(f"pages to measure with Lighthouse are not in {html}: {', '.join(missing)}")
    _lighthouse()
    rows, about = [], {}
    work = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    try:
        with serve(html) as base:
            for rel in LIGHTHOUSE_PAGES:
                figures = []
                for run in range(runs):
                    report = lighthouse_report(f"{base}/{rel}", work / f"{len(rows)}-{run}.json")
                    figures.append(lighthouse_figures(report))
                    settings = report["configSettings"]
                    about = {"version": report["lighthouseVersion"], "browser": chromium_version(),
                             "form": settings["formFactor"], "screen": settings["screenEmulation"],
                             "method": settings["throttlingMethod"], "throttling": settings["throttling"]}
                rows.append({"page": rel, **{key: median([f[key] for f in figures]) for key in figures[0]}})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"rows": rows, "runs": runs, **about}


def lighthouse_section(result: dict) -> tuple[list[str], list[str]]:
    """The Markdown lines of the Lighthouse section of results.md, and the budgets it misses."""
    failures = []
    lines = [f"{LIGHTHOUSE_HEADING} (mobile; budget: performance ≥ {BUDGET_LIGHTHOUSE['performance']}, "
             f"accessibility {BUDGET_LIGHTHOUSE['accessibility']})", "",
             f"Lighthouse {result['version']} (`benchmarks/lighthouse/`) with its default preset "
             f"({result['form']}: a {result['screen']['width']}×{result['screen']['height']} screen at "
             f"{result['screen']['deviceScaleFactor']:g}×; {result['method']}d throttling: a "
             f"{result['throttling']['rttMs']:g} ms round trip, {result['throttling']['throughputKbps'] / 1024:.1f} Mbit/s "
             f"down and a {result['throttling']['cpuSlowdownMultiplier']:g}× slower CPU). It drives "
             f"{result['browser']}, headless and offline; the book is served by "
             "`coursekit.serve` as GitHub Pages serves it (gzip, `Cache-Control: max-age=600`). "
             f"Each figure is the median of its {result['runs']} runs. Transferred: the bytes over the "
             "wire, compressed, for the page and everything it loads.", "",
             "| page | performance | accessibility | first contentful paint (s) | largest contentful paint (s) "
             "| total blocking time (ms) | transferred (KiB) | budget |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for row in result["rows"]:
        missed = [f"{row['page']}: Lighthouse {name} {row[name]:g} (budget {'≥ ' if name == 'performance' else ''}{floor})"
                  for name, floor in BUDGET_LIGHTHOUSE.items() if row[name] < floor]
        failures += missed
        lines.append(f"| `{row['page']}` | {row['performance']:g} | {row['accessibility']:g} | {row['fcp_ms'] / 1000:.1f} | "
                     f"{row['lcp_ms'] / 1000:.1f} | {row['tbt_ms']:.0f} | {row['bytes'] / 1024:,.0f} | "
                     f"{'OVER' if missed else 'ok'} |")
    return lines, failures


def replace_section(text: str, heading: str, lines: list[str], before: str) -> str:
    """``text`` (results.md) with its section under ``heading`` replaced by ``lines``; a missing
    section goes in front of the one headed ``before``, or at the end."""
    block = "\n".join(lines).rstrip("\n") + "\n\n"
    start = text.find("\n" + heading)
    if start >= 0:
        end = text.find("\n## ", start + 1)
        return text[:start + 1] + block + (text[end + 1:] if end >= 0 else "")
    at = text.find("\n" + before)
    if at >= 0:
        return text[:at + 1] + block + text[at + 1:]
    return text.rstrip("\n") + "\n\n" + block


LIGHTHOUSE_FAILURE = re.compile(r"^- OVER: (?:\S+: Lighthouse |Lighthouse could not run)")


def with_lighthouse_budgets(text: str, failures: list[str]) -> str:
    """``text`` (results.md) with the Lighthouse lines of its Budgets section replaced by
    ``failures``, the other budgets' lines kept as the last full run wrote them."""
    head, found, rest = text.partition("\n## Budgets\n")
    if not found:
        return text
    body, sep, tail = rest.partition("\n## ")
    kept = [line for line in body.splitlines() if line.startswith("- OVER: ") and not LIGHTHOUSE_FAILURE.match(line)]
    over = kept + [f"- OVER: {f}" for f in failures]
    return head + found + "\n" + ("\n".join(over) if over else "Every budget holds.") + "\n" + (sep + tail if sep else "")


def bench_tests(runs: int) -> dict:
    """Time the suite ``runs`` times; on an extra, untimed run, count how often each notebook runs."""
    from notebook_runs import run_counted

    _code, runs_per_notebook, _log = run_counted([sys.executable, "-m", "pytest", "-q"])
    totals, parts = [], {}
    env = dict(os.environ)
    for _ in range(runs):
        seconds, _peak, log = timed([sys.executable, "-m", "pytest", "-q", "--durations=0"], ROOT, env)
        totals.append(seconds)
        for match in re.finditer(r"^\s*([\d.]+)s (call|setup|teardown)\s+(\S+)", log, re.M):
            parts.setdefault(f"{match.group(3)} ({match.group(2)})", []).append(float(match.group(1)))
    slowest = sorted(((median(v), k) for k, v in parts.items()), reverse=True)[:3]
    return {"total": median(totals), "slowest": slowest, "runs": runs_per_notebook}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}, "
            f"Python {platform.python_version()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median; at least 3)")
    parser.add_argument("--notebook-runs", type=int, default=5,
                        help="runs per notebook (median of paired differences; at least --runs)")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the whole test suite")
    parser.add_argument("--notebooks", action="store_true",
                        help="only time the notebooks against their floors; print, do not write")
    parser.add_argument("--pages", action="store_true",
                        help="only weigh the pages of an existing build (default _build/html); print, do not write")
    parser.add_argument("--only", choices=["lighthouse"],
                        help="only run Lighthouse on an existing build (--html) and rewrite its section of results.md")
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html",
                        help="the built site that --only lighthouse measures (default: _build/html)")
    args = parser.parse_args(argv)
    runs = max(3, args.runs)
    if args.only == "lighthouse":
        try:
            result = bench_lighthouse(args.html.resolve(), runs)
        except LighthouseUnavailable as error:
            raise SystemExit(f"Lighthouse cannot run: {error}")
        section, failures = lighthouse_section(result)
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        text = with_lighthouse_budgets(replace_section(text, LIGHTHOUSE_HEADING, section, "## Budgets"), failures)
        RESULTS.write_text(text, encoding="utf-8")
        print("\n".join(section[4:]))
        print(f"wrote the Lighthouse section of {RESULTS.relative_to(ROOT)}")
        for f in failures:
            print(f"budget missed: {f}", file=sys.stderr)
        return 1 if failures else 0
    if args.pages:
        rows, how = page_weights(ROOT / "_build" / "html")
        print(f"Counted: {how}")
        for p in rows:
            flag = "OVER" if p["total"] > BUDGET_PAGE_BYTES else "ok"
            print(f"{p['page']:45s} {p['total']:>10,} {flag}  " +
                  " ".join(f"{k}={p[k]:,}" for k in ("html", "images", "scripts", "styles", "fonts", "other")))
        return 0

    nb_runs = max(runs, args.notebook_runs)
    if args.notebooks:
        for r in bench_notebooks(nb_runs):
            flag = "ok" if r["above"] <= BUDGET_NOTEBOOK_S else "OVER"
            print(f"{r['notebook']:45s} {r['seconds']:5.2f} s, floor {r['floor']:4.2f} s, "
                  f"above {r['above']:4.2f} s  {flag}")
        return 0

    print("notebooks ...", flush=True)
    nb_rows = bench_notebooks(nb_runs)
    print("imports and loads ...", flush=True)
    imports = bench_imports(runs)
    print("book builds ...", flush=True)
    book = bench_book(runs)
    tests = None if args.skip_tests else (print("test suite ...", flush=True) or bench_tests(runs))

    failures = []
    lines = ["# Benchmark results", "",
             f"Machine: {machine()}. Each figure is the median of {runs} runs ({nb_runs} for notebooks, "
             "after one untimed run of each). "
             f"Written by `make bench` (`benchmarks/bench.py`).", "",
             "## Notebooks (nbclient, kernel start to last cell)", "",
             "The floor is a notebook with as many code cells, each empty, run on the same kernel: the "
             "cost of starting the kernel and of one round of messages per cell. Shutting the kernel "
             "down afterwards is not counted.", "",
             "| notebook | code cells | seconds | floor (s) | above floor (s) | ratio | budget: ≤ 3 s above floor |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for r in nb_rows:
        ok = r["above"] <= BUDGET_NOTEBOOK_S
        failures += [] if ok else [f"{r['notebook']} takes {r['above']:.2f} s above the floor"]
        lines.append(f"| `{r['notebook']}` | {r['cells']} | {r['seconds']:.2f} | {r['floor']:.2f} | {r['above']:.2f} | "
                     f"{r['ratio']:.1f} | {'ok' if ok else 'OVER'} |")
    lines += ["", "## Imports and first loads (fresh interpreter)", "", "| step | seconds |", "|---|---:|"]
    for step, seconds in imports.items():
        lines.append(f"| `{step}` | {seconds:.3f} |")
    if imports["import coursekit"] > BUDGET_IMPORT_S:
        failures.append(f"import coursekit takes {imports['import coursekit']:.2f} s")
    ratio = book["warm"] / book["cold"]
    if ratio > BUDGET_REBUILD_RATIO:
        failures.append(f"a no-change rebuild takes {ratio:.0%} of a cold build")
    lines += ["", "## Book build (`make book`: `jupyter-book build -W -n --keep-going`)", "",
              "| build | seconds |", "|---|---:|",
              f"| cold (empty `_build`) | {book['cold']:.1f} |",
              f"| rebuild, nothing changed | {book['warm']:.1f} |",
              f"| ratio (budget ≤ 25%) | {ratio:.0%} |",
              f"| peak memory of a cold build | {book['peak_kb'] / 1024:.0f} MB |"]
    if tests:
        lines += ["", "## `make test` (pytest)", "", f"Total: {tests['total']:.1f} s. Slowest parts:", "",
                  "| part | seconds |", "|---|---:|"]
        lines += [f"| `{name}` | {seconds:.1f} |" for seconds, name in tests["slowest"]]
        from notebook_runs import BUDGET_RUNS, report

        rows, over = report(tests["runs"])
        failures += over
        lines += ["", f"Notebook runs in one `make test` (budget: each notebook at most {BUDGET_RUNS} times; "
                  "counted by `benchmarks/notebook_runs.py`):", "", "| notebook | runs |", "|---|---:|", *rows]
    lines += ["", "## Built pages (bytes loaded from the book's own files; budget ≤ 1,500,000)", "",
              f"Counted: {book['how']}.", "",
              "| page | HTML | images | scripts | styles | fonts | other | total |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in book["pages"]:
        if p["total"] > BUDGET_PAGE_BYTES:
            failures.append(f"{p['page']} weighs {p['total'] / 1e6:.2f} MB")
        lines.append(f"| `{p['page']}` | {p['html']:,} | {p['images']:,} | {p['scripts']:,} | {p['styles']:,} | "
                     f"{p['fonts']:,} | {p['other']:,} | {p['total']:,} |")
    if isinstance(book["lighthouse"], str):
        failures.append(f"Lighthouse could not run: {book['lighthouse']}")
    else:
        section, missed = lighthouse_section(book["lighthouse"])
        failures += missed
        lines += ["", *section]
    lines += ["", "## Budgets", ""]
    lines += [f"- OVER: {f}" for f in failures] or ["Every budget holds."]
    # the mutation score is measured by `make mutation` (benchmarks/mutation.py), not here: keep it
    kept = RESULTS.read_text(encoding="utf-8").partition(MUTATION_HEADING)[2] if RESULTS.exists() else ""
    if kept:
        lines += ["", MUTATION_HEADING + kept.rstrip("\n")]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    for f in failures:
        print(f"budget exceeded: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
