"""The main window: the comparison area in the middle, panels in docks, menus, status bar.

The window knows no concrete comparison widget and opens no project file itself: the
composition root (app.py) gives it a :data:`CentralFactory` and a :class:`ProjectOpener`,
so it can be tested with a real project and any comparison widget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from .. import APP_NAME, activity_log
from ..core.errors import ClaimWeaveError
from ..core.model import Change
from ..demo import PANES_SETTING
from ..exchange.datasets import ExportSelection
from ..nlp.cache import cached_entities
from .actions import make_action
from .assist import AssistController
from .backups import BackupController
from .central import CentralFactory, ComparisonFrame
from .classroom import ClassroomActions
from .dataset_actions import DatasetActions
from .dialogs.export import ExportDialog
from .dialogs.help import show_about, show_shortcuts
from .dialogs.preferences import PreferencesDialog
from .dialogs.relation import RelationDialog
from .panels import ClaimsPanel, CodebookPanel, DocumentsPanel, LinksPanel, SearchPanel
from .panels.base import Panel
from .panels.source_card import source_panels
from .session import ProjectSession
from .settings import Settings
from .theme import apply_font_size, apply_theme
from .transfer import (
    IMPORT_FILTER,
    export_with_progress,
    import_summary,
    import_with_progress,
)
from .welcome import WelcomeScreen

PROJECT_FILTER = "ClaimWeave projects (*.claimweave);;All files (*)"
OPEN_FILTER = ("ClaimWeave files (*.claimweave *.cwassign *.cwsubmit);;ClaimWeave projects "
               "(*.claimweave);;Assignments (*.cwassign);;Submissions (*.cwsubmit);;All files (*)")
MESSAGE_MS = 8000
WIDE_WINDOW = 1600  # from this width the window opens three panes instead of two,
VERY_WIDE_WINDOW = 2200  # and from this one, four


PROJECT_SUFFIXES = frozenset({".claimweave", ".cwassign", ".cwsubmit"})


def _dropped(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]


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


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, opener: ProjectOpener, central: CentralFactory,
                 *, demo: Callable[[], Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.opener = opener
        self.central_factory = central
        self.demo = demo  # makes (once) and returns the user's copy of the demo project
        self.session: ProjectSession | None = None
        self.comparison: ComparisonFrame | None = None
        self.panels: dict[str, Panel] = {}
        self.backups: BackupController | None = None
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
        self.resize(1400, 900)
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.assist = AssistController(self)  # spaCy: menu, Suggestions dock, status
        self.set_session(None)

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

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str |
                QKeySequence.StandardKey | None = None, tip: str = "") -> QAction:
        return make_action(self, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New Project…", self.new_project, key.New)
        self.open_action = self._action("&Open Project…", self.choose_project, key.Open)
        self.import_action = self._action("&Import Articles…", self.choose_imports, "Ctrl+I",
                                          "Add .txt, .md, .html, .pdf or .docx articles")
        self.export_action = self._action("&Export…", self.choose_export, "Ctrl+E",
                                          "Write the annotations as a dataset")
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.undo_action = self._action("&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.redo, "Ctrl+Shift+Z")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action("&Find in Document", self.find_in_document, "Ctrl+F")
        self.find_project_action = self._action("Find in &Project", self.find_in_project,
                                                "Ctrl+Shift+F")
        self.relation_action = self._action("New &Relation Type…", self.new_relation_type,
                                            tip="A relation of your own for links")
        self.preferences_action = self._action("Pr&eferences…", self.edit_preferences,
                                               key.Preferences)
        self.add_pane_action = self._action("&Add Pane", self.add_pane, "Ctrl+Shift+N")
        self.remove_pane_action = self._action("&Remove Pane", self.remove_pane, "Ctrl+Shift+W")
        self.scroll_together_action = make_action(
            self, "Scroll Linked Panes &Together", self.set_scroll_together, "Ctrl+Shift+L",
            "Scrolling one pane lines its linked claims up in the panes beside it",
            checkable=True)
        self.bigger_action = self._action("&Larger Text", lambda: self.change_font_size(+1),
                                          key.ZoomIn)
        self.smaller_action = self._action("&Smaller Text", lambda: self.change_font_size(-1),
                                           key.ZoomOut)
        self.backup_action = self._action("&Back Up Now", self.backup_now,
                                          tip="Copy the project into its backups folder")
        self.comparison_action = self._action(
            "&Comparison Views…", self.open_comparison, "Ctrl+Shift+M",
            "Matrix, source heatmap, claim network and frequency charts")
        self.shortcuts_action = self._action("&Keyboard Shortcuts", lambda: show_shortcuts(self),
                                             "F1")
        self.about_action = self._action(f"&About {APP_NAME}", lambda: show_about(self))
        self.project_actions = [self.import_action, self.export_action, self.find_action,
                                self.find_project_action, self.add_pane_action,
                                self.remove_pane_action, self.scroll_together_action,
                                self.comparison_action]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action,
                              self.classroom.open_assignment_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addActions(self.datasets.actions)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.find_action, self.find_project_action])
        edit.addSeparator()
        edit.addAction(self.relation_action)
        edit.addSeparator()
        edit.addAction(self.preferences_action)

        view = bar.addMenu("&View")
        view.addActions([self.add_pane_action, self.remove_pane_action,
                         self.scroll_together_action])
        view.addSeparator()
        view.addAction(self.comparison_action)
        view.addSeparator()
        for d in self.docks.values():
            view.addAction(d.toggleViewAction())
        view.addSeparator()
        view.addActions([self.bigger_action, self.smaller_action])

        bar.addMenu(self.classroom.menu)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _build_status_bar(self) -> None:
        self.read_only_badge = QLabel(" Read-only ")
        self.read_only_badge.setStyleSheet(
            "QLabel { background: #b3261e; color: white; border-radius: 3px; padding: 1px 6px;"
            " font-weight: bold; }")
        self.read_only_badge.setToolTip("Another running ClaimWeave has this project open; "
                                        "changes are disabled here.")
        self.read_only_badge.hide()
        self.statusBar().addPermanentWidget(self.read_only_badge)

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
        self.assist.open(session, start=None if self.settings.analyse_on_open else False)
        self.classroom.greet()

    def _on_changed(self, _change: Change) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        project = self.session.project if self.session else None
        writable = project is not None and not project.read_only
        for action in self.project_actions:
            action.setEnabled(project is not None)
        self.import_action.setEnabled(writable)
        self.backup_action.setEnabled(writable)
        self.relation_action.setEnabled(writable)
        self.undo_action.setEnabled(writable and project.can_undo)  # type: ignore[union-attr]
        self.redo_action.setEnabled(writable and project.can_redo)  # type: ignore[union-attr]
        undo = project.undo_label if project else None
        redo = project.redo_label if project else None
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")

    # ================================================================== projects
    def open_project(self, path: Path, documents: list[str] | None = None) -> bool:
        """Open a project file; an assignment opens as the student's working copy."""
        resolved = self.classroom.resolve_open(Path(path))
        if resolved is None:
            return False
        path = resolved
        session = self.opener.open(Path(path), self)
        if session is None:
            return False
        self._remember(Path(path))
        self.set_session(session, documents)
        return True

    def open_demo(self) -> bool:
        if self.demo is None:
            return False
        try:
            path = self.demo()
        except ClaimWeaveError as exc:
            self.inform("Cannot open the demo", str(exc), warning=True)
            return False
        return self.open_project(path)

    def import_into_new_project(self) -> None:
        """First run: choose where the new project goes, then the articles to put in it."""
        self.new_project()
        if self.session is not None:
            self.choose_imports()

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", self._start_dir(),
                                              OPEN_FILTER)
        if path:
            self.open_project(Path(path))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", self._start_dir(),
                                              PROJECT_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".claimweave")
        session = self.opener.create(target, self)
        if session is not None:
            self._remember(target)
            self.set_session(session)

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.remember_folder("project", Path(path).resolve().parent)

    def _start_dir(self) -> str:
        recent = self.settings.recent_projects
        return self.settings.start_folder("project", recent[0].parent if recent else None)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects
        for path in recent:
            action = self.recent_menu.addAction(f"{path.name}   ({path.parent})")
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _c=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    # ================================================================== import / export
    def choose_imports(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles",
                                                self.settings.start_folder("import"),
                                                IMPORT_FILTER)
        if paths:
            self.settings.remember_folder("import", paths[0])
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> str | None:
        """Import files (menu or drop); returns the summary shown to the user."""
        if self.session is None or self.session.read_only:
            self.show_message("Open a project you can edit before importing articles.")
            return None
        results = import_with_progress(self, self.session.project, paths)
        summary, failed = import_summary(results, len(paths))
        duplicates = any(r.duplicate for r in results)
        # The count, and which files were there already: "Imported 0 of 1" alone says nothing.
        self.show_message(" ".join(summary.split("\n\n")[:2 if duplicates else 1]))
        if failed or len(paths) > 1:
            self.inform("Import", summary, warning=failed)
        new = [r.document.id for r in results if r.document and not r.duplicate]
        if new and self.comparison is not None:
            self.comparison.fill_panes(new, pane_count(self.width()))
        return summary

    def choose_export(self) -> None:
        if self.session is None:
            return
        dialog = ExportDialog(self.session.project, self, last_format=self.settings.export_format,
                              folder=self.settings.folder("export"))
        if dialog.exec() and (request := dialog.request()) is not None:
            self.settings.export_format = request.fmt
            self.settings.remember_folder("export", request.path.parent)
            self.export_to(request.fmt, request.path, request.selection, request.options)

    def export_to(self, fmt: str, path: Path, selection: ExportSelection | None = None,
                  options: dict[str, object] | None = None) -> None:
        assert self.session is not None
        try:
            summary = export_with_progress(self, self.session.project, fmt, path, selection,
                                           options)
        except ClaimWeaveError as exc:
            self.inform("Export failed", str(exc), warning=True)
            return
        except OSError as exc:
            self.inform("Export failed", f"{path}: {exc.strerror or exc}", warning=True)
            return
        self.show_message(f"Exported {summary.documents} documents, {summary.claims} claims "
                          f"and {summary.links} links to {summary.path}")

    def backup_now(self) -> None:
        if self.backups is None:
            return
        try:
            made, new = self.backups.backup_and_wait()
        except ClaimWeaveError as exc:
            self.inform("Backup failed", str(exc), warning=True)
            return
        self.show_message(f"Backed up to {made}" if new
                          else f"Nothing changed since the last backup, {made}")

    def _back_up_quietly(self) -> None:
        """Before a merge or an import of annotations: a copy to go back to."""
        if self.backups is not None:
            self.backups.backup_now()
            self.backups.wait()

    def open_comparison(self) -> None:
        if self.session is not None:
            from .charts import open_comparison  # pyqtgraph and networkx: 0.4 s, on demand

            entities = cached_entities(self.session.project)  # from analyses made so far
            open_comparison(self.session, self, entities=entities or None)

    # ================================================================== edit
    def undo(self) -> None:
        self._replay("undo")

    def redo(self) -> None:
        self._replay("redo")

    def _replay(self, which: str) -> None:
        if self.session is None:
            return
        project = self.session.project
        try:
            label = project.undo() if which == "undo" else project.redo()
        except ClaimWeaveError as exc:
            self.show_message(str(exc))
            return
        self.show_message(f"{which.capitalize()}: {label}")

    def find_in_document(self) -> None:
        if self.comparison is not None:
            self.comparison.open_find()

    def find_in_project(self) -> None:
        if self.session is None:
            return
        dock = self.docks["search"]
        dock.show()
        dock.raise_()
        self.resizeDocks([dock], [max(240, self.height() * 2 // 5)], Qt.Orientation.Vertical)
        self.panels["search"].focus()  # type: ignore[attr-defined]

    def new_relation_type(self) -> None:
        if self.session is None:
            return
        dialog = RelationDialog(self)
        if not dialog.exec():
            return
        try:
            relation = self.session.project.add_relation_type(**dialog.values())  # type: ignore[arg-type]
        except ClaimWeaveError as exc:
            self.inform("Cannot add the relation type", str(exc), warning=True)
            return
        self.show_message(f"Relation “{relation.name}” added: in link mode press O to use it")

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            dialog.save()
            self.apply_preferences()

    def apply_preferences(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
            apply_font_size(app, self.settings.font_size)
        self._apply_reading()

    def _apply_reading(self) -> None:
        if self.comparison is not None:
            s = self.settings
            self.comparison.container.set_reading(s.reading_font, s.reading_size,
                                                  s.reading_margin)

    def change_font_size(self, step: int) -> None:
        self.settings.font_size = (self.settings.font_size or self.font().pointSize()) + step
        if self.settings.reading_size is not None:  # the articles grow with the rest
            self.settings.reading_size = self.settings.reading_size + step
        self.apply_preferences()
        self.show_message(f"Text size {self.settings.font_size} pt")

    # ================================================================== panes
    def add_pane(self) -> None:
        if self.comparison is not None:
            self.comparison.add_pane()  # the container explains in the status bar if it cannot

    def remove_pane(self) -> None:
        if self.comparison is not None:
            self.comparison.remove_pane()

    def set_scroll_together(self, on: bool) -> None:
        if self.comparison is not None:
            self.comparison.container.scroll_together = on

    def show_document(self, doc_id: str) -> None:
        if self.comparison is not None:
            self.comparison.show_document(doc_id)

    def reveal(self, doc_id: str, start: int, end: int) -> None:
        if self.comparison is not None:
            self.comparison.reveal(doc_id, start, end)

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

    # ================================================================== window events
    def _size_docks(self) -> None:
        """Panes first: the tables take under a third of the height, the codebook a strip.

        Docks shown again after the welcome screen would otherwise claim their full size hints
        and squeeze the panes to a few lines.
        """
        self.resizeDocks([self.docks["claims"]], [max(180, self.height() * 3 // 10)],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["codebook"]], [260], Qt.Orientation.Horizontal)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.close_project()
        super().closeEvent(event)
