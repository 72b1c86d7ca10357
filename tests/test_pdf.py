"""The printed book (make pdf): both PDFs, printed by Debian's Chromium from the two built editions.

Each property is checked by a function that returns what is wrong, and each function is also
shown a broken input on which it must complain:

- the page count of each part of the book lies within bounds computed from the text of its
  built pages, and no sheet is blank;
- the bookmarks are the book's pages in the order of ``_toc.yml`` (a chapter's sub-pages
  under it), and in the instructors' PDF the two appendices after them;
- a number the prose computes from ``coursekit.measures`` is printed as the prose formats it;
- the student PDF holds no solution text, and the instructors' appendix holds all of it;
- both PDFs are tagged (a structure tree, whose figures carry the pages' alt text);
- no code line runs past the right margin or is cut short.

"Solution text" means: every line that :func:`coursekit.solutions.solution_lines` returns for
an exercise source (the model answers, code and Markdown, that the notebook shows nowhere
outside its solutions), less the lines a chapter page of the student edition shows as its own
teaching code; and every feedback text of the quiz banks, which the web page shows only after
a student checks an answer (the instructors' key prints the feedback of each correct answer).
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pypdf
import pypdfium2 as pdfium
import pytest
import yaml

from conftest import ROOT
from coursekit import measures, pdf

pytestmark = [pytest.mark.book, pytest.mark.browser]

PT_PER_MM = 72 / 25.4
# Characters (not counting spaces) that a printed sheet of this book holds: at most DENSEST
# (the bibliography, in small type, holds about 3,000), at least SPARSEST on a sheet that is
# not the last of its part (a page of short lines and headings holds about 1,500).
DENSEST = 4500
SPARSEST = 700


# ----------------------------------------------------------------------------- reading pages

class _Article(HTMLParser):
    """A built page's article: its visible text, its title, its code blocks and its image alts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0            # > 0 inside <article class="bd-article">
        self.skip = 0             # inside <script>, <style> or a heading's "#" link
        self.text: list[str] = []
        self.title: list[str] = []
        self.in_h1 = False
        self.h1_done = False
        self.pre: list[list[str]] = []
        self.in_pre = 0
        self.alts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "bd-article" in (a.get("class") or "").split():
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "article":
            self.depth += 1
        if tag in {"script", "style"} or (tag == "a" and "headerlink" in (a.get("class") or "")):
            self.skip += 1
        if tag == "h1" and not self.h1_done:
            self.in_h1 = True
        if tag == "pre":
            self.in_pre += 1
            self.pre.append([])
        if tag == "img" and a.get("alt"):
            self.alts.append(a["alt"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        if tag in {"script", "style", "a"} and self.skip:
            self.skip -= 1
        if tag == "h1" and self.in_h1:
            self.in_h1, self.h1_done = False, True
        if tag == "pre" and self.in_pre:
            self.in_pre -= 1

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        self.text.append(data)
        if self.in_h1:
            self.title.append(data)
        if self.in_pre:
            self.pre[-1].append(data)


def article(path: Path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.h1_done, f"{path} has no article with a heading"
    return parser


def title_of(site: Path, docname: str) -> str:
    return " ".join("".join(article(site / f"{docname}.html").title).split())


def flat(text: str) -> str:
    """Text as compared across HTML, Markdown and PDF: typographic quotes and dashes made plain,
    and no white space at all (a printed line may wrap anywhere, a code line too)."""
    table = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-",
                           "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u2212": "-",
                           "\x02": "-"})  # PDFium's mark for a hyphen that ends a line
    return re.sub(r"\s+", "", text.translate(table))


def markdown_as_shown(line: str) -> str:
    """A Markdown source line as the page shows it: no emphasis, code marks, list marks or link targets."""
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"^\s*(?:[-*+]|\d+\.|>|#+)\s+", "", line)
    return line.replace("*", "").replace("`", "")


# ----------------------------------------------------------------------------- reading PDFs

@dataclass
class Mark:
    title: str
    page: int                 # 0-based
    children: list["Mark"] = field(default_factory=list)


@dataclass
class Printed:
    path: Path
    texts: list[str]          # each sheet's text block (the footer left out)
    marks: list[Mark]         # the top-level bookmarks

    def __post_init__(self):
        self.flats = [flat(t) for t in self.texts]
        self.starts = [0]
        for sheet in self.flats:
            self.starts.append(self.starts[-1] + len(sheet))
        self.joined = "".join(self.flats)

    def flat_text(self, first: int = 0, end: int | None = None) -> str:
        end = len(self.flats) if end is None else end
        return self.joined[self.starts[first]:self.starts[end]]

    def span(self, title: str) -> tuple[int, int]:
        """The sheets of the top-level bookmark ``title``: from its sheet to the next one's."""
        starts = [m.page for m in self.marks] + [len(self.texts)]
        for i, mark in enumerate(self.marks):
            if mark.title == title:
                return mark.page, starts[i + 1]
        raise AssertionError(f"no bookmark {title!r} in {self.path.name}")


def read_pdf(path: Path) -> Printed:
    reader = pypdf.PdfReader(str(path))

    def marks(items) -> list[Mark]:
        out: list[Mark] = []
        for item in items:
            if isinstance(item, list):
                assert out, "the outline opens with a nested list"
                out[-1].children = marks(item)
            else:
                out.append(Mark(str(item.title), reader.get_destination_page_number(item)))
        return out

    doc = pdfium.PdfDocument(str(path))
    texts = []
    for page in doc:
        width, height = page.get_size()  # the text block and the top margin; not the footer
        texts.append(page.get_textpage().get_text_bounded(
            left=0, bottom=pdf.MARGINS_MM["bottom"] * PT_PER_MM, right=width, top=height))
    doc.close()
    return Printed(Path(path), texts, marks(reader.outline))


def holds(doc: Printed, needle: str, first: int = 0, end: int | None = None) -> bool:
    """Whether the sheets first..end print ``needle``, compared flat (see :func:`flat`); a line
    may run on from one sheet to the next. (PDFium reads a sheet in the order Chromium painted
    it; the print stylesheet keeps that the reading order, with no positioned boxes.)"""
    return flat(needle) in doc.flat_text(first, end)


# ----------------------------------------------------------------------------- the fixtures

@pytest.fixture(scope="session")
def printed(tmp_path_factory, student_book, built_book, browser) -> dict[str, Printed]:
    out = tmp_path_factory.mktemp("pdf")
    results = pdf.print_editions(student_book, built_book, out, browser=browser)
    for result in results:
        outside = [u for u in result.requested if not u.startswith(pdf.ORIGIN)]
        assert outside == [], f"{result.path.name} asked for outside addresses: {outside}"
    return {"student": read_pdf(results[0].path), "instructors": read_pdf(results[1].path)}


@pytest.fixture(scope="session")
def one_chapter(tmp_path_factory, student_book, browser) -> Printed:
    """The first chapter alone (with its sub-pages), printed as the book is: a small PDF to break."""
    docname = next(d for d, _ in toc_tree() if d.startswith("chapters/"))
    out = tmp_path_factory.mktemp("pdf-one") / "chapter.pdf"
    pdf.print_edition(browser, "student", student_book, out, only=[docname])  # with its sub-pages
    return read_pdf(out)


def toc_tree() -> list[tuple[str, list]]:
    """(docname, sub-pages) of each top-level page of _toc.yml, the root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def entries(items):
        return [(item["file"], entries(item.get("sections", []))) for item in items]

    top = [(toc["root"], [])]
    for part in toc.get("parts", []):
        top += entries(part.get("chapters", []))
    top += entries(toc.get("chapters", []))
    return top


def flat_docnames(tree) -> list[str]:
    return [name for docname, sub in tree for name in [docname] + flat_docnames(sub)]


def exercise_docnames() -> list[str]:
    return [d for d in flat_docnames(toc_tree()) if d.startswith("exercises/")]


# ----------------------------------------------------------------------------- page counts

def page_count_problems(doc: Printed, chars: dict[str, int], images: dict[str, int]) -> list[str]:
    """For each top-level part: as many sheets as its text needs, not more; and no blank sheet."""
    problems = [f"sheet {i + 1} is blank" for i, text in enumerate(doc.texts) if not text.strip()]
    for title, count in chars.items():
        first, end = doc.span(title)
        sheets = end - first
        least = max(1, math.floor(count / DENSEST))
        most = math.ceil(count / SPARSEST) + images.get(title, 0) + 1
        if not least <= sheets <= most:
            problems.append(f"{title!r}: {sheets} sheets for {count:,} characters (expected {least} to {most})")
    return problems


def body_measures(site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Characters and images of each top-level page of the book, its sub-pages included."""
    chars, images = {}, {}
    for docname, sub in toc_tree():
        title = title_of(site, docname)
        parts = [article(site / f"{d}.html") for d in [docname] + flat_docnames(sub)]
        chars[title] = sum(len(flat("".join(p.text))) for p in parts)
        images[title] = sum(len(p.alts) for p in parts)
    return chars, images


def appendix_measures(full_site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Characters and images of the instructors' two appendices: the key and the exercise pages."""
    key = re.sub(r"<[^>]+>", "", pdf.quiz_key_html())
    pages = [article(full_site / f"{d}.html") for d in exercise_docnames()]
    solutions = re.sub(r"<[^>]+>", "", pdf.solutions_intro_html())
    chars = {"Appendix A. Quiz answer key": len(flat(html.unescape(key))),
             "Appendix B. Exercise solutions": len(flat(html.unescape(solutions))) + sum(len(flat("".join(p.text))) for p in pages)}
    return chars, {"Appendix B. Exercise solutions": sum(len(p.alts) for p in pages)}


def test_page_counts_fit_the_text_of_each_part(printed, student_book, built_book):
    chars, images = body_measures(student_book)
    assert page_count_problems(printed["student"], chars, images) == []
    key_chars, key_images = appendix_measures(built_book)
    assert page_count_problems(printed["instructors"], {**chars, **key_chars}, {**images, **key_images}) == []


def test_the_page_count_check_fails_on_a_blank_sheet_and_on_crammed_or_sparse_parts(printed, one_chapter,
                                                                                    tmp_path, student_book):
    chars, images = body_measures(student_book)
    chapter = one_chapter.marks[0].title
    assert page_count_problems(one_chapter, {chapter: chars[chapter]}, images) == []
    writer = pypdf.PdfWriter(clone_from=str(one_chapter.path))
    writer.insert_blank_page(index=2)
    broken = tmp_path / "blank.pdf"
    writer.write(str(broken))
    assert any("is blank" in p for p in page_count_problems(read_pdf(broken), {}, {}))
    crammed = {chapter: chars[chapter] * 10}    # ten times the text on the same sheets
    sparse = {chapter: max(1, chars[chapter] // 50)}
    assert page_count_problems(printed["student"], crammed, {})
    assert page_count_problems(printed["student"], sparse, {})


# ----------------------------------------------------------------------------- bookmarks

def expected_bookmarks(student_site: Path, full_site: Path | None) -> list[tuple[str, list[str]]]:
    """(title, titles of sub-pages) of each top-level bookmark, in order."""
    expected = [(title_of(student_site, d), [title_of(student_site, s) for s in flat_docnames(sub)])
                for d, sub in toc_tree()]
    if full_site is not None:
        from coursekit import quiz

        banks = [quiz.load_bank(p.stem)["title"] for p in sorted(quiz.QUIZ_DIR.glob("*.yml"))]
        expected.append(("Appendix A. Quiz answer key", banks))
        expected.append(("Appendix B. Exercise solutions", [title_of(full_site, d) for d in exercise_docnames()]))
    return expected


def bookmark_problems(doc: Printed, expected: list[tuple[str, list[str]]]) -> list[str]:
    problems = []
    got = [m.title for m in doc.marks]
    want = [title for title, _ in expected]
    if got != want:
        return [f"top-level bookmarks {got} are not the book's pages {want}"]
    pages = [m.page for m in doc.marks]
    if pages != sorted(pages) or len(set(pages)) != len(pages):
        problems.append(f"the bookmarks do not lead to one new sheet each, in order: {pages}")
    for mark, (title, sub) in zip(doc.marks, expected):
        children = iter(child.title for child in mark.children)
        missing = [s for s in sub if s not in children]  # each sub-page, in order, among the children
        if missing:
            problems.append(f"{title!r}: no bookmark, in order, for {missing}")
    return problems


def test_bookmarks_are_the_pages_in_toc_order(printed, student_book, built_book):
    assert bookmark_problems(printed["student"], expected_bookmarks(student_book, None)) == []
    assert bookmark_problems(printed["instructors"], expected_bookmarks(student_book, built_book)) == []


def test_the_bookmark_check_fails_without_an_outline_or_out_of_order(printed, one_chapter, tmp_path, student_book):
    expected = expected_bookmarks(student_book, None)
    mine = [e for e in expected if e[0] == one_chapter.marks[0].title]
    assert bookmark_problems(one_chapter, mine) == []
    writer = pypdf.PdfWriter(clone_from=str(one_chapter.path))
    del writer.root_object["/Outlines"]
    bare = tmp_path / "no-outline.pdf"
    writer.write(str(bare))
    assert read_pdf(bare).marks == []
    assert bookmark_problems(read_pdf(bare), mine)
    swapped = [expected[0], expected[2], expected[1], *expected[3:]]
    assert bookmark_problems(printed["student"], swapped)
    lost = [(title, sub + ["A page that is not there"]) if i == 1 else (title, sub) for i, (title, sub) in enumerate(expected)]
    assert bookmark_problems(printed["student"], lost)


# ----------------------------------------------------------------------------- a computed number

PASTED = re.compile(r"\{glue:text\}`(?P<key>[^`:]+)(?::(?P<spec>[^`]*))?`")


def computed_number(lookup=measures.for_glue_name) -> tuple[str, str, str]:
    """(docname, measure name, the words before it and the number as the prose prints them) for
    the first number of the first chapter that the prose pastes from a measure, after plain words."""
    from myst_nb.core.variables import format_plain_text

    docname = next(d for d, _ in toc_tree() if d.startswith("chapters/"))
    nb = nbformat.read(ROOT / f"{docname}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        source = cell.source.replace("**", "")
        for match in PASTED.finditer(source):
            fn = lookup(match["key"])
            before = re.search(r"(?:^|[\s(])([A-Za-z][A-Za-z ,]{15,})$", source[: match.start()])
            if fn is None or before is None:
                continue
            value = fn()
            value = value.item() if hasattr(value, "item") else value
            return docname, match["key"], before.group(1)[-24:] + format_plain_text(repr(value), match["spec"] or "")
    raise AssertionError(f"{docname} pastes no measure after plain words")


def number_problems(doc: Printed, site: Path, lookup=measures.for_glue_name) -> list[str]:
    docname, name, needle = computed_number(lookup)
    chapter = next(title_of(site, d) for d, _ in toc_tree() if d == docname)
    first, end = doc.span(chapter)
    if not holds(doc, needle, first, end):
        return [f"{doc.path.name}: {chapter!r} does not print {name} as {needle!r}"]
    return []


def test_a_computed_number_is_printed_as_the_prose_formats_it(printed, student_book):
    for name in ("student", "instructors"):
        assert number_problems(printed[name], student_book) == []


def test_the_number_check_fails_when_the_measure_differs(printed, student_book):
    docname, name, _ = computed_number()
    real = measures.for_glue_name(name)

    def changed(key):
        fn = measures.for_glue_name(key)
        return (lambda: float(real()) * 1.5 + 1) if key == name else fn

    assert number_problems(printed["student"], student_book, lookup=changed)


# ----------------------------------------------------------------------------- solution text

def solution_text(student_site: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Flat secret -> where it comes from: exercise solution lines, the feedback of correct
    answers (which the instructors' key prints) and the other feedback (which it does not)."""
    from coursekit import quiz
    from coursekit.solutions import solution_lines

    teaching = "".join(flat("".join(article(p).text)) for p in sorted((student_site / "chapters").glob("*.html")))
    lines = {}
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        prose = {line.strip() for cell in nb.cells if cell.cell_type == "markdown" for line in cell.source.splitlines()}
        for line in solution_lines(nb):
            shown = flat(markdown_as_shown(line) if line in prose else line)
            if shown and shown not in teaching:
                lines[shown] = f"{path.name}: {line}"
    right, other = {}, {}
    for bank_path in sorted(quiz.QUIZ_DIR.glob("*.yml")):
        bank = quiz.load_bank(bank_path.stem)
        for number, q in enumerate(bank["questions"], start=1):
            where = f"{bank_path.name}, question {number}"
            for a in q.get("answers", []):
                (right if a["correct"] else other)[flat(a["feedback"])] = f"{where}: {a['feedback']}"
            if "feedback_correct" in q:
                right[flat(q["feedback_correct"])] = f"{where}: {q['feedback_correct']}"
                other[flat(q["feedback_incorrect"])] = f"{where}: {q['feedback_incorrect']}"
    assert lines and right and other
    return lines, right, other


def found(doc: Printed, secrets: dict[str, str], first: int = 0, end: int | None = None) -> list[str]:
    return [where for secret, where in secrets.items() if holds(doc, secret, first, end)]


def leaks(doc: Printed, student_site: Path) -> list[str]:
    """Solution text anywhere in ``doc``: an exercise solution line or any quiz feedback."""
    lines, right, other = solution_text(student_site)
    return found(doc, {**lines, **right, **other})


def appendix_problems(doc: Printed, student_site: Path) -> list[str]:
    """What the instructors' appendix lacks: every exercise solution line in appendix B, every
    correct answer's feedback in appendix A; and solution text in the body before them."""
    lines, right, _ = solution_text(student_site)
    titles = [m.title for m in doc.marks]
    wanted = ("Appendix A. Quiz answer key", "Appendix B. Exercise solutions")
    if not set(wanted) <= set(titles):
        return [f"{doc.path.name} has no appendix bookmarks {wanted}"]
    first_a, end_a = doc.span(wanted[0])
    first_b, end_b = doc.span(wanted[1])
    problems = [f"not in appendix B: {where}" for where in set(lines.values()) - set(found(doc, lines, first_b, end_b))]
    problems += [f"not in appendix A: {where}" for where in set(right.values()) - set(found(doc, right, first_a, end_a))]
    problems += [f"in the body: {where}" for where in found(doc, {**lines, **right}, 0, first_a)]
    return sorted(problems)


def test_the_student_pdf_holds_no_solution_text(printed, student_book):
    found_here = leaks(printed["student"], student_book)
    assert found_here == [], "solution text in the student PDF:\n" + "\n".join(found_here[:20])


def test_the_instructors_appendix_holds_every_solution_and_correct_feedback(printed, student_book):
    assert appendix_problems(printed["instructors"], student_book) == []


def test_the_solution_checks_fail_on_the_other_edition(printed, student_book):
    """The leak detector finds the solutions in the instructors' PDF, and the appendix check
    finds them missing from the student's: neither check passes whatever it is given."""
    lines, right, other = solution_text(student_book)
    assert len(leaks(printed["instructors"], student_book)) >= len(lines) + len(right)
    assert appendix_problems(printed["student"], student_book)


def test_the_answer_key_letters_the_options_as_the_printed_quiz_does(printed):
    """The key's "Answer: B. <text>" is the option the student PDF prints as B of that question."""
    from coursekit import quiz

    name = sorted(p.stem for p in quiz.QUIZ_DIR.glob("*.yml"))[-1]
    bank = quiz.load_bank(name)
    number, q = next((n, q) for n, q in enumerate(bank["questions"], start=1) if q["type"] == "multiple_choice")
    i = next(i for i, a in enumerate(q["answers"]) if a["correct"])
    letter = pdf.option_letter(i)
    assert holds(printed["instructors"], f"Answer: {letter}. {q['answers'][i]['answer']}")
    assert holds(printed["student"], f"{letter}. {q['answers'][i]['answer']}")
    other = (i + 1) % len(q["answers"])
    assert holds(printed["student"], f"{pdf.option_letter(other)}. {q['answers'][other]['answer']}")
    assert not holds(printed["student"], f"{pdf.option_letter(other)}. {q['answers'][i]['answer']}")


# ----------------------------------------------------------------------------- tagging

def tagging_problems(path: Path, alts: list[str]) -> list[str]:
    """A tagged PDF: /StructTreeRoot and /MarkInfo /Marked, a language, and figures with their alt text."""
    reader = pypdf.PdfReader(str(path))
    catalog = reader.trailer["/Root"]
    problems = []
    if "/StructTreeRoot" not in catalog:
        return [f"{path.name} has no structure tree (not tagged)"]
    if not (catalog.get("/MarkInfo") or {}).get("/Marked"):
        problems.append(f"{path.name} is not marked as tagged (/MarkInfo /Marked)")
    if not catalog.get("/Lang"):
        problems.append(f"{path.name} declares no language")
    missing = {" ".join(alt.split()) for alt in alts}
    seen = set()
    stack = [catalog["/StructTreeRoot"]]
    while stack and missing:
        node = stack.pop()
        ref = getattr(node, "idnum", None)
        node = node.get_object()
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure" and node.get("/Alt"):
                missing.discard(" ".join(str(node["/Alt"]).split()))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(reversed(kids) if isinstance(kids, list) else [kids])  # in reading order
    if missing:
        problems.append(f"{path.name}: {len(missing)} figures lost their alt text, e.g. {sorted(missing)[0][:80]!r}")
    return problems


def chapter_alts(site: Path) -> list[str]:
    return [alt for d in flat_docnames(toc_tree()) if d.startswith("chapters/")
            for alt in article(site / f"{d}.html").alts]


def test_both_pdfs_are_tagged_and_figures_keep_their_alt_text(printed, student_book):
    alts = chapter_alts(student_book)
    assert alts, "the chapters have no images with alt text"
    assert tagging_problems(printed["student"].path, alts) == []
    # the instructors' body is the same print of the same pages: its tags are checked, not its alts again
    assert tagging_problems(printed["instructors"].path, []) == []


def test_the_tagging_check_fails_on_an_untagged_pdf(browser, tmp_path):
    page = browser.new_page()
    try:
        page.set_content('<html lang="en"><body><h1>A page</h1><img alt="A chart" width="40" height="20" '
                         'src="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%2740%27 '
                         'height=%2720%27%3E%3Crect width=%2740%27 height=%2720%27/%3E%3C/svg%3E"></body></html>')
        untagged, tagged = tmp_path / "untagged.pdf", tmp_path / "tagged.pdf"
        untagged.write_bytes(page.pdf(tagged=False, outline=False))
        tagged.write_bytes(page.pdf(tagged=True, outline=True))
    finally:
        page.close()
    assert tagging_problems(untagged, ["A chart"])
    assert tagging_problems(tagged, ["A chart"]) == []
    assert tagging_problems(tagged, ["A chart that is not in it"])


# ----------------------------------------------------------------------------- code fits the page

def code_problems(doc: Printed, code_lines: list[str], first: int = 0) -> list[str]:
    """No glyph on the sheets from ``first`` on crosses the text block's right edge, and every
    code line is printed in full (Chromium clips what overflows, so a line cut short loses its
    end rather than its place)."""
    problems = []
    pdf_doc = pdfium.PdfDocument(str(doc.path))
    right = pdf.MARGINS_MM["right"] * PT_PER_MM
    for number, page in enumerate(pdf_doc, start=1):
        if number <= first:
            continue
        width, _ = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            x0, _, x1, _ = text.get_charbox(i)
            # a glyph may overhang its place by a hair (the tail of a "j"); a line cut at the
            # edge leaves a glyph half over it
            if x1 > width - right + 1 and text.get_text_range(i, 1).strip():
                problems.append(f"sheet {number}: {text.get_text_range(i, 1)!r} at x {x0:.1f} to {x1:.1f} "
                                f"crosses the right margin, at {width - right:.1f}")
                break
    pdf_doc.close()
    problems += [f"not printed in full: {line!r}" for line in code_lines if not holds(doc, line)]
    return problems


def code_lines(site: Path, docnames: list[str]) -> list[str]:
    lines = []
    for docname in docnames:
        for block in article(site / f"{docname}.html").pre:
            lines += [line for line in "".join(block).splitlines() if line.strip()]
    return lines


def test_no_code_line_runs_past_the_margin(printed, student_book, built_book):
    lines = code_lines(student_book, flat_docnames(toc_tree()))
    assert max(map(len, lines)) > 100, "the book has no long code line to test wrapping with"
    assert code_problems(printed["student"], lines) == []
    # the instructors' body is the student edition's print; its appendix is measured anew
    doc = printed["instructors"]
    appendix = doc.span("Appendix A. Quiz answer key")[0]
    assert code_problems(doc, lines + code_lines(built_book, exercise_docnames()), first=appendix) == []


def test_the_code_check_fails_when_code_does_not_wrap(browser, student_book, tmp_path):
    """The page with the longest code line, printed with the screen's code style (one line
    each, scrolled sideways) in place of the print stylesheet's: its long lines are cut."""
    docname = max(flat_docnames(toc_tree()), key=lambda d: max(map(len, code_lines(student_book, [d])), default=0))
    out = tmp_path / "unwrapped.pdf"
    pdf.print_edition(browser, "student", student_book, out, only=[docname],
                      extra_css="body pre, body div.highlight pre { white-space: pre !important; overflow: auto !important; }")
    problems = code_problems(read_pdf(out), code_lines(student_book, [docname]))
    assert any(p.startswith("not printed in full") for p in problems)
    assert any("crosses the right margin" in p for p in problems)


def test_outside_requests_fail_the_print(browser, student_book, tmp_path):
    """A page that asks for another host is refused, and no PDF is written."""
    docname = next(d for d in flat_docnames(toc_tree()) if d.startswith("chapters/"))
    out = tmp_path / "outside.pdf"
    with pytest.raises(pdf.PrintError, match="outside address"):
        pdf.print_edition(browser, "student", student_book, out, only=[docname],
                          extra_css='@import url("https://cdn.example.org/print.css");')
    assert not out.exists()
