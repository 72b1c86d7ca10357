"""Sphinx extension: the bibliography style of the web book.

It is pybtex's ``plain`` style, plus one sentence after each entry that tells the reader what
kind of body published the source (from ``publishers.yml``, see :mod:`coursekit.sources`) and
whether the link goes to an official archive copy rather than the publisher's own site.
Select it with ``bibtex_default_style: coursekit``. An entry whose author or editor is an
account on a code or social platform ("GitHub user ...", "@name") rather than a person or body
stops the build: cite the people or the organisation behind the work, as the work names them.

The citations in the text use sphinxcontrib-bibtex's author-year style with the punctuation
readers expect: "(Chishti and Putzel-Kavanaugh, 2024; Meyer et al., 2016)" in parentheses with
semicolons between works, and "Chishti and Putzel-Kavanaugh (2024)" in running text. Select it
with ``bibtex_reference_style: coursekit``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pybtex.plugin import register_plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle

from sphinxcontrib.bibtex.plugin import register_plugin as register_reference_style
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from coursekit import sources


def provenance(entry) -> Text:
    """'Source type: court.', plus ' Link to an official archive copy.' where that applies."""
    publisher = sources.register()[str(entry.fields["register"]).strip()]
    words = f"Source type: {publisher.kind_label}."
    if str(entry.fields.get("hosted", "")).strip() == "archive":
        words += " Link to an official archive copy."
    return Tag("em", words)


# an author written as a platform account: "GitHub user jacobkap", "@jacobkap"
ACCOUNT = re.compile(r"^(?:github|gitlab|bitbucket|twitter|x)\s+user\b|^@\w", re.IGNORECASE)


def account_authors(entry) -> list[str]:
    """The authors and editors of ``entry`` that are written as platform accounts."""
    names = (str(person).replace("{", "").replace("}", "").strip()
             for role in ("author", "editor") for person in entry.persons.get(role, []))
    return [name for name in names if ACCOUNT.search(name)]


class CourseStyle(PlainStyle):
    def format_entry(self, label, entry, bib_data=None):
        accounts = account_authors(entry)
        if accounts:
            raise ValueError(f"references.bib entry {entry.key!r} is by {accounts[0]!r}, an account: "
                             "name the person or body behind the work instead")
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        formatted.text = Text(formatted.text, " ", provenance(entry))
        return formatted


def _round(sep: str = "; ") -> BracketStyle:
    return BracketStyle(left="(", right=")", sep=sep)


@dataclass
class CourseReferenceStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=lambda: _round(", "))
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


register_plugin("pybtex.style.formatting", "coursekit", CourseStyle)
register_reference_style("sphinxcontrib.bibtex.style.referencing", "coursekit", CourseReferenceStyle)


def setup(app):
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
