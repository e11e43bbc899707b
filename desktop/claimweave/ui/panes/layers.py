"""Which annotators' claims a pane shows: all, one, several, or the key beside a student.

In a class project every student is an annotator layer and the answer key is another, so
a teacher puts the same document in two panes, the key in one and a student in the other,
and the bands show where the student's links meet the key's claims. The button appears
only when a project has claims by more than one annotator.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

Layers = frozenset[str] | None
"""The annotators shown; None shows everyone's claims."""


def layer_label(layers: Layers) -> str:
    if layers is None:
        return "All layers"
    if not layers:
        return "No layer"
    names = sorted(layers)
    return names[0] if len(names) == 1 else f"{len(names)} layers"


class LayerButton(QToolButton):
    """A header button whose menu ticks the annotators whose claims the pane shows."""

    layersChanged = Signal(object)  # Layers

    def __init__(self, annotators: Callable[[], list[str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._annotators = annotators
        self.layers: Layers = None
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.setToolTip("Show the claims of some annotators only (a student, the key…)")
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)
        self.refresh()

    def refresh(self) -> None:
        """Show the button only when there is a choice; forget annotators that are gone."""
        names = self._annotators()
        if self.layers is not None and not self.layers <= set(names):
            self.set_layers(frozenset(self.layers & set(names)) or None)
        self.setVisible(len(names) > 1)
        self.setText(layer_label(self.layers))

    def set_layers(self, layers: Layers) -> None:
        if layers != self.layers:
            self.layers = layers
            self.setText(layer_label(layers))
            self.layersChanged.emit(layers)

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        everyone = menu.addAction("All layers", lambda: self.set_layers(None))
        everyone.setCheckable(True)
        everyone.setChecked(self.layers is None)
        menu.addSeparator()
        for name in self._annotators():
            action = menu.addAction(name or "(no annotator)")
            action.setCheckable(True)
            action.setChecked(self.layers is not None and name in self.layers)
            action.triggered.connect(lambda checked, n=name: self._toggle(n, checked))

    def _toggle(self, name: str, checked: bool) -> None:
        current = set(self.layers if self.layers is not None else ())
        if checked:
            current.add(name)
        else:
            current.discard(name)
        self.set_layers(frozenset(current) if current else None)
