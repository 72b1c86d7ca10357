"""Read a built HTML page with the standard library: its ids, links, loaded resources and tables."""
from __future__ import annotations

from dataclasses import dataclass, field
import html.parser
import re
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


class Pasted(html.parser.HTMLParser):
    """The text of each pasted number, citation and figure reference of a page's prose, in order
    (not of cell outputs: a cell that prints Markdown is run, not rewritten, in the copies)."""

    KINDS = {"pasted-text": "glue:text", "bibtex-citation": "cite", "std-numref": "numref"}

    def __init__(self):
        super().__init__()
        self.found, self.open = [], []   # open: [kind, depth, text]
        self.divs = []                   # True for each open div that is a cell's output

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.divs.append("cell_output" in (dict(attrs).get("class") or "").split())
            return
        if tag != "span" or any(self.divs):
            return
        for item in self.open:
            item[1] += 1
        classes = (dict(attrs).get("class") or "").split()
        kind = next((k for c, k in self.KINDS.items() if c in classes), None)
        if kind and not self.open:
            self.open.append([kind, 0, ""])

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()
            return
        if tag != "span" or not self.open:
            return
        if self.open[0][1] == 0:
            kind, _, text = self.open.pop()
            self.found.append((kind, " ".join(text.split())))
        else:
            self.open[0][1] -= 1

    def handle_data(self, data):
        if self.open:
            self.open[0][2] += data


class _Cells(HTMLParser):
    """The text of every cell (<td>, <th>) of every <table> of a page, table by table."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[str]] = []
        self._open: list[list[str]] = []   # the cells of each open table (tables can nest)
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._open.append([])
        elif tag in {"td", "th"} and self._open:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None and self._open:
            self._open[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_cells(text: str) -> list[list[str]]:
    """The cells of each table in an HTML text, as the reader sees them (whitespace collapsed)."""
    parser = _Cells()
    parser.feed(text)
    return parser.tables


# What a table cell must not show: a whole number printed as a float ("127938.0"), a float with
# more decimals than anyone reads ("0.30000000000000004"), a number of five or more digits with
# no thousands separators ("127938"), and text cut short with an ellipsis ("Remain in Mexi...").
CELL_FAULTS = {
    "float noise": re.compile(r"-?\d[\d,]*\.0+|-?\d[\d,]*\.\d{7,}"),
    "no thousands separators": re.compile(r"-?\d{5,}(\.\d+)?"),
    "truncated text": re.compile(r".*\S(\.\.\.|…)"),
}


def cell_faults(text: str) -> list[tuple[str, str]]:
    """(fault, cell) for every cell of every table in ``text`` that shows one of CELL_FAULTS."""
    return [(fault, cell) for table in table_cells(text) for cell in table
            for fault, pattern in CELL_FAULTS.items() if pattern.fullmatch(cell)]
