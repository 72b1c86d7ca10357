"""Committed notebooks are clean sources: no outputs, counts or widget state; kernel python3."""
from __future__ import annotations

import json
from pathlib import Path

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


def package_imports(package_dir: Path, package: str = "coursekit") -> dict[str, set[str]]:
    """Which package modules each module imports, at the top or inside a function."""
    import ast

    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (path, parts[-1] == "__init__")
    graph = {}
    for name, (path, is_package) in modules.items():
        here = name if is_package else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph, or [] (a package's own __init__ importing its modules is fine)."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if node.startswith(nxt + "."):  # a module importing its parent package's __init__
                continue
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_package_has_no_import_cycle():
    graph = package_imports(ROOT / "coursekit")
    assert "coursekit.checks" in graph and "coursekit.tasks.ch01" in graph
    assert import_cycle(graph) == [], " -> ".join(import_cycle(graph))


def test_the_cycle_finder_finds_a_hidden_cycle(tmp_path):
    package = tmp_path / "pkg"
    (package / "tasks").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "checks.py").write_text("def f():\n    from . import tasks\n")
    (package / "tasks" / "__init__.py").write_text("from . import ch01\n")
    (package / "tasks" / "ch01.py").write_text("from ..checks import task\n")
    assert import_cycle(package_imports(package, "pkg")) == ["pkg.checks", "pkg.tasks", "pkg.tasks.ch01", "pkg.checks"]


def test_every_chapter_task_module_is_imported():
    graph = package_imports(ROOT / "coursekit")
    modules = {f"coursekit.tasks.{p.stem}" for p in (ROOT / "coursekit" / "tasks").glob("ch*.py")}
    assert modules and modules <= graph["coursekit.tasks"], sorted(modules - graph["coursekit.tasks"])


def test_pyproject_declares_every_distribution_the_package_imports():
    """Each third-party module coursekit imports (at the top or in a function) comes from a
    distribution that pyproject.toml names, as a dependency or in the "book" extra."""
    import ast
    import re
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [d for extra in project.get("optional-dependencies", {}).values() for d in extra]

    def norm(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    declared = {norm(re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0]) for d in declared}
    owners = packages_distributions()
    missing = {}
    for path in sorted((ROOT / "coursekit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in {"coursekit", "__future__"}:
                    continue
                dists = {norm(d) for d in owners.get(top, [top])}
                if not dists & declared:
                    missing.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_pyproject_lists_every_subpackage_so_the_wheel_carries_it():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "coursekit").rglob("__init__.py")
             if "_resources" not in p.parts}
    assert found and found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
