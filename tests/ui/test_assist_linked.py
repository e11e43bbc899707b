"""Suggestions that run out because every match is linked say so, not "no claims share
words with it"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.ui.test_assist import (  # noqa: F401  (fixtures)
    demo,
    suggestions_for_first_claim,
    window,
)


def test_all_matches_linked_is_not_no_match(window, qtbot) -> None:  # noqa: F811
    panel, claim = suggestions_for_first_claim(window, qtbot)
    project = window.session.project
    for _ in range(60):
        if not panel.suggestions():
            break
        panel.select(0)
        panel.view.setFocus()
        qtbot.keyClick(panel.view, Qt.Key.Key_R)  # link as related
        qtbot.waitUntil(lambda: not panel.suggestions()
                        or panel.suggestions()[0].claim_id not in {
                            k.target for k in project.links(claim_id=claim.id)} | {
                            k.source for k in project.links(claim_id=claim.id)})
    assert not panel.suggestions()
    text = panel.status.text()
    assert "already linked" in text and "share words" not in text
