"""Load the course's datasets, validated against ``data/datapackage.json``.

Every dataset is one CSV file described by a resource in a Frictionless-style Data Package
manifest: its fields, their types, units and constraints, its primary key, whether it counts in
fiscal or calendar years, and its sources. :func:`load` reads a CSV, checks every row against
that description and returns a typed :class:`pandas.DataFrame`. Anything wrong is reported as a
:class:`DataError` that names the dataset, the file, the line and the column.

    >>> from coursekit.data import load, available
    >>> available()                      # doctest: +SKIP
    >>> border = load("us_southwest_border")  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from coursekit import sources
from coursekit._paths import BIB_FILE, DATA_DIR, ROOT  # a checkout's files, or the wheel's copies
from coursekit._schema import import_jsonschema, iter_errors

# Load jsonschema now, without its slow optional plug-ins, before myst-nb's glue imports it with
# them (through nbformat): that saves two to three seconds per notebook. See coursekit/_schema.py.
import_jsonschema()

MANIFEST_NAME = "datapackage.json"

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BIB_KEY = re.compile(r"^\s*@\s*(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)

# The manifest itself is checked with a JSON Schema before any CSV is read.
MANIFEST_SCHEMA = {
    "type": "object",
    "required": ["name", "title", "resources"],
    "properties": {
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path", "title", "description", "period", "schema", "sources"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                    "path": {"type": "string", "pattern": r"^[a-z0-9_]+\.csv$"},
                    "period": {"enum": ["fiscal", "calendar", "date", "mixed", "none"]},
                    "sources": {"type": "array", "minItems": 1},
                    "schema": {
                        "type": "object",
                        "required": ["fields", "primaryKey"],
                        "properties": {
                            "primaryKey": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                            "fields": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type", "description"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "type": {"enum": ["integer", "number", "string", "date"]},
                                        "constraints": {"type": "object"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }
    },
}


class DataError(ValueError):
    """A dataset could not be found, read or validated. The message says where and why."""


@dataclass(frozen=True)
class _Where:
    name: str
    path: Path

    def __call__(self, message: str, line: int | None = None, column: str | None = None) -> DataError:
        parts = [f"dataset '{self.name}' ({_show(self.path)})"]
        if line is not None:
            parts.append(f"line {line}")
        if column is not None:
            parts.append(f"column '{column}'")
        return DataError(", ".join(parts) + ": " + message)


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _data_dir(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


def _bib_path(data_dir: Path, bib_file: str | Path | None) -> Path:
    if bib_file is not None:
        return Path(bib_file)
    local = data_dir.parent / "references.bib"
    return local if local.exists() else BIB_FILE


def manifest(data_dir: str | Path | None = None) -> dict:
    """Return the parsed and schema-checked Data Package manifest."""
    folder = _data_dir(data_dir)
    path = folder / MANIFEST_NAME
    stat = _stat(path)
    if stat is None:
        raise DataError(f"no data manifest at {_show(path)}")
    return _manifest_cached(str(path), stat)


@lru_cache(maxsize=8)
def _manifest_cached(path: str, _stat_key: tuple) -> dict:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{_show(Path(path))} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    errors = sorted(iter_errors(MANIFEST_SCHEMA, doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise DataError(f"{_show(Path(path))} does not follow the manifest schema at {where}: {err.message}")
    for res in doc["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        missing = [k for k in res["schema"]["primaryKey"] if k not in names]
        if missing:
            raise DataError(f"{_show(Path(path))}: resource '{res['name']}' has primary key "
                            f"field(s) {missing} that are not among its fields")
        if "source" not in names:
            raise DataError(f"{_show(Path(path))}: resource '{res['name']}' has no 'source' field")
    return doc


def _stat(path: Path):
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def names(data_dir: str | Path | None = None) -> list[str]:
    """The names of all datasets, in manifest order."""
    return [r["name"] for r in manifest(data_dir)["resources"]]


def resource(name: str, data_dir: str | Path | None = None) -> dict:
    """The manifest entry of one dataset. Unknown names get a suggestion."""
    if not isinstance(name, str):
        raise DataError(f"a dataset name must be a string, got {type(name).__name__}")
    doc = manifest(data_dir)
    for res in doc["resources"]:
        if res["name"] == name:
            return res
    known = [r["name"] for r in doc["resources"]]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise DataError(f"unknown dataset '{name}'.{hint} Available: {', '.join(known)}")


def available(data_dir: str | Path | None = None) -> pd.DataFrame:
    """A table of the datasets: name, title, period kind and file."""
    rows = [
        {"name": r["name"], "title": r["title"], "period": r["period"], "path": r["path"]}
        for r in manifest(data_dir)["resources"]
    ]
    return pd.DataFrame(rows).set_index("name")


def bib_keys(bib_file: str | Path | None = None) -> frozenset[str]:
    """The citation keys defined in a BibTeX file (``references.bib`` by default)."""
    path = Path(bib_file) if bib_file is not None else BIB_FILE
    stat = _stat(path)
    if stat is None:
        raise DataError(f"no bibliography at {_show(path)}")
    return _bib_keys_cached(str(path), stat)


@lru_cache(maxsize=4)
def _bib_keys_cached(path: str, _stat_key: tuple) -> frozenset[str]:
    text = Path(path).read_text(encoding="utf-8")
    return frozenset(key for kind, key in _BIB_KEY.findall(text) if kind.lower() not in {"comment", "string", "preamble"})


def load(name: str, data_dir: str | Path | None = None, bib_file: str | Path | None = None) -> pd.DataFrame:
    """Read, validate and type one dataset.

    Returns a new DataFrame each call (changing it never changes what the next call returns).
    Raises :class:`DataError` naming the dataset, file, line and column of the first problem.
    """
    folder = _data_dir(data_dir)
    res = resource(name, folder)
    path = folder / res["path"]
    bib = _bib_path(folder, bib_file)
    stat, bib_stat = _stat(path), _stat(bib)
    if stat is None:
        raise _Where(name, path)("the data file is missing")
    if bib_stat is None:
        raise _Where(name, path)(f"the bibliography {_show(bib)} is missing, so sources cannot be checked")
    frame = _load_cached(json.dumps(res, sort_keys=True), str(path), stat, str(bib), bib_stat)
    out = frame.copy()
    out.attrs = {"name": name, "title": res["title"], "period": res["period"], "path": res["path"]}
    return out


@lru_cache(maxsize=32)
def _load_cached(res_json: str, path: str, _stat: tuple, bib: str, _bib_stat: tuple) -> pd.DataFrame:
    res = json.loads(res_json)
    where = _Where(res["name"], Path(path))
    header, rows = _read_rows(Path(path), where)
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing:
        raise where(f"missing column(s) {missing}; the manifest expects {expected}", line=1)
    if extra:
        raise where(f"unexpected column(s) {extra}; the manifest expects {expected}", line=1)
    keys = bib_keys(bib)
    columns: dict[str, list] = {}
    for field in fields:
        idx = header.index(field["name"])
        columns[field["name"]] = [
            _convert(row[idx], field, line, where) for line, row in rows
        ]
    for line, value in zip((ln for ln, _ in rows), columns["source"], strict=True):
        for key in _split_keys(value):
            if key not in keys:
                raise where(f"source key '{key}' is not defined in {_show(Path(bib))}", line=line, column="source")
    _check_primary_key(res["schema"]["primaryKey"], columns, [ln for ln, _ in rows], where)
    frame = pd.DataFrame({f["name"]: _series(columns[f["name"]], f) for f in fields})
    return frame


def _split_keys(value) -> list[str]:
    """A source cell may hold several keys separated by ';'."""
    if value is None:
        return []
    return [k.strip() for k in str(value).split(";") if k.strip()]


def _read_rows(path: Path, where: _Where) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise where(f"the file is not UTF-8 text (byte {exc.start})") from None
    reader = csv.reader(text.splitlines(), strict=True)
    try:
        all_rows = list(reader)
    except csv.Error as exc:
        raise where(f"the file is not well-formed CSV: {exc}", line=reader.line_num) from None
    if not all_rows or not any(cell.strip() for cell in all_rows[0]):
        raise where("the file is empty (no header row)")
    header = [h.strip() for h in all_rows[0]]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise where(f"the header repeats column(s) {dupes}", line=1)
    rows = []
    for number, row in enumerate(all_rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) != len(header):
            raise where(f"has {len(row)} fields but the header has {len(header)}", line=number)
        rows.append((number, row))
    if not rows:
        raise where("the file has a header but no data rows")
    return header, rows


def _convert(raw: str, field: dict, line: int, where: _Where):
    name, kind = field["name"], field["type"]
    cons = field.get("constraints", {})
    text = raw.strip()
    if text == "":
        if cons.get("required"):
            raise where("a value is required but the cell is empty", line=line, column=name)
        return None
    if kind == "integer":
        compact = text.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text) else text
        if not _INTEGER.match(compact):
            raise where(f"expected a whole number, got '{text}'", line=line, column=name)
        value = int(compact)
    elif kind == "number":
        if not _NUMBER.match(text):
            raise where(f"expected a number, got '{text}'", line=line, column=name)
        value = float(text)
    elif kind == "date":
        if not _DATE.match(text):
            raise where(f"expected a date as YYYY-MM-DD, got '{text}'", line=line, column=name)
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise where(f"'{text}' is not a real calendar date", line=line, column=name) from None
    else:
        value = text
    if "minimum" in cons and value < _bound(cons["minimum"], kind):
        noun = "a negative count" if kind in {"integer", "number"} and cons["minimum"] == 0 else "a value"
        raise where(f"{noun} ({text}) is below the minimum {cons['minimum']}", line=line, column=name)
    if "maximum" in cons and value > _bound(cons["maximum"], kind):
        raise where(f"the value {text} is above the maximum {cons['maximum']}", line=line, column=name)
    if "enum" in cons and value not in cons["enum"]:
        close = difflib.get_close_matches(str(value), [str(v) for v in cons["enum"]], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise where(f"'{text}' is not one of the allowed values {cons['enum']}{hint}", line=line, column=name)
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        raise where(f"'{text}' does not match the pattern {cons['pattern']}", line=line, column=name)
    return value


def _bound(bound, kind):
    return date.fromisoformat(bound) if kind == "date" else bound


def _check_primary_key(key: list[str], columns: dict[str, list], lines: list[int], where: _Where) -> None:
    seen: dict[tuple, int] = {}
    for i, line in enumerate(lines):
        value = tuple(columns[k][i] for k in key)
        if value in seen:
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, value, strict=True))
            raise where(f"duplicate primary key ({shown}); first seen on line {seen[value]}", line=line)
        seen[value] = line


def _series(values: list, field: dict) -> pd.Series:
    kind = field["type"]
    if kind == "integer":
        return pd.Series(values, dtype="Int64")
    if kind == "number":
        return pd.Series(values, dtype="Float64")
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.Series(values, dtype="string")


VALUE_COLUMNS = ("value", "count", "applications")


def value(dataset: "str | pd.DataFrame", column: str | None = None, **criteria):
    """The one value that a set of criteria picks out, as a plain Python number.

        value("key_figures", measure="recalcitrant_countries", period="as of 2020-07")
        value(mpp, series="outcome", category="relief granted", period="as of 2021-01", source="trac...")

    ``dataset`` is a dataset name or a frame already loaded; ``column`` defaults to the dataset's
    value column (``value``, ``count`` or ``applications``). Raises :class:`DataError` naming the
    criteria when no row or more than one row matches, so a changed data file cannot silently
    feed the wrong number into the text.
    """
    frame = load(dataset) if isinstance(dataset, str) else dataset
    label = frame.attrs.get("name", "the table")
    if column is None:
        column = next((c for c in VALUE_COLUMNS if c in frame.columns), None)
        if column is None:
            raise DataError(f"{label} has no value column; pass column=...")
    if column not in frame.columns:
        raise DataError(f"{label} has no column(s) {[column]}; it has {list(frame.columns)}")
    row = _one_row(frame, criteria)
    result = frame[column].iloc[row]
    if pd.isna(result):
        shown = ", ".join(f"{k}={v!r}" for k, v in criteria.items())
        raise DataError(f"{label}: the row with {shown} has no {column}")
    return result.item() if hasattr(result, "item") else result


def _one_row(frame: pd.DataFrame, criteria: dict) -> int:
    """The position of the one row whose columns equal ``criteria``; DataError otherwise."""
    label = frame.attrs.get("name", "the table")
    unknown = [k for k in criteria if k not in frame.columns]
    if unknown:
        raise DataError(f"{label} has no column(s) {unknown}; it has {list(frame.columns)}")
    # plain Python over each column's values: several times quicker than boolean masks on these
    # small tables, and chapters call this dozens of times
    rows = range(len(frame))
    for key, wanted in criteria.items():
        cells = frame[key].tolist()
        rows = [i for i in rows if cells[i] is not pd.NA and cells[i] == wanted]
    if len(rows) != 1:
        shown = ", ".join(f"{k}={v!r}" for k, v in criteria.items())
        raise DataError(f"{label}: expected exactly one row with {shown}, found {len(rows)}")
    return rows[0]


class Trace(dict):
    """Where one number comes from: its row, year type and sources. Prints as a short report."""

    def __str__(self) -> str:
        lines = [f"{self['dataset']}: {self['value']!r} ({self['unit'] or 'no unit given'}), "
                 f"year type: {self['year_type']}"]
        lines += [f"  {k} = {v!r}" for k, v in self["row"].items() if k not in ("source", "note")]
        if self["note"]:
            lines.append(f"  note: {self['note']}")
        for src in self["sources"]:
            lines.append(f"  source {src['key']}: {src['title']}. {src['publisher']} "
                         f"({src['kind']}); {src['url']}"
                         + (" (official archive copy)" if src["hosted"] == "archive" else ""))
        return "\n".join(lines)

    __repr__ = __str__


def year_type(res: dict, row: dict) -> str:
    """'fiscal', 'calendar' or 'date' for one row: the dataset's period kind, or for datasets of
    mixed periods, read from the row's ``period``: 'FY2019' is fiscal; a year, a month or a span
    of them ('2019', '2019-05', '2004-2018') is calendar; a day or 'as of ...' is a date."""
    kind = res["period"]
    if kind != "mixed":
        return kind
    period = str(row.get("period", ""))
    if re.search(r"\bFY\d{4}", period):
        return "fiscal"
    if "as of" in period or re.search(r"\d{4}-\d{2}-\d{2}", period):
        return "date"
    return "calendar" if re.search(r"\d{4}", period) else "mixed"


def trace(name: str, **criteria) -> Trace:
    """Follow one number back to its sources: the row that ``criteria`` pick out of dataset
    ``name``, its value, unit and year type, and for each source key its bibliography entry and
    registered publisher.

        trace("key_figures", measure="recalcitrant_countries", period="as of 2020-07")
    """
    frame = load(name)
    res = resource(name)
    row = {k: (v.item() if hasattr(v, "item") else v) for k, v in frame.iloc[_one_row(frame, criteria)].items()}
    row = {k: (None if v is pd.NA else v) for k, v in row.items()}
    column = next((c for c in VALUE_COLUMNS if c in frame.columns), None)
    field_unit = next((f.get("unit", "") for f in res["schema"]["fields"] if f["name"] == column), "")
    bib = sources.bibliography()
    found = []
    for key in _split_keys(row.get("source")):
        fields = bib.entries[key].fields
        publisher = sources.publisher_of(key)
        found.append({"key": key, "title": str(fields.get("title", "")).replace("{", "").replace("}", ""),
                      "publisher": publisher.name, "kind": publisher.kind_label,
                      "url": str(fields.get("url", "")), "hosted": str(fields.get("hosted", ""))})
    return Trace(dataset=name, row=row, value=row.get(column) if column else None,
                 unit=row.get("unit") or field_unit, year_type=year_type(res, row),
                 note=row.get("note") or "", sources=found)


def rows_by_source_type(name: str, data_dir: str | Path | None = None) -> str:
    """How many rows of a dataset rest on each kind of publisher, e.g. '12 court, 3 news'.

    Kinds come from the publisher register (``publishers.yml``, see :mod:`coursekit.sources`).
    A row with sources of two kinds counts once under each.
    """
    counts: dict[str, int] = {}
    for cell in load(name, data_dir)["source"]:
        for kind in sorted({sources.kind_label(key) for key in _split_keys(cell)}):
            counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{label} {counts[label]}" for label in sources.KINDS.values() if label in counts)


def data_dictionary(data_dir: str | Path | None = None) -> str:
    """The Markdown data dictionary (``data/README.md``), generated from the manifest."""
    doc = manifest(data_dir)
    out = [
        "# Data dictionary",
        "",
        "<!-- Generated from datapackage.json by `python -m coursekit.data --readme`; do not edit by hand. -->",
        "",
        doc.get("description", "").strip(),
        "",
        "Load any dataset in Python with `from coursekit.data import load; load(\"name\")`. "
        "Every row carries a `source` key that points into `references.bib`; `publishers.yml` "
        "says who published each source and what kind of body it is. Under each dataset, "
        "\"rows by source type\" counts its rows by that kind (a row with sources of two kinds "
        "counts under each).",
        "",
    ]
    if doc.get("licenses"):
        lic = doc["licenses"][0]
        out += [f"Licence of this compilation: {lic.get('title', lic.get('name'))}.", ""]
    for res in doc["resources"]:
        period = {"fiscal": "US fiscal years (1 October to 30 September)", "calendar": "calendar years",
                  "date": "dated events", "mixed": "mixed periods (see the period column)",
                  "none": "no time period"}[res["period"]]
        out += [f"## `{res['name']}`: {res['title']}", "", res["description"].strip(), "",
                f"- File: `data/{res['path']}`", f"- Period: {period}",
                f"- Primary key: {', '.join('`%s`' % k for k in res['schema']['primaryKey'])}",
                "- Sources: " + "; ".join(s.get("title", "") for s in res["sources"]),
                "- Rows by source type: " + rows_by_source_type(res["name"], data_dir), "",
                "| column | type | unit | description |", "|---|---|---|---|"]
        for f in res["schema"]["fields"]:
            desc = f["description"].replace("|", "\\|")
            cons = f.get("constraints", {})
            if "enum" in cons:
                desc += " Allowed: " + ", ".join(f"`{v}`" for v in cons["enum"]) + "."
            out.append(f"| `{f['name']}` | {f['type']} | {f.get('unit', '')} | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m coursekit.data", description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="rewrite data/README.md from the manifest")
    parser.add_argument("--check", action="store_true", help="load and validate every dataset")
    args = parser.parse_args(argv)
    if args.readme:
        (DATA_DIR / "README.md").write_text(data_dictionary(), encoding="utf-8")
        print(f"wrote {_show(DATA_DIR / 'README.md')}")
    if args.check or not args.readme:
        for n in names():
            frame = load(n)
            print(f"{n:28s} {len(frame):4d} rows  ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
