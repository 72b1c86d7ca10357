"""Page markup: accessibility and validity repairs, duplicate scripts, the icon script, the redirect.

* Drops the ipywidgets state that myst-nb embeds on pages with widgets. The book shows the
  self-contained HTML version of each quiz instead, so the state is dead weight and would
  invite the widget manager from a CDN.
* Repairs generated markup that fails accessibility checks (``_ARIA_FIXES``; the sidebar's
  nameless folding toggles, ``_NAMELESS_TOGGLE``) or is not valid HTML (the cell toggles'
  labels, ``_SUMMARY``). They are plain replacements of the exact markup that
  sphinxcontrib-bibtex, myst-nb and pydata-sphinx-theme write today; ``tests/test_book.py``
  proves on every built page that none of the old markup is left, so a change upstream fails a
  test instead of passing silently.
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

# A <summary> holds phrasing content only, but myst-nb writes each cell toggle's two labels
# ("Show code cell source", "Hide code cell source") as <p>s in it: the Nu HTML Checker's error
# "Element p not allowed as child of element summary". They become <span>s; assets/course.css
# gives the spans myst-nb's rules for the <p>s.
_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)
_SUMMARY_P = re.compile(r'<p class="((?:collapsed|expanded) admonition-title)">(.*?)</p>', re.S)


def _summary_spans(match) -> str:
    return "<summary>" + _SUMMARY_P.sub(r'<span class="\1">\2</span>', match.group(1)) + "</summary>"


# pydata-sphinx-theme folds a page's sub-pages in the sidebar under a <details> whose <summary>
# holds only a chevron icon: a toggle with no name (axe-core's serious "summary-name"). Each one
# is named after its page, in visually hidden text: "Sub-pages of Removals depend on ...".
_NAMELESS_TOGGLE = re.compile(r'(<a\b[^>]*>(?P<title>(?:(?!</a>).)*)</a>\s*<details\b[^>]*>\s*<summary>)'
                              r'(?=\s*<span class="toctree-toggle")', re.S)


def _named_toggles(html):
    """The theme's sidebar HTML (a soup or a string) with a name in each folding toggle."""
    from html import escape, unescape

    from markupsafe import Markup

    def name(match) -> str:
        title = " ".join(unescape(re.sub(r"<[^>]+>", "", match.group("title"))).split())
        return f'{match.group(1)}<span class="visually-hidden">Sub-pages of {escape(title)}</span>'

    return Markup(_NAMELESS_TOGGLE.sub(name, str(html)))


def name_sidebar_toggles(context) -> None:
    """Wrap the theme's ``generate_toctree_html`` so that its folding toggles have names."""
    generate = context.get("generate_toctree_html")
    if not callable(generate) or getattr(generate, "names_toggles", False):
        return

    def generate_named(*args, **kwargs):
        return _named_toggles(generate(*args, **kwargs))

    generate_named.names_toggles = True
    context["generate_toctree_html"] = generate_named


def tidy_page(app, pagename, templatename, context, doctree) -> None:
    name_sidebar_toggles(context)
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
        context["body"] = _SUMMARY.sub(_summary_spans, body)
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
