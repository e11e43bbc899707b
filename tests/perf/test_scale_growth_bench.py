"""Benchmark (make bench): how cost grows with the text, the claims and the documents.

Prints two tables for docs/performance.md, so a regression shows as a slope:

- one document of 100,000 / 1,000,000 / 5,000,000 characters with 0 / 10,000 / 50,000
  claims: the pane's open + first paint, a page of scrolling and a claim added (commit and
  repaint), and the store verb add_claim alone;
- projects of 100 / 1,000 / 5,000 documents (100 claims each; 5,000 only with
  ``CLAIMWEAVE_BENCH_5K=1``): the store verb, and an edit until every view of the window is
  updated.

Times are CPU time of the thread that runs the store and paints (offscreen Qt paints on
it), medians; wall time on a shared machine mostly measures the neighbours.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from claimweave.app import build_window
from claimweave.core.store import Project
from claimweave.ui.panes import DocumentPane
from claimweave.ui.session import ProjectSession
from claimweave.ui.settings import Settings

from .conftest import synthetic_text
from .pane_edits import time_new_claims
from .scale import SCALES, copy_of, scales
from .test_scale_scroll_bench import SIZE, frames

TEXTS = (100_000, 1_000_000, 5_000_000)
CLAIMS = (0, 10_000, 50_000)
ROWS: list[str] = []


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _document(tmp: Path, chars: int, claims: int) -> tuple[Project, str]:
    rng = random.Random(chars + claims)
    project = Project.create(tmp / f"d{chars}-{claims}.claimweave")
    doc = project.add_document(synthetic_text(rng, chars), title="Long").document.id
    if claims:
        step = chars // claims
        longest = max(11, step * 3)
        project.add_claims(doc, [(i * step, min(chars, i * step + rng.randint(10, longest)))
                                 for i in range(claims)], annotator="bench")
    return project, doc


@pytest.mark.parametrize("chars", TEXTS)
def test_growth_with_text_and_claims(chars: int, tmp_path: Path, qtbot) -> None:
    for claims in CLAIMS:
        project, doc = _document(tmp_path, chars, claims)
        with project:
            verb = []
            for i in range(10):
                t = time.thread_time()
                project.add_claim(doc, 50 + i, 90 + i)
                verb.append(time.thread_time() - t)
            session = ProjectSession(project)
            t = time.thread_time()
            pane = DocumentPane(session, annotator="bench")
            qtbot.addWidget(pane)
            pane.set_document(doc)
            pane.resize(*SIZE)
            pane.show()
            QApplication.instance().processEvents()
            pane.view.viewport().repaint()
            opened = time.thread_time() - t
            scroll = statistics.median(frames(pane.view))
            added = statistics.median(time_new_claims(pane, 10, 20))
            ROWS.append(f"| {chars:,} | {claims:,} | {_ms(opened)} | {_ms(scroll)} | "
                        f"{_ms(added)} | {_ms(statistics.median(verb))} |")
            pane.close()
    if chars == TEXTS[-1]:
        print("\n| characters | claims | pane open + paint | scroll a page | add a claim "
              "(pane) | add_claim (store) |\n|---|---|---|---|---|---|")
        print("\n".join(ROWS))


def test_growth_with_documents(tmp_path: Path, qtbot) -> None:
    from .test_scale_window_bench import _edits

    app = QApplication.instance()
    rows = []
    for name in scales("100", "1k", "5k"):
        path = copy_of(name, tmp_path)
        with Project.open(path) as bare:
            verb = _edits(bare, lambda: None, time.thread_time)
        settings = Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
        settings.analyse_on_open = False
        window = build_window(settings, demo_folder=tmp_path / "data")
        window.auto_backup = False
        qtbot.addWidget(window)
        window.resize(1400, 900)
        t = time.thread_time()
        assert window.open_project(path)
        window.show()
        app.processEvents()
        window.grab()
        opened = time.thread_time() - t
        ours = _edits(window.session.project, app.processEvents, time.thread_time)
        window.close_project()
        scale = SCALES[name]
        rows.append(f"| {scale.documents:,} | {scale.documents * scale.claims_per_doc:,} | "
                    f"{_ms(opened)} | "
                    + " | ".join(f"{_ms(statistics.median(ours[k]))} "
                                 f"({_ms(statistics.median(verb[k]))})" for k in ours) + " |")
    print("\n| documents | claims | window open (UI thread) | add a claim | toggle a tag "
          "| link two claims |\n|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("  (edits: every view updated; in brackets the store verb alone)")
