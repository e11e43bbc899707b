"""The pre-commit hooks are valid and run the same checks as ``make lint`` (and so CI)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".pre-commit-config.yaml"


def lint_tools() -> set[str]:
    """The programs the Makefile's ``lint`` recipe runs (``$(BIN)/ruff`` -> ``ruff``)."""
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe is not None, "the Makefile has no lint target"
    return {line.split()[0].rsplit("/", 1)[-1] for line in recipe.group(1).splitlines()}


def hook_tools() -> set[str]:
    hooks = [h for repo in yaml.safe_load(CONFIG.read_text())["repos"] for h in repo["hooks"]]
    return {h["entry"].split()[0].rsplit("/", 1)[-1] for h in hooks}


def test_the_configuration_is_valid() -> None:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hooks_run_what_make_lint_runs() -> None:
    assert lint_tools() == {"ruff", "lint-imports", "mypy"}
    assert hook_tools() == lint_tools()
