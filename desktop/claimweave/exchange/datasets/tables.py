"""CSV for spreadsheets and pandas: documents.csv, claims.csv and links.csv.

Written into a folder, or into one .zip when the path ends in .zip, row by row. UTF-8 (with
a byte-order mark for Excel when asked) with a header row, RFC 4180 quoting. Cells that a
spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a
leading apostrophe, so opening an export can never execute anything; the JSONL export keeps
the exact text for programs.
Field by field in docs/exports.md.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ...core.errors import ClaimWeaveError
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .records import CARD_FIELDS, DOC_FIELDS

_FORMULA_START = frozenset("=+-@\t\r")
Cell = Callable[[Any], Any]
TAG_SEPARATOR = "; "

DOCUMENT_COLUMNS = ("id", *DOC_FIELDS, "text_sha256", "chars", "claims", *CARD_FIELDS,
                    "attributes")
CLAIM_COLUMNS = ("id", "document_id", "document_title", "start", "end", "quote", "prefix",
                 "suffix", "tags", "note", "annotator", "created_at", "updated_at", "claimant")
LINK_COLUMNS = ("id", "source_claim_id", "target_claim_id", "relation", "polarity",
                "symmetric", "source_document_id", "target_document_id", "source_quote",
                "target_quote", "note", "annotator", "created_at")


def neutralise(value: Any) -> Any:
    """A text cell that cannot start a spreadsheet formula; numbers pass unchanged."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def _safe_text(value: str) -> str:
    """:func:`neutralise` for a cell known to hold text (the hot path: quotes, notes)."""
    return "'" + value if value[:1] in _FORMULA_START else value


def _documents(snap: ProjectSnapshot, t: Cell = neutralise) -> Iterator[list[Any]]:
    counts = {d: len(cs) for d, cs in snap.claims_by_doc.items()}
    for d in snap.documents:
        attributes = TAG_SEPARATOR.join(f"{k}={v}" for k, v in d.attributes.items())
        yield [d.id, *(t(getattr(d, f)) for f in DOC_FIELDS), d.text_sha256, d.chars,
               counts[d.id], *(t(getattr(d, f)) for f in CARD_FIELDS), t(attributes)]


def _claims(snap: ProjectSnapshot, tick: Ticker, t: Cell = _safe_text) -> Iterator[list[Any]]:
    titles = {d.id: t(d.title) for d in snap.documents}
    for doc in snap.documents:
        for c in snap.claims_by_doc[doc.id]:
            yield [c.id, c.document_id, titles[c.document_id], c.start, c.end, t(c.quote),
                   t(c.prefix), t(c.suffix), t(TAG_SEPARATOR.join(c.tags)), t(c.note),
                   t(c.annotator), c.created_at, c.updated_at, t(c.claimant or "")]
        tick.step()


def _links(snap: ProjectSnapshot, t: Cell = _safe_text) -> Iterator[list[Any]]:
    claims, rels = snap.claim_by_id, snap.relation_by_id
    for k in snap.links:
        a, b, rel = claims[k.source], claims[k.target], rels[k.relation_type_id]
        yield [k.id, k.source, k.target, t(rel.name), rel.polarity, int(rel.symmetric),
               a.document_id, b.document_id, t(a.quote), t(b.quote), t(k.note),
               t(k.annotator), k.created_at]


def tables(snap: ProjectSnapshot, tick: Ticker, text: Cell | None = None
           ) -> list[tuple[str, tuple[str, ...], Iterator[list[Any]]]]:
    """(name, columns, rows) of the three tables; rows are made as they are written.

    *text* renders text cells: by default neutralised for spreadsheets; the xlsx export
    passes the exact text and types the cells as text instead.
    """
    if text is None:
        return [("documents", DOCUMENT_COLUMNS, _documents(snap)),
                ("claims", CLAIM_COLUMNS, _claims(snap, tick)),
                ("links", LINK_COLUMNS, _links(snap))]
    return [("documents", DOCUMENT_COLUMNS, _documents(snap, text)),
            ("claims", CLAIM_COLUMNS, _claims(snap, tick, text)),
            ("links", LINK_COLUMNS, _links(snap, text))]


def _write_csv(fh: IO[str], columns: tuple[str, ...], rows: Iterable[list[Any]]) -> None:
    """One table as CSV, row by row; *rows* must already be neutralised."""
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)


def export_csv(project: Project, path: Path, selection: ExportSelection,
               progress: Progress | None = None, *, excel: bool = False) -> ExportSummary:
    """The three tables, streamed into their files or zip members (memory stays flat).

    *excel*: UTF-8 with a byte-order mark, which Excel on Windows needs to read UTF-8.
    """
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    encoding = "utf-8-sig" if excel else "utf-8"
    if path.suffix.lower() == ".zip":
        with atomic_writer(path, binary=True) as fh, zipfile.ZipFile(
                fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, columns, rows in tables(snap, tick):
                with zf.open(f"{name}.csv", "w", force_zip64=True) as raw, io.TextIOWrapper(
                        raw, encoding=encoding, newline="") as member:
                    _write_csv(member, columns, rows)
        return snap.summary(path, (path,))
    if path.exists() and not path.is_dir():
        raise ClaimWeaveError(f"{path} is a file; CSV export writes a folder (or a .zip)")
    path.mkdir(parents=True, exist_ok=True)
    files = []
    for name, columns, rows in tables(snap, tick):
        with atomic_writer(path / f"{name}.csv", encoding=encoding, newline="") as fh:
            _write_csv(fh, columns, rows)
        files.append(path / f"{name}.csv")
    return snap.summary(path, tuple(files))
