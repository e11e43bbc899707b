"""REFI-QDA project exchange (.qdpx): the format of QualCoder, ATLAS.ti, MAXQDA and NVivo.

A zip with ``project.qde`` (XML, namespace urn:QDA-XML:project:1.0) and ``sources/<guid>.txt``
(UTF-8). Tags become Codes (nested, with colours and descriptions); each claim a
PlainTextSelection (code-point positions) with a Coding per tag and its note as
Description; each link a Link between two selections, named after the relation, direction
Associative for symmetric relations and OneWay otherwise; a link's note and annotator ride
on a Note it refers to. GUIDs are our ids, so a second import changes nothing.
Field by field in docs/exports.md.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ... import __version__
from ...core.clock import now
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import BClaim, BDocument, BLink, BRelation, BTag, Bundle, as_int, clean_id, refuse
from .files import atomic_writer
from .safety import SafeZip, parse_xml

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES = "sources/"
_USERS_NS = uuid.UUID("6f1b6c4e-3a51-4b8e-9a43-0f2f6c1de0a1")  # user GUIDs from names
# Characters XML 1.0 cannot hold are dropped; markup and (in attributes) whitespace other
# than the space are written as references so a parser gives them back unchanged.
_DROP = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}
_TEXT = str.maketrans({**_DROP, "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({**_DROP, "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _a(value: object) -> str:
    """An attribute value, quoted."""
    return f'"{str(value).translate(_ATTR)}"'


def _t(value: str) -> str:
    return value.translate(_TEXT)


def user_guid(name: str) -> str:
    return str(uuid.uuid5(_USERS_NS, name))


def export_qdpx(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    with atomic_writer(path, binary=True) as fh, zipfile.ZipFile(
            fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr(PROJECT_FILE, "".join(_project_xml(snap, project.title)).encode("utf-8"))
        for d in snap.documents:
            zf.writestr(f"{SOURCES}{d.id}.txt", snap.texts[d.id].encode("utf-8"))
            tick.step()
    return snap.summary(path, (path,))


def _project_xml(snap: ProjectSnapshot, title: str) -> Iterator[str]:
    yield (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NAMESPACE}" '
           f'name={_a(title)} origin={_a("ClaimWeave " + __version__)} '
           f'creationDateTime={_a(now())}>\n')
    names = sorted({c.annotator for c in snap.claims if c.annotator}
                   | {k.annotator for k in snap.links if k.annotator})
    users = {u: f' creatingUser="{user_guid(u)}"' for u in names} | {"": ""}
    if names:
        yield "<Users>\n"
        yield from (f'<User guid="{user_guid(u)}" name={_a(u)}/>\n' for u in names)
        yield "</Users>\n"
    if snap.tags:
        yield "<CodeBook><Codes>\n"
        yield from _codes(snap, None)
        yield "</Codes></CodeBook>\n"
    if snap.documents:
        yield "<Sources>\n"
        for d in snap.documents:
            yield (f"<TextSource guid={_a(d.id)} name={_a(d.title)} "
                   f'plainTextPath="internal://{d.id}.txt">\n')
            yield "".join([_selection(c, users) for c in snap.claims_by_doc[d.id]])
            yield "</TextSource>\n"
        yield "</Sources>\n"
    noted = [k for k in snap.links if k.note or k.annotator]
    if noted:
        yield "<Notes>\n"
        for k in noted:
            user = f" creatingUser={_a(user_guid(k.annotator))}" if k.annotator else ""
            yield (f"<Note guid={_a(_note_guid(k.id))} name={_a('Link ' + k.relation)}{user} "
                   f"creationDateTime={_a(k.created_at)}>"
                   f"<PlainTextContent>{_t(k.note)}</PlainTextContent></Note>\n")
        yield "</Notes>\n"
    if snap.links:
        yield "<Links>\n"
        for k in snap.links:
            rel = snap.relation_by_id[k.relation_type_id]
            direction = "Associative" if rel.symmetric else "OneWay"
            ref = (f"<NoteRef targetGUID={_a(_note_guid(k.id))}/>"
                   if k.note or k.annotator else "")
            yield (f"<Link guid={_a(k.id)} name={_a(k.relation)} direction=\"{direction}\" "
                   f"color={_a(rel.color)} originGUID={_a(k.source)} "
                   f"targetGUID={_a(k.target)}>{ref}</Link>\n")
        yield "</Links>\n"
    yield "</Project>\n"


def _note_guid(link_id: str) -> str:
    return str(uuid.uuid5(uuid.UUID(link_id), "note"))


def _codes(snap: ProjectSnapshot, parent: str | None) -> Iterator[str]:
    for t in snap.tags:
        if t.parent_id != parent:
            continue
        yield f"<Code guid={_a(t.id)} name={_a(t.name)} isCodable=\"true\" color={_a(t.color)}>"
        if t.description:
            yield f"<Description>{_t(t.description)}</Description>"
        yield from _codes(snap, t.id)
        yield "</Code>\n"


def _selection(c: Any, users: dict[str, str]) -> str:
    """One PlainTextSelection; ids, positions and timestamps need no escaping."""
    user = users[c.annotator]
    stamp = f'creationDateTime="{c.created_at}"'
    parts = [f'<PlainTextSelection guid="{c.id}" name={_a(c.quote[:60])} '
             f'startPosition="{c.start}" endPosition="{c.end}"{user} {stamp}>']
    if c.note:
        parts.append(f"<Description>{_t(c.note)}</Description>")
    for tag_id in c.tag_ids:
        coding = uuid.uuid5(uuid.UUID(c.id), tag_id)
        parts.append(f'<Coding guid="{coding}"{user} {stamp}><CodeRef targetGUID="{tag_id}"/>'
                     "</Coding>")
    parts.append("</PlainTextSelection>\n")
    return "".join(parts)


# ---------------------------------------------------------------------- reading
def read_qdpx(path: Path) -> Bundle:
    """Parse a .qdpx archive (ours or another QDA program's) into a bundle."""
    with SafeZip(path) as archive:
        if PROJECT_FILE not in archive.names:
            raise refuse(str(path), f"no {PROJECT_FILE} in the archive")
        root = parse_xml(archive.read(PROJECT_FILE), f"{path}: member {PROJECT_FILE!r}")
        return _Reader(path, archive, root).bundle


class _Reader:
    def __init__(self, path: Path, archive: SafeZip, root: Any) -> None:
        self.path, self.archive = path, archive
        self.ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        if self.ns != NAMESPACE or root.tag != self.q("Project"):
            raise refuse(f"{path}: {PROJECT_FILE}", f"the root is not a REFI-QDA Project in "
                         f"the namespace {NAMESPACE}")
        self.bundle = Bundle(path.name)
        self.users = {u.get("guid"): u.get("name") or "" for u in root.iter(self.q("User"))}
        self.codes: dict[str | None, str] = {}
        for codes in root.iter(self.q("Codes")):
            for code in codes.findall(self.q("Code")):
                self._code(code, None)
        for source in root.iter(self.q("TextSource")):
            self._source(source)
        notes = {n.get("guid"): n for n in root.iter(self.q("Note"))}
        for link in root.iter(self.q("Link")):
            self._link(link, notes)

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def place(self, element: Any) -> str:
        name = element.tag.split("}")[-1]
        return f"{self.path}: {PROJECT_FILE}, {name} guid={element.get('guid')!r}"

    def _description(self, element: Any) -> str:
        d = element.find(self.q("Description"))
        return (d.text or "") if d is not None else ""

    def _code(self, code: Any, parent: str | None) -> None:
        name = code.get("name") or ""
        guid = code.get("guid")
        if not name.strip():
            raise refuse(self.place(code), "a Code needs a name")
        self.codes[guid] = name
        self.bundle.tags.append(BTag(name, self.place(code), id=clean_id(guid),
                                     color=(code.get("color") or "").lower() or None,
                                     parent=parent, description=self._description(code)))
        for child in code.findall(self.q("Code")):
            self._code(child, name)

    def _source(self, source: Any) -> None:
        place = self.place(source)
        key = source.get("guid") or place
        inline = source.find(self.q("PlainTextContent"))
        ref = source.get("plainTextPath") or ""
        if inline is not None:
            text = inline.text or ""
        elif ref.startswith("internal://"):
            text = self.archive.read_text(SOURCES + ref[len("internal://"):])
        else:
            raise refuse(place, f"the text is outside the archive ({ref or 'no path'}); "
                         "only internal:// sources can be imported")
        self.bundle.documents.append(BDocument(key, text, place, id=clean_id(key),
                                               title=source.get("name")))
        for sel in source.iter(self.q("PlainTextSelection")):
            where = self.place(sel)
            tags = []
            for ref_el in sel.iter(self.q("CodeRef")):
                target = ref_el.get("targetGUID")
                if target not in self.codes:
                    raise refuse(where, f"CodeRef {target!r} names no Code of the codebook")
                tags.append(self.codes[target])
            guid = sel.get("guid")
            self.bundle.claims.append(BClaim(
                clean_id(guid) or guid or where, key,
                as_int(sel.get("startPosition"), where, "startPosition"),
                as_int(sel.get("endPosition"), where, "endPosition"), where, id=clean_id(guid),
                note=self._description(sel),
                annotator=self.users.get(sel.get("creatingUser"), ""), tags=tags))

    def _link(self, link: Any, notes: dict[str | None, Any]) -> None:
        claims = {c.key for c in self.bundle.claims}
        origin, target = clean_id(link.get("originGUID")), clean_id(link.get("targetGUID"))
        if origin not in claims or target not in claims:
            return  # links between codes, sources or memos have no claim-to-claim meaning
        place = self.place(link)
        name = link.get("name") or "related"
        self.bundle.relations.append(BRelation(
            name, place, color=(link.get("color") or "").lower() or None,
            symmetric=link.get("direction") in ("Associative", "Bidirectional")))
        note, annotator = "", ""
        for ref in link.iter(self.q("NoteRef")):
            found = notes.get(ref.get("targetGUID"))
            if found is not None:
                content = found.find(self.q("PlainTextContent"))
                note = (content.text or "") if content is not None else ""
                annotator = self.users.get(found.get("creatingUser"), "")
        self.bundle.links.append(BLink(origin, target, name, place,
                                       id=clean_id(link.get("guid")), note=note,
                                       annotator=annotator))
