"""The user's judgements about suggestions and propositions: dismissed link
suggestions and the names given to claim groups."""

from __future__ import annotations

from collections.abc import Sequence

from .claims_repo import ClaimsRepo
from .clock import now
from .errors import InvalidOperationError
from .text import normalise_text
from .validation import (
    clip,
)

SUGGESTION_KINDS = ("claim", "sentence")


class ReviewRepo(ClaimsRepo):
    """Dismissed suggestions (v2) and proposition names (v3)."""

    def dismiss_suggestion(self, claim_id: str, target_kind: str, target_ref: str) -> None:
        """Remember that the user does not want *target* suggested for this claim (undoable).

        *target_kind* is "claim" (*target_ref* a claim id) or "sentence" (*target_ref*
        "document_id:start:end", code points).
        """
        claim = self.claim(claim_id)
        if target_kind not in SUGGESTION_KINDS:
            raise InvalidOperationError(f"target kind must be one of {', '.join(SUGGESTION_KINDS)}")
        if target_kind == "claim":
            target_ref = self.resolve_claim(target_ref)
        if self.con.execute(
                "SELECT 1 FROM dismissed_suggestions WHERE claim_id = ? AND target_kind = ? "
                "AND target_ref = ?", (claim.id, target_kind, target_ref)).fetchone():
            return
        with self._transaction("Dismiss suggestion"):
            self._writer.insert("dismissed_suggestions", {
                "claim_id": claim.id, "target_kind": target_kind, "target_ref": target_ref,
                "created_at": now(),
            })

    def all_dismissed_suggestions(self) -> list[tuple[str, str, str]]:
        """Every dismissed suggestion as (claim_id, target_kind, target_ref), oldest first:
        evidence the suggester learns from (nlp/learning.py)."""
        return [(r[0], r[1], r[2]) for r in self.con.execute(
            "SELECT claim_id, target_kind, target_ref FROM dismissed_suggestions "
            "ORDER BY created_at")]

    def dismissed_suggestions(self, claim_id: str) -> set[tuple[str, str]]:
        """(target_kind, target_ref) pairs dismissed for a claim."""
        full = self.resolve_claim(claim_id)
        return {(k, r) for k, r in self.con.execute(
            "SELECT target_kind, target_ref FROM dismissed_suggestions WHERE claim_id = ?",
            (full,))}

    # ----------------------------------------------------------------- claim groups
    def group_names(self) -> dict[str, str]:
        """Claim id -> name of the proposition (claim group) the user named through it."""
        return dict(self.con.execute("SELECT claim_id, name FROM group_names"))

    def name_group(self, claim_ids: Sequence[str], name: str) -> None:
        """Name the proposition formed by *claim_ids*; an empty name restores the default.

        The name goes on the smallest id (the group's key) and is dropped from the other
        members, so one group carries one name (undoable, like every other verb).
        """
        ids = sorted({self.resolve_claim(c) for c in claim_ids})
        if not ids:
            raise InvalidOperationError("a proposition needs at least one claim")
        name = " ".join(normalise_text(name or "").split())
        marks = ",".join("?" * len(ids))
        named = [r[0] for r in self.con.execute(
            f"SELECT claim_id FROM group_names WHERE claim_id IN ({marks})", ids)]
        with self._transaction(f"Name proposition {clip(name)}" if name else
                               "Clear proposition name"):
            for claim_id in named:
                if claim_id != ids[0] or not name:
                    self._writer.delete("group_names", (("claim_id", claim_id),))
            if not name:
                return
            values = {"name": name, "updated_at": now()}
            if ids[0] in named:
                self._writer.update("group_names", (("claim_id", ids[0]),), values)
            else:
                self._writer.insert("group_names", {"claim_id": ids[0], **values})
