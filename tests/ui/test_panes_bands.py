"""Link bands follow scrolling and resizing of either pane, and clip to the pane's edges.

Assertions are on the band endpoints the widget computes (``LinkBands.bands()``), checked
against Qt's own caret rectangles, never on pixels.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from claimweave.ui.panes import Band, DocumentPane, LinkBands

PARAGRAPHS = 80


@pytest.fixture
def linked(project, long_reports, make_container):
    """Two long reports with a link between paragraph 30 on the left and 10 on the right."""
    a, b = long_reports("Left", "Right", paragraphs=PARAGRAPHS, mark="🙂 ")
    ca = project.add_claim(a, quote="witness number 30 ")
    cb = project.add_claim(b, quote="closed for 10 hours")
    link = project.link_claims(ca.id, cb.id, "contradicts")
    c = make_container(documents=[a, b], size=(1000, 400), annotator=None)
    left, right = c.panes()
    left.select_claim(ca.id)  # scrolls paragraph 30 into view
    right.select_claim(cb.id)
    return c, link, ca, cb


def band_of(bands: LinkBands, link_id: str) -> Band:
    return next(b for b in bands.bands() if b.link_id == link_id)


def caret_top(pane: DocumentPane, bands: LinkBands, cp: int) -> float:
    """Where Qt draws the caret at code point *cp*, in the band widget's coordinates."""
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.offsets.to_utf16(cp))
    y = pane.view.cursorRect(cursor).top()
    return bands.mapFromGlobal(pane.view.viewport().mapToGlobal(QPoint(0, y))).y()


def test_band_ends_sit_on_their_claims(linked) -> None:
    c, link, ca, cb = linked
    bands = c.band_widgets()[0]
    band = band_of(bands, link.id)
    assert band.relation == "contradicts" and band.color == "#d1382f"
    assert abs(band.left[0] - caret_top(c.panes()[0], bands, ca.start)) <= 2
    assert abs(band.right[0] - caret_top(c.panes()[1], bands, cb.start)) <= 2
    assert band.left[1] > band.left[0] and band.right[1] > band.right[0]


def test_band_follows_scrolling_by_the_scroll_delta(linked, qtbot) -> None:
    c, link, ca, _cb = linked
    left = c.panes()[0]
    bands = c.band_widgets()[0]
    before = band_of(bands, link.id)
    caret_before = caret_top(left, bands, ca.start)
    bar = left.view.verticalScrollBar()
    bar.setValue(bar.value() + 2)  # two wrapped lines down
    delta = caret_top(left, bands, ca.start) - caret_before
    assert delta < 0
    after = band_of(bands, link.id)
    assert after.left[0] == pytest.approx(before.left[0] + delta, abs=1)
    assert after.left[1] == pytest.approx(before.left[1] + delta, abs=1)
    assert after.right == before.right  # the other pane did not move


def test_band_clips_to_the_edge_when_its_claim_leaves_the_view(linked) -> None:
    c, link, _ca, _cb = linked
    left = c.panes()[0]
    bands = c.band_widgets()[0]
    viewport = left.view.viewport()
    top = bands.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y()
    bar = left.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # paragraph 30 is now above the view
    band = band_of(bands, link.id)
    assert band.left == (pytest.approx(top), pytest.approx(top))
    bar.setValue(0)  # and now below it
    band = band_of(bands, link.id)
    assert band.left[0] == band.left[1] == pytest.approx(top + viewport.height())


def test_band_follows_a_resize_that_rewraps_the_text(linked, qtbot) -> None:
    c, link, ca, _cb = linked
    left = c.panes()[0]
    bands = c.band_widgets()[0]
    sizes = c.splitter.sizes()
    before = left.view.viewport().width()
    c.splitter.setSizes([sizes[0] // 2, sizes[1], sizes[2] + sizes[0] // 2])
    qtbot.waitUntil(lambda: left.view.viewport().width() < before)  # narrower: it rewraps
    left.view.scroll_to_span(ca.start, ca.end)
    band = band_of(bands, link.id)
    assert abs(band.left[0] - caret_top(left, bands, ca.start)) <= 2


def test_bands_paint_without_error_and_show_in_a_screenshot(linked, tmp_path) -> None:
    c, _link, _ca, _cb = linked
    image = c.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "bands.png"))


def test_link_index_follows_every_edit_as_a_reload_would(project, long_reports,
                                                          make_container) -> None:
    """The panes' link index is patched link by link; after links made, re-typed,
    deleted, undone and redone it must hold what the store lists, in the store's order,
    and each claim's links; a gutter draws the same bands as one fed a fresh index."""
    import random

    from claimweave.core.errors import ClaimWeaveError
    from claimweave.ui.panes.link_index import LinkIndex

    a, b = long_reports("Left", "Right", paragraphs=PARAGRAPHS)
    left = [project.add_claim(a, quote=f"witness number {i} ").id for i in range(20, 40)]
    right = [project.add_claim(b, quote=f"closed for {i} hours").id for i in range(20, 40)]
    c = make_container(documents=[a, b], size=(1000, 400), annotator=None)
    rng = random.Random(5)
    for _ in range(80):
        kind = rng.choice(["link", "link", "link", "retype", "delete", "undo", "redo"])
        links = project.links()
        try:
            if kind == "link":
                project.link_claims(rng.choice(left), rng.choice(right),
                                    rng.choice(["agrees", "contradicts"]))
            elif kind == "retype" and links:
                project.update_link(rng.choice(links).id, relation="elaborates")
            elif kind == "delete" and links:
                project.delete_link(rng.choice(links).id)
            elif kind == "undo" and project.can_undo:
                project.undo()
            elif kind == "redo" and project.can_redo:
                project.redo()
        except ClaimWeaveError:
            continue  # a duplicate link: refused, nothing changed
        index = c._links
        assert list(index) == project.links()
        for claim_id in left[:5] + right[:5]:
            assert index.of_claim(claim_id) == project.links(claim_id=claim_id)
    assert len(project.links()) > 10
    project.delete_link(project.links()[0].id)
    project.undo()  # the oldest link, stored again: first again by its creation time
    assert list(c._links) == project.links()
    gutter = c.band_widgets()[0]
    c.panes()[0].select_claim(left[0])
    c.panes()[1].select_claim(right[0])
    drawn = gutter.bands()
    gutter.set_links(LinkIndex(project.links()), dict(gutter.colors))
    assert gutter.bands() == drawn and drawn


def _painted(gutter: LinkBands) -> int:
    """Paint the gutter now, as a scroll or an edit would have it painted; its renders."""
    gutter.grab()  # a paint event, whether or not the widget shows on this screen
    return gutter.renders


def test_gutter_redraws_only_when_what_it_shows_changed(linked, project) -> None:
    """The gutter keeps the image of its recent states: a repaint with nothing changed,
    or scrolling back to where the panes were, copies it; a scroll, a new link or another
    current claim draws again, and the copy is exactly what drawing again would give."""
    c, link, ca, _cb = linked
    gutter = c.band_widgets()[0]
    left, right = c.panes()
    bar = left.view.verticalScrollBar()
    start = bar.value()
    # Qt lays lines out as they come into view (their offsets settle): go there once
    for value in (start + 3, start + 6, start, start + 3, start):
        bar.setValue(value)
        _painted(gutter)
    before = _painted(gutter)
    assert _painted(gutter) == before  # nothing changed: copied
    bar.setValue(start + 3)
    assert _painted(gutter) == before  # scrolled to where it has been: copied
    bar.setValue(start + 2)
    assert _painted(gutter) == before + 1  # somewhere new: drawn
    bar.setValue(start)
    assert _painted(gutter) == before + 1  # back where it was: copied
    assert band_of(gutter, link.id)
    copied = gutter.grab().toImage()
    gutter._cache.clear()
    assert gutter.grab().toImage() == copied  # the copy is what a fresh drawing gives
    drawn = gutter.renders
    c.session.set_current_claim(None)
    assert _painted(gutter) == drawn + 1  # no current claim: the band is drawn lighter
    c.session.set_current_claim(ca.id)
    drawn += 1
    assert _painted(gutter) == drawn + 1  # the current claim's band is drawn stronger
    other = project.add_claim(right.document_id, quote="closed for 11 hours")
    project.link_claims(ca.id, other.id, "agrees")
    assert _painted(gutter) == drawn + 2  # a new band
    assert any(b.right_claim == other.id for b in gutter.bands())


def test_scrolling_a_far_pane_copies_the_gutter(project, long_reports, make_container) -> None:
    """With three panes, the right gutter marks links to the first pane beside its own
    claims: scrolling the first pane asks it to repaint, but changes none of its pixels."""
    docs = long_reports("First", "Middle", "Last", paragraphs=70)
    near = project.add_claim(docs[0], quote="witness number 3 ")
    far = project.add_claim(docs[2], quote="witness number 2 ")
    project.link_claims(near.id, far.id, "contradicts")
    c = make_container(documents=docs, size=(1200, 400))
    first = c.panes()[0]
    right_gutter = c.band_widgets()[1]
    assert right_gutter.markers()  # the link's end in the last pane, marked
    before = _painted(right_gutter)
    assert before > 0
    first.view.verticalScrollBar().setValue(first.view.verticalScrollBar().value() + 5)
    assert _painted(right_gutter) == before
    assert right_gutter.markers()
