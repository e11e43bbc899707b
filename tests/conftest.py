"""Test set-up shared by every suite.

Qt runs offscreen; set before anything imports Qt. With CLAIMWEAVE_BLOCK_QT=1 (make
test-core) Qt and pyqtgraph cannot be imported at all, which proves the core needs neither.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs (crash reports, the activity log) of test runs and the programs they start go to a
# folder of the run's own, never to the user's log folder.
if "CLAIMWEAVE_LOG_DIR" not in os.environ:
    _logs = tempfile.mkdtemp(prefix="claimweave-test-logs-")
    os.chmod(_logs, 0o1777)  # like /tmp: tests also run the program as an unprivileged user
    os.environ["CLAIMWEAVE_LOG_DIR"] = _logs
# Windows opened by tests do not start spaCy on their own; tests/ui/test_assist*.py ask.
os.environ.setdefault("CLAIMWEAVE_NLP_AUTOSTART", "0")

if os.environ.get("CLAIMWEAVE_BLOCK_QT") == "1":

    class _BlockQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"}:
                raise ImportError(f"{name} is blocked: the core must not need Qt")
            return None

    sys.meta_path.insert(0, _BlockQt())


def pytest_addoption(parser, pluginmanager):
    """Declare pytest-qt's settings when `make test-core` turns pytest-qt off, so that
    --strict-config accepts pyproject.toml there too."""
    if pluginmanager.is_blocked("pytest-qt"):
        parser.addini("qt_api", "pytest-qt's; unused while pytest-qt is off")
        parser.addini("qt_log_level_fail", "pytest-qt's; unused while pytest-qt is off")
        parser.addini("qt_log_ignore", "pytest-qt's; unused while pytest-qt is off",
                      type="linelist")


ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "russia-iran"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def corpus_dir() -> Path:
    """The five shared Russia-Iran articles; skips the test when ../shared is absent."""
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip(f"the shared corpus is not present at {CORPUS}")
    return CORPUS


@pytest.fixture
def project(tmp_path):
    """A new, empty project in a temporary folder. Unlocked, so a window in the same test
    can open (and lock) it while the test keeps writing through this handle."""
    from claimweave.core.store import Project

    p = Project.create(tmp_path / "test.claimweave", title="Test", lock=False)
    yield p
    p.close()
