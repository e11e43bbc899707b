"""The class dashboard and the curation window: every control has a name a screen reader
can say (skipped without Qt)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)




def test_class_windows_name_their_controls(class_session, qtbot) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.accessibility import describe, unnamed_controls
    from claimweave.ui.classroom.curation import open_curation
    from claimweave.ui.classroom.dashboard import open_class_dashboard

    for opened in (open_class_dashboard(class_session), open_curation(class_session)):
        qtbot.addWidget(opened)
        missing = [describe(w) for w in unnamed_controls(opened)]
        assert not missing, "\n".join(missing)
        opened.close()
