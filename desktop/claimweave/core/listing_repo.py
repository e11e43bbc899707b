"""Reads for tables that show a whole project: ordered, filtered and sorted in SQL.

A table of 100,000 claims cannot afford a Python object per row, nor to re-sort them
after each edit. :meth:`ListingRepo.claim_order` gives the ids a table shows, in its order,
from one query over covering indexes; the table then fetches only the rows on screen
(:meth:`ListingRepo.claim_link_summary`), and places a claim an edit touched by bisecting
with :meth:`ListingRepo.claim_sort_keys`, a few indexed lookups instead of a reload.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .project import ProjectBase

UNLINKED = "\x00unlinked"  # the relation filter's "claims with no link" choice

_TAG_NAMES = (
    "(SELECT coalesce(group_concat(name, '{sep}'), '') FROM (SELECT t.name FROM claim_tags ct "
    "JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id ORDER BY t.position, t.name))")
_LINKS = ("((SELECT count(*) FROM links WHERE source_claim_id = c.id) + "
          "(SELECT count(*) FROM links WHERE target_claim_id = c.id))")
SORTS: dict[str, str] = {
    "document": "cw_fold(d.title)",
    "quote": "cw_fold(c.quote)",
    "tags": f"cw_fold({_TAG_NAMES.format(sep=', ')})",
    "links": _LINKS,
    "note": "cw_fold(c.note)",
    "annotator": "cw_fold(c.annotator)",
}
"""Sort keys of the claims table, as its cells show them (one line, case-folded)."""
_ORDER = ('d.position', 'c.start', 'c."end"', 'c.created_at', 'c.rowid')


def fold(value: Any) -> str:
    """What a table cell shows, case-folded: one line, single spaces (also the SQL cw_fold)."""
    return "" if value is None else " ".join(str(value).split()).casefold()


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Which claims a table shows, and in what order (None: all, the project's order)."""

    document_id: str | None = None
    tag_ids: frozenset[str] | None = None  # a tag and every tag nested in it
    relation: str | None = None  # a relation name, or UNLINKED
    annotator: str | None = None
    claim_ids: frozenset[str] | None = None  # e.g. the claims that mention an entity
    text: str = ""
    sort: str | None = None  # a key of SORTS
    descending: bool = False
    words: tuple[str, ...] = field(default=(), compare=False)

    def with_text(self, text: str) -> ClaimQuery:
        return replace(self, text=text, words=tuple(text.casefold().split()))

    def before(self, a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
        """Whether a row with sort key *a* comes before one with key *b* (keys from
        :meth:`ListingRepo.claim_sort_keys`; the same order as :meth:`claim_order`)."""
        if self.sort is not None and a[0] != b[0]:
            return bool(a[0] > b[0]) if self.descending else bool(a[0] < b[0])
        return a[1:] < b[1:]


class ListingRepo(ProjectBase):
    """Mixin of :class:`~claimweave.core.store.Project`: ordered reads for big tables."""

    _listing_functions: bool = False

    def _listing_sql(self, query: ClaimQuery, columns: str, extra: str = "",
                     join: str = "CROSS JOIN") -> tuple[str, list[Any]]:
        """SELECT *columns* of the claims *query* selects. CROSS JOIN walks documents in
        their order and each one's claims by the covering index: no sort for the default
        order; a plain JOIN lets a lookup by id (*extra*) start from the claims."""
        if not self._listing_functions:
            self.con.create_function("cw_fold", 1, fold, deterministic=True)
            self.con.create_function("cw_casefold", 1, str.casefold, deterministic=True)
            self._listing_functions = True
        where: list[str] = [extra] if extra else []
        args: list[Any] = []
        if query.document_id is not None:
            where.append("c.document_id = ?")
            args.append(query.document_id)
        if query.tag_ids is not None:
            where.append("c.id IN (SELECT claim_id FROM claim_tags WHERE tag_id IN "
                         "(SELECT value FROM json_each(?)))")
            args.append(json.dumps(sorted(query.tag_ids)))
        if query.relation == UNLINKED:
            where.append("NOT EXISTS (SELECT 1 FROM links WHERE source_claim_id = c.id) AND "
                         "NOT EXISTS (SELECT 1 FROM links WHERE target_claim_id = c.id)")
        elif query.relation:
            where.append(
                "c.id IN (SELECT source_claim_id FROM links l JOIN relation_types r ON "
                "r.id = l.relation_type_id WHERE r.name = ?1 UNION SELECT target_claim_id FROM "
                "links l JOIN relation_types r ON r.id = l.relation_type_id WHERE r.name = ?1)"
                .replace("?1", "?"))
            args += [query.relation, query.relation]
        if query.annotator is not None:
            where.append("c.annotator = ?")
            args.append(query.annotator)
        if query.claim_ids is not None:
            where.append("c.id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(query.claim_ids)))
        if query.words:
            hay = ("cw_casefold(c.quote || char(10) || c.note || char(10) || "
                   f"{_TAG_NAMES.format(sep=' ')} || char(10) || d.title)")
            where.extend(f"instr({hay}, ?) > 0" for _ in query.words)
            args.extend(query.words)
        sql = (f"SELECT {columns} FROM documents d {join} claims c ON c.document_id = d.id "
               f"WHERE {' AND '.join(where) or '1'}")
        return sql, args

    def claim_order(self, query: ClaimQuery) -> list[str]:
        """The ids of the claims *query* selects, in its order (ties: the project's order:
        document, start, end, creation, storage)."""
        sql, args = self._listing_sql(query, "c.id")
        order = list(_ORDER)
        if query.sort is not None:
            order.insert(0, SORTS[query.sort] + (" DESC" if query.descending else ""))
        return [r[0] for r in self.con.execute(f"{sql} ORDER BY {', '.join(order)}", args)]

    def claim_sort_keys(self, query: ClaimQuery, ids: Iterable[str]
                        ) -> dict[str, tuple[Any, ...]]:
        """Sort keys of those of *ids* that *query* selects (compare them with
        :meth:`ClaimQuery.before`); a claim that is gone or filtered out has none."""
        wanted = list(ids)
        if not wanted:
            return {}
        first = SORTS[query.sort] if query.sort is not None else "NULL"
        sql, args = self._listing_sql(query, f"c.id, {first}, {', '.join(_ORDER)}",
                                      "c.id IN (SELECT value FROM json_each(?))", "JOIN")
        rows = self.con.execute(sql, [json.dumps(wanted), *args])
        return {r[0]: tuple(r[1:]) for r in rows}

    def claim_link_summary(self, ids: Iterable[str]) -> dict[str, tuple[int, frozenset[str]]]:
        """Claim id -> (how many links touch it, the names of their relations), for claims
        with links among *ids*."""
        marks = json.dumps(list(ids))
        out: dict[str, tuple[int, set[str]]] = {}
        for claim_id, relation in self.con.execute(
                "SELECT l.source_claim_id, r.name FROM links l JOIN relation_types r ON "
                "r.id = l.relation_type_id WHERE l.source_claim_id IN "
                "(SELECT value FROM json_each(?1)) UNION ALL "
                "SELECT l.target_claim_id, r.name FROM links l JOIN relation_types r ON "
                "r.id = l.relation_type_id WHERE l.target_claim_id IN "
                "(SELECT value FROM json_each(?1))", (marks,)):
            count, names = out.get(claim_id, (0, set()))
            names.add(relation)
            out[claim_id] = (count + 1, names)
        return {k: (n, frozenset(s)) for k, (n, s) in out.items()}

    def claim_annotators(self) -> list[str]:
        """Every annotator name some claim carries ("" for claims made without one)."""
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT annotator FROM claims ORDER BY annotator")]

    def document_claim_counts(self, ids: Iterable[str]) -> dict[str, int]:
        """Document id -> its number of claims (an indexed count per document)."""
        return {i: self.con.execute("SELECT count(*) FROM claims WHERE document_id = ?",
                                    (i,)).fetchone()[0] for i in ids}
