"""coursekit.bibstyle: the bibliography names people and bodies, never platform accounts."""
from __future__ import annotations

import pytest
from pybtex.database import parse_string

from coursekit import bibstyle, sources


def entry(author: str):
    bib = parse_string(f"@misc{{k, author = {{{author}}}, title = {{t}}, year = {{2019}},"
                       " register = {cbp}, hosted = {publisher}}", "bibtex")
    return bib.entries["k"]


@pytest.mark.parametrize("author", ["{GitHub user jacobkap}", "{@jacobkap}", "{gitlab user someone}"])
def test_an_account_as_author_stops_the_build_with_the_entry_named(author):
    with pytest.raises(ValueError, match=r"entry 'k' is by .*an account"):
        bibstyle.CourseStyle().format_entry("k", entry(author))


@pytest.mark.parametrize("author", ["Kaplan, Jacob", "{U.S. Border Patrol}", "{GitHub}", "Xu, Li"])
def test_people_and_bodies_pass(author):
    assert bibstyle.account_authors(entry(author)) == []
    bibstyle.CourseStyle().format_entry("k", entry(author))


def test_no_entry_of_the_bibliography_is_by_an_account():
    accounts = {key: bibstyle.account_authors(e) for key, e in sources.bibliography().entries.items()}
    assert {k: v for k, v in accounts.items() if v} == {}
