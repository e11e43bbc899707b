"""Running the command line in-process for tests, and fingerprinting the files it touches."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimweave.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``claimweave ARGV`` (argparse errors included)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


FLOOD = "The river rose two metres overnight. Officials said the dam held."


def flood_project(path: Path) -> Path:
    """A small real project at *path*: one article titled Flood with one claim."""
    from claimweave.core.store import Project

    with Project.create(path, title="Flood") as project:
        doc = project.add_document(FLOOD, title="Flood").document.id
        project.add_claim(doc, quote="rose two metres")
    return path
