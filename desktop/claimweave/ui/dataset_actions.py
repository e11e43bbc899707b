"""File menu entries that bring annotations in or write a report: Import Annotations,
Merge Project, Save Report. Files are read on a worker (ui/transfer.py); what they hold is
written on the UI thread in one undo step, after a backup, and reported in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.errors import ClaimWeaveError
from ..exchange.datasets.bundle import Bundle
from ..exchange.datasets.ingest import ImportReport, apply_bundle
from .actions import make_action
from .background import JobCancelled
from .session import ProjectSession
from .transfer import (
    ANNOTATIONS_FILTER,
    read_annotations_with_progress,
    read_project_with_progress,
    report_with_progress,
)

Inform = Callable[[str, str, bool], None]
"""Tell the user something: (title, text, is_warning)."""

PROJECT_FILTER = "ClaimWeave projects (*.claimweave);;All files (*)"


def describe(report: ImportReport) -> str:
    """What an import or merge did, conflicts included, for a message box."""
    lines = [report.describe()]
    if report.conflicts:
        lines.append("Kept as they were (the other file differs):")
        lines += [f"• {c}" for c in report.conflicts[:20]]
        if len(report.conflicts) > 20:
            lines.append(f"… and {len(report.conflicts) - 20} more")
    return "\n".join(lines)


class DatasetActions(QObject):
    """The actions and what they do; the window puts them in its File menu."""

    message = Signal(str)

    def __init__(self, parent: QWidget, inform: Inform,
                 before_change: Callable[[], None] = lambda: None) -> None:
        super().__init__(parent)
        self.window = parent
        self.inform = inform
        self.before_change = before_change  # e.g. a backup, so a wrong merge can be undone
        self.session: ProjectSession | None = None
        self.import_action = make_action(
            parent, "Import &Annotations…", self.import_annotations,
            tip="Claims, tags and links from a .jsonl, .jsonld or .qdpx file")
        self.import_brat_action = make_action(
            parent, "Import Annotations from a &brat Folder…", self.import_brat,
            tip="A brat standoff folder (.txt and .ann per document)")
        self.merge_action = make_action(
            parent, "&Merge Project…", self.merge_project,
            tip="Add another project's documents, claims, tags and links to this one")
        self.report_action = make_action(
            parent, "Save &Report…", self.save_report,
            tip="A self-contained HTML page: documents, claims, matrix, links, charts")
        self.set_session(None)

    @property
    def actions(self) -> list:
        return [self.import_action, self.import_brat_action, self.merge_action,
                self.report_action]

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session
        writable = session is not None and not session.read_only
        for action in (self.import_action, self.import_brat_action, self.merge_action):
            action.setEnabled(writable)
        self.report_action.setEnabled(session is not None)

    def _start(self) -> Path:
        assert self.session is not None
        return self.session.project.path.parent

    # ------------------------------------------------------------------ actions
    def import_annotations(self, path: Path | None = None) -> ImportReport | None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Import annotations",
                                                    str(self._start()), ANNOTATIONS_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        return self._apply("Import annotations", lambda: read_annotations_with_progress(
            self.window, path), f"Import annotations from {path.name}")

    def import_brat(self) -> ImportReport | None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a brat folder",
                                                  str(self._start()))
        return self.import_annotations(Path(folder)) if folder else None

    def merge_project(self, path: Path | None = None) -> ImportReport | None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Merge a project into this one",
                                                    str(self._start()), PROJECT_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        if self.session is not None and path.resolve() == self.session.project.path.resolve():
            self.inform("Merge", "That is this project itself: nothing to merge.", True)
            return None
        return self._apply("Merge", lambda: read_project_with_progress(self.window, path),
                           f"Merge {path.name}")

    def _apply(self, title: str, read: Callable[[], Bundle], label: str) -> ImportReport | None:
        if self.session is None or self.session.read_only:
            return None
        try:
            bundle = read()
            self.before_change()
            report = apply_bundle(self.session.project, bundle, label=label)
        except JobCancelled:
            self.message.emit(f"{title} cancelled: the project was not changed")
            return None
        except (ClaimWeaveError, OSError) as exc:
            self.inform(f"{title} failed", f"{exc}\n\nThe project was not changed.", True)
            return None
        self.inform(title, describe(report) + "\n\nCtrl+Z takes it all back.",
                    bool(report.conflicts))
        return report

    def save_report(self, out: Path | None = None) -> Path | None:
        if self.session is None:
            return None
        if out is None:
            default = self.session.project.path.with_suffix(".html")
            chosen, _ = QFileDialog.getSaveFileName(self.window, "Save report", str(default),
                                                    "HTML (*.html)")
            if not chosen:
                return None
            out = Path(chosen)
        try:
            written = report_with_progress(self.window, self.session.project, out)
        except JobCancelled:
            self.message.emit(f"Report cancelled: {out.name} was not written")
            return None
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Report failed", str(exc), True)
            return None
        self.message.emit(f"Report written to {written}: it opens offline in any browser")
        return written
