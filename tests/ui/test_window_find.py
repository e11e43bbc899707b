"""Find in the document (Ctrl+F) brings a hit out of view to the middle of the pane, not to
its last line above the find bar."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_hit_below_the_view_lands_in_the_middle(new_window, project, qtbot) -> None:
    lines = [f"Paragraph {i}: the harbour stayed closed that day." for i in range(120)]
    lines[80] = "The lighthouse keeper saw it all."
    text = "\n".join(lines)
    doc = project.add_document(text, title="Long").document.id
    path = project.path
    project.close()
    window = new_window()
    assert window.open_project(path, [doc])
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane = window.comparison.container.panes()[0]
    pane.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.comparison.find_bar
    qtbot.keyClicks(bar.field, "lighthouse")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    start = text.index("lighthouse")
    assert pane.view.selection_span() == (start, start + len("lighthouse"))
    window_ = pane.view.visible_window()
    [rect] = window_.rects(start, start + len("lighthouse"))
    height = pane.view.viewport().height()
    assert height * 0.2 <= rect.top() and rect.bottom() <= height * 0.8
    window.close_project()
