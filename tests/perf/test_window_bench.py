"""Benchmark (make bench): one edit in the whole window of a large project.

100 documents with 10,000 claims and 2,000 links, the main window with two panes, the
claims, links, documents and codebook panels. Prints the time from the store verb to
every view updated (a claim added, a tag toggled, a link made), next to the store verb
alone on the same project in the same run. Target: an edit feels instant (<= 16 ms for
the pane itself, design.md §7; the panels follow in the same event-loop turn).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from claimweave.app import build_window
from claimweave.core.store import Project
from claimweave.ui.settings import Settings

from .conftest import build_large_project, report

EDITS = 15


@pytest.fixture(scope="module")
def project_path(tmp_path_factory) -> Path:
    return build_large_project(tmp_path_factory.mktemp("window") / "w.claimweave",
                               documents=100, claims_per_doc=100)


def _edits(project: Project, settle) -> dict[str, list[float]]:
    docs = [d.id for d in project.documents()[:2]]
    tag = project.tags()[0].id
    out: dict[str, list[float]] = {"add a claim": [], "toggle a tag": [], "link two claims": []}
    for i in range(EDITS):
        t0 = time.perf_counter()
        a = project.add_claim(docs[0], 100 + i, 130 + i, annotator="bench")
        settle()
        out["add a claim"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        project.toggle_tag(a.id, tag)
        settle()
        out["toggle a tag"].append(time.perf_counter() - t0)
        b = project.add_claim(docs[1], 200 + i, 240 + i, annotator="bench")
        settle()
        t0 = time.perf_counter()
        project.link_claims(a.id, b.id, "agrees")
        settle()
        out["link two claims"].append(time.perf_counter() - t0)
    return out


def test_an_edit_in_the_window_of_a_large_project(project_path, tmp_path, qtbot):
    app = QApplication.instance()
    bare_path = tmp_path / "bare.claimweave"
    bare_path.write_bytes(project_path.read_bytes())
    with Project.open(bare_path) as bare:
        baseline = _edits(bare, lambda: None)

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = build_window(settings, demo_folder=tmp_path / "data")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    assert window.open_project(project_path)
    window.show()
    app.processEvents()
    ours = _edits(window.session.project, app.processEvents)
    window.close_project()
    for name, times in ours.items():
        report(f"window: {name} (10,000 claims), median", statistics.median(times),
               statistics.median(baseline[name]), "(baseline: the store verb alone)")
