"""Small modules with one job: no module of the package grows past 500 lines.

The codebase aims at about 400 lines a module; 500 is where a module has clearly taken on a
second job and is split (as the store, the main window and the suggestion index were). A
module that must stay longer is named in ``EXCEPTIONS`` with the reason.
"""

from __future__ import annotations

from pathlib import Path

import claimweave

PACKAGE = Path(claimweave.__file__).resolve().parent
LIMIT = 500
EXCEPTIONS: dict[str, str] = {}  # "ui/x.py": "why it stays longer"


def too_long(files: dict[str, str], limit: int = LIMIT) -> list[str]:
    """``name: N lines`` for each module over *limit* lines that is not an exception."""
    counts = {name: len(text.splitlines()) for name, text in files.items()}
    return [f"{name}: {n} lines" for name, n in sorted(counts.items())
            if n > limit and name not in EXCEPTIONS]


def test_no_module_is_over_the_limit() -> None:
    files = {path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
             for path in PACKAGE.rglob("*.py")}
    assert len(files) > 100  # the scan sees the package, not an empty folder
    found = too_long(files)
    assert found == [], f"modules over {LIMIT} lines (split them by job):\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    stale = [name for name in EXCEPTIONS
             if not (PACKAGE / name).is_file()
             or len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) <= LIMIT]
    assert stale == [], f"no longer over {LIMIT} lines, drop from EXCEPTIONS: {stale}"


def test_the_count_finds_a_long_module() -> None:
    files = {"short.py": "x = 1\n" * LIMIT, "long.py": "x = 1\n" * (LIMIT + 1)}
    assert too_long(files) == [f"long.py: {LIMIT + 1} lines"]
