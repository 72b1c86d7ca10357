"""A small Sphinx extension that keeps the web book self-contained.

* Drops the ipywidgets state that myst-nb embeds on pages with widgets. The book shows the
  self-contained HTML version of each quiz instead, so the state is dead weight and would
  invite the widget manager from a CDN.
* Gives bibliography entries the list-item role their list container promises.
* Removes duplicate inline scripts. Sphinx 7.4 registers some extension snippets twice
  (once with ``filename=None`` and once with ``''``), which makes browsers report
  "Identifier ... has already been declared" on every page.
"""
from __future__ import annotations

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _script_key(script) -> tuple:
    attrs = getattr(script, "attributes", None) or {}
    return (getattr(script, "filename", None) or "",
            tuple(sorted((k, str(v)) for k, v in attrs.items() if k != "priority")))


# docutils marks a bibliography as role="list" but its entries as doc-biblioentry, which
# assistive technology (and axe-core) reads as a list without items.
_ARIA_FIXES = (('role="doc-biblioentry"', 'role="listitem"'),)


def tidy_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'class="citation-list"' in body:
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


def setup(app):
    app.connect("build-finished", write_index, priority=400)
    # Run after myst-nb (priority 500) has added its per-page scripts.
    app.connect("html-page-context", tidy_page, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
