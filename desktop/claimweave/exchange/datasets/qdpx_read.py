"""Reading REFI-QDA projects (.qdpx) as QualCoder, NVivo, ATLAS.ti, MAXQDA and we write them.

What the tools write differs from the standard in ways that move claims (docs/exports.md):
the position unit is decided from evidence (:mod:`.refi_positions`) and named in the import
report; texts may sit in ``Sources/`` and the project in ``<name>.qde``; annotations are
``Notes/Note`` elements holding a ``PlainTextSelection``, referred to by a ``NoteRef`` of the
source; QualCoder writes one selection per code, which becomes one claim with several tags.
A selection whose text disagrees with the quote the file states for it is reported with its
place and imported where its positions say, never moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .bundle import BClaim, BDocument, BLink, BRelation, BTag, Bundle, as_int, clean_id, refuse
from .refi_positions import Selection, SourceText, decide
from .safety import SafeZip, parse_xml

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"


def find_member(names: set[str], wanted: str) -> str | None:
    """The archive member *wanted*, its folder names compared case-insensitively."""
    if wanted in names:
        return wanted
    lowered = {n.lower(): n for n in names}
    return lowered.get(wanted.lower())


def project_member(archive: SafeZip, path: Path) -> str:
    """``project.qde``, or the one ``*.qde`` at the top (ATLAS.ti names it after the project)."""
    if PROJECT_FILE in archive.names:
        return PROJECT_FILE
    found = sorted(n for n in archive.names
                   if "/" not in n.rstrip("/") and PurePosixPath(n).suffix.lower() == ".qde")
    if len(found) == 1:
        return found[0]
    if found:
        raise refuse(str(path), f"several project files in the archive ({', '.join(found)}); "
                     "a .qdpx holds one")
    raise refuse(str(path), "no project.qde (or other .qde file) in the archive")


def read_qdpx(path: Path) -> Bundle:
    """Parse a .qdpx archive (ours or another QDA program's) into a bundle."""
    with SafeZip(path) as archive:
        member = project_member(archive, path)
        root = parse_xml(archive.read(member), f"{path}: member {member!r}")
        return _Reader(path, archive, member, root).run()


def qualified(root: Any, expected: str, path: str) -> Callable[[str], str]:
    """The namespaced-name maker for a REFI-QDA document whose root must be *expected*."""
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if not ns.startswith("urn:QDA-XML:") or root.tag != f"{{{ns}}}{expected}":
        raise refuse(path, f"the root is not a REFI-QDA {expected} in the namespace "
                     f"urn:QDA-XML:...")
    return lambda name: f"{{{ns}}}{name}"


def read_codes(parent: Any, q: Callable[[str], str], place: Callable[[Any], str],
               bundle: Bundle) -> dict[str | None, str]:
    """Every Code under *parent*'s ``Codes`` into *bundle* (nesting kept); guid -> name."""
    names: dict[str | None, str] = {}
    for codes in parent.iter(q("Codes")):
        # Depth first, parents before children, with a stack of our own: a codebook nested
        # thousands deep must not exhaust Python's recursion limit.
        stack: list[tuple[Any, str | None]] = [(e, None) for e in codes.findall(q("Code"))]
        stack.reverse()
        while stack:
            element, parent_name = stack.pop()
            name = element.get("name") or ""
            if not name.strip():
                raise refuse(place(element), "a Code needs a name")
            names[element.get("guid")] = name
            bundle.tags.append(BTag(name, place(element), id=clean_id(element.get("guid")),
                                    color=(element.get("color") or "").lower() or None,
                                    parent=parent_name, description=description(element, q)))
            stack.extend((child, name) for child in reversed(element.findall(q("Code"))))
    return names


def description(element: Any, q: Callable[[str], str]) -> str:
    d = element.find(q("Description"))
    return (d.text or "") if d is not None else ""


@dataclass
class _Sel:
    """A selection read, before the position unit is known."""

    element: Any
    source: str
    place: str
    tags: list[str] = field(default_factory=list)
    note: str = ""
    user: str = ""
    coded: bool = False


class _Reader:
    def __init__(self, path: Path, archive: SafeZip, member: str, root: Any) -> None:
        self.path, self.archive, self.member = path, archive, member
        self.q = qualified(root, "Project", f"{path}: {member}")
        self.root = root
        self.origin = root.get("origin") or ""
        self.bundle = Bundle(path.name)
        self.users = {u.get("guid"): u.get("name") or "" for u in root.iter(self.q("User"))}
        self.sources: dict[str, SourceText] = {}
        self.sels: list[_Sel] = []
        self.alias: dict[str, str] = {}  # selection guid -> the claim key it was merged into
        self._heads: dict[str, str] = {}  # element tag -> the start of its place

    def place(self, element: Any) -> str:
        tag = element.tag
        if tag not in self._heads:  # once per element name, not per selection
            self._heads[tag] = f"{self.path}: {self.member}, {tag.split('}')[-1]} guid="
        return f"{self._heads[tag]}{element.get('guid')!r}"

    def user(self, element: Any) -> str:
        guid = element.get("creatingUser") or element.get("modifyingUser")
        return self.users.get(guid, "")

    def run(self) -> Bundle:
        q = self.q
        self.codes = read_codes(self.root, q, self.place, self.bundle)
        self.notes = {n.get("guid"): n for n in self.root.iter(q("Note"))}
        for source in self.root.iter(q("TextSource")):
            self._source(source)
        self._claims()
        claims = {c.key: c for c in self.bundle.claims}  # once, not per link (was quadratic)
        for link in self.root.iter(q("Link")):
            self._link(link, claims)
        return self.bundle

    # ------------------------------------------------------------------ sources
    def _text(self, element: Any, place: str) -> str | None:
        inline = element.find(self.q("PlainTextContent"))
        ref = element.get("plainTextPath") or ""
        if inline is not None:
            return inline.text or ""
        if ref.startswith("internal://"):
            name = find_member(self.archive.names, "sources/" + ref[len("internal://"):])
            if name is None:
                raise refuse(place, f"the archive has no sources/{ref[len('internal://'):]}")
            return self.archive.read_text(name)
        return None

    def _source(self, source: Any) -> None:
        place = self.place(source)
        key = source.get("guid") or place
        raw = self._text(source, place)
        if raw is None:
            raise refuse(place, f"the text is outside the archive "
                         f"({source.get('plainTextPath') or 'no path'}); only internal:// "
                         "sources can be imported")
        text = SourceText(raw, place)
        self.sources[key] = text
        self.bundle.documents.append(BDocument(key, text.text, place, id=clean_id(key),
                                               title=source.get("name")))
        for sel in source.findall(self.q("PlainTextSelection")):
            self._selection(sel, key)
        for ref in source.findall(self.q("NoteRef")):
            note = self.notes.get(ref.get("targetGUID"))
            if note is None:
                continue
            content = note.find(self.q("PlainTextContent"))
            memo = (content.text or "") if content is not None else description(note, self.q)
            for sel in note.findall(self.q("PlainTextSelection")):
                s = self._selection(sel, key)
                s.note = "\n".join(p for p in (memo, s.note) if p)
                s.user = s.user or self.user(note)

    def _selection(self, sel: Any, source: str) -> _Sel:
        where = self.place(sel)
        s = _Sel(sel, source, where, note=description(sel, self.q), user=self.user(sel))
        for coding in sel.findall(self.q("Coding")):
            s.coded = True
            for ref in coding.iter(self.q("CodeRef")):
                target = ref.get("targetGUID")
                if target not in self.codes:
                    raise refuse(where, f"CodeRef {target!r} names no Code of the codebook")
                s.tags.append(self.codes[target])
        self.sels.append(s)
        return s

    # ------------------------------------------------------------------ claims
    def _claims(self) -> None:
        evidence = [Selection(s.source, as_int(s.element.get("startPosition"), s.place,
                                               "startPosition"),
                              as_int(s.element.get("endPosition"), s.place, "endPosition"),
                              s.element.get("name"), s.place) for s in self.sels]
        if not evidence:
            return
        decision = decide(self.sources, evidence, self.origin)
        self.bundle.notes.append(decision.describe())
        chosen = next(e for e in decision.evidence if e.reading == decision.reading)
        check_quotes = decision.stated and chosen.quotes * 2 >= decision.stated
        if decision.stated and not check_quotes:
            self.bundle.notes.append(
                f"the selections' names are not their quotes ({chosen.quotes} of "
                f"{decision.stated} match), so they were not compared with the text")
        maps = {k: t.mapper(decision.reading) for k, t in self.sources.items()}
        merge = "claimweave" not in self.origin.lower()
        by_span: dict[tuple[str, int, int, str], BClaim] = {}
        for i, (s, ev) in enumerate(zip(self.sels, evidence, strict=True)):
            start, end = maps[s.source](ev.start), maps[s.source](ev.end)
            if start is None or end is None or start >= end:
                raise refuse(s.place, f"positions [{ev.start}, {ev.end}) do not fit the text "
                             f"read as {decision.reading.describe()}")
            text = self.sources[s.source].text
            if check_quotes and ev.name and i in chosen.misses:  # compared when deciding
                self.bundle.warnings.append(
                    f"{s.place}: the text at [{ev.start}, {ev.end}) is "
                    f"{text[start:end][:60]!r} but the file states {ev.name[:60]!r}; imported "
                    "where its positions say, not moved")
            guid = s.element.get("guid")
            key = clean_id(guid) or guid or s.place
            span = (s.source, start, end, s.user)
            same = by_span.get(span) if merge else None
            if same is not None and (s.coded or not s.tags):
                self.alias[key] = same.key  # one claim, several codes (QualCoder's way)
                same.tags += [t for t in s.tags if t not in same.tags]
                if s.note and s.note not in same.note.split("\n"):
                    same.note = "\n".join(p for p in (same.note, s.note) if p)
                continue
            claim = BClaim(key, s.source, start, end, s.place, id=clean_id(guid), note=s.note,
                           annotator=s.user, tags=list(dict.fromkeys(s.tags)))
            by_span.setdefault(span, claim)
            self.bundle.claims.append(claim)

    # ------------------------------------------------------------------ links
    def _link(self, link: Any, claims: dict[str, BClaim]) -> None:
        origin = clean_id(link.get("originGUID")) or link.get("originGUID") or ""
        target = clean_id(link.get("targetGUID")) or link.get("targetGUID") or ""
        origin, target = self.alias.get(origin, origin), self.alias.get(target, target)
        noted = self._note_on_selection(link, origin, target, claims)
        if noted or origin not in claims or target not in claims or origin == target:
            return  # links between codes, sources or memos have no claim-to-claim meaning
        place = self.place(link)
        name = link.get("name") or "related"
        self.bundle.relations.append(BRelation(
            name, place, color=(link.get("color") or "").lower() or None,
            symmetric=link.get("direction") in ("Associative", "Bidirectional")))
        note, annotator = "", ""
        for ref in link.iter(self.q("NoteRef")):
            found = self.notes.get(ref.get("targetGUID"))
            if found is not None:
                content = found.find(self.q("PlainTextContent"))
                note = (content.text or "") if content is not None else ""
                annotator = self.user(found)
        self.bundle.links.append(BLink(origin, target, name, place,
                                       id=clean_id(link.get("guid")), note=note,
                                       annotator=annotator))

    def _note_on_selection(self, link: Any, origin: str, target: str,
                           claims: dict[str, BClaim]) -> bool:
        """NVivo's annotation: a Link from a Note (its text) to a selection."""
        note = self.notes.get(link.get("originGUID"))
        if note is None or target not in claims:
            return False
        content = note.find(self.q("PlainTextContent"))
        text = content.text if content is not None else None
        ref = note.get("plainTextPath") or ""
        if text is None and ref.startswith("internal://"):
            name = find_member(self.archive.names, "sources/" + ref[len("internal://"):])
            text = self.archive.read_text(name) if name else None
        if text:
            claim = claims[target]
            claim.note = "\n".join(p for p in (claim.note, text.lstrip("\ufeff").strip()) if p)
        return True
