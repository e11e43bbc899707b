"""A source changes: bringing in a newer version of a document's text.

A document's text is otherwise frozen. ``update_text`` is the one deliberate exception: the
old text goes into the document's history, every claim is re-anchored (core/reanchor.py:
exactly, then by its context, then fuzzily), and a claim that cannot be placed with
confidence is *parked* in ``unplaced_claims`` with its tags and links, never moved to a
guess. The user then places it (``place_claim``) or drops it (``drop_unplaced``). The
whole update is one transaction and one undo step.

Placing the claims is the slow part (fuzzy matching, for each claim, near its old place).
It reads nothing from the file, so the window runs it on a worker through ``update_text``'s
*runner*, behind a progress dialog; a cancel raised there comes before any write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .changelog import make_key
from .clock import new_id, now
from .errors import InvalidOperationError, NotFoundError
from .links_repo import LinksRepo
from .offsets import anchor, check_span
from .reanchor import OldClaim, Placement, reanchor
from .text import normalise_text, text_sha256
from .validation import clip


@dataclass(frozen=True, slots=True)
class UnplacedClaim:
    claim_id: str
    document_id: str
    quote: str
    note: str
    tags: tuple[str, ...]  # tag ids
    links: int  # links it had, restored when it is placed (if their other end remains)

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim_id, "document_id": self.document_id, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class TextUpdate:
    """What ``update_text`` did: where each claim went, and which ones wait for the user."""

    document_id: str
    chars_before: int
    chars_after: int
    placements: tuple[Placement, ...] = ()
    unplaced: tuple[UnplacedClaim, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The shape of ``claimweave update-text --json``."""
        return {
            "document": self.document_id,
            "chars_before": self.chars_before,
            "chars_after": self.chars_after,
            "placed": [{"claim": p.claim_id, "start": p.start, "end": p.end, "how": p.how}
                       for p in self.placements if p.how],
            "unplaced": [u.to_json() for u in self.unplaced],
        }


# Places the claims: given ``compute(progress)``, returns its result (e.g. from a worker).
PlacementRunner = Callable[[Callable[[Callable[[int, int], None] | None], list[Placement]]],
                           list[Placement]]


class RetextRepo(LinksRepo):
    """Mixin of :class:`~claimweave.core.store.Project`: text updates and parked claims."""

    def update_text(self, doc_id: str, text: str, *,
                    runner: PlacementRunner | None = None) -> TextUpdate:
        """Replace a document's text with a newer version of it; see the module doc.

        *runner* runs the placing of the claims (pure work on copies: it may run on another
        thread); whatever it raises leaves the project as it was."""
        self._check_documents_unlocked()
        doc = self.document(doc_id)
        new = normalise_text(text)
        if not new.strip():
            raise InvalidOperationError("the new text is empty; nothing was changed")
        old = self.text(doc.id)
        digest = text_sha256(new)
        if digest == doc.text_sha256:
            raise InvalidOperationError(f"{doc.title!r} already has exactly this text")
        other = self.con.execute("SELECT title FROM documents WHERE text_sha256 = ?",
                                 (digest,)).fetchone()
        if other:
            raise InvalidOperationError(f"this text is already the document {other[0]!r}")
        claims = [OldClaim(c.id, c.start, c.end, c.quote, c.prefix, c.suffix)
                  for c in self.claims(document_id=doc.id)]

        def compute(progress: Callable[[int, int], None] | None) -> list[Placement]:
            return reanchor(len(old), new, claims, progress)

        placements = runner(compute) if runner is not None else compute(None)
        stamp = now()
        parked: list[str] = []
        with self._transaction(f"Update text of {clip(doc.title)}"):
            self._writer.insert("document_history", {
                "id": new_id(), "document_id": doc.id, "text": old,
                "text_sha256": doc.text_sha256, "replaced_at": stamp})
            self._writer.update("documents", (("id", doc.id),), {
                "text": new, "text_sha256": digest, "char_count": len(new),
                "updated_at": stamp})
            for p in placements:
                if p.start is None or p.end is None:
                    self._park(p.claim_id, doc.id, stamp)
                    parked.append(p.claim_id)
                    continue
                a = anchor(new, p.start, p.end)
                self._writer.update("claims", (("id", p.claim_id),), {
                    "start": p.start, "end": p.end, "quote": a.quote, "prefix": a.prefix,
                    "suffix": a.suffix, "updated_at": stamp})
            self.con.execute("DELETE FROM nlp_cache WHERE document_id = ?", (doc.id,))
        unplaced = {u.claim_id: u for u in self.unplaced_claims(doc.id)}
        return TextUpdate(doc.id, len(old), len(new), tuple(placements),
                          tuple(unplaced[c] for c in parked))

    def _park(self, claim_id: str, doc_id: str, stamp: str) -> None:
        row = self._writer.fetch("claims", (("id", claim_id),))
        assert row is not None
        row.pop("__rowid__", None)
        tags = [r[0] for r in self.con.execute(
            "SELECT tag_id FROM claim_tags WHERE claim_id = ?", (claim_id,))]
        links = []
        for (link_id,) in self.con.execute(
                "SELECT id FROM links WHERE source_claim_id = ? OR target_claim_id = ?",
                (claim_id, claim_id)).fetchall():
            link = self._writer.fetch("links", (("id", link_id),))
            assert link is not None
            links.append(link)
        self._delete_claim_rows(claim_id)
        self._writer.insert("unplaced_claims", {
            "claim_id": claim_id, "document_id": doc_id, "created_at": stamp,
            "data": json.dumps({"claim": row, "tags": tags, "links": links},
                               ensure_ascii=False)})

    def unplaced_claims(self, doc_id: str | None = None) -> list[UnplacedClaim]:
        """Claims waiting to be placed in (or dropped from) their document's new text."""
        args: list[str] = []
        where = "1"
        if doc_id is not None:
            where, args = "document_id = ?", [self.resolve_document(doc_id)]
        out = []
        for claim_id, document_id, data in self.con.execute(
                f"SELECT claim_id, document_id, data FROM unplaced_claims WHERE {where} "
                "ORDER BY created_at, rowid", args):
            d = json.loads(data)
            out.append(UnplacedClaim(claim_id, document_id, d["claim"]["quote"],
                                     d["claim"]["note"], tuple(d["tags"]), len(d["links"])))
        return out

    def place_claim(self, claim_id: str, start: int, end: int) -> None:
        """Put a parked claim at [start, end) of its document's text, with the tags and the
        links it had (those whose other claim and relation still exist)."""
        key, data, doc_id = self._parked(claim_id)
        text = self.text(doc_id)
        check_span(len(text), start, end)
        a = anchor(text, start, end)
        claim = {**data["claim"], "start": start, "end": end, "quote": a.quote,
                 "prefix": a.prefix, "suffix": a.suffix, "updated_at": now()}
        if claim.get("claimant_id") and not self.con.execute(
                "SELECT 1 FROM claimants WHERE id = ?", (claim["claimant_id"],)).fetchone():
            claim["claimant_id"] = None  # its claimant was deleted meanwhile
        with self._transaction(f"Place claim {clip(a.quote)}"):
            self._writer.delete("unplaced_claims", (("claim_id", key),))
            self._writer.insert("claims", claim)
            for tag_id in data["tags"]:
                if self.con.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone():
                    self._writer.insert("claim_tags", {"claim_id": key, "tag_id": tag_id})
            for link in data["links"]:
                if self._link_restorable(link):
                    self._writer.insert("links", link)
                else:
                    self._hand_over(link, key)

    def _hand_over(self, link: dict[str, Any], placed: str) -> None:
        """A link whose other claim is parked too goes with that claim, to come back when
        it is placed (both ends of a link can lose their place in one update)."""
        ends = (link["source_claim_id"], link["target_claim_id"])
        other = ends[1] if ends[0] == placed else ends[0]
        row = self.con.execute("SELECT data FROM unplaced_claims WHERE claim_id = ?",
                               (other,)).fetchone()
        if row is None:
            return
        data = json.loads(row[0])
        if all(saved["id"] != link["id"] for saved in data["links"]):
            data["links"].append(link)
            self._writer.update("unplaced_claims", (("claim_id", other),),
                                {"data": json.dumps(data, ensure_ascii=False)})

    def drop_unplaced(self, claim_id: str) -> None:
        """Give up a parked claim (undoable, like deleting a claim)."""
        key, data, _ = self._parked(claim_id)
        with self._transaction(f"Drop claim {clip(data['claim']['quote'])}"):
            self._writer.delete("unplaced_claims", (("claim_id", key),))

    def document_history(self, doc_id: str) -> list[tuple[str, int]]:
        """(replaced_at, characters) of each earlier text of a document, oldest first."""
        full = self.resolve_document(doc_id)
        return [(r[0], r[1]) for r in self.con.execute(
            "SELECT replaced_at, length(text) FROM document_history WHERE document_id = ? "
            "ORDER BY replaced_at, rowid", (full,))]

    def _parked(self, ref: str) -> tuple[str, dict[str, Any], str]:
        ref = (ref or "").strip()
        rows = self.con.execute(
            "SELECT claim_id, data, document_id FROM unplaced_claims WHERE claim_id >= ? "
            "AND claim_id < ? LIMIT 2", (ref.lower(), ref.lower() + "\uffff")).fetchall()
        if len(ref) < 4 or not rows:
            raise NotFoundError(f"no unplaced claim with id {ref!r}")
        if len(rows) > 1 and rows[0][0] != ref:
            raise InvalidOperationError(f"unplaced claim id {ref!r} matches several")
        return rows[0][0], json.loads(rows[0][1]), rows[0][2]

    def is_unplaced(self, claim_id: str) -> bool:
        """Whether *claim_id* (a full id) is a claim a text update parked."""
        return self.con.execute("SELECT 1 FROM unplaced_claims WHERE claim_id = ?",
                                (claim_id,)).fetchone() is not None

    def _link_restorable(self, link: dict[str, Any]) -> bool:
        """Both ends and the relation exist, and no link is there already: neither this one
        nor one the uniqueness rule (:meth:`existing_link`) counts as the same."""
        ends = (link["source_claim_id"], link["target_claim_id"])
        found = self.con.execute(
            "SELECT count(*) FROM claims WHERE id IN (?, ?)", ends).fetchone()[0]
        if found < 2 or not self.con.execute("SELECT 1 FROM relation_types WHERE id = ?",
                                             (link["relation_type_id"],)).fetchone():
            return False
        return self._writer.fetch("links", make_key("links", link)) is None and \
            self.existing_link(*ends, link["relation_type_id"]) is None
