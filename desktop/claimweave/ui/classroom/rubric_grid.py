"""The teacher's rubric in the dashboard: a row per student, for each criterion a level to
choose and a comment to write. Every choice is one undoable store verb (``assess``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem, QWidget

from ...analysis.labels import clip
from ...core.classroom_repo import Assessment, Criterion
from ...core.errors import ClaimWeaveError
from ...core.store import Project
from ..refusals import report
from ..session import ProjectSession

NO_LEVEL = "–"


def answer_lines(project: Project) -> dict[str, list[str]]:
    """Each student's answers, one line each, for the tooltip on their name."""
    prompts = {p.id: p.position + 1 for p in project.prompts()}
    titles = {d.id: d.title for d in project.documents()}
    out: dict[str, list[str]] = {}
    for a in project.answers():
        about = titles.get(a.subject, "a proposition")
        out.setdefault(a.annotator, []).append(
            f"{prompts.get(a.prompt_id, '?')}. {clip(about, 40)}: {clip(a.text, 200)}")
    return out


class RubricGrid(QTableWidget):
    """Students x criteria: a level chooser and a comment cell per criterion."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.session = session
        self.students: list[str] = []
        self.criteria: list[Criterion] = []
        self.error = ""
        self.setToolTip("Choose a level and write a comment for each student and criterion; "
                        "they appear on the student's feedback page and in the grade sheet. "
                        "Ctrl+Z in the main window undoes a change.")
        self.setWordWrap(True)
        self.itemChanged.connect(self._comment_edited)

    def fill(self, students: list[str]) -> None:
        """Rebuild for *students* from the project's rubric and assessments."""
        project = self.session.project
        self.students, self.criteria = list(students), project.criteria()
        given = {(a.student, a.criterion_id): a for a in project.assessments()}
        answers = answer_lines(project)
        self.blockSignals(True)
        self.clear()
        self.setRowCount(len(self.students))
        self.setColumnCount(1 + 2 * len(self.criteria))
        headers = ["student"]
        for c in self.criteria:
            headers += [c.name, f"{c.name}: comment"]
        self.setHorizontalHeaderLabels(headers)
        for col, c in enumerate(self.criteria):
            for which, tip in ((1, f"The level reached on {c.name!r}: "
                                   f"{', '.join(c.levels)} (lowest first)"),
                               (2, f"Your comment to the student on {c.name!r}")):
                header = self.horizontalHeaderItem(1 + 2 * col + which - 1)
                if header is not None:
                    header.setToolTip(tip)
        for row, student in enumerate(self.students):
            name = QTableWidgetItem(student)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setToolTip("\n".join(answers.get(student, [])) or "No answers to the prompts")
            self.setItem(row, 0, name)
            for col, c in enumerate(self.criteria):
                self._put(row, col, c, given.get((student, c.id)))
        self.blockSignals(False)
        self.resizeColumnsToContents()
        for col in range(len(self.criteria)):
            self.setColumnWidth(2 + 2 * col, max(self.columnWidth(2 + 2 * col), 220))

    def _put(self, row: int, col: int, criterion: Criterion, given: Assessment | None) -> None:
        box = QComboBox()
        box.addItem(NO_LEVEL, "")
        for level in criterion.levels:
            box.addItem(level, level)
        box.setCurrentIndex(max(box.findData(given.level if given else ""), 0))
        box.setEnabled(not self.session.read_only)
        box.currentIndexChanged.connect(
            lambda _i, r=row, c=criterion, b=box: self._level_chosen(r, c, b))
        self.setCellWidget(row, 1 + 2 * col, box)
        comment = QTableWidgetItem(given.comment if given else "")
        comment.setData(Qt.ItemDataRole.UserRole, criterion.id)
        self.setItem(row, 2 + 2 * col, comment)

    def level_box(self, student: str, criterion: str) -> QComboBox:
        """The level chooser of *student* on *criterion* (a name)."""
        row = self.students.index(student)
        col = [c.name for c in self.criteria].index(criterion)
        box = self.cellWidget(row, 1 + 2 * col)
        assert isinstance(box, QComboBox)
        return box

    def comment_item(self, student: str, criterion: str) -> QTableWidgetItem:
        row = self.students.index(student)
        col = [c.name for c in self.criteria].index(criterion)
        item = self.item(row, 2 + 2 * col)
        assert item is not None
        return item

    def _comment_of(self, row: int, criterion: Criterion) -> str:
        item = self.item(row, 2 + 2 * self.criteria.index(criterion))
        return item.text() if item is not None else ""

    def _level_chosen(self, row: int, criterion: Criterion, box: QComboBox) -> None:
        self._assess(row, criterion, str(box.currentData() or ""),
                     self._comment_of(row, criterion))

    def _comment_edited(self, item: QTableWidgetItem) -> None:
        criterion_id = item.data(Qt.ItemDataRole.UserRole)
        found = [c for c in self.criteria if c.id == criterion_id]
        if not found:
            return
        col = self.criteria.index(found[0])
        box = self.cellWidget(item.row(), 1 + 2 * col)
        level = str(box.currentData() or "") if isinstance(box, QComboBox) else ""
        self._assess(item.row(), found[0], level, item.text())

    def _assess(self, row: int, criterion: Criterion, level: str, comment: str) -> None:
        try:
            self.session.project.assess(self.students[row], criterion.name, level,
                                        comment=comment)
            self.error = ""
        except ClaimWeaveError as exc:
            self.error = report(exc)

    def refresh(self) -> None:
        """Show the stored levels and comments again (after undo) without rebuilding."""
        given = {(a.student, a.criterion_id): a for a in self.session.project.assessments()}
        self.blockSignals(True)
        for row, student in enumerate(self.students):
            for col, c in enumerate(self.criteria):
                a = given.get((student, c.id))
                box = self.cellWidget(row, 1 + 2 * col)
                if isinstance(box, QComboBox):
                    box.blockSignals(True)
                    box.setCurrentIndex(max(box.findData(a.level if a else ""), 0))
                    box.blockSignals(False)
                item = self.item(row, 2 + 2 * col)
                if item is not None and item.text() != (a.comment if a else ""):
                    item.setText(a.comment if a else "")
        self.blockSignals(False)
