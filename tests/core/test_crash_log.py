"""Crash logs without Qt: where they go, what a report says, what the next start finds."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimweave import crash


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(folder))
    return folder


def raised(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def run_python(code: str, logs: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, crash.LOG_DIR_ENV: str(logs), "PYTHONFAULTHANDLER": ""}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=60)


def test_log_dir_honours_the_environment(logs: Path) -> None:
    assert crash.log_dir() == logs and logs.is_dir()


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux default")
def test_log_dir_default_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crash.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert crash.log_dir() == tmp_path / "state" / "ClaimWeave"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert crash.log_dir() == tmp_path / "home" / ".local" / "state" / "ClaimWeave"


def test_report_has_versions_and_the_traceback() -> None:
    kind, exc, tb = raised(ValueError("the offset map is off by one"))
    text = crash.format_report(kind, exc, tb, context="adding a claim")  # type: ignore[arg-type]
    assert text.startswith("ClaimWeave crash report, ")
    for needle in ("ClaimWeave: 0.", "Python: ", "Platform: ", "While: adding a claim",
                   "Traceback (most recent call last):",
                   "ValueError: the offset map is off by one", "test_crash_log.py"):
        assert needle in text


def test_report_lists_chained_exceptions() -> None:
    try:
        try:
            raise KeyError("claim")
        except KeyError as inner:
            raise RuntimeError("undo failed") from inner
    except RuntimeError as exc:
        text = crash.format_report(RuntimeError, exc, exc.__traceback__)
    assert "KeyError: 'claim'" in text and "RuntimeError: undo failed" in text


def test_versions_never_import_qt_or_spacy() -> None:
    before = set(sys.modules)
    crash.versions()
    assert not {m for m in set(sys.modules) - before if m.split(".")[0] in {"PySide6", "spacy"}}


def test_write_report_leaves_a_marker_until_acknowledged(logs: Path) -> None:
    kind, exc, tb = raised(RuntimeError("boom"))
    path, text = crash.write_report(kind, exc, tb)  # type: ignore[arg-type]
    assert path.parent == logs and path.read_text(encoding="utf-8") == text
    assert crash.previous_crash() == path
    assert crash.acknowledge(path) == path
    assert crash.previous_crash() is None
    assert path.is_file()  # kept, only no longer offered


def test_old_reports_are_pruned(logs: Path) -> None:
    kind, exc, tb = raised(RuntimeError("again"))
    for _ in range(crash.KEEP_REPORTS + 5):
        crash.write_report(kind, exc, tb)  # type: ignore[arg-type]
    assert len(list(logs.glob("crash-*.log"))) == crash.KEEP_REPORTS


def test_native_crash_is_logged_and_offered_next_time(logs: Path) -> None:
    result = run_python("""
        import faulthandler
        from claimweave import crash
        print(crash.enable_native_log())
        faulthandler._sigsegv()
    """, logs)
    assert result.returncode != 0
    native = Path(result.stdout.strip())
    assert native.parent == logs
    assert "Segmentation fault" in native.read_text(encoding="utf-8")
    assert crash.previous_crash() == native
    moved = crash.acknowledge(native)
    assert moved.name.startswith("crash-") and moved.name.endswith(f"-native-{native.stem[7:]}.log")
    assert crash.previous_crash() is None


def test_clean_exit_and_killed_sessions_leave_nothing_to_offer(logs: Path) -> None:
    result = run_python("from claimweave import crash; print(crash.enable_native_log())", logs)
    assert result.returncode == 0
    assert not Path(result.stdout.strip()).exists()  # empty at a clean exit: removed
    (logs / "native-999999999.log").write_text("")  # a killed session's empty file
    assert crash.previous_crash() is None
    assert not (logs / "native-999999999.log").exists()


def test_the_running_sessions_own_native_log_is_never_offered(logs: Path) -> None:
    logs.mkdir()
    (logs / f"native-{os.getpid()}.log").write_text("Fatal Python error: not yet")
    assert crash.previous_crash() is None
