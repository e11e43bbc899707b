"""Edit > New Relation Type: a relation of the user's own for links (e.g. "exaggerates").

The link chooser (O in link mode) and the Links table offer it at once; its polarity
decides how the comparison views treat the claims it joins.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

POLARITIES = (("Neutral: neither supports nor opposes", 0),
              ("Positive: the claims support each other", 1),
              ("Negative: the claims oppose each other", -1))


class RelationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New relation type")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. exaggerates, cites, qualifies")
        self.color = QColor("#8a8f98")
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._choose_color)
        self._show_color()
        self.polarity = QComboBox()
        for label, value in POLARITIES:
            self.polarity.addItem(label, value)
        self.symmetric = QCheckBox("A to B means the same as B to A")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.add_button.setEnabled(False)
        form = QFormLayout(self)
        form.addRow("Name:", self.name)
        form.addRow("Colour:", self.color_button)
        form.addRow("Polarity:", self.polarity)
        form.addRow("", self.symmetric)
        form.addRow(buttons)

    def _choose_color(self) -> None:
        chosen = QColorDialog.getColor(self.color, self, "Colour of the relation")
        if chosen.isValid():
            self.color = chosen
            self._show_color()

    def _show_color(self) -> None:
        self.color_button.setText(self.color.name())
        self.color_button.setStyleSheet(f"background: {self.color.name()}; color: white;")

    def values(self) -> dict[str, object]:
        """Keyword arguments for ``Project.add_relation_type``."""
        return {"name": self.name.text().strip(), "color": self.color.name(),
                "polarity": self.polarity.currentData(),
                "symmetric": self.symmetric.isChecked()}
