"""``claimweave gui``: start the desktop program (or render one screenshot of it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import InvalidOperationError
from .common import command


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "gui", "open the desktop program", cmd_gui, project=False, json=False,
                 description="Open a project in the desktop program. Without PROJECT, the "
                 "last project opened (or a welcome screen).") as p:
        p.add_argument("project", metavar="PROJECT", type=Path, nargs="?",
                       help="the project file (default: the last one opened)")
        p.add_argument("--docs", metavar="DOC,DOC,...", default="",
                       help="documents to show side by side (ids, id prefixes or titles)")
        p.add_argument("--screenshot", metavar="FILE.png", type=Path,
                       help="render the window to this PNG once painted, then exit")
        p.add_argument("--size", metavar="WxH", help="window size in pixels, e.g. 1400x900")
        p.add_argument("--demo", action="store_true",
                       help="open your own copy of the demo project (made on first use)")


def cmd_gui(args: argparse.Namespace) -> int:
    # Only here does the command line reach Qt, through the composition root, so every other
    # command starts without loading it.
    from ..app import run_gui

    docs = [d.strip() for d in args.docs.split(",") if d.strip()]
    if args.demo and args.project is not None:
        raise InvalidOperationError("give either PROJECT or --demo, not both")
    return run_gui(args.project, docs, args.screenshot, args.size, demo=args.demo)
