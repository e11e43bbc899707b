"""The class dashboard and the curation window: every control has a name a screen reader
can say (skipped without Qt)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)

from claimweave.classroom.collect import collect
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, KEY_LINKS, Exercise


def test_class_windows_name_their_controls(exercise: Exercise, qtbot) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.accessibility import describe, unnamed_controls
    from claimweave.ui.classroom.curation import open_curation
    from claimweave.ui.classroom.dashboard import open_class_dashboard
    from claimweave.ui.session import ProjectSession

    a = exercise.submit("ann", KEY_CLAIMS, KEY_LINKS)
    b = exercise.submit("bob", KEY_CLAIMS[:3])
    out = exercise.folder / "class.claimweave"
    collect(exercise.key, [a, b], out)
    session = ProjectSession(Project.open(out))
    try:
        for opened in (open_class_dashboard(session), open_curation(session)):
            qtbot.addWidget(opened)
            missing = [describe(w) for w in unnamed_controls(opened)]
            assert not missing, "\n".join(missing)
            opened.close()
    finally:
        session.close()
