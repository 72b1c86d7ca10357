"""The student copies write the MyST prose out as plain Markdown (coursekit.prose): they say what
the web book says, they are current, and MyST they cannot render is refused by name."""
from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from conftest import ROOT
from htmlscan import Pasted
from coursekit import prose
from coursekit.copies import CHAPTER_COPIES, STUDENT_COPIES, student_copy_paths, write_student_copies


@pytest.fixture(scope="module")
def book():
    return prose.Book.load(ROOT, student_copy_paths(ROOT))


def render(book, markdown: str, glue: dict | None = None, docname: str = "chapters/01_border_enforcement"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    return prose.plain_notebook(nb, book, docname, glue or {})


def glued(value) -> dict:
    return {"text/plain": repr(value)}


# --- what each piece of MyST becomes -------------------------------------------------------------

def test_numbers_are_formatted_as_the_web_book_formats_them(book):
    out = render(book, "A {glue:text}`n:,.0f` total, a {glue:text}`s:.0%` share, a {glue:text}`r:.1f` ratio, FY{glue:text}`y`.",
                 {"n": glued(1643679), "s": glued(0.4449), "r": glued(2.237), "y": glued(2014)})
    assert out.cells[0].source == "A 1,643,679 total, a 44% share, a 2.2 ratio, FY2014."


def test_citations_use_the_book_style_and_fill_a_reference_list(book):
    out = render(book, "As argued {cite:p}`chishti2024limits,crs2016uac`; see {cite:t}`chishti2024limits`.")
    assert out.cells[0].source == ("As argued (Chishti and Putzel-Kavanaugh, 2024; Meyer et al., 2016); "
                                   "see Chishti and Putzel-Kavanaugh (2024).")
    # like the web book, the works of one citation come in the bibliography's order
    assert render(book, "{cite:p}`crs2016uac,chishti2024limits`").cells[0].source == \
        "(Chishti and Putzel-Kavanaugh, 2024; Meyer et al., 2016)"
    references = out.cells[-1].source
    assert references.startswith("## References")
    assert references.count("\n- **") == 2 and "Source type:" in references
    assert "The limits of the go" in references.replace("\\", "")


def test_terms_keep_their_words_and_fill_a_glossary(book):
    out = render(book, "The {term}`unaccompanied child`ren and {term}`transit countries <transit country>`.")
    assert out.cells[0].source == "The unaccompanied children and transit countries."
    glossary = out.cells[-1].source
    assert glossary.startswith("## Glossary")
    assert "- **transit country**:" in glossary and "- **unaccompanied child**:" in glossary


def test_cross_references_name_figures_and_link_other_copies(book):
    out = render(book, "See {numref}`fig-ch1-removals` and {doc}`../exercises/01_border_enforcement`, "
                       "or the {doc}`course home <../intro>`.")
    number = book.numbers["fig-ch1-removals"]  # numbered through the book, as the web book numbers it
    assert re.fullmatch(r"Fig\. \d+", number)
    assert out.cells[0].source == (f"See {number} and [Exercises: Border enforcement cooperation with Mexico]"
                                   "(../../exercises/student/01_border_enforcement.ipynb), or the *course home*.")


def test_admonitions_tables_and_figures_become_markdown(book):
    out = render(book, "```{admonition} Note {glue:text}`n`\n:class: tip\nText with {term}`removal`.\n```\n\n"
                       "```{list-table} Costs\n:header-rows: 1\n* - Year\n  - Amount\n* - 2008\n  - $400\n    million\n```\n\n"
                       "```{glue:figure} fig\n:alt: A bar chart.\n:name: fig-ch1-citizenship\n\nCaption {cite:p}`crs2016uac`.\n```",
                 {"n": glued(7), "fig": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}})
    text = out.cells[0].source
    assert "> **Note 7**\n>\n> Text with removal." in text
    assert "*Costs*\n\n| Year | Amount |\n|---|---|\n| 2008 | $400 million |" in text
    number = book.numbers["fig-ch1-citizenship"]
    assert f"![A bar chart.](attachment:fig.png)\n\n*{number}. Caption (Meyer et al., 2016).*" in text
    assert out.cells[0].attachments == {"fig.png": {"image/png": "iVBORw0KGgo="}}


def test_markdown_a_cell_glued_is_written_out_too(book):
    table = "| Date | Source |\n|---|---|\n| 2019 | {cite:t}`crs2016uac` |"
    out = render(book, "```{glue:md} table\n:format: myst\n```", {"table": {"text/markdown": table}})
    assert out.cells[0].source == "| Date | Source |\n|---|---|\n| 2019 | Meyer et al. (2016) |"


def test_code_cells_are_kept_and_outputs_dropped(book):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", outputs=[nbformat.v4.new_output("stream", text="1")])])
    before = nbformat.writes(nb)
    out = prose.plain_notebook(nb, book, "chapters/01_border_enforcement")
    assert nbformat.writes(nb) == before, "plain_notebook changed its input"
    assert out.cells[0].source == "x = 1" and out.cells[0].outputs == []


# --- what it refuses, each case by name ----------------------------------------------------------

BAD = {
    "unknown role": ("{eval}`1+1`", "the role {eval} has no plain-Markdown rendering"),
    "unknown directive": ("```{note}\nx\n```", "the directive {note} has no plain-Markdown rendering"),
    "number never glued": ("{glue:text}`missing:,.0f`", "nothing was glued under 'missing'"),
    "unknown citation key": ("{cite:p}`nosuchkey2024`", "no bibliography entry for nosuchkey2024"),
    "unknown citation role": ("{cite:xyz}`crs2016uac`", "the citation role {cite:xyz}"),
    "term not in glossary": ("{term}`hovercraft`", "the term 'hovercraft' is not in the glossary"),
    "unknown figure label": ("{numref}`fig-nowhere`", "no numbered figure or table is labelled 'fig-nowhere'"),
    "doc not in the book": ("{doc}`../nowhere`", "which is not a page of the book"),
    "figure without alt text": ("```{glue:figure} fig\n:name: x\n\nCap.\n```", "the figure 'fig' has no alt text"),
    "figure never glued": ("```{glue:figure} nofig\n:alt: A.\n\nCap.\n```", "no figure (PNG) was glued under 'nofig'"),
    "glued Markdown missing": ("```{glue:md} notable\n:format: myst\n```", "no Markdown was glued under 'notable'"),
    "ragged list-table": ("```{list-table} T\n* - a\n  - b\n* - c\n```", "rows of different lengths"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_myst_without_a_plain_rendering_is_refused_by_name(book, case):
    markdown, message = BAD[case]
    with pytest.raises(prose.ProseError, match=re.escape(message)) as error:
        render(book, "Intro.\n\n" + markdown, {"fig": {"image/png": "iVBORw0KGgo="}})
    assert "chapters/01_border_enforcement, cell 1" in str(error.value)


def test_a_glossary_definition_with_a_citation_is_refused(book):
    import dataclasses

    odd = dataclasses.replace(book, glossary={**book.glossary, "removal": "See {cite:p}`crs2016uac`."})
    with pytest.raises(prose.ProseError, match=r"glossary.md, 'removal': the role \{cite:p\}"):
        render(odd, "A {term}`removal`.")


# --- the copies say what the web book says -------------------------------------------------------

@pytest.mark.parametrize("chapter", sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb")))
def test_each_copy_writes_every_number_citation_and_figure_reference_as_the_web_book_shows_it(built_book, book, chapter):
    from coursekit.notebooks import run_cached

    source = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    log: list[tuple[str, str]] = []
    glue = prose.glued_values(run_cached(source, cwd=ROOT / "chapters", cache=built_book.parent / ".jupyter_cache"))
    prose.plain_notebook(source, book, f"chapters/{chapter}", glue, log=log)
    written = [("cite" if role.startswith("cite:") else role, " ".join(text.split()))
               for role, text in log if role in {"glue:text", "numref"} or role.startswith("cite:")]
    parser = Pasted()
    parser.feed((built_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"))
    assert written == parser.found
    pasted = sum(len(re.findall(r"\{glue:text\}`", c.source)) for c in source.cells if c.cell_type == "markdown")
    assert sum(kind == "glue:text" for kind, _ in written) == pasted


def test_committed_copies_are_current_and_a_stale_one_is_rewritten(tmp_path, built_book):
    cache = built_book.parent / ".jupyter_cache"
    for folder in (CHAPTER_COPIES, STUDENT_COPIES):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    changed = write_student_copies(ROOT, out=tmp_path, cache=cache)
    assert changed == [], f"stale student copies (run make release): {[p.relative_to(tmp_path).as_posix() for p in changed]}"
    stale = tmp_path / CHAPTER_COPIES / "01_border_enforcement.ipynb"
    number = re.search(r"\d{1,3}(,\d{3})+", stale.read_text(encoding="utf-8")).group(0)
    stale.write_text(stale.read_text(encoding="utf-8").replace(number, "1", 1), encoding="utf-8")
    assert write_student_copies(ROOT, out=tmp_path, cache=cache) == [stale]
    assert number in stale.read_text(encoding="utf-8")


def test_every_chapter_and_exercise_has_a_committed_student_copy():
    copies = student_copy_paths(ROOT)
    assert len(copies) == len(list((ROOT / "chapters").glob("*.ipynb"))) + len(list((ROOT / "exercises").glob("*.ipynb")))
    missing = [target for target in copies.values() if not (ROOT / target).is_file()]
    assert not missing, f"run make release: {missing}"
    extra = sorted({p.relative_to(ROOT).as_posix() for f in (CHAPTER_COPIES, STUDENT_COPIES)
                    for p in (ROOT / f).glob("*.ipynb")} - set(copies.values()))
    assert not extra, f"student copies without a source: {extra}"
