"""A project in a folder the user cannot write (a shared or archived folder) is read by
every reading command: SQLite needs a -shm beside a WAL-mode file and cannot make one
there, so core/database.py reads it immutable, or through the -shm already there, or from a
private copy of a -wal without its -shm.

Root ignores permissions, so the commands run as an unprivileged user (setpriv); the tests
skip where that is impossible (not root, no setpriv, or that user cannot run this Python).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimweave.core.store import Project

from .old_files import v1_project

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
SETPRIV = shutil.which("setpriv")
ARTICLES = ("The bridge stays closed for three weeks, officials said on Monday.",
            "Officials expect the bridge to reopen within ten days.")


def as_nobody(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    assert SETPRIV is not None
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                           sys.executable, "-m", "claimweave", *map(str, args)],
                          capture_output=True, text=True, timeout=180, cwd=home, env=env)


def _can_switch_user() -> str | None:
    if os.geteuid() != 0:
        return "needs root to run commands as another, unprivileged user"
    if SETPRIV is None:
        return "setpriv is not installed"
    probe = subprocess.run([SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                            sys.executable, "-c", "import claimweave"], capture_output=True,
                           cwd="/", timeout=60)
    if probe.returncode != 0:
        return "an unprivileged user cannot run this Python and ClaimWeave"
    return None


_WHY_NOT = _can_switch_user()
as_other_user = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")


@pytest.fixture
def place() -> Iterator[Path]:
    """A world-readable folder (not under pytest's private tmp) owned by root."""
    folder = Path(tempfile.mkdtemp(prefix="claimweave-shared-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        for sub in ("share", "out", "home"):
            (folder / sub).mkdir()
        (folder / "share").chmod(0o755)  # readable, not writable, for the user
        (folder / "out").chmod(0o777)
        (folder / "home").chmod(0o777)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_project(path: Path) -> tuple[str, str]:
    with Project.create(path, title="Bridge") as p:
        docs = [p.add_document(t, title=f"Article {n}").document.id
                for n, t in enumerate(ARTICLES, 1)]
        a = p.add_claim(docs[0], quote="three weeks").id
        b = p.add_claim(docs[1], quote="ten days").id
        p.link_claims(a, b, "contradicts")
    path.chmod(0o644)
    Path(f"{path}.lock").unlink(missing_ok=True)
    return docs[0], a


def side_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@as_other_user
def test_every_reading_command_works_in_a_folder_the_user_cannot_write(place: Path) -> None:
    share, out, home = place / "share", place / "out", place / "home"
    project = share / "bridge.claimweave"
    doc, claim = make_project(project)
    before, files = project.read_bytes(), side_files(share)
    commands = {
        "stats": ["stats", project, "--json"],
        "claims": ["claims", project, "--json"],
        "docs": ["docs", project],
        "links": ["links", project],
        "search": ["search", project, "bridge"],
        "export": ["export", project, "--format", "jsonl", "-o", out / "out.jsonl"],
        "report": ["report", project, "-o", out / "report.html"],
        "suggest": ["suggest", project, "--claim", claim],
        "candidates": ["candidates", project, doc],
        "check": ["check", project],
    }
    for name, args in commands.items():
        result = as_nobody(*args, home=home)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert "Traceback" not in result.stderr, name
    assert json.loads(as_nobody("stats", project, "--json", home=home).stdout)["claims"] == 2
    assert (out / "out.jsonl").read_text().count("\n") == 2
    assert "three weeks" in (out / "report.html").read_text()
    assert project.read_bytes() == before and side_files(share) == files


@as_other_user
def test_a_change_there_is_one_clear_error(place: Path) -> None:
    """Every kind of writing command (an edit, an import, a merge, a new text, the
    analyses it would cache, a backup beside it, a new project there): one error line,
    exit 1, nothing in the folder changed."""
    share, out = place / "share", place / "out"
    project = share / "bridge.claimweave"
    doc, claim = make_project(project)
    other = out / "other.claimweave"
    shutil.copyfile(project, other)
    (out / "new.txt").write_text("Officials said the bridge reopens in May.")
    (out / "ann.jsonl").write_text(json.dumps({"text": "A text.", "claims": []}) + "\n")
    for path in out.iterdir():
        path.chmod(0o644)
    before = {p.name: p.read_bytes() for p in share.iterdir()}
    for args in (["tag", project, "add", "Duration"], ["claim", project, doc, "--quote", "bridge"],
                 ["import", project, out / "new.txt"], ["merge", project, other],
                 ["import-annotations", project, out / "ann.jsonl", "--format", "jsonl"],
                 ["update-text", project, doc, out / "new.txt"], ["analyse", project],
                 ["claimant", project, claim, "Mayor"], ["backup", project],
                 ["new", share / "fresh.claimweave"]):
        result = as_nobody(*args, home=place / "home")
        lines = result.stderr.splitlines()
        assert result.returncode == 1, (args[0], result.stderr)
        assert len(lines) == 1 and lines[0].startswith("error: "), (args[0], lines)
        assert {p.name: p.read_bytes() for p in share.iterdir()} == before, args[0]


def pending_wal(project: Path) -> sqlite3.Connection:
    """A writer that keeps a committed change in the -wal (as a running window does)."""
    con = sqlite3.connect(project, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("UPDATE documents SET title = 'Renamed, still in the wal' "
                "WHERE title = 'Article 1'")
    return con


def titles(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return sorted(d["title"] for d in json.loads(result.stdout))


@as_other_user
def test_newest_state_is_read_through_an_existing_wal_and_shm(place: Path) -> None:
    project = place / "share" / "bridge.claimweave"
    make_project(project)
    writer = pending_wal(project)
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{project}{suffix}").chmod(0o644)
        result = as_nobody("docs", project, "--json", home=place / "home")
        assert titles(result) == ["Article 2", "Renamed, still in the wal"]
    finally:
        writer.close()


@as_other_user
def test_a_wal_without_its_shm_is_read_from_a_private_copy(place: Path) -> None:
    """Copied without its -shm (an archive, a sync): the pending pages are still read."""
    source = place / "source.claimweave"
    make_project(source)
    writer = pending_wal(source)
    try:
        share = place / "share"
        shutil.copyfile(source, share / "bridge.claimweave")
        shutil.copyfile(f"{source}-wal", share / "bridge.claimweave-wal")
    finally:
        writer.close()
    for path in share.iterdir():
        path.chmod(0o644)
    files = side_files(share)
    result = as_nobody("docs", share / "bridge.claimweave", "--json", home=place / "home")
    assert titles(result) == ["Article 2", "Renamed, still in the wal"]
    assert side_files(share) == files


def test_an_older_file_opened_read_only_is_read_from_an_upgraded_copy(tmp_path: Path) -> None:
    path = v1_project(tmp_path / "archived.claimweave")
    before = path.read_bytes()
    temp = set(Path(tempfile.gettempdir()).glob("claimweave-upgrade-*"))
    with Project.open(path, read_only=True) as p:
        assert p.read_only and p.documents() == [] and p.stats()["claims"] == 0
    assert path.read_bytes() == before, "the archived file itself was changed"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["archived.claimweave"]
    assert set(Path(tempfile.gettempdir()).glob("claimweave-upgrade-*")) == temp


@as_other_user
def test_an_older_file_in_a_folder_the_user_cannot_write(place: Path) -> None:
    path = v1_project(place / "share" / "archived.claimweave")
    path.chmod(0o644)
    result = as_nobody("stats", path, "--json", home=place / "home")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 0


@as_other_user
@pytest.mark.parametrize("command", [["export", "--format", "jsonl"], ["report"]])
def test_output_into_a_place_the_user_may_not_write_is_one_error(place: Path,
                                                                 command: list[str]) -> None:
    project = place / "share" / "bridge.claimweave"
    make_project(project)
    files = side_files(place / "share")
    for target in (place / "share" / "out.file", Path("/proc/out.file"), place / "out"):
        result = as_nobody(command[0], project, *command[1:], "-o", target,
                           home=place / "home")
        assert result.returncode == 1, (target, result.stdout)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {target}"), lines
    assert side_files(place / "share") == files
