"""Where the course's files are, in a repository checkout or in an installed wheel.

In a checkout (an editable install, ``make test``, the book build) the files stay where the book
and the README expect them: ``data/``, ``chapters/quizzes/``, ``references.bib`` and
``publishers.yml`` at the top of the repository. A plain ``pip install`` copies the same files into
``coursekit/_resources/`` (``pyproject.toml`` maps the folders there), so a notebook finds them
from any folder, on Colab, Binder or a JupyterHub. This module imports nothing else.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent
BUNDLED = PACKAGE / "_resources"

#: True when coursekit runs from a checkout of the repository, False when from an installed wheel.
IN_CHECKOUT = (REPOSITORY / "data" / "datapackage.json").is_file() and (REPOSITORY / "_config.yml").is_file()

ROOT = REPOSITORY if IN_CHECKOUT else BUNDLED
DATA_DIR = ROOT / "data"
QUIZ_DIR = REPOSITORY / "chapters" / "quizzes" if IN_CHECKOUT else BUNDLED / "quizzes"
BIB_FILE = REPOSITORY / "references.bib" if IN_CHECKOUT else BUNDLED / "bibliography" / "references.bib"
REGISTER_FILE = REPOSITORY / "publishers.yml" if IN_CHECKOUT else BUNDLED / "bibliography" / "publishers.yml"
