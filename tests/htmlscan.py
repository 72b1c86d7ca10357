"""Read a built HTML page with the standard library: its ids, links and loaded resources."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# (tag, attribute) pairs that make the browser fetch something when the page loads.
LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
          ("source", "src"), ("video", "src"), ("audio", "src")}


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)        # <a href>
    loads: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) fetched on load
    images: list[dict] = field(default_factory=list)
    lang: str | None = None
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.page.ids.add(a["name"])
        if tag == "html":
            self.page.lang = a.get("lang")
        if tag == "a" and a.get("href") is not None:
            self.page.links.append(a["href"])
        if tag == "img":
            self.page.images.append(a)
        if tag == "link" and "stylesheet" not in (a.get("rel") or "") and "icon" not in (a.get("rel") or ""):
            pass  # prev/next/canonical links are not fetched
        elif any(tag == t and a.get(attr) for t, attr in LOADED):
            attr = "href" if tag == "link" else "src"
            self.page.loads.append((tag, a[attr]))
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.page.text.append(data.strip())


def scan(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def pages(html_root: Path) -> list[Path]:
    return sorted(p for p in html_root.rglob("*.html")
                  if "_static" not in p.relative_to(html_root).parts)
