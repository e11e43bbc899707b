"""What every command shares: opening the project, printing JSON or tables."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.errors import LockUnavailableError, ProjectLockedError
from ..core.store import Project


def add_project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", type=Path, help="the project file")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only, on stdout")


@contextmanager
def open_project(path: Path, *, write: bool = False) -> Iterator[Project]:
    """Open a project for one command; read-only unless the command changes it.

    A command that changes the project takes its lock, as the window does: writing behind
    an open window would leave its views and its undo history out of step with the file.
    """
    if write:
        try:
            project = Project.open(path, lock=True)
        except LockUnavailableError:
            raise
        except ProjectLockedError:
            raise ProjectLockedError(f"{path}: open in a running ClaimWeave; close it there "
                                     "first (commands that only read work meanwhile)") from None
    else:
        project = Project.open(path, read_only=True)
    try:
        yield project
    finally:
        project.close()


def default_annotator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises several types when no user name is known
        return ""


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
                widths: dict[str, int] | None = None) -> None:
    """A plain aligned table for people; scripts use --json."""
    widths = widths or {}
    cells = [[_cell(v, widths.get(h)) for h, v in zip(headers, row, strict=True)] for row in rows]
    size = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(size[i]) for i, h in enumerate(headers)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(size[i]) for i, v in enumerate(r)).rstrip())


def _cell(value: Any, width: int | None) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def short_id(full: str) -> str:
    return full[:8]
