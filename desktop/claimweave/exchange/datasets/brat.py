"""brat standoff: a folder with <name>.txt and <name>.ann per document.

In each .ann: a T line per claim (type ``Claim``, code-point offsets, end exclusive, the
covered text with newlines and tabs as spaces); tags as binary attributes named after the
tag; the annotator as the ``Annotator`` attribute; notes as AnnotatorNotes; links inside
one document as R lines typed by the relation (``Arg1`` is the source). brat has no
place for a link between two documents, so those go to ``cross_links.tsv``, and document
metadata to ``documents.tsv``; ``annotation.conf`` declares the types for brat's server.
Names are %-encoded where brat would split them (spaces, colons, commas ...).
Field by field in docs/exports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, pairwise
from pathlib import Path
from urllib.parse import unquote

from ...core.errors import ClaimWeaveError
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import BClaim, BDocument, BLink, Bundle, clean_id, refuse
from .files import atomic_writer
from .records import DOC_FIELDS, escape_line, file_stem, unescape_line
from .safety import decode_utf8, read_bytes

ENTITY = "Claim"
ANNOTATOR = "Annotator"
DOCUMENTS_FILE = "documents.tsv"
CROSS_LINKS_FILE = "cross_links.tsv"
CONF_FILE = "annotation.conf"
DOCUMENT_COLUMNS = ("file", "id", *DOC_FIELDS)
CROSS_COLUMNS = ("source_file", "source", "relation", "target_file", "target", "note",
                 "annotator")
_UNSAFE = re.compile(r"[\s%:,|=<>!#\[\]]")


@lru_cache(maxsize=4096)
def brat_name(name: str) -> str:
    """A tag, relation or annotator name as one brat token (reversible with unquote)."""
    out = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), name)
    if out in (ENTITY, ANNOTATOR):  # keep the reserved names free for their own use
        out = f"%{ord(out[0]):02X}{out[1:]}"
    return out


def _tsv(columns: tuple[str, ...], rows: list[list[str | None]]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(escape_line(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def export_brat(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    if path.exists() and not path.is_dir():
        raise ClaimWeaveError(f"{path} is a file; brat export writes a folder")
    path.mkdir(parents=True, exist_ok=True)
    stems = {d.id: file_stem(i, d.title) for i, d in enumerate(snap.documents)}
    tids: dict[str, str] = {}
    for doc in snap.documents:
        tids.update({c.id: f"T{n}" for n, c in enumerate(snap.claims_by_doc[doc.id], 1)})
    doc_of = {c.id: c.document_id for c in snap.claims}
    inside: dict[str, list] = {d.id: [] for d in snap.documents}
    cross: list[list[str | None]] = []
    for k in snap.links:
        a, b = doc_of[k.source], doc_of[k.target]
        if a == b:
            inside[a].append(k)
        else:
            cross.append([stems[a], tids[k.source], k.relation, stems[b], tids[k.target],
                          k.note, k.annotator])
    tick = Ticker(progress, len(snap.documents))
    files = []
    for doc in snap.documents:
        stem = stems[doc.id]
        with atomic_writer(path / f"{stem}.txt") as fh:
            fh.write(snap.texts[doc.id])
        with atomic_writer(path / f"{stem}.ann") as fh:
            fh.writelines(_ann_lines(snap, doc.id, tids, inside[doc.id]))
        files += [path / f"{stem}.txt", path / f"{stem}.ann"]
        tick.step()
    extras = {
        DOCUMENTS_FILE: _tsv(DOCUMENT_COLUMNS, [[stems[d.id], d.id, *(getattr(d, f) for f in
                                                DOC_FIELDS)] for d in snap.documents]),
        CROSS_LINKS_FILE: _tsv(CROSS_COLUMNS, cross),
        CONF_FILE: _conf(snap),
    }
    for name, text in extras.items():
        with atomic_writer(path / name) as fh:
            fh.write(text)
        files.append(path / name)
    return snap.summary(path, tuple(files))


def _ann_lines(snap: ProjectSnapshot, doc_id: str, tids: dict[str, str],
               links: list) -> Iterator[str]:
    attrs, notes = count(1), count(1)  # A and # lines are numbered across the whole file
    for c in snap.claims_by_doc[doc_id]:
        tid = tids[c.id]
        yield f"{tid}\t{ENTITY} {c.start} {c.end}\t{_flat(c.quote)}\n"
        for tag in c.tags:
            yield f"A{next(attrs)}\t{brat_name(tag)} {tid}\n"
        yield from _annotator_and_note(tid, c.annotator, c.note, attrs, notes)
    for n, k in enumerate(links, 1):
        yield f"R{n}\t{brat_name(k.relation)} Arg1:{tids[k.source]} Arg2:{tids[k.target]}\n"
        yield from _annotator_and_note(f"R{n}", k.annotator, k.note, attrs, notes)


def _annotator_and_note(target: str, annotator: str, note: str, attrs: Iterator[int],
                        notes: Iterator[int]) -> Iterator[str]:
    """The Annotator attribute and AnnotatorNotes line of a claim (T) or link (R) line.

    brat writes both the same way for either, so claims and links cannot drift apart.
    """
    if annotator:
        yield f"A{next(attrs)}\t{ANNOTATOR} {target} {brat_name(annotator)}\n"
    if note:
        yield f"#{next(notes)}\tAnnotatorNotes {target}\t{escape_line(note)}\n"


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ").replace("\r", " ")


def _conf(snap: ProjectSnapshot) -> str:
    annotators = sorted({c.annotator for c in snap.claims if c.annotator}
                        | {k.annotator for k in snap.links if k.annotator})
    lines = ["# Written by ClaimWeave: tags are binary attributes of Claim; names are",
             "# %-encoded where brat would split them.", "[entities]", ENTITY, "[relations]"]
    for r in snap.relations:
        sym = ", <REL-TYPE>:symmetric" if r.symmetric else ""
        lines.append(f"{brat_name(r.name)} Arg1:{ENTITY}, Arg2:{ENTITY}{sym}")
    lines += ["[events]", "[attributes]"]
    lines += [f"{brat_name(t.name)} Arg:{ENTITY}" for t in snap.tags]
    if annotators:
        lines.append(f"{ANNOTATOR} Arg:<ANY>, Value:" + "|".join(map(brat_name, annotators)))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- reading
@dataclass
class _Ann:
    claims: dict[str, BClaim]
    links: dict[str, BLink]


def read_brat(path: Path) -> Bundle:
    """Parse a brat folder (ours, or any brat corpus of .txt/.ann pairs) into a bundle."""
    if not path.is_dir():
        raise refuse(str(path), "a brat export is a folder of .txt and .ann files")
    bundle = Bundle(path.name)
    meta = {row["file"]: row for row in _read_tsv(path / DOCUMENTS_FILE, DOCUMENT_COLUMNS)}
    for txt in sorted(path.glob("*.txt")):
        stem = txt.stem
        text = decode_utf8(read_bytes(txt), str(txt))
        row = meta.get(stem, {})
        bundle.documents.append(BDocument(
            stem, text, str(txt), id=clean_id(row.get("id")), title=row.get("title") or stem,
            meta={f: row.get(f) or None for f in DOC_FIELDS if f != "title"}))
        ann = txt.with_suffix(".ann")
        if ann.exists():
            parsed = _read_ann(ann, stem, text)
            bundle.claims += parsed.claims.values()
            bundle.links += parsed.links.values()
    for n, row in enumerate(_read_tsv(path / CROSS_LINKS_FILE, CROSS_COLUMNS), 2):
        bundle.links.append(BLink(
            f"{row['source_file']}:{row['source']}", f"{row['target_file']}:{row['target']}",
            row["relation"] or "related", f"{path / CROSS_LINKS_FILE}, line {n}",
            note=row["note"], annotator=row["annotator"]))
    return bundle


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        return []
    lines = decode_utf8(read_bytes(path), str(path)).split("\n")
    header = lines[0].rstrip("\r").split("\t")
    if tuple(header[:len(columns)]) != columns:
        raise refuse(f"{path}, line 1", f"expected the columns {', '.join(columns)}")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.rstrip("\r").split("\t")
        if len(cells) < len(columns):
            raise refuse(f"{path}, line {n}", f"{len(cells)} cells, {len(columns)} expected")
        rows.append({c: unescape_line(v) for c, v in zip(columns, cells, strict=False)})
    return rows


def _read_ann(ann: Path, stem: str, text: str) -> _Ann:
    out = _Ann({}, {})
    lines = decode_utf8(read_bytes(ann), str(ann)).split("\n")
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        place = f"{ann}, line {n}"
        try:
            _read_line(line, place, stem, text, out)
        except (ValueError, IndexError, KeyError):
            raise refuse(place, f"not a brat standoff line: {line[:60]!r}") from None
    return out


def _read_line(line: str, place: str, stem: str, text: str, out: _Ann) -> None:
    ident, _, rest = line.partition("\t")
    kind = ident[:1]
    if kind == "T":
        head, _, covered = rest.partition("\t")
        label, _, spans = head.partition(" ")
        bounds = [tuple(map(int, s.split())) for s in spans.split(";")]
        start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if not 0 <= start < end <= len(text):
            raise refuse(place, f"span {start} {end} lies outside the text "
                         f"({len(text)} characters)")
        got = " ".join(text[s:e] for s, e in bounds)
        if " ".join(got.split()) != " ".join(covered.split()):
            raise refuse(place, f"the covered text {covered[:40]!r} differs from the text at "
                         f"those offsets: {got[:40]!r}")
        tags = [] if label == ENTITY else [unquote(label)]
        out.claims[ident] = BClaim(f"{stem}:{ident}", stem, start, end, place, tags=tags)
    elif kind in "AM":
        parts = rest.split()
        name, target = parts[0], parts[1]
        value = unquote(parts[2]) if len(parts) > 2 else None
        owner: BClaim | BLink = out.claims.get(target) or out.links[target]
        if name == ANNOTATOR and value is not None:
            owner.annotator = value
        elif isinstance(owner, BClaim):
            owner.tags.append(unquote(name) + (f"={value}" if value is not None else ""))
    elif kind == "R":
        label, arg1, arg2 = rest.split()
        source, target = arg1.split(":", 1)[1], arg2.split(":", 1)[1]
        out.links[ident] = BLink(f"{stem}:{source}", f"{stem}:{target}", unquote(label), place)
    elif kind == "*":
        label, *members = rest.split()
        for a, b in pairwise(members):
            out.links[f"*{a}-{b}"] = BLink(f"{stem}:{a}", f"{stem}:{b}", unquote(label), place)
    elif kind == "#":
        head, _, note = rest.partition("\t")
        target = head.split()[1]
        owner = out.claims.get(target) or out.links[target]
        owner.note = unescape_line(note)
    elif kind != "N":  # normalisations (links to knowledge bases) have no place here
        raise refuse(place, f"unsupported brat annotation {ident!r} (events are not supported)")
