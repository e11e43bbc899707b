"""Preferences: annotator name, font size, the articles' reading font, size, line spacing
and margin, theme (system, light, dark) and whether spaCy reads the articles when a project
opens, stored with QSettings."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..settings import (
    FONT_MAX,
    FONT_MIN,
    MARGIN_MAX,
    MARGIN_MIN,
    SPACING_MAX,
    SPACING_MIN,
    THEMES,
    Settings,
)


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
        self.reading_font = QFontComboBox()
        self.reading_font.setCurrentFont(QFont(settings.reading_font or self.font().family()))
        self.reading_font.setToolTip("The font the articles are read in")
        self.reading_size = QSpinBox()
        self.reading_size.setRange(FONT_MIN, FONT_MAX)
        self.reading_size.setValue(settings.reading_size or settings.font_size
                                   or self.font().pointSize())
        self.reading_size.setSuffix(" pt")
        self.reading_margin = QSpinBox()
        self.reading_margin.setRange(MARGIN_MIN, MARGIN_MAX)
        self.reading_margin.setValue(settings.reading_margin)
        self.reading_margin.setSuffix(" px")
        self.reading_margin.setToolTip("White space round the text of each pane")
        self.reading_spacing = QDoubleSpinBox()
        self.reading_spacing.setRange(SPACING_MIN, SPACING_MAX)
        self.reading_spacing.setSingleStep(0.1)
        self.reading_spacing.setDecimals(1)
        self.reading_spacing.setValue(settings.reading_spacing)
        self.reading_spacing.setSuffix(" lines")
        self.reading_spacing.setToolTip("Height of each line of the articles, in lines "
                                        "of the font (1.0: as tight as the font sets them)")
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
        form.addRow("Articles in:", self.reading_font)
        form.addRow("Article text size:", self.reading_size)
        form.addRow("Line spacing:", self.reading_spacing)
        form.addRow("Margin round the text:", self.reading_margin)
        form.addRow("Theme:", self.theme)
        form.addRow("", self.analyse)
        form.addRow(buttons)

    def save(self) -> None:
        self.settings.annotator = self.annotator.text()
        self.settings.font_size = self.font_size.value()
        self.settings.theme = self.theme.currentData()
        self.settings.reading_font = self.reading_font.currentFont().family()
        self.settings.reading_size = self.reading_size.value()
        self.settings.reading_margin = self.reading_margin.value()
        self.settings.reading_spacing = self.reading_spacing.value()
        self.settings.analyse_on_open = self.analyse.isChecked()
