"""The course's stylesheet and script, served from ``assets/`` on every page.

* ``assets/course.css``: code that wraps instead of running off the page (on screen and in
  print), the hint on tables wider than the page, and the phone header (see :mod:`.header`).
* ``assets/course.js``: marks each table wider than its box, so that it shows the hint, is a
  keyboard stop and has a name (a labelled region), and keeps the fades at its edges in step
  with its scrolling. Without JavaScript the tables still scroll, with no hint.

Only these two files are linked from the pages; the rest of ``assets/`` (the icon) is copied
with them into ``_static/``, as Sphinx copies every folder of ``html_static_path``.
"""
from __future__ import annotations

from pathlib import Path

ASSETS = "assets"
STYLESHEET = "course.css"
SCRIPT = "course.js"


def add_course_style(app, config) -> None:
    """``config-inited``: serve ``assets/`` and link the course's stylesheet and script."""
    folder = Path(app.confdir, ASSETS)
    for name in (STYLESHEET, SCRIPT):
        if not (folder / name).is_file():
            from sphinx.errors import ConfigError

            raise ConfigError(f"the course's {name} is missing from {ASSETS}/")
    paths = [str(p) for p in config.html_static_path]
    if str(folder) not in paths and ASSETS not in paths:
        config.html_static_path.append(str(folder))
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, loading_method="defer")
