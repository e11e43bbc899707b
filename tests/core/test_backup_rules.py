"""Backups never make things worse: a damaged project is refused (no useless copy pushes the
good ones out), the newest copy that passes ``check`` is never pruned, and a copy left
half-written by a killed backup is cleaned up."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from claimweave.cli import main
from claimweave.core.backup import AutoBackup, BackupError, backup_folder, list_backups, make_backup
from claimweave.core.integrity import check
from claimweave.core.schema import SCHEMA_VERSION
from claimweave.core.store import Project

T0 = datetime(2025, 3, 1, 9, 30, 0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "study.claimweave"
    with Project.create(p) as project:
        doc = project.add_document("The river rose two metres overnight.", title="Flood")
        project.add_claim(doc.document.id, quote="rose two metres")
    return p


def folder_state(p: Path) -> dict[str, str]:
    folder = backup_folder(p)
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def empty(p: Path) -> None:
    p.write_bytes(b"")


def foreign(p: Path) -> None:
    p.unlink()
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t (x)")
    con.close()


def newer(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()


def truncated(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [empty, foreign, newer, truncated])
def test_backup_of_a_damaged_file_is_refused_and_prunes_nothing(
        path: Path, capsys: pytest.CaptureFixture[str], damage) -> None:
    for i in range(2):
        make_backup(path, keep=2, now=T0 + timedelta(seconds=i))
    before = folder_state(path)
    damage(path)
    capsys.readouterr()
    assert main(["backup", str(path), "--keep", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no backup was made" in err
    assert folder_state(path) == before  # no new copy, nothing pruned


def test_the_newest_copy_that_passes_check_is_never_pruned(path: Path) -> None:
    good = make_backup(path, keep=2, now=T0)
    con = sqlite3.connect(path)  # another tool breaks a rule SQLite cannot see
    con.execute("UPDATE claims SET quote = 'rewritten'")
    con.commit()
    con.close()
    assert not check(path).ok
    for i in range(1, 5):
        make_backup(path, keep=2, now=T0 + timedelta(seconds=i))
    kept = list_backups(path)
    assert good in kept and len(kept) == 3  # the two newest, and the last good one
    assert check(good).ok


def test_rolling_backups_of_the_window_follow_the_same_rule(path: Path) -> None:
    errors: list[BackupError] = []
    auto = AutoBackup(path, keep=2, on_error=errors.append)
    auto.backup_now()
    assert len(list_backups(path)) == 1 and not errors
    before = folder_state(path)
    truncated(path)
    auto.backup_now()
    assert len(errors) == 1 and "truncated" in str(errors[0])
    assert folder_state(path) == before


KILLED_BACKUP = """
import os, signal, sys
from claimweave.core import backup

def die(_path):  # the copy is written, not yet renamed: the process dies here
    os.kill(os.getpid(), signal.SIGKILL)

backup._fsync = die
backup.make_backup(sys.argv[1])
"""


def test_a_partial_copy_from_a_killed_backup_is_pruned(path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(path)], timeout=60)
    assert done.returncode == -signal.SIGKILL
    partials = list(backup_folder(path).glob("*.partial"))
    assert len(partials) == 1 and list_backups(path) == []
    made = make_backup(path)
    assert not partials[0].exists()
    assert sorted(backup_folder(path).iterdir()) == [made]
