"""Page markup: accessibility repairs, duplicate scripts, the icon script, the index redirect.

* Drops the ipywidgets state that myst-nb embeds on pages with widgets. The book shows the
  self-contained HTML version of each quiz instead, so the state is dead weight and would
  invite the widget manager from a CDN.
* Repairs two bits of generated markup that fail accessibility checks (see ``_ARIA_FIXES``).
  They are plain replacements of the exact markup that sphinxcontrib-bibtex and myst-nb write
  today; ``tests/test_book.py`` proves on every built page that none of the old markup is left,
  so a change upstream fails a test instead of passing silently.
* Removes duplicate inline scripts: Sphinx 7.4 registers some extension snippets twice (once
  with ``filename=None`` and once with ``''``), which makes browsers report "Identifier ... has
  already been declared" on every page.
* Leaves out the theme's 1.5 MB icon script (``_templates/layout.html`` applies the
  ``without_icon_script`` filter): the theme's stylesheet and web fonts draw the same icons.
* Writes an accessible ``index.html`` that forwards to the front page.
"""
from __future__ import annotations

import re

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _script_key(script) -> tuple:
    attrs = getattr(script, "attributes", None) or {}
    return (getattr(script, "filename", None) or "",
            tuple(sorted((k, str(v)) for k, v in attrs.items() if k != "priority")))


# Two accessibility repairs of generated markup:
# - docutils marks a bibliography as role="list" but its entries as doc-biblioentry, which
#   assistive technology (and axe-core) reads as a list without items;
# - myst-nb names the toggle of a folded cell "Toggle hidden content" while it shows
#   "Show code cell source": the visible text should be (part of) the name, so drop the label.
_ARIA_FIXES = (('role="doc-biblioentry"', 'role="listitem"'),
               ('<summary aria-label="Toggle hidden content">', "<summary>"))


def tidy_page(app, pagename, templatename, context, doctree) -> None:
    # pages that MyST does not parse (the index, the search page) get the book's description too
    description = (getattr(app.config, "myst_html_meta", None) or {}).get("description")
    metatags = context.get("metatags", "")
    if description and isinstance(metatags, str) and 'name="description"' not in metatags:
        from html import escape

        context["metatags"] = metatags + f'\n<meta name="description" content="{escape(description)}" />'
    body = context.get("body")
    if isinstance(body, str):
        for old, new in _ARIA_FIXES:
            body = body.replace(old, new)
        context["body"] = body
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        attrs = getattr(script, "attributes", None) or {}
        if attrs.get("type") == WIDGET_STATE:
            continue
        key = _script_key(script)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


ICON_SCRIPT = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*/fontawesome\.js(?:\?[^"]*)?"[^>]*>\s*</script>\n?')


def without_icon_script(html):
    """Jinja filter: ``html`` without the theme's ``<script src=".../fontawesome.js">``."""
    from markupsafe import Markup

    return Markup(ICON_SCRIPT.sub("", str(html)))


def add_template_filters(app) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        environment.filters["without_icon_script"] = without_icon_script


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body>
<main><p><a href="{target}">{title}: go to the front page</a></p></main>
</body>
</html>
"""


def write_index(app, exception) -> None:
    """Write an accessible ``index.html`` that forwards to the root page.

    sphinx-external-toc writes a bare ``<meta>`` redirect with no language or title when the
    root document is not ``index``; running first, this writes a complete page instead.
    """
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    from html import escape
    from pathlib import Path

    target = f"{app.config.root_doc}.html" if app.builder.name == "html" else f"{app.config.root_doc}/index.html"
    Path(app.outdir, "index.html").write_text(
        REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), title=escape(app.config.project),
                             target=escape(target)), encoding="utf-8")
