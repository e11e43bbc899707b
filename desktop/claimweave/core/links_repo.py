"""Links between claims, each of one relation type."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from .claims_repo import ClaimsRepo
from .clock import now
from .errors import InvalidOperationError
from .model import Link
from .validation import (
    where_in,
)


class LinksRepo(ClaimsRepo):
    """The links table."""

    def link_claims(self, source: str, target: str, relation: str, *, note: str = "",
                    annotator: str = "", link_id: str | None = None) -> Link:
        """Link two claims (usually in different documents) with a relation type.

        *link_id* keeps an id given by an imported dataset or a merged project.
        """
        a, b = self.resolve_claim(source), self.resolve_claim(target)
        if a == b:
            raise InvalidOperationError("a claim cannot be linked to itself")
        rel = self.relation_type(relation)
        if self.existing_link(a, b, rel.id) is not None:
            raise InvalidOperationError(f"these claims are already linked as {rel.name}")
        link_id = self._fresh_id("links", link_id)
        stamp = now()
        with self._transaction(f"Link claims ({rel.name})"):
            self._ensure_annotator(annotator)
            self._writer.insert("links", {
                "id": link_id, "source_claim_id": a, "target_claim_id": b,
                "relation_type_id": rel.id, "note": note, "annotator": annotator,
                "created_at": stamp, "updated_at": stamp,
            })
        return self.link(link_id)

    def existing_link(self, source: str, target: str, relation: str) -> str | None:
        """The id of the link that already joins claim *source* to claim *target* (full
        ids) as *relation*, either way round when the relation is symmetric; else None.

        The one uniqueness rule for links: every path that makes or changes a link asks it
        (link_claims, update_link, dataset imports and merges through them, and placing a
        parked claim, which brings its links back).
        """
        rel = self.relation_type(relation)
        pairs = [(source, target), (target, source)] if rel.symmetric else [(source, target)]
        for s, t in pairs:
            row = self.con.execute(
                "SELECT id FROM links WHERE source_claim_id = ? AND target_claim_id = ? "
                "AND relation_type_id = ?", (s, t, rel.id)).fetchone()
            if row is not None:
                return str(row[0])
        return None

    def update_link(self, link_id: str, *, relation: str | None = None,
                    note: str | None = None) -> Link:
        link = self.link(link_id)
        values: dict[str, Any] = {}
        if relation is not None:
            rel = self.relation_type(relation)
            if self.existing_link(link.source, link.target, rel.id) not in (None, link.id):
                raise InvalidOperationError(f"these claims are already linked as {rel.name}")
            values["relation_type_id"] = rel.id
        if note is not None:
            values["note"] = note
        if not values:
            return link
        values["updated_at"] = now()
        with self._transaction("Edit link"):
            try:
                self._writer.update("links", (("id", link.id),), values)
            except sqlite3.IntegrityError:
                raise InvalidOperationError("these claims are already linked that way") from None
        return self.link(link.id)

    def delete_link(self, link_id: str) -> None:
        link = self.link(link_id)
        with self._transaction(f"Delete link ({link.relation})"):
            self._writer.delete("links", (("id", link.id),))

    def links(self, *, claim_id: str | None = None, relation: str | None = None,
              ids: Iterable[str] | None = None) -> list[Link]:
        """Links in the order they were made; optionally filtered (*ids*: full ids)."""
        if ids is None and claim_id is None and relation is None:  # every view asks for all
            return list(self._cached("links", ("links", "relation_types"),
                                     lambda: self._links_where("1", [])))
        where: list[str] = []
        args: list[Any] = []
        if ids is not None and not where_in("l.id", ids, where, args):
            return []
        if claim_id is not None:
            full = self.resolve_claim(claim_id)
            where.append("(l.source_claim_id = ? OR l.target_claim_id = ?)")
            args += [full, full]
        if relation is not None:
            where.append("l.relation_type_id = ?")
            args.append(self.relation_type(relation).id)
        return self._links_where(" AND ".join(where) or "1", args)

    def link(self, ref: str) -> Link:
        full = self._resolve("links", "link", ref)
        return self._links_where("l.id = ?", [full])[0]

    def _links_where(self, where: str, args: list[Any]) -> list[Link]:
        rows = self.con.execute(
            "SELECT l.id, l.source_claim_id, l.target_claim_id, l.relation_type_id, r.name, "
            "l.note, l.annotator, l.created_at FROM links l "
            f"JOIN relation_types r ON r.id = l.relation_type_id WHERE {where} "
            "ORDER BY l.created_at, l.rowid", args).fetchall()  # rowid: insertion order
        return [Link(*r) for r in rows]
