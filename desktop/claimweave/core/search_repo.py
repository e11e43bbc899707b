"""Full-text search and the project's figures."""

from __future__ import annotations

import re
from typing import Any

from .model import SearchHit
from .project import ProjectBase
from .validation import (
    first_term,
)


class SearchRepo(ProjectBase):
    """Search over the FTS5 indexes, and counts."""

    def search(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Full-text search over titles, texts, quotes and notes; punctuation-safe."""
        terms = re.findall(r"\w+", query)
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        hits: list[SearchHit] = []
        for doc_id, snippet, text in self.con.execute(
                "SELECT d.id, snippet(documents_fts, -1, '[', ']', '…', 12), d.text "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)):
            start = first_term(text, terms)
            end = None if start is None else start + len(terms[0])
            hits.append(SearchHit("document", doc_id, doc_id, snippet, start, end))
        for claim_id, doc_id, snippet, start, end in self.con.execute(
                "SELECT c.id, c.document_id, snippet(claims_fts, -1, '[', ']', '…', 12), "
                "c.start, c.\"end\" FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
                "WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)):
            hits.append(SearchHit("claim", claim_id, doc_id, snippet, start, end))
        return hits

    def claims_per_tag(self) -> dict[str, int]:
        """Tag name -> how many claims carry it (the codebook's counts, one query)."""
        return dict(self.con.execute(
            "SELECT t.name, count(ct.claim_id) FROM tags t LEFT JOIN claim_tags ct "
            "ON ct.tag_id = t.id GROUP BY t.id ORDER BY t.position").fetchall())

    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> Any:
            return self.con.execute(sql).fetchone()[0]

        per_relation = dict(self.con.execute(
            "SELECT r.name, count(l.id) FROM relation_types r LEFT JOIN links l "
            "ON l.relation_type_id = r.id GROUP BY r.id ORDER BY r.position").fetchall())
        per_tag = self.claims_per_tag()
        return {
            "title": self.title,
            "documents": one("SELECT count(*) FROM documents"),
            "characters": one("SELECT coalesce(sum(char_count), 0) FROM documents"),
            "claims": one("SELECT count(*) FROM claims"),
            "tags": one("SELECT count(*) FROM tags"),
            "links": one("SELECT count(*) FROM links"),
            "cross_document_links": one(
                "SELECT count(*) FROM links l JOIN claims a ON a.id = l.source_claim_id "
                "JOIN claims b ON b.id = l.target_claim_id WHERE a.document_id <> b.document_id"),
            "annotators": self.annotators(),
            "links_by_relation": per_relation,
            "claims_by_tag": per_tag,
        }
