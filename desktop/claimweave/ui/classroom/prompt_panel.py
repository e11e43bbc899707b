"""The Prompts panel of a student's working copy: the teacher's questions about the chosen
document (sourcing) and about the proposition of the current claim (corroboration), each
with the student's answer.

Answers are saved with Save Answers (Ctrl+Return) and before the panel turns to another
document or proposition, all changed answers in one undo step. Which claims form a
proposition, and where an answer is stored, is :mod:`claimweave.classroom.prompts`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...analysis.labels import clip
from ...classroom.prompts import Subject, find_answer, proposition_of, save_answer
from ...core.classroom_repo import Prompt
from ...core.errors import ClaimWeaveError
from ...core.model import Change
from ...core.wording import counted
from ..refusals import report
from ..session import ProjectSession

WATCHES = ("answers", "prompts", "claims", "links", "documents")


class _Question(QWidget):
    """One prompt and the answer box under it."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.subject: Subject | None = None
        self.saved = ""
        label = QLabel(f"<b>{prompt.position + 1}.</b> {escape(prompt.text)}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("Your answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * 3 + 12)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 4, 0, 4)
        col.addWidget(label)
        col.addWidget(self.answer)

    def show_answer(self, subject: Subject | None, text: str) -> None:
        self.subject = subject
        self.saved = text
        self.answer.setPlainText(text)
        self.answer.setEnabled(subject is not None)

    @property
    def changed(self) -> bool:
        return self.subject is not None and self.answer.toPlainText().strip() != self.saved


class PromptPanel(QWidget):
    """Sourcing questions for a document, corroboration questions for a proposition."""

    def __init__(self, session: ProjectSession, student: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.student = student
        self.document = QComboBox()
        self.document.setToolTip("The document the sourcing questions are about")
        self.proposition = QLabel()
        self.proposition.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Save Answers")
        self.save_button.setToolTip("Save every changed answer (Ctrl+Return); they are also "
                                    "saved when you turn to another document or claim")
        self.save_button.clicked.connect(self._save_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        prompts = session.project.prompts()
        self.doc_questions = [_Question(p) for p in prompts if p.kind == "document"]
        self.prop_questions = [_Question(p) for p in prompts if p.kind == "proposition"]

        body = QWidget()
        col = QVBoxLayout(body)
        if self.doc_questions:
            col.addWidget(_heading("About the document"))
            col.addWidget(self.document)
            for q in self.doc_questions:
                col.addWidget(q)
        if self.prop_questions:
            col.addWidget(_heading("About the proposition of the current claim"))
            col.addWidget(self.proposition)
            for q in self.prop_questions:
                col.addWidget(q)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.setMinimumSize(300, 320)  # a question and its answer stay in sight
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.status)
        outer.addWidget(self.save_button)

        self._fill_documents()
        self.document.currentIndexChanged.connect(self._document_chosen)
        session.currentClaimChanged.connect(self._claim_chosen)
        session.changed.connect(self._on_change)
        self.reload()

    # ------------------------------------------------------------------ state
    @property
    def questions(self) -> list[_Question]:
        return self.doc_questions + self.prop_questions

    def _fill_documents(self) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        for n, d in enumerate(self.session.project.documents(), start=1):
            self.document.addItem(f"{n}. {d.title}", d.id)
        index = self.document.findData(current)
        self.document.setCurrentIndex(max(index, 0))
        self.document.blockSignals(False)

    def show_document(self, doc_id: str) -> None:
        index = self.document.findData(doc_id)
        if index >= 0 and index != self.document.currentIndex():
            self.document.setCurrentIndex(index)

    def _document_chosen(self, _index: int) -> None:
        self.save()  # what was typed is kept before the questions turn to another subject
        self.reload()

    def _claim_chosen(self, claim_id: str | None) -> None:
        self.save()
        if claim_id:
            self.show_document(self.session.project.claim(claim_id).document_id)
        self.reload()

    def _on_change(self, change: Change) -> None:
        if change.touches(*WATCHES):
            if change.touches("documents"):
                self._fill_documents()
            self.reload(keep_edits=True)

    # ------------------------------------------------------------------ showing
    def reload(self, *, keep_edits: bool = False) -> None:
        """Show the answers stored for the current document and proposition."""
        project = self.session.project
        answers = project.answers(annotator=self.student)
        doc_id = self.document.currentData()
        doc_subject = Subject(doc_id, (doc_id,)) if doc_id else None
        prop_subject = None
        claim_id = self.session.current_claim
        if claim_id:
            members = proposition_of(project, claim_id)
            prop_subject = Subject(min(members), members)
            quote = clip(project.claim(claim_id).quote, 60)
            self.proposition.setText(f"“{quote}”" + (
                f" + {counted(len(members) - 1, 'agreeing claim')}"
                if len(members) > 1 else " (alone: link claims that agree to join them)"))
        else:
            self.proposition.setText("Select a claim to answer about its proposition.")
        for q in self.questions:
            subject = doc_subject if q.prompt.kind == "document" else prop_subject
            if keep_edits and q.changed and q.subject == subject:
                continue
            found = find_answer(answers, q.prompt, subject, self.student) if subject else None
            q.show_answer(subject, found.text if found else "")
        writable = not project.read_only
        self.save_button.setEnabled(writable)
        for q in self.questions:
            q.answer.setReadOnly(not writable)

    # ------------------------------------------------------------------ saving
    def _save_clicked(self) -> None:
        self.save()

    def save(self) -> int:
        """Save the changed answers as one undo step; returns how many."""
        pending = [q for q in self.questions if q.changed]
        if not pending or self.session.project.read_only:
            return 0
        project = self.session.project
        try:
            with project.batch(f"Answer {counted(len(pending), 'prompt')}"):
                for q in pending:
                    assert q.subject is not None
                    save_answer(project, q.prompt, q.subject, q.answer.toPlainText(),
                                self.student)
        except ClaimWeaveError as exc:
            report(exc, self.status.setText)
            return 0
        for q in pending:
            q.saved = q.answer.toPlainText().strip()
        self.status.setText(f"Saved {counted(len(pending), 'answer')}.")
        return len(pending)


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setStyleSheet("margin-top: 6px")
    return label
