"""Each input the window refuses leaves a line in the activity log at INFO, as the command
line's ``error:`` lines do: a refused edit in a panel, a table cell or a pane, a refused
link, a refused undo, and a warning box. What is not refused logs no refusal."""

from __future__ import annotations

import logging

import pytest

REFUSED = "claimweave.refused"


@pytest.fixture
def refusals(caplog: pytest.LogCaptureFixture):
    """A function listing the refusals logged so far, at the activity log's level (INFO)."""
    caplog.set_level(logging.INFO, logger=REFUSED)
    return lambda: [r.getMessage() for r in caplog.records
                    if r.name == REFUSED and r.levelno == logging.INFO]


def test_a_refused_edit_in_a_panel_is_logged_and_shown(window, refusals) -> None:
    panel = window.panels["codebook"]
    assert panel.create_tag("Cause", edit=False) is None  # the name is taken
    shown = window.statusBar().currentMessage()
    assert "Cause" in shown
    assert refusals() == [f"refused: {shown}"]


def test_a_refused_cell_edit_is_logged(window, reports, refusals) -> None:
    panel = window.panels["documents"]
    published = [c.title for c in panel.model.columns].index("Published")

    def set_published(value: str) -> bool:  # a fresh index: an edit reloads the rows
        row = panel.model.row_of(reports["Coastal Times"])
        return panel.proxy.setData(panel.proxy.mapFromSource(panel.model.index(row, published)),
                                   value)

    assert set_published("2026-03-04")  # accepted: nothing refused
    assert refusals() == []
    assert not set_published("March 4")
    [line] = refusals()
    assert line.startswith("refused: ") and "YYYY-MM-DD" in line


def test_undo_with_nothing_to_undo_is_logged(window, refusals) -> None:
    project = window.session.project
    while project.can_undo:
        window.undo()
    assert refusals() == []
    window.undo()
    [line] = refusals()
    assert line == f"refused: {window.statusBar().currentMessage()}"


def test_a_warning_box_is_logged_and_a_notice_is_not(window, refusals) -> None:
    window.inform("Import", "2 articles imported")
    assert refusals() == []
    window.inform("Export failed", "out.jsonl: the folder is read-only", warning=True)
    assert refusals() == ["refused: Export failed: out.jsonl: the folder is read-only"]


def test_a_refused_link_in_link_mode_is_logged(window, refusals) -> None:
    container = window.comparison.container
    left, right = container.panes()[:2]
    project = window.session.project
    a = project.add_claim(left.document_id, 0, 5).id
    b = project.add_claim(right.document_id, 0, 5).id
    assert container.link_mode.link(a, b, "agrees") is not None
    assert refusals() == []
    assert container.link_mode.link(b, a, "agrees") is None  # the same link, the other way
    assert refusals() == [f"refused: {window.statusBar().currentMessage()}"]


def test_a_claim_refused_in_a_read_only_pane_is_logged(window, new_window, project,
                                                       refusals) -> None:
    second = new_window()  # *window* has the project open for writing: this one reads
    assert second.open_project(project.path) and second.session.read_only
    try:
        before = len(refusals())
        pane = second.comparison.container.panes()[0]
        pane.view.select_span(0, 5)
        assert pane.create_claim_from_selection() is None
        [line] = refusals()[before:]
        assert "read-only" in line and line == f"refused: {second.statusBar().currentMessage()}"
    finally:
        second.close_project()
