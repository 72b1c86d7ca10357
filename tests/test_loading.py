"""How the built book's pages load (coursekit/sphinxext/assets.py), and that what they load
late still works: the search index on the search page alone, no render-blocking script in any
head, icon fonts cut to the icons the book draws; search, colour modes, menus, copy buttons and
highlighting in Chromium."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from browser import visit
from conftest import ROOT
from coursekit.serve import serve
from coursekit.sphinxext import assets
from htmlscan import pages

SEARCH_FILES = tuple(Path(name).name for name in assets.SEARCH_SCRIPTS)


class _Loads(HTMLParser):
    """The <script> and <link> tags of a page, each with whether it sits in the <head>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.scripts: list[tuple[bool, dict]] = []
        self.links: list[tuple[bool, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "script":
            self.scripts.append((self.in_head, dict(attrs)))
        elif tag == "link":
            self.links.append((self.in_head, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def loads(path: Path) -> _Loads:
    parser = _Loads()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _name(attrs: dict) -> str:
    return Path((attrs.get("src") or attrs.get("href") or "").split("?")[0]).name


def _blocking(attrs: dict) -> bool:
    return bool(attrs.get("src")) and "defer" not in attrs and "async" not in attrs \
        and attrs.get("type", "text/javascript") in ("text/javascript", "")


# --- the built pages, read as files ----------------------------------------------------------------

@pytest.mark.book
def test_the_search_index_loads_on_the_search_page_alone(built_book):
    found = {}
    for page in pages(built_book):
        rel = page.relative_to(built_book).as_posix()
        found[rel] = [(_name(attrs), attrs) for _head, attrs in loads(page).scripts if _name(attrs) in SEARCH_FILES]
    assert "search.html" in found, "the book has no search page"
    loaders = {rel: [name for name, _ in scripts] for rel, scripts in found.items() if scripts and rel != "search.html"}
    assert loaders == {}, f"pages other than the search page load the search scripts: {loaders}"
    search = found["search.html"]
    assert [name for name, _ in search] == list(SEARCH_FILES), search
    assert all("defer" in attrs for _, attrs in search), search


@pytest.mark.book
def test_the_search_page_loads_its_scripts_after_doctools(built_book):
    order = [_name(attrs) for _head, attrs in loads(built_book / "search.html").scripts if attrs.get("src")]
    assert order.index("doctools.js") < order.index("searchtools.js") < order.index("searchindex.js"), order


@pytest.mark.book
def test_no_page_has_a_render_blocking_script_in_its_head(built_book):
    blocking = []
    for page in pages(built_book):
        rel = page.relative_to(built_book).as_posix()
        found = loads(page)
        blocking += [f"{rel}: <script src={attrs['src']}>" for head, attrs in found.scripts
                     if head and _blocking(attrs) and not _name(attrs).endswith(assets.KEEP_SYNCHRONOUS)]
        blocking += [f"{rel}: <link rel=preload as=script href={attrs.get('href')}>" for head, attrs in found.links
                     if head and attrs.get("rel") == "preload" and attrs.get("as") == "script"]
    assert blocking == [], "\n".join(blocking)


@pytest.mark.book
def test_the_theme_s_deferred_scripts_are_still_loaded_on_every_page(built_book):
    """No script was dropped on the way: the head's scripts and the theme's two bundles load."""
    wanted = {"doctools.js", "sphinx_highlight.js", "copybutton.js", "togglebutton.js", "sphinx-book-theme.js",
              "bootstrap.js", "pydata-sphinx-theme.js", "documentation_options.js"}
    missing = {}
    for page in pages(built_book):
        names = {_name(attrs) for _head, attrs in loads(page).scripts}
        if not (page.name == "index.html" and page.parent == built_book) and wanted - names:
            missing[page.relative_to(built_book).as_posix()] = sorted(wanted - names)
    assert missing == {}, missing


@pytest.mark.book
def test_basic_css_is_preloaded_where_theme_css_imports_it(built_book):
    theme_css = (built_book / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert assets.THEME_CSS_IMPORT in theme_css
    page = built_book / "chapters" / "01_border_enforcement.html"
    links = [attrs for head, attrs in loads(page).links if head]
    preload = next(i for i, a in enumerate(links) if a.get("rel") == "preload" and _name(a) == "basic.css")
    theme = next(i for i, a in enumerate(links) if _name(a) == "theme.css")
    assert preload < theme and links[preload]["as"] == "style"
    assert (page.parent / links[preload]["href"]).resolve() == (built_book / "_static" / "basic.css").resolve()


@pytest.mark.book
def test_thebe_is_not_loaded_when_the_book_has_no_thebe(built_book):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["launch_buttons"]["thebe"] is False, "this test expects thebe to be off"
    loaders = [page.relative_to(built_book).as_posix() for page in pages(built_book)
               if re.search(r"sphinx-thebe\.(?:js|css)|THEBE_JS_URL", page.read_text(encoding="utf-8"))]
    assert loaders == []


@pytest.mark.book
def test_the_theme_s_icon_fonts_point_at_cut_fonts_that_exist(built_book):
    from fontTools.ttLib import TTFont

    css = (built_book / "_static" / assets.THEME_STYLESHEET).read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{[^}]*\}", css)
    assert len(faces) == len(assets.FONT_FACES), faces
    fonts = built_book / "_static" / assets.FONT_FOLDER
    for face in assets.FONT_FACES:
        rule = next(rule for rule in faces if face in rule)
        assert f'{face}{assets.SUBSET_SUFFIX}) format("woff")' in rule and ".woff2" not in rule, rule
        cut, whole = TTFont(fonts / f"{face}{assets.SUBSET_SUFFIX}"), TTFont(fonts / f"{face}.ttf")
        assert cut.flavor == "woff"
        assert 0 < len(cut.getBestCmap()) < len(whole.getBestCmap()) / 10, face
        assert set(cut.getBestCmap()) <= set(whole.getBestCmap())
        assert cut["name"].getDebugName(13) == whole["name"].getDebugName(13), "the licence notice was lost"


# --- the pieces, on small inputs -----------------------------------------------------------------

def test_css_strings_are_read_with_their_escapes():
    assert assets.css_string_characters(r"\f135") == "\uf135"
    assert assets.css_string_characters(r"\30 1") == "01"
    assert assets.css_string_characters("\uf09b") == "\uf09b"
    assert assets.css_string_characters(r"\"") == '"'


def test_the_catalogue_maps_every_selector_of_a_rule_and_skips_other_rules():
    css = ('.fa-rotate-left:before,.fa-rotate-back::before{content:"\\f0e2"}.fa-github:before{content:"\uf09b"}'
           '.note:before{content:"\uf05a"}:root{--pst-icon-x:"\uf019"}')
    assert assets.icon_catalogue(css) == {"fa-rotate-left": {0xF0E2}, "fa-rotate-back": {0xF0E2}, "fa-github": {0xF09B}}
    assert assets.private_use_points(css) == {0xF05A, 0xF019}


def test_a_site_s_icons_are_those_its_pages_and_loaded_scripts_name(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "icons.css").write_text('@import "more.css";.fa-rocket:before{content:"\\f135"}'
                                      '.fa-moon:before{content:"\\f186"}.fa-car:before{content:"\\f1b9"}'
                                      '.fa-bell:before{content:"\\f0f3"}', encoding="utf-8")
    (static / "more.css").write_text('.admonition:before{content:"\\f071"}', encoding="utf-8")
    (static / "used.js").write_text("el.classList.add('fa-moon')", encoding="utf-8")
    (static / "unused.js").write_text("const all = ['fa-car']", encoding="utf-8")
    (tmp_path / "page.html").write_text('<link rel="stylesheet" href="_static/icons.css?v=1">'
                                        '<script defer src="_static/used.js"></script>'
                                        '<i class="fa-solid fa-rocket fa-lg"></i>', encoding="utf-8")
    assert assets.used_icon_points(tmp_path) == {0xF135, 0xF186, 0xF071}


def test_font_faces_are_pointed_at_their_cut_files_only():
    css = ('@font-face{font-family:A;src:url(../w/fa-solid-900.woff2) format("woff2"),url(../w/fa-solid-900.ttf) '
           'format("truetype")}@font-face{font-family:B;src:url(../w/other.woff2) format("woff2")}')
    out = assets.point_font_faces_at_subsets(css, ["fa-solid-900"])
    assert 'src:url(../w/fa-solid-900.subset.woff) format("woff")}' in out
    assert 'src:url(../w/other.woff2) format("woff2")}' in out


def _search_filter(as_you_type=False):
    app = SimpleNamespace(builder=SimpleNamespace(theme_options={"search_as_you_type": as_you_type}),
                          config=SimpleNamespace(html_theme_options={}))
    return assets.make_search_scripts_filter(app)


HEAD = ('<meta name="x"/>\n    <script src="../_static/searchtools.js"></script>\n'
        '    <script src="../_static/language_data.js"></script>\n    <script src="../searchindex.js"></script>\n')


def test_the_search_filter_drops_the_search_scripts_from_other_pages():
    assert str(_search_filter()(HEAD, "chapters/01_border_enforcement")) == '<meta name="x"/>\n'


def test_the_search_filter_defers_them_on_the_search_page_and_when_searching_as_you_type():
    for html in (str(_search_filter()(HEAD, "search")), str(_search_filter(True)(HEAD, "intro"))):
        assert html.count("<script defer src=") == 3 and "searchindex.js" in html, html


# --- in Chromium ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gzip_site(built_book):
    """The book served as its host serves it (coursekit.serve: gzip, caching)."""
    with serve(built_book) as base:
        yield base


def _first_heading(page: Path) -> str:
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    return re.sub(r"<[^>]+>|¶|#", "", match.group(1)).strip()


@pytest.mark.browser
@pytest.mark.book
def test_the_search_page_finds_a_chapter_by_the_words_of_its_title(browser, gzip_site, built_book):
    title = _first_heading(built_book / "chapters" / "01_border_enforcement.html")
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    with visit(browser, gzip_site, f"search.html?q={word}") as v:
        v.page.wait_for_selector("#search-results li", timeout=15000)
        hrefs = v.page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
        assert any(h.split("?")[0].endswith("chapters/01_border_enforcement.html") for h in hrefs), (word, hrefs)
        assert not v.outside and not v.errors, (v.outside, v.errors)


@pytest.mark.browser
@pytest.mark.book
def test_the_search_page_finds_nothing_for_a_word_the_book_does_not_hold(browser, gzip_site, built_book):
    text = " ".join(p.read_text(encoding="utf-8") for p in pages(built_book)).lower()
    word = next(w for w in (f"qzx{n}vrk" for n in range(100)) if w not in text)
    with visit(browser, gzip_site, f"search.html?q={word}") as v:
        v.page.wait_for_function("() => /did not match/.test(document.querySelector('#search-results').textContent)",
                                 timeout=15000)
        assert v.page.locator("#search-results li").count() == 0
        assert not v.errors, v.errors


@pytest.mark.browser
@pytest.mark.book
def test_the_deferred_scripts_still_drive_the_page(browser, gzip_site, built_book):
    """Copy buttons (copybutton), the colour mode switch and the search dialog (the theme's
    bundle), the launch and download menus (Bootstrap) and search-term highlighting (Sphinx)."""
    rel = "chapters/01_border_enforcement.html"
    word = max(re.findall(r"[A-Za-z]{5,}", _first_heading(built_book / rel)), key=len)
    with visit(browser, gzip_site, f"{rel}?highlight={word}") as v:
        page = v.page
        page.wait_for_load_state("networkidle")
        code_blocks = page.locator("div.highlight pre").count()
        assert code_blocks > 0 and page.locator("button.copybtn").count() == code_blocks
        assert page.locator("span.highlighted").count() > 0, "the search term is not highlighted"
        before = page.evaluate("() => document.documentElement.dataset.mode")
        page.locator(".theme-switch-button:visible").first.click()
        after = page.evaluate("() => [document.documentElement.dataset.mode, document.documentElement.dataset.theme]")
        assert after[0] != before and after[1] in ("light", "dark"), (before, after)
        for menu in (".dropdown-launch-buttons", ".dropdown-download-buttons"):
            page.locator(f"{menu} > button").click()
            assert "show" in (page.locator(f"{menu} > .dropdown-menu").get_attribute("class") or ""), menu
            links = page.locator(f"{menu} .dropdown-item")
            assert links.count() > 0 and links.first.is_visible(), menu
            page.keyboard.press("Escape")
        page.locator("button.search-button__button:visible").first.click()
        assert page.evaluate("() => document.getElementById('pst-search-dialog').open")
        assert not v.outside and not v.errors, (v.outside, v.errors)


@pytest.mark.browser
@pytest.mark.book
def test_folded_content_still_opens(browser, gzip_site, built_book):
    folded = [p for p in pages(built_book) if 'class="sd-sphinx-override sd-dropdown' in p.read_text(encoding="utf-8")]
    assert folded, "no page of the book has a folded block"
    rel = folded[0].relative_to(built_book).as_posix()
    with visit(browser, gzip_site, rel) as v:
        block = v.page.locator("details.sd-dropdown").first
        body = block.locator(".sd-summary-content")
        assert not body.is_visible()
        block.locator("summary").click()
        assert body.is_visible()
        assert not v.errors, v.errors


_ICON_CHECK = """async ({faces, control}) => {
    // the theme's icons as the page draws them, and each icon's width in the whole original font
    for (const f of faces) {
        const face = new FontFace(f.alias, `url(${f.url})`, {weight: f.weight});
        await face.load();
        document.fonts.add(face);
    }
    const alias = (family, weight) => faces.find(f => family.includes(f.family) && String(f.weight) === String(weight));
    const icons = [];
    for (const el of document.querySelectorAll('*')) {
        for (const pseudo of ['::before', '::after']) {
            const style = getComputedStyle(el, pseudo);
            const content = style.content.match(/^"(.+)"$/s);
            if (!content || !style.fontFamily.includes('Font Awesome')) continue;
            const original = alias(style.fontFamily, style.fontWeight);
            if (!original) { icons.push({where: el.className, text: content[1], error: 'no such face ' + style.fontFamily + ' ' + style.fontWeight}); continue; }
            icons.push({where: String(el.className), text: content[1], family: original.family, weight: original.weight, alias: original.alias});
        }
    }
    if (control) icons.push({...control, where: 'control'});
    const ctx = document.createElement('canvas').getContext('2d');
    const width = (font, text) => { ctx.font = font; return ctx.measureText(text).width; };
    const out = [];
    for (const icon of icons) {
        if (icon.error) { out.push(icon); continue; }
        await document.fonts.load(`${icon.weight} 40px "${icon.family}"`, icon.text);
        const drawn = width(`${icon.weight} 40px "${icon.family}", monospace`, icon.text);
        const whole = width(`${icon.weight} 40px "${icon.alias}", monospace`, icon.text);
        out.push({...icon, drawn, whole, same: Math.abs(drawn - whole) < 0.01});
    }
    return out;
}"""


@pytest.mark.browser
@pytest.mark.book
def test_every_icon_on_every_page_is_drawn_from_the_cut_font(browser, gzip_site, built_book):
    """Each icon's width drawn with the cut font equals its width in the theme's whole font; a
    glyph the cut font lacks (the control) is caught, so a missing icon fails the test."""
    from fontTools.ttLib import TTFont

    fonts = built_book / "_static" / assets.FONT_FOLDER
    families = {"fa-solid-900": ("Font Awesome 6 Free", 900), "fa-regular-400": ("Font Awesome 6 Free", 400),
                "fa-brands-400": ("Font Awesome 6 Brands", 400)}
    faces = [{"family": families[face][0], "weight": families[face][1], "alias": f"Whole {face}",
              "url": f"{gzip_site}/_static/{assets.FONT_FOLDER}/{face}.woff2"} for face in assets.FONT_FACES]
    solid_cut = set(TTFont(fonts / f"fa-solid-900{assets.SUBSET_SUFFIX}").getBestCmap())
    absent = min(p for p in set(TTFont(fonts / "fa-solid-900.ttf").getBestCmap()) - solid_cut if 0xE000 <= p <= 0xF8FF)
    control = {"text": chr(absent), "family": "Font Awesome 6 Free", "weight": 900, "alias": "Whole fa-solid-900"}
    problems, seen = [], 0
    for page in pages(built_book):
        rel = page.relative_to(built_book).as_posix()
        if page.name == "index.html" and page.parent == built_book:
            continue  # the redirect to the front page
        with visit(browser, gzip_site, rel) as v:
            v.page.wait_for_load_state("networkidle")
            fetched = [url for kind, url in v.requests if kind == "font"]
            problems += [f"{rel}: loads the whole font {url}" for url in fetched if url.endswith(".woff2")]
            result = v.page.evaluate(_ICON_CHECK, {"faces": faces, "control": control})
        *icons, checked = result
        assert checked["where"] == "control" and not checked["same"], f"the check cannot see a missing glyph: {checked}"
        seen += len(icons)
        problems += [f"{rel}: {icon['where']!r} U+{ord(icon['text'][0]):04X} {icon.get('error') or 'not in the cut font'}"
                     for icon in icons if icon.get("error") or not icon["same"]]
    assert seen > 0, "no page draws an icon"
    assert problems == [], "\n".join(problems)
