"""Chapters a student can finish in a sitting: pages of bounded length, honest times, hidden plumbing.

- No page of a chapter holds more than ``pacing.MAX_PAGE_WORDS`` words of prose, counted from
  the notebooks, and the built pages agree with that count.
- The time each chapter shows is what :mod:`coursekit.pacing` computes (150 words a minute plus
  the minutes of its prompts and quiz).
- Each chapter opens with "The short version" and has two to four prompts.
- Code that only pastes numbers into the text, or draws a chart, is hidden from the reader;
  analysis code stays visible.
"""
from __future__ import annotations

import ast
import re
import shutil
from html import unescape as html_unescape
from html.parser import HTMLParser

import nbformat
import pytest

from conftest import ROOT
from coursekit import pacing

PAGES = [doc for pages in pacing.chapters(ROOT).values() for doc in pages]
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input"}


# --- the rules, on the book as it stands --------------------------------------------------------

def test_every_chapter_meets_the_pacing_and_frame_rules():
    assert pacing.problems(ROOT) == []


def test_chapters_are_split_into_pages_under_the_limit():
    measured = pacing.measure(ROOT)
    assert all(len(pages) >= 2 for name, pages in measured.items() if not name.endswith("00_working_with_data")), \
        {name: len(pages) for name, pages in measured.items()}
    assert max(p.words for pages in measured.values() for p in pages) <= pacing.MAX_PAGE_WORDS


class _ArticleText(HTMLParser):
    """The text of a built page's article, without code cells (code, outputs, the quiz)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, "bd-article" in classes, "cell" in classes or tag in ("script", "style")))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(a for _, a, _ in self.stack) and not any(skip for _, _, skip in self.stack):
            self.parts.append(data)


def _prose_of_built_page(page_html: str) -> str:
    parser = _ArticleText()
    parser.feed(page_html)
    return " ".join(parser.parts)


@pytest.mark.book
@pytest.mark.parametrize("doc", PAGES)
def test_the_built_page_holds_about_as_many_words_as_counted(built_book, doc):
    """The notebook count stands in for what a reader reads; check it against the built page."""
    text = _prose_of_built_page((built_book / f"{doc}.html").read_text(encoding="utf-8"))
    built = sum(1 for token in text.split() if re.search(r"[^\W_]", token))
    counted = pacing.measure_page(ROOT / f"{doc}.ipynb", doc).words
    assert built <= pacing.MAX_PAGE_WORDS, f"{doc}: the built page shows {built:,} words"
    assert 0.85 * built <= counted <= 1.15 * built, f"{doc}: counted {counted:,} words, the page shows {built:,}"


# --- the rules catch what they are for (each planted fault named) -------------------------------

@pytest.fixture
def book_copy(tmp_path):
    """A copy of the chapters and the table of contents that a test may break."""
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters",
                    ignore=shutil.ignore_patterns("student", ".ipynb_checkpoints"))
    return tmp_path


def _edit(root, doc, change):
    path = root / f"{doc}.ipynb"
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def _append_words(n):
    def change(nb):
        nb.cells.insert(-1, nbformat.v4.new_markdown_cell(" ".join(["word"] * n)))
    return change


def _drop(pattern):
    def change(nb):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = re.sub(pattern, "", cell.source, flags=re.S | re.M)
    return change


def _add_prompts(n):
    def change(nb):
        for _ in range(n):
            nb.cells.append(nbformat.v4.new_markdown_cell("```{admonition} Try it (2 minutes)\n:class: hint\nGo.\n```"))
    return change


# the first chapter of more than one page (chapter 0, the primer, is one page)
_PAGED = next(pages for pages in pacing.chapters(ROOT).values() if len(pages) >= 2)
FIRST, SECOND, LAST = _PAGED[0], _PAGED[1], _PAGED[-1]
FAULTS = {
    "a_page_over_the_word_limit": (SECOND, _append_words(pacing.MAX_PAGE_WORDS), "more than 2,500 on one page"),
    "prose_added_without_a_new_time": (SECOND, _append_words(600), "run python -m coursekit.pacing --write"),
    "no_short_version": (FIRST, _drop(r"```\{admonition\} The short version.*?```\n"), "'The short version'"),
    "a_short_version_of_two_paragraphs": (
        FIRST, lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace(
            ":class: important\n", ":class: important\nA first paragraph of a few words.\n\n", 1)),
        "must be one paragraph"),
    "too_many_prompts": (SECOND, _add_prompts(4), "prompts, outside 2 to 4"),
    "a_prompt_without_its_minutes": (
        SECOND, lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("```{admonition} Try it\nGo.\n```")),
        "without '(N minutes)'"),
    "no_summary_on_the_last_page": (LAST, _drop(r"^## Summary$"), "no '## Summary'"),
    "no_quiz_on_the_last_page": (
        LAST, lambda nb: setattr(nb, "cells", [c for c in nb.cells if "show_quiz" not in c.source]),
        "shows no quiz"),
    "no_learning_objectives": (
        FIRST, lambda nb: [c.metadata.update(tags=[]) for c in nb.cells], "tagged learning-objectives"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_each_broken_rule_is_reported_by_name(book_copy, fault):
    doc, change, message = FAULTS[fault]
    assert pacing.problems(book_copy) == [], "the copy starts clean"
    _edit(book_copy, doc, change)
    found = pacing.problems(book_copy)
    assert any(message in problem for problem in found), found


def test_writing_the_time_is_stable_and_follows_the_prose(book_copy):
    assert pacing.write(book_copy) == [], "the committed times are current"
    _edit(book_copy, SECOND, _append_words(900))
    changed = pacing.write(book_copy)
    assert {p.name for p in changed} == {f"{FIRST.split('/')[-1]}.ipynb", f"{SECOND.split('/')[-1]}.ipynb"}
    assert pacing.write(book_copy) == [], "a second write changes nothing"
    assert pacing.problems(book_copy) == []


def test_word_count_reads_markup_as_it_renders():
    assert pacing.prose_words("Mexico {cite:p}`a,b` received {glue:text}`k:,.0f` people") == 3 + 6 + 1
    assert pacing.prose_words("a {term}`fiscal year` and {term}`INM <Instituto>`") == 5
    assert pacing.prose_words("```{glue:figure} key\n:alt: a very long alt text\n:name: x\n\nCaption here.\n```") == 2


def test_the_time_is_reading_plus_activities():
    page = pacing.Page("chapters/x", words=1501, prompts=(3, 5), quiz_questions=10, quiz_minutes=18)
    assert page.reading_minutes == 11
    assert page.minutes == 11 + 8 + 18
    assert pacing.chapter_time([page]).startswith("About 40 minutes: 11 minutes of reading")


# --- plumbing hidden, analysis visible ----------------------------------------------------------

def _calls(node, name):
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and
            (getattr(n.func, "id", None) == name or getattr(n.func, "attr", None) == name)]


def code_cell_problems(nb, doc):
    """Visible cells that paste numbers, and hidden cells that hold analysis, by cell number."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or cell.source.lstrip().startswith("# Opened outside"):
            continue
        tree = ast.parse(cell.source)
        hidden = bool(HIDDEN_TAGS & set(cell.metadata.get("tags", [])))
        collapsed = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        glues = _calls(tree, "glue")
        draws = bool(_calls(tree, "new_figure") or _calls(tree, "bar_chart") or _calls(tree, "line_chart"))
        only_glue = all(isinstance(s, ast.Expr) and _calls(s, "glue") for s in tree.body)
        if glues and not hidden and not draws:
            found.append(f"{doc} cell {i}: pastes numbers into the text in a visible cell")
        # a worked example (the primer) draws in the open: there the chart code is the lesson
        if draws and not hidden and "worked-example" not in cell.metadata.get("tags", []):
            found.append(f"{doc} cell {i}: draws a chart in a visible cell")
        if hidden and not (only_glue or draws):
            found.append(f"{doc} cell {i}: hides analysis code")
        if hidden != collapsed:
            found.append(f"{doc} cell {i}: hidden in the book but not collapsed in Jupyter, or the reverse")
    return found


@pytest.mark.parametrize("doc", PAGES)
def test_plumbing_is_hidden_and_analysis_visible(doc):
    nb = nbformat.read(ROOT / f"{doc}.ipynb", as_version=4)
    assert code_cell_problems(nb, doc) == []
    visible = [c for c in nb.cells if c.cell_type == "code" and not HIDDEN_TAGS & set(c.metadata.get("tags", []))]
    assert visible, f"{doc}: no visible code for students to learn from"


def test_the_plumbing_rule_catches_each_fault():
    glue_cell = nbformat.v4.new_code_cell('glue("k", 1)')
    chart = nbformat.v4.new_code_cell('fig, ax = plots.new_figure(title="t")\nglue("f", fig)')
    analysis = nbformat.v4.new_code_cell('x = load("a")\nx')
    hidden_analysis = nbformat.v4.new_code_cell('x = load("a")\nx', metadata={"tags": ["remove-cell"],
                                                "jupyter": {"source_hidden": True}})
    only_tagged = nbformat.v4.new_code_cell('glue("k", 1)', metadata={"tags": ["remove-cell"]})
    nb = nbformat.v4.new_notebook(cells=[glue_cell, chart, analysis, hidden_analysis, only_tagged])
    assert code_cell_problems(nb, "x") == [
        "x cell 0: pastes numbers into the text in a visible cell",
        "x cell 1: draws a chart in a visible cell",
        "x cell 3: hides analysis code",
        "x cell 4: hidden in the book but not collapsed in Jupyter, or the reverse",
    ]


# --- each chapter page describes itself ---------------------------------------------------------

@pytest.mark.book
def test_each_chapter_page_has_its_own_meta_description(built_book):
    from coursekit.sphinxext.pacing import page_descriptions

    expected = page_descriptions(ROOT)
    shown = {}
    for doc in PAGES:
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        found = re.findall(r'<meta content="([^"]*)" name="description" />', page)
        assert len(found) == 1, f"{doc}: {len(found)} meta descriptions"
        shown[doc] = html_unescape(found[0])
    assert shown == {doc: expected[doc] for doc in PAGES}
    assert len(set(shown.values())) == len(shown), "two chapter pages share a description"
    for chapter, pages in pacing.chapters(ROOT).items():
        assert len(shown[chapter].split()) >= pacing.SHORT_VERSION_WORDS[0], f"{chapter}: a short description"
        for doc in pages[1:]:
            assert re.search(r"\d+\.\d+ ", shown[doc]), f"{doc}: its description names no section"


def test_the_description_of_a_first_page_is_its_short_version_in_plain_text(book_copy):
    from coursekit.sphinxext.pacing import page_descriptions

    _edit(book_copy, FIRST, lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace(
        ":class: important\n", ":class: important\nA *marked* {term}`fiscal year` opening. ", 1)))
    assert page_descriptions(book_copy)[FIRST].startswith("A marked fiscal year opening. ")
