"""What every part of the main window shares: its state, its docks, and how it tells the user.

The parts (files.py, commands.py, menus.py) derive from :class:`WindowBase`, so each one is
type-checked against the same attributes; ``MainWindow`` (ui/main_window.py) composes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from ... import activity_log
from ...demo import PANES_SETTING
from ..assist import AssistController
from ..backups import BackupController
from ..central import CentralFactory, ComparisonFrame
from ..classroom import ClassroomActions
from ..dataset_actions import DatasetActions
from ..panels.base import Panel
from ..session import ProjectSession
from ..settings import Settings

MESSAGE_MS = 8000
WIDE_WINDOW = 1600  # from this width the window opens three panes instead of two,
VERY_WIDE_WINDOW = 2200  # and from this one, four


class ProjectOpener(Protocol):
    """Opens and creates projects, turning known errors into messages (app.py does this)."""

    def open(self, path: Path, parent: QWidget | None) -> ProjectSession | None: ...

    def create(self, path: Path, parent: QWidget | None) -> ProjectSession | None: ...


def pane_count(width: int) -> int:
    """How many panes fit a window this wide (two to four)."""
    return 2 if width < WIDE_WINDOW else 3 if width < VERY_WIDE_WINDOW else 4


def default_documents(session: ProjectSession, width: int) -> list[str]:
    """The documents shown when a project opens: those the project names (the demo does),
    else the first ones; as many as fit the window's width (two to four)."""
    project = session.project
    count = pane_count(width)
    ids = list(project.document_titles())
    named = [i for i in (project.get_setting(PANES_SETTING) or "").split(",") if i in ids]
    return (named or ids)[:count]


class WindowBase(QMainWindow):
    """The window's shared state, its docks and status badge, and its two ways to speak."""

    settings: Settings
    opener: ProjectOpener
    central_factory: CentralFactory
    demo: Callable[[], Path] | None  # makes (once) and returns the user's copy of the demo
    session: ProjectSession | None
    comparison: ComparisonFrame | None
    panels: dict[str, Panel]
    backups: BackupController | None
    auto_backup: bool  # off for a one-off screenshot: it changes nothing to keep
    classroom: ClassroomActions
    datasets: DatasetActions
    assist: AssistController
    docks: dict[str, QDockWidget]
    read_only_badge: QLabel
    _table_share: float | None  # the tables' share of the window's height, kept on resizes
    _share_height: int  # the window height the share was noted at

    def set_session(self, session: ProjectSession | None,
                    documents: list[str] | None = None) -> None:
        """Show a project (or the welcome screen); ``MainWindow`` does it."""
        raise NotImplementedError

    # ================================================================== layout
    def _build_docks(self) -> None:
        def dock(key: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
            d = QDockWidget(title, self)
            d.setObjectName(f"dock_{key}")
            d.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                          | QDockWidget.DockWidgetFeature.DockWidgetClosable
                          | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
            self.addDockWidget(area, d)
            return d

        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "claims": dock("claims", "Claims", bottom),
            "links": dock("links", "Links", bottom),
            "documents": dock("documents", "Documents", bottom),
            "codebook": dock("codebook", "Codebook", right),
            # with the tables, full width: a narrow column beside Suggestions held four hits
            "search": dock("search", "Find in project", bottom),
            # a tab beside the codebook: a column of its own took a quarter of the panes' width
            "source": dock("source", "Source", right),
        }
        self.tabifyDockWidget(self.docks["claims"], self.docks["links"])
        self.tabifyDockWidget(self.docks["links"], self.docks["documents"])
        self.tabifyDockWidget(self.docks["documents"], self.docks["search"])
        self.tabifyDockWidget(self.docks["codebook"], self.docks["source"])
        self.docks["claims"].raise_()
        self.docks["codebook"].raise_()

    def _size_docks(self) -> None:
        """Panes first: the tables take under a third of the height, the codebook a strip.

        Docks shown again after the welcome screen would otherwise claim their full size hints
        and squeeze the panes to a few lines.
        """
        tables = max(180, self.height() * 3 // 10)
        self._table_share = tables / self.height() if self.height() > 0 else None
        self._share_height = self.height()
        self.resizeDocks([self.docks["claims"]], [tables], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["codebook"]], [260], Qt.Orientation.Horizontal)
        self._share_right_column()

    def _table_dock(self) -> QDockWidget | None:
        """The docked table shown at the bottom (the current tab of Claims, Links, ...)."""
        for key in ("claims", "links", "documents", "search"):
            dock = self.docks[key]
            if (dock.isVisible() and not dock.isFloating()
                    and self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea):
                return dock
        return None

    def _remember_table_share(self) -> None:
        """Note the tables' share of the window's height when a table dock is resized at an
        unchanged window height (the user drags the separator; the docks are sized): Qt
        keeps a dock's pixels when the window is resized and gives the whole change to the
        panes and the right column, so a window opened large and made small kept its tall
        tables and squeezed the codebook to three tags."""
        dock, height = self._table_dock(), self.height()
        if dock is None or height != self._share_height or dock.y() <= 0:
            return  # the window itself is being resized, or the docks are not laid out yet
        extent = self._table_extent(dock)
        if 0 < extent < height:
            self._table_share = extent / height

    def _table_extent(self, dock: QDockWidget) -> int:
        """The height of the bottom area: the dock and, when tabbed, its tab bar (what
        ``resizeDocks`` sizes), down to the status bar."""
        bar = self.statusBar()
        return (bar.geometry().top() if bar.isVisible() else self.height()) - dock.y()

    def _keep_table_share(self) -> None:
        """After the window's height changed: give the tables their share of it again."""
        dock, share = self._table_dock(), self._table_share
        if dock is not None and share is not None:
            self.resizeDocks([dock], [round(share * self.height())], Qt.Orientation.Vertical)
        self._share_height = self.height()

    def _share_right_column(self) -> None:
        """The codebook and the Suggestions dock under it split their column evenly when the
        codebook has under two fifths of it: at 1024x700 the Suggestions dock's size hint
        left the codebook three tags while its own table had empty room, also after the
        window was made small and large again."""
        codebook, below = self.docks["codebook"], self.docks.get("suggestions")
        if (below is None or not below.isVisible() or not codebook.isVisible()
                or below.isFloating() or codebook.isFloating()
                or abs(below.x() - codebook.x()) > 4):  # not one above the other
            return
        total = codebook.height() + below.height()
        if codebook.height() < total * 2 // 5:
            self.resizeDocks([codebook, below], [total // 2, total - total // 2],
                             Qt.Orientation.Vertical)
            return
        # A tall window: the room the codebook's tags leave empty goes to the suggestions,
        # down to the codebook's two fifths (at 1600x1000 a third of it stood empty while
        # the Suggestions table showed five rows).
        keep = max(total * 2 // 5, codebook.height() - self._codebook_spare())
        if keep < codebook.height():
            self.resizeDocks([codebook, below], [keep, total - keep], Qt.Orientation.Vertical)
            layout = self.layout()
            if layout is not None:  # the size asked covers the codebook's tab bar too:
                layout.activate()  # ask once more for what that took
                short = keep - codebook.height()
                if short > 0:
                    self.resizeDocks([codebook, below], [keep + short, total - keep - short],
                                     Qt.Orientation.Vertical)

    def _codebook_spare(self) -> int:
        """The codebook's empty height below its tags (all shown: the tree is expanded)
        and a row for a new one."""
        from ..panels.codebook import CodebookPanel

        panel = self.panels.get("codebook")
        if not isinstance(panel, CodebookPanel) or not panel.items:
            return 0
        view = panel.view
        rows = len(panel.items) + 1
        return max(0, view.viewport().height() - rows * view.sizeHintForRow(0))

    def _build_status_bar(self) -> None:
        self.read_only_badge = QLabel(" Read-only ")
        self.read_only_badge.setStyleSheet(
            "QLabel { background: #b3261e; color: white; border-radius: 3px; padding: 1px 6px;"
            " font-weight: bold; }")
        self.read_only_badge.setToolTip("Another running ClaimWeave has this project open; "
                                        "changes are disabled here.")
        self.read_only_badge.hide()
        self.statusBar().addPermanentWidget(self.read_only_badge)

    # ================================================================== feedback
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(" ".join(text.split()), MESSAGE_MS)

    def inform(self, title: str, text: str, *, warning: bool = False) -> None:
        """A non-blocking message box: annotating goes on while it is open."""
        if warning:
            activity_log.refused(f"{title}: {text}")
        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                          title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
