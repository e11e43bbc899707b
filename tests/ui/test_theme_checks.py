"""An unticked check box can be seen in the dark theme (WCAG 2.2 non-text contrast, 3:1
against what is around it): in the export's tag and annotator lists, the codebook's tag
boxes and the dialogs' check boxes. Checked on the pixels drawn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QListWidget, QListWidgetItem, QWidget

from claimweave.ui.theme import apply_theme


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _strongest(widget: QWidget, x0: int, y0: int, w: int, h: int, against: QColor) -> float:
    image: QImage = widget.grab().toImage()
    return max(contrast(image.pixelColor(x, y), against)
               for x in range(x0, min(image.width(), x0 + w))
               for y in range(y0, min(image.height(), y0 + h)))


@pytest.fixture
def dark():
    app = QApplication.instance()
    apply_theme(app, "dark")
    yield app.palette()
    apply_theme(app, "light")


def test_an_unticked_box_in_a_list_shows_in_the_dark_theme(dark, qtbot) -> None:
    box = QListWidget()
    qtbot.addWidget(box)
    item = QListWidgetItem("")  # no words: only the box is drawn in the row
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    box.addItem(item)
    box.resize(200, 80)
    box.show()
    qtbot.waitExposed(box)
    row = box.visualItemRect(item)
    seen = _strongest(box.viewport(), row.x(), row.y(), row.width(), row.height(),
                      dark.color(dark.ColorRole.Base))
    assert seen >= 3.0, seen


def test_an_unticked_check_box_shows_in_the_dark_theme(dark, qtbot) -> None:
    check = QCheckBox("")
    qtbot.addWidget(check)
    check.show()
    qtbot.waitExposed(check)
    seen = _strongest(check, 0, 0, check.width(), check.height(),
                      dark.color(dark.ColorRole.Window))
    assert seen >= 3.0, seen
