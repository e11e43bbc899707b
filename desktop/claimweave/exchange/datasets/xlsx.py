"""Excel workbook (.xlsx, openpyxl): sheets documents, claims and links, as in the CSV export.

Written in openpyxl's write-only mode, row by row, so memory stays flat. Every text cell is
typed as text, so a quote that begins with ``=`` shows as written and is never run as a
formula (no apostrophe is needed, unlike CSV). Excel holds at most 32,767 characters in a
cell and no C0 control characters: longer texts are cut with an ellipsis, those characters
dropped. The header row is frozen and bold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .qdpx import XML_UNSAFE
from .tables import tables

MAX_CELL = 32_767
_UNSAFE = {k: v for k, v in XML_UNSAFE.items() if k not in (0xFFFE, 0xFFFF)}


def _text(value: Any) -> Any:
    """The cell value: text cleaned of what Excel cannot hold, other values unchanged."""
    if not isinstance(value, str):
        return value
    value = value.translate(_UNSAFE)
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"


def _row(sheet: WriteOnlyWorksheet, values: list[Any], bold: bool = False) -> list[Any]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def export_xlsx(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    book = Workbook(write_only=True)
    for name, columns, rows in tables(snap, tick, text=_text):
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append(_row(sheet, list(columns), bold=True))
        for values in rows:
            sheet.append(_row(sheet, values))
    with atomic_writer(path, binary=True) as fh:
        book.save(fh)
    return snap.summary(path, (path,))
