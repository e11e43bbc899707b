"""The documentation is checked against the code, as sqlite-utils checks its own: every
command of ``claimweave --help`` is documented, every command line written in README.md
and docs/ parses with the real parser, and docs/file-format.md lists the tables and columns
the migrations make."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimweave.cli import build_parser, main
from claimweave.core.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^ *```.*?$(.*?)^ *```", re.M | re.S)
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_]*$")  # PROJECT, N, FORMAT ...
INLINE = re.compile(r"`(claimweave [^`]+)`")


def subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
                ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from subcommands(sub, (*path, name))


COMMANDS = dict(subcommands(build_parser()))


def command_lines() -> list[tuple[str, str]]:
    """(page: line number, command line) for every ``claimweave ...`` in code blocks and in
    inline code; continuation lines are joined and shell comments dropped."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in FENCE.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            lines = block.group(1).split("\n")
            i = 0
            while i < len(lines):
                line, number = lines[i].strip(), first_line + i
                while line.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    line = line[:-1] + " " + lines[i].strip()
                if line.startswith("claimweave "):
                    found.append((f"{page.name}:{number}", line))
                i += 1
        for match in INLINE.finditer(FENCE.sub("", text)):
            found.append((f"{page.name} (inline)", match.group(1)))
    return found


def argv_of(line: str) -> list[str]:
    """The arguments of a documented line; a synopsis becomes one concrete call: optional
    parts are taken, the first of alternatives (a|b) chosen, repetitions (...) dropped."""
    words = shlex.split(line, comments=True)[1:]
    out = []
    for word in words:
        word = word.replace("[", "").replace("]", "")
        if word in ("...", "") or word.endswith("..."):
            word = word.removesuffix("...")
            if not word:
                continue
        out.append(word.split("|")[0] if not word.startswith("#") else word)
    return out


def concrete(argv: list[str], path: tuple[str, ...]) -> list[str]:
    """A synopsis's placeholder values of typed options made real: the first choice, or 1."""
    options = {o: a for a in COMMANDS[path]._actions for o in a.option_strings}
    out = list(argv)
    for i in range(1, len(out)):
        action = options.get(out[i - 1])
        if action is None or not PLACEHOLDER.match(out[i]):
            continue
        if action.choices:
            out[i] = sorted(action.choices)[0]
        elif action.type in (int, float):
            out[i] = "1"
    return out


def path_of(argv: list[str]) -> tuple[str, ...]:
    path: tuple[str, ...] = ()
    for word in argv:
        if (*path, word) in COMMANDS:
            path = (*path, word)
    return path


LINES = command_lines()


def test_the_pages_hold_command_lines() -> None:
    assert len(LINES) > 60  # the extraction itself works


@pytest.mark.parametrize(("where", "line"), LINES, ids=[w for w, _ in LINES])
def test_every_documented_command_line_parses(where: str, line: str) -> None:
    argv = argv_of(line)
    path = path_of(argv)
    if not path:  # claimweave --help, --version, COMMAND --help
        top = {o for a in build_parser()._actions for o in a.option_strings}
        assert argv and (argv[0] in top or argv[0] == "COMMAND"), f"{where}: {line!r}"
        return
    with contextlib.redirect_stdout(io.StringIO()), pytest.raises(SystemExit) as help_exit:
        main([*path, "--help"])
    assert help_exit.value.code == 0
    if argv == list(path) or (len(argv) == len(path) + 1 and argv[-1].isupper()):
        return  # a mention of the command by name (and its PROJECT), not a call
    rest = [a for a in argv if a not in path]
    if all(a.startswith("-") for a in rest):  # a mention of its options: they must exist
        known = {o for a in COMMANDS[path]._actions for o in a.option_strings}
        assert set(rest) <= known, f"{where}: {line!r}: no option {sorted(set(rest) - known)}"
        return
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            build_parser().parse_args(concrete(argv, path))
    except SystemExit:
        pytest.fail(f"{where}: {line!r} does not parse: {err.getvalue().strip()}")


def test_every_command_is_documented() -> None:
    shown = {path_of(argv_of(line)) for _, line in LINES}
    documented = {path[:n] for path in shown for n in range(1, len(path) + 1)}
    missing = [" ".join(p) for p in COMMANDS if p not in documented]
    assert not missing, f"no page of the docs shows: {', '.join(missing)}"


# ------------------------------------------------------------------ the file format
def documented_tables() -> dict[str, set[str]]:
    """Table -> columns as docs/file-format.md states them (column tables and lists)."""
    text = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        name = re.match(r"`(\w+)`", heading)
        if name is None:
            continue
        columns = tables.setdefault(name.group(1), set())
        for row in re.findall(r"^\| ([^|]+) \|", body, flags=re.M):
            if row.strip() not in ("column", "---"):
                columns.update(c.strip() for c in row.split(","))
        for prose in re.findall(r"`(\w+)`", body.split("\n|", 1)[0]):
            columns.add(prose)
    for name, cols in re.findall(r"`(\w+)\(([^)]*)\)`", text):
        tables[name] = {c.strip() for c in cols.split(",")}
    return tables


def migrated_tables(con: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    shadow = re.compile(r"_fts_(data|idx|docsize|config|content)$")
    return {n: {r[1] for r in con.execute(f"PRAGMA table_info({n})")}
            for n in names if not shadow.search(n)}


def test_the_file_format_page_lists_every_table_and_column(project) -> None:
    """A new project has had every migration applied: its tables are the schema."""
    assert project.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    documented, real = documented_tables(), migrated_tables(project.con)
    assert set(documented) == set(real), "tables: docs/file-format.md and core/schema.py differ"
    for table, columns in real.items():
        assert documented[table] == columns, (table, "missing:", sorted(
            columns - documented[table]), "not in the schema:", sorted(documented[table] - columns))


# ------------------------------------------------------------------ versions
def test_the_version_is_written_once_and_the_changelog_knows_it() -> None:
    from importlib.metadata import version

    import claimweave

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["--version"])
    assert out.getvalue().split() == ["claimweave", claimweave.__version__]
    assert version("claimweave") == claimweave.__version__  # pyproject reads it
    assert not re.search(r'^version = "', (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                         re.M)
    changelog = (ROOT / "docs" / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
    assert headings[0] == ("Unreleased", "")
    released = [v for v, day in headings[1:] if day]
    assert released and released[0] == claimweave.__version__, "the newest release is this one"
    for section in re.findall(r"^### (.+)$", changelog, re.M):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_each_command_is_registered_by_the_module_named_for_it() -> None:
    """A command line builds only its command's module (claimweave.cli.COMMANDS): the map
    must name every command, and the module that registers it."""
    import importlib

    from claimweave.cli import COMMAND_MODULES
    from claimweave.cli import COMMANDS as MODULE_OF

    registered = {}
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        importlib.import_module(module).register(parser.add_subparsers())
        registered.update({name: module for (name,), _ in
                           ((p, s) for p, s in subcommands(parser) if len(p) == 1)})
    assert registered == MODULE_OF
    assert set(MODULE_OF) == {path[0] for path in COMMANDS}
    for name in MODULE_OF:  # alone, each parses as in the whole parser
        alone = dict(subcommands(build_parser(name)))
        assert {p for p in alone if p[0] == name} == {p for p in COMMANDS if p[0] == name}
