"""The integrity check behind ``claimweave check``: SQLite's own checks plus the model's rules.

SQLite can vouch for its pages, indexes and foreign keys, but not for what the program
promises on top: a claim's quote is exactly its document's slice, the context that lets a
claim be re-anchored is the one stored, a frozen text still has its hash. Those rules are
checked here, so damage done by another tool (a hand edit with sqlite3, a half-copied
file) is found and named before it spreads into exports.

The check never changes the project, and it works while the desktop program has the
project open: it reads through a read-only connection, and the full-text index checks
(which SQLite runs as a write statement) run on a private snapshot taken with the backup API.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import database
from .errors import CorruptProjectError
from .offsets import CONTEXT_CHARS
from .schema import SCHEMA_VERSION
from .schema_objects import foreign_objects, missing_objects
from .text import normalise_text, text_sha256
from .values import bad_values

FTS_TABLES = ("documents_fts", "claims_fts")
MAX_PER_CHECK = 100  # a badly damaged file would otherwise bury the first, telling problem


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing found wrong: which check found it, and a sentence naming the row."""

    check: str
    message: str
    table: str | None = None
    row_id: str | None = None


@dataclass(slots=True)
class Report:
    """Everything one run of :func:`check` found; ``ok`` when nothing was wrong."""

    path: str
    checks: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"project": self.path, "ok": self.ok, "checks": list(self.checks),
                "problems": [asdict(p) for p in self.problems]}

    def add(self, check: str, message: str, table: str | None = None,
            row_id: str | None = None) -> None:
        self.problems.append(Problem(check, message, table, row_id))


def check(project_path: Path | str) -> Report:
    """Check the project file at *project_path*; raises only for files that are no project.

    A file that is not a ClaimWeave project, or was written by a newer version, raises the
    known error (its rules are unknown to this version); a damaged project yields a report.
    """
    path = Path(project_path)
    report = Report(str(path))
    version = SCHEMA_VERSION
    try:
        version = database.inspect_file(path)
    except CorruptProjectError as exc:
        report.add("file", str(exc))
    with database.reading_uri(path) as uri:
        _run_checks(report, uri, version)
    return report


def _run_checks(report: Report, uri: str, version: int) -> None:
    try:
        con = _read_only(uri)
    except sqlite3.Error as exc:
        report.add("file", f"cannot be opened: {exc}")
        return
    with closing(con):
        for name, run in (("integrity_check", _sqlite_integrity),
                          ("foreign_key_check", _foreign_keys),
                          ("schema", lambda r, c: _schema(r, c, version)),
                          ("text", _text_encoding), ("values", _values),
                          ("documents", _documents), ("claims", _claims),
                          ("links", _links), ("tags", _tag_cycles),
                          ("relation_types", _relation_types)):
            report.checks.append(name)
            _guarded(report, name, run, con)
    report.checks.append("fts")
    _guarded(report, "fts", _fts_on_snapshot, uri)


def _guarded(report: Report, name: str, run: Any, arg: Any) -> None:
    """Run one check; damage that stops a check is itself a finding, never a crash."""
    before = len(report.problems)
    try:
        run(report, arg)
    except sqlite3.DatabaseError as exc:
        report.add(name, f"the check could not finish: {exc}")
    extra = len(report.problems) - before - MAX_PER_CHECK
    if extra > 0:
        del report.problems[before + MAX_PER_CHECK:]
        report.add(name, f"... and {extra} more problems of this kind")


def _read_only(uri: str) -> sqlite3.Connection:
    """A connection on :func:`database.reading_uri`'s URI: it leaves no side files."""
    con = sqlite3.connect(uri, uri=True)
    con.text_factory = database.DECODE_TEXT  # the "text" check names invalid UTF-8
    con.execute("PRAGMA trusted_schema = OFF")
    return con


# --------------------------------------------------------------------- other programs' content
def _schema(report: Report, con: sqlite3.Connection, version: int) -> None:
    for obj in foreign_objects(con, version):
        report.add("schema", f"{obj.describe()} was not created by ClaimWeave and would run "
                   "on ordinary edits; 'claimweave check --repair' removes it", None, obj.name)
    for obj in missing_objects(con, version):
        report.add("schema", f"{obj.describe()} of ClaimWeave's own was removed (without it "
                   "reads are slower, or the stored suggestion index is not used); "
                   "'claimweave check --repair' makes it again", None, obj.name)


def _text_encoding(report: Report, con: sqlite3.Connection) -> None:
    """Text that is not valid UTF-8 (another tool wrote bytes): readers show U+FFFD."""
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%'")]
    columns = {t: [r[1] for r in con.execute(f'PRAGMA table_info("{t}")') if r[2] == "TEXT"]
               for t in tables}
    saved, con.text_factory = con.text_factory, bytes
    try:
        for table, cols in columns.items():
            if not cols:
                continue
            select = ", ".join(f'"{c}"' for c in cols)
            for row in con.execute(f'SELECT {select} FROM "{table}"'):
                for col, value in zip(cols, row, strict=True):
                    if isinstance(value, bytes) and not _utf8(value):
                        key = row[0].decode("utf-8", "replace") if row[0] else "?"
                        report.add("text", f"{table} row {key}: {col} is not valid UTF-8 "
                                   "(written by another program); it reads with U+FFFD in "
                                   "place of the bad bytes", table, key)
    finally:
        con.text_factory = saved


def _utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _values(report: Report, con: sqlite3.Connection) -> None:
    for table, row_id, column, value, form in bad_values(con):
        shown = "it is shown grey" if column == "color" else "it is shown only as plain text"
        report.add("values", f"{table} row {row_id}: {column} {_clip(value)!r} is not {form}; "
                   f"{shown}", table, row_id)


# --------------------------------------------------------------------- SQLite's own checks
def _sqlite_integrity(report: Report, con: sqlite3.Connection) -> None:
    for (line,) in con.execute(f"PRAGMA integrity_check({MAX_PER_CHECK})"):
        if line != "ok":
            report.add("integrity_check", line)


def _foreign_keys(report: Report, con: sqlite3.Connection) -> None:
    for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
        row_id = _row_id(con, table, rowid)
        report.add("foreign_key_check",
                   f"{table} row {row_id or rowid} refers to a missing {parent} row",
                   table, row_id)


def _row_id(con: sqlite3.Connection, table: str, rowid: int | None) -> str | None:
    if rowid is None:
        return None
    with suppress(sqlite3.Error):
        row = con.execute(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        return row[0] if row else None
    return None


@contextmanager
def _snapshot(uri: str) -> Iterator[sqlite3.Connection]:
    """A private, writable copy of the project (backup API), deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="claimweave-check-") as tmp:
        src = _read_only(uri)
        dst = sqlite3.connect(Path(tmp) / "snapshot.db")
        try:
            src.backup(dst)
            src.close()
            yield dst
        finally:
            src.close()
            dst.close()


def _fts_on_snapshot(report: Report, uri: str) -> None:
    with _snapshot(uri) as con:
        for table in FTS_TABLES:
            try:
                # rank 1: also compare the index with its external content table.
                con.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                report.add("fts", f"the full-text index {table} does not match its table "
                           f"({exc}); searching may miss or misplace results", table)


# --------------------------------------------------------------------- the model's rules
def _documents(report: Report, con: sqlite3.Connection) -> None:
    for doc_id, text, digest, count in con.execute(
            "SELECT id, text, text_sha256, char_count FROM documents"):
        if not isinstance(text, str):
            report.add("documents", f"document {doc_id} has no text", "documents", doc_id)
            continue
        if digest != text_sha256(text):
            report.add("documents", f"document {doc_id}: text_sha256 does not match its text "
                       "(the frozen text was changed)", "documents", doc_id)
        if count != len(text):
            report.add("documents", f"document {doc_id}: char_count is {count} but the text "
                       f"has {len(text)} characters", "documents", doc_id)
        if normalise_text(text) != text:
            report.add("documents", f"document {doc_id}: the text is not normalised "
                       "(newlines or Unicode composition differ)", "documents", doc_id)


def _claims(report: Report, con: sqlite3.Connection) -> None:
    """Each claim against its document's text, one document's text in memory at a time."""
    doc_ids = [r[0] for r in con.execute("SELECT id FROM documents")]
    for doc_id in doc_ids:
        text = con.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        if not isinstance(text, str):
            continue
        rows = con.execute('SELECT id, start, "end", quote, prefix, suffix FROM claims '
                           "WHERE document_id = ?", (doc_id,))
        for claim_id, start, end, quote, prefix, suffix in rows:
            _claim(report, claim_id, doc_id, text, start, end, quote, prefix, suffix)
    for (claim_id,) in con.execute(
            "SELECT id FROM claims WHERE document_id NOT IN (SELECT id FROM documents)"):
        report.add("claims", f"claim {claim_id} belongs to no document", "claims", claim_id)


def _claim(report: Report, claim_id: str, doc_id: str, text: str, start: Any, end: Any,
           quote: Any, prefix: Any, suffix: Any) -> None:
    where = f"claim {claim_id} (document {doc_id})"
    if not (isinstance(start, int) and isinstance(end, int)
            and 0 <= start < end <= len(text)):
        report.add("claims", f"{where}: span [{start}, {end}) is not a non-empty span inside "
                   f"the text (0 to {len(text)})", "claims", claim_id)
        return
    if quote != text[start:end]:
        report.add("claims", f"{where}: quote {_clip(quote)!r} differs from the text at "
                   f"[{start}, {end}): {_clip(text[start:end])!r}", "claims", claim_id)
    if prefix != text[max(0, start - CONTEXT_CHARS):start]:
        report.add("claims", f"{where}: prefix differs from the {CONTEXT_CHARS} characters "
                   "before the claim", "claims", claim_id)
    if suffix != text[end:end + CONTEXT_CHARS]:
        report.add("claims", f"{where}: suffix differs from the {CONTEXT_CHARS} characters "
                   "after the claim", "claims", claim_id)


def _links(report: Report, con: sqlite3.Connection) -> None:
    for link_id, source, target, rel, has_source, has_target, has_rel in con.execute(
            "SELECT l.id, l.source_claim_id, l.target_claim_id, l.relation_type_id, "
            "s.id IS NOT NULL, t.id IS NOT NULL, r.id IS NOT NULL FROM links l "
            "LEFT JOIN claims s ON s.id = l.source_claim_id "
            "LEFT JOIN claims t ON t.id = l.target_claim_id "
            "LEFT JOIN relation_types r ON r.id = l.relation_type_id"):
        if source == target:
            report.add("links", f"link {link_id} links claim {source} to itself", "links", link_id)
        for present, what, ref in ((has_source, "source claim", source),
                                   (has_target, "target claim", target),
                                   (has_rel, "relation type", rel)):
            if not present:
                report.add("links", f"link {link_id}: its {what} {ref} does not exist",
                           "links", link_id)


def _tag_cycles(report: Report, con: sqlite3.Connection) -> None:
    parent = dict(con.execute("SELECT id, parent_id FROM tags"))
    names = dict(con.execute("SELECT id, name FROM tags"))
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = parent.get(node)
        if node is None or node in reported:
            continue
        cycle = seen[seen.index(node):]
        reported.update(cycle)
        chain = " -> ".join(str(names.get(t, t)) for t in [*cycle, node])
        report.add("tags", f"tag parents form a cycle: {chain}", "tags", node)
    for tag_id, parent_id in parent.items():
        if parent_id is not None and parent_id not in parent:
            report.add("tags", f"tag {names.get(tag_id, tag_id)!r} has a missing parent "
                       f"{parent_id}", "tags", tag_id)


def _relation_types(report: Report, con: sqlite3.Connection) -> None:
    for rel_id, name, polarity, symmetric in con.execute(
            "SELECT id, name, polarity, symmetric FROM relation_types"):
        if polarity not in (-1, 0, 1):
            report.add("relation_types", f"relation {name!r}: polarity {polarity!r} is not "
                       "-1, 0 or 1", "relation_types", rel_id)
        if symmetric not in (0, 1):
            report.add("relation_types", f"relation {name!r}: symmetric {symmetric!r} is not "
                       "0 or 1", "relation_types", rel_id)


def _clip(value: Any, n: int = 40) -> str:
    s = str(value)
    return s if len(s) <= n else s[: n - 1] + "…"
