"""The hand-built debate as a fixture for the analysis tests."""

from __future__ import annotations

import pytest
from debate import build_debate


@pytest.fixture
def debate(project):
    """(project, ids) with the debate of debate.py."""
    return project, build_debate(project)
