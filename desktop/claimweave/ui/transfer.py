"""Import and export from the window: progress with cancel, and a plain-language summary.

Import reads files (HTML extraction, PDF and DOCX text: the slow part) ahead on a worker
thread while the UI thread stores each text: the store announces changes on the thread
that owns the views, and the window stays painted and cancellable even while one large
PDF is read. Export runs wholly on a worker with its own read-only connection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..analysis.groups import proposition_names
from ..core.errors import ImportRefusedError
from ..core.store import Project
from ..core.targets import write_text
from ..core.wording import counted
from ..exchange.datasets import EXPORTERS, ExportSelection, ExportSummary, export
from ..exchange.datasets.bundle import Bundle
from ..exchange.datasets.importers import guess_format, read_annotations
from ..exchange.importing import FileImportResult, import_files
from ..exchange.merge import project_bundle
from ..exchange.sources import SourceText
from ..exchange.sources.reader import read_source
from ..nlp.cache import cached_entities
from .background import Report, run_with_progress

IMPORT_FILTER = ("Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;"
                 "All files (*)")
SHOW_PROGRESS_AFTER_MS = 400
EVENTS_EVERY_S = 0.05


def import_with_progress(parent: QWidget | None, project: Project,
                         paths: Sequence[Path]) -> list[FileImportResult]:
    """Import files one by one; a progress dialog appears when it takes a while."""
    dialog = QProgressDialog("Importing…", "Cancel", 0, len(paths), parent)
    dialog.setWindowTitle("Import")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    dialog.setAutoClose(True)

    def events() -> None:
        # Until the (modal) dialog shows, keep painting but take no clicks or keys: a
        # project opened or closed meanwhile would pull the store from under the import.
        flags = (QEventLoop.ProcessEventsFlag.AllEvents if dialog.isVisible()
                 else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        QApplication.processEvents(flags, 50)

    def progress(index: int, total: int, path: Path) -> bool:
        dialog.setValue(index)
        dialog.setLabelText(f"Importing {path.name} ({index + 1} of {total})…")
        events()
        return not dialog.wasCanceled()

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimweave-read")
    ahead: dict[Path, Future[SourceText]] = {p: pool.submit(read_source, p) for p in paths}

    def reader(path: Path) -> SourceText:
        future = ahead[path]
        while not wait_for([future], timeout=EVENTS_EVERY_S).done:
            events()
            if dialog.wasCanceled():  # the file being read is not imported; nor the rest
                future.cancel()
                raise ImportRefusedError(f"{path.name}: not imported (cancelled)")
        return future.result()  # a refusal is raised here and reported by import_files

    try:
        return import_files(project, list(paths), progress=progress, reader=reader)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        dialog.setValue(len(paths))
        dialog.deleteLater()


def import_summary(results: Sequence[FileImportResult], asked: int) -> tuple[str, bool]:
    """One message for the whole batch, naming each file that failed; and whether any did."""
    imported = [r for r in results if r.ok and not r.duplicate]
    duplicates = [r for r in results if r.ok and r.duplicate]
    failed = [r for r in results if not r.ok]
    parts = [f"Imported {len(imported)} of {counted(asked, 'file')}."]
    if duplicates:
        parts.append("Already in the project: " + ", ".join(
            f"{r.path.name} (as “{r.document.title}”)" if r.document else r.path.name
            for r in duplicates) + ".")
    if len(results) < asked:
        parts.append(f"Cancelled; {counted(asked - len(results), 'file')} not imported.")
    if failed:
        parts.append("Could not import:\n" + "\n".join(f"• {r.error}" for r in failed))
    warnings = [f"• {r.path.name}: {w}" for r in results for w in r.warnings]
    if warnings:
        parts.append("Warnings:\n" + "\n".join(warnings))
    return "\n\n".join(parts), bool(failed)


def export_formats() -> list[str]:
    return sorted(EXPORTERS)


GRAPH_FORMATS = ("graphml", "gexf")  # the claim network: nodes carry their proposition


def export_with_progress(parent: QWidget | None, project: Project, fmt: str, path: Path,
                         selection: ExportSelection | None = None,
                         options: Mapping[str, object] | None = None) -> ExportSummary:
    """Export on a worker thread with a progress bar (documents written of all).
    *options*: the format's own (positions for qdpx, excel for csv), as on the command line.

    The worker reads the project through its own read-only connection: SQLite connections
    stay on the thread that made them, and WAL lets it read while the window goes on.
    """
    project_path = project.path

    def job(report: Report) -> ExportSummary:
        with Project.open(project_path, read_only=True) as reader:
            extra = dict(options or {})
            if fmt in GRAPH_FORMATS:
                extra["propositions"] = proposition_names(reader)
            return export(reader, fmt, path, selection, progress=report, **extra)

    return run_with_progress(parent, "Export", f"Exporting as {fmt} to {path.name}…", job)


ANNOTATIONS_FILTER = ("Annotations (*.jsonl *.jsonld *.json *.qdpx *.qdc);;All files (*)")


def read_annotations_with_progress(parent: QWidget | None, path: Path) -> Bundle:
    """Parse an annotation file (or brat folder) on a worker; applying it is the caller's
    business, on the UI thread, in one undo step."""
    fmt = guess_format(path)
    return run_with_progress(parent, "Import", f"Reading {path.name} ({fmt})…",
                             lambda _report: read_annotations(path, fmt), cancel="abandon")


def read_project_with_progress(parent: QWidget | None, path: Path) -> Bundle:
    """Read another project for merging, through its own read-only connection."""
    def job(_report: Report) -> Bundle:
        with Project.open(path, read_only=True) as source:
            return project_bundle(source)

    return run_with_progress(parent, "Merge", f"Reading {path.name}…", job, cancel="abandon")


def report_with_progress(parent: QWidget | None, project: Project, out: Path) -> Path:
    """Write the HTML report on a worker with its own read-only connection."""
    from ..report import build_report  # networkx and numpy: loaded on first use

    project_path = project.path

    def job(report: Report) -> Path:
        with Project.open(project_path, read_only=True) as reader:
            html = build_report(reader, entities=cached_entities(reader) or None)
        report(1, 1)  # the last moment to cancel: nothing is written after it
        return write_text(out, html, protected=project_path)

    return run_with_progress(parent, "Report", f"Writing {out.name}…", job)
