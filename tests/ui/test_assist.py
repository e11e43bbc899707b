"""The spaCy assistance in the real window over a copy of the demo project: analysis off the
UI thread, the blank-pipeline notice, sentence snapping, claim candidates, entities, the
entity filter, tags by entity label and the Suggestions panel."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from claimweave.core.store import Project
from claimweave.nlp import pipeline as nlp_pipeline
from claimweave.nlp.pipeline import (
    BLANK_NOTICE,
    ModelUnavailableError,
    PipelineInfo,
    PipelineLoader,
)
from claimweave.ui.assist import loader as assist_loader
from claimweave.ui.panes.snapping import regex_sentences

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
WAIT_MS = 90_000  # loading the model on two shared cores

pytestmark = pytest.mark.skipif(not DEMO.is_file(), reason="the demo project is not built")


def copy_demo(folder: Path) -> Path:
    """A private copy of the demo project (through the backup API: its WAL is included)."""
    target = folder / "demo.claimweave"
    src = sqlite3.connect(f"file:{DEMO}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return target


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path)


@pytest.fixture
def window(new_window, demo):
    w = new_window()
    assert w.open_project(demo)
    w.show()
    yield w
    w.close_project()


def analysed(qtbot, window):
    """Start the analysis (tests do not start it on their own) and wait for the end."""
    assist = window.assist
    if not assist.data.analyses and not assist.analysing():
        assist.start_analysis()
    qtbot.waitUntil(lambda: len(assist.data.analyses) == 4 and not assist.analysing(),
                    timeout=WAIT_MS)
    return assist


class GatedLoader(PipelineLoader):
    """The shared loader behind a gate the test opens: "spaCy is still loading". Counts
    the loads, and the most that were ever inside at once; raises *error* if given."""

    def __init__(self, error: BaseException | None = None, *, open_: bool = False) -> None:
        super().__init__()
        self.gate = threading.Event()
        if open_:
            self.gate.set()
        self.error = error
        self.thread: str | None = None
        self.loads = 0
        self.inside = self.most_inside = 0
        self._lock = threading.Lock()

    def load(self, progress=None):  # type: ignore[no-untyped-def]
        self.thread = threading.current_thread().name
        with self._lock:
            self.loads += 1
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        try:
            assert self.gate.wait(WAIT_MS / 1000)
            if self.error is not None:
                raise self.error
            return assist_loader.shared_loader().load(progress)
        finally:
            with self._lock:
                self.inside -= 1


def cache_rows(path: Path) -> int:
    with Project.open(path, read_only=True) as p:
        return p.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0]


# ---------------------------------------------------------------------- loading
def test_analysis_runs_off_the_ui_thread_and_the_window_stays_usable(window, qtbot, demo):
    assist = window.assist
    assert not assist.analysing() and not assist.data.analyses  # start-up did not wait
    gated = assist.pipeline_loader = GatedLoader()
    job = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    assert gated.thread != threading.current_thread().name
    assert job.thread_ident != threading.get_ident()
    # spaCy is "loading": annotating goes on meanwhile
    pane = window.comparison.container.panes()[0]
    before = len(window.session.project.claims())
    pane.view.select_span(0, 10)
    claim = pane.create_claim_from_selection()
    assert claim is not None and len(window.session.project.claims()) == before + 1
    window.undo()
    assert len(window.session.project.claims()) == before
    assert assist.analysing() and assist.status.cancel_button.isVisible()
    gated.gate.set()
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    assert len(assist.data.analyses) == 4
    assert assist.status.label.text().startswith("spaCy: ")
    assert not assist.status.progress.isVisible()
    assert cache_rows(demo) == 4  # written by the worker's own connection


def test_closing_the_project_cancels_the_analysis(window, qtbot, demo):
    assist = window.assist
    gated = assist.pipeline_loader = GatedLoader()
    job = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    window.close_project()
    assert job.cancel_event.is_set() and not assist.analysing()
    gated.gate.set()
    job.worker.join(WAIT_MS / 1000)
    assert not job.worker.is_alive()
    assert cache_rows(demo) == 0 and not assist.data.analyses


def test_closing_does_not_wait_for_the_worker_and_drops_its_late_messages(
        window, qtbot, tmp_path):
    assist = window.assist
    gated = assist.pipeline_loader = GatedLoader()
    old = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    t0 = time.perf_counter()
    window.close_project()  # the worker is stuck "inside spacy.load"
    assert time.perf_counter() - t0 < 0.5  # the UI thread did not wait for it
    assert old.cancel_event.is_set() and old.alive
    (tmp_path / "next").mkdir()
    assert window.open_project(copy_demo(tmp_path / "next"))
    # messages the old run posts late never reach the next project's views
    old.posted.emit("say", "from the closed project")
    old.posted.emit("loaded", PipelineInfo("closed_project", "0", True, True, True))
    assert assist.data.info is None
    assert "closed project" not in assist.status.label.text()
    gated.gate.set()  # the old worker ends by itself (cancelled after the load)
    old.worker.join(WAIT_MS / 1000)
    analysed(qtbot, window)
    assert assist.data.info.name != "closed_project"


def test_a_new_run_waits_until_a_stopped_worker_has_ended(window, qtbot):
    assist = window.assist
    gated = assist.pipeline_loader = GatedLoader()
    old = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    assist.cancel_analysis()  # the ✕ in the status bar
    assert "Analysis stopped" in assist.status.label.text() and old.alive
    polls = []
    assist.runner._wait.timeout.connect(lambda: polls.append(old.alive))
    new = assist.start_analysis()
    assert new is not old and assist.analysing()
    # the runner looks again and again, finds the old worker alive, and keeps waiting
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=WAIT_MS)
    assert all(polls) and new.worker is None and gated.loads == 1
    gated.gate.set()
    qtbot.waitUntil(lambda: len(assist.data.analyses) == 4 and not assist.analysing(),
                    timeout=WAIT_MS)
    assert not old.alive and gated.loads == 2 and gated.most_inside == 1


def test_any_end_of_a_run_forgets_a_request_to_run_again(window, qtbot):
    from claimweave.core.errors import NotFoundError

    assist = window.assist
    gated = assist.pipeline_loader = GatedLoader(NotFoundError("document gone"))
    job = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    assert assist.start_analysis() is job  # asked again while it runs
    gated.gate.set()
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    assert gated.loads == 1  # a failed run does not start again
    counting = assist.pipeline_loader = GatedLoader(open_=True)
    ends = []
    assist.runner.ended.connect(lambda kind, _payload, again: ends.append((kind, again)))
    analysed(qtbot, window)
    # nor does the next one: a run starts again only from the end of the one before
    assert ends == [("done", False)] and counting.loads == 1 and not assist.analysing()


def test_a_request_during_a_run_runs_once_more_after_it(window, qtbot):
    assist = window.assist
    gated = assist.pipeline_loader = GatedLoader()
    ends = []
    assist.runner.ended.connect(lambda kind, _payload, again: ends.append((kind, again)))
    job = assist.start_analysis()
    qtbot.waitUntil(lambda: gated.thread is not None)
    assert assist.start_analysis() is job
    gated.gate.set()
    qtbot.waitUntil(lambda: gated.loads == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    # once more, and only once: the second end does not ask for a third run
    assert ends == [("done", True), ("done", False)]
    assert gated.loads == 2 and len(assist.data.analyses) == 4


def test_a_known_error_stops_the_analysis_which_can_be_resumed(window, qtbot):
    from claimweave.core.errors import NotFoundError

    assist = window.assist
    assist.pipeline_loader = GatedLoader(NotFoundError("no document with id x"), open_=True)
    assist.start_analysis()
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    status, message = assist.status.label.text(), window.statusBar().currentMessage()
    assert "Analysis stopped" in status and "unavailable" not in status
    assert "no document with id x" in message and "assistance is off" not in message
    assert assist.menus.analyse_action.isEnabled()
    assist.pipeline_loader = None  # resumed with the real pipeline
    assist.menus.analyse_action.trigger()
    analysed(qtbot, window)


@pytest.mark.parametrize("error", [ModelUnavailableError("spaCy is not installed"),
                                   ImportError("No module named 'spacy'")])
def test_a_missing_pipeline_turns_the_assistance_off(window, qtbot, error):
    assist = window.assist
    assist.pipeline_loader = GatedLoader(error, open_=True)
    assist.start_analysis()
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    assert assist.status.label.text() == "spaCy unavailable"
    assert window.statusBar().currentMessage() == f"spaCy assistance is off: {error}"


def test_an_unexpected_error_of_the_worker_reaches_the_crash_handler(window, qtbot):
    assist = window.assist
    assist.pipeline_loader = GatedLoader(ZeroDivisionError("a bug"), open_=True)
    with qtbot.capture_exceptions() as raised:
        assist.start_analysis()
        qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)
    assert [type(e[1]) for e in raised] == [ZeroDivisionError]
    assert "failed: a bug" in window.statusBar().currentMessage()


def test_the_analysis_starts_by_itself_after_the_window_is_shown(new_window, demo, qtbot,
                                                                monkeypatch):
    monkeypatch.setenv("CLAIMWEAVE_NLP_AUTOSTART", "1")
    w = new_window()
    assert w.open_project(demo)
    assert not w.assist.analysing()  # opening returns before any spaCy work
    w.show()
    qtbot.waitUntil(w.assist.analysing, timeout=5000)
    w.close_project()


def test_missing_model_degrades_to_a_blank_pipeline_with_a_notice(window, qtbot, monkeypatch):
    monkeypatch.setattr(nlp_pipeline, "KNOWN_MODELS", ("claimweave_no_such_model",))
    monkeypatch.delenv(nlp_pipeline.ENV_MODEL, raising=False)
    window.assist.pipeline_loader = PipelineLoader()
    window.docks["suggestions"].show()
    assist = analysed(qtbot, window)
    assert assist.data.info.blank and assist.data.info.notice == BLANK_NOTICE
    assert "entity features off" in assist.status.label.text()
    assert BLANK_NOTICE in assist.status.label.toolTip()
    assert BLANK_NOTICE in window.statusBar().currentMessage()
    panel = window.panels["suggestions"]
    assert panel.notice_label.isVisible() and BLANK_NOTICE in panel.notice_label.text()
    # what needs no model still works: candidates and suggestions; entities do not
    assert not window.panels["claims"].entity_box.isVisible()
    assert not window.assist.menus.tag_action.isEnabled()
    pane = window.comparison.container.panes()[0]
    assist.set_show_candidates(True)
    assert assist.assist_for(pane).walk(1) is not None
    window.session.set_current_claim(window.session.project.claims()[0].id)
    qtbot.waitUntil(lambda: bool(panel.suggestions()), timeout=WAIT_MS)


# ---------------------------------------------------------------------- sentences, candidates
def test_sentence_snapping_uses_spacy_sentences(window, qtbot):
    project = window.session.project
    pane = window.comparison.container.panes()[0]
    text = pane.view.text
    start = text.index("operated by the regional")
    regex_end = next(e for s, e in regex_sentences(text) if s <= start < e)
    assert text[:regex_end].endswith("p.m.")  # the fallback cuts after the abbreviation
    pane.snap_mode = "sentence"
    pane.view.select_span(start, start + 10)
    before = pane.create_claim_from_selection()  # not analysed yet: the regex fallback
    assert before is not None and before.end == regex_end
    window.undo()
    analysed(qtbot, window)
    pane.view.select_span(start, start + 10)
    claim = pane.create_claim_from_selection()
    assert claim is not None
    assert claim.quote.startswith("The gate at the Callow Reservoir dam")
    assert claim.end > regex_end and claim.quote.endswith("familiar with the matter said.")
    assert project.claim(claim.id).quote == claim.quote


def test_candidates_are_walked_and_accepted_at_their_offsets(window, qtbot):
    assist = analysed(qtbot, window)
    project = window.session.project
    pane = window.comparison.container.panes()[0]
    assert pane.view.marks == {}
    assist.menus.candidates_action.trigger()  # Assist > Show Claim Candidates (Ctrl+Shift+C)
    assert assist.show_candidates
    layer = pane.view.marks["candidates"]
    helper = assist.assist_for(pane)
    assert len(layer) == len(helper.candidates) > 3
    claimed = [(c.start, c.end) for c in project.claims(document_id=pane.document_id)]
    for c in helper.candidates:  # none is already covered for half or more by claims
        cover = sum(max(0, min(e, c.end) - max(s, c.start)) for s, e in claimed)
        assert cover * 2 < c.end - c.start
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    first = helper.current
    assert first is not None and pane.view.selection_span() == (first.start, first.end)
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    second = helper.current
    assert second.start > first.start
    qtbot.keyClick(pane.view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert helper.current == first
    pane.snap_mode = "word"  # accepting ignores snapping: exactly the candidate
    count = len(project.claims())
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert len(project.claims()) == count + 1
    made = project.claim(window.session.current_claim)
    assert (made.document_id, made.start, made.end) == (pane.document_id, first.start,
                                                        first.end)
    qtbot.waitUntil(lambda: first not in helper.candidates)
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    assert helper.current == second  # the walk goes on after the new claim
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert helper.current is None and pane.view.selection_span() is None
    window.undo()
    qtbot.waitUntil(lambda: first in helper.candidates)
    assist.menus.candidates_action.trigger()
    assert "candidates" not in pane.view.marks


def test_entities_are_underlined_with_their_label(window, qtbot, tmp_path):
    assist = analysed(qtbot, window)
    pane = window.comparison.container.panes()[0]
    assist.menus.entities_action.trigger()
    layer = pane.view.marks["entities"]
    analysis = assist.data.get(pane.document_id)
    assert len(layer) == len(analysis.entities) > 10
    person = next(e for e in analysis.entities if e.label == "PERSON")
    mark = layer.at(person.start)
    assert "PERSON" in mark.tip and person.text in mark.tip
    assert layer.underline and not layer.under_claims
    assert pane.view.grab().save(str(tmp_path / "entities.png"))
    assist.menus.entities_action.trigger()
    assert "entities" not in pane.view.marks


# ---------------------------------------------------------------------- entities and tags
def test_entity_filter_narrows_the_claims_table(window, qtbot):
    analysed(qtbot, window)
    panel = window.panels["claims"]
    qtbot.waitUntil(lambda: panel.entity_box.isVisible())
    assert panel.entity_box.currentText() == "Any entity"  # labelled before its list is read
    names = panel.entity_names()
    assert "Inès Marchetti-Byrne" in names and "Callow" in names
    every = len(panel.visible_claims())
    panel.set_filter(entity="Inès Marchetti-Byrne")
    shown = set(panel.visible_claims())
    expected = {c.id for c in window.session.project.claims() if "Marchetti-Byrne" in c.quote}
    assert shown == expected and 0 < len(shown) < every
    panel.set_filter()
    assert len(panel.visible_claims()) == every


def test_tag_claims_by_entity_label_is_one_undo_step(window, qtbot):
    assist = analysed(qtbot, window)
    project = window.session.project
    before_tags = [t.name for t in project.tags()]
    before = {c.id: c.tag_ids for c in project.claims()}
    assert assist.menus.tag_action.isEnabled()
    added = assist.tag_by_entity(list(before))
    assert added > 0
    people = [c for c in project.claims() if "person" in c.tags]
    assert any("Marchetti-Byrne" in c.quote for c in people)
    assert "person" in [t.name for t in project.tags()]
    window.undo()
    assert [t.name for t in project.tags()] == before_tags
    assert {c.id: c.tag_ids for c in project.claims()} == before


# ---------------------------------------------------------------------- suggestions
def suggestions_for_first_claim(window, qtbot):
    analysed(qtbot, window)
    window.docks["suggestions"].show()
    panel = window.panels["suggestions"]
    claim = window.session.project.claims()[0]
    window.session.set_current_claim(claim.id)
    qtbot.waitUntil(lambda: bool(panel.suggestions()), timeout=WAIT_MS)
    return panel, claim


def test_accepting_a_suggestion_links_and_undo_removes_it(window, qtbot):
    panel, claim = suggestions_for_first_claim(window, qtbot)
    project = window.session.project
    s = panel.suggestions()[0]
    assert s.kind == "claim" and s.document_id != claim.document_id and s.score > 0
    assert panel.details.text() and s.stance_hint in panel.details.text()
    panel.select(0)
    panel.view.setFocus()
    links = len(project.links())
    qtbot.keyClick(panel.view, Qt.Key.Key_C)  # link mode's key for "contradicts"
    made = [k for k in project.links(claim_id=claim.id) if s.claim_id in (k.source, k.target)]
    assert len(made) == 1 and made[0].relation == "contradicts"
    assert s not in panel.suggestions()  # linked claims are not suggested again
    window.undo()
    assert len(project.links()) == links
    qtbot.waitUntil(lambda: s.claim_id in [x.claim_id for x in panel.suggestions()])


def test_a_sentence_suggestion_becomes_a_claim_and_a_link_in_one_step(window, qtbot):
    panel, _claim = suggestions_for_first_claim(window, qtbot)
    project = window.session.project
    panel.set_scope("sentences")
    qtbot.waitUntil(lambda: bool(panel.suggestions()), timeout=WAIT_MS)
    s = panel.suggestions()[0]
    assert s.kind == "sentence" and s.claim_id is None
    claims, links = len(project.claims()), len(project.links())
    panel.select(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_A)
    assert (len(project.claims()), len(project.links())) == (claims + 1, links + 1)
    new = next(c for c in project.claims() if (c.document_id, c.start, c.end) == (
        s.document_id, s.start, s.end))
    assert project.links(claim_id=new.id)[0].relation == "agrees"
    qtbot.waitUntil(lambda: s not in panel.suggestions(), timeout=WAIT_MS)
    window.undo()  # one step takes both back
    assert (len(project.claims()), len(project.links())) == (claims, links)


def test_dismissed_suggestions_stay_hidden_after_reopening(window, qtbot, demo):
    panel, claim = suggestions_for_first_claim(window, qtbot)
    s = panel.suggestions()[0]
    panel.select(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_D)
    assert s.claim_id not in [x.claim_id for x in panel.suggestions()]
    assert ("claim", s.claim_id) in window.session.project.dismissed_suggestions(claim.id)
    window.close_project()
    assert window.open_project(demo)
    panel2, claim2 = suggestions_for_first_claim(window, qtbot)
    assert claim2.id == claim.id
    assert s.claim_id not in [x.claim_id for x in panel2.suggestions()]
    assert len(panel2.suggestions()) >= 1


def test_a_costly_index_is_rebuilt_on_a_worker_once_edits_pause(window, qtbot, monkeypatch):
    from claimweave.ui.assist import ranking

    monkeypatch.setattr(ranking, "REBUILD_QUIET_MS", 50)
    panel, claim = suggestions_for_first_claim(window, qtbot)
    project = window.session.project
    ranker = window.assist.ranker
    ranker.build_seconds = 10.0  # as if the project were large
    old = ranker.index
    elsewhere = next(d.id for d in project.documents() if d.id != claim.document_id)
    new = project.add_claim(elsewhere, 0, 20)
    assert ranker.index is old and not ranker.is_current()  # the old one answers meanwhile
    assert "Updating" in panel.status.text() and panel.suggestions()
    qtbot.waitUntil(lambda: ranker.index is not old and ranker.is_current(), timeout=WAIT_MS)
    assert ranker.job.thread_ident != threading.get_ident()
    assert new.id in ranker.index.claim_row
    qtbot.waitUntil(lambda: "Updating" not in panel.status.text())


def test_reveal_shows_a_suggested_claim_in_the_panes(window, qtbot):
    panel, claim = suggestions_for_first_claim(window, qtbot)
    s = panel.suggestions()[0]
    panel.select(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    container = window.comparison.container
    assert s.document_id in container.documents()
    assert claim.document_id in container.documents()


# ---------------------------------------------------------------------- keys
def menu_actions(menu) -> list[QAction]:
    out = []
    for action in menu.actions():
        out.append(action)
        if action.menu() is not None:
            out += menu_actions(action.menu())
    return out


def test_window_shortcuts_do_not_clash(window):
    seen: dict[str, str] = {}
    for action in dict.fromkeys(menu_actions(window.menuBar())):  # one action, two menus
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert {"Ctrl+Shift+C", "Ctrl+Shift+E", "Ctrl+Shift+G"} <= set(seen)


def test_a_read_only_project_is_analysed_without_writing_it(new_window, demo, qtbot,
                                                            notices):
    from claimweave.core.lock import ProjectLock

    other = ProjectLock(demo)  # "another running ClaimWeave" holds the project
    other.acquire()
    try:
        w = new_window()
        assert w.open_project(demo)
        assert w.session.read_only and notices
        w.show()
        assist = analysed(qtbot, w)
        assert assist.data.has_entities and not assist.menus.tag_action.isEnabled()
        w.docks["suggestions"].show()
        panel = w.panels["suggestions"]
        w.session.set_current_claim(w.session.project.claims()[0].id)
        qtbot.waitUntil(lambda: bool(panel.suggestions()), timeout=WAIT_MS)
        assert not panel.agree_button.isEnabled()
        assert panel.accept("agrees") is None  # the store refuses; a message says why
        w.close_project()
    finally:
        other.release()
    assert cache_rows(demo) == 0


def test_candidates_follow_the_annotator_layers_shown(window, qtbot):
    assist = analysed(qtbot, window)
    project = window.session.project
    pane = window.comparison.container.panes()[0]
    me = pane.annotator_name()
    elsewhere = next(d.id for d in project.documents() if d.id != pane.document_id)
    project.add_claim(elsewhere, 0, 5, annotator="other")
    project.add_claim(elsewhere, 6, 12, annotator=me)  # both are known annotators now
    assist.set_show_candidates(True)
    helper = assist.assist_for(pane)
    every_layer = len(helper.candidates)
    pane.set_layers(frozenset({"other"}))  # the demo's claims hidden: their sentences too
    assert len(helper.candidates) > every_layer
    c = helper.walk(1)
    claim_id = helper.accept()
    made = project.claim(claim_id)
    assert (made.start, made.end, made.annotator) == (c.start, c.end, me)
    assert claim_id in pane.view.index  # the new claim's layer is shown from now on
    assert pane.layers == frozenset({"other", me})
