"""Benchmark of the document pane (make bench): a 1,000,000-character document with 10,000
claims. Prints open+first paint, scroll frame times and add-claim commit+repaint, each next
to a bare QPlainTextEdit showing the same text in the same run. No timing asserts: figures
go to docs/performance.md; targets (design.md §7): open <= 300 ms, frames <= 16 ms, a new
claim <= 16 ms.
"""

from __future__ import annotations

import random
import statistics
import time

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from claimweave.core.offsets import OffsetMap
from claimweave.ui.panes import DocumentPane, PaneContainer
from claimweave.ui.session import ProjectSession

from .pane_edits import time_new_claims

CHARS = 1_000_000
CLAIMS = 10_000
PAGES = 60
NEW_CLAIMS = 20
SIZE = (900, 800)

WORDS = [
    "harbour", "storm", "council", "boats", "damaged", "repairs", "minister", "said",
    "reported", "witnesses", "according", "union", "engineers", "wall", "waves", "pier",
    "cost", "crowns", "million", "fishermen", "coast", "guard", "night", "two", "days",
    "“quoted”", "café", "naïve", "🙂",
]


def make_text(rng: random.Random) -> str:
    parts: list[str] = []
    size = 0
    while size < CHARS:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22)))
        sentence = words.capitalize() + ". "
        parts.append(sentence)
        size += len(sentence)
        if rng.random() < 0.2:
            parts.append("\n")
            size += 1
    return "".join(parts)[:CHARS]


def make_spans(text: str, rng: random.Random) -> list[tuple[int, int]]:
    step = len(text) // CLAIMS
    spans = []
    for i in range(CLAIMS):
        start = i * step + rng.randint(0, step // 2)
        spans.append((start, min(len(text), start + rng.randint(20, 160))))
    return spans


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from claimweave.core.store import Project

    rng = random.Random(7)
    project = Project.create(tmp_path_factory.mktemp("bench") / "bench.claimweave")
    text = make_text(rng)
    doc = project.add_document(text, title="Long").document.id
    tags = [project.add_tag(n).id for n in ("Fact", "Number", "Cause", "Quote")]
    ids = project.add_claims(doc, make_spans(text, rng), annotator="bench")
    with project.batch("Tag"):
        for i, claim_id in enumerate(ids[::3]):
            project.tag_claim(claim_id, tags[i % len(tags)])
    yield project, doc
    project.close()


def ms(seconds: float) -> float:
    return seconds * 1000.0


def summary(frames: list[float]) -> str:
    frames = sorted(frames)
    p95 = frames[int(len(frames) * 0.95) - 1]
    return (f"median {ms(statistics.median(frames)):6.2f} ms, p95 {ms(p95):6.2f} ms, "
            f"max {ms(frames[-1]):6.2f} ms")


def scroll_frames(view: QPlainTextEdit) -> list[float]:
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    view.viewport().repaint()
    frames = []
    for _ in range(PAGES):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        frames.append(time.perf_counter() - t)
    return frames


def open_bare(text: str) -> tuple[float, QPlainTextEdit]:
    t = time.perf_counter()
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(*SIZE)
    view.setPlainText(text)
    return _show_and_paint(view, view, t), view


def open_pane(session: ProjectSession, doc: str) -> tuple[float, DocumentPane]:
    t = time.perf_counter()
    pane = DocumentPane(session, annotator="bench")
    pane.resize(*SIZE)
    pane.set_document(doc)
    return _show_and_paint(pane, pane.view, t), pane


def _show_and_paint(widget, view: QPlainTextEdit, started: float) -> float:
    """Show, then paint once; the wait for the (offscreen) window system is not counted."""
    loading = time.perf_counter() - started
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    t = time.perf_counter()
    view.viewport().repaint()
    return loading + time.perf_counter() - t


def test_pane_bench(qapp, big) -> None:
    project, doc = big
    session = ProjectSession(project)
    text = project.text(doc)
    print(f"\n--- pane bench: {len(text):,} characters, {len(project.claims()):,} claims, "
          f"window {SIZE[0]}x{SIZE[1]}")

    t = time.perf_counter()
    OffsetMap(text)
    print(f"offset map of the text:              {ms(time.perf_counter() - t):7.1f} ms")

    bare_open, bare = open_bare(text)
    pane_open, pane = open_pane(session, doc)
    print(f"open + first paint, bare QPlainTextEdit: {ms(bare_open):7.1f} ms")
    print(f"open + first paint, DocumentPane:        {ms(pane_open):7.1f} ms "
          f"(ratio {pane_open / bare_open:.2f})")

    bare_frames = scroll_frames(bare)
    pane_frames = scroll_frames(pane.view)
    print(f"scroll by pages, bare:  {summary(bare_frames)}")
    print(f"scroll by pages, pane:  {summary(pane_frames)} "
          f"(median ratio {statistics.median(pane_frames) / statistics.median(bare_frames):.2f})")
    visible = pane.view.visible_window()
    painted = pane.view.index.overlapping(visible.start, visible.end)
    print(f"claims painted per frame: {len(painted)}")

    add_times = time_new_claims(pane, NEW_CLAIMS, 30, clock=time.perf_counter)
    print(f"add claim (commit + index + repaint of the changed lines): {summary(add_times)}")

    other = project.add_document(make_text(random.Random(8)), title="Long 2").document.id
    partner_spans = make_spans(project.text(other), random.Random(9))
    partner_ids = project.add_claims(other, partner_spans)
    left_ids = pane.claim_ids()
    with project.batch("Links"):
        for a, b in zip(left_ids[::10], partner_ids[::10], strict=False):
            project.link_claims(a, b, "agrees")
    t = time.perf_counter()
    container = PaneContainer(session)
    container.resize(SIZE[0] * 2, SIZE[1])
    container.set_documents([doc, other])
    container_open = _show_and_paint(container, container.panes()[0].view, t)
    print(f"two panes + bands ({len(project.links()):,} links) open + paint: "
          f"{ms(container_open):7.1f} ms")
    left = container.panes()[0]
    frames = []
    bar = left.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    for _ in range(PAGES):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        qapp.processEvents()  # repaints what scrolling dirtied: that pane and its gutter
        frames.append(time.perf_counter() - t)
    print(f"scroll one of two panes (its repaint + bands): {summary(frames)}")
    for w in (bare, pane, container):
        w.close()
        w.deleteLater()
