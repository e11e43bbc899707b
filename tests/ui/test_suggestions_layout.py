"""The Suggestions panel's layout on real widgets, fed by a source that hands it fixed
suggestions (the ranking is tested in tests/nlp): the details box shows whole lines."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from claimweave.nlp.suggestion import Suggestion
from claimweave.ui.panels import details_area
from claimweave.ui.panels.details_area import line_bottoms
from claimweave.ui.panels.suggestions import SuggestionAnswer, SuggestionsPanel


class FixedSource(QObject):
    """The assistance controller's side of the panel, answering *items* for every claim."""

    suggestionsChanged = Signal()

    def __init__(self, items: list[Suggestion]) -> None:
        super().__init__()
        self.items = items

    def suggestions(self, claim_id: str, scope: str, top: int) -> SuggestionAnswer:
        return SuggestionAnswer(self.items[:top])

    def notice(self) -> str | None:
        return None

    def annotator_name(self) -> str:
        return "ana"


def suggestion(claim, quote: str, score: float) -> Suggestion:
    return Suggestion("claim", claim.document_id, claim.id, claim.start, claim.end, quote,
                      score, score, 0.0, 0.0, "agrees", ("no cue",),
                      reason="learned from your 24 links")


@pytest.fixture
def panel(session, project, reports, qtbot):
    claims = project.claims()
    long_quote = " ".join(["the loss of control was not caused by a power failure"] * 6)
    items = [suggestion(claims[1], claims[1].quote, 0.102),
             suggestion(claims[2], long_quote, 0.0)]
    p = SuggestionsPanel(session, FixedSource(items))
    qtbot.addWidget(p)
    session.set_current_claim(claims[0].id)
    yield p
    p.close()


@pytest.mark.parametrize("size", [(360, 700), (620, 1000)])
def test_the_details_box_shows_whole_lines_and_scrolls_the_rest(panel, qtbot, size) -> None:
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    area = panel.details_area
    for row in (0, 1):
        panel.select(row)
        qtbot.waitUntil(lambda: area.height() == area.maximumHeight())  # laid out: room for it
        width = area.viewport().width()
        bottoms = line_bottoms(panel.details, width)
        assert len(bottoms) >= 3  # hint, quote and cues at least
        assert area.viewport().height() in [int(b + 0.999) for b in bottoms]  # no half line
        bar = area.verticalScrollBar()
        if row == 0:  # a short quote: all of it is shown, nothing to scroll
            assert bar.maximum() == 0 and area.viewport().height() >= bottoms[-1]
        else:  # the long one: whole lines up to the cap, the rest one scroll away
            assert area.viewport().height() <= area.cap() < bottoms[-1]
            assert bar.maximum() > 0
        qtbot.waitUntil(lambda: area.geometry().bottom() < panel.status.geometry().top())


def test_every_score_reads_with_three_decimals(panel, qtbot) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    column = [c.title for c in panel.model.columns].index("Score")
    shown = [panel.proxy.index(r, column).data() for r in range(panel.proxy.rowCount())]
    assert shown == ["0.102", "0.000"]
    panel.select(1)
    assert "score 0.000 ·" in panel.details.text()
    tip = panel.proxy.index(1, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("score 0.000: words 0.000, phrases 0.000")
    panel.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)  # still sorts as numbers
    assert [s.score for s in panel.suggestions()] == [0.0, 0.102]


def test_a_short_dock_shows_fewer_whole_lines_and_overlaps_nothing(panel, qtbot) -> None:
    panel.resize(360, 150)  # no higher than its minimum size allows
    panel.show()
    qtbot.waitExposed(panel)
    area = panel.details_area
    panel.select(1)
    qtbot.waitUntil(lambda: area.geometry().bottom() < panel.status.geometry().top())
    assert area.height() < area.maximumHeight()  # squeezed, yet:
    bottoms = line_bottoms(panel.details, area.viewport().width())
    assert area.viewport().height() in [int(b + 0.999) for b in bottoms]


def test_a_height_only_resize_lays_the_details_out_no_more(panel, qtbot, monkeypatch) -> None:
    panel.resize(360, 150)  # short: the details area is squeezed, so it resizes too
    panel.show()
    qtbot.waitExposed(panel)
    area = panel.details_area
    panel.select(1)
    qtbot.waitUntil(lambda: area.geometry().bottom() < panel.status.geometry().top())
    seen = {area.height()}
    laid: list[int] = []
    real = details_area.line_bottoms
    monkeypatch.setattr(details_area, "line_bottoms",
                        lambda label, width: laid.append(width) or real(label, width))
    low = panel.height()  # as low as its minimum size allows
    for height in (low + 20, low + 40, low + 10):  # a splitter drag: same width, new heights
        panel.resize(360, height)
        qtbot.waitUntil(lambda h=height: panel.height() == h)
        seen.add(area.height())
    assert len(seen) > 1  # the area was resized, and yet
    assert laid == []  # the text at this width was laid out already
    panel.select(0)  # a new text is laid out again
    assert laid
    bottoms = real(panel.details, area.viewport().width())
    assert area.viewport().height() in [int(b + 0.999) for b in bottoms]


def test_a_learned_order_says_the_score_column_is_the_default_score(panel, qtbot) -> None:
    """The rows follow what the links taught, not the Score column: the status says so."""
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert "in the order your links taught (Score: the default score)" in panel.status.text()
    panel.source.items = [replace(s, reason="") for s in panel.source.items]
    panel.reload()
    qtbot.waitUntil(lambda: "best first" in panel.status.text())


def test_the_score_tip_names_the_meaning_part(session, project, reports, qtbot) -> None:
    claims = project.claims()
    item = replace(suggestion(claims[1], claims[1].quote, 0.3), lexical=0.2, meaning=0.1)
    p = SuggestionsPanel(session, FixedSource([item]))
    qtbot.addWidget(p)
    session.set_current_claim(claims[0].id)
    try:
        p.show()
        qtbot.waitExposed(p)
        column = [c.title for c in p.model.columns].index("Score")
        assert p.proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == (
            "score 0.300: words 0.200, phrases 0.000, names and numbers 0.000, meaning 0.100")
    finally:
        p.close()


def test_a_long_claim_takes_one_line_and_its_tooltip_has_it_whole(panel, project, session,
                                                                   qtbot) -> None:
    """The claim the list is for is cut to one line beside the scope box (three wrapped
    lines took rows from the table), and read whole in its tooltip."""
    doc = project.claims()[0].document_id
    quote = project.text(doc)[:150].strip()
    claim = project.add_claim(doc, quote=quote)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    session.set_current_claim(claim.id)
    label = panel.claim_label
    qtbot.waitUntil(lambda: label.full_text() == f"For “{' '.join(quote.split())}”")
    assert label.text().endswith("…") and label.text() != label.full_text()
    assert label.toolTip() == label.full_text()
    assert label.height() < 2 * label.fontMetrics().lineSpacing()
    assert label.geometry().right() < panel.scope_box.geometry().left()  # one row
