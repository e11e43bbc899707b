"""The Make Assignment dialog: title, instructions, prompts, rubric, whose claims form the
key, and where the assignment goes.

The assignment is made when the user presses Make Assignment; a refusal (the file exists,
a rubric line is malformed ...) is shown in the dialog, which stays open with everything
typed, so nothing has to be typed twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...classroom.assignment import Assignment, make_assignment
from ...classroom.files import free_path
from ...classroom.roles import ASSIGNMENT, EXTENSIONS
from ...classroom.rubric import load_rubric, parse_rubric_text, rubric_text
from ...core.errors import ClaimWeaveError
from ..accessibility import name_form_fields
from ..refusals import report
from ..session import ProjectSession
from ..widgets import path_row

ASSIGNMENT_FILTER = "Assignments (*.cwassign);;All files (*)"
RUBRIC_HINT = ("One criterion a line, lowest level first, e.g.\n"
               "Sourcing: Basic, Emergent, Proficient")
PATH_CHARS = 60
"""The path field shows about this many characters, enough for a folder and a file name."""


def _lines(box: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in box.toPlainText().splitlines() if line.strip()]


class MakeAssignmentDialog(QDialog):
    """Everything an assignment holds besides the documents and the codebook."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        project = session.project
        self.key_path = project.path
        self._key = project  # the window's own: the record joins its undo and views
        self.made: Assignment | None = None
        self.setWindowTitle("Make assignment")
        self.title = QLineEdit(project.title)
        self.instructions = QPlainTextEdit()
        self.instructions.setPlaceholderText("What the students should do, e.g. 'Mark every "
                                             "claim about casualties and link the sources "
                                             "that disagree.'")
        self.prompts = QPlainTextEdit()
        self.prompts.setPlaceholderText("Asked of every document, one a line, e.g. 'Who wrote "
                                        "this, when, and why?'")
        self.prop_prompts = QPlainTextEdit()
        self.prop_prompts.setPlaceholderText("Asked of every proposition, one a line, e.g. "
                                             "'Do the documents agree? If not, why?'")
        self.justify = QCheckBox("Every link needs a justification (its note)")
        self.rubric = QPlainTextEdit()
        self.rubric.setPlaceholderText(RUBRIC_HINT)
        load = QPushButton("Load rubric file…")
        load.clicked.connect(self._load_rubric)  # a bound method: a lambda kept the dialog alive
        for box in (self.instructions, self.prompts, self.prop_prompts, self.rubric):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
            box.setTabChangesFocus(True)  # Tab goes to the next field, as in every form
        self.key = QComboBox()
        self.key.addItem("All claims", None)
        for name in project.annotators():
            self.key.addItem(name or "(no annotator)", name)
        self.target = QLineEdit(str(free_path(project.path.with_suffix(EXTENSIONS[ASSIGNMENT]))))
        self.target.setMinimumWidth(self.target.fontMetrics().averageCharWidth() * PATH_CHARS)
        self.target.setToolTip("Where the assignment file is written; an existing file is "
                               "never replaced")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Make Assignment", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        rubric_row = QHBoxLayout()
        rubric_row.addWidget(self.rubric, 1)
        rubric_row.addWidget(load)
        form = QFormLayout(self)
        form.addRow("Title:", self.title)
        form.addRow("Instructions:", self.instructions)
        form.addRow("Sourcing prompts:", self.prompts)
        form.addRow("Corroboration prompts:", self.prop_prompts)
        form.addRow("", self.justify)
        form.addRow("Rubric:", rubric_row)
        form.addRow("Answer key:", self.key)
        form.addRow("Save as:", path_row(self.target, self._browse))
        form.addRow(self.error)
        form.addRow(buttons)
        name_form_fields(form)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the assignment as",
                                              self.target.text(), ASSIGNMENT_FILTER)
        if path:
            self.target.setText(path)

    def _load_rubric(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Rubric file", str(self.key_path.parent),
                                              "Rubric (*.json);;All files (*)")
        if not path:
            return
        try:
            self.rubric.setPlainText(rubric_text(load_rubric(Path(path))))
        except ClaimWeaveError as exc:
            report(exc, self.show_error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def make(self) -> Assignment:
        """Write the assignment from what the dialog holds; raises on a refusal."""
        prompts = ([("document", q) for q in _lines(self.prompts)]
                   + [("proposition", q) for q in _lines(self.prop_prompts)])
        self.made = make_assignment(
            self._key, Path(self.target.text().strip()).expanduser(),
            title=self.title.text(), instructions=self.instructions.toPlainText(),
            key_annotator=self.key.currentData(), prompts=prompts,
            rubric=parse_rubric_text(self.rubric.toPlainText()),
            require_justification=self.justify.isChecked())
        return self.made

    def accept(self) -> None:
        """Make the assignment; on a refusal say why and stay open with what was typed."""
        try:
            self.make()
        except (ClaimWeaveError, OSError) as exc:
            self.show_error(str(exc))
            return
        super().accept()
