"""A window over a class project: a table per student, a chart of their scores, and the
key's claims most and least found. All numbers come from the Qt-free
:func:`claimweave.classroom.agreement.analyse_class`; this module only shows them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...classroom.agreement import ClassReport, analyse_class
from ...classroom.errors import ClassroomError
from ...classroom.layers import ClassData
from ...core.model import Change
from ..session import ProjectSession

COLUMNS = ("student", "claims F1", "tags F1", "links F1", "claims recall", "kappa vs key")
SERIES = (("claims", "#2f6fd1"), ("tags", "#c98a12"), ("links", "#2e9d4f"))


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


class ClassDashboard(QWidget):
    """Scores of every student against the key, refreshed when the project changes."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: ClassReport | None = None
        self.setWindowTitle(f"Class dashboard: {session.project.title}")
        self.key_box = QComboBox()
        self.key_box.setToolTip("The annotator whose claims are the answer key")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.plot = pg.PlotWidget(background="w")
        self.plot.getPlotItem().setMenuEnabled(False)
        self.plot.getPlotItem().setLabel("left", "F1")
        self.plot.getPlotItem().addLegend(offset=(-10, 10))
        self.most, self.least = QListWidget(), QListWidget()

        top = QHBoxLayout()
        top.addWidget(QLabel("Key:"))
        top.addWidget(self.key_box)
        top.addWidget(self.status, 1)
        lists = QSplitter(Qt.Orientation.Horizontal)
        for title, widget in (("Claims most found", self.most),
                              ("Claims least found", self.least)):
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(QLabel(title))
            col.addWidget(widget)
            lists.addWidget(box)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self.table)
        body.addWidget(self.plot)
        body.addWidget(lists)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

        self._fill_keys()
        self.key_box.currentIndexChanged.connect(self.refresh)
        session.changed.connect(self._on_change)
        self.refresh()

    def _fill_keys(self) -> None:
        project = self.session.project
        data = ClassData.of(project)
        names = sorted(data.claims)
        self.key_box.blockSignals(True)
        self.key_box.clear()
        self.key_box.addItem("(no key)", None)
        for name in names:
            self.key_box.addItem(name or "(unnamed)", name)
        if data.key is not None:
            self.key_box.setCurrentIndex(names.index(data.key) + 1)
        self.key_box.blockSignals(False)

    def _on_change(self, change: Change) -> None:
        if change.touches("claims", "links", "claim_tags", "settings"):
            self.refresh()

    def refresh(self) -> None:
        """Recompute from the project and redraw everything."""
        try:
            key = self.key_box.currentData()
            data = ClassData.of(self.session.project, key=key, recorded_key=False)
        except ClassroomError as exc:
            self.status.setText(str(exc))
            return
        self.report = analyse_class(data)
        alpha = self.report.alpha
        self.status.setText(
            f"{len(data.students)} students · alpha (claims, per character): "
            f"{_fmt(alpha['claims_character_nominal'])} · alpha (tags): "
            f"{_fmt(alpha['tags_nominal'])}"
            + ("" if data.key else " · choose a key to grade the students"))
        self._fill_table()
        self._draw_chart()
        self._fill_lists()

    def _fill_table(self) -> None:
        assert self.report is not None
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.report.results))
        for row, r in enumerate(self.report.results):
            values = (r.claims.f1, r.tags.f1, r.links.f1, r.claims.recall, r.kappa_vs_key)
            self.table.setItem(row, 0, QTableWidgetItem(r.student))
            for col, value in enumerate(values, start=1):
                item = QTableWidgetItem(_fmt(value))
                item.setData(Qt.ItemDataRole.UserRole, -1.0 if value is None else value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()

    def _draw_chart(self) -> None:
        assert self.report is not None
        item = self.plot.getPlotItem()
        item.clear()
        results = self.report.results
        x = np.arange(len(results), dtype=float)
        width = 0.8 / len(SERIES)
        for n, (name, color) in enumerate(SERIES):
            heights = [getattr(r, name).f1 or 0.0 for r in results]
            item.addItem(pg.BarGraphItem(x=x + (n - 1) * width, height=heights, width=width,
                                         brush=color, name=name))
        item.getAxis("bottom").setTicks([[(i, r.student) for i, r in enumerate(results)]])
        item.setYRange(0, 1.05)

    def _fill_lists(self) -> None:
        assert self.report is not None
        data = self.report.to_json()
        for widget, key in ((self.most, "claims_most_found"),
                            (self.least, "claims_least_found")):
            widget.clear()
            for f in data[key]:
                widget.addItem(f"{f['found_by']}/{len(self.report.results)}  "
                               f"{f['document']}: “{f['quote']}”")


def open_class_dashboard(session: ProjectSession, parent: QWidget | None = None
                         ) -> ClassDashboard:
    """Show the dashboard for *session*'s project as its own window and return it."""
    dashboard = ClassDashboard(session, parent)
    dashboard.setWindowFlag(Qt.WindowType.Window, True)
    dashboard.resize(900, 700)
    dashboard.show()
    return dashboard
