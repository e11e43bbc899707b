"""The right column of a small window: the Codebook dock and the Suggestions dock under it
share it, instead of the Suggestions dock's size hint leaving the codebook three tags, at
1024x700 and after the window was made small and then large again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.ui.test_assist import copy_demo


def share(window) -> float:
    codebook, below = window.docks["codebook"], window.docks["suggestions"]
    return codebook.height() / (codebook.height() + below.height())


@pytest.fixture
def small(new_window, project, reports, qtbot):
    window = new_window()
    window.resize(1024, 700)
    assert window.open_project(project.path)
    window.docks["suggestions"].show()
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close_project()


def test_the_codebook_keeps_its_share_of_the_right_column(small, qtbot) -> None:
    codebook, below = small.docks["codebook"], small.docks["suggestions"]
    assert below.isVisible() and abs(below.x() - codebook.x()) <= 4  # one above the other
    qtbot.waitUntil(lambda: share(small) >= 0.4)
    small.resize(800, 500)  # as small as the docks' minimum sizes allow
    qtbot.waitUntil(lambda: small.height() < 700)
    for width, height in ((1600, 1000), (1024, 700)):
        small.resize(width, height)
        qtbot.waitUntil(lambda h=height: small.height() == h and share(small) >= 0.4)


def _tables_share(window) -> float:
    dock = window.docks["claims"]
    return (window.statusBar().geometry().top() - dock.y()) / window.height()


def test_a_window_opened_large_and_made_small_keeps_a_tall_codebook(new_window, tmp_path,
                                                                   qtbot) -> None:
    """Qt keeps a dock's pixels when the window shrinks: the tables kept the height they had
    in a large window and the codebook was squeezed to three tags. The tables keep their
    share of the height instead (three tenths when opened), so the codebook is as tall as
    in a window opened small."""
    heights = {}
    for opened in ((1024, 700), (1600, 1000)):
        window = new_window()
        window.resize(*opened)
        folder = tmp_path / f"{opened[0]}"
        folder.mkdir()
        assert window.open_project(copy_demo(folder))
        window.docks["suggestions"].show()
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda w=window: abs(_tables_share(w) - 0.3) < 0.02)
        QApplication.processEvents()  # the docks' second sizing, due once they are laid out
        window.resize(1024, 700)
        qtbot.waitUntil(lambda w=window: w.height() == 700
                        and abs(_tables_share(w) - 0.3) < 0.03 and share(w) >= 0.4)
        heights[opened] = window.docks["codebook"].height()
        window.close_project()
        window.close()
    assert heights[(1600, 1000)] >= heights[(1024, 700)] - 10


def test_tables_made_taller_by_the_user_keep_that_share(new_window, tmp_path, qtbot) -> None:
    """The share kept is the one the user chose by dragging the separator, not the one the
    window opened with."""
    window = new_window()
    window.resize(1600, 1000)
    assert window.open_project(copy_demo(tmp_path))
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: abs(_tables_share(window) - 0.3) < 0.02)
    QApplication.processEvents()
    window.resizeDocks([window.docks["claims"]], [450], Qt.Orientation.Vertical)  # a drag
    qtbot.waitUntil(lambda: abs(_tables_share(window) - 0.45) < 0.02)
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: window.height() == 800
                    and abs(_tables_share(window) - 0.45) < 0.03)
    window.close_project()
