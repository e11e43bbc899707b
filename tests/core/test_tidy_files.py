"""Tidy about files: reading leaves no -wal/-shm where none were, a refused open leaves no
lock file, and a new project that cannot be finished (a full disk) leaves nothing at all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core import database
from claimweave.core.errors import ClaimWeaveError
from claimweave.core.schema_objects import ForeignSchemaError
from claimweave.core.store import Project

from .cli_run import flood_project, run


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return flood_project(tmp_path / "study.claimweave")


READERS = (("stats",), ("docs",), ("claims",), ("links",), ("tags",), ("relations",),
           ("search", "river"), ("check",), ("compare",))


def test_reading_commands_leave_no_side_files(path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    for argv in READERS:
        code, _, err = run(capsys, argv[0], path, *argv[1:])
        assert code == 0, (argv, err)
        assert sorted(p.name for p in tmp_path.iterdir()) == before, argv
    out = tmp_path / "out.jsonl"
    assert run(capsys, "export", path, "--format", "jsonl", "-o", out)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, out.name])


def test_reading_beside_a_writer_leaves_its_files_alone(path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(path) as writer:
        writer.add_tag("Weather")
        wal = database.side_file(path, "-wal")
        assert wal.exists()
        assert run(capsys, "tags", path)[0] == 0
        assert wal.exists() and database.side_file(path, "-shm").exists()
        writer.add_tag("Place")  # the writer goes on as before
    with Project.open(path, read_only=True) as project:
        assert {t.name for t in project.tags()} == {"Weather", "Place"}


def test_a_refused_open_leaves_no_lock_file(path: Path) -> None:
    path.with_name(path.name + ".lock").unlink()
    con = sqlite3.connect(path)
    con.execute("CREATE VIEW planted AS SELECT 1")
    con.commit()
    con.close()
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(ForeignSchemaError):
        Project.open(path)
    assert sorted(p.name for p in path.parent.iterdir()) == before


def _tmpfs(folder: Path, size: str) -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


def test_new_on_a_real_full_disk_leaves_nothing(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "48k"):
        pytest.skip("mounting a small tmpfs needs root on Linux; see the max_page_count test")
    try:
        done = subprocess.run([sys.executable, "-m", "claimweave", "new",
                               str(disk / "p.claimweave")], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_new_with_every_page_budget_succeeds_or_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's max_page_count is a full disk at any chosen point of creating a project."""
    connect = database.connect
    outcomes = set()
    for budget in range(1, 100, 3):
        def limited(target: Path | str, *, read_only: bool = False,
                    budget: int = budget) -> sqlite3.Connection:
            con = connect(target, read_only=read_only)
            con.execute(f"PRAGMA max_page_count = {budget}")
            return con

        monkeypatch.setattr(database, "connect", limited)
        target = tmp_path / f"p{budget}.claimweave"
        try:
            Project.create(target).close()
        except ClaimWeaveError as exc:
            assert "full" in str(exc), exc
            assert not list(tmp_path.glob(f"p{budget}.claimweave*")), budget
            outcomes.add("refused")
        else:
            outcomes.add("made")
    assert outcomes == {"refused", "made"}  # the sweep crossed the point where it fits
