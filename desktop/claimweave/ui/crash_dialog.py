"""One handler for everything that reaches the top of the desktop program.

:func:`install` replaces ``sys.excepthook`` (which PySide6 also calls for exceptions raised
in slots and event handlers) and ``threading.excepthook``:

- a :class:`ClaimWeaveError` is a known failure: its message is shown, no crash report is
  written (the activity log notes the refusal);
- anything else is a bug: :func:`claimweave.crash.write_report` writes the report, and a
  :class:`CrashDialog` shows it, read-only, with a Copy button;
- an exception in a worker thread is logged at once and shown on the UI thread.

:func:`offer_previous_crash_log` runs once the window is up, and offers the report of a
crash the user never saw (the program died first, or crashed natively).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, activity_log, crash
from ..core.errors import ClaimWeaveError

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
MAX_DIALOGS = 3  # a bug in a paint handler would otherwise raise a dialog per repaint


class CrashDialog(QDialog):
    """The report of an unexpected error, copyable; says where the log file is."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None,
                 *, previous: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.log_path = log_path
        self.setWindowTitle(f"{APP_NAME}: " + ("the last session crashed" if previous
                                               else "unexpected error"))
        if previous:
            intro = (f"{APP_NAME} closed unexpectedly the last time it ran. Your work up to "
                     "the last change was saved in the project file.")
        else:
            intro = ("Something went wrong that should not have. Your work up to the last "
                     "change is saved in the project file; it is safest to save nothing "
                     "else risky and restart.")
        intro += (" Please send the report below with a bug report: it holds versions and "
                  "the program's call stack, no project content.")
        label = QLabel(intro)
        label.setWordWrap(True)
        where = QLabel(f"Log file: {log_path}" if log_path else "The log file could not be "
                       "written; copy the report instead.")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        self.text = QPlainTextEdit(report)
        self.text.setAccessibleName("Crash report")
        self.text.setObjectName("crashReport")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(640, 280)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        if log_path is not None:
            folder = QPushButton("Open log &folder")
            folder.clicked.connect(lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(log_path.parent))))
            buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (label, where, self.text, buttons):
            layout.addWidget(w)
        self.copy_button.setFocus()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("Copied")


class _Relay(QObject):
    """Carries a report from any thread to the UI thread (a queued signal)."""

    report = Signal(str, str)
    message = Signal(str)


class CrashHandler:
    """Writes the log and shows the dialog; one per process, installed by :func:`install`."""

    def __init__(self, folder: Path | None = None,
                 show_message: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.show_message = show_message or _warn
        self.dialogs: list[CrashDialog] = []
        self.shown = 0
        self._relay = _Relay()
        self._relay.report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._relay.message.connect(self.show_message, Qt.ConnectionType.QueuedConnection)

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if isinstance(exc, ClaimWeaveError):  # a message for the user, not a bug
            activity_log.refused(str(exc))
            if QApplication.instance() is None:
                if sys.__stderr__ is not None:
                    sys.__stderr__.write(f"error: {exc}\n")
            elif threading.current_thread() is threading.main_thread():
                self.show_message(str(exc))
            else:
                self._relay.message.emit(str(exc))
            return
        if isinstance(exc, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        try:
            path, report = crash.write_report(kind, exc, tb, folder=self.folder)
        except OSError as log_error:  # a full disk must not hide the report too
            path, report = None, crash.format_report(kind, exc, tb) + f"\n(no log: {log_error})\n"
        if sys.__stderr__ is not None:  # None in a windowed build without a console
            sys.__stderr__.write(report + (f"(written to {path})\n" if path else ""))
        if QApplication.instance() is None:
            return  # no window possible: the marker makes the next start offer the log
        if threading.current_thread() is threading.main_thread():
            self._show(report, str(path or ""))
        else:
            self._relay.report.emit(report, str(path or ""))

    def _show(self, report: str, path: str) -> None:
        log = Path(path) if path else None
        if self.shown >= MAX_DIALOGS or any(d.isVisible() for d in self.dialogs):
            return  # logged already; one dialog at a time, and only a few per session
        self.shown += 1
        dialog = CrashDialog(report, log, QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self.dialogs.remove(dialog)
                                 if dialog in self.dialogs else None)
        self.dialogs.append(dialog)
        if log is not None:
            crash.acknowledge(log, self.folder or log.parent)
        if QThread.currentThread().loopLevel() == 0:
            dialog.exec()  # no event loop yet (or any more): block so the user sees it
        else:
            dialog.setModal(True)
            dialog.show()


_handler: CrashHandler | None = None
_keep_open: list[CrashDialog] = []


def install(folder: Path | None = None) -> ExceptHook:
    """Route uncaught exceptions (also from Qt slots and threads) to one handler.

    Also turns on faulthandler for native crashes. Call once, after the QApplication
    exists; returns the previous ``sys.excepthook`` so tests can restore it.
    """
    global _handler
    crash.enable_native_log(folder)
    previous = sys.excepthook
    _handler = CrashHandler(folder)
    sys.excepthook = _handler
    threading.excepthook = _thread_hook
    return previous


def handler() -> CrashHandler | None:
    """The installed handler (for tests and for code that reports a caught bug)."""
    return _handler


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if _handler is not None and args.exc_value is not None:
        _handler(args.exc_type, args.exc_value, args.exc_traceback)
    else:
        threading.__excepthook__(args)


def _warn(message: str) -> None:
    QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message)


def offer_previous_crash_log(parent: QWidget | None, folder: Path | None = None,
                             ask: Callable[[QWidget | None, Path], bool] | None = None
                             ) -> Path | None:
    """At start-up: if a crash went unseen, ask whether to open its log; show it if so.

    Returns the log offered (None when there was none). The log is not offered again,
    whatever the answer. *ask* replaces the question box (tests).
    """
    log = crash.previous_crash(folder)
    if log is None:
        return None
    shown = crash.acknowledge(log, folder or log.parent)
    if (ask or _ask)(parent, shown):
        dialog = CrashDialog(crash.read_log(shown), shown, parent, previous=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _keep_open.append(dialog)  # without a parent, Python's reference is its only owner
        dialog.finished.connect(lambda *_: _keep_open.remove(dialog))
        dialog.open()
    return shown


def _ask(parent: QWidget | None, log: Path) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                      f"{APP_NAME} closed unexpectedly the last time it ran. A crash log was "
                      "written; would you like to see it (to send it with a bug report)?",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("previousCrashQuestion")
    box.setInformativeText(str(log))
    show = box.addButton("Show the log", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is show
