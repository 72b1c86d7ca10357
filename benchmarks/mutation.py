"""Mutation testing of the grading code with mutmut (``make mutation``; never run by CI).

mutmut (pinned in requirements-mutation.txt, configured under ``[tool.mutmut]`` in pyproject.toml)
copies the package into ``mutants/``, writes every mutant of coursekit/quiz.py and
coursekit/checks.py there, and runs the fast unit tests against each one. This script runs the
mutants of the grading code only, reads ``mutmut results``, prints the score (killed / total) by
function with every survivor and timeout and its diff, and exits 1 when the score is below
``--threshold`` per cent (85 by default).

    python benchmarks/mutation.py                  # both: the checks and the quiz grader
    python benchmarks/mutation.py --target quiz    # the grading functions of coursekit/quiz.py
    python benchmarks/mutation.py --target checks  # every function of coursekit/checks.py

The score counts only killed mutants as caught: a timeout, a mutant no test reaches, and one left
unchecked are listed and count against it. Each run starts from an empty ``mutants/`` unless
``--incremental`` is given: mutmut copies a file that it does not mutate only when the copy is
missing, so a kept folder can test the mutants against stale copies of the rest of the package.
"""
from __future__ import annotations

import argparse
import fnmatch
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
LOG = ROOT / "benchmarks" / "_work" / "mutation.log"
MUTMUT = Path(sys.executable).parent / "mutmut"

# The grader and the numeric parsing of coursekit/quiz.py; the bank loading, the widget and the
# HTML rendering are mutated by mutmut too (it mutates whole files) but not run.
GRADING = ["parse_number", "typed", "normalise_text", "grade", "_option", "_interval", "_numeric_value",
           "answer_key", "feedback_text"]
TARGETS = {
    "quiz": [f"coursekit.quiz.x_{name}__mutmut_*" for name in GRADING],
    "checks": ["coursekit.checks.*"],
}
TARGETS["all"] = TARGETS["quiz"] + TARGETS["checks"]

LINE = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+?)\s*$")
CAUGHT = {"killed"}


def mutmut(*args: str, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(MUTMUT), *args], cwd=ROOT, capture_output=capture, text=True)


def function_of(name: str) -> str:
    """``coursekit.quiz.x_grade__mutmut_3`` -> ``quiz.grade``; methods ``xǁQuizǁcheck`` -> ``quiz.Quiz.check``."""
    stem = name.partition("__mutmut_")[0]
    module, _, mangled = stem.rpartition(".")
    short = module.removeprefix("coursekit.")
    if mangled.startswith("xǁ"):
        return f"{short}." + ".".join(part for part in mangled[2:].split("ǁ") if part)
    return f"{short}.{mangled.removeprefix('x_')}"


def read_results(patterns: list[str]) -> dict[str, str]:
    proc = mutmut("results", "--all", "true")
    if proc.returncode != 0:
        sys.exit(f"mutmut results failed:\n{proc.stdout}{proc.stderr}")
    found = {}
    for line in proc.stdout.splitlines():
        match = LINE.match(line)
        if match and any(fnmatch.fnmatchcase(match["name"], p) for p in patterns):
            found[match["name"]] = match["status"]
    return found


def mutant_number(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number)


def report(results: dict[str, str], threshold: float, show_diffs: bool) -> int:
    by_function: dict[str, Counter] = defaultdict(Counter)
    for name, status in results.items():
        by_function[function_of(name)][status] += 1
    total = len(results)
    killed = sum(status in CAUGHT for status in results.values())
    statuses = Counter(results.values())

    print()
    print("| function | mutants | killed | survived | timeout | other | score |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for function in sorted(by_function):
        c = by_function[function]
        n = sum(c.values())
        other = n - c["killed"] - c["survived"] - c["timeout"]
        print(f"| `{function}` | {n} | {c['killed']} | {c['survived']} | {c['timeout']} | {other} | "
              f"{100 * c['killed'] / n:.1f}% |")
    score = 100 * killed / total if total else 0.0
    other_total = total - killed - statuses["survived"] - statuses["timeout"]
    print(f"| **total** | {total} | {killed} | {statuses['survived']} | {statuses['timeout']} | {other_total} | "
          f"**{score:.1f}%** |")
    print()
    print("statuses: " + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())))

    left = sorted((name for name, status in results.items() if status not in CAUGHT), key=mutant_number)
    for status in sorted({results[name] for name in left}):
        names = [name for name in left if results[name] == status]
        print(f"\n{status} ({len(names)}):")
        for name in names:
            print(f"  {name}")
            if show_diffs:
                diff = mutmut("show", name).stdout.splitlines()
                print("\n".join("      " + line for line in diff[1:] if not line.startswith(("---", "+++"))))

    print(f"\nmutation score: {killed} killed / {total} mutants = {score:.1f}% (threshold {threshold:g}%)")
    if total == 0:
        print("no mutants were run")
        return 1
    return 0 if score >= threshold else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=sorted(TARGETS), default="all",
                        help="all (default): both; quiz: the grading functions of coursekit/quiz.py; checks: coursekit/checks.py")
    parser.add_argument("--threshold", type=float, default=85.0, help="lowest passing score, in per cent (85)")
    parser.add_argument("--max-children", type=int, help="mutants tested at once (mutmut's default: the CPU count)")
    parser.add_argument("--incremental", action="store_true", help="keep mutants/ from the last run")
    parser.add_argument("--report-only", action="store_true", help="print the score of the last run, run nothing")
    parser.add_argument("--no-diffs", action="store_true", help="list survivors without their diffs")
    args = parser.parse_args(argv)

    if not MUTMUT.exists():
        sys.exit(f"mutmut is not installed in {MUTMUT.parent.parent}: run 'make mutation' "
                 f"(or pip install -r requirements-mutation.txt)")
    version = mutmut("--version").stdout.strip() or "mutmut (version unknown)"
    patterns = TARGETS[args.target]
    print(f"{version}; mutating {args.target}: {' '.join(patterns)}")

    if not args.report_only:
        if not args.incremental and MUTANTS.exists():
            shutil.rmtree(MUTANTS)
        LOG.parent.mkdir(parents=True, exist_ok=True)
        cmd = ["run", *patterns] + (["--max-children", str(args.max_children)] if args.max_children else [])
        print(f"running: mutmut {' '.join(cmd)}  (log: {LOG.relative_to(ROOT)})", flush=True)
        start = time.perf_counter()
        with LOG.open("w", encoding="utf-8") as log:
            proc = subprocess.run([str(MUTMUT), *cmd], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        elapsed = time.perf_counter() - start
        print(f"mutmut run took {elapsed:.0f} s (exit {proc.returncode})")
        if proc.returncode != 0:
            tail = LOG.read_text(encoding="utf-8", errors="replace").replace("\r", "\n").splitlines()
            print("\n".join(line for line in tail if line.strip())[-3000:])
            sys.exit(f"mutmut run failed (exit {proc.returncode}); the whole log is {LOG}")

    results = read_results(patterns)
    return report(results, args.threshold, show_diffs=not args.no_diffs)


if __name__ == "__main__":
    sys.exit(main())
