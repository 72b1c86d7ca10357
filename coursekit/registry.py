"""The register of exercise tasks: what each task checks and how its expected answer is computed.

The chapter modules in ``coursekit/tasks/`` fill it with :func:`task`; :mod:`coursekit.checks`
reads it. It imports nothing from the package, so neither of those imports the other's importer.

A task may name the common mistakes its check diagnoses. Each :class:`Mistake` computes the
answer that the mistake produces, from the same data as the expected answer, so a student who
makes it is told what went wrong, in words written for that task, and never shown the answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

KINDS = ("number", "series", "figure", "choice", "trace")
NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Mistake:
    """A common mistake that a check recognises.

    ``name`` identifies it in tests; ``label`` is how the instructor guide lists it next to the
    task; ``hint`` is what the student reads; ``value`` computes the answer the mistake gives
    (a number, a Series, or for a chart task the one series drawn wrongly).
    """

    name: str
    label: str
    hint: str
    value: Callable[[], Any]

    def __post_init__(self):
        if not NAME.fullmatch(self.name):
            raise ValueError(f"mistake name {self.name!r} must be lower_case_with_underscores")
        for part in ("label", "hint"):
            if not getattr(self, part).strip():
                raise ValueError(f"mistake {self.name!r} has an empty {part}")
        if not callable(self.value):
            raise ValueError(f"mistake {self.name!r}: value must be a function that computes the wrong answer")


@dataclass(frozen=True)
class Task:
    """How one exercise task is checked."""

    id: str
    kind: str  # one of KINDS
    title: str
    expected: Callable[[], Any] | None = None
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9
    unit_hint: str = ""
    objectives: tuple[str, ...] = field(default_factory=tuple)
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)


TASKS: dict[str, Task] = {}


def task(id: str, kind: str, title: str, objectives: tuple[str, ...] | list[str] = (),
         mistakes: tuple[Mistake, ...] | list[Mistake] = (), **options):
    """Register a check; used as a decorator on the function that computes the expected answer."""
    if kind not in KINDS:
        raise ValueError(f"task {id!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    names = [m.name for m in mistakes]
    if len(set(names)) != len(names):
        raise ValueError(f"task {id!r} names a mistake twice: {names}")

    def register(fn: Callable[[], Any] | None):
        if id in TASKS:
            raise ValueError(f"task {id!r} is registered twice")
        TASKS[id] = Task(id=id, kind=kind, title=title, expected=fn, objectives=tuple(objectives),
                         mistakes=tuple(mistakes), **options)
        return fn
    return register
