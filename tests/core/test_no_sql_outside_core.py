"""The core owns the data: no module outside core/ runs SQL on a project's connection.

Views, importers, exporters, the NLP layer and the classroom call Project methods; a read
they need becomes a method of the core. This scans the package's syntax trees for the ways
round that: ``.execute``/``.executemany``/``.executescript`` calls, the connection
(``.con``), the sqlite-utils view (``.db``) and the store's private helpers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import claimweave

PACKAGE = Path(claimweave.__file__).resolve().parent
FORBIDDEN = {"execute", "executemany", "executescript", "con", "db", "_writer", "_transaction",
             "_tag_subtree", "_load_claims", "_claims_where"}


def offences(source: str, name: str) -> list[str]:
    """``file:line: .attr`` for each forbidden attribute used in *source*."""
    return [f"{name}:{node.lineno}: .{node.attr}" for node in ast.walk(ast.parse(source, name))
            if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN]


def test_no_module_outside_core_touches_the_connection() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] != "core":
            found += offences(path.read_text(encoding="utf-8"), str(relative))
    assert found == [], "SQL outside core/ (add a read method to the core):\n" + "\n".join(found)


def test_the_scan_finds_each_way_round() -> None:
    source = ("rows = project.con.execute('SELECT 1')\n"
              "project.db['claims'].rows\n"
              "cur.executemany('INSERT', [])\n"
              "project._tag_subtree(tag)\n")
    found = sorted(line.split(": ")[1] for line in offences(source, "x.py"))
    assert found == sorted([".con", ".db", ".execute", ".executemany", "._tag_subtree"])
