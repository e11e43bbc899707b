"""The NLP cache: round trip, hit on reopen (no parse), misses, read-only, no undo entry."""

from __future__ import annotations

from pathlib import Path

from claimweave.core.store import Project
from claimweave.nlp import cache
from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.pipeline import blank_pipeline

from .conftest import ARTICLE_A, ARTICLE_B


def _project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "c.claimweave")
    p.add_document(ARTICLE_A, title="A")
    p.add_document(ARTICLE_B, title="B")
    return p


def test_round_trip(blank) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(blank, ARTICLE_A + "😀 Ω")
    assert cache.loads(cache.dumps(a)) == a


def test_reopen_hits_the_cache_without_parsing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = blank_pipeline()
    res = cache.ensure_analyses(project, first)
    assert len(res.parsed) == 2 and first.parse_calls == 2
    project.close()

    again = blank_pipeline()
    with Project.open(tmp_path / "c.claimweave") as reopened:
        res2 = cache.ensure_analyses(reopened, again)
    assert res2.parsed == () and again.parse_calls == 0
    assert res2.analyses == res.analyses


def test_cache_writes_are_not_undoable_and_not_announced(tmp_path: Path) -> None:
    project = _project(tmp_path)
    undo_before = project.undo_label
    changes = []
    project.subscribe(changes.append)
    cache.ensure_analyses(project, blank_pipeline())
    assert project.undo_label == undo_before and changes == []
    project.undo()  # undoes the import of B, not a cache write
    assert [d.title for d in project.documents()] == ["A"]
    assert project.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 1
    project.close()


def test_other_version_or_text_misses(tmp_path: Path) -> None:
    project = _project(tmp_path)
    pipe = blank_pipeline()
    cache.ensure_analyses(project, pipe)
    doc = project.documents()[0]
    assert cache.cached(project, doc, pipe.info) is not None
    assert project.nlp_cache_get(doc.id, "0" * 64, pipe.info.name, pipe.info.version) is None
    assert project.nlp_cache_get(doc.id, doc.text_sha256, pipe.info.name, "other") is None
    project.close()


def test_damaged_row_is_parsed_again(tmp_path: Path) -> None:
    project = _project(tmp_path)
    pipe = blank_pipeline()
    cache.ensure_analyses(project, pipe)
    project.con.execute("UPDATE nlp_cache SET data = x'00ff'")
    res = cache.ensure_analyses(project, pipe)
    assert len(res.parsed) == 2
    project.close()


def test_read_only_project_analyses_without_storing(tmp_path: Path) -> None:
    _project(tmp_path).close()
    with Project.open(tmp_path / "c.claimweave", read_only=True) as ro:
        res = cache.ensure_analyses(ro, blank_pipeline())
        assert len(res.analyses) == 2
        assert ro.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 0


def test_new_version_replaces_old_rows(tmp_path: Path) -> None:
    project = _project(tmp_path)
    doc = project.documents()[0]
    assert project.nlp_cache_put(doc.id, doc.text_sha256, "m", "1", b"x")
    assert project.nlp_cache_put(doc.id, doc.text_sha256, "m", "2", b"y")
    rows = project.con.execute("SELECT version FROM nlp_cache").fetchall()
    assert rows == [("2",)]
    assert not project.nlp_cache_put("no-such-doc", doc.text_sha256, "m", "2", b"y")
    project.close()
