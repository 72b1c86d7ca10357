"""Launch and download buttons hand out the notebook a reader should open: a student copy."""
from __future__ import annotations

def _copy_for(app, pagename) -> str | None:
    """The student copy a page's buttons should hand out, or None to keep its source."""
    from pathlib import Path

    from coursekit.copies import student_copy_paths

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
