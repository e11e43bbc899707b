"""Benchmark (make bench): the comparison views on 2,000 claims in 20 sources.

The debate is shaped like a real one: claims in groups of 2 to 8 agreeing claims across
sources, most groups contradicted by another group. Prints the time to build each view and
to redraw the network after a zoom, each next to a baseline measured in the same run:
networkx's own spring_layout over the whole graph, and a bare pyqtgraph plot of the same
points and lines. Like the other benchmarks, it does not assert on time.
"""

from __future__ import annotations

import itertools
import random
import time

import networkx as nx
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication

from claimweave.analysis.comparison import compare
from claimweave.analysis.groups import find_groups
from claimweave.analysis.network import claim_network
from claimweave.analysis.snapshot import Snapshot
from claimweave.analysis.sources import source_pairs
from claimweave.report import build_report
from claimweave.ui.charts import ComparisonWindow
from claimweave.ui.session import ProjectSession

from .conftest import report

SOURCES, CLAIMS = 20, 2000


def _debate(project) -> None:
    rng = random.Random(5)
    docs = []
    for d in range(SOURCES):
        text = " ".join(f"Sentence {d}-{i} states a point." for i in range(CLAIMS // SOURCES))
        docs.append(project.add_document(text, title=f"Source number {d + 1}",
                                         published=f"2024-{d % 12 + 1:02d}-01").document.id)
    ids = []
    for doc in docs:
        text = project.text(doc)
        spans, pos = [], 0
        while len(spans) < CLAIMS // SOURCES:
            end = text.index(".", pos) + 1
            spans.append((pos, end))
            pos = end + 1
        ids += project.add_claims(doc, spans)
    rng.shuffle(ids)
    groups, i = [], 0
    while i < len(ids):
        size = rng.randint(2, 8)
        groups.append(ids[i:i + size])
        i += size
    with project.batch("links"):
        for g in groups:
            for a, b in itertools.pairwise(g):
                project.link_claims(a, b, "agrees")
        for a, b in zip(groups[::2], groups[1::2], strict=False):
            project.link_claims(a[0], b[0], "contradicts")


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from claimweave.core.store import Project

    project = Project.create(tmp_path_factory.mktemp("bench") / "big.claimweave")
    _debate(project)
    yield project
    project.close()


def test_analysis_and_report(big):
    t0 = time.perf_counter()
    snap = Snapshot.of(big)
    t_snap = _ms(t0)
    t0 = time.perf_counter()
    matrix = compare(snap, find_groups(snap))
    source_pairs(matrix)
    t_matrix = _ms(t0)
    t0 = time.perf_counter()
    net = claim_network(snap)
    t_net = _ms(t0)
    t0 = time.perf_counter()
    html = build_report(big)
    t_report = _ms(t0)
    print(f"\n[charts] {len(snap.claims)} claims, {len(snap.links)} links, "
          f"{len(matrix.propositions)} propositions: snapshot {t_snap:.0f} ms, matrix+pairs "
          f"{t_matrix:.0f} ms, network layout {t_net:.0f} ms ({net.size} nodes), "
          f"report {t_report:.0f} ms ({len(html) / 1e6:.1f} MB)")
    assert net.size == CLAIMS
    graph = nx.Graph()
    graph.add_nodes_from(c.id for c in snap.claims)
    graph.add_edges_from((k.source, k.target) for k in snap.links)
    # networkx's dense Fruchterman-Reingold, what spring_layout runs without scipy (for more
    # than 500 nodes spring_layout itself needs scipy, which ClaimWeave does not install).
    from networkx.drawing.layout import _fruchterman_reingold

    t0 = time.perf_counter()
    _fruchterman_reingold(nx.to_numpy_array(graph), iterations=80, seed=np.random.RandomState(1))
    report("claim network layout, 2,000 claims", t_net / 1000, _ms(t0) / 1000,
           "(baseline: networkx dense spring layout, whole graph)")


def _zoom_frames(plot: pg.PlotWidget, view: pg.ViewBox) -> float:
    frames = []
    for k in range(10):  # zoom in and out: what a user does with the wheel
        t0 = time.perf_counter()
        view.scaleBy((0.8, 0.8) if k % 2 == 0 else (1.25, 1.25))
        plot.grab()
        frames.append(_ms(t0))
    return sorted(frames)[len(frames) // 2]


def test_views_build_and_redraw(big, qtbot):
    t0 = time.perf_counter()
    win = ComparisonWindow(ProjectSession(big))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    QApplication.processEvents()
    t_open = _ms(t0)
    t0 = time.perf_counter()
    win.tabs.setCurrentWidget(win.network)
    QApplication.processEvents()
    win.network.plot.grab()
    t_network = _ms(t0)
    ours = _zoom_frames(win.network.plot, win.network.item.getViewBox())
    bare = pg.PlotWidget()
    qtbot.addWidget(bare)
    bare.resize(win.network.plot.size())
    rng = np.random.default_rng(1)
    points = rng.random((CLAIMS, 2))
    pairs = rng.integers(0, CLAIMS, (len(big.links()), 2))
    bare.plot(points[pairs].reshape(-1, 2)[:, 0], points[pairs].reshape(-1, 2)[:, 1],
              connect="pairs", pen=pg.mkPen("#888"))
    bare.addItem(pg.ScatterPlotItem(points[:, 0], points[:, 1], size=8, brush="#2f6fd1"))
    bare.show()
    QApplication.processEvents()
    baseline = _zoom_frames(bare, bare.getPlotItem().getViewBox())
    print(f"\n[charts] window with matrix, heatmap, bars {t_open:.0f} ms; network tab "
          f"(layout + first paint) {t_network:.0f} ms")
    report("claim network zoom redraw, median", ours / 1000, baseline / 1000,
           "(baseline: bare pyqtgraph, same points and lines)")
    assert win.network.network is not None and win.network.network.size == CLAIMS
