"""The built suggestion index and the fitted re-ranker, stored in the project: the stored
ones answer exactly as freshly built ones, are used only while the claims are unchanged,
and `claimweave suggest` then neither builds nor imports spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

from claimweave.core.store import Project
from claimweave.nlp import index_store
from claimweave.nlp.cache import cached_only, ensure_analyses
from claimweave.nlp.learning import LearnedRanker, decisions_of
from claimweave.nlp.pipeline import expected_info, load_pipeline
from claimweave.nlp.suggest import SuggestionIndex, suggestions_for

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C


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


def test_a_stored_index_goes_stale_with_the_claims(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    project, analyses, claims = _project(project, blank)
    index_store.load_or_build(project, analyses)
    info = blank.info
    assert index_store.stored_index(project, info.name, info.version) is not None
    project.add_claim(project.claim(claims[2]).document_id, 0, 10)
    assert index_store.stored_index(project, info.name, info.version) is None
    assert index_store.stored_index(project, info.name, "another version") is None


def test_damaged_data_is_rebuilt_not_trusted(project: Project) -> None:
    assert index_store.loads(b"not an index", project) is None


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
    project.close()
    run = [sys.executable, "-c", "import sys; from claimweave.cli import main; code = main("
           "sys.argv[1:]); print('SPACY' if 'spacy' in sys.modules else 'NOSPACY', "
           "file=sys.stderr); sys.exit(code)", "suggest", str(path), "--claim", claims[0],
           "--model", "blank", "--json"]
    run[-4] = claims[2]  # not linked yet: its suggestions are not left out
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    with Project.open(path, read_only=True) as reopened:  # the first run stored its index
        assert index_store.stored_index(reopened, blank.info.name, blank.info.version)
    second = subprocess.run(run, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert "NOSPACY" in second.stderr  # every document analysed: spaCy was not imported
