"""The Qt-free half of the desktop assistance: worker analysis with cancel, what the UI
derives from analyses (sentences by text, candidates filtered by claims), entity tags in
one undo step."""

from __future__ import annotations

import threading

import pytest

from claimweave.core.store import Project
from claimweave.nlp.analysis import Cancelled
from claimweave.nlp.assist import AssistData, analyse_project, worker_project
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.candidates import claim_candidates, unclaimed
from claimweave.nlp.entities import tag_by_entity_labels
from claimweave.nlp.pipeline import LoadedPipeline, PipelineLoader

from .conftest import ARTICLE_A, ARTICLE_B


class Preloaded(PipelineLoader):
    """A loader that hands out an already loaded pipeline."""

    def __init__(self, pipeline: LoadedPipeline) -> None:
        super().__init__()
        self._loaded = pipeline


def test_analyse_project_on_a_thread_writes_the_cache(project: Project, blank) -> None:
    a = project.add_document(ARTICLE_A, title="A").document
    b = project.add_document(ARTICLE_B, title="B").document
    seen: list[str] = []
    infos = []
    out = {}

    def work() -> None:
        out["run"] = analyse_project(project.path, Preloaded(blank), read_only=False,
                                     first=[b.id], cancel=threading.Event(),
                                     on_loaded=infos.append,
                                     on_document=lambda i, _a: seen.append(i))

    t = threading.Thread(target=work)
    t.start()
    t.join(30)
    assert seen == [b.id, a.id]  # the document on screen first
    assert infos[0].blank and out["run"].result.parsed == (b.id, a.id)
    # written through the worker's own connection, read back through the window's
    again = ensure_analyses(project, blank)
    assert again.parsed == ()


def test_analyse_project_cancelled_before_parsing(project: Project, blank) -> None:
    project.add_document(ARTICLE_A, title="A")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        analyse_project(project.path, Preloaded(blank), read_only=False, cancel=cancel)
    assert project.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 0


def test_worker_project_read_only_writes_nothing(project: Project, blank) -> None:
    doc = project.add_document(ARTICLE_A, title="A").document
    with worker_project(project.path, read_only=True) as mine:
        assert mine.read_only and mine.document(doc.id).title == "A"
        assert ensure_analyses(mine, blank).parsed == (doc.id,)
    assert project.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 0


def test_assist_data_sentences_and_candidates(project: Project, blank) -> None:
    doc = project.add_document(ARTICLE_A, title="A").document
    analysis = ensure_analyses(project, blank).analyses[doc.id]
    data = AssistData()
    text = project.text(doc.id)
    assert data.sentences_of_text(text) is None and data.candidates(doc.id, text, []) is None
    data.add(doc.id, doc.text_sha256, analysis)
    assert data.sentences_of_text(text) == analysis.sentences
    assert data.sentences_of_text(text + " more") is None
    every = data.candidates(doc.id, text, [])
    assert every == claim_candidates(analysis, text) and len(every) >= 2
    first = every[0]
    half = (first.start, first.start + (first.end - first.start) // 2 + 1)
    left = data.candidates(doc.id, text, [half])
    assert first not in left and left == claim_candidates(analysis, text, claimed=[half])
    assert unclaimed(every, [(first.start, first.start + 3)]) == every


@pytest.mark.model
def test_tag_by_entity_labels_is_one_undo_step(project: Project, model) -> None:
    doc = project.add_document(
        "Vladimir Putin met the UN envoy in Geneva on Monday.\n"
        "Prices rose sharply last year.\n").document
    putin = project.add_claim(doc.id, quote="Vladimir Putin met the UN envoy in Geneva")
    plain = project.add_claim(doc.id, quote="Prices rose sharply last year.")
    project.add_tag("Person")  # reused, whatever its case
    analyses = ensure_analyses(project, model).analyses
    steps = len(project._undo)
    done = tag_by_entity_labels(project, analyses, [putin.id, plain.id])
    assert len(project._undo) == steps + 1
    assert sorted(project.claim(putin.id).tags) == ["Person", "country or city", "organisation"]
    assert done.claims_tagged == 1 and done.tags_added == 3
    assert done.tags_created == ("country or city", "organisation")
    assert project.claim(plain.id).tags == ()
    project.undo()
    assert project.claim(putin.id).tags == ()
    assert [t.name for t in project.tags()] == ["Person"]
    assert tag_by_entity_labels(project, analyses, [plain.id]).tags_added == 0
