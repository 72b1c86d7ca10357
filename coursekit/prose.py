"""Write a notebook's MyST prose out as plain Markdown, for the copies students open in Jupyter.

The chapters are written in MyST: ``{glue:text}`` for every computed number, ``{cite:p}`` for
citations, ``{term}`` for glossary terms, ``{doc}`` and ``{numref}`` for cross-references, and
``admonition``, ``list-table`` and ``glue:figure`` directives. The web book renders all of them.
JupyterLab, Notebook 7, Colab and VS Code render none of them: they show the raw roles.

So each chapter also has a *student copy* (``chapters/student/``, and the exercises'
``exercises/student/``) in which every role and directive has been written out:

* numbers: the chapter is run and each glued value is formatted with myst-nb's own
  ``format_plain_text``, exactly as the web book formats it;
* citations: sphinxcontrib-bibtex's own reference style (the one ``_config.yml`` selects) gives
  the same "[Author, Year]" text as the web book, and a *References* section at the end lists
  each cited work in the web book's bibliography style;
* terms: the term's own words, with a *Glossary* section at the end defining the terms used;
* cross-references: "Fig. 3" and "Table 1" numbered as the web book numbers them, and links to
  the other student copies;
* figures: the chart, attached to the Markdown cell, with its alt text and caption;
* admonitions and list tables: a block quote and a Markdown table;
* Markdown that a cell computes and glues (``{glue:md}``, the timeline's table): written out
  in turn, so its citations read as in the web book.

A role or directive this module does not know is an error that names it, so new syntax cannot
slip into the student copies raw. ``coursekit.release`` writes the copies and a test fails when
a committed copy differs from what the sources and the data give now.

Only the release step uses this module, with the book's tools installed; a student's kernel
never imports it.
"""
from __future__ import annotations

import base64
import copy
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<body>[^`]+)`")
DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S)
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
FIGURE_DIRECTIVES = {"glue:figure", "figure"}
TABLE_DIRECTIVES = {"list-table", "table"}


class ProseError(ValueError):
    """The prose uses MyST syntax that has no plain-Markdown rendering here. The message says where."""


@dataclass
class Book:
    """What rendering needs to know about the whole book: bibliography, glossary, numbering."""

    root: Path
    reference_style: str = "author_year"
    bibliography: object = None          # pybtex BibliographyData
    glossary: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)     # label -> "Fig. 3" / "Table 1"
    titles: dict[str, str] = field(default_factory=dict)      # docname -> first heading
    copies: dict[str, str] = field(default_factory=dict)      # docname -> student copy path
    order: dict[str, int] = field(default_factory=dict)       # bibliography key -> place in it

    @classmethod
    def load(cls, root: Path, copies: dict[str, str]) -> "Book":
        from pybtex.database import parse_file

        root = Path(root)
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
        style = config.get("sphinx", {}).get("config", {}).get("bibtex_reference_style", "label")
        bib = [root / name for name in config.get("bibtex_bibfiles", [])]
        book = cls(root=root, reference_style=style, copies=dict(copies))
        book.bibliography = parse_file(str(bib[0])) if bib else None
        if book.bibliography is not None:
            # sphinxcontrib-bibtex lists the works of one citation in the bibliography's order,
            # which is the bibliography style's sort, not the order the keys were written in
            from coursekit.bibstyle import CourseStyle

            ranked = CourseStyle().sort(list(book.bibliography.entries.values()))
            book.order = {entry.key: place for place, entry in enumerate(ranked)}
        book.glossary = read_glossary(root / "glossary.md")
        book.numbers, book.titles = number_figures_and_tables(root)
        return book


# ----------------------------------------------------------------------------- the whole book

def toc_docnames(root: Path) -> list[str]:
    """Every page of ``_toc.yml``, in reading order (root first)."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return names


def page_markdown(root: Path, docname: str) -> list[str]:
    """The Markdown of a page: the cells of a notebook, or the whole of a ``.md`` file."""
    import nbformat

    path = Path(root) / f"{docname}.ipynb"
    if path.is_file():
        nb = nbformat.read(path, as_version=4)
        return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    return [(Path(root) / f"{docname}.md").read_text(encoding="utf-8")]


def number_figures_and_tables(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Number captioned figures and titled tables through the book, as Sphinx's ``numfig`` does.

    Jupyter Book numbers them across the whole book in table-of-contents order ("Fig. 1" …,
    "Table 1" …). Returns the numbers by label and each page's title (its first heading).
    """
    numbers, titles, count = {}, {}, {"Fig.": 0, "Table": 0}
    for docname in toc_docnames(root):
        for text in page_markdown(root, docname):
            if docname not in titles:
                heading = re.search(r"^#\s+(.+?)\s*$", text, re.M)
                if heading:
                    titles[docname] = heading.group(1)
            for match in DIRECTIVE.finditer(text):
                name, arg = match.group("name"), match.group("arg").strip()
                options, content = split_options(match.group("body"))
                if name in FIGURE_DIRECTIVES and content.strip():
                    kind = "Fig."
                elif name in TABLE_DIRECTIVES and arg:
                    kind = "Table"
                else:
                    continue
                count[kind] += 1
                if "name" in options:
                    numbers[options["name"]] = f"{kind} {count[kind]}"
    return numbers, titles


def read_glossary(path: Path) -> dict[str, str]:
    """The terms of the ``{glossary}`` directive in ``glossary.md``, each with its definition."""
    if not Path(path).is_file():
        return {}
    text = Path(path).read_text(encoding="utf-8")
    terms, current = {}, None
    for match in DIRECTIVE.finditer(text):
        if match.group("name") != "glossary":
            continue
        for line in match.group("body").splitlines():
            if line and not line[0].isspace():
                current = line.strip()
                terms[current] = ""
            elif current and line.strip():
                terms[current] = (terms[current] + " " + line.strip()).strip()
    return terms


def split_options(body: str) -> tuple[dict[str, str], str]:
    """A directive's ``:key: value`` lines, and the content after them."""
    options, lines = {}, body.split("\n")
    while lines and OPTION.match(lines[0]):
        found = OPTION.match(lines.pop(0))
        options[found.group("key")] = found.group("value").strip()
    return options, "\n".join(lines).strip("\n")


# ----------------------------------------------------------------------------- one page

@dataclass
class Page:
    """Rendering one notebook: where it is, its glued values, and what it cited."""

    book: Book
    docname: str                      # e.g. "chapters/01_border_enforcement"
    glue: dict[str, dict] = field(default_factory=dict)   # key -> mime bundle
    cited: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    attachments: dict[str, dict] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)   # (role, text written), in order

    def where(self, cell: int) -> str:
        return f"{self.docname}, cell {cell + 1}"

    # -- roles
    def role(self, role: str, body: str, where: str) -> str:
        if role == "glue:text":
            return self.number(body, where)
        if role.startswith("cite:"):
            return self.citation(role.split(":", 1)[1], body, where)
        if role == "term":
            found = EXPLICIT.match(body)
            text, target = (found.group("text"), found.group("target")) if found else (body, body)
            target = " ".join(target.split())
            if target not in self.book.glossary:
                raise ProseError(f"{where}: the term {target!r} is not in the glossary")
            if target not in self.terms:
                self.terms.append(target)
            return text
        if role == "doc":
            return self.doc_link(body, where)
        if role == "numref":
            found = EXPLICIT.match(body)
            label = found.group("target") if found else body
            if label not in self.book.numbers:
                raise ProseError(f"{where}: no numbered figure or table is labelled {label!r}")
            number = self.book.numbers[label]
            if found:
                return found.group("text").replace("{number}", number.split()[-1])
            return number
        raise ProseError(f"{where}: the role {{{role}}} has no plain-Markdown rendering")

    def number(self, body: str, where: str) -> str:
        from myst_nb.core.variables import format_plain_text

        key, _, spec = body.partition(":")
        bundle = self.glue.get(key)
        if bundle is None:
            raise ProseError(f"{where}: nothing was glued under {key!r} when the notebook ran")
        if "text/plain" not in bundle:
            raise ProseError(f"{where}: the value glued under {key!r} has no text form")
        return format_plain_text(bundle["text/plain"], spec)

    def citation(self, kind: str, body: str, where: str) -> str:
        keys = [key.strip() for key in body.split(",") if key.strip()]
        missing = [key for key in keys if key not in self.book.bibliography.entries]
        if missing:
            raise ProseError(f"{where}: no bibliography entry for {', '.join(missing)}")
        for key in keys:
            if key not in self.cited:
                self.cited.append(key)
        return format_citation(self.book, kind, keys, where)

    def doc_link(self, body: str, where: str) -> str:
        found = EXPLICIT.match(body)
        text, target = (found.group("text"), found.group("target")) if found else (None, body)
        here = PurePosixPath(self.docname).parent
        docname = str(PurePosixPath(_normalise(here / target)))
        if docname not in self.book.titles:
            raise ProseError(f"{where}: {{doc}} names {target!r}, which is not a page of the book")
        text = text or self.book.titles[docname]
        if docname not in self.book.copies:  # a page of the web book only: name it
            return f"*{text}*"
        mine = PurePosixPath(self.book.copies.get(self.docname, f"{self.docname}.ipynb")).parent
        return f"[{text}]({_relative(self.book.copies[docname], mine)})"

    def inline(self, text: str, where: str) -> str:
        def written(match) -> str:
            text = self.role(match.group("role"), match.group("body"), where)
            self.log.append((match.group("role"), text))
            return text

        return ROLE.sub(written, text)

    # -- directives
    def directive(self, name: str, arg: str, body: str, where: str) -> str:
        options, content = split_options(body)
        if name == "admonition":
            inner = self.markdown(content, where)
            lines = [f"**{self.inline(arg, where)}**", ""] + inner.split("\n")
            return "\n".join(("> " + line).rstrip() for line in lines)
        if name == "list-table":
            return self.list_table(arg, options, content, where)
        if name == "glue:figure":
            return self.figure(arg, options, content, where)
        if name == "glue:md":  # Markdown a cell computed (a table, say), itself written out
            bundle = self.glue.get(arg)
            if bundle is None or "text/markdown" not in bundle:
                raise ProseError(f"{where}: no Markdown was glued under {arg!r} when the notebook ran")
            return self.markdown(bundle["text/markdown"], where)
        raise ProseError(f"{where}: the directive {{{name}}} has no plain-Markdown rendering")

    def list_table(self, title: str, options: dict, content: str, where: str) -> str:
        rows: list[list[str]] = []
        for line in content.split("\n"):
            if line.startswith("* - "):
                rows.append([line[4:].strip()])
            elif line.startswith("  - "):
                rows[-1].append(line[4:].strip())
            elif line.strip() and rows:
                rows[-1][-1] += " " + line.strip()
            elif line.strip():
                raise ProseError(f"{where}: a list-table line outside any row: {line!r}")
        if not rows or len({len(row) for row in rows}) != 1:
            raise ProseError(f"{where}: the list-table {title!r} has rows of different lengths")
        cells = [[self.inline(cell, where).replace("|", "\\|") for cell in row] for row in rows]
        header = int(options.get("header-rows", 0) or 0)
        head = cells[0] if header else [" "] * len(cells[0])
        body = cells[1:] if header else cells
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        caption = self.caption(self.inline(title, where), options)
        return (caption + "\n\n" if caption else "") + "\n".join(lines)

    def caption(self, text: str, options: dict) -> str:
        """A rendered caption on one line, with its "Fig. 3." or "Table 1." number where it has one."""
        number = self.book.numbers.get(options.get("name", ""), "")
        text = " ".join(text.split())
        return f"*{number}. {text}*" if number and text else (f"*{text}*" if text else "")

    def figure(self, key: str, options: dict, content: str, where: str) -> str:
        bundle = self.glue.get(key)
        if bundle is None or "image/png" not in bundle:
            raise ProseError(f"{where}: no figure (PNG) was glued under {key!r} when the notebook ran")
        alt = options.get("alt", "").strip()
        if not alt:
            raise ProseError(f"{where}: the figure {key!r} has no alt text")
        name = f"{key}.png"
        self.attachments[name] = {"image/png": bundle["image/png"]}
        alt = alt.replace("[", "(").replace("]", ")")
        caption = self.caption(self.markdown(content, where), options)
        return f"![{alt}](attachment:{name})\n\n{caption}"

    def markdown(self, text: str, where: str) -> str:
        out, last = [], 0
        for match in DIRECTIVE.finditer(text):
            out.append(self.inline(text[last:match.start()], where))
            out.append(self.directive(match.group("name"), match.group("arg").strip(),
                                      match.group("body"), where))
            last = match.end()
        out.append(self.inline(text[last:], where))
        rendered = "".join(out)
        leftover = re.search(r"\{[a-z][\w:-]*\}`|^(`{3,}|:{3,})\{", rendered, re.M)
        if leftover:
            raise ProseError(f"{where}: MyST syntax left after rendering: {leftover.group(0)!r}")
        return rendered

    # -- sections added at the end
    def references(self) -> str:
        import pybtex.plugin

        from coursekit.bibstyle import CourseStyle

        style = CourseStyle()
        backend = pybtex.plugin.find_plugin("pybtex.backends", "markdown")()
        entries = [self.book.bibliography.entries[key] for key in self.cited]
        lines = ["## References", "",
                 "The works cited on this page, in the style of the web book's bibliography."]
        for entry in sorted(entries, key=lambda e: self.book.order[e.key]):  # the bibliography's order
            text = " ".join(style.format_entry(entry.key, entry).text.render(backend).split("\n"))
            lines += ["", f"- **{format_citation(self.book, 'p', [entry.key], '')}** {text}"]
        return "\n".join(lines)

    def glossary(self) -> str:
        lines = ["## Glossary", "", "The terms this page uses, as the course's glossary defines them.", ""]

        for term in sorted(self.terms, key=str.lower):
            def term_words(match, term=term) -> str:  # a definition may point to other terms only
                if match.group("role") != "term":
                    raise ProseError(f"glossary.md, {term!r}: the role {{{match.group('role')}}} "
                                     "has no plain-Markdown rendering in a definition")
                found = EXPLICIT.match(match.group("body"))
                return found.group("text") if found else match.group("body")

            lines.append(f"- **{term}**: {ROLE.sub(term_words, self.book.glossary[term])}")
        return "\n".join(lines)


def _normalise(path: PurePosixPath) -> PurePosixPath:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def _relative(target: str, start: PurePosixPath) -> str:
    target_parts, start_parts = PurePosixPath(target).parts, start.parts
    common = 0
    while common < min(len(target_parts), len(start_parts)) and target_parts[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + list(target_parts[common:]))


def format_citation(book: Book, kind: str, keys: list[str], where: str) -> str:
    """The text of ``{cite:<kind>}`keys``` in the web book, from sphinxcontrib-bibtex's own style."""
    import docutils.nodes
    import pybtex.plugin
    import pybtex_docutils
    from sphinxcontrib.bibtex.plugin import find_plugin
    from sphinxcontrib.bibtex.style.referencing import format_references
    from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

    import coursekit.bibstyle  # noqa: F401  (registers the book's own styles)

    style = find_plugin("sphinxcontrib.bibtex.style.referencing", book.reference_style)()
    if kind not in style.role_names():
        raise ProseError(f"{where}: the citation role {{cite:{kind}}} is not one the "
                         f"{book.reference_style!r} style knows")
    entry_style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")()

    class TextOnly:  # the style wraps each reference in a link; here only its words are kept
        name = "text"

        def get_relative_uri(self, source, target):
            return ""

    references = []
    for key in sorted(dict.fromkeys(keys), key=lambda k: book.order.get(k, len(book.order))):
        entry = book.bibliography.entries[key]
        info = SphinxReferenceInfo(builder=TextOnly(), fromdocname="", todocname="",
                                   citation_id=key, title=None, pre_text="", post_text="")
        references.append((entry, entry_style.format_entry(key, entry), info))
    rendered = format_references(style, kind, references).render(pybtex_docutils.Backend())
    return "".join(node.astext() if isinstance(node, docutils.nodes.Node) else str(node)
                   for node in rendered)


def glued_values(executed) -> dict[str, dict]:
    """The values a run notebook glued, by key (myst-nb's own reader of its glue outputs)."""
    from myst_nb.ext.glue import extract_glue_data_cell

    values = {}
    for cell in copy.deepcopy(executed).cells:
        if cell.cell_type == "code":
            for key, output in extract_glue_data_cell(cell):
                values[key] = dict(output["data"])
    return values


def plain_notebook(nb, book: Book, docname: str, glue: dict[str, dict] | None = None,
                   log: list[tuple[str, str]] | None = None):
    """A copy of ``nb`` whose Markdown has every MyST role and directive written out.

    ``glue`` holds the values the notebook glued when it ran (:func:`glued_values`). Code cells
    are kept as they are, without outputs. A *References* and a *Glossary* section close the
    page when it cites works or uses terms. ``nb`` itself is left untouched. ``log``, if given,
    receives each role's text as written, in page order: ``("glue:text", "1,643,679")``.
    """
    import nbformat

    page = Page(book=book, docname=docname, glue=glue or {})
    out = copy.deepcopy(nb)
    for index, cell in enumerate(out.cells):
        if cell.cell_type == "markdown":
            page.attachments = {}
            cell.source = page.markdown(cell.source, page.where(index))
            if page.attachments:
                cell["attachments"] = {name: {mime: (data if isinstance(data, str)
                                                     else base64.b64encode(data).decode())
                                              for mime, data in bundle.items()}
                                       for name, bundle in page.attachments.items()}
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    if page.cited:
        out.cells.append(nbformat.v4.new_markdown_cell(page.references(), id="references"))
    if page.terms:
        out.cells.append(nbformat.v4.new_markdown_cell(page.glossary(), id="glossary"))
    out.metadata.pop("widgets", None)
    if log is not None:
        log.extend(page.log)
    return out
