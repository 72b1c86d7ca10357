"""The web book builds with zero warnings, and what it builds is complete and self-contained."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from htmlscan import cell_faults, pages, scan, table_cells

pytestmark = pytest.mark.book


def test_front_page_glossary_and_bibliography_are_built(built_book):
    assert "intro.html" in (built_book / "index.html").read_text(encoding="utf-8"), "index.html should lead to the front page"
    index = " ".join(scan(built_book / "intro.html").text)
    assert "Cooperation at the Border" in index
    assert "Chishti" in index, "the front page should cite the article the module is built on"
    glossary = scan(built_book / "glossary.html")
    assert "term-encounter" in glossary.ids and "term-fiscal-year" in glossary.ids
    bib = " ".join(scan(built_book / "references.html").text)
    assert "The Limits of the Go-It-Alone Approach" in bib


def test_bibliography_page_says_what_kind_of_body_published_each_source(built_book):
    from coursekit import sources

    text = " ".join(scan(built_book / "references.html").text)
    entries = sources.bibliography().entries
    assert text.count("Source type: ") == len(entries), "every entry should end with its source type"
    archived = sum(str(e.fields["hosted"]) == "archive" for e in entries.values())
    assert text.count("Link to an official archive copy.") == archived
    key = next(k for k, e in entries.items() if str(e.fields["register"]) == "crs")
    assert f"Source type: {sources.kind_label(key)}." in text


def test_every_internal_link_and_anchor_resolves(built_book):
    cache: dict[Path, set[str]] = {}
    broken = []
    for page_path in pages(built_book):
        page = scan(page_path)
        cache.setdefault(page_path, page.ids)
        targets = page.links + [url for _tag, url in page.loads]
        for url in targets:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page_path.relative_to(built_book)}: {url} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = cache.get(target)
                if ids is None:
                    ids = cache[target] = scan(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page_path.relative_to(built_book)}: {url} (no anchor #{parts.fragment})")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:40])


def test_pages_load_nothing_from_outside_the_book(built_book):
    outside = []
    for page_path in pages(built_book):
        page = scan(page_path)
        for tag, url in page.loads:
            if urlsplit(url).scheme in {"http", "https"} or url.startswith("//"):
                outside.append(f"{page_path.relative_to(built_book)}: <{tag}> {url}")
    assert not outside, "pages load resources from other hosts:\n" + "\n".join(outside[:40])


def test_pages_leave_out_the_themes_icon_script(built_book):
    """fontawesome.js (1.5 MB) would triple the weight of every page; see _templates/layout.html."""
    heavy = [f"{p.relative_to(built_book)}: {url}" for p in pages(built_book)
             for _tag, url in scan(p).loads if "fontawesome.js" in url]
    assert not heavy, "\n".join(heavy[:10])
    assert pages(built_book), "no pages were built"


def test_pages_carry_no_widget_state_and_declare_language(built_book):
    for page_path in pages(built_book):
        raw = page_path.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" not in raw, f"{page_path.name} embeds widget state"
        assert scan(page_path).lang == "en", f"{page_path.name} does not declare lang=en"


def exercise_leaks(html_root: Path) -> list[str]:
    """Solution lines of the exercise sources found in the built exercise pages and downloads."""
    import html as html_lib

    import nbformat

    from conftest import ROOT
    from coursekit.solutions import solution_lines

    secrets = set()
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        secrets |= solution_lines(nbformat.read(path, as_version=4))
    assert secrets, "the exercise sources hold no solutions to look for"
    # Chapters may show the same code as teaching; the exercise pages and their downloads must not.
    built = [p for p in html_root.rglob("*") if p.suffix in {".html", ".ipynb", ".txt", ".md"} and p.is_file()
             and "exercises" in p.relative_to(html_root).parts]
    assert any(p.name == "01_border_enforcement.html" for p in built)
    assert any(p.suffix == ".ipynb" for p in built), "the download copies of the exercises were not found"
    leaks = []
    for path in built:
        text = path.read_text(encoding="utf-8", errors="replace")
        plain = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
        leaks += [f"{path.relative_to(html_root)}: {line}" for line in secrets if line in text or line in plain]
    return leaks


def test_student_edition_contains_no_solution(student_book):
    leaks = exercise_leaks(student_book)
    assert not leaks, "solution text in the student edition:\n" + "\n".join(leaks[:20])


def test_full_edition_does_show_the_solutions(built_book):
    """The detector above is real: on the instructors' edition it finds the folded solutions."""
    assert exercise_leaks(built_book)


def test_launch_and_download_buttons_point_at_each_notebook(built_book):
    """In the instructors' full edition a chapter's buttons hand out its student copy (the
    prose written out for Jupyter) and an exercise's buttons its source, solutions included."""
    from urllib.parse import parse_qs

    import yaml

    from conftest import ROOT
    from coursekit.copies import CHAPTER_COPIES

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = urlsplit(cfg["repository"]["url"]).path.strip("/")  # owner/name
    branch = cfg["repository"]["branch"]
    sources = sorted(p.relative_to(ROOT).as_posix() for d in ("chapters", "exercises") for p in (ROOT / d).glob("*.ipynb"))
    assert sources
    for source in sources:
        page = built_book / source.replace(".ipynb", ".html")
        nb = source.replace("chapters/", CHAPTER_COPIES + "/")
        links = scan(page).links
        binder = [u for u in links if u.startswith(cfg["launch_buttons"]["binderhub_url"])]
        colab = [u for u in links if u.startswith(cfg["launch_buttons"]["colab_url"])]
        hub_url = (cfg["launch_buttons"].get("jupyterhub_url") or "").strip()
        hub = [u for u in links if "/hub/user-redirect/git-pull" in u]
        assert binder == [f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/{nb}"], (nb, binder)
        assert colab == [f"https://colab.research.google.com/github/{repo}/blob/{branch}/{nb}"], (nb, colab)
        if not hub_url:  # no hub configured: no JupyterHub button at all, and no placeholder link
            assert hub == [], (nb, hub)
        else:  # the theme's nbgitpuller link to this notebook on the configured hub
            assert len(hub) == 1 and hub[0].startswith(hub_url.rstrip("/") + "/hub/"), (nb, hub)
            query = parse_qs(urlsplit(hub[0]).query)
            assert query["repo"] == [f"https://github.com/{repo}"] and query["branch"] == [branch]
            assert query["urlpath"] == [f"lab/tree/{repo.split('/')[1]}/{nb}"]
        assert not [u for u in links if ".example." in urlsplit(u).netloc], (nb, "placeholder link")
        download = [u for u in links if u.endswith(".ipynb") and not u.startswith("http")]
        assert download == [f"../_sources/{nb}"], (nb, download)
        assert (built_book / "_sources" / nb).exists()


def test_student_edition_launch_and_download_links_open_files_without_solutions(student_book):
    """Follow every launch (Binder, Colab, JupyterHub) and download link of each chapter and
    exercise page of the student edition to the file it names: none may hold a line of any
    solution, and each is a student copy whose prose has no raw MyST role left."""
    from urllib.parse import parse_qs

    import nbformat
    import yaml

    from conftest import ROOT
    from coursekit.copies import CHAPTER_COPIES, STUDENT_COPIES
    from coursekit.solutions import solution_lines

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    branch = cfg["repository"]["branch"]
    secrets = set()
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        secrets |= solution_lines(nbformat.read(path, as_version=4))
    pages = sorted((student_book / "exercises").glob("*.html")) + sorted((student_book / "chapters").glob("*.html"))
    assert len(pages) == len(list((ROOT / "exercises").glob("*.ipynb"))) + len(list((ROOT / "chapters").glob("*.ipynb")))
    for page in pages:
        copies = STUDENT_COPIES if page.parent.name == "exercises" else CHAPTER_COPIES
        targets = []
        for url in scan(page).links:
            parts = urlsplit(url)
            query = parse_qs(parts.query)
            if parts.netloc == "mybinder.org":
                targets.append(ROOT / query["urlpath"][0].removeprefix("lab/tree/"))
            elif parts.netloc == "colab.research.google.com":
                targets.append(ROOT / parts.path.split(f"/blob/{branch}/", 1)[1])
            elif "/hub/user-redirect/git-pull" in parts.path:
                targets.append(ROOT / query["urlpath"][0].split("/", 3)[3])
            elif url.endswith(".ipynb") and not parts.scheme:
                targets.append((page.parent / url).resolve())
        assert len(targets) >= 3, f"{page.name}: expected Binder, Colab and download links, found {targets}"
        for target in targets:
            assert target.is_file(), f"{page.name} links to {target}, which does not exist"
            if ROOT in target.parents:
                assert target.relative_to(ROOT).as_posix().startswith(copies + "/"), (page.name, target)
            else:  # the download, served by the site: byte for byte the committed copy
                assert target.read_bytes() == (ROOT / copies / target.name).read_bytes(), (page.name, target)
            text = target.read_text(encoding="utf-8")
            if copies == STUDENT_COPIES:  # (chapter code is public, and may share lines with a solution)
                leaked = [line for line in secrets if line in text]
                assert not leaked, f"{page.name}: {target.name} holds solution lines {leaked[:3]}"
            raw = [m.group(0) for m in re.finditer(r"\{(glue|cite|term|doc|numref)[^}]*\}`", text)]
            assert not raw, f"{page.name}: {target.name} shows raw MyST roles {raw[:3]}"


# --- accessibility repairs: the template overrides and the markup fixes ---------------------------

OVERRIDE_VERSION = re.compile(r"pydata-sphinx-theme (\d+\.\d+\.\d+)'s components/([\w-]+\.html)")


def test_each_template_override_names_the_theme_version_it_copies_and_that_version_is_installed():
    from importlib.metadata import version

    import pydata_sphinx_theme

    from conftest import ROOT

    components = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "components"
    # copies of theme components; a template that extends the theme's own ({% extends "!..." %})
    # copies nothing
    overrides = sorted(p for p in (ROOT / "_templates").glob("*.html")
                       if not re.match(r"\{%-?\s*extends\b", p.read_text(encoding="utf-8")))
    assert overrides
    for path in overrides:
        found = OVERRIDE_VERSION.search(path.read_text(encoding="utf-8"))
        assert found, f"{path.name} does not say which theme version it copies"
        assert found.group(2) == path.name and (components / path.name).is_file(), path.name
        assert found.group(1) == version("pydata-sphinx-theme"), (
            f"{path.name} copies {found.group(1)} but {version('pydata-sphinx-theme')} is installed: "
            "compare the two and update the copy")


def test_the_accessibility_repairs_reach_every_built_page(built_book):
    """Each repair, proved on the built HTML: if the theme's or an extension's markup changes so a
    repair no longer applies, the old markup shows up here."""
    pages_seen = 0
    for page in sorted(built_book.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "search-button-field" not in text:
            continue  # the index redirect and the search page's own form
        pages_seen += 1
        name = page.relative_to(built_book).as_posix()
        search = re.search(r'<button class="btn search-button-field[^>]*>(.*?)</button>', text, re.S)
        assert search and "aria-label" not in search.group(0).split(">")[0], name
        assert 'search-button__default-text">Search<' in search.group(1), name
        assert re.search(r'search-button__kbd-shortcut" aria-hidden="true"', search.group(1)), name
        switch = re.search(r'<button class="[^"]*theme-switch-button[^>]*>(.*?)</button>', text, re.S)
        assert switch and "aria-label" not in switch.group(0).split(">")[0], name
        icons = re.findall(r'<i class="theme-switch[^>]*>', switch.group(1))
        assert len(icons) == 3 and all('aria-hidden="true"' in icon for icon in icons), name
        assert '<span class="visually-hidden">Color mode</span>' in switch.group(1), name
        assert 'role="doc-biblioentry"' not in text, f"{name}: a bibliography entry kept its invalid role"
        assert '<summary aria-label="Toggle hidden content">' not in text, f"{name}: a toggle hides its own label"
        assert not re.search(r"<summary>\s*<p\b", text), f"{name}: a cell toggle's label is a <p> inside <summary>"
        nameless = re.findall(r'<summary>\s*<span class="toctree-toggle"', text)
        assert not nameless, f"{name}: {len(nameless)} sidebar toggles have no name"
        assert re.search(r'<nav class="ck-home-nav" aria-label="Home">\s*<a class="navbar-brand logo"', text), \
            f"{name}: the book's name in the sidebar is outside every landmark"
    assert pages_seen >= 10
    references = (built_book / "references.html").read_text(encoding="utf-8")
    assert references.count('role="listitem"') >= 200
    exercise = (built_book / "exercises" / "01_border_enforcement.html").read_text(encoding="utf-8")
    assert "<summary>" in exercise
    assert '<span class="collapsed admonition-title">Show code cell source</span>' in exercise


# --- tables ----------------------------------------------------------------------------------------

def test_every_table_a_cell_shows_is_written_by_coursekit_tables(built_book):
    """Code cells show DataFrames and Series with coursekit.tables (which ``import coursekit``
    registers in the kernel), never with pandas's own notebook HTML and its <style scoped>."""
    pandas_html, course = [], 0
    for path in pages(built_book):
        text = path.read_text(encoding="utf-8")
        course += text.count('class="dataframe ck-table"')
        if "<style scoped>" in text or re.search(r'<table[^>]* class="dataframe"', text):
            pandas_html.append(path.relative_to(built_book).as_posix())
    assert not pandas_html, f"pages with pandas's own table HTML (is coursekit.tables registered?): {pandas_html}"
    assert course >= 20, f"only {course} tables written by coursekit.tables"


def test_no_table_shows_float_noise_unseparated_numbers_or_cut_text(built_book):
    problems, cells = [], 0
    for path in pages(built_book):
        text = path.read_text(encoding="utf-8")
        cells += sum(len(table) for table in table_cells(text))
        problems += [f"{path.relative_to(built_book)}: {fault}: {cell[:80]!r}" for fault, cell in cell_faults(text)]
    assert cells >= 500, f"only {cells} table cells in the book: the scan is not reading its tables"
    assert not problems, "\n".join(problems)


def head_of(path: Path) -> dict:
    """A page's title, meta description and icon link, read from its <head>."""
    text = path.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    description = re.search(r'<meta\s+(?:name="description"\s+content="([^"]*)"|content="([^"]*)"\s+name="description")',
                            text)
    icon = re.search(r'<link\s+rel="(?:shortcut )?icon"\s+href="([^"]+)"', text)
    return {"title": title and " ".join(title.group(1).split()),
            "description": description and (description.group(1) or description.group(2)),
            "icon": icon and icon.group(1)}


def test_every_page_has_a_real_title_a_description_and_an_icon(built_book):
    """No "Project name not set", no page without a meta description, and an icon link that
    resolves, so that browsers do not ask for a missing /favicon.ico."""
    problems = []
    titles = {}
    for path in pages(built_book):
        rel = path.relative_to(built_book).as_posix()
        head = head_of(path)
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):
            if head["title"] != "Cooperation at the Border":
                problems.append(f"{rel}: the redirect page is titled {head['title']!r}")
            continue
        titles[rel] = head["title"]
        if not head["title"] or "not set" in head["title"]:
            problems.append(f"{rel}: title {head['title']!r}")
        if not head["description"] or len(head["description"].split()) < 12:
            problems.append(f"{rel}: meta description {head['description']!r}")
        if not head["icon"] or not (path.parent / unquote(head["icon"])).resolve().is_file():
            problems.append(f"{rel}: icon {head['icon']!r} is missing")
    assert not problems, "\n".join(problems)
    repeated = [rel for rel, title in titles.items() if title.count("Cooperation at the Border") > 1]
    assert not repeated, f"titles that repeat the book's name: {repeated}"


def test_the_inventory_names_the_project(built_book):
    import zlib  # noqa: F401  (objects.inv: a plain-text header, then a zlib stream)

    header = (built_book / "objects.inv").read_bytes().split(b"\n", 3)[:3]
    assert header[1] == b"# Project: Cooperation at the Border", header
