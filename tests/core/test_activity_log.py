"""The activity log: a rotating file beside the crash logs with the start, each project
opened, each import, export and merge, and each refused input, at INFO."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from claimweave import activity_log, crash
from claimweave.cli import main


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(folder))
    return folder


def test_commands_leave_a_trace(logs: Path, tmp_path: Path, capsys) -> None:
    proj, other = tmp_path / "p.claimweave", tmp_path / "q.claimweave"
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("The dam held, officials said on Tuesday.", encoding="utf-8")
    bad.write_bytes(b"")
    assert main(["new", str(proj)]) == 0
    assert main(["new", str(other)]) == 0
    assert main(["import", str(proj), str(good), str(bad)]) == 1  # one file is refused
    assert main(["export", str(proj), "--format", "jsonl", "-o", str(tmp_path / "p.jsonl")]) == 0
    assert main(["merge", str(other), str(proj)]) == 0
    assert main(["claims", str(tmp_path / "missing.claimweave")]) == 1
    out, err = capsys.readouterr()
    assert "started" not in out + err  # the log writes to its file only
    text = (logs / activity_log.LOG_NAME).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert all(" INFO " in line for line in lines)
    for expected in ("claimweave 0", "started", f"created {proj}", f"opened {proj} for writing",
                     f"imported {good} into p.claimweave as document", "refused: ",
                     "bad.txt", "exported p.claimweave as jsonl", "Merge p.claimweave into "
                     "q.claimweave: added", "missing.claimweave"):
        assert expected in text, expected
    # once per process: here one for all six commands; a real command line is its own
    assert sum("started" in line for line in lines) == 1


def test_the_file_rotates(logs: Path) -> None:
    path = activity_log.enable()
    handlers = [h for h in logging.getLogger("claimweave").handlers
                if isinstance(h, RotatingFileHandler)]
    assert len(handlers) == 1 and Path(handlers[0].baseFilename) == path.resolve()
    assert (handlers[0].maxBytes, handlers[0].backupCount) == (activity_log.MAX_BYTES,
                                                               activity_log.BACKUPS)
    assert path.parent == crash.log_dir()  # beside the crash logs
    big = "x" * 1000
    for _ in range(activity_log.MAX_BYTES // 1000 + 10):
        logging.getLogger("claimweave.test").info(big)
    assert path.with_name(path.name + ".1").is_file()


def test_a_log_that_cannot_be_written_changes_nothing_printed(logs: Path, tmp_path: Path,
                                                              capsys) -> None:
    (logs / activity_log.LOG_NAME).mkdir(parents=True)  # not a file: every write fails
    assert main(["new", str(tmp_path / "p.claimweave")]) == 0
    assert main(["claims", str(tmp_path / "missing.claimweave")]) == 1
    out, err = capsys.readouterr()
    assert "Logging error" not in out + err and err.startswith("error: ")


def test_names_that_are_not_utf8_are_logged_escaped(logs: Path) -> None:
    path = activity_log.enable()
    activity_log.refused("bad name \udcc3\udca9.txt")  # as os.fsdecode gives bytes not UTF-8
    assert "bad name \\udcc3\\udca9.txt" in path.read_text(encoding="utf-8")
