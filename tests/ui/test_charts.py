"""The comparison views: the data they are fed, clicks, renaming, refresh and export.

Every view is also rendered offscreen to PNG (under pytest's tmp path, ``charts-*``): look
at them after a change to the drawing code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QInputDialog
from tests.ui.test_assist import copy_demo

from analysis.debate import build_debate
from claimweave.analysis.comparison import compare
from claimweave.analysis.frequencies import tag_frequencies
from claimweave.analysis.snapshot import Snapshot
from claimweave.analysis.sources import source_pairs
from claimweave.core.store import Project
from claimweave.ui.charts import ComparisonWindow
from claimweave.ui.session import ProjectSession

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"


@pytest.fixture
def window(qtbot, project):
    ids = build_debate(project)
    session = ProjectSession(project)
    win = ComparisonWindow(session, entities={ids["A"]: ["Russia", "Iran"], ids["C"]: ["Iran"]})
    qtbot.addWidget(win)
    win.show()
    return win, session, ids


def _export_all(win: ComparisonWindow, folder: Path, prefix: str) -> list[Path]:
    out = []
    for index, (name, view) in enumerate(win.views().items()):
        win.tabs.setCurrentIndex(index)
        for suffix in (".png", ".svg"):
            path = view.export(folder / f"{prefix}-{name}{suffix}")
            assert path.stat().st_size > 500
            out.append(path)
    return out


def test_views_are_fed_the_analysis_data(window):
    win, session, _ids = window
    snap = Snapshot.of(session.project)
    matrix = compare(snap)
    assert win.matrix.matrix == matrix
    assert win.heatmap.pairs == source_pairs(matrix)
    assert win.tags.freqs == tag_frequencies(snap)
    assert win.entity_bars is not None and win.entity_bars.freqs.labels == ("Iran", "Russia")
    win.tabs.setCurrentWidget(win.network)
    net = win.network.network
    assert net is not None and net.size == 6 and len(net.edges) == 4


def test_clicking_a_cell_activates_its_claims(window, qtbot):
    win, session, ids = window
    row = next(i for i, p in enumerate(win.matrix.matrix.propositions)
               if ids["a1"] in p.claim_ids)
    rect = win.matrix.cell_rect(row, 0)  # column 0 is source B, which contradicts
    with qtbot.waitSignal(session.claimsActivated) as signal:
        qtbot.mouseClick(win.matrix, Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [[ids["b1"]]]
    assert session.current_claim == ids["b1"]


def test_clicking_a_node_activates_its_claim(window, qtbot):
    win, session, _ids = window
    win.tabs.setCurrentWidget(win.network)
    dots = next(i for i in win.network.item.items if hasattr(i, "points") and i.points().size)
    point = dots.points()[0]
    with qtbot.waitSignal(session.claimsActivated) as signal:
        dots.sigClicked.emit(dots, [point], None)
    assert signal.args == [[point.data()]]
    assert win.network.ring.points().size == 1  # the current claim is ringed


def test_renaming_a_proposition_is_stored_and_shown(window, qtbot, monkeypatch):
    win, session, ids = window
    prop = next(p for p in win.matrix.matrix.propositions if ids["a2"] in p.claim_ids)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Military ties", True))
    win.rename(prop)
    assert session.project.group_names() == {prop.key: "Military ties"}
    qtbot.waitUntil(lambda: any(p.name == "Military ties"
                                for p in win.matrix.matrix.propositions), timeout=2000)


def test_views_follow_changes_to_the_project(window, qtbot):
    win, session, ids = window
    session.project.link_claims(ids["d1"], ids["b2"], "agrees")
    qtbot.waitUntil(lambda: win.heatmap.pairs.agree[2][0] == 1, timeout=2000)  # D with B
    win.tabs.setCurrentWidget(win.network)
    assert win.network.network is not None and win.network.network.size == 7


def test_every_view_exports_png_and_svg(window, tmp_path):
    win, _, _ = window
    for path in _export_all(win, tmp_path, "charts-debate"):
        if path.suffix == ".png":
            assert not QImage(str(path)).isNull()
        else:
            ET.parse(path)  # well-formed SVG


def test_export_refuses_other_formats(window, tmp_path):
    win, _, _ = window
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        win.matrix.export(tmp_path / "x.pdf")


def test_empty_project_renders(qtbot, project, tmp_path):
    win = ComparisonWindow(ProjectSession(project))
    qtbot.addWidget(win)
    assert _export_all(win, tmp_path, "charts-empty")


@pytest.fixture
def demo_charts(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """The comparison views over a private copy of the demo project (the shipped file is
    never opened for writing); the copy is closed afterwards."""
    if not DEMO.is_file():
        pytest.skip("the shared demo project is not built yet")
    project = Project.open(copy_demo(tmp_path))
    win = ComparisonWindow(ProjectSession(project))
    qtbot.addWidget(win)
    yield win
    project.close()


def test_demo_project_renders(demo_charts, tmp_path):
    win = demo_charts
    win.resize(1200, 800)
    win.show()
    assert win.matrix.matrix.propositions
    _export_all(win, tmp_path, "charts-demo")
    win.tabs.setCurrentWidget(win.network)
    win.grab().save(str(tmp_path / "charts-demo-window.png"))


def test_sources_view_shows_whole_titles(demo_charts):
    heat = demo_charts.heatmap
    titles = [s.title for s in heat.pairs.sources]
    assert len(titles) == 4
    for i, title in enumerate(titles):
        assert heat.header(i) == str(i + 1)  # the column: the number the row carries
        shown = " ".join(heat.row_lines(i))
        assert "…" not in shown and shown == f"{i + 1}. {' '.join(title.split())}"


def test_entity_bars_count_mentions(qtbot, project):
    from claimweave.analysis.frequencies import entity_frequencies
    from claimweave.ui.charts.frequency_view import FrequencyView

    doc = project.add_document("Iran and the U.S. met.", title="A").document.id
    view = FrequencyView()
    qtbot.addWidget(view)
    view.set_data(entity_frequencies(Snapshot.of(project), {doc: ["Iran", "U.S."]}))
    assert view.item.getAxis("left").labelText == "mentions"
    view.set_data(tag_frequencies(Snapshot.of(project)))
    assert view.item.getAxis("left").labelText == "claims"


def test_network_svg_is_in_final_coordinates_with_each_claim_once(window, tmp_path):
    win, _session, _ids = window
    win.tabs.setCurrentWidget(win.network)  # the network is laid out when first shown
    net = win.network.network
    out = win.network.export(tmp_path / "network.svg")
    text = out.read_text(encoding="utf-8")
    assert "vector-effect" not in text and "scale(" not in text and "matrix(" not in text
    root = ET.fromstring(text)
    circles = [(c.get("cx"), c.get("cy"))
               for c in root.iter("{http://www.w3.org/2000/svg}circle")]
    nodes = circles[:net.size]
    assert len(set(nodes)) == net.size  # no claim drawn twice
    width = float(root.get("width"))
    assert all(0 <= float(x) <= width for x, _y in circles)
