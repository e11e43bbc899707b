"""The composition root: the one place that wires the core to the desktop user interface.

It creates the QApplication, opens projects (locked for writing, or read-only when another
running ClaimWeave holds them), chooses the comparison widget, builds the main window and,
for ``claimweave gui --screenshot``, renders the painted window to a PNG and exits.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from . import APP_NAME, __version__, activity_log
from .core.errors import (
    ClaimWeaveError,
    InvalidOperationError,
    LockUnavailableError,
    ProjectLockedError,
)
from .core.location import storage_warning
from .core.schema_objects import ForeignSchemaError
from .core.store import Project
from .demo import user_demo
from .ui import crash_dialog
from .ui.central import CentralFactory
from .ui.main_window import MainWindow
from .ui.panes import PaneContainer
from .ui.session import ProjectSession
from .ui.settings import Settings
from .ui.theme import apply_font_size, apply_theme

ORGANIZATION = "ClaimWeave"
DEMO_PATH = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
SETTLE_MS = 150  # after the first paint: time for deferred layouts (link bands) to run

Notify = Callable[[QWidget | None, str, str, bool], None]
"""Tell the user something: (parent, title, text, is_warning)."""


def message_box(parent: QWidget | None, title: str, text: str, warning: bool) -> None:
    if warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def print_notice(_parent: QWidget | None, title: str, text: str, _warning: bool) -> None:
    """For runs without a user at the screen (screenshots): the notice goes to stderr."""
    print(f"{title}: {' '.join(text.split())}", file=sys.stderr)


class Opener:
    """Opens and creates projects for the window; known errors become notices, not crashes."""

    def __init__(self, notify: Notify = message_box) -> None:
        def logged(parent: QWidget | None, title: str, text: str, warning: bool) -> None:
            if warning:
                activity_log.refused(f"{title}: {text}")
            notify(parent, title, text, warning)

        self.notify: Notify = logged
        self._warned: set[Path] = set()

    def _warn_about_location(self, path: Path, parent: QWidget | None) -> None:
        """Once per project and run: a synced folder or a network drive is unsafe."""
        key = path.resolve()
        message = None if key in self._warned else storage_warning(path)
        self._warned.add(key)
        if message:
            self.notify(parent, "Project in a synced or network folder", message, True)

    def open(self, path: Path, parent: QWidget | None) -> ProjectSession | None:
        try:
            try:
                project = Project.open(path, lock=True)
            except LockUnavailableError as exc:
                project = Project.open(path, read_only=True)
                self.notify(parent, "Opened read-only",
                            f"{exc}. You can read and search it here; to edit it, copy it "
                            "to a folder you can write to.", False)
            except ForeignSchemaError as exc:  # readable; writing would run what was planted
                project = Project.open(path, read_only=True)
                self.notify(parent, "Opened read-only", f"{exc}", True)
            except ProjectLockedError:
                project = Project.open(path, read_only=True)
                self.notify(parent, "Opened read-only",
                            f"{path.name} is open in another running {APP_NAME}, so it was "
                            "opened read-only here: you can read and search it but not change "
                            "it. Close the other window to edit.", False)
        except ClaimWeaveError as exc:
            self.notify(parent, "Cannot open project", str(exc), True)
            return None
        self._warn_about_location(path, parent)
        return ProjectSession(project)

    def create(self, path: Path, parent: QWidget | None) -> ProjectSession | None:
        try:
            project = Project.create(path, lock=True)
        except ClaimWeaveError as exc:
            self.notify(parent, "Cannot create project", str(exc), True)
            return None
        self._warn_about_location(path, parent)
        return ProjectSession(project)


def comparison_factory() -> CentralFactory:
    """The side-by-side pane container is the comparison area of the window."""
    return PaneContainer


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings finds the user's preferences."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def data_folder() -> Path:
    """Where the program keeps its own files (the user's demo copy): per user, writable;
    one folder named ClaimWeave (AppDataLocation would nest the organisation and the
    program, ~/.local/share/ClaimWeave/ClaimWeave)."""
    location = QStandardPaths.StandardLocation.GenericDataLocation
    base = QStandardPaths.writableLocation(location)
    return Path(base) / APP_NAME if base else Path.home() / ".claimweave"


def build_window(settings: Settings, notify: Notify = message_box,
                 demo_folder: Path | None = None) -> MainWindow:
    folder = demo_folder
    return MainWindow(settings, Opener(notify), comparison_factory(),
                      demo=lambda: user_demo(folder or data_folder()))


def resolve_documents(session: ProjectSession, refs: Sequence[str]) -> list[str]:
    """Document ids from ids, unique id prefixes or exact titles."""
    project = session.project
    titles = {d.title.casefold(): d.id for d in project.documents()}
    return [titles.get(ref.casefold()) or project.resolve_document(ref) for ref in refs]


def parse_size(text: str | None) -> QSize | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise InvalidOperationError(f"size {text!r} is not of the form WIDTHxHEIGHT") from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise InvalidOperationError(f"size {text!r} is out of range (200 to 10000 pixels)")
    return QSize(w, h)


def settle(app: QApplication, ms: int = SETTLE_MS) -> None:
    """Let posted events, deferred layouts and zero-delay timers run before a grab."""
    app.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def take_screenshot(project_path: Path, docs: Sequence[str], out: Path,
                    size: QSize | None) -> int:
    """Open the project, show it, render the window to *out* once painted; exit status."""
    app = application()
    settings = Settings()
    apply_theme(app, settings.theme)
    apply_font_size(app, settings.font_size)
    window = build_window(settings, notify=print_notice)
    window.auto_backup = False  # a screenshot leaves no backup folder beside the project
    size = size or QSize(1400, 900)
    window.resize(size)
    session = window.opener.open(project_path, window)
    if session is None:
        return 1
    try:
        ids = resolve_documents(session, docs) if docs else None
    except ClaimWeaveError:
        session.close()
        raise
    window.set_session(session, ids)
    window.resize(size)  # showing the docks may have asked for more room
    window.show()
    settle(app)
    if window.size() != size:
        window.resize(size)
        settle(app)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out), "PNG")
    window.close_project()
    window.close()
    window.deleteLater()
    app.processEvents()
    if not ok:
        raise InvalidOperationError(f"{out}: could not write the screenshot")
    return 0


def run_gui(project_path: Path | None = None, docs: Sequence[str] = (),
            screenshot: Path | None = None, size: str | None = None,
            demo: bool = False) -> int:
    """Start the desktop program; with *screenshot*, render once and return instead.
    With *demo*, open the user's copy of the demo project (made on first use)."""
    qsize = parse_size(size)
    if demo:
        application()  # names the data folder
        project_path = user_demo(data_folder())
    if screenshot is not None:
        if project_path is None:
            raise InvalidOperationError("--screenshot needs a PROJECT")
        return take_screenshot(Path(project_path), docs, Path(screenshot), qsize)

    app = application()
    crash_dialog.install()  # one handler: log + copyable report; faulthandler file
    activity_log.enable(program="claimweave gui")
    settings = Settings()
    apply_theme(app, settings.theme)
    apply_font_size(app, settings.font_size)
    window = build_window(settings)
    target = Path(project_path) if project_path else settings.last_project
    if target is not None:
        session = window.opener.open(target, window)
        if session is not None:
            settings.add_recent(target)
            try:
                ids = resolve_documents(session, docs) if docs else None
            except ClaimWeaveError as exc:
                message_box(window, "Unknown document", str(exc), True)
                ids = None
            window.set_session(session, ids)
    window.restore_layout()  # after the project: the panels' layout is restored with them
    if qsize is not None:
        window.resize(qsize)
    window.show()
    QTimer.singleShot(0, lambda: crash_dialog.offer_previous_crash_log(window))
    return app.exec()
