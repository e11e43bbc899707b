"""The first screen when no project is open: open the demo, start a new project, open one,
or pick a recent one. It only asks; the window does the opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME

PATH_ROLE = Qt.ItemDataRole.UserRole + 30


class WelcomeScreen(QWidget):
    openDemo = Signal()
    newProject = Signal()
    openProject = Signal()
    openRecent = Signal(Path)

    def __init__(self, recent: list[Path], demo_available: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        title = QLabel(f"<h1>{APP_NAME}</h1>")
        intro = QLabel("Put articles side by side, mark the claims each one makes, tag them, "
                       "and link claims that agree or contradict across sources.")
        intro.setWordWrap(True)
        self.demo_button = QPushButton("Open the demo project")
        self.demo_button.setEnabled(demo_available)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.openDemo)
        new = QPushButton("New project…")
        new.clicked.connect(self.newProject)
        open_ = QPushButton("Open project…")
        open_.clicked.connect(self.openProject)
        self.recent = QListWidget()
        self.recent.setMaximumHeight(160)
        for path in recent:
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent.itemActivated.connect(
            lambda item: self.openRecent.emit(Path(item.data(PATH_ROLE))))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 20, 28, 24)
        inner.setSpacing(10)
        for w in (title, intro, self.demo_button, new, open_):
            inner.addWidget(w)
        if recent:
            inner.addWidget(QLabel("<b>Recent projects</b> (double-click to open)"))
            inner.addWidget(self.recent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
