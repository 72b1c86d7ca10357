"""Benchmark what students, instructors and CI wait for; check the budgets.

    make bench          # or: .venv/bin/python benchmarks/bench.py [--runs 3] [--quick]

Writes benchmarks/results.md. Every figure is the median of ``--runs`` runs (at least 3).
Budgets (also in the README):

* each notebook executes within 3 s above the floor (an empty notebook on the same kernel);
* ``import coursekit`` under 1.5 s;
* a no-change rebuild of the book under 25% of a cold build;
* no built page over 1.5 MB in total (HTML + images + scripts + stylesheets it loads).

Public tools only: nbclient, time.perf_counter, /usr/bin/time -v.
"""
from __future__ import annotations

import argparse
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

BUDGET_NOTEBOOK_S = 3.0
BUDGET_IMPORT_S = 1.5
BUDGET_REBUILD_RATIO = 0.25
BUDGET_PAGE_BYTES = 1.5 * 1024 * 1024


def median(values):
    return statistics.median(values)


def execute_seconds(nb, cwd: Path) -> float:
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def notebooks() -> list[Path]:
    return sorted(p for d in ("chapters", "exercises") for p in (ROOT / d).glob("*.ipynb"))


def bench_notebooks(runs: int) -> list[dict]:
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    rows = []
    for path in notebooks():
        floors, times = [], []
        for _ in range(runs):
            floors.append(execute_seconds(nbformat.from_dict(empty), path.parent))
            times.append(execute_seconds(nbformat.read(path, as_version=4), path.parent))
        floor, total = median(floors), median(times)
        rows.append({"notebook": path.relative_to(ROOT).as_posix(), "seconds": total, "floor": floor,
                     "above": total - floor, "ratio": total / floor})
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
    build = [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(out), "--all", "-W", "-n", "--keep-going"]
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
        pages = page_weights(html)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"cold": median(cold), "warm": median(warm), "peak_kb": max(peaks), "pages": pages}


def page_weights(html: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    from htmlscan import pages, scan  # the same parser the tests use

    rows = []
    for page in pages(html):
        info = scan(page)
        sizes = {"html": page.stat().st_size, "images": 0, "scripts": 0, "styles": 0}
        seen = set()
        for tag, url in info.loads:
            if "://" in url or url.startswith("data:"):
                continue
            target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
            if target in seen or not target.exists():
                continue
            seen.add(target)
            kind = {"img": "images", "script": "scripts", "link": "styles"}.get(tag, "images")
            sizes[kind] += target.stat().st_size
        sizes["total"] = sum(sizes.values())
        rows.append({"page": page.relative_to(html).as_posix(), **sizes})
    return rows


def bench_tests(runs: int) -> dict:
    totals, parts = [], {}
    env = dict(os.environ)
    for _ in range(runs):
        seconds, _peak, log = timed([sys.executable, "-m", "pytest", "-q", "--durations=0"], ROOT, env)
        totals.append(seconds)
        for match in re.finditer(r"^\s*([\d.]+)s (call|setup|teardown)\s+(\S+)", log, re.M):
            parts.setdefault(f"{match.group(3)} ({match.group(2)})", []).append(float(match.group(1)))
    slowest = sorted(((median(v), k) for k, v in parts.items()), reverse=True)[:3]
    return {"total": median(totals), "slowest": slowest}


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
    parser.add_argument("--skip-tests", action="store_true", help="do not time the whole test suite")
    args = parser.parse_args(argv)
    runs = max(3, args.runs)

    print("notebooks ...", flush=True)
    nb_rows = bench_notebooks(runs)
    print("imports and loads ...", flush=True)
    imports = bench_imports(runs)
    print("book builds ...", flush=True)
    book = bench_book(runs)
    tests = None if args.skip_tests else (print("test suite ...", flush=True) or bench_tests(runs))

    failures = []
    lines = ["# Benchmark results", "",
             f"Machine: {machine()}. Each figure is the median of {runs} runs. "
             f"Written by `make bench` (`benchmarks/bench.py`).", "",
             "## Notebooks (nbclient, same kernel; floor = an empty notebook)", "",
             "| notebook | seconds | floor (s) | above floor (s) | ratio | budget: ≤ 3 s above floor |",
             "|---|---:|---:|---:|---:|---|"]
    for r in nb_rows:
        ok = r["above"] <= BUDGET_NOTEBOOK_S
        failures += [] if ok else [f"{r['notebook']} takes {r['above']:.2f} s above the floor"]
        lines.append(f"| `{r['notebook']}` | {r['seconds']:.2f} | {r['floor']:.2f} | {r['above']:.2f} | "
                     f"{r['ratio']:.1f} | {'ok' if ok else 'OVER'} |")
    lines += ["", "## Imports and first loads (fresh interpreter)", "", "| step | seconds |", "|---|---:|"]
    for step, seconds in imports.items():
        lines.append(f"| `{step}` | {seconds:.3f} |")
    if imports["import coursekit"] > BUDGET_IMPORT_S:
        failures.append(f"import coursekit takes {imports['import coursekit']:.2f} s")
    ratio = book["warm"] / book["cold"]
    if ratio > BUDGET_REBUILD_RATIO:
        failures.append(f"a no-change rebuild takes {ratio:.0%} of a cold build")
    lines += ["", "## Book build (`jupyter-book build --all -W -n --keep-going`)", "",
              "| build | seconds |", "|---|---:|",
              f"| cold (empty `_build`) | {book['cold']:.1f} |",
              f"| rebuild, nothing changed | {book['warm']:.1f} |",
              f"| ratio (budget ≤ 25%) | {ratio:.0%} |",
              f"| peak memory of a cold build | {book['peak_kb'] / 1024:.0f} MB |"]
    if tests:
        lines += ["", "## `make test` (pytest)", "", f"Total: {tests['total']:.1f} s. Slowest parts:", "",
                  "| part | seconds |", "|---|---:|"]
        lines += [f"| `{name}` | {seconds:.1f} |" for seconds, name in tests["slowest"]]
    lines += ["", "## Built pages (bytes loaded from the book's own files; budget ≤ 1.5 MB)", "",
              "| page | HTML | images | scripts | styles | total |", "|---|---:|---:|---:|---:|---:|"]
    for p in book["pages"]:
        if p["total"] > BUDGET_PAGE_BYTES:
            failures.append(f"{p['page']} weighs {p['total'] / 1e6:.2f} MB")
        lines.append(f"| `{p['page']}` | {p['html']:,} | {p['images']:,} | {p['scripts']:,} | {p['styles']:,} | "
                     f"{p['total']:,} |")
    lines += ["", "## Budgets", ""]
    lines += [f"- OVER: {f}" for f in failures] or ["Every budget holds."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    for f in failures:
        print(f"budget exceeded: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
