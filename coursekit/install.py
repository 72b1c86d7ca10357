"""The install cell that opens every chapter and exercise notebook.

In a bare kernel (Colab, a fresh JupyterHub image) the cell installs this release of the course
package from the repository's tag; where the package is installed it does nothing.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from coursekit import __version__
from coursekit._paths import REPOSITORY as ROOT
from coursekit.notebooks import write
from coursekit.solutions import ReleaseError

DISTRIBUTION = "cooperation-at-the-border"  # the name pip knows the course package by


def install_spec(config: Path = ROOT / "_config.yml") -> str:
    """What pip installs in a bare kernel: this release of the package, from the repository's tag.

    Never the bare name: PyPI's ``coursekit`` is an unrelated project. The repository address is
    the one publishers set in ``_config.yml`` (``repository.url``); the tag is ``v`` + version.
    """
    import yaml

    url = (yaml.safe_load(Path(config).read_text(encoding="utf-8")).get("repository") or {}).get("url", "")
    if not str(url).startswith("https://"):
        raise ReleaseError(f"{Path(config).name}: repository.url must be the https address of the repository")
    return f"{DISTRIBUTION} @ git+{str(url).rstrip('/')}.git@v{__version__}"


def install_cell_source(config: Path = ROOT / "_config.yml") -> str:
    """The first code cell of every notebook: install the course package only where it is missing."""
    return (
        "# Opened outside the course's own environment (Colab, a fresh kernel)? This cell installs the\n"
        f"# course package, release {__version__}, only if it is missing; otherwise it does nothing.\n"
        "try:\n"
        "    import coursekit\n"
        "except ImportError:\n"
        f'    %pip install --quiet "{install_spec(config)}"'
    )


INSTALL_TAG = "remove-cell"  # the web book runs the cell but does not show it


def notebooks_with_install_cell(root: Path = ROOT) -> list[Path]:
    """The notebooks that students open: every chapter and exercise notebook."""
    return sorted((root / "chapters").glob("*.ipynb")) + sorted((root / "exercises").glob("*.ipynb"))


def write_install_cells(root: Path = ROOT) -> list[Path]:
    """Make the first code cell of every student notebook the current install cell; return the
    notebooks changed (after a new version or a new repository address)."""
    source = install_cell_source(root / "_config.yml")
    changed = []
    for path in notebooks_with_install_cell(root):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        if code and code[0].get("id") == "install":
            if code[0].source == source:
                continue
            code[0].source = source
        else:
            cell = nbformat.v4.new_code_cell(source, id="install", metadata={"tags": [INSTALL_TAG]})
            nb.cells.insert(nb.cells.index(code[0]) if code else len(nb.cells), cell)
        write(nb, path)
        changed.append(path)
    return changed
