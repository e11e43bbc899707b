"""The check at open reads a project's tables whole; a file unchanged since it passed is
not read again, and any change, by ClaimWeave or by another program, is checked again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from claimweave.core import checked, database
from claimweave.core.errors import CorruptProjectError
from claimweave.core.store import Project


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """How often the tables were read by the check (its own record in *tmp_path*)."""
    monkeypatch.setenv("CLAIMWEAVE_LOG_DIR", str(tmp_path / "logs"))
    calls: list[int] = []
    real = database._quick_check

    def counted(con):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(con)

    monkeypatch.setattr(database, "_quick_check", counted)
    return calls


def _made(tmp_path: Path) -> Path:
    path = tmp_path / "p.claimweave"
    with Project.create(path) as p:
        p.add_claim(p.add_document("The alliance will increase cooperation.").document.id,
                    quote="alliance")
    return path


def _later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks from now on run as if the file had been written minutes earlier."""
    real = time.time_ns
    monkeypatch.setattr(checked.time, "time_ns", lambda: real() + 600 * 10**9)


def test_a_file_changed_a_moment_ago_is_checked_at_every_open(tmp_path: Path,
                                                              checks: list[int]) -> None:
    path = _made(tmp_path)
    for _ in range(2):
        Project.open(path, read_only=True).close()
    assert len(checks) == 2


def test_an_unchanged_file_is_not_read_again_until_something_changes_it(
        tmp_path: Path, checks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    path = _made(tmp_path)
    _later(monkeypatch)
    Project.open(path, read_only=True).close()
    Project.open(path, read_only=True).close()
    assert len(checks) == 1  # the second open trusted the first check
    with Project.open(path) as p:  # a writable open that writes ...
        assert len(checks) == 1
        p.add_tag("Later")
    Project.open(path, read_only=True).close()
    assert len(checks) == 2  # ... is checked again
    Project.open(path, read_only=True).close()
    assert len(checks) == 2
    # Another program scribbles over the claims table, keeping the size: until the clock
    # ticks the change time may not move, so the damage is written until it does.
    import sqlite3

    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    before = checked.stamp(path)
    while checked.stamp(path) == before:
        with path.open("r+b") as fh:
            fh.seek((root - 1) * page)
            fh.write(b"\xff" * 12)
    assert os.path.getsize(path) == before[2]  # type: ignore[index]
    with pytest.raises(CorruptProjectError):
        Project.open(path, read_only=True)
    assert len(checks) == 3
