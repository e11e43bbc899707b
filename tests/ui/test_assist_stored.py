"""A large project's window builds its suggestion index into the project's tables on a
worker (bounded memory), shows how far the build is, ranks from the stored index as a
fresh one ranks, and a close while it builds cancels it, storing nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from tests.ui.test_assist import (  # noqa: F401  (fixtures)
    WAIT_MS,
    analysed,
    demo,
    suggestions_for_first_claim,
    window,
)

from claimweave.core.store import Project
from claimweave.nlp import assist as nlp_assist
from claimweave.nlp import index_store
from claimweave.nlp.learning import LearnedRanker, decisions_of
from claimweave.nlp.stored_index import StoredIndex
from claimweave.nlp.suggest import SuggestionIndex, suggestions_for
from claimweave.ui.assist import ranking
from claimweave.ui.panels.suggestions import TOP


def _stored_rows(path: Any) -> int:
    with Project.open(path, read_only=True) as p:
        return int(p.con.execute("SELECT count(*) FROM suggest_indexes").fetchone()[0])


def test_a_large_project_ranks_from_the_index_stored_in_it(window, qtbot,  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setattr(ranking, "STORED_FROM", 1)  # as if the demo were large
    panel, claim = suggestions_for_first_claim(window, qtbot)
    ranker = window.assist.ranker
    assert isinstance(ranker.index, StoredIndex) and ranker.is_current()
    assert ranker.job is not None and ranker.job.thread_ident != threading.get_ident()
    project = window.session.project
    # what the links teach is fitted on a worker, on the stored index read there
    qtbot.waitUntil(lambda: ranker.learned is not None, timeout=WAIT_MS)
    assert ranker.learned is not None and ranker.learned.active
    assert ranker.fit_job is not None and ranker.fit_job.thread_ident != threading.get_ident()
    fresh = SuggestionIndex.build(project, window.assist.data.analyses)
    expected = suggestions_for(project, fresh, claim.id, top=TOP,
                               learned=LearnedRanker.fit(fresh, decisions_of(project)))
    assert expected
    qtbot.waitUntil(lambda: panel.suggestions() == expected, timeout=WAIT_MS)
    assert _stored_rows(project.path) == 1
    info = window.assist.data.info
    assert info is not None
    with Project.open(project.path, read_only=True) as reader:  # a command finds it there
        assert index_store.stored_index(reader, info.name, info.version) is not None


def test_the_build_shows_its_progress_and_a_close_cancels_it(window, qtbot,  # noqa: F811
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setattr(ranking, "STORED_FROM", 1)
    heard, gate = threading.Event(), threading.Event()
    build = nlp_assist.build_stored_index

    def held(*args: Any, **kwargs: Any) -> bool:
        say = kwargs["progress"]

        def progress(p: Any) -> None:
            say(p)
            heard.set()
            gate.wait(WAIT_MS / 1000)  # the build is "long": it waits here

        kwargs["progress"] = progress
        return build(*args, **kwargs)

    monkeypatch.setattr(ranking, "build_stored_index", held)
    analysed(qtbot, window)
    window.docks["suggestions"].show()
    panel = window.panels["suggestions"]
    path = window.session.project.path
    window.session.set_current_claim(window.session.project.claims()[0].id)
    qtbot.waitUntil(lambda: "%" in panel.status.text(), timeout=WAIT_MS)
    assert "Ranking the claims" in panel.status.text() and heard.is_set()
    job = window.assist.ranker.job
    assert job is not None and job.running
    window.close_project()
    assert job.cancel_event.is_set()
    gate.set()
    assert job.worker is not None
    job.worker.join(WAIT_MS / 1000)
    assert not job.worker.is_alive()
    assert _stored_rows(path) == 0  # cancelled: nothing half-written stays
