"""The window remembers, per project, which documents its panes showed and how wide they
were; each file dialog starts in the folder chosen last; Export opens on the last format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from claimweave.ui.dialogs.export import ExportDialog
from claimweave.ui.window import files


def when_dialog(act) -> QTimer:
    """Run *act* with the export dialog once its modal loop is running."""
    timer = QTimer()

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ExportDialog):
            timer.stop()
            act(dialog)

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def activate(window, qtbot) -> None:
    """Shortcuts reach the active window only."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_panes_come_back_as_they_were(new_window, project, reports, qtbot) -> None:
    path = project.path
    project.close()
    window = new_window()
    assert window.open_project(path)
    window.show()
    container = window.comparison.container
    assert len(container.panes()) == 2
    activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # add a pane
    third = container.panes()[2]
    third.chooser.setFocus()
    while third.document_id != reports["Nordic Wire"]:
        qtbot.keyClick(third.chooser, Qt.Key.Key_Down)
    first = container.panes()[0]
    first.chooser.setFocus()
    while first.document_id != reports["Coastal Times"]:
        qtbot.keyClick(first.chooser, Qt.Key.Key_Down)
    shown = container.documents()
    sizes = container.splitter.sizes()
    window.close()

    again = new_window()
    assert again.open_project(path)
    again.show()
    assert again.comparison.container.documents() == shown
    assert again.comparison.container.splitter.sizes() == sizes
    again.close()


def test_file_dialogs_start_where_the_user_was(window, tmp_path, monkeypatch, qtbot) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("One headline here\n\nBody text.", encoding="utf-8")
    asked: list[str] = []

    def pick(_parent, _title, folder, _filter):
        asked.append(folder)
        return [str(articles / "one.txt")], ""

    monkeypatch.setattr(files.QFileDialog, "getOpenFileNames", pick)
    monkeypatch.setattr(window, "inform", lambda *_a, **_k: None)
    activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked[0] == str(Path.home()) and asked[1] == str(articles)


def test_export_opens_on_the_last_format(window, tmp_path, qtbot) -> None:
    seen: list[str] = []
    target = tmp_path / "out" / "claims.csv.zip"
    target.parent.mkdir()

    def choose_csv(dialog: ExportDialog) -> None:
        seen.append(dialog.fmt)
        dialog.format.setFocus()
        qtbot.keyClick(dialog.format, Qt.Key.Key_Home)
        for _ in range(dialog.format.count()):
            if dialog.fmt == "csv":
                break
            qtbot.keyClick(dialog.format, Qt.Key.Key_Down)
        dialog.target.setText(str(target))
        export = next(b for b in dialog.buttons.buttons() if b.text() == "Export")
        qtbot.mouseClick(export, Qt.MouseButton.LeftButton)

    def look_and_cancel(dialog: ExportDialog) -> None:
        seen.append(dialog.fmt)
        seen.append(dialog.target.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    activate(window, qtbot)
    timer = when_dialog(choose_csv)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert target.is_file()
    activate(window, qtbot)
    timer = when_dialog(look_and_cancel)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    timer.stop()
    assert seen[0] == "jsonl" and seen[1] == "csv"
    assert Path(seen[2]).parent == target.parent  # and into the folder used last
