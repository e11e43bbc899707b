"""The right column of a small window: the Codebook dock and the Suggestions dock under it
share it, instead of the Suggestions dock's size hint leaving the codebook three tags, at
1024x700 and after the window was made small and then large again."""

from __future__ import annotations

import pytest


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
