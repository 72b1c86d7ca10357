"""Running and writing notebooks: with the current Python, or from the book's execution cache."""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat


def execute(nb, cwd: Path, timeout: int = 120):
    """Run a copy of a notebook top to bottom with the current Python; return it with outputs."""
    from nbclient import NotebookClient

    executed = copy.deepcopy(nb)
    client = NotebookClient(executed, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    executed.metadata.pop("widgets", None)
    return executed


def write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def run_cached(nb, cwd: Path, cache: Path | None = None):
    """``nb`` with outputs: from the book's execution cache when it holds this notebook, else run."""
    if cache is not None and Path(cache).is_dir():
        from jupyter_cache import get_cache

        try:
            return get_cache(str(cache)).merge_match_into_notebook(copy.deepcopy(nb))[1]
        except KeyError:
            pass
    return execute(nb, cwd=cwd)
