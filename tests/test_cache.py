"""The execution cache is reused only while nothing the notebooks read has changed."""
from __future__ import annotations

import shutil

import yaml

from conftest import ROOT
from coursekit.sphinxext import STAMP_NAME, inputs_digest, refresh_cache


def copy_inputs(tmp_path):
    for folder in ("data", "coursekit", "chapters/quizzes"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def test_digest_changes_with_data_helpers_and_quiz_banks(tmp_path):
    root = copy_inputs(tmp_path)
    before = inputs_digest(root)
    assert before == inputs_digest(root), "the digest must be stable"
    for relative in ("data/timeline.csv", "coursekit/data.py", "chapters/quizzes/01_border_enforcement.yml"):
        path = root / relative
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert inputs_digest(root) != before, f"a change to {relative} went unnoticed"
        path.write_bytes(original)
    assert inputs_digest(root) == before


def test_changed_inputs_empty_the_cache_and_unchanged_inputs_keep_it(tmp_path):
    root = copy_inputs(tmp_path / "src")
    cache = tmp_path / ".jupyter_cache"
    assert refresh_cache(cache, inputs_digest(root)) is False  # first build: nothing to empty
    (cache / "executed.db").write_text("cached outputs")
    assert refresh_cache(cache, inputs_digest(root)) is False
    assert (cache / "executed.db").exists(), "an unchanged build must reuse the cache"
    data_file = root / "data" / "us_southwest_border.csv"
    data_file.write_text(data_file.read_text().replace("2135005", "2135006"))
    assert refresh_cache(cache, inputs_digest(root)) is True
    assert not (cache / "executed.db").exists(), "a changed data file must force re-execution"
    assert (cache / STAMP_NAME).read_text().strip() == inputs_digest(root)


def test_book_uses_the_guarded_cache():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "cache"
    assert "coursekit.sphinxext" in config["sphinx"]["extra_extensions"]


def test_an_incremental_build_rereads_every_page_when_inputs_changed(tmp_path):
    """`make book` is incremental: unchanged notebooks must still be re-read (and so re-executed)
    when the data they read changed, and only then."""
    from types import SimpleNamespace

    from coursekit.sphinxext import guard_execution_cache, reread_when_inputs_changed

    root = copy_inputs(tmp_path / "src")
    cache = tmp_path / ".jupyter_cache"
    config = SimpleNamespace(nb_execution_mode="cache", nb_execution_cache_path=str(cache))
    app = SimpleNamespace(srcdir=str(root), outdir=str(tmp_path / "html"))
    env = SimpleNamespace(found_docs={"intro", "chapters/01_border_enforcement", "chapters/02_mpp"})

    guard_execution_cache(app, config)  # first build: everything is read anyway
    guard_execution_cache(app, config)  # nothing changed since
    assert reread_when_inputs_changed(app, env, set(), set(), set()) == []
    data_file = root / "data" / "mpp.csv"
    data_file.write_text(data_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    guard_execution_cache(app, config)
    assert reread_when_inputs_changed(app, env, set(), {"intro"}, set()) == \
        ["chapters/01_border_enforcement", "chapters/02_mpp"]
    guard_execution_cache(app, config)  # the next build, with the data unchanged since
    assert reread_when_inputs_changed(app, env, set(), set(), set()) == []
