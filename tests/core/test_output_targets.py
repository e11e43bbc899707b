"""Every command that writes a file refuses a dangerous target and changes nothing; a safe
one is written whole, atomically, with the user's umask (core/targets.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claimweave.core.backup import backup_folder, list_backups, make_backup
from claimweave.core.store import Project
from claimweave.core.targets import (
    OutputTargetError,
    atomic_write,
    check_output_target,
    umask_mode,
)

from .cli_run import digest, run

TEXT = "The river rose two metres overnight. Officials said the dam held."


@pytest.fixture
def files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """A key project, its assignment, a student's working copy and submission, and the
    class project: one input for each writing command."""
    key = tmp_path / "key.claimweave"
    with Project.create(key, title="Flood") as p:
        doc = p.add_document(TEXT, title="Flood").document.id
        p.add_claim(doc, quote="rose two metres", annotator="teacher")
    assign, work = tmp_path / "flood.cwassign", tmp_path / "ana.claimweave"
    sub, klass = tmp_path / "ana.cwsubmit", tmp_path / "class.claimweave"
    for argv in (("classroom", "assign", key, "-o", assign),
                 ("classroom", "start", assign, "--student", "Ana", "-o", work),
                 ("classroom", "hand-in", work, "-o", sub),
                 ("classroom", "collect", key, sub, "-o", klass)):
        assert run(capsys, *argv)[0] == 0, argv
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == []  # no staged file or its lock is left beside the outputs
    return {"key": key, "assign": assign, "work": work, "sub": sub, "class": klass}


# command name -> (the project the target must not touch, argv given the target)
COMMANDS: dict[str, tuple[str, Callable[[dict[str, Path], Path], tuple]]] = {
    "export": ("key", lambda f, t: ("export", f["key"], "--format", "jsonl", "-o", t)),
    "export csv": ("key", lambda f, t: ("export", f["key"], "--format", "csv", "-o", t)),
    "report": ("key", lambda f, t: ("report", f["key"], "-o", t)),
    "assign": ("key", lambda f, t: ("classroom", "assign", f["key"], "-o", t)),
    "start": ("assign", lambda f, t: ("classroom", "start", f["assign"], "--student", "Bo",
                                      "-o", t)),
    "hand-in": ("work", lambda f, t: ("classroom", "hand-in", f["work"], "-o", t)),
    "collect": ("sub", lambda f, t: ("classroom", "collect", f["key"], f["sub"], "-o", t)),
    "feedback": ("class", lambda f, t: ("classroom", "feedback", f["class"], "-o", t)),
    "grades": ("class", lambda f, t: ("classroom", "grades", f["class"], "-o", t)),
    "backup --folder": ("key", lambda f, t: ("backup", f["key"], "--folder", t)),
}


def dangerous_targets(project: Path) -> dict[str, Path]:
    """Targets that must be refused for *project*; made real where they must exist."""
    side = {s: project.with_name(project.name + s) for s in ("-wal", "-shm", ".lock")}
    fifo = project.parent / "pipe"
    if not fifo.exists():
        os.mkfifo(fifo)
    link = project.parent / "link.out"
    if not link.is_symlink():
        (project.parent / "elsewhere.txt").write_text("keep me")
        link.symlink_to(project.parent / "elsewhere.txt")
    backups = backup_folder(project)
    backups.mkdir(exist_ok=True)
    return {"project": project, "same project by another path": project.parent / "." /
            project.name, **side, "inside backups": backups / "x.claimweave",
            "fifo": fifo, "symlink": link, "device": Path("/dev/null")}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_writer_refuses_the_project_its_side_files_and_special_files(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str) -> None:
    which, argv = COMMANDS[name]
    project = files[which]
    before = {p: digest(p) for p in files.values()}
    for label, target in dangerous_targets(project).items():
        existed = target.exists() or target.is_symlink()
        code, out, err = run(capsys, *argv(files, target))
        assert code == 1, (name, label, out, err)
        assert err.startswith("error: ") and err.count("\n") == 1, (name, label, err)
        assert "Traceback" not in err
        assert existed or not target.exists(), (name, label)  # nothing made where none was
        assert {p: digest(p) for p in files.values()} == before, (name, label)
    assert (project.parent / "elsewhere.txt").read_text() == "keep me"


@pytest.mark.parametrize("name", ["export", "report", "grades"])
def test_a_folder_given_as_a_file_target_is_a_clear_error(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str,
        tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, *COMMANDS[name][1](files, folder))
    assert code == 1 and "is a folder; give the name of a file" in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["export", "report"])
def test_an_existing_file_is_replaced_whole_and_keeps_its_mode(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str,
        tmp_path: Path) -> None:
    out = tmp_path / "result.out"
    out.write_text("old")
    out.chmod(0o640)
    inode = out.stat().st_ino
    code, _, err = run(capsys, *COMMANDS[name][1](files, out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8") != "old" and out.stat().st_ino != inode  # renamed in
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.glob(".result.out.*")] == []  # no temporary file left


def test_new_files_follow_the_umask_not_tempfiles_0600(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert umask_mode() == 0o640
        with atomic_write(tmp_path / "a.txt") as fh:
            fh.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    out.write_text("complete")
    with pytest.raises(RuntimeError), atomic_write(out) as fh:
        fh.write("half")
        raise RuntimeError("killed mid-write")
    assert out.read_text() == "complete" and sorted(tmp_path.iterdir()) == [out]


def test_the_check_names_a_hard_link_to_the_project(tmp_path: Path) -> None:
    project = tmp_path / "p.claimweave"
    Project.create(project).close()
    os.link(project, tmp_path / "alias.jsonl")
    with pytest.raises(OutputTargetError, match="is the project file"):
        check_output_target(tmp_path / "alias.jsonl", project)


def test_backup_folder_may_be_a_link_to_another_disk(tmp_path: Path) -> None:
    project = tmp_path / "p.claimweave"
    Project.create(project).close()
    (tmp_path / "disk").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "disk")
    made = make_backup(project, folder=tmp_path / "linked")
    assert made.parent == tmp_path / "linked" and list_backups(project, tmp_path / "linked")


def test_export_onto_the_project_from_the_real_program(files: dict[str, Path]) -> None:
    key = files["key"]
    before = digest(key)
    done = subprocess.run([sys.executable, "-m", "claimweave", "export", str(key), "--format",
                           "jsonl", "-o", str(key)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr.startswith("error: ")
    assert "is the project file key.claimweave itself" in done.stderr
    assert digest(key) == before
