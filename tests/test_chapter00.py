"""Chapter 0 (working with the course data): its claims hold in the data, its worked examples give
the measures' values, and it teaches every pandas operation that the exercises use.

The primer's code cells compute in the open (they are tagged ``worked-example``); the numbers in
its prose come from :mod:`coursekit.measures.ch00`. The tests run the primer's visible code, as a
student would, and compare what it gives with the measures, so the lesson and the prose cannot
drift apart. The coverage test reads the code of every exercise (solutions and scaffolds) and
fails, naming each one, on an operation that the primer does not teach.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import matplotlib.axes
import matplotlib.figure
import nbformat
import pandas as pd
import pytest
from pandas.core.groupby import DataFrameGroupBy, SeriesGroupBy
from pandas.core.strings.accessor import StringMethods

from conftest import ROOT
from coursekit import measures, plots
from coursekit.checks import drawn_series
from coursekit.data import load, value
from coursekit.measures import ch00 as m
from coursekit.measures import ch01 as m1
from coursekit.solutions import split_prompt

CHAPTER = ROOT / "chapters" / "00_working_with_data.ipynb"
NT = ["Guatemala", "Honduras", "El Salvador"]
HIDDEN = "remove-cell"


def chapter():
    return nbformat.read(CHAPTER, as_version=4)


def _python(source: str) -> str:
    """A cell's code with each IPython line magic or shell escape replaced by ``pass``."""
    return "\n".join(line[:len(line) - len(line.lstrip())] + "pass  # " + line.lstrip()
                     if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


# --- the worked examples, run as a student runs them ---------------------------------------------

@pytest.fixture(scope="module")
def ran():
    """The namespace of the primer's code, run top to bottom (the quiz left out), and what its
    hidden cells glue. glue is replaced by a recorder, so nothing is displayed."""
    glued: dict[str, object] = {}
    scope: dict[str, object] = {}
    for cell in chapter().cells:
        if cell.cell_type != "code" or "show_quiz" in cell.source or cell.source.startswith("# Opened outside"):
            continue
        exec(compile(_python(cell.source), str(CHAPTER), "exec"), scope)  # noqa: S102 (the course's own code)
        scope["glue"] = lambda name, obj, display=None: glued.__setitem__(name, obj)
    return scope, glued


def test_the_worked_examples_count_the_rows_the_prose_counts(ran):
    scope, _ = ran
    assert len(scope["citizenship"]) == m.citizenship_rows()
    assert len(scope["usbp"]) == m.usbp_rows()
    counts = scope["counts"]
    assert counts[NT].sum() / counts["Total"] == m1.nt_share_2019()


def test_masks_and_query_keep_the_same_rows(ran):
    scope, _ = ran
    with_masks, with_query = scope["with_masks"], scope["with_query"]
    assert len(with_masks) > 0
    assert with_masks.index.tolist() == with_query.index.tolist()
    assert set(with_masks["citizenship"]) == set(NT)


def test_the_pivot_and_its_gaps_are_as_described(ran):
    scope, _ = ran
    wide = scope["wide"]
    assert len(wide) == 20, "the prose says twenty fiscal years"
    assert len(wide.dropna()) == m.complete_years()
    assert int(wide.dropna().index.min()) == m.first_complete_year()
    assert set(wide.columns) == {"Total", "Mexico", *NT}
    # the gaps are in the three Central American columns only
    assert wide[["Total", "Mexico"]].notna().all().all()
    assert wide[NT].isna().any().all()


def test_the_ratio_share_and_change_are_the_measures(ran):
    scope, _ = ran
    assert scope["ratio"] == m.total_ratio_2019_2017()
    pd.testing.assert_series_equal(scope["share"], m.mexican_share())
    pd.testing.assert_series_equal(scope["change"].dropna(), m.total_change(), check_names=False)
    assert scope["difference"].loc[2019] == m.total_diff_2019()
    assert len(scope["total"].loc[2017:2019]) == 3, "a label range includes both ends"


def test_the_group_sums_counts_and_extremes_are_the_measures(ran):
    scope, _ = ran
    pd.testing.assert_series_equal(scope["nt_sum"].astype(float), m.nt_by_year())
    pd.testing.assert_series_equal(scope["nt_count"], m.nt_rows_by_year())
    series = scope["series"]
    pd.testing.assert_series_equal(series, m1.mx_apprehensions(), check_names=False, check_index_type=False)
    assert (series.idxmax(), series.idxmin()) == (m.mexico_peak_year(), m.mexico_low_year())
    assert scope["total"].idxmin() == m.total_low_year()
    assert scope["share"].idxmin() == m.lowest_share_year()
    assert series.pct_change().loc[2015] == m.mexico_change_2015_unspaced()


def test_the_chart_draws_the_series_it_says_with_its_labels(ran):
    scope, glued = ran
    fig = glued["ch0_fig_mexico"]
    assert fig is scope["fig"], "the figure placed in the book is the one the cell draws"
    (line,) = drawn_series(fig.axes[0])
    want = m1.mx_apprehensions()
    assert {int(k): v for k, v in line.values.items()} == {int(k): float(v) for k, v in want.items()}
    ax = fig.axes[0]
    assert "Calendar year" in ax.get_xlabel() and "(events)" in ax.get_ylabel()
    assert any(t.get_text().startswith("Source:") for t in fig.texts), "no source line"
    # a line with a gap: every year 2012-2023 is on the x axis, the missing ones empty
    x = [int(v) for v in ax.get_lines()[0].get_xdata()]
    assert x == list(range(2012, 2024))


def test_every_pasted_number_is_glued_and_each_measure_named_one_has_its_value(ran):
    _, glued = ran
    prose = "\n".join(c.source for c in chapter().cells if c.cell_type == "markdown")
    pasted = set(re.findall(r"\{glue:text\}`([^`:]+)", prose))
    assert pasted <= set(glued), f"pasted but never glued: {sorted(pasted - set(glued))}"
    checked = 0
    for name in pasted:
        fn = measures.for_glue_name(name)
        if fn is not None:
            checked += 1
            assert glued[name] == fn(), name
    assert checked >= 10


# --- the claims of the prose, in the data ---------------------------------------------------------

def test_the_first_row_and_the_columns_are_as_described():
    table = load("us_border_by_citizenship")
    assert list(table.columns) == ["fiscal_year", "citizenship", "measure", "count", "source", "note"]
    first = table.iloc[:1].to_dict("records")[0]
    assert (first["fiscal_year"], first["citizenship"], first["measure"]) == (2000, "Mexico", "usbp_apprehensions")
    assert table["count"].notna().all(), "every row is one published number"


def test_fy2015_keeps_three_citizenships_for_the_first_try_it():
    table = load("us_border_by_citizenship")
    fy2015 = table[(table["measure"] == "usbp_apprehensions") & (table["fiscal_year"] == 2015)]
    assert sorted(fy2015["citizenship"]) == ["El Salvador", "Mexico", "Total"]


def test_guatemalans_outnumber_mexicans_in_fy2019_for_the_second_try_it():
    def fy2019(who):
        return value("us_border_by_citizenship", measure="usbp_apprehensions", citizenship=who, fiscal_year=2019)

    assert fy2019("Guatemala") / fy2019("Total") > m.mexican_share_2019()


def test_the_sum_that_looks_like_a_collapse_is_one_country():
    year = m.one_country_year()
    assert year == 2015
    assert m.one_country_year_sum() == value("us_border_by_citizenship", measure="usbp_apprehensions",
                                             citizenship="El Salvador", fiscal_year=year)
    sums = m.nt_by_year()
    assert sums.loc[year] < sums.loc[2014] and sums.loc[year] < sums.loc[2016]


def test_pivot_refuses_two_rows_for_one_cell():
    """The prose says pivot stops with "Index contains duplicate entries" when a table holds two."""
    ice = load("ice_removals")
    with pytest.raises(ValueError, match="Index contains duplicate entries"):
        ice.pivot(index="fiscal_year", columns="country", values="count")


def test_mexicos_series_comes_from_the_hill_for_2017_to_2020_with_the_gaps_named():
    rows = load("mexico_enforcement")
    presented = rows[(rows["measure"] == "presented") & (rows["nationality"] == "Total")]
    hill = presented[presented["source"] == "hill2021mexico"]
    assert sorted(hill["year"]) == [2017, 2018, 2019, 2020]
    twice = presented.groupby("year").size()
    assert sorted(twice[twice == 2].index) == [2018, 2020], "the prose names 2018 and 2020 as two vintages"
    years = set(m1.mx_apprehensions().index)
    assert len(years) == m.mexico_years()
    assert set(range(2012, 2024)) - years == {2013, 2014, 2016}
    assert (m.mexico_peak_year(), m.mexico_low_year()) == (2023, 2020)


def test_pct_change_compares_with_the_row_above_and_reindex_empties_the_changes_next_to_a_gap():
    series = m1.mx_apprehensions()
    labels = list(series.index)
    assert labels[labels.index(2015) - 1] == 2012, "the row above 2015 is 2012"
    spaced = series.reindex(range(2012, 2024)).pct_change()
    assert spaced.loc[[2013, 2014, 2015, 2016, 2017]].isna().all()
    assert spaced.loc[2018:].notna().all()
    # the third try-it: the values of the unspaced changes that span one year
    unspaced = series.pct_change().dropna()
    one_year = [int(y) for y in unspaced.index if labels[labels.index(y) - 1] == y - 1]
    assert one_year == [2018, 2019, 2020, 2021, 2022, 2023]


def test_the_us_extremes_the_prose_names():
    assert m.total_low_year() == 2017
    assert m.lowest_share_year() == 2019


def test_the_alt_text_of_the_chart_gives_the_points_it_draws():
    alt = next(line for c in chapter().cells if c.cell_type == "markdown"
               for line in c.source.splitlines() if line.startswith(":alt: Line chart of apprehensions"))
    series = m1.mx_apprehensions()
    for year in (2012, 2015, 2017, 2019, 2020, 2023):
        rounded = f"{round(series.loc[year], -3):,.0f}"
        assert re.search(rf"\b{re.escape(rounded)}\b", alt), f"the alt text does not give about {rounded} for {year}"


# --- the primer teaches every operation the exercises use -----------------------------------------

# The objects whose methods and attributes count as operations a student must know: pandas
# (the module, tables, columns, labels, groups, text columns) and the charts (matplotlib's axes
# and figures, and coursekit.plots). Other names (Python's own, the course's check) are not.
API = (pd, pd.DataFrame, pd.Series, pd.Index, DataFrameGroupBy, SeriesGroupBy, StringMethods,
       matplotlib.axes.Axes, matplotlib.figure.Figure, plots)


def is_operation(name: str) -> bool:
    return not name.startswith("_") and any(hasattr(api, name) for api in API)


def attributes(code: str) -> set[str]:
    """Every name read as an attribute (``x.name``) in a piece of code."""
    return {node.attr for node in ast.walk(ast.parse(_python(code))) if isinstance(node, ast.Attribute)}


def exercise_operations(nb, where: str) -> dict[str, list[str]]:
    """Each operation an exercise's code uses, solutions and scaffolds alike, with the cells that use it."""
    found: dict[str, list[str]] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        code, prompt = split_prompt(cell.source, f"{where} cell {i}")
        for part in (code, "\n".join(prompt or [])):
            for name in attributes(part):
                if is_operation(name):
                    found.setdefault(name, []).append(f"{where} cell {i}")
    return found


INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def taught(nb) -> set[str]:
    """The operations a chapter teaches: those its code cells use (leaving out the hidden cells
    that only paste numbers) and those its prose shows in inline code that reads as Python."""
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and HIDDEN not in cell.metadata.get("tags", []):
            names |= attributes(cell.source)
        elif cell.cell_type == "markdown":
            for snippet in INLINE_CODE.findall(cell.source):
                try:  # ".sum()" in prose is a method named without its object
                    names |= attributes("_" + snippet if snippet.startswith(".") else snippet)
                except SyntaxError:
                    continue
    return {name for name in names if is_operation(name)}


def untaught(primer, exercises: dict[str, object]) -> dict[str, list[str]]:
    known = taught(primer)
    missing: dict[str, list[str]] = {}
    for where, nb in exercises.items():
        for name, cells in exercise_operations(nb, where).items():
            if name not in known:
                missing.setdefault(name, []).extend(cells)
    return missing


def test_the_primer_teaches_every_operation_the_exercises_use():
    exercises = {p.relative_to(ROOT).as_posix(): nbformat.read(p, as_version=4)
                 for p in sorted((ROOT / "exercises").glob("*.ipynb"))}
    assert len(exercises) >= 5
    used = {name for nb in exercises.values() for name in exercise_operations(nb, "x")}
    assert {"pivot", "groupby", "query", "combine_first", "pct_change", "new_figure"} <= used, \
        "the exercise reader finds no operations: the test would pass on anything"
    missing = untaught(chapter(), exercises)
    assert missing == {}, "operations the exercises use that chapter 0 does not teach:\n" + "\n".join(
        f"  .{name}: {', '.join(sorted(set(cells)))}" for name, cells in sorted(missing.items()))


def test_the_primer_covers_the_operations_its_brief_names():
    code = "\n".join(c.source for c in chapter().cells if c.cell_type == "code"
                     and HIDDEN not in c.metadata.get("tags", []))
    used = attributes(code) | {n.id for n in ast.walk(ast.parse(_python(code))) if isinstance(n, ast.Name)}
    wanted = {"load", "value", "query", "pivot", "pct_change", "diff", "groupby", "combine_first", "idxmin",
              "idxmax", "new_figure", "plot"}
    assert wanted <= used, sorted(wanted - used)


def test_the_coverage_check_names_an_operation_the_primer_does_not_teach():
    primer = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('t = load("x")\nt[t["a"] == 1].groupby("b").size()'),
        nbformat.v4.new_markdown_cell("Use `s.cumsum()` for a running total."),
        nbformat.v4.new_code_cell("glue('n', t.melt())", metadata={"tags": [HIDDEN]}),  # hidden: not taught
    ])
    exercise = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        '""" # BEGIN PROMPT\nlong = ...  # write wide.melt()\nr = t.rolling(3)\n"""; # END PROMPT\n'
        "# BEGIN SOLUTION\nlong = wide.melt()\ns = t.groupby('b').size().cumsum()\nx = thing.frobnicate()\n"
        "# END SOLUTION\ncheck('ex99_1', s)")])
    missing = untaught(primer, {"exercises/99_demo.ipynb": exercise})
    assert sorted(missing) == ["melt", "rolling"], "melt in the solution, rolling in the scaffold"
    assert missing["melt"] == ["exercises/99_demo.ipynb cell 0"]
    assert "frobnicate" not in missing, "a name no pandas or chart object has is not an operation"


def test_the_taught_set_reads_code_and_inline_code_but_not_hidden_cells():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("s.pct_change()"),
        nbformat.v4.new_markdown_cell("`ax.step(x, y)`, `.cumsum()`, `not python: [` and ``fenced``"),
        nbformat.v4.new_code_cell("s.diff()", metadata={"tags": [HIDDEN]}),
    ])
    assert taught(nb) == {"pct_change", "step", "cumsum"}


def test_chapter_file_is_first_in_the_table_of_contents():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = {part["caption"]: part["chapters"] for part in toc["parts"]}
    assert parts["Chapters"][0]["file"] == "chapters/00_working_with_data"
    assert parts["Exercises"][0]["file"] == "exercises/00_working_with_data"
    assert Path(ROOT / "exercises" / "00_working_with_data.ipynb").is_file()
