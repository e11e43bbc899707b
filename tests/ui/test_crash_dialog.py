"""The one crash handler: a bug writes a log and shows a copyable report; a known error
is a message; native crashes go to a faulthandler file; the next start offers a missed log."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from claimweave import crash
from claimweave.core.errors import InvalidOperationError
from claimweave.ui import crash_dialog
from claimweave.ui.crash_dialog import CrashDialog, CrashHandler

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    """A log folder; afterwards the process's hooks and faulthandler are as they were."""
    folder = tmp_path / "logs"
    folder.mkdir()
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(folder))
    hooks = sys.excepthook, threading.excepthook
    yield folder
    sys.excepthook, threading.excepthook = hooks
    crash._close_native_log()
    faulthandler.enable(sys.__stderr__)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, CrashDialog):
            w.close()


def exc_info(exc: BaseException) -> tuple:
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, CrashDialog) and w.isVisible()]


def test_unexpected_error_writes_a_log_and_shows_a_copyable_report(logs: Path) -> None:
    crash_dialog.install(logs)
    seen: dict[str, object] = {}

    def inspect_and_close() -> None:
        dialog = crash_dialogs()[0]
        seen["report"] = dialog.text.toPlainText()
        seen["read_only"] = dialog.text.isReadOnly()
        dialog.copy_button.click()
        seen["clipboard"] = QGuiApplication.clipboard().text()
        dialog.reject()

    QTimer.singleShot(50, inspect_and_close)
    # No event loop is running (as when start-up fails): the dialog blocks until closed.
    sys.excepthook(*exc_info(RuntimeError("the link bands lost their anchors")))
    logs_written = list(logs.glob("crash-*.log"))
    assert len(logs_written) == 1
    text = logs_written[0].read_text(encoding="utf-8")
    assert "RuntimeError: the link bands lost their anchors" in text
    assert "Qt: 6." in text  # Qt is loaded here, so its runtime version is reported
    assert seen == {"report": text, "read_only": True, "clipboard": text}
    assert crash.previous_crash(logs) is None  # shown, so not offered again at next start


def test_error_in_a_slot_shows_the_dialog_without_blocking(logs: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    handler = CrashHandler(logs)
    sys.excepthook = handler

    def broken_slot() -> None:
        raise ZeroDivisionError("claims per document")

    QTimer.singleShot(0, broken_slot)  # PySide6 hands slot exceptions to sys.excepthook
    qtbot.waitUntil(lambda: bool(crash_dialogs()), timeout=5000)
    dialog = crash_dialogs()[0]
    assert "ZeroDivisionError: claims per document" in dialog.text.toPlainText()
    assert dialog.log_path is not None and dialog.log_path.parent == logs
    # A second error while the dialog is up is logged but raises no second dialog.
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(list(logs.glob("crash-*.log"))) == 2, timeout=5000)
    assert len(crash_dialogs()) == 1
    dialog.close()


def test_error_in_a_worker_thread_is_shown_on_the_ui_thread(logs: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    crash_dialog.install(logs)

    def work() -> None:
        raise LookupError("worker lost its connection")

    thread = threading.Thread(target=work, name="nlp-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(crash_dialogs()), timeout=5000)
    report = crash_dialogs()[0].text.toPlainText()
    assert "LookupError: worker lost its connection" in report
    assert "Thread: nlp-worker" in report
    crash_dialogs()[0].close()


def test_a_known_error_is_a_message_not_a_crash(logs: Path) -> None:
    messages: list[str] = []
    handler = CrashHandler(logs, show_message=messages.append)
    handler(*exc_info(InvalidOperationError("a claim cannot be linked to itself")))
    assert messages == ["a claim cannot be linked to itself"]
    assert not list(logs.glob("crash-*.log"))
    assert not crash_dialogs()
    assert crash.previous_crash(logs) is None


def test_install_sets_up_faulthandler_into_a_file(logs: Path) -> None:
    crash_dialog.install(logs)
    native = crash.native_log_path()
    assert faulthandler.is_enabled()
    assert native is not None and native.parent == logs and native.is_file()
    assert native.name == f"native-{os.getpid()}.log"
    assert isinstance(sys.excepthook, CrashHandler)


def test_next_start_offers_a_crash_log_the_user_never_saw(logs: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path, _ = crash.write_report(*exc_info(MemoryError("the window died first")), folder=logs)
    asked: list[Path] = []
    offered = crash_dialog.offer_previous_crash_log(
        None, logs, ask=lambda _parent, log: asked.append(log) or True)
    assert offered == path and asked == [path]
    qtbot.waitUntil(lambda: bool(crash_dialogs()), timeout=5000)
    dialog = crash_dialogs()[0]
    assert "MemoryError: the window died first" in dialog.text.toPlainText()
    assert "last session" in dialog.windowTitle()
    dialog.close()
    # Offered once, whatever the answer.
    assert crash_dialog.offer_previous_crash_log(None, logs, ask=lambda *_: True) is None


def test_declining_the_offer_shows_nothing(logs: Path) -> None:
    crash.write_report(*exc_info(RuntimeError("x")), folder=logs)
    assert crash_dialog.offer_previous_crash_log(None, logs, ask=lambda *_: False) is not None
    assert not crash_dialogs()
    assert crash.previous_crash(logs) is None


def test_exception_at_start_in_a_real_process_leaves_a_log(tmp_path: Path) -> None:
    """Before any window exists: the log is written, and the next start offers it."""
    logs = tmp_path / "logs"
    code = textwrap.dedent("""
        from claimweave.ui import crash_dialog
        crash_dialog.install()
        raise RuntimeError("the settings file is unreadable at start")
    """)
    env = {**os.environ, crash.LOG_DIR_ENV: str(logs), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    reports = list(logs.glob("crash-*.log"))
    assert len(reports) == 1
    assert "RuntimeError: the settings file is unreadable at start" in reports[0].read_text()
    assert "written to" in result.stderr
    assert crash.previous_crash(logs) == reports[0]
    assert not list(logs.glob("native-*.log"))  # a clean interpreter exit removes it
