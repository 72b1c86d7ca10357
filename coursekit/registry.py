"""The register of exercise tasks: what each task checks and how its expected answer is computed.

The chapter modules in ``coursekit/tasks/`` fill it with :func:`task`; :mod:`coursekit.checks`
reads it. It imports nothing from the package, so neither of those imports the other's importer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Task:
    """How one exercise task is checked."""

    id: str
    kind: str  # number | series | figure | text | choice | trace
    title: str
    expected: Callable[[], Any] | None = None
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9
    unit_hint: str = ""
    min_words: int = 0
    max_words: int = 0
    objectives: tuple[str, ...] = field(default_factory=tuple)


TASKS: dict[str, Task] = {}


def task(id: str, kind: str, title: str, objectives: tuple[str, ...] | list[str] = (), **options):
    """Register a check; used as a decorator on the function that computes the expected answer."""
    def register(fn: Callable[[], Any] | None):
        if id in TASKS:
            raise ValueError(f"task {id!r} is registered twice")
        TASKS[id] = Task(id=id, kind=kind, title=title, expected=fn, objectives=tuple(objectives), **options)
        return fn
    return register
