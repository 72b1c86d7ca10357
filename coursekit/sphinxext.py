"""A small Sphinx extension that keeps the web book self-contained.

* Drops the ipywidgets state that myst-nb embeds on pages with widgets. The book shows the
  self-contained HTML version of each quiz instead, so the state is dead weight and would
  invite the widget manager from a CDN.
* Repairs two bits of generated markup that fail accessibility checks (see ``_ARIA_FIXES``).
  They are plain replacements of the exact markup that sphinxcontrib-bibtex and
  sphinx-togglebutton write today; ``tests/test_book.py`` proves on every built page that none of
  the old markup is left, so a change upstream fails a test instead of passing silently.
* Removes duplicate inline scripts: Sphinx 7.4 registers some extension snippets twice (once
  with ``filename=None`` and once with ``''``), which makes browsers report "Identifier ... has
  already been declared" on every page.
* Leaves out the theme's 1.5 MB icon script (``_templates/layout.html`` applies the
  ``without_icon_script`` filter): the theme's stylesheet and web fonts draw the same icons.
* Points the launch and download buttons at the committed student copies: a chapter's always
  (its prose written out for Jupyter), an exercise's in the student edition
  (``point_buttons_at_student_copies``).
* Empties the notebook execution cache when anything the notebooks read (data, coursekit, quiz
  banks) changes, and then makes an incremental build read every page again, so that
  ``execute_notebooks: cache`` never publishes stale numbers.
"""
from __future__ import annotations

import re

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _script_key(script) -> tuple:
    attrs = getattr(script, "attributes", None) or {}
    return (getattr(script, "filename", None) or "",
            tuple(sorted((k, str(v)) for k, v in attrs.items() if k != "priority")))


# Two accessibility repairs of generated markup:
# - docutils marks a bibliography as role="list" but its entries as doc-biblioentry, which
#   assistive technology (and axe-core) reads as a list without items;
# - myst-nb names the toggle of a folded cell "Toggle hidden content" while it shows
#   "Show code cell source": the visible text should be (part of) the name, so drop the label.
_ARIA_FIXES = (('role="doc-biblioentry"', 'role="listitem"'),
               ('<summary aria-label="Toggle hidden content">', "<summary>"))


def tidy_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str):
        for old, new in _ARIA_FIXES:
            body = body.replace(old, new)
        context["body"] = body
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        attrs = getattr(script, "attributes", None) or {}
        if attrs.get("type") == WIDGET_STATE:
            continue
        key = _script_key(script)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


ICON_SCRIPT = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*/fontawesome\.js(?:\?[^"]*)?"[^>]*>\s*</script>\n?')


def without_icon_script(html):
    """Jinja filter: ``html`` without the theme's ``<script src=".../fontawesome.js">``."""
    from markupsafe import Markup

    return Markup(ICON_SCRIPT.sub("", str(html)))


def add_template_filters(app) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        environment.filters["without_icon_script"] = without_icon_script


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body>
<main><p><a href="{target}">{title}: go to the front page</a></p></main>
</body>
</html>
"""


def write_index(app, exception) -> None:
    """Write an accessible ``index.html`` that forwards to the root page.

    sphinx-external-toc writes a bare ``<meta>`` redirect with no language or title when the
    root document is not ``index``; running first, this writes a complete page instead.
    """
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    from html import escape
    from pathlib import Path

    target = f"{app.config.root_doc}.html" if app.builder.name == "html" else f"{app.config.root_doc}/index.html"
    Path(app.outdir, "index.html").write_text(
        REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), title=escape(app.config.project),
                             target=escape(target)), encoding="utf-8")


# What the executed outputs depend on besides the notebooks themselves. jupyter-cache keys on
# each notebook's code, so a change here must empty the cache or the book shows stale numbers.
# publishers.yml is read by the exercises (coursekit.data.trace) and by the bibliography style.
EXECUTION_INPUTS = ("data/*.csv", "data/datapackage.json", "coursekit/**/*.py", "coursekit/*.json",
                    "chapters/quizzes/*.yml", "references.bib", "publishers.yml", "constraints.txt")
STAMP_NAME = "coursekit-inputs.sha256"          # in the execution cache: what it was filled with
BUILT_STAMP_NAME = "coursekit-inputs-{builder}.sha256"  # by the saved environment: the last finished build's


def inputs_digest(root) -> str:
    """A SHA-256 over the names and bytes of every execution input under ``root``."""
    import hashlib
    from pathlib import Path

    root = Path(root)
    digest = hashlib.sha256()
    files = sorted({p for pattern in EXECUTION_INPUTS for p in root.glob(pattern) if p.is_file()})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def refresh_cache(cache_dir, digest: str) -> bool:
    """Empty the execution cache when the inputs changed; return True if it was emptied."""
    import shutil
    from pathlib import Path

    cache_dir = Path(cache_dir)
    stamp = cache_dir / STAMP_NAME
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        return False
    emptied = cache_dir.exists()
    if emptied:
        shutil.rmtree(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return emptied


def guard_execution_cache(app, config) -> None:
    """Before myst-nb opens its cache, drop it if data, coursekit or quiz banks changed.

    The cache's own stamp is written when the cache is emptied: whatever the cache holds after
    that was executed with the new inputs, even if this build is killed part-way.
    """
    from pathlib import Path

    app.coursekit_inputs_digest = inputs_digest(app.srcdir)
    if config.nb_execution_mode != "cache":
        return
    cache_dir = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache").resolve()
    if refresh_cache(cache_dir, app.coursekit_inputs_digest):
        from sphinx.util import logging

        logging.getLogger(__name__).info("coursekit: data, helpers or quiz banks changed; re-executing every notebook")


def built_stamp(app):
    """Beside the saved environment, one stamp per builder (html, dirhtml, … share doctrees)."""
    from pathlib import Path

    return Path(app.doctreedir) / BUILT_STAMP_NAME.format(builder=app.builder.name)


def reread_when_inputs_changed(app, env, added, changed, removed) -> list[str]:
    """Make a build read (and so write) every page again unless the last *finished* build of
    this output used the same inputs.

    Sphinx re-reads only the sources whose files changed; a notebook whose data changed is not
    one of them, and would keep its old outputs. The output's stamp is written only when a build
    finishes without error (:func:`record_finished_build`), so a build that was killed while
    reading or writing pages leaves the old stamp behind, and the next build redoes every page.
    """
    stamp = built_stamp(app)
    recorded = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    if recorded != getattr(app, "coursekit_inputs_digest", None):
        if stamp.is_file():
            stamp.unlink()  # from here on, this output is not known to match any inputs
        return sorted(env.found_docs - set(added) - set(changed) - set(removed))
    return []


def record_finished_build(app, exception) -> None:
    """Stamp the output with the inputs it was built from, once the build has finished."""
    digest = getattr(app, "coursekit_inputs_digest", None)
    if exception is None and digest:
        stamp = built_stamp(app)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest + "\n", encoding="utf-8")


def _copy_for(app, pagename) -> str | None:
    """The student copy a page's buttons should hand out, or None to keep its source."""
    from pathlib import Path

    from coursekit.release import student_copy_paths

    target = student_copy_paths(Path(app.srcdir)).get(pagename)
    if target is None or (pagename.startswith("exercises/") and not app.config.coursekit_student_edition):
        return None
    return target


def point_buttons_at_student_copies(app, pagename, templatename, context, doctree) -> None:
    """Make a page's launch and download buttons hand out the notebook a reader should open.

    Binder, Colab and a JupyterHub fetch a notebook from the repository by its path, and the
    download button serves the page's source. A chapter's source is MyST, which Jupyter shows
    with raw roles, so in both editions a chapter's buttons name its student copy
    (``chapters/student/``, the prose written out by :mod:`coursekit.prose`). An exercise's
    source holds the solutions: the student edition (``coursekit_student_edition``) names its
    copy in ``exercises/student/``; the instructors' full edition keeps the source.
    """
    target = _copy_for(app, pagename)
    if target is None:
        return
    source = f"{pagename}.ipynb"

    def rewrite(buttons) -> None:
        for button in buttons or []:
            url = button.get("url", "")
            if url and source in url:
                button["url"] = url.replace(source, target)
            rewrite(button.get("buttons"))

    rewrite(context.get("header_buttons"))


def publish_student_copies(app, exception) -> None:
    """Put the student copies that the download buttons name into the site's ``_sources``."""
    if exception is not None or app.builder.format != "html":
        return
    import shutil
    from pathlib import Path

    for pagename in app.env.found_docs:
        target = _copy_for(app, pagename)
        if target is not None:
            if not Path(app.srcdir, target).is_file():
                from sphinx.errors import ExtensionError

                raise ExtensionError(f"{pagename}: its student copy {target} is missing, so its launch and "
                                     "download buttons would lead nowhere (write it with make release)")
            destination = Path(app.outdir, "_sources", target)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(app.srcdir, target), destination)


def setup(app):
    app.add_config_value("coursekit_student_edition", False, "html")
    # after sphinx-book-theme's launch buttons (priority 501)
    app.connect("html-page-context", point_buttons_at_student_copies, priority=600)
    app.connect("build-finished", publish_student_copies)
    app.connect("config-inited", guard_execution_cache)
    app.connect("env-get-outdated", reread_when_inputs_changed)
    app.connect("build-finished", record_finished_build, priority=999)  # last: after every writer
    app.connect("builder-inited", add_template_filters)
    app.connect("build-finished", write_index, priority=400)
    # Run after myst-nb (priority 500) has added its per-page scripts.
    app.connect("html-page-context", tidy_page, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
