"""The printed book: a tagged, bookmarked PDF of the student edition, and the instructors' PDF.

    python -m coursekit.pdf            # or: make pdf (which first builds both editions)

Both PDFs are printed by Debian's Chromium (``/usr/bin/chromium``, driven by Playwright; no
browser is downloaded) from the built web book, so they show what the web pages show: every
computed number, figure, caption, citation and the quizzes, styled by ``assets/print.css``.

* ``student-edition.pdf``: a cover, then every page of the student edition
  (``make book-student``) in the order of ``_toc.yml``, each starting a new sheet. Its headings
  become the bookmarks: one top-level bookmark per page, a page's sections below it, a
  chapter's sub-pages below their chapter.
* ``instructors-edition.pdf``: the same, and an appendix: (A) each chapter's quiz answer key,
  from the question banks (:mod:`coursekit.quiz`, with the values computed from the data) and
  (B) the exercise solutions: the exercise pages of the full edition (``make book``), which are
  the exercise sources executed, the notebooks ``make release`` writes as answer keys, with
  every folded solution and model answer opened.

Why print the built pages, one composed document, rather than Jupyter Book's ``pdfhtml``
builder: that builder needs a ``singlehtml`` build (a third Sphinx build, whose root page also
asks for MathJax from a CDN) and launches a browser that Playwright downloads. Here each
built page's article is read once into one document in Chromium and printed in one go, so
Chromium's own tags (the structure tree, with the images' alt text) and its outline from the
headings cover the whole book. Printing page by page and merging the files would not: pypdf's
merge keeps neither the structure tree nor the marks that say the file is tagged.

Every request goes through Playwright's router: the two built sites are served from disk under
a reserved address (``https://book.invalid/``), and a request for anything else is aborted,
recorded and fails the build, as does a file missing from a site.
"""
from __future__ import annotations

import argparse
import html
import math
import mimetypes
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit._paths import REPOSITORY as ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ORIGIN = "https://book.invalid"  # the reserved .invalid domain: nothing there can ever answer
SHELL = "/print.html"

STUDENT_HTML = ROOT / "_build" / "student" / "_build" / "html"
FULL_HTML = ROOT / "_build" / "html"
OUT_DIR = ROOT / "_build" / "pdf"
STUDENT_PDF = "student-edition.pdf"
INSTRUCTORS_PDF = "instructors-edition.pdf"

PAPERS = {"a4": "A4", "letter": "Letter"}
# The text block: the sheet less these margins. The footer (page numbers) sits in the bottom one.
MARGINS_MM = {"top": 16.0, "right": 16.0, "bottom": 18.0, "left": 16.0}

PRINT_CSS = "print.css"  # assets/print.css, which the book serves as _static/print.css
EDITIONS = {"student": "Student edition", "instructors": "Instructors' edition"}


class PrintError(RuntimeError):
    """The PDF could not be printed as it must be. The message says why."""


@dataclass
class Printed:
    """One printed PDF and what was seen while printing it."""

    path: Path
    pages: int
    bookmarks: int            # top-level bookmarks
    requested: list[str] = field(default_factory=list)  # every URL the page asked for


# ----------------------------------------------------------------------------- the answer key

def option_letter(index: int) -> str:
    """The letter the printed quiz gives an option: A for the first (assets/print.css counts them)."""
    return chr(ord("A") + index)


def _number(value: float, width: float) -> str:
    """A number of the key with the decimals an accepted interval ``width`` wide needs: one
    place below the interval's first digit (38.4 for 38.0 to 39.0, 1,234 for 1,200 to 1,300);
    an exact value with the decimals it has."""
    if width == 0:
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{value:,.{max(0, 1 - math.floor(math.log10(width)))}f}"


def quiz_key_html(banks: list[str] | None = None) -> str:
    """Appendix A: each chapter's quiz with its correct answers, feedback and accepted ranges.

    The options carry the letters the printed quiz gives them (A for the first option as
    students see it, :func:`coursekit.quiz.arrange`), and the numbers are computed from the data
    as the graders compute them (:func:`coursekit.quiz.answer_key`).
    """
    from coursekit import quiz

    names = banks if banks is not None else sorted(p.stem for p in quiz.QUIZ_DIR.glob("*.yml"))
    esc = html.escape
    parts = ['<h1 id="appendix-quiz-key">Appendix A. Quiz answer key</h1>',
             "<p>For each chapter's quiz: the correct option (lettered as in the printed quiz) or the "
             "accepted value, the feedback a student reads for it, and the section that answers "
             "the question.</p>"]
    for name in names:
        bank = quiz.load_bank(name)
        key = quiz.answer_key(bank)
        parts.append(f'<section class="ck-key" id="key-{esc(name)}"><h2>{esc(bank["title"])}</h2>')
        for number, (q, entry) in enumerate(zip(bank["questions"], key), start=1):
            parts.append('<div class="ck-key-question">')
            parts.append(f"<p><strong>Question {number}.</strong> {esc(q['question'])}</p>")
            parts.append(quiz.table_html(q))
            if q["type"] in {"multiple_choice", "many_choice"}:
                label = "Answer" if len(entry["correct"]) == 1 else "Answers"
                for i in entry["correct"]:
                    parts.append(f'<p class="ck-key-answer">{label}: {option_letter(i)}. '
                                 f'{esc(str(q["answers"][i]["answer"]))}</p>')
                    parts.append(f"<p>{esc(q['answers'][i]['feedback'])}</p>")
            elif q["type"] == "string":
                accepted = ", ".join(esc(str(q["answers"][i]["answer"])) for i in entry["correct"])
                parts.append(f'<p class="ck-key-answer">Accepted: {accepted}</p>')
                parts.extend(f"<p>{esc(q['answers'][i]['feedback'])}</p>" for i in entry["correct"])
            else:
                value = quiz._numeric_value(q, {}, number)  # the graders' own value, from the data
                lo, hi = entry["lo"], entry["hi"]
                unit = f" {esc(q['unit'])}" if q.get("unit") else ""
                shown = f"{_number(value, hi - lo)}{unit}"
                if hi > lo:
                    shown += f" (accepted: {_number(lo, hi - lo)} to {_number(hi, hi - lo)})"
                parts.append(f'<p class="ck-key-answer">Answer: {shown}</p>')
                parts.append(f"<p>{esc(q['feedback_correct'])}</p>")
            parts.append(f"<p><em>{esc(q['explanation'])}</em> Objective {esc(str(q['objective']))}.</p>")
            parts.append("</div>")
        parts.append("</section>")
    return "\n".join(parts)


def solutions_intro_html() -> str:
    return ('<h1 id="appendix-exercise-solutions">Appendix B. Exercise solutions</h1>'
            "<p>The exercise pages of the full edition: each task with its model solution, the code "
            "between <code># BEGIN SOLUTION</code> and <code># END SOLUTION</code>, its output and "
            "check, and each model answer. These are the exercise sources, executed: the "
            "notebooks <code>make release</code> writes as answer keys.</p>")


def cover_html(edition: str, title: str) -> str:
    import yaml

    from coursekit import __version__ as version

    repository = (yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("repository") or {}).get("url", "")
    esc = html.escape
    return (f'<p class="ck-print-title">{esc(title)}</p>'
            f'<p class="ck-print-edition">{esc(EDITIONS[edition])}</p>'
            f"<p>Version {esc(version)}</p>"
            f"<p>{esc(repository)}</p>"
            "<p>Text and data compilation: CC BY 4.0. Code: MIT.</p>")


# ----------------------------------------------------------------------------- the browser side

# Compose the printed document in the shell page: read each built page, keep its article, make
# its ids unique, point its links inside the document, open what is folded, and shift its
# headings by its depth in the table of contents (a chapter's sub-pages under their chapter).
_COMPOSE = r"""
async ({items, pages, extraCss}) => {
  const main = document.querySelector('main');
  const idOf = new Map(Object.entries(pages));
  const cssSeen = new Set();
  const loading = [];
  const problems = [];
  const parser = new DOMParser();
  function addStyles(doc, base, site) {
    doc.querySelectorAll('head link[rel~="stylesheet"], head style').forEach(el => {
      let key, node;
      if (el.tagName === 'STYLE') {
        key = 'style:' + el.textContent;
        node = document.createElement('style');
        node.textContent = el.textContent;
      } else {
        const url = new URL(el.getAttribute('href'), base);
        key = 'link:' + url.pathname.slice(site.length) + url.search;
        node = document.createElement('link');
        node.rel = 'stylesheet';
        node.href = url.href;
        if (el.media) { node.media = el.media; }
      }
      if (cssSeen.has(key)) { return; }
      cssSeen.add(key);
      if (node.tagName === 'LINK') {
        loading.push(new Promise(ok => {
          node.onload = ok;
          node.onerror = () => { problems.push('stylesheet ' + node.href); ok(); };
        }));
      }
      document.head.appendChild(node);
    });
  }
  function demote(root, by) {
    if (!by) { return; }
    root.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(h => {
      const level = Math.min(6, parseInt(h.tagName[1], 10) + by);
      const n = document.createElement('h' + level);
      for (const a of h.attributes) { n.setAttribute(a.name, a.value); }
      while (h.firstChild) { n.appendChild(h.firstChild); }
      h.replaceWith(n);
    });
  }
  function rewrite(root, base, prefix) {
    root.querySelectorAll('script, noscript, template, .headerlink').forEach(el => el.remove());
    root.querySelectorAll('details').forEach(d => { d.open = true; });
    root.querySelectorAll('[id]').forEach(el => { el.id = prefix + '--' + el.id; });
    root.querySelectorAll('label[for]').forEach(el => { el.htmlFor = prefix + '--' + el.htmlFor; });
    for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
      root.querySelectorAll('[' + attr + ']').forEach(el => {
        el.setAttribute(attr, el.getAttribute(attr).split(/\s+/).map(v => prefix + '--' + v).join(' '));
      });
    }
    root.querySelectorAll('[src]').forEach(el => { el.setAttribute('src', new URL(el.getAttribute('src'), base).href); });
    root.querySelectorAll('img').forEach(img => { img.loading = 'eager'; img.removeAttribute('srcset'); });
    root.querySelectorAll('a[href]').forEach(a => {
      const url = new URL(a.getAttribute('href'), base);
      if (url.origin !== location.origin) { return; }
      const target = idOf.get(url.origin + url.pathname);
      if (target === undefined) { a.removeAttribute('href'); return; }
      const frag = decodeURIComponent(url.hash.slice(1));
      a.setAttribute('href', '#' + (frag ? target + '--' + frag : target));
    });
  }
  for (const item of items) {
    const section = document.createElement('section');
    section.className = item.className;
    section.id = item.id;
    if (item.html !== undefined) {
      section.innerHTML = item.html;
    } else {
      const response = await fetch(item.url);
      if (!response.ok) { problems.push('page ' + item.url + ': HTTP ' + response.status); continue; }
      const doc = parser.parseFromString(await response.text(), 'text/html');
      addStyles(doc, item.url, item.site);
      const article = doc.querySelector('article.bd-article') || doc.querySelector('main');
      if (!article) { problems.push('page ' + item.url + ': no article'); continue; }
      const content = document.importNode(article, true);
      rewrite(content, item.url, item.id);
      demote(content, item.depth);
      section.appendChild(content);
    }
    main.appendChild(section);
  }
  if (extraCss) {
    const own = document.createElement('style');
    own.textContent = extraCss;
    document.head.appendChild(own);
  }
  await Promise.all(loading);
  await Promise.all(Array.from(document.images).map(img => img.decode().catch(() => problems.push('image ' + img.src))));
  await document.fonts.ready;
  const styles = Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).map(l => [l.href, l.media]);
  const headings = Array.from(main.querySelectorAll('h1, h2, h3, h4, h5, h6'))
    .filter(h => h.getClientRects().length > 0)
    .map(h => h.textContent.replace(/\s+/g, ' ').trim());
  return {problems, styles, headings};
}
"""

# The pages of a built site in the order of its table of contents, read from the root page's
# navigation: the front page first, then each entry with its depth (0 for a chapter).
_TOC = r"""
() => Array.from(document.querySelectorAll('nav.bd-docs-nav a.reference.internal')).map(a => {
  const li = a.closest('li');
  const m = li ? /toctree-l(\d+)/.exec(li.className) : null;
  return {url: new URL(a.getAttribute('href'), location.href).href.split('#')[0],
          depth: m ? parseInt(m[1], 10) - 1 : 0};
})
"""


def _root_page(site: Path) -> str:
    """The front page of a built site: where ``index.html`` forwards to, or ``index.html``."""
    index = site / "index.html"
    if not index.is_file():
        raise PrintError(f"{site} holds no index.html: build the book first")
    match = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', index.read_text(encoding="utf-8"), re.I)
    return match.group(1) if match else "index.html"


class _Router:
    """Serves the built sites from disk under ORIGIN; aborts and records everything else."""

    def __init__(self, sites: dict[str, Path], shell: str):
        self.sites = {name: Path(folder).resolve() for name, folder in sites.items()}
        self.shell = shell
        self.outside: list[str] = []
        self.missing: list[str] = []
        self.requested: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        self.requested.append(url)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            self.outside.append(url)
            route.abort()
            return
        if parts.path == SHELL:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.shell)
            return
        site, _, rest = parts.path.lstrip("/").partition("/")
        folder = self.sites.get(site)
        path = (folder / unquote(rest)).resolve() if folder else None
        if path is None or folder not in path.parents or not path.is_file():
            self.missing.append(url)
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, content_type=kind, body=path.read_bytes())


def _shell(title: str, lang: str) -> str:
    esc = html.escape
    return (f'<!DOCTYPE html><html lang="{esc(lang)}" data-theme="light" data-mode="light"><head>'
            f'<meta charset="utf-8"><title>{esc(title)}</title></head>'
            '<body class="ck-print-book"><main class="ck-print-main"></main></body></html>')


def _footer(title: str, edition: str) -> str:
    esc = html.escape
    return ('<div style="width:100%;font-size:8pt;font-family:\'DejaVu Sans\',sans-serif;color:#444;'
            f'text-align:center;">{esc(title)} · {esc(EDITIONS[edition])} · '
            'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def toc_pages(browser, site: Path, name: str = "student") -> list[dict]:
    """The pages of a built site in the order of its table of contents, each with its depth."""
    router = _Router({name: site}, "")
    context = browser.new_context(java_script_enabled=False)  # the navigation is in the HTML
    try:
        context.route("**/*", router)
        page = context.new_page()
        page.goto(f"{ORIGIN}/{name}/{_root_page(site)}", wait_until="domcontentloaded")
        entries = page.evaluate(_TOC)
    finally:
        context.close()
    if not entries:
        raise PrintError(f"{site}: the front page has no table of contents (nav.bd-docs-nav)")
    seen, pages = set(), []
    for entry in entries:
        if entry["url"] not in seen:
            seen.add(entry["url"])
            pages.append(entry)
    return pages


def _docname(site: str, url: str) -> str:
    """``chapters/02_mpp`` for the page ``{ORIGIN}/{site}/chapters/02_mpp.html``."""
    return unquote(urlsplit(url).path).split(f"/{site}/", 1)[1].removesuffix(".html")


def _only(body: list[dict], wanted: set[str]) -> list[dict]:
    """The entries of ``body`` named in ``wanted``, each with the sub-pages under it."""
    kept, under = [], None
    for entry in body:
        if under is not None and entry["depth"] > under:
            kept.append(entry)
            continue
        under = None
        if _docname("student", entry["url"]) in wanted:
            kept.append(entry)
            under = entry["depth"]
    unknown = wanted - {_docname("student", entry["url"]) for entry in body}
    if unknown:
        raise PrintError(f"not pages of the book: {', '.join(sorted(unknown))}")
    return kept


def _page_id(site: str, url: str) -> str:
    return f"{site}-" + _docname(site, url).replace("/", "-")


def print_edition(browser, edition: str, student_html: Path, out: Path, full_html: Path | None = None,
                  paper: str = "a4", title: str | None = None, only: list[str] | None = None,
                  extra_css: str = "") -> Printed:
    """Print one edition to ``out``; the instructors' edition needs the full edition's site.

    ``only`` limits the body to the pages of those docnames (``chapters/02_mpp``) and the
    sub-pages under them, in the book's order; ``extra_css`` is a stylesheet applied after the
    book's own.
    """
    if edition not in EDITIONS:
        raise PrintError(f"unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}")
    if edition == "instructors" and full_html is None:
        raise PrintError("the instructors' PDF takes its exercise solutions from the full edition: give its site")
    sites = {"student": Path(student_html)}
    if full_html is not None and edition == "instructors":
        sites["full"] = Path(full_html)
    for name, folder in sites.items():
        if not (Path(folder) / "index.html").is_file():
            raise PrintError(f"no built {name} edition at {folder}: build it first "
                             f"({'make book-student' if name == 'student' else 'make book'})")
    root = (sites["student"] / _root_page(sites["student"])).read_text(encoding="utf-8")
    lang = (re.search(r'<html[^>]*\blang="([^"]+)"', root) or [None, "en"])[1]
    if title is None:
        found = re.search(r"<title>([^<]*)</title>", root)
        title = html.unescape(found.group(1)).strip() if found else "Book"

    body = toc_pages(browser, sites["student"], "student")
    if only is not None:
        body = _only(body, set(only))
    items = [{"className": "ck-print-cover", "id": "cover", "html": cover_html(edition, title)}]
    pages = {}
    for entry in body:
        pid = _page_id("student", entry["url"])
        pages[entry["url"]] = pid
        items.append({"className": "ck-print-page", "id": pid, "url": entry["url"], "site": "/student/",
                      "depth": entry["depth"]})
    if edition == "instructors":
        items.append({"className": "ck-print-appendix", "id": "appendix-a", "html": quiz_key_html()})
        items.append({"className": "ck-print-appendix", "id": "appendix-b", "html": solutions_intro_html()})
        solved = [entry for entry in toc_pages(browser, sites["full"], "full")
                  if _docname("full", entry["url"]) in _exercise_docnames()]
        if len(solved) != len(_exercise_docnames()):
            raise PrintError(f"the full edition at {sites['full']} lacks exercise pages: found "
                             f"{len(solved)} of {len(_exercise_docnames())}")
        # a link on a solutions page leads to the same page of the body (a chapter, the
        # glossary), except a link within the solutions page itself, which stays there
        for url, pid in list(pages.items()):
            pages[url.replace(f"{ORIGIN}/student/", f"{ORIGIN}/full/", 1)] = pid
        for entry in solved:
            pid = _page_id("full", entry["url"])
            pages[entry["url"]] = pid
            items.append({"className": "ck-print-page ck-print-solutions", "id": pid,
                          "url": entry["url"], "site": "/full/", "depth": 1})

    router = _Router(sites, _shell(title, lang))
    context = browser.new_context()
    try:
        context.route("**/*", router)
        page = context.new_page()
        page.set_default_timeout(180_000)
        page.goto(f"{ORIGIN}{SHELL}", wait_until="load")
        composed = page.evaluate(_COMPOSE, {"items": items, "pages": pages, "extraCss": extra_css})
        data = page.pdf(format=PAPERS[paper], print_background=True, tagged=True, outline=True,
                        display_header_footer=True, header_template="<span></span>",
                        footer_template=_footer(title, edition),
                        margin={side: f"{mm}mm" for side, mm in MARGINS_MM.items()})
    finally:
        context.close()
    if router.outside:
        raise PrintError(f"the {edition} PDF asked for {len(router.outside)} outside address(es), which were "
                         f"refused: {', '.join(sorted(set(router.outside))[:10])}")
    problems = list(composed["problems"]) + [f"missing file {url}" for url in router.missing]
    if not any(urlsplit(href).path.endswith(f"/_static/{PRINT_CSS}") and media == "print"
               for href, media in composed["styles"]):
        problems.append(f"the site does not load _static/{PRINT_CSS} for print (html_css_files in _config.yml)")
    if problems:
        raise PrintError(f"the {edition} PDF is incomplete: " + "; ".join(problems[:10]))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    retitle_bookmarks(out, composed["headings"])
    pages_count, bookmarks = summary(out)
    return Printed(out, pages_count, bookmarks, router.requested)


def _bookmarks(outlines) -> list:
    """Every bookmark of an /Outlines tree, in reading order (a bookmark, then those under it)."""
    found = []

    def walk(node):
        while node is not None:
            node = node.get_object()
            found.append(node)
            if "/First" in node:
                walk(node["/First"])
            node = node.get("/Next")

    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    return found


def retitle_bookmarks(path: Path, headings: list[str]) -> None:
    """Give each bookmark the text of its heading.

    Chromium makes a bookmark of every heading, in the headings' order, but takes its title
    from the heading's painted lines: where a heading wraps, the space between its lines is
    lost ("Border enforcement cooperationwith Mexico"), and a heading moved to the next sheet
    can have its first line twice. The n-th bookmark is given the n-th heading's text, once
    its own letters are seen to end with that text's (so a bookmark is never renamed after
    another heading). Written as an incremental update: Chromium's bytes stay as they are.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(str(path), incremental=True)
    marks = _bookmarks(writer.root_object.get("/Outlines"))
    if len(marks) != len(headings):
        raise PrintError(f"{path}: {len(marks)} bookmarks for {len(headings)} headings")
    squeeze = lambda text: re.sub(r"\s+", "", str(text))  # noqa: E731
    for mark, heading in zip(marks, headings):
        if not squeeze(mark["/Title"]).endswith(squeeze(heading)):
            raise PrintError(f"{path}: the bookmark {str(mark['/Title'])!r} does not belong to the heading {heading!r}")
        mark[NameObject("/Title")] = TextStringObject(heading)
    writer.write(str(path))


def _exercise_docnames() -> set[str]:
    """The exercise pages: one per source notebook that ``make release`` turns into an answer key."""
    from coursekit.release import SOURCE_DIR

    return {f"{SOURCE_DIR.name}/{p.stem}" for p in SOURCE_DIR.glob("*.ipynb")}


def summary(path: Path) -> tuple[int, int]:
    """(pages, top-level bookmarks) of a PDF; an error if it is not tagged or has no outline."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    catalog = reader.trailer["/Root"]
    if "/StructTreeRoot" not in catalog:
        raise PrintError(f"{path} is not tagged (no StructTreeRoot)")
    top = [item for item in reader.outline if not isinstance(item, list)]
    if not top:
        raise PrintError(f"{path} has no bookmarks")
    return len(reader.pages), len(top)


def print_editions(student_html: Path = STUDENT_HTML, full_html: Path = FULL_HTML, out_dir: Path = OUT_DIR,
                   paper: str = "a4", browser=None, only: list[str] | None = None) -> list[Printed]:
    """Print both PDFs into ``out_dir``; ``browser`` is a Playwright Chromium, or one is started."""
    if browser is not None:
        return [print_edition(browser, "student", student_html, Path(out_dir) / STUDENT_PDF, paper=paper, only=only),
                print_edition(browser, "instructors", student_html, Path(out_dir) / INSTRUCTORS_PDF,
                              full_html=full_html, paper=paper, only=only)]
    if not Path(CHROMIUM).exists():
        raise PrintError(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            return print_editions(student_html, full_html, out_dir, paper, browser=chromium, only=only)
        finally:
            chromium.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--student-html", type=Path, default=STUDENT_HTML,
                        help="the built student edition (default: _build/student/_build/html)")
    parser.add_argument("--full-html", type=Path, default=FULL_HTML,
                        help="the built full edition, for the exercise solutions (default: _build/html)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write (default: _build/pdf)")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="a4", help="sheet size (default: a4)")
    parser.add_argument("--page", action="append", metavar="DOCNAME",
                        help="print only this page of the book and its sub-pages, e.g. chapters/02_mpp "
                             "(may be repeated)")
    args = parser.parse_args(argv)
    try:
        printed = print_editions(args.student_html, args.full_html, args.out, args.paper, only=args.page)
    except PrintError as exc:
        print(f"pdf failed: {exc}", file=sys.stderr)
        return 1
    for result in printed:
        print(f"wrote {result.path} ({result.pages} pages, {result.bookmarks} top-level bookmarks, "
              f"{len(result.requested)} requests, none outside)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
