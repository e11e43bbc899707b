"""The class dashboard shows what the Qt-free analysis computed (skipped without Qt)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)


from .conftest import KEY_CLAIMS


def test_dashboard_lists_students_and_follows_the_key(class_session, qtbot) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.classroom.dashboard import open_class_dashboard

    session = class_session
    view = open_class_dashboard(session)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 2
    cells = {view.table.item(r, 0).text(): view.table.item(r, 1).text() for r in range(2)}
    assert cells == {"ann": "1.00", "bob": "0.67"}
    assert view.most.count() == len(KEY_CLAIMS)
    view.key_box.setCurrentIndex(view.key_box.findData("ann"))  # grade against ann
    assert view.table.rowCount() == 2  # bob and the key layer, now a coder
    view.key_box.setCurrentIndex(0)  # no key: agreement only
    assert view.table.rowCount() == 0 and "choose a key" in view.status.text()
    bob_claim = session.project.claims(annotator="bob")[0]
    session.project.delete_claim(bob_claim.id)  # the dashboard follows the project
    view.key_box.setCurrentIndex(view.key_box.findData("key"))
    bob = next(r for r in view.report.results if r.student == "bob")
    assert bob.claims.matched == 2
