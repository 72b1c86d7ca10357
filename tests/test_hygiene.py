"""Committed notebooks are clean sources: no outputs, counts or widget state; kernel python3."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, committed_notebooks

NOTEBOOKS = committed_notebooks()


def test_there_are_notebooks_to_check():
    assert NOTEBOOKS, "no notebooks found under chapters/ or exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_stored_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3", "kernelspec must be python3"
    assert "widgets" not in nb["metadata"], "widget state is stored in the notebook metadata"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs") == [], f"cell {i} has stored outputs"
        assert cell.get("execution_count") is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_has_one_title(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    h1 = [line for cell in nb["cells"] if cell["cell_type"] == "markdown"
          for line in "".join(cell["source"]).splitlines() if line.startswith("# ")]
    assert len(h1) == 1, f"expected exactly one H1, found {h1}"


def test_toc_lists_only_existing_files():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def files(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"file", "root"}:
                    yield value
                else:
                    yield from files(value)
        elif isinstance(node, list):
            for item in node:
                yield from files(item)

    listed = list(files(toc))
    assert listed, "_toc.yml lists no files"
    for ref in listed:
        assert any((ROOT / f"{ref}{ext}").exists() for ext in (".md", ".ipynb")), f"_toc.yml names {ref}, which does not exist"
