"""Source criticism in the store: who asserts a claim, and what each source is.

Claimants are one list per project (the same minister across five articles is one entry,
reached by any of its aliases). A claim without a claimant is its document author's own.
The source card of a document is its kind, a reliability rating 1-5 with the reason for
it, a memo, free ``name = value`` attributes (outlet country, leaning ...), and which
document it copies when the user marked it so. Every verb validates first, then writes
through the undoable row writer in one transaction, like the rest of the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .changelog import KEYS
from .claims_repo import ClaimsRepo
from .clock import now
from .errors import InvalidOperationError, NotFoundError
from .model import Claim, Claimant, Document
from .text import normalise_text

KEYS.setdefault("claimants", ("id",))
KEYS.setdefault("document_attributes", ("document_id", "name"))
KEYS.setdefault("document_history", ("id",))
KEYS.setdefault("unplaced_claims", ("claim_id",))

KINDS = ("news", "opinion", "analysis", "official", "academic", "other")
KIND_LABELS = {"news": "news report", "opinion": "opinion", "analysis": "analysis",
               "official": "official statement", "academic": "academic", "other": "other"}
_KIND_WORDS = {**{k: k for k in KINDS}, **{v: k for k, v in KIND_LABELS.items()}}
RESERVED_ATTRIBUTES = ("kind",)  # `compare --by kind` groups by the card's kind
NAME_CHARS = 120


class _Unset:
    """Marks an argument not given (None is a value: it clears a field)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def one_line(value: str | None, what: str, *, limit: int = NAME_CHARS) -> str:
    """A name as stored: normalised, spaces collapsed, one line, not empty, not too long."""
    text = " ".join(normalise_text(value or "").split())
    if not text:
        raise InvalidOperationError(f"a {what} cannot be empty")
    if len(text) > limit:
        raise InvalidOperationError(f"a {what} is at most {limit} characters")
    return text


def kind_of(value: str) -> str:
    """The stored kind for a word the user typed ("news", "news report", "Official")."""
    key = " ".join((value or "").split()).casefold()
    if key not in _KIND_WORDS:
        raise InvalidOperationError(
            f"kind {value!r} is not one of: {', '.join(KINDS)}")
    return _KIND_WORDS[key]


class SourcesRepo(ClaimsRepo):
    """Mixin of :class:`~claimweave.core.store.Project`: claimants and source cards."""

    def documents(self) -> list[Document]:
        docs = super().documents()
        attrs = self.document_attributes() if docs else {}
        return [replace(d, attributes=attrs[d.id]) if d.id in attrs else d for d in docs]

    def document(self, doc_id: str) -> Document:
        doc = super().document(doc_id)
        attrs = dict(self.con.execute(
            "SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY name",
            (doc.id,)))
        return replace(doc, attributes=attrs) if attrs else doc

    # ----------------------------------------------------------------- claimants
    def claimants(self) -> list[Claimant]:
        """The project's claimants by name, each with how many claims it asserts."""
        return self._claimants_where("1", ())

    def _claimants_where(self, where: str, args: tuple[str, ...]) -> list[Claimant]:
        rows = self.con.execute(
            "SELECT k.id, k.name, k.aliases, (SELECT count(*) FROM claims c "
            f"WHERE c.claimant_id = k.id) FROM claimants k WHERE {where} ORDER BY k.name",
            args).fetchall()
        return [Claimant(i, n, tuple(json.loads(a)), c) for i, n, a, c in rows]

    def _claimant_keys(self) -> dict[str, str]:
        """Every name and alias, case-folded -> claimant id; kept until claimants change
        (an import sets a claimant on each of thousands of claims: no scan per claim)."""
        def read() -> dict[str, str]:
            keys: dict[str, str] = {}
            for ident, name, aliases in self.con.execute(
                    "SELECT id, name, aliases FROM claimants ORDER BY name"):
                for n in (name, *json.loads(aliases)):
                    keys.setdefault(n.casefold(), ident)
            return keys
        return self._cached("claimant_keys", ("claimants",), read)

    def claimant_of_claims(self) -> dict[str, str]:
        """Claim id -> claimant id, for the claims that name one (suggestions learn that
        two claims of one claimant tend to be linked)."""
        # The index, named: with statistics SQLite judges IS NOT NULL unselective and scans
        # every claim (25 ms at 100,000) though few claims name a claimant.
        return dict(self.con.execute(
            "SELECT id, claimant_id FROM claims INDEXED BY claims_claimant "
            "WHERE claimant_id IS NOT NULL"))

    def find_claimant(self, name: str | None) -> Claimant | None:
        """The claimant called *name* or known by it as an alias (case-insensitive)."""
        key = " ".join(normalise_text(name or "").split()).casefold()
        found = self._claimant_keys().get(key) if key else None
        return self._claimants_where("k.id = ?", (found,))[0] if found else None

    def claimant(self, ref: str) -> Claimant:
        """A claimant by name, alias, id or unique id prefix."""
        found = self.find_claimant(ref)
        if found:
            return found
        try:
            full = self._resolve("claimants", "claimant", ref)
        except NotFoundError:
            raise NotFoundError(f"no claimant named {ref!r}") from None
        return self._claimants_where("k.id = ?", (full,))[0]

    def add_claimant(self, name: str, *, aliases: Iterable[str] = (),
                     claimant_id: str | None = None) -> Claimant:
        """A new claimant; its name and aliases must not name another one already."""
        name = one_line(name, "claimant name")
        clean = self._check_names([name, *aliases], own=None)
        claimant_id = self._fresh_id("claimants", claimant_id)
        stamp = now()
        with self._transaction(f"Add claimant {name}"):
            self._writer.insert("claimants", {
                "id": claimant_id, "name": name, "aliases": json.dumps(clean[1:]),
                "created_at": stamp, "updated_at": stamp})
        return self.claimant(claimant_id)

    def update_claimant(self, ref: str, *, name: str | None = None,
                        aliases: Iterable[str] | None = None) -> Claimant:
        """Rename a claimant or replace its aliases (undoable)."""
        current = self.claimant(ref)
        new_name = one_line(name, "claimant name") if name is not None else current.name
        new_aliases = list(current.aliases) if aliases is None else list(aliases)
        clean = self._check_names([new_name, *new_aliases], own=current.id)
        values = {"name": clean[0], "aliases": json.dumps(clean[1:])}
        with self._transaction(f"Edit claimant {current.name}"):
            self._writer.update("claimants", (("id", current.id),),
                                {**values, "updated_at": now()})
        return self.claimant(current.id)

    def add_claimant_alias(self, ref: str, alias: str) -> Claimant:
        current = self.claimant(ref)
        return self.update_claimant(current.id, aliases=[*current.aliases, alias])

    def merge_claimants(self, keep: str, other: str) -> Claimant:
        """*other* becomes *keep*: its claims move over, its name and aliases become
        aliases of *keep*, and it is deleted; one undo step."""
        a, b = self.claimant(keep), self.claimant(other)
        if a.id == b.id:
            raise InvalidOperationError(f"{a.name!r} and {other!r} are the same claimant")
        with self._transaction(f"Merge claimant {b.name} into {a.name}"):
            for (claim_id,) in self.con.execute(
                    "SELECT id FROM claims WHERE claimant_id = ?", (b.id,)).fetchall():
                self._writer.update("claims", (("id", claim_id),), {"claimant_id": a.id})
            self._writer.delete("claimants", (("id", b.id),))
            self.update_claimant(a.id, aliases=[*a.aliases, b.name, *b.aliases])
        return self.claimant(a.id)

    def delete_claimant(self, ref: str) -> None:
        """Delete a claimant; its claims become their authors' own again (undoable)."""
        current = self.claimant(ref)
        with self._transaction(f"Delete claimant {current.name}"):
            for (claim_id,) in self.con.execute(
                    "SELECT id FROM claims WHERE claimant_id = ?", (current.id,)).fetchall():
                self._writer.update("claims", (("id", claim_id),), {"claimant_id": None})
            self._writer.delete("claimants", (("id", current.id),))

    def set_claimant(self, claim_id: str, claimant: str | None) -> Claim:
        """Name who asserts a claim (a name or alias; a new name adds a claimant), or
        clear it with None: the claim is then the author's own."""
        claim = self.claim(claim_id)
        if not (claimant or "").strip():
            if claim.claimant_id is None:
                return claim
            with self._transaction("Clear claimant"):
                self._writer.update("claims", (("id", claim.id),),
                                    {"claimant_id": None, "updated_at": now()})
            return self.claim(claim.id)
        found = self.find_claimant(claimant)
        if found and found.id == claim.claimant_id:
            return claim
        name = found.name if found else one_line(claimant, "claimant name")
        with self._transaction(f"Set claimant {name}"):
            target = found.id if found else self.add_claimant(name).id
            self._writer.update("claims", (("id", claim.id),),
                                {"claimant_id": target, "updated_at": now()})
        return self.claim(claim.id)

    def _check_names(self, names: list[str], *, own: str | None) -> list[str]:
        """Names and aliases cleaned, without repeats; none may belong to another claimant."""
        out: list[str] = []
        seen: set[str] = set()
        for raw in names:
            name = one_line(raw, "claimant alias")
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            holder = self.find_claimant(name)
            if holder and holder.id != own:
                raise InvalidOperationError(
                    f"{name!r} already names the claimant {holder.name!r}; merge the two "
                    "instead")
            out.append(name)
        return out

    # ----------------------------------------------------------------- source cards
    def set_source_card(self, doc_id: str, *, kind: str | None = UNSET,
                        reliability: int | None = UNSET, reason: str | None = None,
                        note: str | None = None) -> Document:
        """Set a document's kind, reliability (1-5, needs a written reason) and memo.

        Arguments left out keep their value; ``kind=None`` or ``reliability=None`` clear it.
        """
        doc = self.document(doc_id)
        values: dict[str, Any] = {}
        if kind is not UNSET:
            values["kind"] = None if kind is None else kind_of(kind)
        if reliability is not UNSET:
            if reliability is not None and (
                    isinstance(reliability, bool) or not isinstance(reliability, int)
                    or not 1 <= reliability <= 5):
                raise InvalidOperationError(
                    f"reliability must be a whole number from 1 to 5, not {reliability!r}")
            values["reliability"] = reliability
        if reason is not None:
            values["reason"] = normalise_text(reason).strip()
        if note is not None:
            values["note"] = normalise_text(note).strip()
        rated = values.get("reliability", doc.reliability)
        if rated is not None and not values.get("reason", doc.reason):
            raise InvalidOperationError(
                "a reliability rating needs its reason (say why, e.g. --reason TEXT)")
        if not values:
            return doc
        with self._transaction(f"Edit source card of {doc.title}"):
            self._writer.update("documents", (("id", doc.id),), {**values, "updated_at": now()})
        return self.document(doc.id)

    def set_attribute(self, doc_id: str, name: str, value: str) -> Document:
        """Give a document the attribute *name* = *value* (replacing an earlier value)."""
        doc = self.document(doc_id)
        name = one_line(name, "attribute name", limit=60)
        if name.casefold() in RESERVED_ATTRIBUTES:
            raise InvalidOperationError(
                f"{name!r} is the source card's own field; use --kind for it")
        value = one_line(value, f"value of {name}")
        row = self.con.execute(
            "SELECT name, value FROM document_attributes WHERE document_id = ? AND name = ?",
            (doc.id, name)).fetchone()
        if row and row[0] == name and row[1] == value:
            return doc
        with self._transaction(f"Set {name} of {doc.title}"):
            if row:
                self._writer.delete("document_attributes",
                                    (("document_id", doc.id), ("name", row[0])))
            self._writer.insert("document_attributes",
                                {"document_id": doc.id, "name": name, "value": value})
        return self.document(doc.id)

    def unset_attribute(self, doc_id: str, name: str) -> Document:
        doc = self.document(doc_id)
        row = self.con.execute(
            "SELECT name FROM document_attributes WHERE document_id = ? AND name = ?",
            (doc.id, (name or "").strip())).fetchone()
        if row is None:
            raise NotFoundError(f"{doc.title!r} has no attribute {name!r}")
        with self._transaction(f"Unset {row[0]} of {doc.title}"):
            self._writer.delete("document_attributes", (("document_id", doc.id), ("name", row[0])))
        return self.document(doc.id)

    def document_attributes(self) -> dict[str, dict[str, str]]:
        """Document id -> its attributes, name -> value, names in alphabetical order."""
        out: dict[str, dict[str, str]] = {}
        for doc_id, name, value in self.con.execute(
                "SELECT document_id, name, value FROM document_attributes ORDER BY name"):
            out.setdefault(doc_id, {})[name] = value
        return out

    def attribute_names(self) -> list[str]:
        """Every attribute name in use, for grouping choices."""
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT name FROM document_attributes ORDER BY name")]

    def mark_derived(self, doc_id: str, source_id: str | None) -> Document:
        """Mark a document as a copy of (derived from) another, or clear the mark."""
        doc = self.document(doc_id)
        target = self.document(source_id).id if source_id else None
        if target == doc.id:
            raise InvalidOperationError("a document cannot be derived from itself")
        seen, step = {doc.id}, target
        while step is not None:  # no cycles: A from B from A would leave no original
            if step in seen:
                raise InvalidOperationError("that would make the two documents copies of "
                                            "each other; one of them must be the original")
            seen.add(step)
            step = self.con.execute("SELECT derived_from FROM documents WHERE id = ?",
                                    (step,)).fetchone()[0]
        if target == doc.derived_from:
            return doc
        label = f"Mark {doc.title} as a copy" if target else f"Unmark {doc.title} as a copy"
        with self._transaction(label):
            self._writer.update("documents", (("id", doc.id),),
                                {"derived_from": target, "updated_at": now()})
        return self.document(doc.id)

    # ----------------------------------------------------------------- hooks for other verbs
    def _delete_document_extras(self, doc_id: str) -> None:
        """Before a document is deleted: its attributes, history and parked claims go too,
        and documents marked as its copies lose the mark (all through the writer)."""
        super()._delete_document_extras(doc_id)
        for (name,) in self.con.execute(
                "SELECT name FROM document_attributes WHERE document_id = ?", (doc_id,)
                ).fetchall():
            self._writer.delete("document_attributes", (("document_id", doc_id), ("name", name)))
        for table, key in (("document_history", "id"), ("unplaced_claims", "claim_id")):
            for (ident,) in self.con.execute(
                    f"SELECT {key} FROM {table} WHERE document_id = ?", (doc_id,)).fetchall():
                self._writer.delete(table, ((key, ident),))
        for (other,) in self.con.execute(
                "SELECT id FROM documents WHERE derived_from = ?", (doc_id,)).fetchall():
            self._writer.update("documents", (("id", other),), {"derived_from": None})
