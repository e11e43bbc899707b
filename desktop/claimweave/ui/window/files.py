"""The window's files: projects opened, created and remembered; articles imported;
datasets exported; backups made by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ...core.errors import ClaimWeaveError
from ...exchange.datasets import ExportSelection
from ..background import JobCancelled, run_with_progress
from ..dialogs.export import ExportDialog
from ..transfer import (
    IMPORT_FILTER,
    export_with_progress,
    import_summary,
    import_with_progress,
)
from .base import WindowBase, pane_count

PROJECT_FILTER = "ClaimWeave projects (*.claimweave);;All files (*)"
OPEN_FILTER = ("ClaimWeave files (*.claimweave *.cwassign *.cwsubmit);;ClaimWeave projects "
               "(*.claimweave);;Assignments (*.cwassign);;Submissions (*.cwsubmit);;All files (*)")


class ProjectFiles(WindowBase):
    """File menu verbs of :class:`~claimweave.ui.main_window.MainWindow`."""

    # ================================================================== projects
    def open_project(self, path: Path, documents: list[str] | None = None) -> bool:
        """Open a project file; an assignment opens as the student's working copy."""
        resolved = self.classroom.resolve_open(Path(path))
        if resolved is None:
            return False
        path = resolved
        session = self.opener.open(Path(path), self)
        if session is None:
            return False
        self._remember(Path(path))
        self.set_session(session, documents)
        return True

    def open_demo(self) -> bool:
        if self.demo is None:
            return False
        try:
            path = self.demo()
        except ClaimWeaveError as exc:
            self.inform("Cannot open the demo", str(exc), warning=True)
            return False
        return self.open_project(path)

    def import_into_new_project(self) -> None:
        """First run: choose where the new project goes, then the articles to put in it."""
        self.new_project()
        if self.session is not None:
            self.choose_imports()

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", self._start_dir(),
                                              OPEN_FILTER)
        if path:
            self.open_project(Path(path))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", self._start_dir(),
                                              PROJECT_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".claimweave")
        session = self.opener.create(target, self)
        if session is not None:
            self._remember(target)
            self.set_session(session)

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.remember_folder("project", Path(path).resolve().parent)

    def _start_dir(self) -> str:
        recent = self.settings.recent_projects
        return self.settings.start_folder("project", recent[0].parent if recent else None)

    # ================================================================== import / export
    def choose_imports(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles",
                                                self.settings.start_folder("import"),
                                                IMPORT_FILTER)
        if paths:
            self.settings.remember_folder("import", paths[0])
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> str | None:
        """Import files (menu or drop); returns the summary shown to the user."""
        if self.session is None or self.session.read_only:
            self.show_message("Open a project you can edit before importing articles.")
            return None
        results = import_with_progress(self, self.session.project, paths)
        summary, failed = import_summary(results, len(paths))
        duplicates = any(r.duplicate for r in results)
        # The count, and which files were there already: "Imported 0 of 1" alone says nothing.
        self.show_message(" ".join(summary.split("\n\n")[:2 if duplicates else 1]))
        if failed or len(paths) > 1:
            self.inform("Import", summary, warning=failed)
        new = [r.document.id for r in results if r.document and not r.duplicate]
        if new and self.comparison is not None:
            self.comparison.fill_panes(new, pane_count(self.width()))
        return summary

    def choose_export(self) -> None:
        if self.session is None:
            return
        dialog = ExportDialog(self.session.project, self, last_format=self.settings.export_format,
                              folder=self.settings.folder("export"))
        if dialog.exec() and (request := dialog.request()) is not None:
            self.settings.export_format = request.fmt
            self.settings.remember_folder("export", request.path.parent)
            self.export_to(request.fmt, request.path, request.selection, request.options)

    def export_to(self, fmt: str, path: Path, selection: ExportSelection | None = None,
                  options: dict[str, object] | None = None) -> None:
        assert self.session is not None
        try:
            summary = export_with_progress(self, self.session.project, fmt, path, selection,
                                           options)
        except JobCancelled:
            self.show_message(f"Export cancelled: {path.name} was not written")
            return
        except ClaimWeaveError as exc:
            self.inform("Export failed", str(exc), warning=True)
            return
        except OSError as exc:
            self.inform("Export failed", f"{path}: {exc.strerror or exc}", warning=True)
            return
        self.show_message(f"Exported {summary.documents} documents, {summary.claims} claims "
                          f"and {summary.links} links to {summary.path}")

    # ================================================================== backups
    def backup_now(self) -> None:
        if self.backups is None:
            return
        name = self.backups.auto.project_path.name
        try:
            made, new = self.backups.backup_and_wait(lambda job: run_with_progress(
                self, "Back up", f"Backing up {name}…", job))
        except JobCancelled:
            self.show_message("Backup cancelled: no backup file was written")
            return
        except ClaimWeaveError as exc:
            self.inform("Backup failed", str(exc), warning=True)
            return
        self.show_message(f"Backed up to {made}" if new
                          else f"Nothing changed since the last backup, {made}")

    def _back_up_quietly(self) -> None:
        """Before a merge or an import of annotations: a copy to go back to."""
        if self.backups is not None:
            self.backups.backup_now()
            self.backups.wait()
