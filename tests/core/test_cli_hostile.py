"""The real command line, as a subprocess, given names and arguments an attacker or a
careless user would: its output never carries terminal control sequences, and bad text
arguments end in one ``error:`` line, exit 1, with nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core.store import Project

ROOT = Path(__file__).resolve().parents[2]
ESC_TITLE = "Report\x1b]0;owned\x07\x1b[2J\u202eevil\x9b31m"


def cli(*args: str | bytes | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """``claimweave ARGS`` with raw bytes on stdout and stderr (no decoding in between)."""
    argv = [os.fsencode(a) if isinstance(a, str | Path) else a for a in args]
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"claimweave", *argv],
                          capture_output=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def controls(data: bytes) -> list[int]:
    """Bytes a terminal would act on (C0 other than newline, DEL, and UTF-8 encoded C1)."""
    text = data.decode("utf-8", "replace")
    return [ord(c) for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.claimweave"
    with Project.create(path) as p:
        doc = p.add_document("The bridge stays closed for three weeks.", title=ESC_TITLE,
                             author="A\x1b[31mred").document
        p.add_tag("Bell\x07tag")
        p.add_claim(doc.id, quote="three weeks", note="note\x1b[1m", tags=["Bell\x07tag"],
                    annotator="x\x1b[5my")
    return path


@pytest.mark.parametrize("command", [["docs"], ["tags"], ["claims"], ["stats"]])
def test_table_output_escapes_terminal_controls(project: Path, command: list[str]) -> None:
    result = cli(command[0], project, *command[1:])
    assert result.returncode == 0, result.stderr
    assert controls(result.stdout) == [], result.stdout
    if command == ["docs"]:
        assert b"Report\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b31m" in result.stdout


def test_json_output_keeps_names_exact(project: Path) -> None:
    """Scripts get the real value back (JSON escapes the controls itself)."""
    import json

    result = cli("docs", project, "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["title"] == ESC_TITLE


def test_error_lines_escape_controls(project: Path) -> None:
    result = cli("claims", project, "--doc", "nope\x1b[31m")
    assert result.returncode == 1
    assert result.stderr.startswith(b"error: ") and controls(result.stderr) == []


@pytest.mark.parametrize("args", [
    [b"tag", b"{project}", b"add", b"\xff\xfeName"],
    [b"relation", b"{project}", b"add", b"bad\xc3("],
    [b"claim", b"{project}", b"Report", b"--quote", b"three", b"--note", b"n\xed\xa0\x80"],
])
def test_invalid_utf8_arguments_are_one_error_line(project: Path, args: list[bytes]) -> None:
    before = project.read_bytes()
    argv = [os.fsencode(project) if a == b"{project}" else a for a in args]
    result = cli(*argv)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.decode("utf-8", "replace").splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: argument "), lines
    assert "not valid UTF-8" in lines[0] and "Traceback" not in lines[0]
    assert project.read_bytes() == before


def test_a_file_name_that_is_not_utf8_imports(project: Path, tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"caf\xe9.txt")
    name.write_text("A short article about a cafe.")
    result = cli("import", project, name)
    assert result.returncode == 0, result.stderr
    assert b"caf\\udce9.txt" in result.stdout  # shown escaped, never raw bytes
    with Project.open(project, read_only=True) as p:
        titles = [d.title for d in p.documents()]
    assert "caf\ufffd" in titles


@pytest.mark.parametrize("damage", [
    "DROP TABLE links",
    "ALTER TABLE claims DROP COLUMN note",
    "DROP TABLE documents_fts_data",
])
def test_header_right_but_tables_missing_is_damaged(project: Path, damage: str) -> None:
    import sqlite3

    con = sqlite3.connect(project)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(damage)
    con.commit()
    con.close()
    Path(f"{project}.lock").unlink(missing_ok=True)
    before, files = project.read_bytes(), sorted(p.name for p in project.parent.iterdir())
    for args in (["stats", project], ["claims", project], ["tag", project, "add", "X"],
                 ["export", project, "--format", "jsonl", "-o", project.parent / "o.jsonl"]):
        result = cli(*args)
        assert result.returncode == 1, (args, result.stderr)
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and "the project file is damaged" in lines[0], lines
        assert project.read_bytes() == before
        assert sorted(p.name for p in project.parent.iterdir()) == files, "a side file"


@pytest.mark.parametrize("command", [["stats"], ["claims"], ["check"], ["merge-into"]])
def test_a_pipe_or_device_as_project_is_refused_not_waited_on(project: Path, tmp_path: Path,
                                                             command: list[str]) -> None:
    fifo = tmp_path / "pipe.claimweave"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/zero")):
        args = ["merge", project, target] if command == ["merge-into"] else [*command, target]
        result = cli(*args)
        assert result.returncode == 1, result.stderr
        assert b"is not a regular file (a pipe, device or socket)" in result.stderr
