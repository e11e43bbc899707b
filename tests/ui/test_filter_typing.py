"""Filter boxes ask the store once typing pauses, not on every keystroke (at 5,000
documents a query per key made typing lag), and at once on Enter; one helper serves the
claims table and the links table (ui/widgets.py, TypingPause)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from claimweave.ui.panels import LinksPanel
from claimweave.ui.panels.claims import ClaimsPanel
from claimweave.ui.widgets import TYPING_PAUSE_MS, TypingPause

PAUSE_MS = 600  # longer than the default, so a busy test machine cannot split the burst


def _claims(panel: ClaimsPanel) -> tuple[QLineEdit, TypingPause]:
    return panel.text_box, panel.typing


def _links(panel: LinksPanel) -> tuple[QLineEdit, TypingPause]:
    return panel.filter_bar.text, panel.filter_bar.typing


PANELS: dict[str, tuple[type, Callable, str, int]] = {  # panel, its box, a word, rows then
    "claims": (ClaimsPanel, _claims, "boats", 3),
    "links": (LinksPanel, _links, "sea wall", 2),
}


@pytest.fixture(params=sorted(PANELS))
def filtered(request, session, reports, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    """(panel, its text box, its typing pause, the word typed, the rows it leaves, the
    store queries made) for each filtered table."""
    kind, box_of, word, left = PANELS[request.param]
    panel: QWidget = kind(session)
    qtbot.addWidget(panel)
    asked: list[object] = []
    order_of = panel.model.order_of

    def counted(query):  # type: ignore[no-untyped-def]
        asked.append(query)
        return order_of(query)

    monkeypatch.setattr(panel.model, "order_of", counted)
    box, typing = box_of(panel)
    return panel, box, typing, word, left, asked


def test_the_default_pause_is_short(filtered) -> None:  # type: ignore[no-untyped-def]
    _panel, _box, typing, *_ = filtered
    assert typing.interval == TYPING_PAUSE_MS == 150


def test_typing_a_word_asks_the_store_once(filtered, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, box, typing, word, left, asked = filtered
    typing.interval = PAUSE_MS
    with qtbot.waitSignal(typing.settled, timeout=10_000):
        qtbot.keyClicks(box, word[:5])
    assert len(asked) == 1 and asked[0].text == word[:5]
    assert panel.model.rowCount() == left


def test_enter_applies_at_once(filtered, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, box, typing, word, left, asked = filtered
    typing.interval = 60_000  # a pause no test waits for: only Enter can apply it
    before = panel.model.rowCount()
    qtbot.keyClicks(box, word)
    assert typing.pending() and asked == [] and panel.model.rowCount() == before
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not typing.pending() and len(asked) == 1
    assert panel.model.rowCount() == left


def test_clearing_the_box_shows_every_row_again(filtered, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, box, typing, word, left, asked = filtered
    everything = panel.model.rowCount()
    qtbot.keyClicks(box, word)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert panel.model.rowCount() == left < everything
    with qtbot.waitSignal(typing.settled, timeout=10_000):
        box.clear()
    assert panel.model.rowCount() == everything and len(asked) == 2


def test_the_claims_shown_are_those_the_box_says(session, reports, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Acting on the claims shown (tagging them) right after typing acts on what the box
    says, not on what it said before the pause."""
    panel = ClaimsPanel(session)
    qtbot.addWidget(panel)
    panel.typing.interval = 60_000
    qtbot.keyClicks(panel.text_box, "boats")
    assert len(panel.visible_claims()) == 3 and not panel.typing.pending()


def test_typing_not_yet_applied_is_applied_before_the_project_closes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing the project right after typing: the filter is applied while the project is
    still open (the panel is hidden first), so nothing asks a closed project later."""
    panel = window.panels["claims"]
    typing = panel.typing
    typing.interval = 60_000
    qtbot.keyClicks(panel.text_box, "boats")
    assert typing.pending()
    with qtbot.waitSignal(typing.settled, timeout=5_000):
        window.close_project()
    assert not typing.pending()


def test_clearing_a_filter_selects_the_current_claims_row_again(window, qtbot) -> None:
    """A filter that hid the current claim, then cleared: its row is selected again (and
    the current claim is not changed by the filtering)."""
    session, panel = window.session, window.panels["claims"]
    target = session.project.claims()[4].id
    session.activate_claims([target])
    panel.text_box.setText("words no claim has")
    panel.typing.settle()
    assert panel.model.rowCount() == 0 and session.current_claim == target
    panel.text_box.setText("")
    panel.typing.settle()
    assert session.current_claim == target
    assert panel.view.currentIndex().row() == panel.model.row_of(target) >= 0
