"""How the course's notebooks and web book show a table: every DataFrame and Series a cell shows.

pandas's own notebook HTML has three faults for a reader. It prints a whole number held as a
float with a trailing ``.0`` ("127938.0") and no number with thousands separators; it cuts text
longer than 50 characters ("Remain in Mexi..."); and it opens each table with a ``<style
scoped>`` block, which is not valid HTML inside a page's body. :func:`to_html` writes the same
table without them:

- numbers have thousands separators ("127,938"), except in a column whose name mentions a year
  ("year", "fiscal_year"), which keeps 2019 as 2019;
- a whole number is shown whole, even when it is held as a float (127938.0 is "127,938");
- the other numbers of a column share one number of decimals, the fewest that show each of them
  to pandas's ``display.precision`` (six places): 0.36 next to 0.527 is "0.360", and
  0.30000000000000004 is "0.3";
- text is shown whole and escaped, and a column of text is given room (``TEXT_WIDTH``);
- a blank corner cell is a ``<td>``, so that no column header is empty;
- long frames are cut to ``display.max_rows`` as pandas cuts them.

:func:`register` makes IPython show DataFrames and Series this way; importing :mod:`coursekit`
calls it in a kernel. Nothing else changes: the frames, their values and their plain-text form
stay pandas's own.
"""
from __future__ import annotations

import math
import numbers
import re
import sys

# IPython's deferred registration names a type by its module and name, so that registering
# imports no pandas; pandas 3 names its classes' module "pandas", pandas 2 the defining module.
_TYPES = (("pandas", "DataFrame"), ("pandas", "Series"),
          ("pandas.core.frame", "DataFrame"), ("pandas.core.series", "Series"))

_YEAR = re.compile(r"year", re.IGNORECASE)

# A column of text is given a minimum width: its longest value, up to this many characters
# ("ch"). On a narrow screen a table that does not fit then scrolls sideways with its short texts
# on one line and its long ones in lines of a readable length, instead of one word per line.
TEXT_WIDTH = 28


def _precision() -> int:
    import pandas as pd

    return int(pd.get_option("display.precision"))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _whole(value) -> bool:
    return isinstance(value, numbers.Integral) or (math.isfinite(value) and float(value).is_integer())


def decimals_needed(value, precision: int | None = None) -> int:
    """The fewest decimals that show ``value`` as it rounds to ``precision`` places (default 6)."""
    places = _precision() if precision is None else precision
    if not _is_number(value) or _whole(value) or not math.isfinite(value):
        return 0
    text = f"{float(value):.{places}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def number_text(value, separators: bool = True, decimals: int | None = None) -> str:
    """A number as a reader should see it: "127,938", "0.125", "-3.5"; ``str(value)`` otherwise.

    A whole number (an integer, or a float such as 127938.0) has no decimals; any other float
    has ``decimals`` places (default: the fewest that show it, see :func:`decimals_needed`).
    """
    if not _is_number(value):
        return str(value)
    comma = "," if separators else ""
    if isinstance(value, numbers.Integral):
        return f"{int(value):{comma}d}"
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    places = 0 if value.is_integer() else (decimals_needed(value) if decimals is None else decimals)
    text = f"{value:{comma}.{places}f}"
    return "0" if text.lstrip("-").strip("0.,") == "" else text  # no "-0" or "-0.000"


def column_formatter(name, values):
    """The function that writes each value of a column: separators unless the column counts
    years, and one number of decimals for all its values that are not whole."""
    separators = not _YEAR.search(str(name))
    places = max((decimals_needed(v) for v in values if _is_number(v)), default=0)
    return lambda value: number_text(value, separators=separators, decimals=places)


def _labels(index):
    """An index with float labels shown as numbers (2019.0 as "2019"); other indexes unchanged."""
    import pandas as pd

    if isinstance(index, pd.MultiIndex) or index.dtype.kind != "f":
        return index
    return pd.Index([v if pd.isna(v) else number_text(v, separators=False) for v in index], name=index.name)


def to_html(obj) -> str:
    """The course's HTML for a DataFrame or Series (see the module's description)."""
    import pandas as pd

    header = True
    if isinstance(obj, pd.Series):
        header = obj.name is not None  # an unnamed Series has no column to name
        frame = obj.to_frame(name="" if obj.name is None else obj.name)
    elif isinstance(obj, pd.DataFrame):
        frame = obj
    else:
        raise TypeError(f"to_html shows a pandas DataFrame or Series, not {type(obj).__name__}")
    max_rows = pd.get_option("display.max_rows")
    if max_rows and len(frame) > max_rows:  # pandas's rule: a frame longer than max_rows shows min_rows
        max_rows = pd.get_option("display.min_rows") or max_rows
    columns = [frame.iloc[:, i].dropna().tolist() for i in range(frame.shape[1])]
    room = {}
    for name, values in zip(frame.columns, columns, strict=True):
        spaced = [len(v) for v in values if isinstance(v, str) and " " in v.strip()]  # text that can wrap
        if spaced:
            room[name] = f"{min(max(spaced), TEXT_WIDTH)}ch"
    shown = frame.copy(deep=False)
    shown.index = _labels(frame.index)
    shown.columns = _labels(frame.columns)
    html = shown.to_html(
        formatters=[column_formatter(name, values) for name, values in zip(frame.columns, columns, strict=True)],
        col_space=room or None,
        header=header, border=0, classes="ck-table", escape=True, max_rows=max_rows,
        max_cols=pd.get_option("display.max_columns"), show_dimensions=pd.get_option("display.show_dimensions"))
    # pandas leaves the corner above the index (and the row of index names) as empty <th>s: a
    # header cell that names nothing is a data cell. Its "halign" (grouped columns) is no HTML.
    return html.replace("<th></th>", "<td></td>").replace(' halign="left"', ' style="text-align: left;"')


def _html(obj):
    try:
        return to_html(obj)
    except Exception:  # noqa: BLE001 - a frame this cannot show keeps pandas's own HTML
        method = getattr(obj, "_repr_html_", None)
        return method() if method is not None else None


def register(shell=None) -> bool:
    """Make an IPython shell show DataFrames and Series with :func:`to_html`.

    ``shell`` defaults to the running one; outside IPython this does nothing and returns False.
    It imports neither IPython nor pandas: a kernel has the one, and the other comes with the
    first frame it shows.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is None:
            return False
    formatter = shell.display_formatter.formatters["text/html"]
    for module, name in _TYPES:
        formatter.for_type_by_name(module, name, _html)
    return True
