"""The web book builds with zero warnings, and what it builds is complete and self-contained."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from htmlscan import pages, scan

pytestmark = pytest.mark.book


def test_front_page_glossary_and_bibliography_are_built(built_book):
    assert "intro.html" in (built_book / "index.html").read_text(encoding="utf-8"), "index.html should lead to the front page"
    index = " ".join(scan(built_book / "intro.html").text)
    assert "Cooperation at the Border" in index
    assert "Chishti" in index, "the front page should cite the article the module is built on"
    glossary = scan(built_book / "glossary.html")
    assert "term-encounter" in glossary.ids and "term-fiscal-year" in glossary.ids
    bib = " ".join(scan(built_book / "references.html").text)
    assert "The Limits of the Go-It-Alone Approach" in bib


def test_every_internal_link_and_anchor_resolves(built_book):
    cache: dict[Path, set[str]] = {}
    broken = []
    for page_path in pages(built_book):
        page = scan(page_path)
        cache.setdefault(page_path, page.ids)
        targets = page.links + [url for _tag, url in page.loads]
        for url in targets:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page_path.relative_to(built_book)}: {url} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = cache.get(target)
                if ids is None:
                    ids = cache[target] = scan(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page_path.relative_to(built_book)}: {url} (no anchor #{parts.fragment})")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:40])


def test_pages_load_nothing_from_outside_the_book(built_book):
    outside = []
    for page_path in pages(built_book):
        page = scan(page_path)
        for tag, url in page.loads:
            if urlsplit(url).scheme in {"http", "https"} or url.startswith("//"):
                outside.append(f"{page_path.relative_to(built_book)}: <{tag}> {url}")
    assert not outside, "pages load resources from other hosts:\n" + "\n".join(outside[:40])


def test_pages_carry_no_widget_state_and_declare_language(built_book):
    for page_path in pages(built_book):
        raw = page_path.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" not in raw, f"{page_path.name} embeds widget state"
        assert scan(page_path).lang == "en", f"{page_path.name} does not declare lang=en"
