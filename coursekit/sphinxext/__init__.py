"""The course's Sphinx extension, one module per duty.

* :mod:`.pages`: page markup (accessibility repairs, duplicate scripts, the icon script, the
  accessible index redirect).
* :mod:`.cache`: the execution-cache guard, so that ``execute_notebooks: cache`` never
  publishes stale numbers, even after a killed build.
* :mod:`.pacing`: the chapters' computed times as substitutions for the instructors' pages, and
  each chapter page's own meta description.
* :mod:`.buttons`: launch and download buttons point at the committed student copies (a
  chapter's always, an exercise's in the student edition), which the build also publishes.
* :mod:`.header`: the header's secondary buttons fold into one "More" menu.
* :mod:`.style`: the course's stylesheet and script (``assets/course.css``, ``assets/course.js``).
* :mod:`.assets`: how pages load (deferred scripts, the search index on the search page only,
  icon fonts cut to the icons the book uses).

Sphinx loads it as ``coursekit.sphinxext``; :func:`setup` connects each duty to its event.
"""
from __future__ import annotations

from .assets import add_asset_filters, defer_head_scripts, subset_icon_fonts
from .buttons import point_buttons_at_student_copies, publish_student_copies
from .cache import (BUILT_STAMP_NAME, EXECUTION_INPUTS, STAMP_NAME, guard_execution_cache, inputs_digest,  # noqa: F401
                    record_finished_build, refresh_cache, reread_when_inputs_changed)
from .header import fold_secondary_buttons
from .pacing import add_pacing_substitutions, describe_chapter_pages
from .pages import add_template_filters, tidy_page, without_icon_script, write_index  # noqa: F401
from .style import add_course_style


def setup(app):
    app.add_config_value("coursekit_student_edition", False, "html")
    # after sphinx-book-theme's launch buttons (priority 501)
    app.connect("html-page-context", point_buttons_at_student_copies, priority=600)
    app.connect("html-page-context", fold_secondary_buttons, priority=650)
    app.connect("config-inited", add_course_style)
    app.connect("build-finished", publish_student_copies)
    app.connect("config-inited", guard_execution_cache)
    app.connect("config-inited", add_pacing_substitutions)
    app.connect("html-page-context", describe_chapter_pages)
    app.connect("env-get-outdated", reread_when_inputs_changed)
    app.connect("build-finished", record_finished_build, priority=999)  # last: after every writer
    app.connect("builder-inited", add_template_filters)
    app.connect("build-finished", write_index, priority=400)
    # Run after myst-nb (priority 500) has added its per-page scripts.
    app.connect("html-page-context", tidy_page, priority=900)
    app.connect("builder-inited", add_asset_filters)
    app.connect("html-page-context", defer_head_scripts, priority=950)  # after every script is added
    app.connect("build-finished", subset_icon_fonts, priority=450)  # after the pages and static files
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
