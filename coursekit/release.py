"""Releases of the exercises, and the command line for every generated file.

    python -m coursekit.release            # or: make release

From each source notebook in ``exercises/`` it writes

* ``release/student/NN_topic.ipynb``: solutions removed, outputs cleared
  (:func:`coursekit.solutions.student_copy`);
* ``release/answer-key/NN_topic.ipynb``: the source, executed, with outputs;
* ``release/student.zip`` and ``release/answer-key.zip``; the student folder also holds the
  course package's wheel, a requirements file and a README;
* from the command line (as ``make release`` runs it), also the graded releases: an nbgrader
  course in ``release/nbgrader/`` and an otter-grader assignment per notebook in
  ``release/otter/`` (:mod:`coursekit.graded`; ``--graded`` writes only those).

The input is never changed (every notebook is deep-copied first), and re-running gives
byte-identical files (fixed cell ids, no timing metadata, fixed zip timestamps). The other
options rewrite the committed student copies (:mod:`coursekit.copies`), the install cells
(:mod:`coursekit.install`) and the alignment table (:mod:`coursekit.alignment`), or build the
student edition of the book (:mod:`coursekit.student_book`).
"""
from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

import nbformat

from coursekit._paths import REPOSITORY as ROOT
from coursekit.alignment import ALIGNMENT_PAGE, alignment_markdown
from coursekit.copies import CHAPTER_COPIES, STUDENT_COPIES, write_student_copies
from coursekit.install import write_install_cells
from coursekit.notebooks import execute, write
from coursekit.solutions import ReleaseError, student_copy
from coursekit.student_book import build_student_book

SOURCE_DIR = ROOT / "exercises"
OUT_DIR = ROOT / "release"


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def release(source_dir: Path = SOURCE_DIR, out_dir: Path = OUT_DIR, answer_keys: bool = True,
            package: bool = True, graded: bool = False) -> list[Path]:
    """Write student copies (and executed answer keys) of every exercise notebook; return the files.

    With ``package`` (the default), the student folder and zip also hold the course package's
    wheel, a requirements file and a README, so they install and run outside this repository.
    With ``graded``, the nbgrader course and the otter-grader assignments are written too.
    """
    sources = sorted(p for p in Path(source_dir).glob("*.ipynb"))
    if not sources:
        raise ReleaseError(f"no exercise notebooks in {source_dir}")
    student_dir, key_dir = Path(out_dir) / "student", Path(out_dir) / "answer-key"
    written = []
    for folder in (student_dir, key_dir):
        if folder.exists():
            for old in folder.glob("*.ipynb"):
                old.unlink()
    for path in sources:
        nb = nbformat.read(path, as_version=4)
        write(student_copy(nb, path.name), student_dir / path.name)
        written.append(student_dir / path.name)
        if answer_keys:
            write(execute(nb, cwd=path.parent), key_dir / path.name)
            written.append(key_dir / path.name)
    if package:
        written += _write_student_package(student_dir)
    _zip(student_dir, Path(out_dir) / "student.zip")
    written.append(Path(out_dir) / "student.zip")
    if answer_keys:
        _zip(key_dir, Path(out_dir) / "answer-key.zip")
        written.append(Path(out_dir) / "answer-key.zip")
    if graded:
        from coursekit.graded import write_graded

        written += write_graded(source_dir, out_dir)
    return written


def build_wheel(out_dir: Path) -> Path:
    """Build the package's wheel (with the data, quiz banks and bibliography) into ``out_dir``."""
    import os
    import subprocess

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.whl"):
        old.unlink()
    # a fixed timestamp makes the wheel byte-identical from one release to the next
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "--quiet", "--wheel-dir", str(out_dir)], check=True, env=env)
    wheels = sorted(out_dir.glob("*.whl"))
    if len(wheels) != 1:
        raise ReleaseError(f"expected one wheel in {out_dir}, found {len(wheels)}")
    return wheels[0]


STUDENT_README = """# Cooperation at the Border: exercises

These are the exercise notebooks, without solutions, and the course package they use
({wheel}), which carries the data. With Python 3.11 or newer:

    python -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt      (Windows: .venv\\Scripts\\python)
    .venv/bin/jupyter lab

Each notebook's `check(...)` lines tell you whether an answer is right, without showing it.
"""


def _write_student_package(student_dir: Path) -> list[Path]:
    """Put the wheel, a requirements file and a short README beside the student notebooks."""
    wheel = build_wheel(student_dir)
    requirements = student_dir / "requirements.txt"
    requirements.write_text(f"./{wheel.name}\njupyterlab\n", encoding="utf-8")
    readme = student_dir / "README.md"
    readme.write_text(STUDENT_README.format(wheel=wheel.name), encoding="utf-8")
    return [wheel, requirements, readme]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.release", description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of source notebooks")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write (default: release/)")
    parser.add_argument("--no-answer-keys", action="store_true", help="skip executing the answer keys")
    parser.add_argument("--no-graded", action="store_true", help="skip the nbgrader and otter-grader releases")
    parser.add_argument("--graded", action="store_true",
                        help="only write the nbgrader course and the otter-grader assignments (release/nbgrader, release/otter)")
    parser.add_argument("--alignment", action="store_true",
                        help="only rewrite instructors/alignment.md from the quiz banks and exercise metadata")
    parser.add_argument("--student-copies", action="store_true",
                        help=f"rewrite the committed student copies in {CHAPTER_COPIES}/ and {STUDENT_COPIES}/")
    parser.add_argument("--install-cells", action="store_true",
                        help="rewrite each notebook's install cell from the version and _config.yml")
    parser.add_argument("--student-book", type=Path, metavar="OUT",
                        help="build the student edition of the web book into OUT/_build/html")
    args = parser.parse_args(argv)
    if args.student_book:
        code = build_student_book(args.student_book, cache=ROOT / "_build" / ".jupyter_cache")
        if code == 0:
            print(f"The student edition is at: {args.student_book.resolve() / '_build' / 'html' / 'index.html'}")
        return code
    if args.student_copies:
        for path in write_student_copies(cache=ROOT / "_build" / ".jupyter_cache"):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if args.install_cells:
        for path in write_install_cells():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if args.alignment:
        ALIGNMENT_PAGE.write_text(alignment_markdown(), encoding="utf-8")
        print(f"wrote {ALIGNMENT_PAGE.relative_to(ROOT)}")
        return 0
    try:
        if args.graded:
            from coursekit.graded import write_graded

            files = write_graded(args.source, args.out)
        else:
            files = release(args.source, args.out, answer_keys=not args.no_answer_keys, graded=not args.no_graded)
    except ReleaseError as exc:
        print(f"release failed: {exc}", file=sys.stderr)
        return 1
    for f in files:
        try:
            shown = f.relative_to(ROOT)
        except ValueError:
            shown = f
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
