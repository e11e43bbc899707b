"""The main window: the comparison area in the middle, panels in docks, menus, status bar.

The window knows no concrete comparison widget and opens no project file itself: the
composition root (app.py) gives it a :data:`CentralFactory` and a :class:`ProjectOpener`,
so it can be tested with a real project and any comparison widget.

``MainWindow`` composes the parts under ``ui/window/``: the shared state, docks and messages
(base.py), the File verbs (files.py), the Edit and View verbs (commands.py) and the menus
(menus.py). Here it builds them, shows a project or the welcome screen, and takes the
window's events (drops, closing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from .. import APP_NAME
from ..core.model import Change
from .assist import AssistController
from .backups import BackupController
from .central import CentralFactory, ComparisonFrame
from .classroom import ClassroomActions
from .dataset_actions import DatasetActions
from .dialogs.help import show_shortcuts
from .panels import ClaimsPanel, CodebookPanel, DocumentsPanel, LinksPanel, SearchPanel
from .panels.source_card import source_panels
from .session import ProjectSession
from .settings import Settings
from .welcome import WelcomeScreen
from .widgets import fit_to_screen
from .window.base import ProjectOpener as ProjectOpener
from .window.base import default_documents as default_documents
from .window.base import pane_count as pane_count
from .window.menus import WindowMenus

PROJECT_SUFFIXES = frozenset({".claimweave", ".cwassign", ".cwsubmit"})


def _dropped(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]


class MainWindow(WindowMenus):
    def __init__(self, settings: Settings, opener: ProjectOpener, central: CentralFactory,
                 *, demo: Callable[[], Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.opener = opener
        self.central_factory = central
        self.demo = demo  # makes (once) and returns the user's copy of the demo project
        self.session = None
        self.comparison = None
        self.panels = {}
        self.backups = None
        self.auto_backup = True  # off for a one-off screenshot: it changes nothing to keep
        self.classroom = ClassroomActions(self, lambda title, text, warn: self.inform(
            title, text, warning=warn))
        self.classroom.message.connect(self.show_message)
        self.classroom.openRequested.connect(self.open_project)
        self.datasets = DatasetActions(self, lambda title, text, warn: self.inform(
            title, text, warning=warn), before_change=self._back_up_quietly)
        self.datasets.message.connect(self.show_message)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self._share_timer = QTimer(self)
        self._share_timer.setSingleShot(True)
        self._share_timer.setInterval(0)
        self._share_timer.timeout.connect(self._after_new_height)
        self._table_share, self._share_height = None, -1
        fit_to_screen(self, 1400, 900)
        self._build_docks()
        for key in ("claims", "links", "documents", "search"):
            self.docks[key].installEventFilter(self)  # their resizes note the tables' share
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.assist = AssistController(self)  # spaCy: menu, Suggestions dock, status
        self.set_session(None)

    # ================================================================== session
    def set_session(self, session: ProjectSession | None,
                    documents: list[str] | None = None) -> None:
        """Show a project (or the welcome screen), replacing the one shown before."""
        self.close_project()
        self.session = session
        if session is None:
            self._show_welcome()
        else:
            self._show_project(session, documents)
            if session.project.replaced_text:  # the views just read text another tool broke
                self.inform("Text that is not UTF-8", f"{session.project.path.name}: some text "
                            "is not valid UTF-8 (written by another program) and is shown with "
                            "\ufffd. 'claimweave check' lists where.", warning=True)
        self._update_actions()

    def close_project(self) -> None:
        """Release the project file (and its lock) and drop the views that showed it."""
        if self.session is not None and self.comparison is not None:
            container = self.comparison.container
            self.settings.save_project_panes(self.session.project.path, container.documents(),
                                             container.splitter.saveState())
        old, self.session = self.session, None
        self.assist.close()  # cancels the analysis before the file goes
        for d in self.docks.values():
            w = d.widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.panels = {}
        self.comparison = None
        if self.backups is not None:
            self.backups.close()  # finishes a backup of pending edits before the file goes
            self.backups = None
        self.classroom.set_session(None)
        self.datasets.set_session(None)
        if old is not None:
            old.close()
            old.deleteLater()

    def _show_welcome(self) -> None:
        welcome = WelcomeScreen(self.settings.recent_projects,
                                self.demo is not None, self)
        welcome.openDemo.connect(self.open_demo)
        welcome.importArticles.connect(self.import_into_new_project)
        welcome.showGuide.connect(lambda: show_shortcuts(self))
        welcome.newProject.connect(self.new_project)
        welcome.openProject.connect(self.choose_project)
        welcome.openAssignment.connect(self.classroom.open_assignment)
        welcome.openRecent.connect(self.open_project)
        self.setCentralWidget(welcome)
        for d in self.docks.values():
            d.hide()
        self.read_only_badge.hide()
        self.setWindowTitle(APP_NAME)

    def _show_project(self, session: ProjectSession, documents: list[str] | None) -> None:
        session.setParent(self)
        self.comparison = ComparisonFrame(session, self.central_factory, self)
        self.comparison.message.connect(self.show_message)
        self.setCentralWidget(self.comparison)
        self.panels = {
            "claims": ClaimsPanel(session),
            "links": LinksPanel(session),
            "documents": DocumentsPanel(session),
            "codebook": CodebookPanel(session),
            "search": SearchPanel(session),
            **source_panels(session, self.comparison.container, self.reveal),
        }
        for key, panel in self.panels.items():
            panel.message.connect(self.show_message)
            self.docks[key].setWidget(panel)
            if key != "search":
                self.docks[key].show()
        self._size_docks()
        QTimer.singleShot(0, self._size_docks)  # again once the shown docks are laid out
        self.panels["documents"].documentChosen.connect(self.show_document)  # type: ignore[attr-defined]
        self.panels["search"].revealRequested.connect(self.reveal)  # type: ignore[attr-defined]
        session.changed.connect(self._on_changed)
        self.read_only_badge.setVisible(session.read_only)
        suffix = " [read-only]" if session.read_only else ""
        self.setWindowTitle(f"{session.project.title}{suffix} — {APP_NAME}")
        stats = session.project.totals()
        self.show_message(f"{session.project.title}: {stats['documents']} documents, "
                          f"{stats['claims']} claims, {stats['links']} links. Everything is "
                          "saved as you work.")
        self.classroom.set_session(session)
        self.datasets.set_session(session)
        student = self.classroom.annotator()
        self.comparison.set_annotator(lambda: student or self.settings.annotator)
        if not session.read_only and self.auto_backup:
            self.backups = BackupController(session.project, self)
            self.backups.failed.connect(lambda why: self.show_message(f"Backup failed: {why}"))
        remembered, splitter = self.settings.project_panes(session.project.path)
        known = {d.id for d in session.project.documents()}
        remembered = [d for d in remembered if d in known]
        if documents is None:
            documents = remembered or default_documents(session, self.width())
        self._apply_reading()
        self.comparison.set_documents(documents)
        if splitter is not None and documents == remembered:
            self.comparison.container.splitter.restoreState(splitter)  # the panes' widths
        self.comparison.container.scroll_together = self.scroll_together_action.isChecked()
        panes = self.comparison.container.panes()
        if panes:  # the keys (Enter, digits, Tab through the claims) work at once
            panes[0].view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.assist.open(session, start=None if self.settings.analyse_on_open else False)
        self.classroom.greet()

    def _on_changed(self, _change: Change) -> None:
        self._update_actions()

    # ================================================================== window events
    def restore_layout(self) -> None:
        """The size and place of the window and, when a project is shown, of its panels."""
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None and self.session is not None:
            self.restoreState(state)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = _dropped(event.mimeData().urls())
        opens = len(paths) == 1 and paths[0].suffix.lower() in PROJECT_SUFFIXES
        if paths and (opens or (self.session and not self.session.read_only)):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A project file dropped on the window opens; articles are imported."""
        paths = _dropped(event.mimeData().urls())
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and paths[0].suffix.lower() in PROJECT_SUFFIXES:
            self.open_project(paths[0])
        else:
            self.import_paths(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.session is not None:
            self._remember_table_share()  # a table dock resized
        return super().eventFilter(watched, event)

    def _after_new_height(self) -> None:
        """The tables keep their share of the height; the right column is shared once
        they are laid out."""
        self._keep_table_share()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the docks at their new heights, before the column is shared
        self._share_right_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Only a new height changes how the column's docks split; one timer coalesces the
        # burst of resize events a drag sends into one share, after the docks are laid out.
        if self.session is not None and event.size().height() != event.oldSize().height():
            self._share_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The welcome screen hides every panel: its state would open the next project bare.
        shown = self.session is not None
        self.settings.save_window_state(self.saveGeometry(), self.saveState() if shown else None)
        self.close_project()
        super().closeEvent(event)
