"""Write student copies and answer keys of the exercise notebooks.

    python -m coursekit.release            # or: make release

From each source notebook in ``exercises/`` it writes

* ``release/student/NN_topic.ipynb``: solutions removed, outputs cleared. Code between
  ``# BEGIN SOLUTION`` and ``# END SOLUTION`` (and whole code cells tagged ``solution``) becomes
  ``name = ...  # YOUR CODE HERE`` for each name the solution assigns, so later cells and the
  checks still run (and report "not answered yet"). Markdown cells tagged ``solution`` become a
  prompt to write an answer.
* ``release/answer-key/NN_topic.ipynb``: the source, executed, with outputs.
* ``release/student.zip`` and ``release/answer-key.zip``.

The input is never changed (every notebook is deep-copied first), and re-running gives
byte-identical files (fixed cell ids, no timing metadata, fixed zip timestamps).
"""
from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
import zipfile
from pathlib import Path

import nbformat

from coursekit import __version__
from coursekit._paths import REPOSITORY as ROOT

SOURCE_DIR = ROOT / "exercises"
OUT_DIR = ROOT / "release"
# Student copies committed to the repository, so that Binder, Colab and a JupyterHub, which fetch
# notebooks from the repository by path, can open them from the student edition's launch buttons.
STUDENT_COPIES = "exercises/student"
# The chapters' copies for Jupyter: the same notebooks with the prose's numbers and citations written out.
CHAPTER_COPIES = "chapters/student"
DISTRIBUTION = "cooperation-at-the-border"  # the name pip knows the course package by

BEGIN = re.compile(r"^\s*#\s*BEGIN SOLUTION\b.*$")
END = re.compile(r"^\s*#\s*END SOLUTION\b.*$")
SOLUTION_TAG = "solution"
STUDENT_PROMPT = ("**Your answer:** *double-click this cell and write your answer here. "
                  "Your instructor grades it with the rubric in the instructor guide.*")
YOUR_CODE = "# YOUR CODE HERE"


class ReleaseError(ValueError):
    """A source notebook breaks the solution-marker convention. The message says where."""


def _assigned_names(code: str) -> list[str]:
    """Top-level names a block of code assigns, in order (``a = ...``, ``a, b = ...``, ``for``...)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found: list[str] = []

    def add(target):
        if isinstance(target, ast.Name) and target.id not in found:
            found.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                add(elt)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return found


def _stub(code: str, indent: str = "") -> list[str]:
    names = _assigned_names(code)
    if not names:
        return [f"{indent}{YOUR_CODE}", f"{indent}..."]
    return [f"{indent}{name} = ...  {YOUR_CODE}" for name in names]


def strip_solutions(source: str, where: str) -> str:
    """Replace every marked solution region in one code cell by stubs."""
    lines = source.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if END.match(lines[i]):
            raise ReleaseError(f"{where}: '# END SOLUTION' without a matching '# BEGIN SOLUTION' (line {i + 1})")
        if not BEGIN.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        start = i
        i += 1
        body = []
        while i < len(lines) and not END.match(lines[i]):
            if BEGIN.match(lines[i]):
                raise ReleaseError(f"{where}: nested '# BEGIN SOLUTION' (line {i + 1})")
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise ReleaseError(f"{where}: '# BEGIN SOLUTION' on line {start + 1} is never closed by '# END SOLUTION'")
        dedented = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body)
        out.extend(_stub(dedented, indent))
        i += 1  # skip END
    return "\n".join(out)


def has_solution(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return SOLUTION_TAG in tags or (cell["cell_type"] == "code" and any(BEGIN.match(l) for l in cell["source"].splitlines()))


def solution_lines(nb, min_length: int = 12) -> set[str]:
    """Every distinctive line of every solution in a source notebook (what must never leak)."""
    found: set[str] = set()
    for cell in nb.cells:
        lines = cell.source.splitlines()
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            found.update(lines)
        elif cell.cell_type == "code":
            inside = False
            for line in lines:
                if BEGIN.match(line):
                    inside = True
                elif END.match(line):
                    inside = False
                elif inside:
                    found.add(line)
    return {line.strip() for line in found
            if len(line.strip()) > min_length and line.strip() not in {":::", "..."} and not line.strip().startswith(":::")}


def student_copy(nb, name: str = "notebook"):
    """A new notebook with every solution removed; ``nb`` itself is left untouched."""
    out = copy.deepcopy(nb)
    for index, cell in enumerate(out.cells):
        where = f"{name}, cell {index + 1}"
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            if cell.cell_type == "markdown":
                cell.source = STUDENT_PROMPT
            elif cell.cell_type == "code":
                code = strip_solutions(cell.source, where)  # validates markers inside, too
                cell.source = "\n".join(_stub(code))
            tags.remove(SOLUTION_TAG)
        elif cell.cell_type == "code":
            cell.source = strip_solutions(cell.source, where)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            tags = [t for t in tags if t not in {"hide-input", "hide-cell"}]
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
    out.metadata.pop("widgets", None)
    return out


def execute(nb, cwd: Path, timeout: int = 120):
    """Run a copy of a notebook top to bottom with the current Python; return it with outputs."""
    from nbclient import NotebookClient

    executed = copy.deepcopy(nb)
    client = NotebookClient(executed, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    executed.metadata.pop("widgets", None)
    return executed


def _write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def release(source_dir: Path = SOURCE_DIR, out_dir: Path = OUT_DIR, answer_keys: bool = True,
            package: bool = True) -> list[Path]:
    """Write student copies (and executed answer keys) of every exercise notebook; return the files.

    With ``package`` (the default), the student folder and zip also hold the course package's
    wheel, a requirements file and a README, so they install and run outside this repository.
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
        _write(student_copy(nb, path.name), student_dir / path.name)
        written.append(student_dir / path.name)
        if answer_keys:
            _write(execute(nb, cwd=path.parent), key_dir / path.name)
            written.append(key_dir / path.name)
    if package:
        written += _write_student_package(student_dir)
    _zip(student_dir, Path(out_dir) / "student.zip")
    written.append(Path(out_dir) / "student.zip")
    if answer_keys:
        _zip(key_dir, Path(out_dir) / "answer-key.zip")
        written.append(Path(out_dir) / "answer-key.zip")
    return written


# ----------------------------------------------------------------------------- installing the package

def install_spec(config: Path = ROOT / "_config.yml") -> str:
    """What pip installs in a bare kernel: this release of the package, from the repository's tag.

    Never the bare name: PyPI's ``coursekit`` is an unrelated project. The repository address is
    the one publishers set in ``_config.yml`` (``repository.url``); the tag is ``v`` + version.
    """
    import yaml

    url = (yaml.safe_load(Path(config).read_text(encoding="utf-8")).get("repository") or {}).get("url", "")
    if not str(url).startswith("https://"):
        raise ReleaseError(f"{Path(config).name}: repository.url must be the https address of the repository")
    return f"{DISTRIBUTION} @ git+{str(url).rstrip('/')}.git@v{__version__}"


def install_cell_source(config: Path = ROOT / "_config.yml") -> str:
    """The first code cell of every notebook: install the course package only where it is missing."""
    return (
        "# Opened outside the course's own environment (Colab, a fresh kernel)? This cell installs the\n"
        f"# course package, release {__version__}, only if it is missing; otherwise it does nothing.\n"
        "try:\n"
        "    import coursekit\n"
        "except ImportError:\n"
        f'    %pip install --quiet "{install_spec(config)}"'
    )


INSTALL_TAG = "remove-cell"  # the web book runs the cell but does not show it


def notebooks_with_install_cell(root: Path = ROOT) -> list[Path]:
    """The notebooks that students open: every chapter and exercise notebook."""
    return sorted((root / "chapters").glob("*.ipynb")) + sorted((root / "exercises").glob("*.ipynb"))


def write_install_cells(root: Path = ROOT) -> list[Path]:
    """Make the first code cell of every student notebook the current install cell; return the
    notebooks changed (after a new version or a new repository address)."""
    source = install_cell_source(root / "_config.yml")
    changed = []
    for path in notebooks_with_install_cell(root):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        if code and code[0].get("id") == "install":
            if code[0].source == source:
                continue
            code[0].source = source
        else:
            cell = nbformat.v4.new_code_cell(source, id="install", metadata={"tags": [INSTALL_TAG]})
            nb.cells.insert(nb.cells.index(code[0]) if code else len(nb.cells), cell)
        _write(nb, path)
        changed.append(path)
    return changed


#: Where each folder's student copies live (committed, so Binder, Colab and a hub can open them).
COPY_FOLDERS = {"chapters": CHAPTER_COPIES, "exercises": STUDENT_COPIES}


def student_copy_paths(root: Path = ROOT) -> dict[str, str]:
    """Each chapter and exercise page (``chapters/01_border_enforcement``) and its student copy."""
    return {f"{folder}/{path.stem}": f"{copies}/{path.name}"
            for folder, copies in COPY_FOLDERS.items()
            for path in sorted((Path(root) / folder).glob("*.ipynb"))}


def run_cached(nb, cwd: Path, cache: Path | None = None):
    """``nb`` with outputs: from the book's execution cache when it holds this notebook, else run."""
    if cache is not None and Path(cache).is_dir():
        from jupyter_cache import get_cache

        try:
            return get_cache(str(cache)).merge_match_into_notebook(copy.deepcopy(nb))[1]
        except KeyError:
            pass
    return execute(nb, cwd=cwd)


def student_notebook(path: Path, root: Path = ROOT, book=None, cache: Path | None = None):
    """The copy of a chapter or exercise that students open in Jupyter.

    Exercises lose their solutions (:func:`student_copy`); in both, every MyST role and
    directive of the prose is written out as plain Markdown (:mod:`coursekit.prose`), with the
    numbers the notebook computes when it runs.
    """
    from coursekit import prose

    path, root = Path(path), Path(root)
    docname = path.relative_to(root).with_suffix("").as_posix()
    book = book or prose.Book.load(root, student_copy_paths(root))
    source = nbformat.read(path, as_version=4)
    nb = student_copy(source, path.name) if docname.startswith("exercises/") else source
    glue = {}
    if any("{glue" in cell.source for cell in nb.cells if cell.cell_type == "markdown"):
        glue = prose.glued_values(run_cached(source, cwd=path.parent, cache=cache))
    return prose.plain_notebook(nb, book, docname, glue)


def write_student_copies(root: Path = ROOT, out: Path | None = None, cache: Path | None = None) -> list[Path]:
    """Write the student copy of every chapter and exercise; return the files changed.

    Sources are read from ``root``; the copies go to ``out`` (default: ``root``), into
    ``chapters/student/`` and ``exercises/student/``. ``cache`` is the book's execution cache,
    used for the chapters' numbers when it holds a run of the current notebook.
    """
    from coursekit import prose

    root = Path(root)
    out = Path(out) if out is not None else root
    copies = student_copy_paths(root)
    book = prose.Book.load(root, copies)
    changed = []
    for docname, target_name in copies.items():
        target = out / target_name
        nb = student_notebook(root / f"{docname}.ipynb", root, book, cache)
        text = nbformat.writes(nb) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


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


# ----------------------------------------------------------------------------- student edition

BOOK_SKIP = {".git", ".venv", "_build", "build", "release", "tests", "benchmarks", ".ci", ".github", "__pycache__",
             ".ipynb_checkpoints", ".pytest_cache", ".jupyter_cache", "node_modules"}


def build_student_book(out: Path, extra_args: tuple[str, ...] = (), cache: Path | None = None) -> int:
    """Build the web book with the student copies of the exercises in place of the sources.

    The book sources are copied to a temporary folder, each exercise notebook is replaced by
    its student copy, and that copy of the book is built (strictly) into ``out/_build/html``.
    ``cache`` is the execution cache of a full build: the chapters, which are the same in both
    editions, are then reused from it instead of executed again (the cache's own guard still
    empties it if data or helpers changed).
    """
    import shutil
    import subprocess
    import tempfile

    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="student-book-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=lambda _d, names: [n for n in names if n in BOOK_SKIP])
        for path in sorted((book / "exercises").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            _write(student_copy(nb, path.name), path)
        import yaml

        config_path = book / "_config.yml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        # launch and download buttons on exercise pages hand out the committed student copies
        config.setdefault("sphinx", {}).setdefault("config", {})["coursekit_student_edition"] = True
        if cache is not None and Path(cache).is_dir():
            config.setdefault("execute", {})["cache"] = str(Path(cache).resolve())
        config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "--path-output", str(out),
               "--all", "-W", "-n", "--keep-going", *extra_args]
        return subprocess.run(cmd, cwd=book).returncode


# ----------------------------------------------------------------------------- alignment

OBJECTIVE_LINE = re.compile(r"\*\*(\d+\.\d+)\*\*\s*(.+)")
ALIGNMENT_PAGE = ROOT / "instructors" / "alignment.md"


def objectives(chapters_dir: Path = ROOT / "chapters") -> dict[str, str]:
    """Learning objectives by id, read from each chapter's cell tagged ``learning-objectives``."""
    found: dict[str, str] = {}
    for path in sorted(Path(chapters_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if "learning-objectives" in cell.get("metadata", {}).get("tags", []):
                for match in OBJECTIVE_LINE.finditer(cell.source):
                    found[match.group(1)] = match.group(2).strip()
    return found


def assessments(chapters_dir: Path = ROOT / "chapters", exercises_dir: Path = SOURCE_DIR) -> dict[str, list[str]]:
    """For each objective id, the quiz questions and exercise tasks that assess it."""
    from .quiz import load_bank

    found: dict[str, list[str]] = {}
    for bank_file in sorted((Path(chapters_dir) / "quizzes").glob("*.yml")):
        bank = load_bank(bank_file)
        chapter = bank_file.stem.split("_")[0].lstrip("0") or "0"
        for number, q in enumerate(bank["questions"], start=1):
            found.setdefault(q["objective"], []).append(f"quiz {chapter}, Q{number}")
    for path in sorted(Path(exercises_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            if "task" in meta:
                for objective in meta.get("objectives", []):
                    found.setdefault(objective, []).append(f"task {meta['task']}")
    return found


def alignment_markdown() -> str:
    """The alignment table of the instructor guide, generated from tags."""
    objs, assessed = objectives(), assessments()
    lines = ["# Alignment of objectives and assessments", "",
             "<!-- Generated by `python -m coursekit.release --alignment`; do not edit by hand. -->", "",
             "Each learning objective of the chapters, with the quiz questions and exercise tasks that "
             "assess it. The table is generated from the `objective` field of the quiz banks and the "
             "`objectives` metadata of the exercise cells, so it cannot drift from them.", "",
             "| Objective | Students can | Quiz questions | Exercise tasks |", "|---|---|---|---|"]
    key = lambda k: tuple(int(p) for p in k.split("."))  # noqa: E731
    for oid in sorted(objs, key=key):
        items = assessed.get(oid, [])
        quiz = ", ".join(i.split(", ")[1] for i in items if i.startswith("quiz")) or "none"
        tasks = ", ".join(f"`{i.split()[1]}`" for i in items if i.startswith("task")) or "none"
        text = objs[oid].replace("|", "\\|")
        lines.append(f"| **{oid}** | {text} | {quiz} | {tasks} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.release", description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of source notebooks")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write (default: release/)")
    parser.add_argument("--no-answer-keys", action="store_true", help="skip executing the answer keys")
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
        files = release(args.source, args.out, answer_keys=not args.no_answer_keys)
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
