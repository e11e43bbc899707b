"""The grade sheet: one CSV row per student, safe to open in a spreadsheet.

After the scores, one column per rubric criterion holds the level the teacher set (empty
when not assessed yet). Text cells that a spreadsheet would run as a formula (starting with
= + - @, tab or CR: a student may well be called "=HYPERLINK(...)") get a leading
apostrophe, by the same helper as the CSV export.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.targets import atomic_write
from ..exchange.datasets.tables import neutralise
from .grading import StudentResult, rounded

if TYPE_CHECKING:  # numpy-based; loaded by the commands that grade
    from .agreement import ClassReport

COLUMNS = (
    "student", "claims_marked", "claims_matched", "key_claims", "claims_precision",
    "claims_recall", "claims_f1", "tags_precision", "tags_recall", "tags_f1", "links_made",
    "links_matched", "key_links", "links_precision", "links_recall", "links_f1", "mean_f1",
    "kappa_vs_key", "links_unjustified",
)
"""The fixed columns; one column per rubric criterion (its name, holding the level) follows."""


def grade_row(r: StudentResult) -> list[Any]:
    values = [r.student, r.claims.student, r.claims.matched, r.claims.key,
              r.claims.precision, r.claims.recall, r.claims.f1, r.tags.precision,
              r.tags.recall, r.tags.f1, r.links.student, r.links.matched, r.links.key,
              r.links.precision, r.links.recall, r.links.f1, r.mean_f1, r.kappa_vs_key,
              len(r.links_unjustified)]
    return [rounded(v) if isinstance(v, float) else ("" if v is None else v) for v in values]


def grades_csv(report: ClassReport) -> str:
    """The grade sheet as CSV text (UTF-8, header row, CRLF as RFC 4180 has it)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    parts = report.data.parts
    writer.writerow([*COLUMNS, *(neutralise(c.name) for c in parts.criteria)])
    for r in report.results:
        levels = [a.level if a else "" for _, a in parts.assessed(r.student)]
        writer.writerow([neutralise(v) for v in [*grade_row(r), *levels]])
    return buf.getvalue()


def write_grades(report: ClassReport, path: Path) -> Path:
    """Write the grade sheet to *path*, replacing it only once complete."""
    with atomic_write(path) as fh:
        fh.write(grades_csv(report))
    return path
