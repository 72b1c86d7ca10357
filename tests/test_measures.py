"""Each number the course derives is defined once, in coursekit.measures, and shown as defined.

- The built pages show every pasted number that is named for a measure (``ch2_relief_rate`` for
  ``measures.ch02.relief_rate``) exactly as the prose formats that measure's value.
- Chapter cells derive nothing themselves: no arithmetic between two data values and no
  summing or dividing methods. Nothing in the package or the notebooks takes an unchecked
  ``.iloc[0]``.
- Figures typed in the prose, the alt text and the model answers (numbers of 1,000 or more,
  percentages, millions) are found in the data or among the measures' values.
- Every measure is used by a chapter, a check, a quiz or a test.
"""
from __future__ import annotations

import ast
import inspect
import math
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from htmlscan import Pasted
from coursekit import measures, pacing
from coursekit.data import load, names

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("0*.ipynb"))
EXERCISES = sorted(p.stem for p in (ROOT / "exercises").glob("0*.ipynb"))
PASTED = re.compile(r"\{glue:text\}`(?P<key>[^`:]+)(?::(?P<spec>[^`]*))?`")


def notebook(folder: str, stem: str):
    return nbformat.read(ROOT / folder / f"{stem}.ipynb", as_version=4)


def plain(number):
    return number.item() if hasattr(number, "item") else number


# --- the pages show each measure as the prose formats it ----------------------------------------

def pasted_in_prose(nb) -> list[tuple[str, str]]:
    """(name, format spec) of every number pasted into the prose, in page order."""
    return [(m["key"], m["spec"] or "") for cell in nb.cells if cell.cell_type == "markdown"
            for m in PASTED.finditer(cell.source)]


def disagreements(pasted: list[tuple[str, str]], shown: list[str], lookup=measures.for_glue_name):
    """(name, shown, expected) for each pasted measure the page shows otherwise; and the count checked."""
    from myst_nb.core.variables import format_plain_text

    if len(pasted) != len(shown):
        raise AssertionError(f"the prose pastes {len(pasted)} numbers and the page shows {len(shown)}")
    wrong, checked = [], 0
    for (name, spec), text in zip(pasted, shown):
        fn = lookup(name)
        if fn is None:
            continue
        checked += 1
        expected = format_plain_text(repr(plain(fn())), spec)
        if text != expected:
            wrong.append((name, text, expected))
    return wrong, checked


def shown_numbers(built_book, chapter: str) -> list[str]:
    parser = Pasted()
    parser.feed((built_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"))
    return [text for kind, text in parser.found if kind == "glue:text"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_pasted_measure_is_shown_with_the_measures_value(built_book, chapter):
    wrong, _ = disagreements(pasted_in_prose(notebook("chapters", chapter)), shown_numbers(built_book, chapter))
    assert wrong == []


def test_each_chapter_pastes_numbers_named_for_its_measures():
    """A chapter's pages (01_..., 01b_..., 01c_...) together paste at least ten measures by name."""
    named = {}
    for page in CHAPTERS:
        pasted = pasted_in_prose(notebook("chapters", page))
        named[page[:2]] = named.get(page[:2], 0) + sum(measures.for_glue_name(n) is not None for n, _ in pasted)
    assert named and all(count >= 10 for count in named.values()), named


def test_a_measure_that_changes_after_the_build_is_caught_by_name(built_book):
    chapter = CHAPTERS[1]
    pasted = pasted_in_prose(notebook("chapters", chapter))
    name = next(n for n, _ in pasted if measures.for_glue_name(n) is not None)
    real = measures.for_glue_name(name)

    def off_by_one(key):
        fn = measures.for_glue_name(key)
        if key != name:
            return fn
        return lambda: plain(real()) * 1.5 + 1

    wrong, _ = disagreements(pasted, shown_numbers(built_book, chapter), lookup=off_by_one)
    assert [n for n, _, _ in wrong] == [name] * sum(n == name for n, _ in pasted)


def test_measure_keys_resolve_and_bad_keys_are_named():
    assert measures.function("ch02.relief_rate") is measures.ch02.relief_rate
    assert measures.for_glue_name("ch2_relief_rate") is measures.ch02.relief_rate
    assert measures.for_glue_name("ch2_not_a_measure") is None
    assert measures.for_glue_name("ch2_load") is None  # imported helpers are not measures
    for bad, said in [("relief_rate", "chapter.function"), ("ch09.relief_rate", "ch09"),
                      ("ch02.no_such_measure", "no_such_measure"), ("ch02._private", "chapter.function")]:
        with pytest.raises(measures.MeasureError, match=re.escape(said)):
            measures.function(bad)


# --- chapter cells call the measures and derive nothing themselves ------------------------------

ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
DERIVING = {"sum", "mean", "median", "prod", "cumsum", "pct_change", "diff", "div", "truediv",
            "mul", "sub", "add", "combine_first", "nunique", "value_counts", "size"}


def _literal(node) -> bool:
    while isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant)


def _python(source: str) -> str:
    """A cell's code with each IPython line magic or shell escape replaced by ``pass``."""
    return "\n".join(line[:len(line) - len(line.lstrip())] + "pass  # " + line.lstrip()
                     if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def derivations(source: str) -> list[str]:
    """What a piece of code computes from data itself: arithmetic between two values that are
    not literals, and summing or dividing methods. Scaling by a constant (``/ 1e9``) is display."""
    found = []
    for node in ast.walk(ast.parse(_python(source))):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC):
            if not (_literal(node.left) or _literal(node.right)):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ARITHMETIC) and not _literal(node.value):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in DERIVING):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def unchecked_first_rows(source: str) -> list[str]:
    """Every ``.iloc[0]`` (or ``.iloc[-1]``): it takes a row without checking that it is the only one."""
    return [f"line {node.lineno}: {ast.unparse(node)}" for node in ast.walk(ast.parse(_python(source)))
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "iloc" and _literal(node.slice)]


@pytest.mark.parametrize("code, found", [
    ("share = a / b", ["line 1: a / b"]),
    ("gap = trac - dhs", ["line 1: trac - dhs"]),
    ("total = s.sum()", ["line 1: s.sum()"]),
    ("g = comar.pct_change()", ["line 1: comar.pct_change()"]),
    ("x = m.a()\nx += m.b()", ["line 2: x += m.b()"]),
    ("bn = merida / 1e9\npct = 100 * share\nneg = -change", []),
    ("glue('ch2_relief_rate', m.relief_rate())", []),
    ("%matplotlib inline\nrows = frame[frame['a'] == 1]", []),
])
def test_the_derivation_finder_flags_arithmetic_on_data_and_allows_constants(code, found):
    assert derivations(code) == found


@pytest.mark.parametrize("code, found", [
    ("v = frame['count'].iloc[0]", ["line 1: frame['count'].iloc[0]"]),
    ("v = frame.iloc[-1]", ["line 1: frame.iloc[-1]"]),
    ("v = frame['count'].item()\nw = frame.iloc[1:3]", []),
])
def test_the_row_finder_flags_iloc_with_a_fixed_position(code, found):
    assert unchecked_first_rows(code) == found


# A cell tagged worked-example (the primer, chapter 0) computes in the open because the steps are
# the lesson. It may derive, but it pastes nothing: the numbers in its prose come from the
# measures, and tests/test_chapter00.py runs each example and compares it with its measure.
WORKED_EXAMPLE = "worked-example"


def _worked_example(cell) -> bool:
    return WORKED_EXAMPLE in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_cells_call_the_measures_and_derive_nothing_themselves(chapter):
    nb = notebook("chapters", chapter)
    found = {f"cell {i}": d for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and not _worked_example(cell) for d in [derivations(cell.source)] if d}
    assert found == {}, "derive these in coursekit.measures and call the function from the chapter"
    pasting = [f"cell {i}" for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
               and _worked_example(cell) and re.search(r"\bglue\(", cell.source)]
    assert pasting == [], "a worked example pastes nothing: glue the measure's value in another cell"


def test_each_chapter_calls_its_measures():
    """A chapter's pages (01_..., 01b_..., 01c_...) together call their measures at least five times."""
    calls = {}
    for page in CHAPTERS:
        nb = notebook("chapters", page)
        calls[page[:2]] = calls.get(page[:2], 0) + sum(cell.source.count("m.") for cell in nb.cells
                                                         if cell.cell_type == "code")
    assert calls and all(n >= 5 for n in calls.values()), calls


def _package_sources():
    return sorted(p for p in (ROOT / "coursekit").rglob("*.py") if "_resources" not in p.parts)


def test_nothing_takes_an_unchecked_first_row():
    found = {}
    for path in _package_sources():
        if hits := unchecked_first_rows(path.read_text(encoding="utf-8")):
            found[path.relative_to(ROOT).as_posix()] = hits
    for folder, stems in (("chapters", CHAPTERS), ("exercises", EXERCISES)):
        for stem in stems:
            for i, cell in enumerate(notebook(folder, stem).cells):
                if cell.cell_type == "code" and (hits := unchecked_first_rows(cell.source)):
                    found[f"{folder}/{stem}.ipynb cell {i}"] = hits
    assert found == {}, "use coursekit.data.value(...) or Series.item(), which refuse more than one row"


def test_one_glue_helper():
    """Chapters paste numbers with coursekit.glue only, never with myst-nb's glue or an older helper."""
    found = [f"chapters/{c}.ipynb cell {i}" for c in CHAPTERS
             for i, cell in enumerate(notebook("chapters", c).cells)
             if cell.cell_type == "code" and re.search(r"glue_number|from myst_nb|display=False\)", cell.source)]
    assert found == []


# --- typed figures come from the data ---------------------------------------------------------

FIGURE = re.compile(r"(?<![\w.\-/])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                    r"(?P<unit>\s?%|\s(?:per cent|percent)\b|\s(?:million|billion)\b)?(?![\w/]|\.\d|\(\w\))")
ROLES = re.compile(r"\{[a-z:]+\}`[^`\n]*`|`[^`\n]*`|\]\([^)\n]*\)|https?://\S+")
FENCE = re.compile(r"^\s*(`{3,}|:{3,})(.*)$")


def _prose_lines(text: str) -> str:
    """The text without its code blocks and without the fence lines of its directives (whose
    bodies and options, such as a figure's alt text, are prose)."""
    kept, code_fence = [], None
    for line in text.splitlines():
        fence = FENCE.match(line)
        if code_fence is not None:
            if fence and fence.group(1) == code_fence and not fence.group(2).strip():
                code_fence = None
            continue
        if fence:
            if fence.group(1).startswith("`") and not fence.group(2).strip().startswith("{"):
                code_fence = fence.group(1)  # a code block: skip it to its closing fence
            continue
        kept.append(line)
    return "\n".join(kept)


def typed_figures(text: str) -> list[str]:
    """The figures typed into a text: numbers of 1,000 or more, percentages and millions. Years,
    dates, section numbers and small counts are left alone; so are pasted numbers and code."""
    text = ROLES.sub(" ", _prose_lines(text))
    out = []
    for m in FIGURE.finditer(text):
        num, unit = m["num"], (m["unit"] or "").strip()
        if unit or "," in num:
            out.append(f"{num} {unit}".strip())
    return out


def _candidates() -> np.ndarray:
    values = []
    for name in names():
        frame = load(name)
        for column in frame.select_dtypes("number").columns:
            values.extend(frame[column].dropna().astype(float).tolist())
    for module_name in measures.CHAPTERS:
        module = getattr(__import__("coursekit.measures", fromlist=[module_name]), module_name)
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            if inspect.signature(fn).parameters:
                continue
            result = fn()
            if isinstance(result, (pd.Series, pd.DataFrame)):
                frame = result.to_frame() if isinstance(result, pd.Series) else result
                numeric = frame.select_dtypes("number").apply(pd.to_numeric, errors="coerce")
                values.extend(numeric.to_numpy(dtype=float, na_value=np.nan).ravel().tolist())
            elif isinstance(plain(result), (int, float)) and not isinstance(result, bool):
                values.append(float(plain(result)))
    return np.array([v for v in values if math.isfinite(v)])


def traced(figure: str, candidates: np.ndarray) -> bool:
    """Whether some value in the data or the measures, rounded as the figure is, gives the figure."""
    num, _, unit = figure.partition(" ")
    number = float(num.replace(",", ""))
    decimals = len(num.partition(".")[2])
    if unit in {"%", "per cent", "percent"}:
        scaled, half = candidates * 100, 0.5 * 10 ** -decimals
    elif unit in {"million", "billion"}:
        scaled, half = candidates / (1e6 if unit == "million" else 1e9), 0.5 * 10 ** -decimals
    else:
        digits = num.replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        scaled, half = candidates, 0.5 * 10 ** zeros if zeros else 0.5
    return bool(np.any(np.abs(np.abs(scaled) - number) <= half + 1e-9))


def _texts():
    """(where, text) for the prose and alt text of the chapters, the Markdown of the exercises,
    with the alt text that exercise cells give their chart outputs (``mystnb.image.alt``), and
    the instructors' pages."""
    for folder, stems in (("chapters", CHAPTERS), ("exercises", EXERCISES)):
        for stem in stems:
            for i, cell in enumerate(notebook(folder, stem).cells):
                if cell.cell_type == "markdown":
                    # the pacing text (words and minutes) is computed and checked by tests/test_pacing.py
                    text = pacing.PAGE_LINE.sub("", pacing.TIME_ROW.sub("", cell.source))
                    yield f"{folder}/{stem}.ipynb cell {i}", text
                alt = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt")
                if alt:
                    yield f"{folder}/{stem}.ipynb cell {i} (alt text)", alt
    # the instructors' pages (guide, reading guide, session plans, role-play) quote figures too;
    # the alignment table is generated and holds none
    for page in sorted((ROOT / "instructors").glob("*.md")):
        if page.name != "alignment.md":
            yield f"instructors/{page.name}", page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def candidates():
    return _candidates()


@pytest.mark.parametrize("text, figures", [
    ("about 11,800 cases in July 2019 (FY2019), section 2.3", ["11,800"]),
    ("67% of cases, 1.5 per cent, 1.6 million events", ["67 %", "1.5 per cent", "1.6 million"]),
    ("pasted {glue:text}`ch2_relief:,.0f` and `code 1,234` are not typed; 243(d) is a law", []),
    ("```{glue:figure} ch2_fig\n:alt: Bars rise to 11,800 in July.\n```", ["11,800"]),
    ("```python\nx = 12,345\n```\nthen 2,000 cases", ["2,000"]),
])
def test_typed_figures_are_found_in_text(text, figures):
    assert typed_figures(text) == figures


def test_a_typed_figure_is_traced_only_when_the_data_give_it(candidates):
    trac = measures.ch02.trac_total()
    assert traced(f"{trac:,}", candidates)
    assert not traced(f"{trac + 7:,}", candidates)
    assert traced(f"{round(trac, -3):,.0f}", candidates)     # "about 71,000"
    assert not traced("123,457", candidates)


def test_every_typed_figure_is_in_the_data_or_the_measures(candidates):
    untraced = {}
    for where, text in _texts():
        missing = [f for f in typed_figures(text) if not traced(f, candidates)]
        if missing:
            untraced[where] = missing
    assert untraced == {}, "paste these numbers with {glue:text}, or correct them against the data"


# --- every measure is used ------------------------------------------------------------------

def measure_functions():
    """(module name, function name) of every public function the measure modules define."""
    for module_name in measures.CHAPTERS:
        module = __import__(f"coursekit.measures.{module_name}", fromlist=["_"])
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                yield module_name, name


def unused_measures(users: str, module_texts: dict[str, str]) -> list[str]:
    """Measures that no user calls by name (or pastes as ch{N}_{name}), nor another measure."""
    unused = []
    for module_name, name in measure_functions():
        glue_name = f"ch{int(module_name[2:])}_{name}"
        own = re.sub(rf"def {name}\(", "", module_texts[module_name])
        if not (re.search(rf"\b{name}\b", users) or glue_name in users or re.search(rf"\b{name}\(", own)):
            unused.append(f"{module_name}.{name}")
    return unused


def test_every_measure_is_called_somewhere():
    users = "\n".join(
        [p.read_text(encoding="utf-8") for p in _package_sources() if "measures" not in p.parts]
        + [p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_measures.py"]
        + [p.read_text(encoding="utf-8") for p in (ROOT / "chapters" / "quizzes").glob("*.yml")]
        + [p.read_text(encoding="utf-8") for folder in ("chapters", "exercises")
           for p in (ROOT / folder).glob("*.ipynb")])
    texts = {m: (ROOT / "coursekit" / "measures" / f"{m}.py").read_text(encoding="utf-8") for m in measures.CHAPTERS}
    assert unused_measures(users, texts) == []
    some_module, some_name = next(measure_functions())
    texts_without_users = {m: f"def {some_name}(): pass" if m == some_module else "" for m in measures.CHAPTERS}
    assert f"{some_module}.{some_name}" in unused_measures("", texts_without_users)


def test_the_instructors_pages_are_read_for_typed_figures():
    assert any(where == "instructors/roleplay-june-2019.md" for where, _ in _texts())
    assert not any(where == "instructors/alignment.md" for where, _ in _texts())
