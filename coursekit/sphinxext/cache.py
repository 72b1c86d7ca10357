"""The execution cache never publishes stale numbers.

jupyter-cache keys each notebook on its code alone. This module empties the cache when anything
the notebooks read (data, coursekit, quiz banks, bibliography, register, pins) changed, and makes
a build redo every page until a build with the current inputs has finished.
"""
from __future__ import annotations

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
