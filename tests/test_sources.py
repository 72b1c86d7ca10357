"""Every source is cited to its publisher, on the publisher's own site or an official archive.

``publishers.yml`` is the register of publishers; ``coursekit.sources`` holds the bibliography to
it. The first tests check the real files; the rest feed the checker damaged copies, each named
by the mistake it must catch.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coursekit import data, sources

ROOT = Path(__file__).resolve().parent.parent

# Hosts the source audit found behind weak citations: document-sharing and clipping sites, content
# farms, aggregators and partisan outlets. None may be a registered domain or archive again.
NEVER_A_SOURCE = (
    "scribd.com", "docslib.org", "paperzz.com", "readkong.com", "lawsdocbox.com", "wikileaks.cash",
    "casetext.com", "law.onecle.com", "einpresswire.com", "businesstelegraph.co.uk",
    "knipselkrant-curacao.com", "djayanews.com", "lincolntrumpet.com", "wired-gov.net",
    "ieu-monitoring.com", "genocidewatch.com", "migrationpolicyinstitute-europe.com",
    "zerohedge.com", "theepochtimes.com", "cnsnews.com", "newsmax.com", "orinocotribune.com",
    "pledgetimes.com", "smallcapnews.co.uk", "todayeducationnews.com", "worldnationnews.com",
    "spamchronicles.com", "factualuprising.com", "bullfrag.com", "archyde.com", "madnesshub.com",
    "playcrazygame.com", "wifitalents.com", "politicsnavigator.com", "libertywire.net",
    "1928.us", "codelist.biz", "breakinglatest.news", "highergroundtimes.com", "thewellnews.com",
)


def test_every_bibliography_entry_names_a_registered_publisher_on_its_own_site_or_archive():
    found = sources.problems()
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found)


def test_no_registered_domain_is_a_host_the_audit_ruled_out():
    bad = [f"{p.id}: {d}" for p in sources.register().values() for d in p.domains + p.archives
           if sources.host_matches(d, NEVER_A_SOURCE)]
    assert not bad, "registered domains that are never a source: " + ", ".join(bad)


def test_every_data_row_rests_on_registered_sources():
    for name in data.names():
        for cell in data.load(name)["source"]:
            for key in data._split_keys(cell):
                assert sources.kind_label(key) in sources.KINDS.values(), (name, key)


def test_data_dictionary_counts_each_datasets_rows_by_source_type():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for name in data.names():
        line = "- Rows by source type: " + data.rows_by_source_type(name)
        assert line in readme, f"data/README.md lacks the source types of {name}"
        counted = sum(int(part.rsplit(" ", 1)[1]) for part in data.rows_by_source_type(name).split(", "))
        assert counted >= len(data.load(name)), f"{name}: some rows are not counted"


def test_host_matching_is_by_whole_domain_labels():
    assert sources.host_matches("www.cbp.gov", ("cbp.gov",))
    assert sources.host_matches("cbp.gov", ("cbp.gov",))
    assert not sources.host_matches("evilcbp.gov", ("cbp.gov",))
    assert not sources.host_matches("cbp.gov.example.com", ("cbp.gov",))
    assert not sources.host_matches("www.migrationpolicyinstitute-europe.com", ("migrationpolicy.org",))


# --- the checker on damaged copies --------------------------------------------------------------

REGISTER = """\
cbp:
  name: U.S. Customs and Border Protection
  kind: government
  domains: [cbp.gov]
  archives: []
crs:
  name: Congressional Research Service
  kind: legislature
  domains: [congress.gov]
  archives: [everycrsreport.com]
"""

ENTRY = """\
@misc{{{key},
  title = {{A title}},
  publisher = {{Someone}},
  year = {{2024}},
  {fields}
}}
"""


def write(tmp_path: Path, register: str, entries: dict[str, str]) -> dict[str, Path]:
    reg = tmp_path / "publishers.yml"
    reg.write_text(textwrap.dedent(register), encoding="utf-8")
    bib = tmp_path / "references.bib"
    bib.write_text("\n".join(ENTRY.format(key=k, fields=f) for k, f in entries.items()), encoding="utf-8")
    return {"bib_file": bib, "register_file": reg}


GOOD = {
    "cbp2024": "register = {cbp}, hosted = {publisher}, url = {https://www.cbp.gov/newsroom/stats}",
    "crs2020": "register = {crs}, hosted = {archive}, url = {https://www.everycrsreport.com/reports/IF10578.html}",
}


def test_a_correct_bibliography_and_register_pass(tmp_path):
    assert sources.problems(**write(tmp_path, REGISTER, GOOD)) == []


BAD_ENTRIES = {
    "no_register_field": ("hosted = {publisher}, url = {https://www.cbp.gov/x}",
                          "no register field naming its publisher"),
    "unregistered_publisher": ("register = {zerohedge}, hosted = {publisher}, url = {https://www.zerohedge.com/x}",
                               "register 'zerohedge' is not a publisher in publishers.yml"),
    "no_hosted_field": ("register = {cbp}, url = {https://www.cbp.gov/x}",
                        "hosted must be 'publisher' or 'archive'"),
    "hosted_misspelt": ("register = {cbp}, hosted = {own site}, url = {https://www.cbp.gov/x}",
                        "hosted must be 'publisher' or 'archive', not 'own site'"),
    "no_url": ("register = {cbp}, hosted = {publisher}", "no url"),
    "url_without_scheme": ("register = {cbp}, hosted = {publisher}, url = {www.cbp.gov/x}",
                           "is not an http(s) address"),
    "copy_on_a_document_sharing_site": ("register = {crs}, hosted = {publisher}, url = {https://www.scribd.com/doc/1}",
                                        "url host www.scribd.com is not a domain of Congressional Research Service"),
    "look_alike_domain": ("register = {cbp}, hosted = {publisher}, url = {https://cbp.gov.example.com/x}",
                          "url host cbp.gov.example.com is not a domain of U.S. Customs and Border Protection"),
    "archive_copy_called_the_publishers_own": ("register = {crs}, hosted = {publisher}, url = {https://www.everycrsreport.com/r}",
                                               "say hosted = {archive}"),
    "archive_that_is_not_the_publishers": ("register = {cbp}, hosted = {archive}, url = {https://www.everycrsreport.com/r}",
                                           "is not an official archive of U.S. Customs and Border Protection (none listed)"),
    "own_site_called_an_archive": ("register = {crs}, hosted = {archive}, url = {https://www.congress.gov/crs}",
                                   "is Congressional Research Service's own site: say hosted = {publisher}"),
}


@pytest.mark.parametrize("case", BAD_ENTRIES, ids=list(BAD_ENTRIES))
def test_a_bad_entry_is_reported_by_key_with_its_problem(tmp_path, case):
    fields, message = BAD_ENTRIES[case]
    found = sources.problems(**write(tmp_path, REGISTER, {**GOOD, "bad2024": fields}))
    assert len(found) == 1, found
    assert found[0].startswith("references.bib, entry 'bad2024': ") and message in found[0], found


BAD_REGISTERS = {
    "kind_not_allowed": (REGISTER.replace("kind: government", "kind: content-farm"),
                         "publisher 'cbp': kind 'content-farm' is not one of government, legislature"),
    "no_kind": (REGISTER.replace("  kind: government\n", ""), "publisher 'cbp': kind None is not one of"),
    "domain_with_scheme": (REGISTER.replace("[cbp.gov]", "[https://cbp.gov]"),
                           "'https://cbp.gov' in domains is not a bare lower-case domain name"),
    "domain_with_www": (REGISTER.replace("[cbp.gov]", "[www.cbp.gov, cbp.gov]"),
                        "'www.cbp.gov' in domains is not a bare lower-case domain name"),
    "no_domains": (REGISTER.replace("[cbp.gov]", "[]"), "publisher 'cbp': no domains"),
    "no_name": (REGISTER.replace("  name: U.S. Customs and Border Protection\n", ""), "publisher 'cbp': no name"),
    "unknown_field": (REGISTER.replace("  archives: []\n", "  archives: []\n  trusted: yes\n", 1),
                      "publisher 'cbp': unknown field(s) ['trusted']"),
    "domain_also_an_archive": (REGISTER.replace("archives: [everycrsreport.com]", "archives: [congress.gov]"),
                               "publisher 'crs': a domain is listed both as its own and as an archive"),
    "publisher_nobody_cites": (REGISTER + "ap:\n  name: Associated Press\n  kind: wire\n  domains: [apnews.com]\n",
                               "publisher 'ap': no bibliography entry cites it"),
}


@pytest.mark.parametrize("case", BAD_REGISTERS, ids=list(BAD_REGISTERS))
def test_a_bad_register_is_reported_by_publisher_with_its_problem(tmp_path, case):
    register, message = BAD_REGISTERS[case]
    found = sources.problems(**write(tmp_path, register, GOOD))
    assert any(message in p for p in found), found
    assert all(p.startswith("publishers.yml") or "is not a domain of" in p or "not an official archive" in p
               for p in found), found


def test_a_register_that_is_not_yaml_names_the_file(tmp_path):
    files = write(tmp_path, "cbp: [unclosed\n", GOOD)
    with pytest.raises(sources.SourceError, match="publishers.yml is not valid YAML"):
        sources.problems(**files)


def test_a_publisher_defined_twice_is_refused(tmp_path):
    files = write(tmp_path, REGISTER + REGISTER.split("crs:")[0], GOOD)
    with pytest.raises(sources.SourceError, match="publisher 'cbp' is defined twice"):
        sources.problems(**files)


def test_kind_label_of_an_unknown_key_names_the_key(tmp_path):
    files = write(tmp_path, REGISTER, GOOD)
    assert sources.kind_label("crs2020", **files) == "legislature"
    with pytest.raises(sources.SourceError, match="references.bib has no entry 'nobody2024'"):
        sources.kind_label("nobody2024", **files)
