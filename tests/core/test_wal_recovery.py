"""A save still in the -wal: a checkpoint cut short leaves a main file shorter than its
header says while the -wal holds every page. SQLite finishes such a save; ClaimWeave must
open it, and must still refuse, unchanged, a file whose pages are really gone.

The files are real: a child process writes documents with automatic checkpoints off and
is SIGKILLed, so its commits live only in the -wal; then the first step of a checkpoint
is replayed by hand (SQLite copies pages in page order, page 1 with the new header first),
as a kill or a full disk during the checkpoint would leave it.
"""

from __future__ import annotations

import hashlib
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core import database
from claimweave.core.errors import CorruptProjectError
from claimweave.core.integrity import check
from claimweave.core.store import Project

CHILD = """
import sys, time
from claimweave.core.store import Project
project = Project.open(sys.argv[1], lock=True)
project.con.execute("PRAGMA wal_autocheckpoint = 0")
for i in range(int(sys.argv[2])):
    project.add_document(f"Document {i}. " + f"word{i} " * 3000, title=f"Doc {i}")
print("saved", flush=True)
time.sleep(120)
"""


def killed_writer(path: Path, documents: int) -> None:
    """Let a real process commit *documents* into the -wal only, then SIGKILL it."""
    with subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(documents)],
                          stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)


def wal_pages(path: Path) -> tuple[int, dict[int, bytes]]:
    """Page size and the newest image of each page in the -wal (all frames committed)."""
    wal = database.side_file(path, "-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    pages: dict[int, bytes] = {}
    offset = 32
    while offset + 24 + page_size <= len(wal):
        pgno = struct.unpack(">I", wal[offset:offset + 4])[0]
        pages[pgno] = wal[offset + 24:offset + 24 + page_size]
        offset += 24 + page_size
    return page_size, pages


def interrupt_checkpoint(path: Path, copied: int) -> int:
    """Write the -wal's first *copied* pages into the main file, as a checkpoint cut short
    does; returns the page count the header now announces."""
    page_size, pages = wal_pages(path)
    with path.open("r+b") as fh:
        for pgno in sorted(pages)[:copied]:
            fh.seek((pgno - 1) * page_size)
            fh.write(pages[pgno])
    head = path.read_bytes()[:100]
    announced, counter, valid_for = (struct.unpack(">I", head[o:o + 4])[0] for o in (28, 24, 92))
    # This is the state the old inspection called "truncated": a valid header page count
    # beyond the end of the file.
    assert valid_for == counter and path.stat().st_size < announced * page_size
    return announced


def digests(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.parent.glob(path.name + "*"))}


@pytest.fixture
def interrupted(tmp_path: Path) -> Path:
    path = tmp_path / "study.claimweave"
    Project.create(path, title="Study").close()
    killed_writer(path, 20)
    interrupt_checkpoint(path, copied=3)
    return path


def test_a_save_in_the_wal_opens_and_is_finished(interrupted: Path) -> None:
    assert database.inspect_file(interrupted) > 0
    with Project.open(interrupted, read_only=True) as project:
        assert len(project.documents()) == 20  # every acknowledged edit is there
    assert check(interrupted).ok
    with Project.open(interrupted, lock=True) as project:  # the window or a writing command
        project.add_tag("After recovery")
    assert not database.side_file(interrupted, "-wal").exists()  # the save was finished
    page_size = struct.unpack(">H", interrupted.read_bytes()[16:18])[0]
    announced = struct.unpack(">I", interrupted.read_bytes()[28:32])[0]
    assert interrupted.stat().st_size == announced * page_size
    assert check(interrupted).ok


def test_a_wal_copied_without_its_shm_is_judged_on_a_private_copy(interrupted: Path) -> None:
    database.side_file(interrupted, "-shm").unlink()
    before = digests(interrupted)
    assert database.inspect_file(interrupted) > 0
    assert check(interrupted).ok  # the check reads the same way
    assert digests(interrupted) == before  # nothing written, no -shm made
    with Project.open(interrupted, read_only=True) as project:  # a live reader needs a -shm
        assert len(project.documents()) == 20
    after = digests(interrupted)
    assert {k: after[k] for k in before} == before


def test_pages_missing_from_file_and_wal_are_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "study.claimweave"
    with Project.create(path, title="Study") as project:
        for i in range(20):
            project.add_document(f"Document {i}. " + f"word{i} " * 3000, title=f"Doc {i}")
    killed_writer(path, 1)  # a -wal holding one small commit, not the pages cut off below
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2 // 4096 * 4096)
    before = digests(path)
    with pytest.raises(CorruptProjectError):
        database.inspect_file(path)
    with pytest.raises(CorruptProjectError):
        Project.open(path, lock=True)
    after = digests(path)
    after.pop(path.name + ".lock", None)
    before.pop(path.name + ".lock", None)
    assert after == before  # main file, -wal and -shm byte for byte
