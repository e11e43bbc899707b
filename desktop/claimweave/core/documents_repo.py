"""Documents: import, metadata, order and deletion (with the claims they hold)."""

from __future__ import annotations

from .clock import now
from .errors import InvalidOperationError
from .model import Document, ImportOutcome
from .offsets import CONTEXT_CHARS, Anchor
from .project import DOCUMENTS_LOCKED, ProjectBase
from .text import normalise_text, text_sha256
from .validation import (
    DOC_META,
    check_date,
    title_from,
)

_DOC_COLS = (
    "d.id, d.title, d.author, d.outlet, d.published, d.url, d.language, d.source_file, "
    "d.text_sha256, d.char_count, d.imported_at, d.position"
)
_COUNT = "(SELECT count(*) FROM claims c WHERE c.document_id = d.id)"
_CARD_COLS = "d.kind, d.reliability, d.reason, d.note, d.derived_from"  # sources_repo.py
# Metadata sits after the text in a row: read it from the index that holds all but the text.
_META = "INDEXED BY documents_meta"


class DocumentsRepo(ProjectBase):
    """The documents table; a document's text is frozen at import."""

    def _check_documents_unlocked(self) -> None:
        """Assignment files fix their documents (setting ``documents_locked``), so every
        student works on, and hands in against, exactly the same texts."""
        if self.get_setting(DOCUMENTS_LOCKED) == "1":
            raise InvalidOperationError(
                "the documents of this assignment are fixed: none can be added, removed, "
                "moved or edited")

    def add_document(self, text: str, *, title: str | None = None, author: str | None = None,
                     outlet: str | None = None, published: str | None = None,
                     url: str | None = None, language: str | None = None,
                     source_file: str | None = None, doc_id: str | None = None
                     ) -> ImportOutcome:
        """Store a document; its normalised text is frozen from now on.

        The same text (after normalisation) is never stored twice: the existing document
        is returned with ``duplicate=True``. *doc_id* keeps the id a dataset or another
        project gave the document, so importing it again finds it.
        """
        self._check_documents_unlocked()
        text = normalise_text(text)
        if not text.strip():
            raise InvalidOperationError("the document has no text")
        if published is not None:
            check_date(published)
        digest = text_sha256(text)
        existing = self.con.execute("SELECT id FROM documents WHERE text_sha256 = ?",
                                    (digest,)).fetchone()
        if existing:
            return ImportOutcome(self.document(existing[0]), duplicate=True)
        doc_id = self._fresh_id("documents", doc_id)
        stamp = now()
        with self._transaction(f"Import {title or source_file or 'document'}"):
            position = self.con.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM documents").fetchone()[0]
            self._writer.insert("documents", {
                "id": doc_id, "title": (title or "").strip() or title_from(text),
                "author": author, "outlet": outlet, "published": published, "url": url,
                "language": language, "source_file": source_file, "text": text,
                "text_sha256": digest, "char_count": len(text), "imported_at": stamp,
                "updated_at": stamp, "position": position,
            })
        return ImportOutcome(self.document(doc_id))

    def update_document(self, doc_id: str, **meta: str | None) -> Document:
        """Edit metadata (title, author, outlet, published, url, language); never the text."""
        self._check_documents_unlocked()
        unknown = set(meta) - set(DOC_META)
        if unknown:
            raise InvalidOperationError(
                f"cannot change {', '.join(sorted(unknown))}: a document's text is frozen")
        if "title" in meta and not (meta["title"] or "").strip():
            raise InvalidOperationError("a document needs a title")
        if meta.get("published"):
            check_date(meta["published"] or "")
        doc = self.document(doc_id)
        with self._transaction(f"Edit {doc.title}"):
            self._writer.update("documents", (("id", doc.id),), {**meta, "updated_at": now()})
        return self.document(doc.id)

    def move_document(self, doc_id: str, position: int) -> None:
        """Put a document at *position* in the project's order (0 is first)."""
        self._check_documents_unlocked()
        ids = [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY position")]
        doc = self.document(doc_id)
        ids.remove(doc.id)
        ids.insert(max(0, min(position, len(ids))), doc.id)
        with self._transaction(f"Move {doc.title}"):
            for pos, i in enumerate(ids):
                self._writer.update("documents", (("id", i),), {"position": pos})

    def delete_document(self, doc_id: str) -> None:
        """Delete a document with its claims and their links (undoable)."""
        self._check_documents_unlocked()
        doc = self.document(doc_id)
        with self._transaction(f"Delete {doc.title}"):
            for (claim_id,) in self.con.execute(
                    "SELECT id FROM claims WHERE document_id = ?", (doc.id,)).fetchall():
                self._delete_claim_rows(claim_id)
            self.con.execute("DELETE FROM nlp_cache WHERE document_id = ?", (doc.id,))
            self._delete_document_extras(doc.id)
            self._writer.delete("documents", (("id", doc.id),))

    def _delete_document_extras(self, doc_id: str) -> None:
        """Rows of other repositories that hang on a document; a mixin that keeps such rows
        extends this, deleting them through the writer."""

    def documents(self) -> list[Document]:
        """Every document with its claim count, in the project's order (kept until a
        document or claim changes: counting 100,000 claims costs 15 ms)."""
        def read() -> list[Document]:
            return [Document(*r) for r in self.con.execute(
                f"SELECT {_DOC_COLS}, {_COUNT}, {_CARD_COLS} "
                f"FROM documents d {_META} ORDER BY d.position")]

        return list(self._cached("documents", ("documents", "claims"), read))

    def document_titles(self) -> dict[str, str]:
        """Document id -> title, in the project's order: what most views need of the list,
        without counting every document's claims (15 ms at 100,000 claims)."""
        return dict(self._cached("titles", ("documents",), lambda: dict(self.con.execute(
            f"SELECT id, title FROM documents {_META} ORDER BY position"))))

    def document_hashes(self) -> dict[str, str]:
        """Document id -> text hash, in the project's order: what tells whether derived
        data (analyses, the suggestion index) is current, without counting every document's
        claims (15 ms at 100,000 claims)."""
        return dict(self._cached("hashes", ("documents",), lambda: dict(self.con.execute(
            f"SELECT id, text_sha256 FROM documents {_META} ORDER BY position"))))

    def document(self, doc_id: str) -> Document:
        full = self.resolve_document(doc_id)
        row = self.con.execute(
            f"SELECT {_DOC_COLS}, {_COUNT}, {_CARD_COLS} "
            f"FROM documents d {_META} WHERE d.id = ?", (full,)).fetchone()
        return Document(*row)

    def text(self, doc_id: str) -> str:
        """The stored, frozen text of a document."""
        full = self.resolve_document(doc_id)
        return str(self.con.execute("SELECT text FROM documents WHERE id = ?",
                                    (full,)).fetchone()[0])

    def resolve_document(self, ref: str) -> str:
        return self._resolve("documents", "document", ref)

    def document_with_text(self, text: str) -> str | None:
        """The id of the document whose (normalised) text this is, if any: one stored text
        is never stored twice."""
        row = self.con.execute("SELECT id FROM documents WHERE text_sha256 = ?",
                               (text_sha256(text),)).fetchone()
        return row[0] if row else None

    def document_texts(self) -> dict[str, str]:
        """Document id -> text, in the project's order (a merge copies every text)."""
        return dict(self.con.execute("SELECT id, text FROM documents ORDER BY position"))

    def document_positions(self) -> dict[str, int]:
        """Document id -> its place in the project's order (kept until documents change)."""
        return self._cached("positions", ("documents",), lambda: dict(self.con.execute(
            "SELECT id, position FROM documents")))

    def _char_count(self, doc_id: str) -> int:
        """The stored length of a document's text in code points (without reading it)."""
        return int(self.con.execute(f"SELECT char_count FROM documents {_META} WHERE id = ?",
                                    (doc_id,)).fetchone()[0])

    def _anchor(self, doc_id: str, start: int, end: int) -> Anchor:
        """Quote and context of [start, end), cut by SQLite (substr counts code points):
        a claim in a long article does not read the whole article."""
        before = max(0, start - CONTEXT_CHARS)
        row = self.con.execute(
            "SELECT substr(text, ?, ?), substr(text, ?, ?), substr(text, ?, ?) FROM documents "
            "WHERE id = ?", (start + 1, end - start, before + 1, start - before, end + 1,
                             CONTEXT_CHARS, doc_id)).fetchone()
        return Anchor(*row)

    def _delete_claim_rows(self, claim_id: str) -> None:
        for (link_id,) in self.con.execute(
                "SELECT id FROM links WHERE source_claim_id = ? OR target_claim_id = ?",
                (claim_id, claim_id)).fetchall():
            self._writer.delete("links", (("id", link_id),))
        for (tag_id,) in self.con.execute(
                "SELECT tag_id FROM claim_tags WHERE claim_id = ?", (claim_id,)).fetchall():
            self._writer.delete("claim_tags", (("claim_id", claim_id), ("tag_id", tag_id)))
        for key in self.con.execute(
                "SELECT claim_id, target_kind, target_ref FROM dismissed_suggestions "
                "WHERE claim_id = ? OR (target_kind = 'claim' AND target_ref = ?)",
                (claim_id, claim_id)).fetchall():
            self._writer.delete("dismissed_suggestions", tuple(zip(
                ("claim_id", "target_kind", "target_ref"), key, strict=True)))
        self._writer.delete("claims", (("id", claim_id),))
