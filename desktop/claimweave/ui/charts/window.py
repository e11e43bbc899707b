"""The Comparison window: the matrix, the source heatmap, the network and the frequencies
in tabs, kept in step with the project, each exportable to PNG or SVG.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...analysis.comparison import Matrix, compare
from ...analysis.frequencies import entity_frequencies, tag_frequencies
from ...analysis.groups import Proposition, find_groups
from ...analysis.network import claim_network
from ...analysis.snapshot import Snapshot
from ...analysis.sources import source_pairs
from ...core.errors import ClaimWeaveError
from ...core.model import Change
from ...core.targets import check_output_target
from ..session import ProjectSession
from ..widgets import fit_to_screen
from .canvas import scrolling
from .export import FILTER
from .frequency_view import FrequencyView
from .heatmap_view import HeatmapCanvas
from .matrix_view import MatrixCanvas
from .network_view import NetworkView

WATCHED = ("documents", "claims", "claim_tags", "tags", "links", "relation_types", "group_names",
           "claimants", "document_attributes")
EACH = "each source"
LINK_TABLES = ("claims", "links", "relation_types", "documents")


class ComparisonWindow(QDialog):
    """Non-modal; refreshes itself (debounced) after every change to the project."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None, *,
                 entities: Mapping[str, Iterable[str]] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entities = entities
        self.setWindowTitle(f"Comparison: {session.project.title}")
        fit_to_screen(self, 1100, 760)
        self.matrix = MatrixCanvas()
        self.heatmap = HeatmapCanvas()
        self.network = NetworkView()
        self.tags = FrequencyView()
        self.entity_bars = FrequencyView() if entities else None
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(self.matrix), "Matrix")
        self.tabs.addTab(scrolling(self.heatmap), "Sources")
        self.tabs.addTab(self.network, "Network")
        self.tabs.addTab(self.tags, "Tags")
        if self.entity_bars is not None:
            self.tabs.addTab(self.entity_bars, "Entities")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save the current view as a PNG image or an SVG drawing")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.export_button.clicked.connect(self.export_current)
        self.group_by = QComboBox()
        self.group_by.setToolTip("Columns of the matrix and the source views: every source, "
                                 "or sources grouped by their kind or an attribute")
        self.group_by.activated.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel("Columns:"))
        top.addWidget(self.group_by)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self._network_stale = True
        self.matrix.cellActivated.connect(session.activate_claims)
        self.matrix.renameRequested.connect(self.rename)
        self.heatmap.pairActivated.connect(self._pair_activated)
        self.network.claimActivated.connect(lambda cid: session.activate_claims([cid]))
        session.changed.connect(self._on_change)
        session.currentClaimChanged.connect(self.network.show_claim)
        self.tabs.currentChanged.connect(lambda _: self._refresh_network_if_shown())
        self._current_matrix: Matrix | None = None
        self.refresh()

    # -- data
    def views(self) -> dict[str, QWidget]:
        """Each view by tab name (tests and exports use it)."""
        out: dict[str, QWidget] = {"matrix": self.matrix, "sources": self.heatmap,
                                   "network": self.network, "tags": self.tags}
        if self.entity_bars is not None:
            out["entities"] = self.entity_bars
        return out

    def _grouping(self) -> str | None:
        """The chosen grouping, the choices refreshed from the attributes in use."""
        chosen = self.group_by.currentData()
        self.group_by.clear()
        self.group_by.addItem(EACH, None)
        self.group_by.addItem("by kind", "kind")
        for name in self.session.project.attribute_names():
            self.group_by.addItem(f"by {name}", name)
        index = self.group_by.findData(chosen)
        self.group_by.setCurrentIndex(max(0, index))
        return chosen if index > 0 else None

    def refresh(self) -> None:
        snap = Snapshot.of(self.session.project)
        try:
            matrix = compare(snap, find_groups(snap), by=self._grouping())
        except ClaimWeaveError:  # no source has that attribute any more
            self.group_by.setCurrentIndex(0)
            matrix = compare(snap, find_groups(snap))
        self._current_matrix = matrix
        self.matrix.set_data(matrix, {c.id: c.quote for c in snap.claims})
        self.heatmap.set_data(source_pairs(matrix))
        self.tags.set_data(tag_frequencies(snap))
        if self.entity_bars is not None and self.entities is not None:
            self.entity_bars.set_data(entity_frequencies(snap, self.entities))
        self._snapshot = snap
        self._refresh_network_if_shown(force=self._network_stale)

    def _refresh_network_if_shown(self, *, force: bool = False) -> None:
        """The layout is the costly part: redo it only when links changed and it is seen."""
        if not (force or self._network_stale):
            return
        if self.tabs.currentWidget() is self.network:
            self.network.set_data(claim_network(self._snapshot))
            self.network.show_claim(self.session.current_claim)
            self._network_stale = False
        else:
            self._network_stale = True

    def _on_change(self, change: Change) -> None:
        if change.touches(*WATCHED):
            if change.touches(*LINK_TABLES):
                self._network_stale = True
            self._timer.start()

    # -- actions
    def rename(self, prop: Proposition) -> None:
        if self.session.read_only:
            return
        name, ok = QInputDialog.getText(
            self, "Name proposition",
            "Name for this proposition (leave empty for its representative quote):",
            text=prop.name if prop.named else "")
        if ok:
            self._try(lambda: self.session.project.name_group(prop.claim_ids, name))

    def _pair_activated(self, i: int, j: int) -> None:
        """Show the claims by which two sources agree or clash."""
        m = self._current_matrix
        if m is None:
            return
        ids: list[str] = []
        for row in m.cells:
            if row[i].claim_ids and row[j].claim_ids:
                ids += [c for c in (*row[i].claim_ids, *row[j].claim_ids) if c not in ids]
        self.session.activate_claims(ids)

    def export_current(self) -> None:
        view = self.current_view()
        name = view.windowTitle() or "chart"
        settings = getattr(self.parent(), "settings", None)  # the main window's memory
        folder = (settings.folder("chart") if settings is not None else None) or \
            self.session.project.path.parent  # never the process's working folder
        path, _ = QFileDialog.getSaveFileName(self, "Export view", str(folder / f"{name}.png"),
                                              FILTER)
        if path and settings is not None:
            settings.remember_folder("chart", path)
        if path:
            self._try(lambda: view.export(  # type: ignore[attr-defined]
                check_output_target(path, self.session.project.path)))

    def current_view(self) -> QWidget:
        page = self.tabs.currentWidget()
        inner = page.widget() if hasattr(page, "widget") else page
        return inner

    def _try(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except (ClaimWeaveError, ValueError, OSError) as exc:
            QMessageBox.warning(self, "ClaimWeave", str(exc))

    def closeEvent(self, event: object) -> None:
        self.session.changed.disconnect(self._on_change)
        self.session.currentClaimChanged.disconnect(self.network.show_claim)
        super().closeEvent(event)  # type: ignore[arg-type]


def open_comparison(session: ProjectSession, parent: QWidget | None = None, *,
                    entities: Mapping[str, Iterable[str]] | None = None) -> ComparisonWindow:
    """Open (and return) the Comparison window for a session; the View menu's entry point."""
    window = ComparisonWindow(session, parent, entities=entities)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
