"""REFI-QDA projects written the way NVivo, QualCoder, ATLAS.ti and MAXQDA write them.

Each fixture follows what that program's own files show (docs/exports.md, "qdpx"): the
position unit, the byte-order mark, the folder and file names, where annotations go. They
are written here from those descriptions, not copied from anyone's files.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

NS = "urn:QDA-XML:project:1.0"


def guid() -> str:
    return str(uuid.uuid4()).upper()  # other tools write upper-case GUIDs


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Sel:
    start: int
    end: int
    codes: list[str] = field(default_factory=list)  # code guids
    name: str | None = None
    description: str | None = None
    user: str | None = None
    guid: str = field(default_factory=guid)

    def xml(self) -> str:
        name = f" name={quoteattr(self.name)}" if self.name is not None else ""
        user = f' creatingUser="{self.user}"' if self.user else ""
        body = f"<Description>{self.description}</Description>" if self.description else ""
        body += "".join(f'<Coding guid="{guid()}"><CodeRef targetGUID="{c}"/></Coding>'
                        for c in self.codes)
        return (f'<PlainTextSelection guid="{self.guid}"{name} startPosition="{self.start}" '
                f'endPosition="{self.end}"{user} creationDateTime="2024-01-01T00:00:00Z">'
                f"{body}</PlainTextSelection>")


@dataclass
class Source:
    name: str
    data: bytes  # the member's bytes, as the program saved them
    selections: list[Sel] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    guid: str = field(default_factory=guid)


def write_qdpx(path: Path, sources: list[Source], *, origin: str,
               codes: dict[str, str] | None = None, users: dict[str, str] | None = None,
               notes: str = "", links: str = "", folder: str = "sources",
               qde: str = "project.qde") -> Path:
    """A .qdpx archive; *codes* guid -> name, *notes*/*links* raw XML of those sections."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" name="Trial" '
             f'origin={quoteattr(origin)}>']
    if users:
        parts.append("<Users>" + "".join(f'<User guid="{g}" name={quoteattr(n)}/>'
                                         for g, n in users.items()) + "</Users>")
    if codes:
        parts.append("<CodeBook><Codes>" + "".join(
            f'<Code guid="{g}" name={quoteattr(n)} isCodable="true" color="#AA0000"/>'
            for g, n in codes.items()) + "</Codes></CodeBook>")
    parts.append("<Sources>")
    for s in sources:
        parts.append(f'<TextSource guid="{s.guid}" name={quoteattr(s.name)} '
                     f'plainTextPath="internal://{s.guid}.txt">')
        parts += [sel.xml() for sel in s.selections]
        parts += [f'<NoteRef targetGUID="{n}"/>' for n in s.note_refs]
        parts.append("</TextSource>")
    parts.append("</Sources>")
    if notes:
        parts.append(f"<Notes>{notes}</Notes>")
    if links:
        parts.append(f"<Links>{links}</Links>")
    parts.append("</Project>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(qde, "".join(parts).encode("utf-8"))
        for s in sources:
            zf.writestr(f"{folder}/{s.guid}.txt", s.data)
    return path


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) in code points for every word of *text*."""
    import re
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)]


def in_utf16(text: str, cp: int) -> int:
    return utf16_len(text[:cp])
