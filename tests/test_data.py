"""Every dataset loads, validates and is traceable; broken copies fail with a message that says where."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from coursekit import data
from coursekit.data import DataError

NAMES = data.names()


def test_all_datasets_are_declared():
    assert NAMES == ["us_southwest_border", "us_border_by_citizenship", "mexico_enforcement", "mpp", "ice_removals",
                     "removal_cooperation", "mexico_asylum", "safe_mobility", "legal_pathways", "timeline", "key_figures"]
    table = data.available()
    assert list(table.index) == NAMES and table["title"].str.len().min() > 10


@pytest.mark.parametrize("name", NAMES)
def test_dataset_loads_typed_and_sourced(name):
    frame = data.load(name)
    res = data.resource(name)
    assert len(frame) > 0
    for field in res["schema"]["fields"]:
        dtype = str(frame[field["name"]].dtype)
        assert dtype == {"integer": "Int64", "number": "Float64", "string": "string", "date": "datetime64[ns]"}[field["type"]] \
            or (field["type"] == "date" and dtype.startswith("datetime64")), (field["name"], dtype)
    assert frame["source"].notna().all(), "every row needs a source key"
    assert frame.attrs["period"] == res["period"]


def test_load_returns_a_fresh_copy():
    a = data.load("timeline")
    a.loc[0, "event"] = "changed"
    assert data.load("timeline").loc[0, "event"] != "changed"


def test_every_source_key_resolves_to_a_complete_bib_entry():
    from pybtex.database import parse_file

    bib = parse_file(ROOT / "references.bib")
    used = {k for name in NAMES for cell in data.load(name)["source"] for k in data._split_keys(cell)}
    assert used, "no source keys found"
    problems = []
    for key in sorted(used):
        entry = bib.entries[key]
        if "title" not in entry.fields:
            problems.append(f"{key}: no title")
        if not ({"publisher", "institution", "organization", "journal"} & set(entry.fields)):
            problems.append(f"{key}: no publisher")
        if not ({"url", "doi"} & set(entry.fields)):
            problems.append(f"{key}: no url or doi")
    assert not problems, "\n".join(problems)


def test_data_dictionary_is_generated_from_the_manifest():
    assert (ROOT / "data" / "README.md").read_text(encoding="utf-8") == data.data_dictionary(), \
        "data/README.md is stale: run python -m coursekit.data --readme"


def test_period_kinds_are_recorded():
    kinds = {name: data.resource(name)["period"] for name in NAMES}
    assert kinds["us_southwest_border"] == "fiscal" and kinds["ice_removals"] == "fiscal"
    assert kinds["mexico_enforcement"] == "calendar" and kinds["mexico_asylum"] == "calendar"


# --- broken copies in a temporary folder -------------------------------------------------

@pytest.fixture
def broken(tmp_path):
    """A copy of data/ and references.bib that a test can damage."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")

    def damage(name: str, edit) -> Path:
        path = tmp_path / "data" / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
        return tmp_path / "data"
    return damage


def replace_cell(line: str, index: int, value: str) -> str:
    import csv
    import io

    row = next(csv.reader([line]))
    row[index] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    return buf.getvalue()


def drop_cell(line: str, index: int) -> str:
    import csv
    import io

    row = next(csv.reader([line]))
    del row[index]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    return buf.getvalue()


def test_unknown_name_suggests_the_closest():
    with pytest.raises(DataError, match="unknown dataset 'mexico_asylm'. Did you mean 'mexico_asylum'?"):
        data.load("mexico_asylm")
    with pytest.raises(DataError, match="must be a string"):
        data.load(3)


def test_missing_file(tmp_path, broken):
    folder = broken("mpp", lambda lines: lines)
    (folder / "mpp.csv").unlink()
    with pytest.raises(DataError, match=r"dataset 'mpp' \(.*mpp.csv\): the data file is missing"):
        data.load("mpp", data_dir=folder)


@pytest.mark.parametrize("name, edit, message", [
    ("timeline", lambda ls: [drop_cell(l, 1) for l in ls],
     "line 1: missing column(s) ['precision']"),
    ("timeline", lambda ls: [ls[0] + ",extra"] + [l + ",x" for l in ls[1:]], "line 1: unexpected column(s) ['extra']"),
    ("us_southwest_border", lambda ls: ls[:3] + [replace_cell(ls[3], 2, "lots")] + ls[4:],
     "line 4, column 'count': expected a whole number, got 'lots'"),
    ("us_southwest_border", lambda ls: ls[:2] + [replace_cell(ls[2], 2, "-5")] + ls[3:],
     "line 3, column 'count': a negative count (-5) is below the minimum 0"),
    ("us_southwest_border", lambda ls: ls + [ls[1]], "duplicate primary key (fiscal_year=2018, measure='swb_encounters_total')"),
    ("us_southwest_border", lambda ls: ls[:2] + [replace_cell(ls[2], 3, "nobody2024made_up")] + ls[3:],
     "line 3, column 'source': source key 'nobody2024made_up' is not defined"),
    ("us_southwest_border", lambda ls: ls[:2] + [replace_cell(ls[2], 1, "usbp_apprehension")] + ls[3:],
     "line 3, column 'measure': 'usbp_apprehension' is not one of the allowed values"),
    ("timeline", lambda ls: ls[:2] + [replace_cell(ls[2], 0, "2019-02-30")] + ls[3:],
     "line 3, column 'date': '2019-02-30' is not a real calendar date"),
    ("timeline", lambda ls: ls[:2] + [ls[2] + ",surplus"] + ls[3:], "line 3: has 6 fields but the header has 5"),
    ("timeline", lambda ls: ls[:2] + ['2019-01-01,day,mpp,"unclosed'] + ls[3:], "not well-formed CSV"),
    ("timeline", lambda ls: ls[:1], "has a header but no data rows"),
    ("timeline", lambda ls: [], "the file is empty"),
    ("us_southwest_border", lambda ls: ls[:2] + [replace_cell(ls[2], 0, "")] + ls[3:],
     "line 3, column 'fiscal_year': a value is required but the cell is empty"),
])
def test_broken_csv_names_dataset_line_and_column(broken, name, edit, message):
    folder = broken(name, edit)
    with pytest.raises(DataError) as err:
        data.load(name, data_dir=folder)
    text = str(err.value)
    assert text.startswith(f"dataset '{name}' ("), text
    assert f"{name}.csv" in text
    assert message in text, text


def test_not_utf8(broken):
    folder = broken("timeline", lambda ls: ls)
    (folder / "timeline.csv").write_bytes("date,precision\n2019-01-01,d\xe9y\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        data.load("timeline", data_dir=folder)


def test_broken_manifest_is_reported(broken):
    folder = broken("timeline", lambda ls: ls)
    doc = json.loads((folder / "datapackage.json").read_text())
    doc["resources"][0]["period"] = "lunar"
    (folder / "datapackage.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match="resources/0/period"):
        data.load("timeline", data_dir=folder)
    (folder / "datapackage.json").write_text("{not json")
    with pytest.raises(DataError, match="not valid JSON"):
        data.names(folder)


def test_thousands_separators_in_counts_are_accepted(broken):
    folder = broken("us_southwest_border", lambda ls: ls[:1] + [replace_cell(ls[1], 2, "521,090")] + ls[2:])
    frame = data.load("us_southwest_border", data_dir=folder)
    assert frame.loc[0, "count"] == 521090
    assert isinstance(frame, pd.DataFrame)


def test_value_picks_exactly_one_row_or_says_why():
    assert data.value("key_figures", measure="recalcitrant_countries", period="as of 2020-07") == 13
    assert isinstance(data.value("us_southwest_border", fiscal_year=2019, measure="usbp_apprehensions"), int)
    with pytest.raises(DataError, match="expected exactly one row with measure='nothing', found 0"):
        data.value("key_figures", measure="nothing")
    border = data.load("us_southwest_border")
    doubled = pd.concat([border, border], ignore_index=True)
    with pytest.raises(DataError, match="fiscal_year=2020, measure='usbp_apprehensions', found 2"):
        data.value(doubled, fiscal_year=2020, measure="usbp_apprehensions")
    with pytest.raises(DataError, match=r"no column\(s\) \['colour'\]"):
        data.value("timeline", colour="red", column="event")


def test_value_passes_over_missing_cells():
    frame = pd.DataFrame({"measure": pd.array(["a", pd.NA, "b"], dtype="string"),
                          "year": pd.array([2019, 2020, pd.NA], dtype="Int64"),
                          "value": pd.array([1.5, 2.5, 3.5], dtype="Float64")})
    assert data.value(frame, measure="a") == 1.5
    assert data.value(frame, measure="b") == 3.5
    assert data.value(frame, year=2020) == 2.5
    with pytest.raises(DataError, match="found 0"):
        data.value(frame, measure="b", year=2020)


def test_glue_pastes_numbers_as_plain_numbers_and_refuses_what_cannot_be_pasted(monkeypatch):
    import myst_nb
    from matplotlib.figure import Figure
    import numpy as np

    import coursekit

    seen = []
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True: seen.append((name, value, display)))
    coursekit.glue("ch9_share", np.float64(0.5))
    coursekit.glue("ch9_count", np.int64(12))
    figure = Figure()
    coursekit.glue("ch9_fig", figure)
    assert seen == [("ch9_share", 0.5, False), ("ch9_count", 12, False), ("ch9_fig", figure, True)]
    assert [type(v) for _, v, _ in seen[:2]] == [float, int]
    for args, kwargs, message in [(("ch9_flag", np.bool_(True)), {}, "got a bool"),
                                  (("ch9 share", 0.5), {}, "must be an identifier"),
                                  (("ch9_share", 0.5), {"display": True}, "a number is pasted into the prose")]:
        with pytest.raises((TypeError, ValueError), match=message):
            coursekit.glue(*args, **kwargs)
    assert len(seen) == 3


# --- the standard's own validator ------------------------------------------------------------------

def frictionless_errors(package: Path) -> list[tuple]:
    """Every error frictionless finds in a data package: (resource, type, row, field)."""
    import frictionless

    report = frictionless.validate(str(package))
    found = [(None, error.type, None, None) for error in report.errors]
    for task in report.tasks:
        found += [(task.name, error.type, getattr(error, "row_number", None), getattr(error, "field_name", None))
                  for error in task.errors]
    return found


def test_frictionless_finds_the_data_package_valid():
    assert frictionless_errors(ROOT / "data" / "datapackage.json") == []


def _broken_copy(tmp_path, csv: str, old: str, new: str) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / csv
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {csv}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "data" / "datapackage.json"


FRICTIONLESS_BAD = {
    # name: (file, text to replace, replacement, expected (resource, error type, row, field))
    "negative count": ("us_southwest_border.csv", "2018,swb_encounters_total,521090,", "2018,swb_encounters_total,-521090,",
                       ("us_southwest_border", "constraint-error", 2, "count")),
    "count that is not a number": ("us_southwest_border.csv", "2018,swb_encounters_total,521090,",
                                   "2018,swb_encounters_total,521 090,", ("us_southwest_border", "type-error", 2, "count")),
    "duplicate key": ("us_southwest_border.csv", "2019,swb_encounters_total,977509,", "2018,swb_encounters_total,977509,",
                      ("us_southwest_border", "primary-key", 3, None)),
    "created is not a date-time": ("datapackage.json", '"created": "2026-11-28T00:00:00Z"', '"created": "28 November 2026"',
                                   (None, "package-error", None, None)),
}


@pytest.mark.parametrize("case", sorted(FRICTIONLESS_BAD))
def test_frictionless_reports_each_broken_value_with_its_row_and_field(tmp_path, case):
    csv, old, new, expected = FRICTIONLESS_BAD[case]
    errors = frictionless_errors(_broken_copy(tmp_path, csv, old, new))
    assert errors == [expected]
