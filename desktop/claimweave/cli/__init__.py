"""The command line: ``claimweave COMMAND ...``.

Each feature area keeps its commands in its own module with a ``register(subparsers)``
function; :data:`COMMAND_MODULES` lists them. Command functions take the parsed arguments
and return an exit status. Known errors (:class:`ClaimWeaveError`) print one line,
``error: ...``, on stderr and exit 1; usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from contextlib import suppress

from .. import __version__, activity_log
from ..core.errors import ClaimWeaveError
from .common import check_text_arguments, terminal_safe

COMMAND_MODULES = [
    "claimweave.cli.project_commands",
    "claimweave.cli.relation_commands",
    "claimweave.cli.export_commands",
    "claimweave.cli.dataset_commands",
    "claimweave.cli.gui_commands",
    "claimweave.cli.analysis_commands",
    "claimweave.cli.classroom_commands",
    "claimweave.cli.nlp_commands",
    "claimweave.cli.maintenance_commands",
    "claimweave.cli.sources_commands",
]
_MODULE_OF = {
    "project_commands": ("new", "import", "docs", "text", "claim", "claims", "link", "links",
                         "tag", "tags", "search", "stats"),
    "relation_commands": ("relation", "relations"),
    "export_commands": ("export",),
    "dataset_commands": ("import-annotations", "merge"),
    "gui_commands": ("gui",),
    "analysis_commands": ("compare", "report"),
    "classroom_commands": ("classroom", "agreement"),
    "nlp_commands": ("analyse", "candidates", "suggest"),
    "maintenance_commands": ("check", "backup"),
    "sources_commands": ("claimant", "claimants", "doc", "provenance", "update-text",
                         "unplaced"),
}
COMMANDS = {name: f"claimweave.cli.{module}" for module, names in _MODULE_OF.items()
            for name in names}
"""Command -> the module that registers it: a command imports only its own module (and
what that needs), not all ten, which cost 80 ms of every command's start."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with *command*, of that one alone (the rest of the
    command line is parsed the same way; help, an unknown command or none: all)."""
    parser = argparse.ArgumentParser(
        prog="claimweave",
        description="Compare sources: mark the claims of articles, tag them and link them "
        "across articles. Every command works on one project file (.claimweave).",
    )
    parser.add_argument("--version", action="version", version=f"claimweave {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _one_blas_thread() -> None:
    """Give numpy's OpenBLAS one thread unless the user chose: a command's products are
    small (the re-ranker's few features), and the pool of threads cost a `suggest` at
    100,000 claims 30 ms of CPU to start and 75 ms spinning after the products, for no
    gain in wall time. Set before any command imports numpy."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: Sequence[str] | None = None) -> int:
    _one_blas_thread()
    # A file name that is not UTF-8 reaches the output as a lone surrogate; it is shown as
    # an escape rather than stopping the command with an encoding error.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    if args.command != "gui":  # the desktop program turns it on itself
        with suppress(OSError):  # a log folder that cannot be written never stops a command
            activity_log.enable()
    try:
        check_text_arguments(args)
        return int(args.func(args) or 0)
    except ClaimWeaveError as exc:
        activity_log.refused(_one_line(str(exc)))
        print(f"error: {terminal_safe(_one_line(str(exc)))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _one_line(message: str) -> str:
    return " ".join(message.split())
