"""Chapter times for the instructors' pages, and each chapter page's own meta description.

* ``config-inited``: every chapter's computed time (:mod:`coursekit.pacing`) becomes a MyST
  substitution, so that the guide and the session plans write ``{{ time_ch1 }}`` ("about 65
  minutes") and ``{{ reading_ch1 }}`` ("30 minutes") and cannot drift from the chapters.
* ``html-page-context``: a chapter's first page is described by its "The short version", and a
  later page by its sections and chapter, in place of the site-wide description.
"""
from __future__ import annotations

import functools
import html
import math
import re
from pathlib import Path

from coursekit import pacing

_DESCRIPTION = re.compile(r'<meta content="[^"]*" name="description" />|<meta name="description" content="[^"]*" />')
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")


def plain(markdown: str) -> str:
    """One line of plain text from a short Markdown paragraph (roles by their text, no emphasis)."""
    text = _ROLE.sub(lambda m: m.group(1), markdown)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def chapter_substitutions(root: Path) -> dict[str, str]:
    subs = {}
    for chapter, pages in pacing.measure(root).items():
        n = pacing.chapter_number(chapter)
        total = 5 * math.ceil(sum(p.minutes for p in pages) / 5)
        subs[f"time_ch{n}"] = f"about {total} minutes"
        subs[f"reading_ch{n}"] = f"{sum(p.reading_minutes for p in pages)} minutes"
        subs[f"pages_ch{n}"] = str(len(pages))
    return subs


def add_pacing_substitutions(app, config):
    root = Path(app.srcdir)
    if not (root / "_toc.yml").exists():
        return
    try:
        chapter_subs = chapter_substitutions(root)
    except pacing.PacingError:  # a book with no "Chapters" part (a probe book) has no chapter times
        return
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update(chapter_subs)
    config.myst_substitutions = subs


@functools.lru_cache(maxsize=4)
def page_descriptions(root: Path) -> dict[str, str]:
    """A description for every chapter page: the short version, or the page's sections."""
    import nbformat

    found = {}
    for chapter, pages in pacing.chapters(root).items():
        first = nbformat.read(root / f"{chapter}.ipynb", as_version=4)
        opening = first.cells[0].source
        title = opening.splitlines()[0].lstrip("# ").strip()
        short = pacing.SHORT_VERSION.search(opening)
        if short:
            found[chapter] = plain(short.group("body"))
        for i, doc in enumerate(pages[1:], start=2):
            nb = nbformat.read(root / f"{doc}.ipynb", as_version=4)
            sections = [m.group(1) for c in nb.cells if c.cell_type == "markdown"
                        for m in re.finditer(r"^## (\d+\.\d+ .+)$", c.source, re.M)]
            found[doc] = (f"Page {i} of {len(pages)} of the chapter \u201c{title}\u201d: "
                          + "; ".join(plain(s) for s in sections) + ".")
    return found


def describe_chapter_pages(app, pagename, templatename, context, doctree):
    root = Path(app.srcdir)
    try:
        text = page_descriptions(root).get(pagename) if (root / "_toc.yml").exists() else None
    except pacing.PacingError:  # no "Chapters" part: the site-wide description stands
        return
    if not text or "metatags" not in context:
        return
    tag = f'<meta content="{html.escape(text, quote=True)}" name="description" />'
    tags, n = _DESCRIPTION.subn(tag, context["metatags"], count=1)
    context["metatags"] = tags if n else tags + "\n" + tag
