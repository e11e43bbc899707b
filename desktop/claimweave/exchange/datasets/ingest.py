"""Writing a :class:`~.bundle.Bundle` into a project: matching, idempotence, conflicts.

Rules, the same for every import format and for merging projects:
- documents are matched by the hash of their normalised text; new ones are created and
  keep the id the file gave them when that id is free;
- tags and relation types are matched by id, then by name; new ones keep colour, parent
  and id where the file has them;
- claims and links are matched by id; without an id, a claim is matched by document, span
  and annotator, a link by its two claims and relation;
- an entity whose id exists with different content is a conflict: reported, never
  overwritten, and links that touch a conflicting claim are skipped;
- everything is written in one transaction (one undo step), so an error changes nothing.
Running the same import twice therefore changes nothing the second time.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from ...core.claims_repo import NewClaim
from ...core.clock import new_id
from ...core.errors import ClaimWeaveError, ImportRefusedError, InvalidOperationError
from ...core.gcpause import gc_paused
from ...core.model import RelationType, Tag
from ...core.store import Project
from ...core.text import BOM, normalise_text
from ...core.wording import counted
from .bundle import BClaim, BDocument, BLink, BRelation, BTag, Bundle, check_bundle, refuse

_log = logging.getLogger(__name__)

Mapper = Callable[[int], int]
MAX_TAG_DEPTH = 100
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4096)  # an import asks it for every tag of every claim
def name_key(name: str) -> str:
    """How the project compares tag and relation names (SQLite NOCASE: ASCII letters only)."""
    return unicodedata.normalize("NFC", name).strip().translate(_ASCII_LOWER)


@dataclass
class ImportReport:
    """Counts of what was added and what was already there, and the conflicts found."""

    origin: str
    added: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.added.values())

    def to_json(self) -> dict[str, object]:
        kinds = ("documents", "tags", "relations", "claims", "links")
        return {"origin": self.origin,
                "added": {k: self.added[k] for k in kinds},
                "matched": {k: self.matched[k] for k in kinds},
                "conflicts": list(self.conflicts), "notes": list(self.notes),
                "warnings": list(self.warnings)}

    def summary(self) -> str:
        """One line: what was added and what was already there."""
        parts = [f"{counted(self.added[k], k[:-1])} added, {self.matched[k]:,} already there"
                 for k in ("documents", "claims", "links")]
        tail = f"; {counted(len(self.conflicts), 'conflict')}" if self.conflicts else ""
        return f"{self.origin}: " + "; ".join(parts) + tail

    def describe(self) -> str:
        """The summary, then how the file was read (notes) and what looked wrong (warnings)."""
        lines = [self.summary()]
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@contextmanager
def at(place: str) -> Iterator[None]:
    """Turn a refusal of the store into an error that names the place in the file."""
    try:
        yield
    except ImportRefusedError:
        raise
    except ClaimWeaveError as exc:
        raise refuse(place, str(exc)) from None


def normalised_with_map(raw: str, place: str) -> tuple[str, Mapper | None]:
    """The text as the project stores it, and how offsets into *raw* move with it.

    Files from other tools may carry a byte-order mark or Windows line ends; their offsets
    count those characters, ours do not. Other newline forms keep their length. A text
    that NFC would recompose is refused: its offsets could not be carried over exactly.
    """
    text = normalise_text(raw)
    if text == raw:
        return text, None
    body = raw[len(BOM):] if raw.startswith(BOM) else raw
    lead = len(raw) - len(body)
    crlf = [m.start() for m in re.finditer("\r\n", body)]
    if len(text) != len(body) - len(crlf):
        raise refuse(place, "the text is not in Unicode NFC form, so its offsets cannot be "
                     "carried over; normalise it (NFC) together with its annotations first")

    def mapper(pos: int) -> int:
        q = max(0, pos - lead)
        return q - bisect_left(crlf, q)

    return text, mapper


def apply_bundle(project: Project, bundle: Bundle, *, label: str | None = None) -> ImportReport:
    """Write *bundle* into *project* as one transaction and one undo step."""
    report = ImportReport(bundle.origin, notes=list(bundle.notes),
                          warnings=list(bundle.warnings))
    label = label or f"Import annotations from {bundle.origin}"
    # Python's collector would walk every record of the bundle again and again (a seventh
    # of importing 100,000 claims); what an import makes holds no reference cycles.
    with gc_paused():
        check_bundle(bundle)
        with project.batch(label):
            _Ingest(project, bundle, report).run()
    _log.info("%s into %s: added %s, already there %s, %d conflicts", label, project.path.name,
              dict(report.added), dict(report.matched), len(report.conflicts))
    return report


class _Ingest:
    def __init__(self, project: Project, bundle: Bundle, report: ImportReport) -> None:
        self.p, self.b, self.r = project, bundle, report
        self.docs: dict[str, tuple[str, str, Mapper | None]] = {}  # key -> id, text, mapper
        self.tags: dict[str, str] = {}  # name key -> tag id
        self.rels: dict[str, str] = {}  # name key -> relation id
        self.claims: dict[str, str | None] = {}  # claim key -> id (None: conflict)
        self.claimant_ids: dict[str, str] = {}  # a claimant's name in the file -> its id


    def _exists(self, table: str, ident: str | None) -> bool:
        return self.p.has_id(table, ident)

    def run(self) -> None:
        self._documents()
        self._tags()
        self._relations()
        self._claimants()
        self._claims()
        self._links()

    # ------------------------------------------------------------------ documents
    def _documents(self) -> None:
        for d in self.b.documents:
            text, mapper = normalised_with_map(d.text, d.place)
            found = self.p.document_with_text(text)
            if found:
                self.r.matched["documents"] += 1
                self.docs[d.key] = (found, text, mapper)
                self._card(d, found)
                continue
            keep = d.id
            if self._exists("documents", d.id):
                self.r.conflicts.append(f"{d.place}: document id {d.id} holds a different "
                                        "text in the project; imported under a new id")
                keep = None
            with at(d.place):
                meta = {k: v for k, v in d.meta.items() if v not in (None, "")}
                doc = self.p.add_document(text, title=d.title, doc_id=keep, **meta).document
            self.r.added["documents"] += 1
            self.docs[d.key] = (doc.id, text, mapper)
            self._card(d, doc.id)

    def _card(self, d: BDocument, doc_id: str) -> None:
        """The file's source card fills what the project's card leaves empty; a value the
        project has is kept."""
        have = self.p.document(doc_id)
        card = {k: v for k, v in d.card.items() if getattr(have, k) in (None, "")}
        with at(d.place):
            if card:
                self.p.set_source_card(doc_id, **card)  # type: ignore[arg-type]
            for name, value in d.attributes.items():
                if name not in have.attributes:
                    self.p.set_attribute(doc_id, name, value)

    # ------------------------------------------------------------------ codebook
    def _tags(self) -> None:
        current = self.p.tags()
        by_id = {t.id: t for t in current}
        self.tags = {name_key(t.name): t.id for t in current}
        declared = list(self.b.tags)
        names = {name_key(t.name) for t in declared}
        for c in self.b.claims:
            for n in c.tags:
                if name_key(n) not in names:
                    names.add(name_key(n))
                    declared.append(BTag(n, c.place))
        for t in _parents_first(declared):
            if self._in_codebook("tag", t, by_id, self.tags):
                continue
            parent = self.tags.get(name_key(t.parent)) if t.parent else None
            with at(t.place):
                tag = self.p.add_tag(t.name, color=t.color, parent=parent,
                                     description=t.description,
                                     tag_id=None if self._exists("tags", t.id) else t.id)
            self.r.added["tags"] += 1
            self.tags[name_key(t.name)] = tag.id

    def _relations(self) -> None:
        current = self.p.relation_types()
        by_id = {r.id: r for r in current}
        self.rels = {name_key(r.name): r.id for r in current}
        declared = {name_key(r.name): r for r in self.b.relations}
        for k in self.b.links:
            if name_key(k.relation) not in declared:
                declared[name_key(k.relation)] = BRelation(k.relation, k.place)
        for key, rel in declared.items():
            if self._in_codebook("relation", rel, by_id, self.rels):
                continue
            with at(rel.place):
                made = self.p.add_relation_type(
                    rel.name, color=rel.color or "#8a8f98", polarity=rel.polarity or 0,
                    symmetric=bool(rel.symmetric),
                    relation_id=None if self._exists("relation_types", rel.id) else rel.id)
            self.r.added["relations"] += 1
            self.rels[key] = made.id

    def _in_codebook(self, kind: str, entry: BTag | BRelation,
                     by_id: Mapping[str, Tag | RelationType], ids_by_name: dict[str, str]) -> bool:
        """Whether the project already has this tag or relation type: by id, else by name.

        Both follow one rule, so a second import matches what the first one added. An id
        named differently here keeps the project's name and is reported as a conflict; the
        name used here then points at that id (*ids_by_name* learns it).
        """
        key = name_key(entry.name)
        if entry.id is not None and entry.id in by_id:
            self.r.matched[f"{kind}s"] += 1
            kept = by_id[entry.id].name
            if name_key(kept) != key:
                self.r.conflicts.append(f"{entry.place}: {kind} id {entry.id} is named {kept!r} "
                                        f"in the project and {entry.name!r} here; kept {kept!r}")
            ids_by_name[key] = entry.id
            return True
        if key in ids_by_name:
            self.r.matched[f"{kind}s"] += 1
            return True
        return False

    # ------------------------------------------------------------------ claims
    def _claims(self) -> None:
        """Match each claim, then write the new ones per document through the store's bulk
        verb: one read of each text, so the cost is linear in the claims."""
        fresh: dict[str, list[tuple[BClaim, NewClaim]]] = {}
        spans: dict[str, dict[tuple[int, int, str], str]] = {}  # doc -> span -> claim id
        known_ids = self.p.existing_ids("claims", (c.id for c in self.b.claims if c.id))
        # claims a text update parked (few): their ids are neither free nor placed
        unplaced = {u.claim_id for u in self.p.unplaced_claims()}
        for c in self.b.claims:
            if c.key in self.claims:
                raise refuse(c.place, f"claim {c.key} appears twice")
            if c.doc not in self.docs:
                raise refuse(c.place, f"the claim's document {c.doc!r} is not in the file")
            doc_id, text, mapper = self.docs[c.doc]
            start, end = (mapper(c.start), mapper(c.end)) if mapper else (c.start, c.end)
            if not 0 <= start < end <= len(text):
                raise refuse(c.place, f"span [{c.start}, {c.end}) lies outside its document "
                             f"(0 to {len(text)} characters) or is empty")
            if c.quote is not None and normalise_text(c.quote) != text[start:end]:
                raise refuse(c.place, f"the quote {c.quote[:40]!r} differs from the document's "
                             f"text at [{c.start}, {c.end}): {text[start:end][:40]!r}")
            tag_ids = sorted({self.tags[name_key(n)] for n in c.tags}) if c.tags else []
            if c.id and c.id in unplaced:
                self.r.conflicts.append(f"{c.place}: claim {c.id} is unplaced in the project "
                                        "since a text update; kept there (place or drop it)")
                self.claims[c.key] = None
                continue
            if c.id and c.id in known_ids:
                self.claims[c.key] = self._existing(c, doc_id, start, end, tag_ids)
                continue
            if doc_id not in spans:
                spans[doc_id] = {(k.start, k.end, k.annotator): k.id
                                 for k in reversed(self.p.claims(document_id=doc_id))}
            known = spans[doc_id].get((start, end, c.annotator)) if not c.id else None
            if known is not None:
                self.r.matched["claims"] += 1
                self.claims[c.key] = known
                continue
            claim_id = c.id or new_id()
            spans[doc_id].setdefault((start, end, c.annotator), claim_id)
            fresh.setdefault(doc_id, []).append((c, NewClaim(
                start, end, note=c.note, annotator=c.annotator, tags=tuple(tag_ids),
                claim_id=claim_id, claimant_id=self._claimant_id(c))))
            self.claims[c.key] = claim_id
        if not fresh:
            return
        first = next(iter(fresh.values()))[0][0]
        with at(first.place):  # the spans and ids were checked above: one bulk write
            self.p.add_claims_by_document(
                {doc_id: [n for _, n in items] for doc_id, items in fresh.items()})
        for items in fresh.values():
            self.r.added["claims"] += len(items)

    def _claimant_id(self, c: BClaim) -> str | None:
        """The id of the claimant a new claim names, added when the project has none by that
        name (what set_claimant does, once per name rather than once per claim)."""
        if not (c.claimant or "").strip():
            return None
        assert c.claimant is not None
        if c.claimant not in self.claimant_ids:
            with at(c.place):
                found = self.p.find_claimant(c.claimant)
                self.claimant_ids[c.claimant] = (
                    found.id if found else self.p.add_claimant(c.claimant).id)
        return self.claimant_ids[c.claimant]

    def _claimants(self) -> None:
        """Claimants with their aliases (a merged project's): one the project knows by any
        of the names gains the others; a name that belongs to another claimant is left out
        and reported, never moved."""
        for name, aliases, place in self.b.claimants:
            known = self.p.find_claimant(name)
            if known is None:
                known = self.p.add_claimant(name)
                self.r.added["claimants"] += 1
            for alias in aliases:
                if alias.casefold() in (n.casefold() for n in (known.name, *known.aliases)):
                    continue
                try:
                    known = self.p.add_claimant_alias(known.id, alias)
                except InvalidOperationError as exc:
                    self.r.conflicts.append(f"{place}: alias {alias!r} left out ({exc})")

    def _existing(self, c: BClaim, doc_id: str, start: int, end: int,
                  tag_ids: list[str]) -> str | None:
        """A claim whose id the project has: the same claim, or a conflict (None)."""
        assert c.id is not None
        mine = self.p.claim(c.id)
        row = (mine.document_id, mine.start, mine.end, mine.note, mine.annotator)
        if row == (doc_id, start, end, c.note, c.annotator) and sorted(mine.tag_ids) == tag_ids:
            self.r.matched["claims"] += 1
            assert c.id is not None
            self._claimant(c, c.id)
            return c.id
        self.r.conflicts.append(f"{c.place}: claim {c.id} differs from the project's claim "
                                "with that id (span, note, annotator or tags); kept the "
                                "project's")
        return None

    def _claimant(self, c: BClaim, claim_id: str) -> None:
        """The file's claimant, unless the project's claim names one already."""
        if c.claimant and self.p.claim(claim_id).claimant_id is None:
            with at(c.place):
                self.p.set_claimant(claim_id, c.claimant)

    # ------------------------------------------------------------------ links
    def _endpoint(self, key: str, link: BLink) -> str | None:
        if key in self.claims:
            return self.claims[key]
        if self._exists("claims", key):
            return key
        raise refuse(link.place, f"the link refers to claim {key!r}, which is neither in the "
                     "file nor in the project")

    def _links(self) -> None:
        for k in self.b.links:
            source, target = self._endpoint(k.source, k), self._endpoint(k.target, k)
            if source is None or target is None:
                self.r.conflicts.append(f"{k.place}: link skipped: it touches a conflicting "
                                        "claim")
                continue
            rel = self.rels[name_key(k.relation)]
            if k.id and self._exists("links", k.id):
                mine = self.p.link(k.id)
                if (mine.source, mine.target, mine.relation_type_id, mine.note) == (
                        source, target, rel, k.note):
                    self.r.matched["links"] += 1
                else:
                    self.r.conflicts.append(f"{k.place}: link {k.id} differs from the project's "
                                            "link with that id; kept the project's")
                continue
            if self.p.existing_link(source, target, rel) is not None:
                self.r.matched["links"] += 1
                continue
            with at(k.place):
                self.p.link_claims(source, target, rel, note=k.note, annotator=k.annotator,
                                   link_id=k.id)
            self.r.added["links"] += 1


def _parents_first(tags: list[BTag]) -> list[BTag]:
    """Order tags so that each comes after its parent; unknown parents make it top-level.

    Linear, without recursion: a chain nested thousands deep costs no more than a flat
    codebook. Deeper than MAX_TAG_DEPTH is refused; no codebook needs it and the views
    would not show it usefully. A tag nested inside itself is refused too.
    """
    by_name = {name_key(t.name): t for t in tags}
    depth: dict[str, int] = {}
    for t in tags:
        chain, key = [], name_key(t.name)
        while key not in depth:
            if key in chain:
                raise refuse(by_name[key].place, f"tag {by_name[key].name!r} is nested "
                             "inside itself")
            chain.append(key)
            parent = by_name[key].parent
            if not parent or name_key(parent) not in by_name:
                depth[key] = 0
                chain.pop()
                break
            key = name_key(parent)
        for k in reversed(chain):
            depth[k] = depth[name_key(by_name[k].parent or "")] + 1
            if depth[k] > MAX_TAG_DEPTH:
                raise refuse(by_name[k].place, f"tag {by_name[k].name!r} is nested more than "
                             f"{MAX_TAG_DEPTH} levels deep, the limit for a codebook")
    return sorted(tags, key=lambda t: depth[name_key(t.name)])
