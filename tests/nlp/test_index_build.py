"""The suggestion index built straight into the project's tables (nlp/index_build.py):
whatever its batches, it stores exactly what storing the index built in memory stores; a
cancelled or killed build leaves no index behind, and the next call builds it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimweave.core.store import Project
from claimweave.nlp import build_spill, index_build, index_store, stored_index
from claimweave.nlp.analysis import Cancelled
from claimweave.nlp.cache import CachedAnalyses, MissingAnalysis, ensure_analyses
from claimweave.nlp.index_build import PHASES, BuildProgress, build_stored
from claimweave.nlp.suggest import DEFAULT, SuggestionIndex

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
TABLES = {"suggest_terms": "term, id, df", "suggest_arrays": "name, data",
          "suggest_postings": "scope, space, term_id, rows, weights",
          "suggest_passages": 'scope, row, ref, start, "end", likeness, features'}


def _articles(path: Path, blank: Any) -> Path:
    """Nine documents (three texts, three times over) with claims on most sentences."""
    with Project.create(path, title="Articles", lock=False) as p:
        for n in range(9):
            text = (ARTICLE_A, ARTICLE_B, ARTICLE_C)[n % 3] + f"Number {n} of the series.\n"
            doc = p.add_document(text, title=f"Article {n}").document.id
            starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")][:-1]
            for s in starts[n % 2::2]:
                p.add_claim(doc, s, text.index("\n", s))
        ensure_analyses(p, blank)
    return path


def _source(name: str, tmp_path: Path, blank: Any) -> Path:
    if name == "articles":
        return _articles(tmp_path / "articles.claimweave", blank)
    if not DEMO.is_file():
        pytest.skip(f"no demo project at {DEMO} (make demo)")
    return DEMO


def _contents(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the index tables but the index's id (the test reads them directly)."""
    out = {}
    for table, cols in TABLES.items():
        out[table] = project.con.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}"
                                         ).fetchall()
    out["meta"] = project.con.execute("SELECT key, signature, meta FROM suggest_indexes"
                                      ).fetchall()
    return out


def _stored(source: Path, path: Path, blank: Any, how: str) -> dict[str, list[tuple[Any, ...]]]:
    shutil.copyfile(source, path)
    with Project.open(path, lock=False) as project:
        analyses = ensure_analyses(project, blank).analyses
        key = index_store.index_key(project, {i: (a.model, a.version)
                                              for i, a in analyses.items()}, DEFAULT)
        if how == "memory":
            assert index_store.store(project, key, SuggestionIndex.build(project, analyses))
        else:
            assert build_stored(project, analyses, key, batch=1_000_000 if how == "one" else 3,
                                staged=how == "staged")
        return _contents(project)


@pytest.mark.parametrize("name", ["articles", "demo"])
def test_a_build_in_small_batches_stores_what_one_batch_and_memory_store(
        name: str, tmp_path: Path, blank: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _source(name, tmp_path, blank)
    memory = _stored(source, tmp_path / "memory.claimweave", blank, "memory")
    one = _stored(source, tmp_path / "one.claimweave", blank, "one")
    monkeypatch.setattr(build_spill, "MERGE_ENTRIES", 5)  # many ranges of terms merged
    small = _stored(source, tmp_path / "small.claimweave", blank, "small")
    monkeypatch.setattr(index_store, "STAGE_ROWS", 7)  # many short transactions
    staged = _stored(source, tmp_path / "staged.claimweave", blank, "staged")
    assert len(memory["suggest_passages"]) > 10 and len(memory["suggest_postings"]) > 50
    for table in memory:
        assert staged[table] == small[table] == one[table] == memory[table], table


def _suggest_stores_an_index(path: Path, claim: str, blank: Any) -> None:
    """`claimweave suggest`, run as a user would, succeeds and leaves a stored index."""
    cli = subprocess.run([sys.executable, "-m", "claimweave", "suggest", str(path), "--claim",
                          claim, "--model", "blank", "--json"], capture_output=True,
                         text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr
    with Project.open(path, read_only=True) as project:
        assert index_store.stored_index(project, blank.info.name, blank.info.version)


def _build(path: Path, blank: Any, **kwargs: Any) -> list[BuildProgress]:
    heard: list[BuildProgress] = []
    with Project.open(path, lock=False) as project:
        analyses = ensure_analyses(project, blank).analyses

        def progress(p: BuildProgress) -> None:
            heard.append(p)
            if kwargs.get("stop") == p.phase:
                raise Cancelled  # as a set cancel does, at this phase

        index_store.load_or_build(project, analyses, progress=progress)
    return heard


def test_progress_goes_through_the_phases_to_the_end(tmp_path: Path, blank: Any) -> None:
    heard = _build(_articles(tmp_path / "a.claimweave", blank), blank)
    assert [p.phase for p in heard] == sorted((p.phase for p in heard), key=PHASES.index)
    assert {p.phase for p in heard} == set(PHASES)
    fractions = [p.fraction for p in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert heard[0] == BuildProgress("documents", 1, 9)


@pytest.mark.parametrize("staged", [False, True])
@pytest.mark.parametrize("phase", PHASES)
def test_a_cancelled_build_stores_nothing_and_the_next_one_builds(
        phase: str, staged: bool, tmp_path: Path, blank: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_store, "STAGE_ROWS", 3)
    path = _articles(tmp_path / "a.claimweave", blank)
    with Project.open(path, lock=False) as project:
        stop = [False]
        analyses = ensure_analyses(project, blank).analyses
        key = index_store.index_key(project, {i: (a.model, a.version)
                                              for i, a in analyses.items()}, DEFAULT)

        def progress(p: BuildProgress) -> None:
            stop[0] = stop[0] or p.phase == phase

        with pytest.raises(Cancelled):
            build_stored(project, analyses, key, batch=4, progress=progress,
                         cancel=lambda: stop[0], staged=staged)
        assert all(rows == [] for rows in _contents(project).values())
        assert index_store.stored_index(project, blank.info.name, blank.info.version) is None
    _build(path, blank)
    with Project.open(path, read_only=True) as project:
        assert index_store.stored_index(project, blank.info.name, blank.info.version)


KILLED = r"""
import os, signal, sys
from pathlib import Path
from claimweave.core.store import Project
from claimweave.nlp import index_store
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.index_build import build_stored
from claimweave.nlp.pipeline import blank_pipeline

def progress(p):
    if p.phase == "postings":  # inside the transaction that writes the index
        os.kill(os.getpid(), signal.SIGKILL)

project = Project.open(Path(sys.argv[1]))
analyses = ensure_analyses(project, blank_pipeline()).analyses
if sys.argv[2] == "staged":  # as a window's worker writes: killed between two transactions
    index_store.STAGE_ROWS = 3
    build_stored(project, analyses, "suggest:7:killed", progress=progress, staged=True)
else:
    index_store.load_or_build(project, analyses, progress=progress)
"""


@pytest.mark.parametrize("how", ["one transaction", "staged"])
def test_a_process_killed_while_it_writes_the_index_leaves_none(how: str, tmp_path: Path,
                                                                blank: Any) -> None:
    path = _articles(tmp_path / "a.claimweave", blank)
    done = subprocess.run([sys.executable, "-c", KILLED, str(path), how], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    with Project.open(path, lock=False) as project:  # opens
        contents = _contents(project)
        if how == "staged":  # the rows written so far stay, under no key a lookup matches
            assert len(contents["meta"]) == 1 and contents["meta"][0][1] == ""
            assert "building:" in contents["meta"][0][0] and contents["suggest_terms"]
        else:  # the write was rolled back
            assert all(rows == [] for rows in contents.values())
        assert index_store.stored_index(project, blank.info.name, blank.info.version) is None
        claim = project.claims()[0].id
    _suggest_stores_an_index(path, claim, blank)
    with Project.open(path, read_only=True) as project:
        assert len(_contents(project)["meta"]) == 1  # what was left is gone with it


def test_analyses_read_one_at_a_time_build_the_same_index(tmp_path: Path,
                                                          blank: Any) -> None:
    path = _articles(tmp_path / "a.claimweave", blank)
    copy = tmp_path / "b.claimweave"
    shutil.copyfile(path, copy)
    found = []
    for p in (path, copy):
        with Project.open(p, lock=False) as project:
            analyses = ensure_analyses(project, blank).analyses
            lazy = CachedAnalyses.of(project, blank.info)
            assert lazy is not None and set(lazy) == set(analyses) and len(lazy) == 9
            index_store.load_or_build(project, lazy if p == copy else analyses)
            found.append(_contents(project))
            project.add_document("A tenth article, never analysed.", title="X")
            assert CachedAnalyses.of(project, blank.info) is None
    assert found[0] == found[1] and found[0]["meta"]


@pytest.mark.parametrize("at_once", [1, 7, 10_000])
def test_a_stored_query_read_in_parts_scores_as_a_fresh_one(
        at_once: int, tmp_path: Path, blank: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query's posting lists are read a few terms at a time (bounded memory at 500,000
    claims) and added in the query's order: the scores are the fresh index's, to the bit."""
    monkeypatch.setattr(stored_index, "TERMS_AT_ONCE", at_once)
    path = _articles(tmp_path / "a.claimweave", blank)
    with Project.open(path, lock=False) as project:
        analyses = ensure_analyses(project, blank).analyses
        index_store.load_or_build(project, analyses)
        stored = index_store.stored_index(project, blank.info.name, blank.info.version)
        assert isinstance(stored, stored_index.StoredIndex)
        fresh = SuggestionIndex.build(project, analyses)
        compared = 0
        for claim in project.claims():
            q = fresh.claims[fresh.claim_row[claim.id]]
            for scope in ("claims", "sentences"):
                qv = fresh.vectors_of(q)
                for space in ("w", "c", "e", "n"):
                    mine, theirs = stored.space_dot(scope, space, qv[space]), \
                        fresh.space_dot(scope, space, qv[space])
                    assert mine.tobytes() == theirs.tobytes(), (claim.id, scope, space)
                    compared += int((theirs > 0).sum())
                assert stored.suggest(claim.id, scope=scope) == fresh.suggest(claim.id,
                                                                              scope=scope)
        assert compared > 100


def test_a_terminal_hears_every_tenth_of_a_build(capsys: pytest.CaptureFixture[str]) -> None:
    from claimweave.cli.nlp_commands import _build_progress

    say = _build_progress()
    heard = [BuildProgress(phase, n, 20) for phase in PHASES for n in range(1, 21)]
    for p in heard:
        say(p)
    lines = capsys.readouterr().err.splitlines()
    tenths = sorted({int(10 * p.fraction) for p in heard})
    assert lines == [f"building the suggestion index: {10 * t}%" for t in tenths]
    assert lines[-1].endswith(": 100%") and len(lines) == 11


def test_an_analysis_found_damaged_during_the_build_is_made_again(tmp_path: Path,
                                                                   blank: Any) -> None:
    """The command reads the cached analyses one at a time; one that turns out unreadable
    when the build reaches it is analysed again, and the index is built all the same."""
    path = _articles(tmp_path / "a.claimweave", blank)
    with Project.open(path, lock=False) as project:
        claim = project.claims()[0].id
        assert CachedAnalyses.of(project, blank.info) is not None  # its blob is not read
        doc = project.documents()[4].id
        project.con.execute("UPDATE nlp_cache SET data = x'00' WHERE document_id = ?", (doc,))
        with pytest.raises(MissingAnalysis):
            index_store.load_or_build(project, CachedAnalyses.of(project, blank.info))
        assert _contents(project)["meta"] == []
    _suggest_stores_an_index(path, claim, blank)


@pytest.mark.parametrize("name", ["articles", "demo"])
def test_a_read_only_project_is_ranked_from_temporary_files_as_a_fresh_index(
        name: str, tmp_path: Path, blank: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project that cannot keep its index (read-only: a window has it) gets one built in
    the same bounded memory and queried from the build's files, ranking and scoring as the
    index built in memory does, with and without what the links teach."""
    from claimweave.nlp.learning import LearnedRanker, decisions_of
    from claimweave.nlp.suggest import suggestions_for

    monkeypatch.setattr(index_build, "BATCH", 4)  # several batches of postings to gather
    source = _source(name, tmp_path, blank)
    path = tmp_path / "copy.claimweave"
    shutil.copyfile(source, path)
    with Project.open(path, lock=False) as project:
        ensure_analyses(project, blank)
    with Project.open(path, read_only=True) as project:
        analyses = CachedAnalyses.of(project, blank.info)
        assert analyses is not None
        spilled = index_store.load_or_build(project, analyses)
        assert not isinstance(spilled, stored_index.StoredIndex) and not spilled.stored_key
        built = SuggestionIndex.build(project, dict(analyses.items()))
        learned = LearnedRanker.fit(built, decisions_of(project))
        mine = LearnedRanker.fit(spilled, decisions_of(project))
        assert (mine.n_links, mine.associations) == (learned.n_links, learned.associations)
        compared = 0
        for claim in [c.id for c in project.claims()]:
            for scope in ("claims", "sentences"):
                for ranker, theirs in ((None, None), (mine, learned)):
                    found = suggestions_for(project, spilled, claim, scope=scope,
                                            learned=ranker)
                    assert found == suggestions_for(project, built, claim, scope=scope,
                                                    learned=theirs), (claim, scope)
                    compared += len(found)
        assert compared > 20
    with Project.open(path, read_only=True) as project:
        assert _contents(project)["meta"] == []  # nothing was written
