"""Quick, friendly feedback on exercise answers: ``check("ex01_2", answer)``.

Each task has one check. The expected answer is recomputed from the course data every time
(never typed in), and the student's answer is compared with it. Messages say what is wrong
(not answered yet, wrong type, wrong shape, wrong values) without giving the answer away.
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import tasks as _tasks  # noqa: F401  (importing the chapter modules registers their tasks)
from .registry import TASKS, Task, task  # noqa: F401  (task is re-exported for the task modules' authors)



class CheckError(KeyError):
    """``check`` was called with a task id that does not exist."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plainly
        return str(self.args[0])


@dataclass(frozen=True)
class Result:
    """The outcome of a check. ``passed`` is None when there was nothing to check yet."""

    task: str
    passed: bool | None
    message: str

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
               "text": _check_text, "choice": _check_choice, "trace": _check_trace}[spec.kind]
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


def _check_number(spec: Task, answer: Any) -> Result:
    got = _as_number(answer)
    if got is None:
        return Result(spec.id, False, f"expected a single number{spec.unit_hint and ' (' + spec.unit_hint + ')'}, "
                                      f"but got {_type_name(answer)}. Check what your last line produces.")
    want = float(spec.expected())
    if math.isnan(got):
        return Result(spec.id, False, "your answer is NaN (not a number): look for a division by zero or missing data.")
    if _close(got, want, spec):
        return Result(spec.id, True, "correct, well done.")
    return Result(spec.id, False, "not quite: the number is off." + _scale_hint(got, want, spec)
                  + " Re-read which rows and years the task asks for.")


def _as_series(answer: Any) -> pd.Series | None:
    if isinstance(answer, pd.Series):
        return answer
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0]
    if isinstance(answer, dict):
        return pd.Series(answer)
    return None


def _check_series(spec: Task, answer: Any) -> Result:
    got = _as_series(answer)
    if got is None:
        extra = ""
        if isinstance(answer, pd.DataFrame):
            extra = f" Your DataFrame has {answer.shape[1]} columns: select the one column the task asks for."
        return Result(spec.id, False, f"expected a pandas Series (one value per label), but got "
                                      f"{_type_name(answer)}.{extra}")
    want: pd.Series = spec.expected()
    if len(got) != len(want):
        return Result(spec.id, False, f"your Series has {len(got)} values but should have {len(want)}, one per "
                                      f"{want.index.name or 'label'}. Check your filter and grouping.")
    got_index = [_plain(v) for v in got.index]
    want_index = [_plain(v) for v in want.index]
    if sorted(map(str, got_index)) != sorted(map(str, want_index)):
        return Result(spec.id, False, f"your Series is indexed by different labels. Index it by "
                                      f"{want.index.name or 'the label the task names'} (use groupby or set_index).")
    try:
        got_values = pd.to_numeric(got, errors="raise").astype(float)
    except (TypeError, ValueError):
        return Result(spec.id, False, "your Series holds values that are not numbers.")
    aligned = pd.Series(got_values.to_numpy(), index=[str(v) for v in got_index])
    expected = pd.Series(want.astype(float).to_numpy(), index=[str(v) for v in want_index])
    aligned = aligned.reindex(expected.index)
    if aligned.isna().any():
        return Result(spec.id, False, "some of your values are missing (NaN). Check for division by zero or missing data.")
    bad = [k for k in expected.index if not _close(aligned[k], expected[k], spec)]
    if not bad:
        return Result(spec.id, True, "correct, well done.")
    first = bad[0]
    return Result(spec.id, False, f"{len(bad)} of {len(expected)} values are off (the first at {first})."
                  + _scale_hint(aligned[first], expected[first], spec))


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _check_figure(spec: Task, answer: Any) -> Result:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(answer, Axes):
        axes = [answer]
    elif isinstance(answer, Figure):
        axes = [ax for ax in answer.get_axes() if ax.get_visible()]
    else:
        return Result(spec.id, False, f"expected a matplotlib Figure (or Axes), but got {_type_name(answer)}.")
    if not axes:
        return Result(spec.id, False, "your figure has no axes: did you plot anything?")
    ax = axes[0]
    drawn = len(ax.lines) + len(ax.patches) + len(ax.collections)
    missing = []
    title = ax.get_title() or ax.get_title("left") or (ax.figure._suptitle.get_text() if ax.figure._suptitle else "")
    if not title.strip():
        missing.append("a title")
    if not ax.get_xlabel().strip():
        missing.append("an x-axis label")
    if not ax.get_ylabel().strip():
        missing.append("a y-axis label (with units)")
    if drawn == 0:
        return Result(spec.id, False, "your figure is empty: no lines, bars or points were drawn.")
    expected = spec.expected() if spec.expected else None
    if expected and len(ax.lines) + len(ax.containers) < expected:
        return Result(spec.id, False, f"your figure shows {len(ax.lines) + len(ax.containers)} series; the task "
                                      f"asks for {expected}.")
    if missing:
        return Result(spec.id, False, "almost: the figure still needs " + ", ".join(missing) + ".")
    return Result(spec.id, True, "the figure has its series, a title and labelled axes. Now read it: "
                                 "what does it show?")


def _check_text(spec: Task, answer: Any) -> Result:
    if not isinstance(answer, str):
        return Result(spec.id, False, f"expected your answer as text (a string in quotes), but got "
                                      f"{_type_name(answer)}.")
    words = len(answer.split())
    if words == 0:
        return Result(spec.id, None, "not answered yet: the text is empty.")
    if spec.min_words and words < spec.min_words:
        return Result(spec.id, False, f"your text has {words} words; aim for at least {spec.min_words}.")
    if spec.max_words and words > spec.max_words:
        return Result(spec.id, False, f"your text has {words} words; keep it under {spec.max_words}.")
    return Result(spec.id, True, f"{words} words, within the length asked. Your instructor grades the content "
                                 f"with the rubric.")


def _check_choice(spec: Task, answer: Any) -> Result:
    want = spec.expected()
    if isinstance(want, numbers.Integral):
        got = _as_number(answer)
        if got is None or got != int(got):
            return Result(spec.id, False, f"expected a whole number, but got {_type_name(answer)}.")
        ok = int(got) == int(want)
    else:
        if not isinstance(answer, str):
            return Result(spec.id, False, f"expected text, but got {_type_name(answer)}.")
        ok = " ".join(answer.split()).lower() == " ".join(str(want).split()).lower()
    return Result(spec.id, True, "correct, well done.") if ok else Result(spec.id, False, "not quite: look again at the data.")


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
