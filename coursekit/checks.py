"""Quick, friendly feedback on exercise answers: ``check("ex01_2", answer)``.

Each task has one check. The expected answer is recomputed from the course data every time
(never typed in), and the student's answer is compared with it. Messages say what is wrong
(not answered yet, wrong type, wrong shape, wrong values) without giving the answer away. Where
the answer is one that a known mistake produces (a percentage change for a ratio, a share for a
ratio, the wrong year), the message names that mistake, in words written for the task.

A passing check says that the answer matches the course data, not that it is "correct, well
done": the web book shows the checks under the model answers, which no student wrote.

A chart is checked by the data it draws: each series the task asks for must be drawn with the
right values (read back from the lines and bars) and a label that names it. The chart itself is
shown under the check's message, so the student sees what was checked.
"""
from __future__ import annotations

import datetime
import html
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import tasks as _tasks  # noqa: F401  (importing the chapter modules registers their tasks)
from .registry import TASKS, Mistake, Task, task  # noqa: F401  (re-exported for the task modules' authors)

MATCHES = "matches the value computed from the course data."


class CheckError(KeyError):
    """``check`` was called with a task id that does not exist."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plainly
        return str(self.args[0])


@dataclass(frozen=True)
class Result:
    """The outcome of a check. ``passed`` is None when there was nothing to check yet.

    ``mistake`` names the common mistake the answer shows, when the check recognised one.
    ``figure`` is the chart that was checked; Jupyter shows it under the message.
    """

    task: str
    passed: bool | None
    message: str
    mistake: str | None = None
    figure: Any = field(default=None, compare=False, repr=False)

    @property
    def status(self) -> str:
        return {True: "correct", False: "not yet", None: "not answered yet"}[self.passed]

    def __str__(self) -> str:
        mark = {True: "✔", False: "✘", None: "…"}[self.passed]
        return f"{mark} {self.task}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {True: "#00613f", False: "#9e2a00", None: "#444444"}[self.passed]
        mark = {True: "✔", False: "✘", None: "…"}[self.passed]
        return (f'<p style="color:{colour}" role="status"><strong>{mark} {html.escape(self.task)}</strong>: '
                f"{html.escape(self.message)}</p>")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True)
        if self.figure is not None:
            display(self.figure)


def check(task_id: str, answer: Any) -> Result:
    """Check an answer to one task and return a :class:`Result` that explains itself."""
    if task_id not in TASKS:
        import difflib

        close = difflib.get_close_matches(str(task_id), TASKS, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise CheckError(f"there is no exercise task '{task_id}'.{hint}")
    spec = TASKS[task_id]
    if answer is ... or answer is None:
        what = "still `...`" if answer is ... else "None (did a line forget to assign or return a value?)"
        return Result(task_id, None, f"not answered yet: your answer is {what}. Replace it with your code.")
    checker = {"number": _check_number, "series": _check_series, "figure": _check_figure,
               "choice": _check_choice, "trace": _check_trace}[spec.kind]
    return checker(spec, answer)


# ----------------------------------------------------------------------------- kinds

def _type_name(value: Any) -> str:
    name = type(value).__name__
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _as_number(value: Any):
    if isinstance(value, bool) or isinstance(value, np.bool_):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)) and getattr(value, "size", 0) == 1:
        return _as_number(np.asarray(value).reshape(-1)[0].item())
    return None


def _close(a: float, b: float, spec: Task) -> bool:
    return math.isclose(a, b, rel_tol=spec.rel_tol, abs_tol=spec.abs_tol)


def _scale_hint(got: float, want: float, spec: Task) -> str:
    if want and _close(got, want * 100, spec):
        return " Your value looks 100 times too large: the task asks for a share between 0 and 1, not a percentage."
    if want and _close(got * 100, want, spec):
        return " Your value looks 100 times too small: the task asks for a percentage, not a share."
    return ""


def _diagnosed(spec: Task, matches) -> Result | None:
    """The first of the task's named mistakes whose answer ``matches`` the student's, as a Result."""
    for mistake in spec.mistakes:
        if matches(mistake.value()):
            return Result(spec.id, False, f"not yet: {mistake.hint}", mistake=mistake.name)
    return None


def _check_number(spec: Task, answer: Any) -> Result:
    got = _as_number(answer)
    if got is None:
        return Result(spec.id, False, f"expected a single number{spec.unit_hint and ' (' + spec.unit_hint + ')'}, "
                                      f"but got {_type_name(answer)}. Check what your last line produces.")
    want = float(spec.expected())
    if math.isnan(got):
        return Result(spec.id, False, "your answer is NaN (not a number): look for a division by zero or missing data.")
    if _close(got, want, spec):
        return Result(spec.id, True, MATCHES)
    found = _diagnosed(spec, lambda wrong: _close(got, float(wrong), spec))
    if found:
        return found
    if want and _close(got, -want, spec):
        return Result(spec.id, False, "not yet: your number has the right size but the wrong sign. Check which "
                                      "value you subtract from which, or which you divide by.", mistake="sign")
    return Result(spec.id, False, "not yet: the number is off." + _scale_hint(got, want, spec)
                  + " Re-read which rows and years the task asks for.")


def _as_series(answer: Any) -> pd.Series | None:
    if isinstance(answer, pd.Series):
        return answer
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0]
    if isinstance(answer, dict):
        return pd.Series(answer)
    return None


def _key(value: Any) -> str:
    """A label as text, so that 2019, 2019.0, np.int64(2019) and "2019" are one label, and a date
    (a Timestamp, a numpy datetime64 as a line's x data holds it, or a datetime) is its day."""
    if isinstance(value, (pd.Timestamp, np.datetime64, datetime.date)):
        return str(pd.Timestamp(value).date())
    value = _plain(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _numeric(series: pd.Series) -> pd.Series | None:
    """A Series' values as floats, indexed by :func:`_key` of each label; None if not numbers."""
    try:
        values = pd.to_numeric(series, errors="raise").astype(float)
    except (TypeError, ValueError):
        return None
    return pd.Series(values.to_numpy(), index=[_key(v) for v in series.index])


def _same_values(got: pd.Series, want: pd.Series, spec: Task) -> bool:
    """Both Series have the same labels and, label by label, close values."""
    if sorted(got.index) != sorted(want.index) or got.index.has_duplicates:
        return False
    got = got.reindex(want.index)
    return all(_close(got[k], want[k], spec) for k in want.index if not (math.isnan(got[k]) and math.isnan(want[k])))


def _check_series(spec: Task, answer: Any) -> Result:
    raw = _as_series(answer)
    if raw is None:
        extra = ""
        if isinstance(answer, pd.DataFrame):
            extra = f" Your DataFrame has {answer.shape[1]} columns: select the one column the task asks for."
        return Result(spec.id, False, f"expected a pandas Series (one value per label), but got "
                                      f"{_type_name(answer)}.{extra}")
    got = _numeric(raw)
    if got is None:
        return Result(spec.id, False, "your Series holds values that are not numbers.")
    want_raw: pd.Series = spec.expected()
    want = _numeric(want_raw)
    label = want_raw.index.name or "label"
    if _same_values(got, want, spec):
        return Result(spec.id, True, MATCHES)
    found = _diagnosed(spec, lambda wrong: _same_values(got, _numeric(wrong), spec))
    if found:
        return found
    if got.index.has_duplicates:
        twice = sorted(set(got.index[got.index.duplicated()]))
        return Result(spec.id, False, f"not yet: your Series has the label {twice[0]} more than once. Keep one "
                                      f"value per {label}.")
    extra = [k for k in got.index if k not in want.index]
    missing = [k for k in want.index if k not in got.index]
    if extra or missing:
        parts = []
        if extra:
            parts.append("labels the task leaves out (" + ", ".join(extra[:4]) + ")")
        if missing:
            parts.append(f"{len(missing)} of the {len(want)} labels it asks for missing")
        return Result(spec.id, False, "not yet: your Series has " + " and ".join(parts) + f". Index it by "
                                      f"{label}, one value each, and check your filter and grouping.")
    got = got.reindex(want.index)
    if got.isna().any():
        return Result(spec.id, False, "some of your values are missing (NaN). Check for division by zero or missing data.")
    bad = [k for k in want.index if not _close(got[k], want[k], spec)]
    first = bad[0]
    return Result(spec.id, False, f"not yet: {len(bad)} of {len(want)} values are off (the first at {first})."
                  + _scale_hint(got[first], want[first], spec))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds."""
    return value.item() if isinstance(value, np.generic) else value


# ----------------------------------------------------------------------------- charts

@dataclass(frozen=True)
class Drawn:
    """One series as drawn on a chart: its legend label and its values by x label."""

    label: str
    values: pd.Series

    @property
    def labelled(self) -> bool:
        return bool(self.label.strip()) and not self.label.startswith("_")


def _tick_labels(axis) -> dict[float, str]:
    """The text labels of an axis's ticks by position; empty when they are only numbers."""
    named = {float(t): lab.get_text() for t, lab in zip(axis.get_ticklocs(), axis.get_ticklabels())
             if lab.get_text().strip()}
    # numeric tick labels (1,000 or 2019) say nothing the position does not
    if all(text.replace(",", "").replace("−", "-").replace(".", "").lstrip("-").isdigit() for text in named.values()):
        return {}
    return named


def _bar_series(ax, container) -> Drawn:
    horizontal = container.orientation == "horizontal"
    names = _tick_labels(ax.yaxis if horizontal else ax.xaxis)
    keys, values = [], []
    for patch in container.patches:
        if horizontal:
            centre, value = patch.get_y() + patch.get_height() / 2, patch.get_width()
        else:
            centre, value = patch.get_x() + patch.get_width() / 2, patch.get_height()
        if names:  # category bars: the label of the nearest tick (grouped bars sit beside it)
            nearest = min(names, key=lambda t: abs(t - centre))
            keys.append(_key(names[nearest]))
        else:
            keys.append(_key(round(centre, 6)))
        values.append(float(value))
    return Drawn(str(container.get_label() or ""), pd.Series(values, index=keys))


def _line_series(line) -> Drawn:
    xs, ys = line.get_xdata(), line.get_ydata()
    values = pd.Series(pd.to_numeric(pd.Series(list(ys)), errors="coerce").to_numpy(dtype=float),
                       index=[_key(x) for x in xs])
    return Drawn(str(line.get_label() or ""), values[values.notna()])


def drawn_series(ax) -> list[Drawn]:
    """Every line and set of bars on a matplotlib Axes, with its label and values by x label."""
    from matplotlib.container import BarContainer

    # reference lines (ax.axhline, ax.axvline) are drawn partly in axes coordinates: not data
    found = [_line_series(line) for line in ax.get_lines() if line.get_transform() == ax.transData]
    found += [_bar_series(ax, c) for c in ax.containers if isinstance(c, BarContainer)]
    return [d for d in found if len(d.values)]


def _names(name: str, label: str) -> bool:
    """Whether a legend label names a series: ``name`` holds its accepted names, split by "|"."""
    return any(re.search(rf"(?<!\w){re.escape(part.strip())}(?!\w)", label, re.IGNORECASE)
               for part in name.split("|"))


def _figure_title(ax) -> str:
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    if not title and ax.figure._suptitle is not None:
        title = ax.figure._suptitle.get_text()
    return title


def _check_figure(spec: Task, answer: Any) -> Result:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(answer, Axes):
        axes, figure = [answer], answer.figure
    elif isinstance(answer, Figure):
        axes, figure = [ax for ax in answer.get_axes() if ax.get_visible()], answer
    else:
        return Result(spec.id, False, f"expected a matplotlib Figure (or Axes), but got {_type_name(answer)}.")

    def result(passed, message, mistake=None):
        return Result(spec.id, passed, message, mistake=mistake, figure=figure)

    if not axes:
        return result(False, "your figure has no axes: did you plot anything?")
    ax = axes[0]
    drawn = drawn_series(ax)
    if not drawn:
        return result(False, "your figure is empty: no lines or bars were drawn.")
    wanted: dict[str, pd.Series] = {name: _numeric(values) for name, values in spec.expected().items()}

    def matching(values: pd.Series) -> Drawn | None:
        return next((d for d in drawn if _same_values(d.values, values, spec)), None)

    unmatched = [name for name, values in wanted.items() if matching(values) is None]
    if unmatched:
        for mistake in spec.mistakes:
            wrong = mistake.value()
            for values in (wrong.values() if isinstance(wrong, dict) else [wrong]):
                if matching(_numeric(values)) is not None:
                    return result(False, f"not yet: {mistake.hint}", mistake.name)
        name = unmatched[0]
        named = next((d for d in drawn if _names(name, d.label)), None)
        if named is not None:
            want = wanted[name]
            extra = [k for k in named.values.index if k not in want.index]
            missing = [k for k in want.index if k not in named.values.index]
            if extra or missing:
                detail = (f"it has points at {', '.join(extra[:3])}, which the task leaves out" if extra
                          else f"it lacks {len(missing)} of the {len(want)} points the task asks for")
            else:
                off = [k for k in want.index if not _close(named.values[k], want[k], spec)]
                detail = f"{len(off)} of its {len(want)} values are off (the first at {off[0]})"
            return result(False, f"not yet: your series '{named.label}' does not show the data the task asks "
                                 f"for: {detail}. Check your filter and the column you plot.")
        return result(False, f"not yet: none of the {len(drawn)} series on your chart shows the values for "
                             f"'{name.split('|')[0]}' that the task asks for. Check the rows you keep and what you plot.")
    if len(drawn) > len(wanted):
        spare = [d.label if d.labelled else "an unlabelled series" for d in drawn
                 if all(not _same_values(d.values, v, spec) for v in wanted.values())]
        return result(False, f"not yet: your chart draws {len(drawn)} series and the task asks for "
                             f"{len(wanted)}. Leave out: {', '.join(spare[:3])}.")
    for name, values in wanted.items():
        series = matching(values)
        if len(wanted) > 1 and not _names(name, series.label):
            shown = f"'{series.label}'" if series.labelled else "no label"
            return result(False, f"almost: the series for {name.split('|')[0]} has {shown}. Give each series a label "
                                 f"that names it (label=...), so the legend tells the reader which is which.")
    if len(wanted) > 1 and ax.get_legend() is None:
        return result(False, "almost: the chart has no legend, so a reader cannot tell the series apart. "
                             "Call ax.legend().")
    missing = []
    if not _figure_title(ax).strip():
        missing.append("a title")
    if not ax.get_xlabel().strip():
        missing.append("an x-axis label")
    if not ax.get_ylabel().strip():
        missing.append("a y-axis label (with units)")
    if missing:
        return result(False, "almost: the figure still needs " + ", ".join(missing) + ".")
    series = "labelled series" if len(wanted) > 1 else "the series asked for"
    return result(True, f"the chart draws the values in the course data, with {series}, a title and "
                        "labelled axes. Now read it: what does it show?")


def _check_choice(spec: Task, answer: Any) -> Result:
    want = spec.expected()
    if isinstance(want, numbers.Integral):
        got = _as_number(answer)
        if got is None or got != int(got):
            return Result(spec.id, False, f"expected a whole number, but got {_type_name(answer)}.")
    elif not isinstance(answer, str):
        return Result(spec.id, False, f"expected text, but got {_type_name(answer)}.")
    if _same_choice(answer, want):
        return Result(spec.id, True, MATCHES)
    found = _diagnosed(spec, lambda wrong: _same_choice(answer, wrong))
    return found or Result(spec.id, False, "not yet: look again at the data.")


def _same_choice(answer: Any, wrong: Any) -> bool:
    if isinstance(wrong, numbers.Integral):
        got = _as_number(answer)
        return got is not None and got == int(wrong)
    return isinstance(answer, str) and " ".join(answer.split()).lower() == " ".join(str(wrong).split()).lower()


TRACE_FIELDS = ("dataset", "row", "source", "publisher_kind", "year_type")


def _check_trace(spec: Task, answer: Any) -> Result:
    """A student's trace of one number: which row, which source, what kind of publisher, which
    year type. Every part is compared with the data, the bibliography and the publisher register;
    the student chooses the number, so there is no single expected answer."""
    from .data import DataError, trace
    from .sources import KINDS

    if not isinstance(answer, dict):
        return Result(spec.id, False, f"expected a dict with the keys {', '.join(TRACE_FIELDS)}, but got "
                                      f"{_type_name(answer)}.")
    missing = [k for k in TRACE_FIELDS if answer.get(k) in (None, ..., "")]
    if missing:
        return Result(spec.id, None if len(missing) == len(TRACE_FIELDS) else False,
                      "not finished: fill in " + ", ".join(f"'{k}'" for k in missing) + ".")
    if not isinstance(answer["row"], dict) or not answer["row"]:
        return Result(spec.id, False, "'row' should be a dict of column names and values that pick out "
                                      "your number's row, e.g. {'measure': ..., 'period': ...}.")
    example = spec.expected() if spec.expected else None
    if example and answer["dataset"] == example["dataset"] and answer["row"] == example["row"]:
        return Result(spec.id, False, "that is the worked example from the task: trace a number of your own "
                                      "from the chapter.")
    try:
        found = trace(str(answer["dataset"]), **answer["row"])
    except DataError as exc:
        return Result(spec.id, False, f"the data do not lead to one row: {exc}. Pick columns and values "
                                      "(exactly as the table shows them) until exactly one row matches.")
    keys = [src["key"] for src in found["sources"]]
    if answer["source"] not in keys:
        return Result(spec.id, False, f"the row's source column holds {'; '.join(keys)}, not "
                                      f"{answer['source']!r}: copy the key from the `source` column.")
    src = found["sources"][keys.index(answer["source"])]
    said = str(answer["publisher_kind"]).strip().lower()
    if said not in (src["kind"], next(k for k, v in KINDS.items() if v == src["kind"])):
        return Result(spec.id, False, f"publishers.yml does not class {src['publisher']} as {said!r}. "
                                      f"Look it up there (or print the trace): kinds are {', '.join(KINDS)}.")
    said = str(answer["year_type"]).strip().lower()
    if said != found["year_type"]:
        return Result(spec.id, False, f"{found['dataset']} does not count this row in {said!r} years. "
                                      "Check the dataset's period in data/README.md and the row's own period.")
    return Result(spec.id, True, "your trace matches the data, the bibliography and the publisher register. "
                                 "Now open the link and answer the written questions in your own words.")


# ----------------------------------------------------------------------------- tasks

def all_tasks() -> dict[str, Task]:
    """Every registered task, by id."""
    return dict(TASKS)
