"""Entry point of the packaged program (PyInstaller runs this script, not ``-m claimweave``).

A double-click, a file manager's "open with" or the desktop menu gives no command: the
program then opens the desktop window, with the project file if one was given. Any other
arguments are the ordinary command line. ``claimweave-cli`` (the console executable on
Windows) always behaves as the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path


def arguments(argv: list[str], executable: str) -> list[str]:
    """The command-line arguments to run; a bare start or a lone project file means ``gui``."""
    args = [a for a in argv if not a.startswith("-psn_")]  # macOS Finder's process serial no.
    if Path(executable).stem.lower().endswith("-cli"):
        return args
    if not args or (len(args) == 1 and args[0].lower().endswith(".claimweave")):
        return ["gui", *args]
    return args


def main() -> int:
    args = arguments(sys.argv[1:], sys.executable)
    if args[:1] == ["gui"]:
        # Native crashes of the desktop program leave a log (faulthandler), from the start.
        from claimweave import crash

        crash.enable_native_log()
    from claimweave.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
