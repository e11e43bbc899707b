"""What every command shares: its parser, opening the project, printing JSON or tables."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.errors import (
    InvalidOperationError,
    LockUnavailableError,
    ProjectFileError,
    ProjectLockedError,
)
from ..core.location import storage_warning
from ..core.store import Project

CommandFunc = Callable[[argparse.Namespace], int]
# What a terminal would act on instead of showing: C0 and C1 controls (ESC starts colour,
# title and cursor sequences), DEL, bidirectional overrides (text shown out of order) and
# lone surrogates (unprintable; from file names that are not UTF-8).
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


@contextmanager
def command(sub: argparse._SubParsersAction, name: str, help: str, func: CommandFunc, *,
            project: bool = True, json: bool = True,
            description: str | None = None) -> Iterator[argparse.ArgumentParser]:
    """Add the subcommand *name*; the ``with`` block adds the arguments of its own.

    PROJECT comes first and ``--json`` last, so every command's help reads in one order.
    """
    parser = sub.add_parser(name, help=help, description=description)
    if project:
        add_project_arg(parser)
    yield parser
    if json:
        add_json_flag(parser)
    parser.set_defaults(func=func)


def command_group(sub: argparse._SubParsersAction, name: str, help: str, *, dest: str,
                  metavar: str = "ACTION", project: bool = True) -> argparse._SubParsersAction:
    """A command made of actions (``claimweave tag add ...``); returns where they go."""
    parser = sub.add_parser(name, help=help)
    if project:
        add_project_arg(parser)
    return parser.add_subparsers(dest=dest, metavar=metavar, required=True)


def add_project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", type=Path, help="the project file")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only, on stdout")


def add_output_arg(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="PATH", help=help)


def add_format_arg(parser: argparse.ArgumentParser, formats: Iterable[str]) -> None:
    """A required ``--format`` whose help lists the choices (argparse would hide them)."""
    names = sorted(formats)
    parser.add_argument("--format", required=True, choices=names, metavar="FORMAT",
                        help="one of: " + ", ".join(names))


@contextmanager
def open_project(path: Path, *, write: bool = False) -> Iterator[Project]:
    """Open a project for one command; read-only unless the command changes it.

    A command that changes the project takes its lock, as the window does: writing behind
    an open window would leave its views and its undo history out of step with the file.
    """
    warn_about_location(path)
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
        _close(project)


@contextmanager
def open_for_reading_and_caching(path: Path) -> Iterator[Project]:
    """For commands that read but would keep derived data (spaCy analyses): writable when
    the project is free, read-only (caching nothing) while a window or another command has
    it, so suggestions work beside a running ClaimWeave."""
    warn_about_location(path)
    try:
        project = Project.open(path, lock=True)
    except (ProjectLockedError, ProjectFileError):  # locked, no lock file, read-only file
        project = Project.open(path, read_only=True)  # a damaged file is refused here
    try:
        yield project
    finally:
        _close(project)


def _close(project: Project) -> None:
    project.close()
    if project.replaced_text:
        print(f"warning: {project.path}: some text is not valid UTF-8 (written by another "
              "program) and was shown with U+FFFD; 'claimweave check' lists where",
              file=sys.stderr)


_WARNED: set[Path] = set()


def warn_about_location(path: Path) -> None:
    """``warning:`` on stderr, once per project, for a synced folder or a network drive."""
    key = Path(os.path.abspath(path))
    if key in _WARNED:
        return
    _WARNED.add(key)
    message = storage_warning(path)
    if message:
        print(f"warning: {message}", file=sys.stderr)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit_line(args: argparse.Namespace, data: Any, line: str) -> None:
    """A command's result: *data* as JSON with ``--json``, else one line for people."""
    if args.json:
        print_json(data)
    else:
        print(terminal_safe(line, keep="\n\t"))


def emit_table(args: argparse.Namespace, data: Any, headers: Sequence[str],
               rows: Iterable[Sequence[Any]], *, widths: dict[str, int] | None = None) -> None:
    """A listing: *data* as JSON with ``--json``, else a table of *rows*.

    Either may be a generator, so only the one printed is built: listing 100,000 claims
    should not pay for both shapes. A generator given as *data* is printed as a JSON list.
    """
    if args.json:
        print_json(list(data) if isinstance(data, Iterator) else data)
    else:
        print_table(headers, rows, widths=widths)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                widths: dict[str, int] | None = None) -> None:
    """A plain aligned table for people; scripts use --json."""
    widths = widths or {}
    cells = [[_cell(v, widths.get(h)) for h, v in zip(headers, row, strict=True)] for row in rows]
    size = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(size[i]) for i, h in enumerate(headers)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(size[i]) for i, v in enumerate(r)).rstrip())


def _cell(value: Any, width: int | None) -> str:
    text = "" if value is None else terminal_safe(" ".join(str(value).split()))
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def terminal_safe(text: str, keep: str = "") -> str:
    """*text* with every character a terminal would act on written as an escape (``\\x1b``),
    except those in *keep* (e.g. newlines of a multi-line message)."""
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text arguments that are not valid UTF-8 (Python keeps the bad bytes as lone
    surrogates); file paths (Path values) may hold any bytes, as the system allows."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and (bad := _SURROGATE.search(item)):
                byte = ord(bad.group()) - 0xDC00
                shown = f"byte 0x{byte:02x}" if 0 <= byte < 0x100 else "a lone surrogate"
                raise InvalidOperationError(
                    f"argument {name.replace('_', '-')}: {terminal_safe(item)!r} is not valid "
                    f"UTF-8 text ({shown}); give it in UTF-8")


def short_id(full: str) -> str:
    return full[:8]
