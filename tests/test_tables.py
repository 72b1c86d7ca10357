"""coursekit.tables: the HTML of every table a cell shows, and the check that finds bad cells."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from coursekit import tables
from htmlscan import cell_faults, table_cells


def cells(obj) -> list[str]:
    (table,) = table_cells(tables.to_html(obj))
    return table


def test_whole_numbers_held_as_floats_print_whole_with_separators():
    frame = pd.DataFrame({"Mexican nationals": [127938.0, 152257.0], "Other": [175978.0, 685050.0]},
                         index=pd.Index([2017, 2018], name="fiscal_year"))
    shown = cells(frame)
    assert ["127,938", "175,978", "152,257", "685,050"] == [c for c in shown if "," in c]
    assert not [c for c in shown if c.endswith(".0")]


def test_nullable_integers_and_missing_values():
    frame = pd.DataFrame({"count": pd.array([1643679, None], dtype="Int64")})
    assert cells(frame)[-3:] == ["1,643,679", "1", "<NA>"]


def test_a_column_of_years_keeps_its_numbers_plain():
    frame = pd.DataFrame({"fiscal_year": [2019, 2020], "count": [12345, 2019]})
    assert cells(frame)[-6:] == ["0", "2019", "12,345", "1", "2020", "2,019"]


def test_fractions_of_a_column_share_their_decimals_and_lose_float_noise():
    frame = pd.DataFrame({"share": [0.36, 0.527, 0.1 + 0.2], "mixed": [39000.0, 0.5, np.nan]})
    shown = cells(frame)
    assert shown[-9:] == ["0", "0.360", "39,000", "1", "0.527", "0.5", "2", "0.300", "NaN"]


def test_text_is_whole_and_escaped_and_long_text_gets_room():
    note = "Remain in Mexico: " + "a long note that pandas would cut at fifty characters " * 2
    html = tables.to_html(pd.DataFrame({"note": [note, "a < b & c"]}))
    assert note.strip() in " ".join(table_cells(html)[0])
    assert "a &lt; b &amp; c" in html
    assert 'style="min-width: 28ch;">note</th>' in html  # long text: the widest room
    short = tables.to_html(pd.DataFrame({"period": ["as of 2019-06", "FY2019"], "code": ["a1", "b2"]}))
    assert 'style="min-width: 13ch;">period</th>' in short and "<th>code</th>" in short  # nothing to wrap


def test_no_style_block_no_empty_header_cell_and_no_invalid_attribute():
    frame = pd.DataFrame(np.arange(6).reshape(2, 3) * 10000,
                         columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y"), ("b", "x")]))
    frame.index.name = "row"
    html = tables.to_html(frame)
    assert "<style" not in html and "<th></th>" not in html and "halign" not in html and "border=" not in html
    assert 'colspan="2"' in html


def test_a_series_is_a_table_with_its_name_as_header():
    named = tables.to_html(pd.Series([1.5, 2.0], index=pd.Index(["a", "b"], name="k"), name="rate"))
    assert "<th>rate</th>" in named and "<td>1.5</td>" in named and "<td>2</td>" in named
    unnamed = tables.to_html(pd.Series([1, 2]))
    assert "<thead>" not in unnamed


def test_float_labels_of_an_index_print_as_numbers():
    assert cells(pd.Series([1], index=pd.Index([2019.0], name="year")))[:2] == ["year", ""]
    assert "2019" in cells(pd.Series([1], index=[2019.0])) and "2019.0" not in cells(pd.Series([1], index=[2019.0]))


def test_long_frames_are_cut_as_pandas_cuts_them():
    html = tables.to_html(pd.DataFrame({"n": range(100)}))
    assert "100 rows × 1 columns" in html and html.count("<tr>") < 20


def test_number_text_cases():
    assert tables.number_text(1234567) == "1,234,567"
    assert tables.number_text(1234567, separators=False) == "1234567"
    assert tables.number_text(-0.00001, decimals=3) == "0"
    assert tables.number_text(float("nan")) == "nan"
    assert tables.number_text(True) == "True"
    assert tables.number_text("FY2019") == "FY2019"


def test_anything_but_a_frame_is_refused_by_name():
    with pytest.raises(TypeError, match="not list"):
        tables.to_html([1, 2])


def test_register_makes_an_ipython_shell_show_course_tables_and_falls_back_to_pandas(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    assert tables.register(shell)
    frame = pd.DataFrame({"n": [127938.0]})
    data, _ = shell.display_formatter.format(frame)
    assert data["text/html"] == tables.to_html(frame)
    data, _ = shell.display_formatter.format(frame["n"])
    assert data["text/html"] == tables.to_html(frame["n"])

    def fail(obj):
        raise ValueError("cannot show this")

    monkeypatch.setattr(tables, "to_html", fail)
    data, _ = shell.display_formatter.format(frame)
    assert data["text/html"] == frame._repr_html_()  # pandas's own, rather than nothing


def test_register_outside_ipython_does_nothing(monkeypatch):
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    assert tables.register() is False


def test_importing_coursekit_in_a_kernel_shows_frames_as_course_tables():
    """Every notebook's first code cell imports coursekit: that alone must switch a kernel to
    these tables, so no chapter needs a line of its own."""
    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "shell = InteractiveShell.instance()\n"
            "import coursekit, pandas as pd\n"
            "print(shell.display_formatter.format(pd.DataFrame({'n': [127938.0]}))[0]['text/html'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "127,938" in out and "<style" not in out, out


# --- the check of the built pages' tables (tests/htmlscan.py) -------------------------------------

@pytest.mark.parametrize(("cell", "fault"), [
    ("127938.0", "float noise"),
    ("-3.00", "float noise"),
    ("0.30000000000000004", "float noise"),
    ("127938", "no thousands separators"),
    ("Remain in Mexi...", "truncated text"),
    ("Remain in Mexi…", "truncated text"),
])
def test_the_cell_check_finds_each_fault(cell, fault):
    assert (fault, cell) in cell_faults(f"<table><tr><th>x</th><td>{cell}</td></tr></table>")


@pytest.mark.parametrize("cell", ["127,938", "0.125", "0.360", "2019", "FY2019", "...", "1.5", "<NA>", "as of 2021-01"])
def test_the_cell_check_passes_clean_cells(cell):
    from html import escape

    assert cell_faults(f"<table><tr><td>{escape(cell)}</td></tr></table>") == []


def test_the_cell_check_reads_only_tables():
    assert cell_faults("<p>127938.0</p><pre>Remain in Mexi...</pre>") == []
