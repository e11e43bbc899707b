"""The Edit menu lists the claim verbs with their keys (Enter, Delete, L, the tags 1-9):
the working pane's own actions, there while the menu is open and gone again after, so
Return, Delete and L still type in the window's boxes."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def edit_menu(window):
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    return menu


def test_the_edit_menu_lists_the_claim_verbs_with_their_keys(window, qtbot) -> None:
    pane = window.comparison.working_pane()
    assert pane is not None and pane.document_id is not None
    project = window.session.project
    claim = next(c for c in project.claims() if c.document_id == pane.document_id)
    window.session.set_current_claim(claim.id)
    menu = edit_menu(window)
    menu.aboutToShow.emit()
    listed = {a.text(): a for a in menu.actions()}
    for action, key in ((pane.create_action, "Return"), (pane.delete_action, "Del"),
                        (pane.link_action, "L")):
        assert listed.get(action.text()) is action
        assert action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) == key
    assert pane.delete_action.isEnabled() and pane.link_action.isEnabled()
    assert not pane.create_action.isEnabled()  # no text selected
    tags = listed["&Tag Claim"].menu()
    first = project.tags()[0]
    assert tags.actions()[0].text() == f"1 {first.name}\t1"
    tags.actions()[0].trigger()  # as pressing 1 in the pane does
    assert (first.name in project.claim(claim.id).tags) != (first.name in claim.tags)
    menu.aboutToHide.emit()
    qtbot.waitUntil(lambda: pane.delete_action not in menu.actions())
    assert listed["&Tag Claim"] not in menu.actions()
