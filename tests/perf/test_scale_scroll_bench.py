"""Benchmark (make bench): scrolling at scale, beside bare Qt widgets in the same run.

- Two and four panes of 300,000-character documents (6,000 claims each) with 1,000 and
  5,000 links between neighbouring documents: one frame of scrolling the second pane by a
  page (its repaint and its gutters'), median and p95 of 60 pages. Baseline: the same
  number of bare QPlainTextEdits with the same texts in a QSplitter, scrolled the same way.
- One pane on a 1,000,000-character document with 50,000 claims: open + first paint,
  a page of scrolling (at single and at 1.5 line spacing), adding a claim. Baseline: a bare
  QPlainTextEdit.
- 1,000,000 characters of Persian and English paragraphs, each laid out in its own
  direction: a page of scrolling at single and 1.5 spacing, beside a bare QPlainTextEdit.

Targets (design.md §7, issue figures): <= 16 ms a frame. Frames are timed in CPU time of
the (only) thread that lays out and paints (offscreen Qt paints on it): on a machine shared
with other work, wall time mostly measures the neighbours.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter

from claimweave.core.store import Project
from claimweave.ui.panes import DocumentPane, PaneContainer
from claimweave.ui.session import ProjectSession

from .conftest import report
from .pane_edits import time_new_claims
from .scale import copy_of

PAGES = 60
SIZE = (900, 800)


def frames(view: QPlainTextEdit) -> list[float]:
    app = QApplication.instance()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    app.processEvents()
    out = []
    for _ in range(PAGES):
        t = time.thread_time()
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()  # paints what scrolling dirtied: the pane and its gutters
        out.append(time.thread_time() - t)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def _show(widget, width: int) -> None:
    widget.resize(width, SIZE[1])
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    QApplication.instance().processEvents()


@pytest.mark.parametrize("links", ["bands1k", "bands5k"])
@pytest.mark.parametrize("panes", [2, 4])
def test_scroll_with_bands(links: str, panes: int, tmp_path: Path, qtbot) -> None:
    with Project.open(copy_of(links, tmp_path)) as project:
        docs = [d.id for d in project.documents()][:panes]
        texts = [project.text(d) for d in docs]
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for text in texts:
            bare = QPlainTextEdit()
            bare.setReadOnly(True)
            bare.setPlainText(text)
            splitter.addWidget(bare)
        qtbot.addWidget(splitter)
        _show(splitter, SIZE[0] * panes // 2)
        baseline = frames(splitter.widget(1))

        session = ProjectSession(project)
        container = PaneContainer(session, panes=panes)
        qtbot.addWidget(container)
        container.set_documents(docs)
        _show(container, SIZE[0] * panes // 2)
        ours = frames(container.panes()[1].view)
        drawn = sum(len(b.bands()) for b in container.band_widgets())
        name = f"scroll, {panes} panes, {links[5:]} links a gutter"
        report(f"{name}, median", statistics.median(ours), statistics.median(baseline),
               f"(bare QPlainTextEdits; target <= 16 ms; {drawn} bands in view)")
        report(f"{name}, p95", p95(ours), p95(baseline))
        container.close()
        splitter.close()


def test_pane_with_50k_claims(tmp_path: Path, qtbot) -> None:
    with Project.open(copy_of("dense", tmp_path)) as project:
        doc = project.documents()[0].id
        text = project.text(doc)
        t = time.perf_counter()
        bare = QPlainTextEdit()
        bare.setReadOnly(True)
        bare.setPlainText(text)
        qtbot.addWidget(bare)
        _show(bare, SIZE[0])
        bare_open = time.perf_counter() - t
        bare_frames = frames(bare)

        session = ProjectSession(project)
        t = time.perf_counter()
        pane = DocumentPane(session, annotator="bench")
        qtbot.addWidget(pane)
        pane.set_document(doc)
        _show(pane, SIZE[0])
        pane_open = time.perf_counter() - t
        pane_frames = frames(pane.view)
        visible = pane.view.visible_window()
        shown = len(pane.view.index.overlapping(visible.start, visible.end))
        report("1M chars / 50,000 claims: open + first paint", pane_open, bare_open,
               "(bare QPlainTextEdit; target <= 300 ms)")
        report("1M chars / 50,000 claims: scroll a page, median",
               statistics.median(pane_frames), statistics.median(bare_frames),
               f"(target <= 16 ms; {shown} claims in view)")
        report("1M chars / 50,000 claims: scroll a page, p95", p95(pane_frames), p95(bare_frames))
        pane.view.set_reading("", None, 14, 1.5)  # every block in view is laid out again
        spaced = frames(pane.view)
        report("1M chars / 50,000 claims: scroll a page at 1.5 line spacing, median",
               statistics.median(spaced), statistics.median(bare_frames))
        report("1M chars / 50,000 claims: scroll a page at 1.5 line spacing, p95",
               p95(spaced), p95(bare_frames))
        adds = time_new_claims(pane, 20, 30)
        print(f"\n  1M chars / 50,000 claims: add a claim (commit + repaint), median "
              f"{statistics.median(adds) * 1000:.1f} ms, p95 {p95(adds) * 1000:.1f} ms "
              "(target <= 16 ms)")
        pane.close()


def test_mixed_direction_text(qtbot) -> None:
    """1,000,000 characters of Persian and English paragraphs: every block in view is laid
    out again in its own direction (ui/panes/block_style.py), at single and wider spacing."""
    from claimweave.ui.panes.text_view import ClaimTextView

    english = "The ferry runs again after the storm that closed the port for a week. "
    persian = "کشتی از جمعه دوباره به بندر می‌رود و مسافران منتظرند تا ببینند چه خواهد شد. "
    paragraphs = [(persian if i % 2 else english) * (1 + i % 4) for i in range(6000)]
    text = "\n".join(paragraphs)[:1_000_000]
    bare = QPlainTextEdit()
    bare.setReadOnly(True)
    bare.setPlainText(text)
    qtbot.addWidget(bare)
    _show(bare, SIZE[0])
    baseline = statistics.median(frames(bare))
    for spacing in (1.0, 1.5):
        view = ClaimTextView()
        qtbot.addWidget(view)
        view.set_content(text, [])
        view.set_reading("", None, 14, spacing)
        _show(view, SIZE[0])
        report(f"1M chars, Persian and English paragraphs, spacing {spacing}: scroll a page",
               statistics.median(frames(view)), baseline, "(target <= 16 ms)")
        view.close()
