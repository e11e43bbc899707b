"""Preferences: annotator name, font size, theme and whether spaCy reads the articles when
a project opens, stored with QSettings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..settings import FONT_MAX, FONT_MIN, THEMES, Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.annotator = QLineEdit(settings.annotator)
        self.annotator.setToolTip("Recorded with every claim and link you make")
        self.font_size = QSpinBox()
        self.font_size.setRange(FONT_MIN, FONT_MAX)
        self.font_size.setValue(settings.font_size or self.font().pointSize())
        self.font_size.setSuffix(" pt")
        self.theme = QComboBox()
        for name in THEMES:
            self.theme.addItem(name.capitalize(), name)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.analyse = QCheckBox("Read the articles with spaCy when a project opens")
        self.analyse.setToolTip("Sentences, entities, claim candidates and suggestions. When "
                                "off, Assist > Analyse Documents starts it.")
        self.analyse.setChecked(settings.analyse_on_open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Annotator name:", self.annotator)
        form.addRow("Font size:", self.font_size)
        form.addRow("Theme:", self.theme)
        form.addRow("", self.analyse)
        form.addRow(buttons)

    def save(self) -> None:
        self.settings.annotator = self.annotator.text()
        self.settings.font_size = self.font_size.value()
        self.settings.theme = self.theme.currentData()
        self.settings.analyse_on_open = self.analyse.isChecked()
