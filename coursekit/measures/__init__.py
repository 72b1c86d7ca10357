"""Every quantity the course derives from its data, defined once.

One module per chapter (``ch00``, the primer, to ``ch04``). Each public function takes no
arguments (or a year or a name where the chapter asks for several of the same kind), reads the
data with :func:`coursekit.data.load` and :func:`coursekit.data.value`, and returns a plain
number, a Series or a DataFrame. The docstring says what is divided by what, and in which years.

Everything else calls these functions and repeats none of their arithmetic:

- the chapter cells, which paste the numbers into the prose;
- the exercise checks in :mod:`coursekit.tasks`, which compare a student's answer with them;
- the quiz banks, whose numeric questions name one of them (``value_key: ch02.relief_rate``);
- the tests, which check what the chapters say about them.

Naming: the chapters paste a derived number under ``ch{N}_{function}``: ``ch2_relief_rate`` is
``ch02.relief_rate()``. A test reads every pasted number on the built pages and compares each one
so named with the function's value, formatted as the prose formats it.
"""
from __future__ import annotations

import importlib
import re
from typing import Any, Callable

CHAPTERS = ("ch00", "ch01", "ch02", "ch03", "ch04")
_KEY = re.compile(r"^(ch0[0-9])\.([a-z][a-z0-9_]*)$")
_GLUE_NAME = re.compile(r"^ch([0-9])_([a-z][a-z0-9_]*)$")


class MeasureError(LookupError):
    """A measure was named that does not exist. The message names it and says where to look."""

    def __str__(self) -> str:  # LookupError quotes its message; show it plainly
        return str(self.args[0])


def function(key: str) -> Callable[..., Any]:
    """The function that a key such as ``"ch02.relief_rate"`` names."""
    match = _KEY.match(key)
    if not match:
        raise MeasureError(f"'{key}' is not a measure key: write chapter.function, such as 'ch02.relief_rate'")
    module_name, name = match.groups()
    if module_name not in CHAPTERS:
        raise MeasureError(f"'{key}': there is no chapter module coursekit.measures.{module_name}")
    module = importlib.import_module(f"{__name__}.{module_name}")
    fn = getattr(module, name, None)
    if not callable(fn) or name.startswith("_"):
        raise MeasureError(f"'{key}': coursekit.measures.{module_name} defines no measure '{name}'")
    return fn


def resolve(key: str) -> Any:
    """The value of the measure that ``key`` names (``"ch02.relief_rate"`` -> a number)."""
    return function(key)()


def for_glue_name(name: str) -> Callable[..., Any] | None:
    """The measure that a pasted name follows the convention for (``ch2_relief_rate``), or None."""
    match = _GLUE_NAME.match(name)
    if not match:
        return None
    chapter, attr = match.groups()
    module_name = f"ch{int(chapter):02d}"
    if module_name not in CHAPTERS:
        return None
    module = importlib.import_module(f"{__name__}.{module_name}")
    fn = getattr(module, attr, None)
    return fn if callable(fn) and getattr(fn, "__module__", "") == module.__name__ else None
