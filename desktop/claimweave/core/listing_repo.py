"""Reads for tables that show a whole project: ordered, filtered and sorted in SQL.

A table of 100,000 claims cannot afford a Python object per row, nor to re-sort them
after each edit. :meth:`ListingRepo.claim_order` gives the ids a table shows, in its order,
from one query over covering indexes; the table then fetches only the rows on screen
(:meth:`ListingRepo.claim_link_summary`), and places a claim an edit touched by bisecting
with :meth:`ListingRepo.claim_sort_keys`, a few indexed lookups instead of a reload.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Self

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
LINK_SORTS: dict[str, str] = {
    "source": "cw_fold(a.quote)",
    "source_document": "cw_fold(da.title)",
    "relation": "cw_fold(replace(r.name, '_', ' '))",  # as analysis.labels shows it
    "target": "cw_fold(b.quote)",
    "target_document": "cw_fold(db.title)",
    "note": "cw_fold(l.note)",
}
"""Sort keys of the links table, as its cells show them."""
_LINK_ORDER = ("l.created_at", "l.rowid")  # the store's order of links


def fold(value: Any) -> str:
    """What a table cell shows, case-folded: one line, single spaces (also the SQL cw_fold)."""
    return "" if value is None else " ".join(str(value).split()).casefold()


@dataclass(frozen=True, slots=True)
class _TableQuery:
    """What the claims' and the links' table queries share: the words a row must contain
    and the column the table is sorted by."""

    text: str = ""
    sort: str | None = None  # a key of SORTS (claims) or LINK_SORTS (links)
    descending: bool = False
    words: tuple[str, ...] = field(default=(), compare=False)

    def with_text(self, text: str) -> Self:
        return replace(self, text=text, words=tuple(text.casefold().split()))

    def before(self, a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
        """Whether a row with sort key *a* comes before one with key *b* (keys from
        :meth:`ListingRepo.claim_sort_keys` or :meth:`ListingRepo.link_sort_keys`; the
        order of :meth:`ListingRepo.claim_order` or :meth:`ListingRepo.link_order`):
        by the sorted column, then by the store's order."""
        if self.sort is not None and a[0] != b[0]:
            return bool(a[0] > b[0]) if self.descending else bool(a[0] < b[0])
        return a[1:] < b[1:]


@dataclass(frozen=True, slots=True)
class ClaimQuery(_TableQuery):
    """Which claims a table shows, and in what order (None: all, the project's order)."""

    document_id: str | None = None
    tag_ids: frozenset[str] | None = None  # a tag and every tag nested in it
    relation: str | None = None  # a relation name, or UNLINKED
    annotator: str | None = None
    claim_ids: frozenset[str] | None = None  # e.g. the claims that mention an entity


@dataclass(frozen=True, slots=True)
class LinkQuery(_TableQuery):
    """Which links a table shows, and in what order (None: all, the project's order);
    *text*: words found in the quotes, titles, relation or note."""

    document_id: str | None = None  # the document of either end
    relation: str | None = None  # a relation name


class ListingRepo(ProjectBase):
    """Mixin of :class:`~claimweave.core.store.Project`: ordered reads for big tables."""

    _listing_functions: bool = False

    def _functions(self) -> None:
        if not self._listing_functions:
            self.con.create_function("cw_fold", 1, fold, deterministic=True)
            self.con.create_function("cw_casefold", 1, str.casefold, deterministic=True)
            self._listing_functions = True

    def _listing_sql(self, query: ClaimQuery, columns: str, extra: str = "",
                     join: str = "CROSS JOIN") -> tuple[str, list[Any]]:
        """SELECT *columns* of the claims *query* selects. CROSS JOIN walks documents in
        their order and each one's claims by the covering index: no sort for the default
        order; a plain JOIN lets a lookup by id (*extra*) start from the claims."""
        self._functions()
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
        return self._ordered(self._listing_sql(query, "c.id"), query, SORTS, _ORDER)

    def _ordered(self, select: tuple[str, list[Any]], query: ClaimQuery | LinkQuery,
                 sorts: dict[str, str], ties: tuple[str, ...]) -> list[str]:
        """The ids a SELECT of ids gives, in the query's order, ties in the store's."""
        sql, args = select
        order = list(ties)
        if query.sort is not None:
            order.insert(0, sorts[query.sort] + (" DESC" if query.descending else ""))
        return [r[0] for r in self.con.execute(f"{sql} ORDER BY {', '.join(order)}", args)]

    def _sort_keys(self, query: ClaimQuery | LinkQuery, ids: Iterable[str],
                   sorts: dict[str, str], ties: tuple[str, ...], id_column: str,
                   listing: Callable[[str, str], tuple[str, list[Any]]]
                   ) -> dict[str, tuple[Any, ...]]:
        """id -> (the sorted column's key, then *ties*) for those of *ids* that *listing*
        (columns, extra WHERE) selects: the one shape of both tables' sort keys."""
        wanted = list(ids)
        if not wanted:
            return {}
        first = sorts[query.sort] if query.sort is not None else "NULL"
        sql, args = listing(f"{id_column}, {first}, {', '.join(ties)}",
                            f"{id_column} IN (SELECT value FROM json_each(?))")
        rows = self.con.execute(sql, [json.dumps(wanted), *args])
        return {r[0]: tuple(r[1:]) for r in rows}

    def claim_sort_keys(self, query: ClaimQuery, ids: Iterable[str]
                        ) -> dict[str, tuple[Any, ...]]:
        """Sort keys of those of *ids* that *query* selects (compare them with
        :meth:`ClaimQuery.before`); a claim that is gone or filtered out has none."""
        return self._sort_keys(query, ids, SORTS, _ORDER, "c.id", lambda columns, extra:
                               self._listing_sql(query, columns, extra, "JOIN"))

    def _link_listing_sql(self, query: LinkQuery, columns: str, extra: str = ""
                          ) -> tuple[str, list[Any]]:
        """SELECT *columns* of the links *query* selects, with their claims (a, b), those
        claims' documents (da, db) and the relation (r)."""
        self._functions()
        where: list[str] = [extra] if extra else []
        args: list[Any] = []
        if query.document_id is not None:
            where.append("(a.document_id = ? OR b.document_id = ?)")
            args += [query.document_id, query.document_id]
        if query.relation is not None:
            where.append("r.name = ?")
            args.append(query.relation)
        if query.words:
            hay = ("cw_casefold(a.quote || char(10) || b.quote || char(10) || da.title || "
                   "char(10) || db.title || char(10) || r.name || char(10) || l.note)")
            where.extend(f"instr({hay}, ?) > 0" for _ in query.words)
            args.extend(query.words)
        sql = (f"SELECT {columns} FROM links l "
               "JOIN relation_types r ON r.id = l.relation_type_id "
               "JOIN claims a ON a.id = l.source_claim_id "
               "JOIN claims b ON b.id = l.target_claim_id "
               "JOIN documents da ON da.id = a.document_id "
               "JOIN documents db ON db.id = b.document_id "
               f"WHERE {' AND '.join(where) or '1'}")
        return sql, args

    def link_order(self, query: LinkQuery) -> list[str]:
        """The ids of the links *query* selects, in its order (ties: the store's order)."""
        if query == LinkQuery():
            return [k.id for k in self.links()]  # type: ignore[attr-defined]  # LinksRepo
        return self._ordered(self._link_listing_sql(query, "l.id"), query, LINK_SORTS,
                             _LINK_ORDER)

    def link_sort_keys(self, query: LinkQuery, ids: Iterable[str]
                       ) -> dict[str, tuple[Any, ...]]:
        """Sort keys of those of *ids* that *query* selects (compare them with
        :meth:`LinkQuery.before`); a link that is gone or filtered out has none."""
        return self._sort_keys(query, ids, LINK_SORTS, _LINK_ORDER, "l.id",
                               lambda columns, extra: self._link_listing_sql(query, columns,
                                                                             extra))

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
