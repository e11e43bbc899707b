"""The built suggestion index and the fitted re-ranker, stored in the project: the stored
ones answer exactly as freshly built ones, are used only while the claims are unchanged,
and `claimweave suggest` then neither builds nor imports spaCy."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claimweave.core.errors import CorruptProjectError
from claimweave.core.store import Project
from claimweave.nlp import index_store
from claimweave.nlp.cache import cached_only, ensure_analyses
from claimweave.nlp.learning import LearnedRanker, decisions_of
from claimweave.nlp.pipeline import expected_info, load_pipeline
from claimweave.nlp.stored_index import StoredIndex
from claimweave.nlp.suggest import SuggestionIndex, suggestions_for

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"


@contextmanager
def _demo_stored(tmp_path: Path, blank) -> Iterator[tuple[Project, dict, StoredIndex]]:  # type: ignore[no-untyped-def]
    """A copy of the demo project, analysed, with its suggestion index stored and read
    back from the tables (skips when the demo project was not built)."""
    if not DEMO.is_file():
        pytest.skip(f"no demo project at {DEMO} (make demo)")
    copy = tmp_path / DEMO.name
    shutil.copyfile(DEMO, copy)
    with Project.open(copy) as project:
        analyses = ensure_analyses(project, blank).analyses
        index_store.load_or_build(project, analyses)
        stored = index_store.stored_index(project, blank.info.name, blank.info.version)
        assert isinstance(stored, StoredIndex)  # read from the tables, not built
        yield project, analyses, stored


def _project(project: Project, blank) -> tuple[Project, dict, list[str]]:  # type: ignore[no-untyped-def]
    docs = [project.add_document(t, title=n).document.id
            for n, t in (("A", ARTICLE_A), ("B", ARTICLE_B), ("C", ARTICLE_C))]
    claims = [project.add_claim(docs[0],
                                quote="the alliance will increase military cooperation").id,
              project.add_claim(docs[1], quote="The alliance will not increase military "
                                               "cooperation").id,
              project.add_claim(docs[1], quote="Farmers planted wheat in the northern valleys").id]
    project.link_claims(claims[0], claims[1], "contradicts")
    return project, ensure_analyses(project, blank).analyses, claims


def test_a_stored_index_answers_as_a_built_one(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    project, analyses, claims = _project(project, blank)
    built = SuggestionIndex.build(project, analyses)
    stored = index_store.load_or_build(project, analyses)  # builds and stores
    info = blank.info
    again = index_store.stored_index(project, info.name, info.version)
    assert again is not None and again.stored_key == stored.stored_key
    for scope in ("claims", "sentences"):
        for claim in claims:
            assert again.suggest(claim, scope=scope) == built.suggest(claim, scope=scope)
    ranker = index_store.learned_ranker(project, again)
    fresh = LearnedRanker.fit(built, decisions_of(project))
    assert (ranker.n_links, ranker.associations) == (fresh.n_links, fresh.associations)
    assert (suggestions_for(project, again, claims[2], learned=ranker)
            == suggestions_for(project, built, claims[2], learned=fresh))
    with pytest.raises(TypeError, match="not listed"):
        list(again.term_ids)  # a partial list of the terms read so far would mislead


def test_a_stored_index_goes_stale_with_the_claims(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    project, analyses, claims = _project(project, blank)
    index_store.load_or_build(project, analyses)
    info = blank.info
    assert index_store.stored_index(project, info.name, info.version) is not None
    project.add_claim(project.claim(claims[2]).document_id, 0, 10)
    assert index_store.stored_index(project, info.name, info.version) is None
    assert index_store.stored_index(project, info.name, "another version") is None


def test_damaged_data_is_rebuilt_not_trusted(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    project, analyses, claims = _project(project, blank)
    key = index_store.load_or_build(project, analyses).stored_key
    project.con.execute("UPDATE suggest_indexes SET meta = 'not an index'")
    assert index_store.opened(project, key) is None
    rebuilt = index_store.load_or_build(project, analyses)
    assert index_store.opened(project, key) is not None  # stored again, readable
    built = SuggestionIndex.build(project, analyses)
    assert rebuilt.suggest(claims[0]) == built.suggest(claims[0]) != []


def test_a_stale_signature_rebuilds_and_replaces_the_stored_index(project: Project, blank  # type: ignore[no-untyped-def]
                                                                   ) -> None:
    project, analyses, claims = _project(project, blank)
    old = index_store.load_or_build(project, analyses)
    old_signature = json.dumps(list(old.signature))
    assert project.suggest_index_find(old.stored_key, old_signature) is not None
    new_claim = project.add_claim(project.claim(claims[0]).document_id,
                                  quote="Prices rose by 5 percent last year").id
    again = index_store.load_or_build(project, analyses)
    assert again.stored_key == old.stored_key  # same documents and analyses ...
    assert again.signature != old.signature  # ... other claims: built again
    assert project.suggest_index_find(old.stored_key, old_signature) is None  # replaced
    reread = index_store.opened(project, again.stored_key)
    built = SuggestionIndex.build(project, analyses)
    assert reread is not None and new_claim in reread.claim_row
    for claim in [*claims, new_claim]:
        assert reread.suggest(claim) == built.suggest(claim)


def test_the_stored_index_of_a_real_project_ranks_as_a_fresh_one(tmp_path, blank  # type: ignore[no-untyped-def]
                                                                  ) -> None:
    """Every claim of the demo project, both scopes, with and without what the links
    teach: the same suggestions, scores and parts, from the tables as from memory."""
    with _demo_stored(tmp_path, blank) as (project, analyses, stored):
        built = SuggestionIndex.build(project, analyses)
        learned = LearnedRanker.fit(built, decisions_of(project))
        assert learned.active  # the demo's links are enough to re-rank
        claims = [c.id for c in project.claims()]
        assert len(claims) > 30
        compared = 0
        for claim in claims:
            for scope in ("claims", "sentences"):
                for ranker in (None, learned):
                    found = suggestions_for(project, stored, claim, scope=scope,
                                            learned=ranker)
                    assert found == suggestions_for(project, built, claim, scope=scope,
                                                    learned=ranker), (claim, scope)
                    compared += len(found)
        assert compared > len(claims)


def test_the_expected_pipeline_is_the_loaded_one(blank) -> None:  # type: ignore[no-untyped-def]
    expected, loaded = expected_info(), load_pipeline().info
    assert expected is not None and (expected.name, expected.version) == (loaded.name,
                                                                          loaded.version)
    blank_info = expected_info("blank")
    assert blank_info is not None
    assert (blank_info.name, blank_info.version) == (blank.info.name, blank.info.version)


def test_cached_only_wants_every_document(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    project, _analyses, _claims = _project(project, blank)
    assert cached_only(project, blank.info) is not None
    project.add_document("A fourth article, never analysed. It says little.", title="D")
    assert cached_only(project, blank.info) is None


def test_suggest_from_the_command_line_uses_the_stored_index(project: Project, blank,
                                                             tmp_path) -> None:  # type: ignore[no-untyped-def]
    project, _analyses, claims = _project(project, blank)
    path = project.path
    project_doc = project.claim(claims[0]).document_id
    project.close()
    run = [sys.executable, "-c", "import sys; from claimweave.cli import main; code = main("
           "sys.argv[1:]); print('SPACY' if 'spacy' in sys.modules else 'NOSPACY', "
           "'SRSLY' if 'srsly' in sys.modules else 'NOSRSLY', "
           "file=sys.stderr); sys.exit(code)", "suggest", str(path), "--claim", claims[0],
           "--model", "blank", "--json"]
    run[-4] = claims[2]  # not linked yet: its suggestions are not left out
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    with Project.open(path, read_only=True) as reopened:  # the first run stored its index
        assert index_store.stored_index(reopened, blank.info.name, blank.info.version)
    second = subprocess.run(run, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert "NOSPACY" in second.stderr  # every document analysed: spaCy was not imported
    assert "NOSRSLY" in second.stderr  # nor srsly: the stored index is read from tables
    candidates = [*run[:3], "candidates", str(path), project_doc, "--model", "blank", "--json"]
    third = subprocess.run(candidates, capture_output=True, text=True, check=True)
    assert json.loads(third.stdout) and "NOSRSLY" in third.stderr  # one analysis, read by hand


def test_an_index_kept_in_an_older_layout_goes_when_one_is_stored(project: Project, blank  # type: ignore[no-untyped-def]
                                                                  ) -> None:
    project, analyses, _claims = _project(project, blank)
    built = SuggestionIndex.build(project, analyses)
    index_store.store(project, "suggest:0:older", built)
    signature = json.dumps(list(built.signature))
    assert project.suggest_index_find("suggest:0:older", signature) is not None
    fresh = index_store.load_or_build(project, analyses)  # same claims, current layout
    assert project.suggest_index_find("suggest:0:older", signature) is None
    assert project.suggest_index_find(fresh.stored_key, signature) is not None


def test_damage_in_the_stored_index_is_one_clear_error(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    """The check at open leaves the derived tables out; damage met there later is a damaged
    project (one error line from the command line), never a traceback."""
    project, analyses, claims = _project(project, blank)
    index_store.load_or_build(project, analyses)
    path = project.path
    project.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'suggest_postings'"
                       ).fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page)
        fh.write(b"\xff" * 16)
    with Project.open(path) as reopened:  # the project's own tables are intact
        index = index_store.stored_index(reopened, blank.info.name, blank.info.version)
        assert index is not None
        with pytest.raises(CorruptProjectError, match="derived data"):
            index.suggest(claims[2])
    done = subprocess.run([sys.executable, "-m", "claimweave", "suggest", str(path), "--claim",
                           claims[2], "--model", "blank"], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "derived data" in errors[0] and "Traceback" not in done.stderr


def test_an_edit_in_the_same_millisecond_is_answered_from_the_edited_claims(
        project: Project, blank, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Build and store the index, move a claim onto another sentence within the same
    millisecond (a frozen clock: counts, the newest stamp and the newest ids all stay as
    they were), ask again: the answer is the edited claim's, never the stored index's."""
    from claimweave.core import claims_repo, documents_repo

    for module in (claims_repo, documents_repo):
        monkeypatch.setattr(module, "now", lambda: "2026-12-01T21:00:00.000Z")
    project, analyses, claims = _project(project, blank)
    stored = index_store.load_or_build(project, analyses)
    before = stored.suggest(claims[2], scope="sentences")
    text = project.text(project.claim(claims[2]).document_id)
    start = text.index("Prices rose by 9 percent")
    project.update_claim(claims[2], start=start, end=start + len("Prices rose by 9 percent "
                                                                 "last year"))
    assert not stored.is_current(project)
    again = index_store.load_or_build(project, analyses)
    answer = again.suggest(claims[2], scope="sentences")
    assert answer == SuggestionIndex.build(project, analyses).suggest(claims[2],
                                                                      scope="sentences")
    assert answer != before and "Prices rose by 5 percent" in answer[0].quote


def test_a_stored_index_reads_the_passages_it_shows_in_one_query(project: Project, blank
                                                                  ) -> None:  # type: ignore[no-untyped-def]
    """The passages a query shows, and the refs it leaves out (links, dismissals), are
    read with one query each, not one per row."""
    docs = [project.add_document(
        f"Report {n}: the alliance will increase military cooperation by {n} percent.\n"
        f"Officials of the alliance said cooperation grew in {2000 + n}.\n", title=f"R{n}"
    ).document.id for n in range(6)]
    claim = project.add_claim(docs[0], quote="the alliance will increase military "
                                             "cooperation").id
    analyses = ensure_analyses(project, blank).analyses
    index_store.load_or_build(project, analyses)
    stored = index_store.stored_index(project, blank.info.name, blank.info.version)
    assert isinstance(stored, StoredIndex)
    built = SuggestionIndex.build(project, analyses)
    want = built.suggest(claim, scope="sentences", top=10)
    assert len(want) >= 6
    exclude = [("sentence", f"{w.document_id}:{w.start}:{w.end}") for w in want[:2]]
    exclude += [("sentence", "no-such:0:1"), ("claim", claim)]
    statements: list[str] = []
    project.con.set_trace_callback(statements.append)
    try:
        got = stored.suggest(claim, scope="sentences", top=10, exclude=exclude)
    finally:
        project.con.set_trace_callback(None)
    assert got == built.suggest(claim, scope="sentences", top=10, exclude=exclude)
    assert len(got) >= 4
    reads = [s for s in statements if "FROM suggest_passages" in s and "'sentences'" in s]
    assert len([s for s in reads if s.startswith("SELECT row, ref")]) == 1, reads
    assert len([s for s in reads if s.startswith("SELECT ref, row")]) == 1, reads


def test_a_learned_query_on_a_stored_index_reads_only_the_rows_it_ranks(tmp_path, blank  # type: ignore[no-untyped-def]
                                                                         ) -> None:
    """The re-ranker's position feature needs each document's extent: a stored index
    keeps them among its arrays, so a learned query reads the rows it ranks, not every
    passage of the project one statement at a time (that took 70 s at 1,000 documents)."""
    import numpy as np

    with _demo_stored(tmp_path, blank) as (project, analyses, stored):
        built = SuggestionIndex.build(project, analyses)
        assert np.array_equal(stored.doc_extents(), built.doc_extents())
        ranker = index_store.learned_ranker(project, stored)
        assert ranker.active
        claim = next(c.id for c in project.claims())
        fresh = index_store.stored_index(project, blank.info.name, blank.info.version)
        assert isinstance(fresh, StoredIndex)  # nothing read yet
        statements: list[str] = []
        project.con.set_trace_callback(statements.append)
        try:
            got = suggestions_for(project, fresh, claim, learned=ranker)
        finally:
            project.con.set_trace_callback(None)
        assert got == suggestions_for(project, built, claim, learned=ranker) != []
        reads = [s for s in statements if "FROM suggest_passages" in s
                 and s.startswith("SELECT row, ref")]
        total = len(fresh.claims) + len(fresh.sentences)
        assert 0 < len(reads) <= 4 < total, (len(reads), total)
