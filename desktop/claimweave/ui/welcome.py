"""The first screen when no project is open: open the demo, start a new project (empty or
with articles), open one or a recent one, and the keyboard flow in four lines. It only
asks; the window does the opening."""

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
from .widgets import fit_rows

PATH_ROLE = Qt.ItemDataRole.UserRole + 30
GUIDE = ("<p style='margin-top:8px'><b>The keyboard flow</b></p><ol style='margin-left:-20px'>"
         "<li>Select text in a pane and press <b>Enter</b>: it becomes a claim.</li>"
         "<li>Press <b>1</b>…<b>9</b> to tag it (the Codebook panel shows the numbers).</li>"
         "<li>Press <b>L</b>, move to a claim in the next pane with the arrows, then "
         "<b>A</b> (agrees) or <b>C</b> (contradicts).</li>"
         "<li><b>Ctrl+Z</b> undoes anything; there is nothing to save.</li></ol>"
         "<p><a href='keys'>All keys (F1)</a></p>")


CARD_WIDTH = 560


def wrap_in_card(label: QLabel) -> None:
    """Wrap *label* and keep it as tall as its lines: a centred card's layout does not ask
    a wrapped label its height for its width, so it squeezed the label and the next part
    overlapped its last line (the intro's, or the guide's "All keys" under "Recent")."""
    label.setWordWrap(True)
    label.setMinimumHeight(label.heightForWidth(CARD_WIDTH - 60))


class WelcomeScreen(QWidget):
    openDemo = Signal()
    newProject = Signal()
    openProject = Signal()
    openAssignment = Signal()
    openRecent = Signal(Path)
    importArticles = Signal()
    showGuide = Signal()

    def __init__(self, recent: list[Path], demo_available: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width: with only a maximum, the wrapped guide's height was measured for
        # another width and its last two steps were cut off.
        card.setFixedWidth(CARD_WIDTH)
        title = QLabel(f"<h1>{APP_NAME}</h1>")
        intro = QLabel("Put articles side by side, mark the claims each one makes, tag them, "
                       "and link claims that agree or contradict across sources.")
        wrap_in_card(intro)
        self.demo_button = QPushButton("Open the demo project")
        self.demo_button.setEnabled(demo_available)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.openDemo)
        new = QPushButton("New empty project…")
        new.clicked.connect(self.newProject)
        self.import_button = QPushButton("New project from articles…")
        self.import_button.setToolTip(".txt, .md, .html, .pdf or .docx files")
        self.import_button.clicked.connect(self.importArticles)
        open_ = QPushButton("Open project…")
        open_.clicked.connect(self.openProject)
        self.assignment_button = QPushButton("Open assignment…")
        self.assignment_button.setToolTip("A .cwassign file from your teacher: your work on "
                                          "it is kept in a copy beside it")
        self.assignment_button.clicked.connect(self.openAssignment)
        self.recent = QListWidget()
        for path in recent:
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        fit_rows(self.recent, 6)
        self.recent.itemActivated.connect(
            lambda item: self.openRecent.emit(Path(item.data(PATH_ROLE))))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 20, 28, 24)
        inner.setSpacing(10)
        guide = self.guide = QLabel(GUIDE)
        guide.setTextFormat(Qt.TextFormat.RichText)
        wrap_in_card(guide)
        guide.linkActivated.connect(lambda _link: self.showGuide.emit())
        for w in (title, intro, self.demo_button, self.import_button, new, open_,
                  self.assignment_button, guide):
            inner.addWidget(w)
        if recent:
            inner.addWidget(QLabel("<b>Recent projects</b> (double-click to open)"))
            inner.addWidget(self.recent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
