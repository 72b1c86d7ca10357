"""Page loading: what the head of each page loads, and when.

On a phone the theme's pages painted late (Lighthouse mobile performance 57-59 with no
compression, 74-76 with it). Every script of the theme and its extensions loaded synchronously in
the head, the search index among them, and the icon fonts (275 KB) loaded before the first
paint. This module changes how pages load, not what they do:

* **Scripts in the head are deferred** (``defer_head_scripts``): they run in the same order once
  the page is parsed, and each starts from ``DOMContentLoaded`` or ``document.readyState``,
  which ``defer`` still serves. ``documentation_options.js`` stays synchronous: the inline
  snippets after it extend ``DOCUMENTATION_OPTIONS`` while the page is parsed.
* **The search index loads only on the search page** (``search_scripts``, a template filter).
  pydata-sphinx-theme loads ``searchtools.js``, ``language_data.js`` and ``searchindex.js``
  on every page for its search-as-you-type option; with that option off (the default) the
  search dialog only sends the query to ``search.html``. There they load deferred, after
  ``doctools.js``, which ``searchtools.js`` needs. This also brings back the highlighting of
  a search's words on the page a result opens: ``sphinx_highlight.js`` takes any page that
  defines ``Search`` for the search page, and skips it.
* **No preload of the theme's two deferred scripts** (``without_script_preloads``): a
  preload makes them high-priority requests that compete with the style sheets the first paint
  waits for. The ``defer`` tags at the end of the body still load them.
* **``basic.css`` is preloaded**: the theme's ``theme.css`` only imports it, so the browser
  found it one round trip late.
* **sphinx-thebe's files are left out** when the book has no thebe (``launch_buttons.thebe``
  off and no ``thebe-button`` on the page): Jupyter Book adds its style sheet, script and
  configuration to every page regardless.
* **The icon fonts hold only the icons the book uses** (``subset_icon_fonts``, at the end of
  the build): the theme ships Font Awesome's three fonts whole (about 275 KB of WOFF2 on a
  page, two of them on most). Each is cut with fontTools to the glyphs that the built pages, the
  scripts they load and the theme's style sheets name, and saved as WOFF; the theme's
  ``@font-face`` rules point at the cut fonts.

``tests/test_loading.py`` checks each of these on the built book, in Chromium as well.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

# scripts the inline snippets of the head extend while the page is parsed: they stay synchronous
KEEP_SYNCHRONOUS = ("documentation_options.js",)
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
SEARCH_PAGE = "search"

_SEARCH_TAG = re.compile(r'[ \t]*<script\b(?P<attrs>[^>]*)\bsrc="(?P<src>[^"]*?(?:'
                         + "|".join(re.escape(name) for name in SEARCH_SCRIPTS) + r'))"(?P<rest>[^>]*)>\s*</script>\n?')
_SCRIPT_PRELOAD = re.compile(r'[ \t]*<link\b[^>]*\brel="preload"[^>]*\bas="script"[^>]*/?>\n?')
_THEME_CSS = re.compile(r'<link\b[^>]*\bhref="(?P<prefix>[^"]*?)styles/theme\.css(?:\?[^"]*)?"[^>]*/?>')
THEME_CSS_IMPORT = '@import "../basic.css";'

FONT_FOLDER = "vendor/fontawesome/webfonts"   # under _static, as pydata-sphinx-theme 0.17 ships them
FONT_FACES = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
SUBSET_SUFFIX = ".subset.woff"
THEME_STYLESHEET = "styles/pydata-sphinx-theme.css"


# --- scripts and style sheets of the head ------------------------------------------------------

def _attributes(asset) -> dict:
    return dict(getattr(asset, "attributes", None) or {})


def _filename(asset) -> str:
    return getattr(asset, "filename", None) or ""


def _with_attributes(asset, **extra):
    """A copy of a Sphinx ``_JavaScript`` asset with more attributes."""
    from sphinx.builders.html._assets import _JavaScript

    attributes = _attributes(asset)
    priority = attributes.pop("priority", 500)
    return _JavaScript(_filename(asset), priority=priority, **{**attributes, **extra})


def thebe_in_use(app, doctree) -> bool:
    launch = (getattr(app.config, "html_theme_options", None) or {}).get("launch_buttons") or {}
    if launch.get("thebe"):
        return True
    if doctree is None:
        return False
    # sphinx-thebe's button node, matched by name: the extension need not be importable here
    return any(type(node).__name__ == "ThebeButtonNode" for node in doctree.findall())


def _is_thebe(asset) -> bool:
    name = _filename(asset)
    return "sphinx-thebe" in name or "thebe@" in name or "THEBE_JS_URL" in str(_attributes(asset).get("body") or "")


def defer_head_scripts(app, pagename, templatename, context, doctree) -> None:
    """html-page-context: defer every script file of the head; leave out thebe when unused."""
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        thebe = thebe_in_use(app, doctree)
        kept = []
        for script in scripts:
            if not thebe and _is_thebe(script):
                continue
            attributes = _attributes(script)
            name = _filename(script)
            if (name and "://" not in name and not attributes.get("async") and not attributes.get("defer")
                    and attributes.get("type", "text/javascript") in ("text/javascript", "")
                    and not name.endswith(KEEP_SYNCHRONOUS)):
                script = _with_attributes(script, defer="defer")
            kept.append(script)
        scripts[:] = kept
    styles = context.get("css_files")
    if isinstance(styles, list) and not thebe_in_use(app, doctree):
        styles[:] = [style for style in styles if "sphinx-thebe" not in _filename(style)]


def search_as_you_type(app) -> bool:
    options = getattr(app.builder, "theme_options", None) or {}
    value = options.get("search_as_you_type", (app.config.html_theme_options or {}).get("search_as_you_type"))
    return str(value).lower() in {"true", "1", "yes"}


def make_search_scripts_filter(app):
    def search_scripts(html, pagename):
        """Jinja filter: the search scripts of ``html`` deferred on the search page (and on every page
        when the theme searches as you type); left out everywhere else."""
        keep = pagename == SEARCH_PAGE or search_as_you_type(app)

        def rewrite(match):
            if not keep:
                return ""
            attrs = match["attrs"] + match["rest"]
            if "defer" in attrs or "async" in attrs:
                return match.group(0)
            return match.group(0).replace("<script", "<script defer", 1)

        return Markup(_SEARCH_TAG.sub(rewrite, str(html)))

    return search_scripts


def theme_css_only_imports_basic(app) -> bool:
    """Whether the theme's ``styles/theme.css`` is nothing but ``@import "../basic.css"``."""
    for folder in getattr(getattr(app.builder, "theme", None), "get_theme_dirs", lambda: [])():
        path = Path(folder, "static", "styles", "theme.css")
        if path.is_file():
            text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S).strip()
            return text == THEME_CSS_IMPORT
    return False


def make_css_block_filter(app):
    preload_basic = theme_css_only_imports_basic(app)

    def without_script_preloads(html):
        """Jinja filter for the theme's ``css`` block: no ``<link rel="preload" as="script">``, and
        ``basic.css`` (which ``theme.css`` imports) preloaded in front of ``theme.css``."""
        text = _SCRIPT_PRELOAD.sub("", str(html))
        if preload_basic:
            text = _THEME_CSS.sub(lambda m: f'<link rel="preload" as="style" href="{m["prefix"]}basic.css" />\n'
                                  + m.group(0), text, count=1)
        return Markup(text)

    return without_script_preloads


def add_asset_filters(app) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        environment.filters["search_scripts"] = make_search_scripts_filter(app)
        environment.filters["without_script_preloads"] = make_css_block_filter(app)


# --- the icon fonts ------------------------------------------------------------------------------

# one rule of Font Awesome's catalogue, e.g. .fa-rocket:before{content:"\f135"}
_CATALOG_RULE = re.compile(r'(?P<selectors>(?:\.fa-[a-z0-9-]+::?(?:before|after),?)+)'
                           r'\{content:"(?P<content>(?:\\[0-9a-fA-F]{1,6} ?|\\.|[^"\\])*)"\}')
_CATALOG_NAME = re.compile(r"\.(fa-[a-z0-9-]+)::?(?:before|after)")
_CSS_STRING = re.compile(r'"((?:\\.|[^"\\\n])*)"|\'((?:\\.|[^\'\\\n])*)\'')
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)", re.S)
_CLASS_TOKEN = re.compile(r"(?<![\w-])fa-[a-z0-9]+(?:-[a-z0-9]+)*")
_LOADS = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"#?]+)(?:[?#][^"]*)?"[^>]*>')
_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')\s]+)')


def css_string_characters(value: str) -> str:
    """The characters a CSS string literal stands for (its escapes decoded)."""
    return _CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], value)


def icon_catalogue(css: str) -> dict[str, set[int]]:
    """Font Awesome's catalogue in a style sheet: class name -> code points it draws."""
    catalogue: dict[str, set[int]] = {}
    for rule in _CATALOG_RULE.finditer(css):
        points = {ord(ch) for ch in css_string_characters(rule["content"])}
        for name in _CATALOG_NAME.findall(rule["selectors"]):
            catalogue.setdefault(name, set()).update(points)
    return catalogue


def private_use_points(css: str) -> set[int]:
    """Code points of the Private Use Area (where Font Awesome's icons are) that a style sheet
    writes outside the catalogue: the theme's own icons (admonitions, links, buttons)."""
    outside = _CATALOG_RULE.sub("", css)
    points = set()
    for match in _CSS_STRING.finditer(outside):
        points.update(ord(ch) for ch in css_string_characters(match[1] if match[1] is not None else match[2])
                      if 0xE000 <= ord(ch) <= 0xF8FF)
    return points


def _loaded_files(html_dir: Path) -> tuple[list[Path], set[Path], set[Path]]:
    """Every page of a built site, and the scripts and style sheets (with their imports) they load."""
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)
    scripts, sheets = set(), set()
    for page in pages:
        for url in _LOADS.findall(page.read_text(encoding="utf-8", errors="replace")):
            if "://" in url or url.startswith("data:"):
                continue
            target = (page.parent / url).resolve()
            if target.suffix == ".js" and target.is_file():
                scripts.add(target)
            elif target.suffix == ".css" and target.is_file():
                sheets.add(target)
    pending = list(sheets)
    while pending:
        sheet = pending.pop()
        for url in _IMPORT.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            target = (sheet.parent / url).resolve()
            if target.suffix == ".css" and target.is_file() and target not in sheets:
                sheets.add(target)
                pending.append(target)
    return pages, scripts, sheets


def used_icon_points(html_dir: Path) -> set[int]:
    """The icon code points a built site can draw: the catalogue entries of every ``fa-*`` class
    its pages and their scripts name, and the icons its style sheets write directly."""
    pages, scripts, sheets = _loaded_files(html_dir)
    catalogue: dict[str, set[int]] = {}
    points: set[int] = set()
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8", errors="replace")
        for name, found in icon_catalogue(css).items():
            catalogue.setdefault(name, set()).update(found)
        points |= private_use_points(css)
    for path in [*pages, *scripts]:
        for token in set(_CLASS_TOKEN.findall(path.read_text(encoding="utf-8", errors="replace"))):
            points |= catalogue.get(token, set())
    return points


def subset_font(source: Path, target: Path, points: set[int]) -> int:
    """Write the glyphs of ``points`` that ``source`` has into ``target`` (WOFF); their number."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    present = sorted(points & set(font.getBestCmap()))
    options = subset.Options()
    options.flavor = "woff"   # zlib, in the standard library; WOFF2 would need the brotli package
    options.name_IDs = ["*"]  # keep the font's names and licence notice
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    font.flavor = "woff"
    font.save(target)
    return len(present)


def point_font_faces_at_subsets(css: str, faces: list[str]) -> str:
    """The theme's ``@font-face`` sources of ``faces`` replaced by their cut WOFF files."""
    for face in faces:
        css = re.sub(r'src:url\((?P<dir>[^)"\']*?)' + re.escape(face) + r'\.woff2\)[^;}]*',
                     lambda m: f'src:url({m["dir"]}{face}{SUBSET_SUFFIX}) format("woff")', css)
    return css


def subset_icon_fonts(app, exception) -> None:
    """build-finished: cut Font Awesome's fonts to the icons the built pages use."""
    if exception is not None or getattr(app.builder, "format", None) != "html":
        return
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    html_dir = Path(app.outdir)
    static = html_dir / "_static"
    stylesheet = static / THEME_STYLESHEET
    fonts = static / FONT_FOLDER
    if not stylesheet.is_file() or not fonts.is_dir():
        return  # another theme
    css = stylesheet.read_text(encoding="utf-8")
    # the style sheet is the theme's copy (Sphinx copies it again on every build), or one this
    # function already pointed at the cut fonts
    faces = [face for face in FONT_FACES if (fonts / f"{face}.ttf").is_file()
             and (f"{face}.woff2)" in css or f"{face}{SUBSET_SUFFIX})" in css)]
    if not faces:
        return
    points = used_icon_points(html_dir)
    counts = {face: subset_font(fonts / f"{face}.ttf", fonts / f"{face}{SUBSET_SUFFIX}", points) for face in faces}
    stylesheet.write_text(point_font_faces_at_subsets(css, faces), encoding="utf-8")
    logger.info("icon fonts cut to the icons the pages use: "
                + ", ".join(f"{face} {count} glyphs" for face, count in counts.items()))
