"""How long a chapter takes: its prose at 150 words a minute, plus the time of its activities.

A chapter is a page in the "Chapters" part of ``_toc.yml`` and the sections listed under it.
The time shown on its first page ("Time to learn" in the "Before you start" table) and the line
at the top of each later page are written by this module, and ``tests/test_pacing.py`` checks
that they are what it computes from the pages as they stand. After editing a chapter's prose::

    python -m coursekit.pacing --write

Activities are the "Pause and think" and "Try it" prompts, each of which states its minutes in
its title, and the quiz: its questions and answers read at the same rate, plus one minute per
question to decide.
"""
from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from coursekit._paths import REPOSITORY

WORDS_PER_MINUTE = 150
MAX_PAGE_WORDS = 2500          # the most prose one page may hold: a class session covers a page or two
PROMPTS_PER_CHAPTER = (2, 4)   # pause-and-think and try-it prompts, fewest and most
QUIZ_MINUTES_PER_QUESTION = 1  # time to decide, on top of reading the question and its answers
CITATION_WORDS = 3             # "(Chishti and Putzel-Kavanaugh, 2024)": a cited key reads as about three words

PROMPT = re.compile(r"^```\{admonition\} (Pause and think|Try it) \((\d+) minutes?\)\s*$", re.M)
_OPTION = re.compile(r"^:[\w-]+:.*$", re.M)            # a directive's option line (:alt:, :name:, ...)
_FENCE = re.compile(r"^(```|:::).*$", re.M)            # a directive's opening or closing fence
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITE = re.compile(r"\{cite:\w+\}`([^`]*)`")
_GLUE = re.compile(r"\{glue:\w+\}`[^`]*`")
_NAMED = re.compile(r"\{(?:term|doc|ref|numref|abbr)\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
_WORD = re.compile(r"[^\W_]", re.UNICODE)
TIME_ROW = re.compile(r"^(  - )(About \d+ minutes[^\n]*|TIME-PLACEHOLDER)$", re.M)
PAGE_LINE = re.compile(r"^(Page \d+ of \d+ of chapter[^\n]*|PAGE-PLACEHOLDER)$", re.M)


class PacingError(ValueError):
    """A chapter page breaks a pacing rule; the message names the page and the rule."""


def prose_words(markdown: str) -> int:
    """Words a reader reads in a Markdown cell, with MyST markup counted as it renders.

    Directive fences and options (alt text included: it is read by screen readers, not on
    screen) do not count; a pasted number is one word; a citation is about three words per
    source cited; a term or cross-reference counts the words it shows.
    """
    text = _COMMENT.sub(" ", markdown)
    text = _OPTION.sub(" ", text)
    text = _FENCE.sub(" ", text)
    text = _CITE.sub(lambda m: " ".join(["cited"] * (CITATION_WORDS * len(m.group(1).split(",")))), text)
    text = _GLUE.sub(" 0 ", text)
    text = _NAMED.sub(lambda m: f" {m.group(1) or 'the page'} ", text)
    text = _ROLE.sub(lambda m: f" {m.group(1)} ", text)
    return sum(1 for token in text.split() if _WORD.search(token))


@dataclass(frozen=True)
class Page:
    """One page of a chapter: its words, prompts (minutes each) and quiz minutes."""

    docname: str
    words: int
    prompts: tuple[int, ...]
    quiz_questions: int = 0
    quiz_minutes: int = 0

    @property
    def reading_minutes(self) -> int:
        return math.ceil(self.words / WORDS_PER_MINUTE)

    @property
    def minutes(self) -> int:
        return self.reading_minutes + sum(self.prompts) + self.quiz_minutes


def chapters(root: Path = REPOSITORY) -> dict[str, list[str]]:
    """Each chapter's docnames in reading order, from the "Chapters" part of ``_toc.yml``."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    found = {}
    for part in toc.get("parts", []):
        if part.get("caption") != "Chapters":
            continue
        for entry in part["chapters"]:
            pages = [entry["file"]] + [s["file"] for s in entry.get("sections", [])]
            found[entry["file"]] = pages
    if not found:
        raise PacingError("_toc.yml has no part captioned 'Chapters'")
    return found


def _quiz_minutes(bank_name: str) -> tuple[int, int]:
    from coursekit import quiz

    try:
        bank = quiz.load_bank(bank_name)
    except quiz.QuizError:
        return 0, 0
    words = 0
    for q in bank["questions"]:
        words += prose_words(str(q.get("question", "")))
        for a in q.get("answers", []) or []:
            words += prose_words(str(a.get("answer", "")))
    questions = len(bank["questions"])
    return questions, math.ceil(words / WORDS_PER_MINUTE) + QUIZ_MINUTES_PER_QUESTION * questions


def _shows_quiz(nb) -> str | None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            m = re.search(r"show_quiz\(\s*[\"']([^\"']+)[\"']", cell.source)
            if m:
                return m.group(1)
    return None


def measure_page(path: Path, docname: str) -> Page:
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    prompts = tuple(int(m.group(2)) for text in markdown for m in PROMPT.finditer(text))
    bank = _shows_quiz(nb)
    questions, quiz_minutes = _quiz_minutes(bank) if bank else (0, 0)
    # the pacing text itself is left out, so that writing it does not change what it says
    words = sum(prose_words(PAGE_LINE.sub("", TIME_ROW.sub("", t))) for t in markdown)
    return Page(docname, words, prompts, questions, quiz_minutes)


def measure(root: Path = REPOSITORY) -> dict[str, list[Page]]:
    root = Path(root)
    return {chapter: [measure_page(root / f"{doc}.ipynb", doc) for doc in pages]
            for chapter, pages in chapters(root).items()}


def _round_words(words: int) -> str:
    return f"{max(100, round(words, -2)):,}"


def _count(n: int, one: str, many: str) -> str:
    names = {1: "one", 2: "two", 3: "three", 4: "four"}
    return f"{names.get(n, n)} {one if n == 1 else many}"


def chapter_time(pages: list[Page]) -> str:
    """The "Time to learn" entry of a chapter's first page."""
    reading = sum(p.reading_minutes for p in pages)
    prompts = [m for p in pages for m in p.prompts]
    quiz = sum(p.quiz_minutes for p in pages)
    questions = sum(p.quiz_questions for p in pages)
    total = 5 * math.ceil(sum(p.minutes for p in pages) / 5)
    parts = [f"{reading} minutes of reading (about {_round_words(sum(p.words for p in pages))} words at "
             f"{WORDS_PER_MINUTE} words a minute)"]
    if prompts:
        parts.append(f"{sum(prompts)} minutes for {_count(len(prompts), 'prompt', 'prompts')}")
    if questions:
        parts.append(f"{quiz} minutes for the {questions}-question quiz")
    where = f" over {_count(len(pages), 'page', 'pages')}" if len(pages) > 1 else ""
    return f"About {total} minutes{where}: " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def page_line(pages: list[Page], index: int, chapter_number: int) -> str:
    """The line under the title of a chapter's later page."""
    page = pages[index]
    parts = [f"{page.reading_minutes} minutes of reading (about {_round_words(page.words)} words)"]
    if page.prompts:
        parts.append(f"{sum(page.prompts)} minutes for {_count(len(page.prompts), 'prompt', 'prompts')}")
    if page.quiz_questions:
        parts.append(f"{page.quiz_minutes} minutes for the quiz")
    return (f"Page {index + 1} of {len(pages)} of chapter {chapter_number}. About {page.minutes} minutes: "
            + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + ".")


def chapter_number(docname: str) -> int:
    m = re.match(r"chapters/(\d+)", docname)
    if not m:
        raise PacingError(f"{docname}: a chapter's file name must start with its number")
    return int(m.group(1))


def expected_text(root: Path = REPOSITORY) -> dict[str, str]:
    """For each page, the pacing text it must show (the first page's time, later pages' line)."""
    out = {}
    for chapter, pages in measure(root).items():
        out[pages[0].docname] = chapter_time(pages)
        for i in range(1, len(pages)):
            out[pages[i].docname] = page_line(pages, i, chapter_number(chapter))
    return out


def shown_text(path: Path, first: bool) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    pattern = TIME_ROW if first else PAGE_LINE
    return [m.group(2 if first else 1) for c in nb.cells if c.cell_type == "markdown"
            for m in pattern.finditer(c.source)]


SHORT_VERSION = re.compile(r"```\{admonition\} The short version\n:class: important\n(?P<body>.*?)\n```", re.S)
SHORT_VERSION_WORDS = (40, 160)


def _markdown(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


def problems(root: Path = REPOSITORY) -> list[str]:
    """Every way a chapter breaks the pacing and frame rules, each naming its page and rule.

    - no page holds more than MAX_PAGE_WORDS words of prose;
    - the first page opens with "The short version", one paragraph, right under the title, and
      has its learning objectives and a "Before you start" table;
    - the chapter has PROMPTS_PER_CHAPTER prompts, each stating its minutes;
    - the last page has key terms, a summary, the quiz and further reading;
    - every page shows the pacing text this module computes.
    """
    root = Path(root)
    found = []
    measured = measure(root)
    expected = expected_text(root)
    for chapter, pages in measured.items():
        for page in pages:
            if page.words > MAX_PAGE_WORDS:
                found.append(f"{page.docname}: {page.words:,} words of prose, more than {MAX_PAGE_WORDS:,} "
                             f"on one page (split it into sections in _toc.yml)")
        first = _markdown(root / f"{pages[0].docname}.ipynb")
        opening = first[0] if first else ""
        title, _, after = opening.partition("\n")
        short = SHORT_VERSION.match(after.lstrip("\n"))
        if not title.startswith("# ") or not short:
            found.append(f"{chapter}: the first cell must open with its title and then 'The short version'")
        else:
            body = short.group("body").strip()
            words = prose_words(body)
            if "\n\n" in body:
                found.append(f"{chapter}: 'The short version' must be one paragraph")
            if not SHORT_VERSION_WORDS[0] <= words <= SHORT_VERSION_WORDS[1]:
                found.append(f"{chapter}: 'The short version' has {words} words, outside {SHORT_VERSION_WORDS}")
        nb = nbformat.read(root / f"{pages[0].docname}.ipynb", as_version=4)
        if not any("learning-objectives" in c.metadata.get("tags", []) for c in nb.cells):
            found.append(f"{chapter}: the first page has no cell tagged learning-objectives")
        if not any("{list-table} Before you start" in t for t in first):
            found.append(f"{chapter}: the first page has no 'Before you start' table")
        prompts = [m for p in pages for m in p.prompts]
        low, high = PROMPTS_PER_CHAPTER
        if not low <= len(prompts) <= high:
            found.append(f"{chapter}: {len(prompts)} pause-and-think or try-it prompts, "
                         f"outside {low} to {high}")
        untimed = [t for p in pages for t in _markdown(root / f"{p.docname}.ipynb")
                   if re.search(r"^```\{admonition\} (Pause and think|Try it)(?! \(\d+ minutes?\))", t, re.M)]
        if untimed:
            found.append(f"{chapter}: {len(untimed)} prompt(s) without '(N minutes)' in the title")
        last = "\n".join(_markdown(root / f"{pages[-1].docname}.ipynb"))
        for heading in ("## Key terms", "## Summary", "## Check your understanding", "## Further reading"):
            if heading not in last:
                found.append(f"{pages[-1].docname}: the chapter's last page has no '{heading}'")
        if not pages[-1].quiz_questions:
            found.append(f"{pages[-1].docname}: the chapter's last page shows no quiz")
        for i, page in enumerate(pages):
            shown = shown_text(root / f"{page.docname}.ipynb", first=i == 0)
            if shown != [expected[page.docname]]:
                found.append(f"{page.docname}: shows {shown or 'no pacing text'}, computed "
                             f"{expected[page.docname]!r} (run python -m coursekit.pacing --write)")
    return found


def write(root: Path = REPOSITORY) -> list[Path]:
    """Rewrite each page's pacing text from the pages as they stand; return the files changed."""
    root = Path(root)
    changed = []
    firsts = {pages[0] for pages in chapters(root).values()}
    for doc, text in expected_text(root).items():
        path = root / f"{doc}.ipynb"
        nb = nbformat.read(path, as_version=4)
        pattern = TIME_ROW if doc in firsts else PAGE_LINE
        hits = 0
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            new, n = pattern.subn((lambda m: m.group(1) + text) if doc in firsts else (lambda m: text), cell.source)
            hits += n
            cell.source = new
        if hits != 1:
            raise PacingError(f"{doc}: expected one place for the pacing text "
                              f"({'a Time to learn row' if doc in firsts else 'a Page N of M line'}), found {hits}")
        before = path.read_text(encoding="utf-8")
        after = nbformat.writes(nb) + "\n"
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the pacing text of every chapter page")
    args = parser.parse_args(argv)
    for chapter, pages in measure().items():
        for p in pages:
            flag = "  TOO LONG" if p.words > MAX_PAGE_WORDS else ""
            print(f"{p.docname:42} {p.words:5,} words {p.reading_minutes:3} min reading "
                  f"+{sum(p.prompts):2} prompts +{p.quiz_minutes:2} quiz = {p.minutes:3} min{flag}")
        print(f"  {chapter}: {chapter_time(pages)}")
    if args.write:
        for path in write():
            print("rewrote", path.relative_to(REPOSITORY))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
