"""Importing from the window: files dropped on it fill the panes, a file already in the
project is named, an empty project says what to do next, and a text file's own title line
becomes the document's title."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

ARTICLES = {
    "a1.txt": "Ferry service resumes\n\nThe ferry to Varnholm runs again from Friday.",
    "a2.txt": "Thursday, 28 March 2024\n\nHarbour reopens after the storm\n\nBoats left at dawn.",
    "a3.txt": "The council met on Monday and agreed to repair the sea wall before winter.",
}


def drop_files(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPointF(window.rect().center())
    event = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)  # as Qt delivers it (a synthetic drop bypasses the drag state)


def test_importing_into_an_empty_project(new_window, tmp_path, monkeypatch, qtbot) -> None:
    from claimweave.core.store import Project

    path = tmp_path / "empty.claimweave"
    Project.create(path, title="Empty").close()
    window = new_window()
    assert window.open_project(path)
    window.show()
    panes = window.comparison.container.panes()
    assert all("Import Articles" in p.view.placeholderText() for p in panes)
    shown: list[str] = []
    monkeypatch.setattr(window, "inform", lambda _t, text, warning=False: shown.append(text))
    files = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    drop_files(window, files)
    project = window.session.project
    titles = [d.title for d in project.documents()]
    assert titles == ["Ferry service resumes", "Harbour reopens after the storm", "a3"]
    container = window.comparison.container
    assert [d for d in container.documents() if d] == [d.id for d in project.documents()][
        :len(container.panes())]
    assert len(container.panes()) >= 2 and None not in container.documents()
    assert "Choose a document" in container.panes()[0].view.placeholderText()

    drop_files(window, [files[0]])  # once more: named, not "Imported 0 of 1" alone
    message = window.statusBar().currentMessage()
    assert "Imported 0 of 1" in message and "a1.txt" in message
    assert "Ferry service resumes" in message
    window.close_project()
