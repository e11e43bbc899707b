"""Every command given a project path that is no project: a missing file, a folder, a file
that is not SQLite, a project cut short, one whose folder is a file. Each ends in one
``error:`` line and exit status 1, and changes nothing. The commands are read from the
parser, so a new command is checked too."""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimweave.cli import build_parser
from claimweave.core.store import Project

from .cli_run import run

PROJECT_ARGS = {"project", "target", "work", "source", "assignment"}  # a project file
SKIPPED = {("gui",): "opens a window (tests/ui/test_window_files.py)",
           ("new",): "makes the file: its refusals are test_new_refuses_what_is_in_the_way"}
REPORTS = {("check",)}  # check reports damage as its findings, on stdout, exit 1


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
           ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, sub in action.choices.items():
            yield from leaves(sub, (*path, name))


def argv_for(parser: argparse.ArgumentParser, project: Path, out: Path) -> list[str]:
    """The command's own arguments: *project* wherever it takes a project, made-up values
    elsewhere (the project is refused before they matter)."""
    chosen = {id(g._group_actions[0]) for g in parser._mutually_exclusive_groups
              if g.required}  # one of them is required: the first
    words: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        value = (str(project) if action.dest in PROJECT_ARGS or action.dest == "submissions"
                 else str(out / "out.file") if "-o" in action.option_strings
                 else sorted(action.choices)[0] if action.choices else "1")
        values = [value] * (action.nargs if isinstance(action.nargs, int) else 1)
        if not action.option_strings:
            if action.required or action.nargs == "+" or id(action) in chosen:
                words += values
        elif action.required or id(action) in chosen:
            words += [action.option_strings[0], *(values if action.nargs != 0 else [])]
    return words


COMMANDS = [(path, parser) for path, parser in leaves(build_parser())
            if path[:1] not in SKIPPED]


def call(path: tuple[str, ...], parser: argparse.ArgumentParser, project: Path,
         out: Path) -> list[str]:
    """The whole command line: ``tag PROJECT add NAME`` puts its project before the
    sub-step, the others after the command's name."""
    if len(path) == 2 and path[0] in ("tag", "relation"):
        return [path[0], str(project), path[1], *argv_for(parser, project, out)]
    return [*path, *argv_for(parser, project, out)]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "folder" for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good.claimweave"
    with Project.create(good, lock=False) as p:
        doc = p.add_document("The bridge stays closed for three weeks.", title="A")
        p.add_claim(doc.document.id, quote="three weeks")
    data = good.read_bytes()
    (folder / "folder.claimweave").mkdir()
    (folder / "text.claimweave").write_text("not a database\n" * 40)
    (folder / "cut.claimweave").write_bytes(data[: len(data) // 2])
    (folder / "notes.txt").write_text("notes")
    good.unlink()
    return {"missing": folder / "missing.claimweave", "folder": folder / "folder.claimweave",
            "not SQLite": folder / "text.claimweave", "truncated": folder / "cut.claimweave",
            "in a file": folder / "notes.txt" / "p.claimweave"}


def test_the_commands_are_found() -> None:
    names = {p[0] for p, _ in COMMANDS}
    assert {"docs", "import", "merge", "export", "classroom", "tag", "suggest"} <= names
    assert len(COMMANDS) > 35


@pytest.mark.parametrize("kind", ["missing", "folder", "not SQLite", "truncated", "in a file"])
@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_a_path_that_is_no_project_is_one_error_line(
        path: tuple[str, ...], parser: argparse.ArgumentParser, kind: str,
        hostile: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    project = hostile[kind]
    folder = hostile["missing"].parent
    out = folder / "folder.claimweave"  # an output folder that exists: no output happens
    before = snapshot(folder)
    code, stdout, stderr = run(capsys, *call(path, parser, project, out))
    lines = stderr.splitlines()
    if path in REPORTS and kind == "truncated":
        assert code == 1 and "truncated" in stdout and "Traceback" not in stderr
    else:
        assert code == 1, (code, stdout, stderr)
        assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("kind", ["folder", "not SQLite", "truncated", "in a file"])
def test_new_refuses_what_is_in_the_way(kind: str, hostile: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = hostile["missing"].parent
    before = snapshot(folder)
    code, _, stderr = run(capsys, "new", hostile[kind])
    lines = stderr.splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert snapshot(folder) == before
