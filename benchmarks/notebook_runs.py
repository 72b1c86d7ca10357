"""Count how many times each notebook runs during a command (by default the test suite).

    .venv/bin/python benchmarks/notebook_runs.py            # runs `pytest -q`, prints the counts
    .venv/bin/python benchmarks/notebook_runs.py -- make book

Every kernel started by the command (nbval, the book build, nbclient, JupyterLab) reads an IPython
startup file that logs, per kernel, its working folder and the first code cells it runs. A
notebook is recognised by those cells: its first code cells, in order, and the folder it runs
in (a source and its student copy have the same chapter code but live in different folders).
Nothing in the course is changed to count: the startup file lives in a temporary IPYTHONDIR.
"""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CELLS = 4  # code cells logged per kernel: enough to tell every notebook apart
BUDGET_RUNS = 2

STARTUP = f"""
import json, os
_ck_state = {{"cells": 0}}
def _ck_log(info):
    if _ck_state["cells"] >= {CELLS} or not info.raw_cell.strip():
        return
    _ck_state["cells"] += 1
    with open(os.environ["COURSEKIT_RUN_LOG"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps({{"pid": os.getpid(), "cwd": os.getcwd(), "cell": info.raw_cell}}) + "\\n")
get_ipython().events.register("pre_run_cell", _ck_log)
"""


def course_notebooks() -> list[Path]:
    return sorted(p for folder in ("chapters", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def identify(cells: list[str], cwd: str, notebooks: dict[Path, list[str]]) -> str:
    """The notebook (relative path) whose first code cells are ``cells``, run in ``cwd``."""
    matches = [p for p, code in notebooks.items() if code[:len(cells)] == cells]
    if not matches:
        return "(a notebook that is not part of the course)"
    here = [p for p in matches if Path(cwd).resolve() == p.parent.resolve()]
    if len(here) == 1:
        return here[0].relative_to(ROOT).as_posix()
    names = sorted({p.relative_to(ROOT).as_posix() for p in matches})
    copies = [n for n in names if "/student/" in n]
    # run from a folder outside the repository (a plain install, Binder's clone): the file that
    # was copied there is the student copy, which is what those tests hand out
    return (copies[0] if len(copies) == 1 else " or ".join(names)) + " (copied outside the repository)"


def count(log: Path, notebooks: list[Path] | None = None) -> collections.Counter:
    code = {p: _code(nbformat.read(p, as_version=4)) for p in (notebooks or course_notebooks())}
    kernels: dict[int, dict] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        kernel = kernels.setdefault(entry["pid"], {"cwd": entry["cwd"], "cells": []})
        kernel["cells"].append(entry["cell"])
    return collections.Counter(identify(k["cells"], k["cwd"], code) for k in kernels.values())


def run_counted(command: list[str], cwd: Path = ROOT) -> tuple[int, collections.Counter, str]:
    """Run ``command`` with the counting startup file; return its exit code, the counts and its output."""
    with tempfile.TemporaryDirectory(prefix="ipython-count-") as tmp:
        startup = Path(tmp) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-count-runs.py").write_text(STARTUP, encoding="utf-8")
        log = Path(tmp) / "runs.jsonl"
        log.touch()
        env = dict(os.environ, IPYTHONDIR=tmp, COURSEKIT_RUN_LOG=str(log))
        proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        return proc.returncode, count(log), proc.stdout + proc.stderr


def report(counts: collections.Counter) -> tuple[list[str], list[str]]:
    """Markdown table rows, and the notebooks that ran more often than the budget."""
    rows = [f"| `{name}` | {n} |" for name, n in sorted(counts.items())]
    over = [f"{name} runs {n} times" for name, n in sorted(counts.items())
            if n > BUDGET_RUNS and not name.startswith("(a notebook that")]
    return rows, over


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else [sys.executable, "-m", "pytest", "-q"]
    code, counts, output = run_counted(command)
    rows, over = report(counts)
    print("| notebook | runs |\n|---|---:|\n" + "\n".join(rows))
    print(f"\n{sum(counts.values())} kernels in all; the command exited with {code}")
    for line in over:
        print(f"OVER: {line}")
    if code != 0:
        print(output[-3000:])
    return 1 if over or code else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
