"""The Suggestions table keeps at least four whole rows in the real window over the demo
project, at 1024x700 (it showed one beside the details box) and at 1600x1000, with the
details, the status and the buttons laid out below it without overlapping; the keys
legend is shown only where there is room beside more rows (the buttons' tooltips and F1
name the keys)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from tests.ui.test_assist import WAIT_MS, analysed, copy_demo

from claimweave.ui.panels.suggestions import MIN_ROWS


def _rows(view) -> float:  # type: ignore[no-untyped-def]
    """How many rows fit the table's viewport."""
    return view.viewport().height() / view.rowHeight(0)


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_table_keeps_four_rows_beside_the_details(new_window, tmp_path, qtbot,
                                                      size) -> None:
    window = new_window()
    window.resize(*size)
    assert window.open_project(copy_demo(tmp_path))
    window.docks["suggestions"].show()
    window.show()
    qtbot.waitExposed(window)
    analysed(qtbot, window)
    panel = window.panels["suggestions"]
    window.session.set_current_claim(window.session.project.claims()[0].id)
    qtbot.waitUntil(lambda: len(panel.suggestions()) > MIN_ROWS and bool(panel.details.text()),
                    timeout=WAIT_MS)
    view, area = panel.view, panel.details_area
    qtbot.waitUntil(lambda: window.height() == size[1] and _rows(view) >= MIN_ROWS)
    assert window.docks["codebook"].height() > 0.4 * (window.docks["codebook"].height()
                                                      + window.docks["suggestions"].height())
    # below the table, in order and apart: the details, the status, the buttons
    order = [view, area, panel.status, panel.agree_button]
    for above, below in pairwise(order):
        assert above.geometry().bottom() < below.geometry().top(), (above, below)
    assert area.height() >= area.minimumHeight() > 0  # a whole line of details at least
    assert panel.status.height() >= panel.status.heightForWidth(panel.status.width())
    if not panel.keys.isHidden():  # shown only with rows to spare
        assert _rows(view) >= 6
        assert panel.keys.geometry().top() > panel.status.geometry().bottom()
    shot = tmp_path / f"suggestions-{size[0]}x{size[1]}.png"
    assert window.grab().save(str(shot))
    window.close_project()


def test_a_tall_window_gives_the_codebook_s_empty_room_to_the_suggestions(new_window,
                                                                         tmp_path,
                                                                         qtbot) -> None:
    """At 1600x1000 a third of the codebook stood empty below its tags while the
    Suggestions table showed five rows: the codebook keeps its tags, a row for a new one
    and two fifths of the column; the rest is the table's."""
    window = new_window()
    window.resize(1600, 1000)
    assert window.open_project(copy_demo(tmp_path))
    window.docks["suggestions"].show()
    window.show()
    qtbot.waitExposed(window)
    analysed(qtbot, window)
    panel, codebook = window.panels["suggestions"], window.panels["codebook"]
    window.session.set_current_claim(window.session.project.claims()[0].id)
    qtbot.waitUntil(lambda: len(panel.suggestions()) > 6, timeout=WAIT_MS)
    tree, docks = codebook.view, window.docks
    row = tree.sizeHintForRow(0)

    def column_share() -> float:
        return docks["codebook"].height() / (docks["codebook"].height()
                                              + docks["suggestions"].height())

    def spare() -> int:  # empty room below the tags and a row for a new one
        return tree.viewport().height() - (len(codebook.items) + 1) * row

    qtbot.waitUntil(lambda: spare() <= row or column_share() < 0.42)
    assert spare() >= 0 and column_share() >= 0.39  # the tags, and two fifths, are kept
    assert _rows(panel.view) >= 6
    window.close_project()
