"""The publisher register: who published each source the course cites, and where.

``publishers.yml`` lists every publisher that ``references.bib`` cites, with its kind (one of
:data:`KINDS`) and its own web domains, plus any official archives that hold its documents
(``govinfo.gov`` for the Federal Register, ``everycrsreport.com`` for CRS, and so on). Every
bibliography entry names its publisher in a ``register`` field and says in a ``hosted`` field
whether its URL is on the publisher's own site (``publisher``) or on one of the publisher's
official archives (``archive``).

:func:`problems` checks the bibliography against the register and returns one message per
problem, each naming the entry (or publisher) and what is wrong. There is no exceptions list:
an entry that cannot pass does not belong in the bibliography.

    >>> from coursekit import sources
    >>> sources.problems()            # doctest: +SKIP
    []
    >>> sources.kind_label("crs2020merida")   # doctest: +SKIP
    'legislature'

Apart from :mod:`coursekit._paths`, this module imports nothing from ``coursekit``; the data
dictionary and the web book's bibliography style use it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from coursekit._paths import BIB_FILE, REGISTER_FILE  # a checkout's files, or the wheel's copies

#: The kinds of publisher the course may cite, with the label readers see.
KINDS = {
    "government": "government statistics or records",
    "legislature": "legislature",
    "court": "court",
    "intergovernmental": "intergovernmental body",
    "research": "research institute or university",
    "news": "news organisation",
    "wire": "wire service",
    "advocacy": "advocacy group",
}
HOSTED = ("publisher", "archive")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


class SourceError(ValueError):
    """The register or the bibliography cannot be read. The message says which file and why."""


@dataclass(frozen=True)
class Publisher:
    id: str
    name: str
    kind: str
    domains: tuple[str, ...]
    archives: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def host_matches(host: str, domains: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def _register_problems(raw) -> tuple[dict[str, Publisher], list[str]]:
    if not isinstance(raw, dict) or not raw:
        return {}, ["publishers.yml: expected a mapping of publisher ids to publishers"]
    found, problems = {}, []
    for pid, block in raw.items():
        where = f"publishers.yml, publisher '{pid}'"
        if not isinstance(pid, str) or not _ID.match(pid):
            problems.append(f"{where}: an id is lower-case letters, digits and underscores")
            continue
        if not isinstance(block, dict):
            problems.append(f"{where}: expected name, kind, domains and archives")
            continue
        unknown = set(block) - {"name", "kind", "domains", "archives"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {sorted(unknown)}")
        name, kind = block.get("name"), block.get("kind")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: no name")
        if kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        lists = {}
        for field in ("domains", "archives"):
            value = block.get(field, [])
            if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
                problems.append(f"{where}: {field} must be a list of domain names")
                value = []
            for d in value:
                if not _DOMAIN.match(d) or d.startswith("www."):
                    problems.append(f"{where}: {d!r} in {field} is not a bare lower-case domain name "
                                    "(no scheme, path or 'www.')")
            lists[field] = tuple(value)
        if not lists["domains"]:
            problems.append(f"{where}: no domains")
        if set(lists["domains"]) & set(lists["archives"]):
            problems.append(f"{where}: a domain is listed both as its own and as an archive")
        found[pid] = Publisher(pid, str(name or ""), str(kind), lists["domains"], lists["archives"])
    return found, problems


def _strict_loader():
    """A YAML loader that refuses a key given twice in one mapping (PyYAML keeps the last
    silently, so a publisher added twice would hide the first block)."""
    import yaml

    class Strict(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"publisher '{key}' is defined twice", key_node.start_mark)
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Strict


@lru_cache(maxsize=4)
def _read_register(path: str, _stamp: tuple) -> tuple[dict[str, Publisher], tuple[str, ...]]:
    import yaml

    try:
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_strict_loader())
    except yaml.YAMLError as exc:
        raise SourceError(f"{Path(path).name} is not valid YAML: {exc}") from None
    found, problems = _register_problems(raw)
    return found, tuple(problems)


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise SourceError(f"no file at {path}") from None
    return (st.st_mtime_ns, st.st_size)


def register(path: str | Path | None = None) -> dict[str, Publisher]:
    """The publishers of ``publishers.yml``; :class:`SourceError` if the file is malformed."""
    path = Path(path or REGISTER_FILE)
    found, problems = _read_register(str(path), _stamp(path))
    if problems:
        raise SourceError("; ".join(problems))
    return found


@lru_cache(maxsize=4)
def _read_bib(path: str, _stamp: tuple):
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexError

    try:
        return parse_file(path, bib_format="bibtex")
    except PybtexError as exc:
        raise SourceError(f"{Path(path).name} cannot be parsed: {exc}") from None


def bibliography(path: str | Path | None = None):
    """``references.bib`` parsed by pybtex (the parser the web book uses)."""
    path = Path(path or BIB_FILE)
    return _read_bib(str(path), _stamp(path))


def entry_problems(key: str, fields, publishers: dict[str, Publisher]) -> list[str]:
    """What is wrong with one bibliography entry, judged against the register."""
    where = f"references.bib, entry '{key}'"
    pid, hosted, url = (str(fields.get(f, "")).strip() for f in ("register", "hosted", "url"))
    if not pid:
        return [f"{where}: no register field naming its publisher in publishers.yml"]
    publisher = publishers.get(pid)
    if publisher is None:
        return [f"{where}: register '{pid}' is not a publisher in publishers.yml"]
    if hosted not in HOSTED:
        return [f"{where}: hosted must be 'publisher' or 'archive', not {hosted!r}"]
    if not url:
        return [f"{where}: no url"]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [f"{where}: url {url!r} is not an http(s) address"]
    host = parts.hostname
    own, archived = host_matches(host, publisher.domains), host_matches(host, publisher.archives)
    if hosted == "publisher" and not own:
        hint = " (it is one of its archives: say hosted = {archive})" if archived else ""
        return [f"{where}: url host {host} is not a domain of {publisher.name} "
                f"({', '.join(publisher.domains)}){hint}"]
    if hosted == "archive" and not archived:
        if own:
            return [f"{where}: url host {host} is {publisher.name}'s own site: say hosted = {{publisher}}"]
        listed = ", ".join(publisher.archives) or "none listed"
        return [f"{where}: url host {host} is not an official archive of {publisher.name} ({listed})"]
    return []


def problems(bib_file: str | Path | None = None, register_file: str | Path | None = None) -> list[str]:
    """Every way the bibliography and the register disagree, one message each; [] when none."""
    path = Path(register_file or REGISTER_FILE)
    publishers, register_problems = _read_register(str(path), _stamp(path))
    out = list(register_problems)
    bib = bibliography(bib_file)
    for key, entry in bib.entries.items():
        out += entry_problems(key, entry.fields, publishers)
    cited = {str(e.fields.get("register", "")).strip() for e in bib.entries.values()}
    out += [f"publishers.yml, publisher '{pid}': no bibliography entry cites it" for pid in publishers
            if pid not in cited]
    return out


def publisher_of(key: str, bib_file: str | Path | None = None,
                 register_file: str | Path | None = None) -> Publisher:
    """The registered publisher of bibliography entry ``key``."""
    bib = bibliography(bib_file)
    if key not in bib.entries:
        raise SourceError(f"references.bib has no entry '{key}'")
    pid = str(bib.entries[key].fields.get("register", "")).strip()
    publishers = register(register_file)
    if pid not in publishers:
        raise SourceError(f"references.bib, entry '{key}': register {pid!r} is not in publishers.yml")
    return publishers[pid]


def kind_label(key: str, **files) -> str:
    """The reader-facing kind of the publisher of ``key``, e.g. 'court'."""
    return publisher_of(key, **files).kind_label
