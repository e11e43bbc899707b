"""REFI-QDA project exchange (.qdpx): the format of QualCoder, ATLAS.ti, MAXQDA and NVivo.

A zip with ``project.qde`` (XML, namespace urn:QDA-XML:project:1.0) and ``sources/<guid>.txt``
(UTF-8). Tags become Codes (nested, with colours and descriptions); each claim a
PlainTextSelection (code-point positions) with a Coding per tag and its note as
Description; each link a Link between two selections, named after the relation, direction
Associative for symmetric relations and OneWay otherwise; a link's note and annotator ride
on a Note it refers to. GUIDs are our ids, so a second import changes nothing.
Positions are code points as the standard says, or UTF-16 units for NVivo
(``positions="utf16"``). The XML and each text stream into their zip members, so memory does
not grow with the project. Reading is in :mod:`.qdpx_read`; field by field in docs/exports.md.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ... import __version__
from ...core.clock import now
from ...core.errors import InvalidOperationError
from ...core.model import Tag
from ...core.offsets import OffsetMap
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .qdpx_read import NAMESPACE, PROJECT_FILE

SOURCES = "sources/"
POSITIONS = ("codepoints", "utf16")
Positions = Callable[[str], Callable[[int], int]]  # document id -> position converter
_USERS_NS = uuid.UUID("6f1b6c4e-3a51-4b8e-9a43-0f2f6c1de0a1")  # user GUIDs from names
# Characters XML 1.0 cannot hold are dropped; markup and (in attributes) whitespace other
# than the space are written as references so a parser gives them back unchanged.
XML_UNSAFE = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE,
                                0xFFFF]}
_TEXT = str.maketrans({**XML_UNSAFE, "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({**XML_UNSAFE, "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


# Most values need no reference at all: a regular expression finds that out faster than
# str.translate with a table walks them (a third of the time of a 100,000-claim workbook).
_TEXT_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _TEXT))) + "]")
_ATTR_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _ATTR))) + "]")


def _a(value: object) -> str:
    """An attribute value, quoted."""
    text = str(value)
    return f'"{text.translate(_ATTR) if _ATTR_SPECIAL.search(text) else text}"'


def _t(value: str) -> str:
    """Element text."""
    return value.translate(_TEXT) if _TEXT_SPECIAL.search(value) else value


def user_guid(name: str) -> str:
    return str(uuid.uuid5(_USERS_NS, name))


def export_qdpx(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None, *, positions: str = "codepoints"
                ) -> ExportSummary:
    if positions not in POSITIONS:
        raise InvalidOperationError(f"--positions must be one of {', '.join(POSITIONS)}")
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    convert = _utf16_positions(snap) if positions == "utf16" else _same_positions
    with atomic_writer(path, binary=True) as fh, zipfile.ZipFile(
            fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(PROJECT_FILE, "w", force_zip64=True) as raw, io.TextIOWrapper(
                raw, encoding="utf-8", newline="\n", write_through=False) as xml:
            for chunk in _project_xml(snap, project.title, convert):
                xml.write(chunk)
        for d in snap.documents:
            with zf.open(f"{SOURCES}{d.id}.txt", "w", force_zip64=True) as member:
                member.write(snap.text(d.id).encode("utf-8"))
            tick.step()
    return snap.summary(path, (path,))


def _same_positions(doc_id: str) -> Callable[[int], int]:
    return int


def _utf16_positions(snap: ProjectSnapshot) -> Positions:
    """Positions in UTF-16 code units, the unit NVivo counts in (an emoji counts two)."""
    def convert(doc_id: str) -> Callable[[int], int]:
        return OffsetMap(snap.text(doc_id)).to_utf16
    return convert


def _project_xml(snap: ProjectSnapshot, title: str, convert: Positions) -> Iterator[str]:
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
        yield from codes_xml(snap.tags, None)
        yield "</Codes></CodeBook>\n"
    yield from _cases_xml(snap)
    if snap.documents:
        yield "<Sources>\n"
        for d in snap.documents:
            yield (f"<TextSource guid={_a(d.id)} name={_a(d.title)} "
                   f'plainTextPath="internal://{d.id}.txt">\n')
            at = convert(d.id)
            for c in snap.claims_by_doc[d.id]:
                yield _selection(c, users, at)
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


_CARD_VARIABLES = (("kind", "Text"), ("reliability", "Integer"), ("reliability reason", "Text"),
                   ("note", "Text"))


def _variable_guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"claimweave:variable:{name.casefold()}"))


def _cases_xml(snap: ProjectSnapshot) -> Iterator[str]:
    """The source cards as REFI-QDA Variables, one Case per document that has a card: the
    standard's way (MAXQDA's document variables) to say what each source is."""
    values = {d.id: {**({"kind": d.kind} if d.kind else {}),
                     **({"reliability": d.reliability} if d.reliability else {}),
                     **({"reliability reason": d.reason} if d.reason else {}),
                     **({"note": d.note} if d.note else {}), **d.attributes}
              for d in snap.documents}
    kinds = dict(_CARD_VARIABLES)
    names = [n for n, _ in _CARD_VARIABLES if any(n in v for v in values.values())]
    names += sorted({n for v in values.values() for n in v} - set(kinds), key=str.casefold)
    if not names:
        return
    yield "<Variables>\n"
    for n in names:
        yield (f"<Variable guid={_a(_variable_guid(n))} name={_a(n)} "
               f'typeOfVariable="{kinds.get(n, "Text")}"/>\n')
    yield "</Variables>\n<Cases>\n"
    for d in snap.documents:
        if not values[d.id]:
            continue
        yield f"<Case guid={_a(str(uuid.uuid5(uuid.UUID(d.id), 'case')))} name={_a(d.title)}>"
        for n, v in values[d.id].items():
            tag = "IntegerValue" if kinds.get(n) == "Integer" else "TextValue"
            yield (f"<VariableValue><VariableRef targetGUID={_a(_variable_guid(n))}/>"
                   f"<{tag}>{_t(str(v))}</{tag}></VariableValue>")
        yield f"<SourceRef targetGUID={_a(d.id)}/></Case>\n"
    yield "</Cases>\n"


def _note_guid(link_id: str) -> str:
    return str(uuid.uuid5(uuid.UUID(link_id), "note"))


def codes_xml(tags: list[Tag], parent: str | None) -> Iterator[str]:
    """The Code elements of *tags* nested under *parent* (the codebook of .qdpx and .qdc),
    in codebook order: one pass over a children map with a stack of our own (no recursion,
    whatever the codebook's depth)."""
    children: dict[str | None, list[Tag]] = {}
    for tag in tags:
        children.setdefault(tag.parent_id, []).append(tag)
    stack: list[Tag | None] = list(reversed(children.get(parent, [])))
    while stack:
        t = stack.pop()
        if t is None:
            yield "</Code>\n"
            continue
        yield f"<Code guid={_a(t.id)} name={_a(t.name)} isCodable=\"true\" color={_a(t.color)}>"
        if t.description:
            yield f"<Description>{_t(t.description)}</Description>"
        stack.append(None)  # closes this Code after its children
        stack.extend(reversed(children.get(t.id, [])))


def _selection(c: Any, users: dict[str, str], at: Callable[[int], int]) -> str:
    """One PlainTextSelection; ids, positions and timestamps need no escaping."""
    user = users[c.annotator]
    stamp = f'creationDateTime="{c.created_at}"'
    parts = [f'<PlainTextSelection guid="{c.id}" name={_a(c.quote[:60])} '
             f'startPosition="{at(c.start)}" endPosition="{at(c.end)}"{user} {stamp}>']
    if c.note:
        parts.append(f"<Description>{_t(c.note)}</Description>")
    for tag_id in c.tag_ids:
        coding = uuid.uuid5(uuid.UUID(c.id), tag_id)
        parts.append(f'<Coding guid="{coding}"{user} {stamp}><CodeRef targetGUID="{tag_id}"/>'
                     "</Coding>")
    parts.append("</PlainTextSelection>\n")
    return "".join(parts)
