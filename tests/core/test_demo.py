"""The demo project that ``make run`` opens: it builds, its annotations are exact, and the
copy shipped in project_files/ is not stale."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from claimweave.core.errors import ProjectFileError
from claimweave.core.lock import ProjectLock
from claimweave.core.store import Project
from claimweave.demo import PANES_SETTING, build_demo, main, resources_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "project_files" / "demo.claimweave"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.claimweave")


def _summary(path: Path) -> dict[str, object]:
    """What the shipped file must share with a fresh build (ids and times differ)."""
    with Project.open(path, read_only=True) as p:
        docs = {d.id: d for d in p.documents()}
        claims = {c.id: c for c in p.claims()}
        return {
            "title": p.title,
            "documents": [(d.title, d.author, d.outlet, d.published, d.url, d.text_sha256)
                          for d in docs.values()],
            "tags": [(t.name, t.color) for t in p.tags()],
            "claims": Counter((docs[c.document_id].title, c.start, c.end, c.tags, c.note)
                              for c in claims.values()),
            "links": Counter((claims[k.source].quote, claims[k.target].quote,
                              k.relation, k.note) for k in p.links()),
        }


def test_demo_builds_with_its_resources(demo: Path) -> None:
    meta = json.loads(resources_dir().joinpath("articles.json").read_text(encoding="utf-8"))
    notes = json.loads(resources_dir().joinpath("annotations.json").read_text(encoding="utf-8"))
    with Project.open(demo, read_only=True) as p:
        s = p.stats()
        assert p.title.startswith("Demo: ")
        assert s["documents"] == len(meta["articles"]) == 4
        assert s["claims"] == len(notes["claims"])
        assert 25 <= s["claims"] <= 40
        assert s["tags"] == len(notes["tags"])
        assert s["links"] == len(notes["links"])
        assert s["annotators"] == ["demo"]
        assert any(t.parent_id for t in p.tags()), "the codebook should show nesting"
        assert all(d.published and d.published.startswith("2026-") for d in p.documents())
        assert p.get_setting(PANES_SETTING) == ",".join(d.id for d in p.documents())


def test_articles_are_substantial_and_exercise_unicode(demo: Path) -> None:
    with Project.open(demo, read_only=True) as p:
        for d in p.documents():
            text = p.text(d.id)
            assert 350 <= len(text.split()) <= 600, d.title
            assert not text.isascii(), d.title
            assert p.claims(document_id=d.id), f"{d.title} has no claims"


def test_every_claim_quote_is_its_text_slice(demo: Path) -> None:
    with Project.open(demo, read_only=True) as p:
        texts = {d.id: p.text(d.id) for d in p.documents()}
        claims = p.claims()
        for c in claims:
            assert texts[c.document_id][c.start:c.end] == c.quote
            assert c.tags, f"claim {c.quote!r} has no tag"
            assert c.annotator == "demo"
        assert any(not c.quote.isascii() for c in claims)


def test_every_link_joins_two_documents(demo: Path) -> None:
    with Project.open(demo, read_only=True) as p:
        claims = {c.id: c for c in p.claims()}
        links = p.links()
        for k in links:
            assert claims[k.source].document_id != claims[k.target].document_id
        relations = Counter(k.relation for k in links)
        assert relations["agrees"] >= 3 and relations["contradicts"] >= 3
        assert relations["contradicts"] + relations["agrees"] > len(links) / 2
        assert p.stats()["cross_document_links"] == len(links)


def test_shipped_demo_matches_a_fresh_build(demo: Path) -> None:
    assert SHIPPED.is_file(), "run `make demo` to build project_files/demo.claimweave"
    try:
        shipped = _summary(SHIPPED)
    except ProjectFileError as exc:  # e.g. an older schema version
        pytest.fail(f"project_files/demo.claimweave is stale ({exc}): run `make demo`")
    assert shipped == _summary(demo), (
        "project_files/demo.claimweave is stale: run `make demo` and commit it")


def test_rebuild_replaces_the_old_file_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    out = tmp_path / "demo.claimweave"
    out.write_bytes(b"not a project")
    assert main([str(out)]) == 0
    assert "4 documents" in capsys.readouterr().out
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".demo-build-")]
    with Project.open(out, read_only=True) as p:
        assert p.stats()["documents"] == 4


def test_main_reports_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    assert main([str(tmp_path / "nowhere" / "demo.claimweave")]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert main([]) == 2


def test_rebuild_refuses_a_project_open_elsewhere(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.claimweave"
    out.write_bytes(b"in use")
    held = ProjectLock(out)
    held.acquire()
    try:
        assert main([str(out)]) == 1
    finally:
        held.release()
    assert "another running ClaimWeave" in capsys.readouterr().err
    assert out.read_bytes() == b"in use"
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".demo-build-")]
