"""Counted nouns in what users read: "1 problem", "2 backups kept", "1 link has" (never
"problem(s)" or "1 links have"), from the one helper, in the library and the real CLI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core.errors import InvalidOperationError
from claimweave.core.offsets import find_quote
from claimweave.core.wording import counted

from .cli_run import flood_project
from .test_integrity import damage

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "claimweave"
HEDGED_PLURAL = re.compile(r"\w\((s|es)\)")


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimweave", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("n", "words"), [(0, "0 links have"), (1, "1 link has"),
                                          (2, "2 links have"), (1200, "1,200 links have")])
def test_a_counted_noun_takes_the_verb_that_agrees(n: int, words: str) -> None:
    assert counted(n, "link", verb=("has", "have")) == words


def test_counted_keeps_its_plain_and_irregular_forms() -> None:
    assert counted(1, "problem") == "1 problem"
    assert counted(3, "problem") == "3 problems"
    assert counted(2, "analysis", "analyses", verb=("was", "were")) == "2 analyses were"


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: they explain code, users do not read them."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                             ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_message_hedges_a_plural_with_brackets() -> None:
    """Every string in the program that a user can read says "1 claim" or "2 claims",
    not "claim(s)": it goes through counted()."""
    hedged = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and HEDGED_PLURAL.search(node.value)):
                hedged.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert hedged == []


def test_an_occurrence_past_the_last_counts_one_time() -> None:
    with pytest.raises(InvalidOperationError, match=r"the quote occurs 1 time$"):
        find_quote("The dam held.", "dam", occurrence=2)


def test_check_counts_one_problem_in_the_real_cli(tmp_path: Path) -> None:
    path = flood_project(tmp_path / "flood.claimweave")
    damage(path, "UPDATE relation_types SET polarity = 7 WHERE name = 'agrees'")
    done = cli("check", path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == f"{path}: 1 problem"


def test_backup_counts_the_backups_kept_in_the_real_cli(tmp_path: Path) -> None:
    path = flood_project(tmp_path / "flood.claimweave")
    first, second = cli("backup", path), cli("backup", path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.rstrip().endswith(" bytes; 1 backup kept)"), first.stdout
    assert second.stdout.rstrip().endswith(" bytes; 2 backups kept)"), second.stdout


def test_adding_one_claim_in_bulk_is_undone_as_one_claim(tmp_path: Path) -> None:
    from claimweave.core.store import Project

    with Project.create(tmp_path / "p.claimweave") as project:
        doc = project.add_document("The dam held. Officials said so.").document.id
        project.add_claims(doc, [(0, 13)])
        assert project.undo_label == "Add 1 claim"
        project.add_claims(doc, [(14, 32), (0, 3)])
        assert project.undo_label == "Add 2 claims"
