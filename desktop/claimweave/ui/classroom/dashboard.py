"""A window over a class project: every figure with a one-line explanation, a table per
student, the rubric to fill in, a chart of the scores, and the key's claims most and least
found. All numbers come from the Qt-free
:func:`claimweave.classroom.agreement.analyse_class`; this module only shows them."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ...classroom.explain import figure_lines
from ...classroom.layers import ClassData
from ...core.model import Change
from ..session import ProjectSession
from ..widgets import fit_to_screen
from .rubric_grid import RubricGrid

COLUMNS = (
    ("student", "The student's name, as handed in"),
    ("claims F1", "How well the student's claims match the key's: 1 = the same passages, "
                  "0 = none in common (the balance of precision and recall)"),
    ("tags F1", "On the claims the student found, how well their tags match the key's"),
    ("links F1", "How many of the key's links the student made with the same relation, "
                 "balanced against links the key does not have"),
    ("claims found", "Recall: the share of the key's claims the student found"),
    ("agreement with key", "Cohen's kappa, character by character, of what the student and "
                           "the key marked as claims: 1 = identical, 0 = as by chance"),
    ("links without justification", "The student's links whose note (the justification) "
                                     "is empty"),
)
LEGEND = ("<b>F1</b> is 0–1: 1 means the student's and the key's items coincide. "
          "<b>Agreement with key</b> corrects for chance: 0 is what marking at random gives. "
          "Hover over a column or a figure for more; docs/classroom.md explains each.")
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
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setHorizontalHeaderLabels([name for name, _ in COLUMNS])
        for col, (_name, tip) in enumerate(COLUMNS):
            header = self.table.horizontalHeaderItem(col)
            if header is not None:
                header.setToolTip(tip)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.legend = QLabel(LEGEND)
        self.legend.setWordWrap(True)
        self.rubric = RubricGrid(session)
        self.plot = pg.PlotWidget(background="w")
        self.plot.getPlotItem().setMenuEnabled(False)
        self.plot.getPlotItem().setLabel("left", "F1 against the key")
        self.plot.getPlotItem().addLegend(offset=(-10, 10))
        self.most, self.least = _quote_list(), _quote_list()

        top = QHBoxLayout()
        top.addWidget(QLabel("Key:"))
        top.addWidget(self.key_box)
        top.addWidget(self.status, 1)
        scores = _titled("Students against the key", self.table, self.legend)
        self.rubric_box = _titled("Rubric: your levels and comments", self.rubric)
        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.addWidget(self.plot)
        lists.addWidget(_titled("Key claims most found", self.most))
        lists.addWidget(_titled("Key claims least found", self.least))
        body = QSplitter(Qt.Orientation.Vertical)
        for part in (scores, self.rubric_box, lists):
            body.addWidget(part)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
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
        elif change.touches("assessments", "rubric_criteria"):
            self.rubric.refresh()

    def refresh(self) -> None:
        """Recompute from the project and redraw everything."""
        try:
            key = self.key_box.currentData()
            data = ClassData.of(self.session.project, key=key, recorded_key=False)
        except ClassroomError as exc:
            self.status.setText(str(exc))
            return
        self.report = analyse_class(data)
        self.status.setText(f"{data.title}" + ("" if data.key else
                                               " · choose a key to grade the students"))
        self.figures.setText("<br/>".join(
            f"<b>{escape(label)}: {escape(value)}</b> "
            f"<span style='color:#4b5563'>— {escape(why)}</span>"
            for label, value, why in figure_lines(self.report)))
        self._fill_table()
        self.rubric.fill(data.students)
        self.rubric_box.setVisible(bool(self.rubric.criteria))
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
                self._number(row, col, _fmt(value), -1.0 if value is None else value)
            self._number(row, len(values) + 1, str(len(r.links_unjustified)),
                         float(len(r.links_unjustified)))
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()

    def _number(self, row: int, col: int, text: str, sort: float) -> None:
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, sort)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, col, item)

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
                                         brush=color, name=f"{name} F1"))
        item.getAxis("bottom").setTicks([[(i, r.student) for i, r in enumerate(results)]])
        item.setYRange(0, 1.3)  # room above the bars for the legend

    def _fill_lists(self) -> None:
        assert self.report is not None
        data = self.report.to_json()
        for widget, key in ((self.most, "claims_most_found"),
                            (self.least, "claims_least_found")):
            widget.clear()
            for f in data[key]:
                widget.addItem(f"{f['found_by']}/{len(self.report.results)} students · "
                               f"{f['document']}: “{f['quote']}”")


def _quote_list() -> QListWidget:
    """A list whose long quotes wrap instead of scrolling sideways."""
    box = QListWidget()
    box.setWordWrap(True)
    box.setSpacing(3)
    box.setAlternatingRowColors(True)
    box.setTextElideMode(Qt.TextElideMode.ElideNone)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setResizeMode(QListWidget.ResizeMode.Adjust)
    box.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    box.setToolTip("How many students found each of the key's claims (matched by overlap)")
    return box


def _titled(title: str, *widgets: QWidget) -> QWidget:
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.addWidget(QLabel(f"<b>{escape(title)}</b>"))
    for w in widgets:
        col.addWidget(w, 1 if not isinstance(w, QLabel) else 0)
        if not isinstance(w, QLabel) and not w.accessibleName():
            w.setAccessibleName(title)  # a screen reader says the heading over it
    return box


def open_class_dashboard(session: ProjectSession, parent: QWidget | None = None
                         ) -> ClassDashboard:
    """Show the dashboard for *session*'s project as its own window and return it."""
    dashboard = ClassDashboard(session, parent)
    dashboard.setWindowFlag(Qt.WindowType.Window, True)
    fit_to_screen(dashboard, 1100, 900)
    dashboard.show()
    return dashboard
