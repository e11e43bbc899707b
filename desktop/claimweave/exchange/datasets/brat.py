"""brat standoff: a folder with <name>.txt and <name>.ann per document.

In each .ann: a T line per claim (type ``Claim``, code-point offsets, end exclusive; a claim
across a newline or tab is written as fragments ``s1 e1;s2 e2``, as brat itself does); tags
as binary attributes; the annotator as the ``Annotator`` attribute; notes as AnnotatorNotes;
links inside one document as R lines typed by the relation (``Arg1`` is the source). brat
has no place for a link between two documents, so those go to ``cross_links.tsv``, and
document metadata to ``documents.tsv``. ``annotation.conf`` declares every type, with an
``<OVERLAP>`` rule because claims nest; brat type names must match ``[A-Za-z0-9_-]``, so
names are written in a safe form (:mod:`.brat_conf`) and ``visual.conf`` gives the real
ones as labels, which the import reads back. Field by field in docs/exports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count, pairwise
from pathlib import Path
from urllib.parse import unquote

from ...core.errors import ClaimWeaveError
from ...core.store import Project
from ...core.wording import counted
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .brat_conf import ANNOTATOR, CONF_FILE, ENTITY, VISUAL_FILE, BratNames, read_labels
from .bundle import BClaim, BDocument, BLink, Bundle, clean_id, refuse
from .files import atomic_writer
from .records import DOC_FIELDS, escape_line, file_stem, unescape_line
from .safety import check_inside, decode_utf8, read_bytes

DOCUMENTS_FILE = "documents.tsv"
CROSS_LINKS_FILE = "cross_links.tsv"
DOCUMENT_COLUMNS = ("file", "id", *DOC_FIELDS)
CROSS_COLUMNS = ("source_file", "source", "relation", "target_file", "target", "note",
                 "annotator")
_BREAKS = re.compile("[\n\t\r]")


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
    names = BratNames.of(snap)
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
        text = snap.text(doc.id)
        # Two files per document: not waiting for the disk after each (see atomic_write).
        with atomic_writer(path / f"{stem}.txt", sync=False) as fh:
            fh.write(text)
        with atomic_writer(path / f"{stem}.ann", sync=False) as fh:
            fh.writelines(_ann_lines(snap, doc.id, text, tids, inside[doc.id], names))
        files += [path / f"{stem}.txt", path / f"{stem}.ann"]
        tick.step()
    extras = {
        DOCUMENTS_FILE: _tsv(DOCUMENT_COLUMNS, [[stems[d.id], d.id, *(getattr(d, f) for f in
                                                DOC_FIELDS)] for d in snap.documents]),
        CROSS_LINKS_FILE: _tsv(CROSS_COLUMNS, cross),
        CONF_FILE: names.annotation_conf(snap),
        VISUAL_FILE: names.visual_conf(snap),
    }
    for name, text in extras.items():
        with atomic_writer(path / name) as fh:
            fh.write(text)
        files.append(path / name)
    return snap.summary(path, tuple(files))


def _ann_lines(snap: ProjectSnapshot, doc_id: str, text: str, tids: dict[str, str],
               links: list, names: BratNames) -> Iterator[str]:
    attrs, notes = count(1), count(1)  # A and # lines are numbered across the whole file
    for c in snap.claims_by_doc[doc_id]:
        tid = tids[c.id]
        pieces = fragments(text, c.start, c.end)
        spans = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(text[s:e] for s, e in pieces)
        if not pieces:  # only newlines and tabs: one span, its text on one line
            spans, covered = f"{c.start} {c.end}", " " * (c.end - c.start)
        yield f"{tid}\t{ENTITY} {spans}\t{covered}\n"
        for tag in c.tags:
            yield f"A{next(attrs)}\t{names.tag(tag)} {tid}\n"
        yield from _annotator_and_note(tid, c.annotator, c.note, attrs, notes, names)
    for n, k in enumerate(links, 1):
        yield (f"R{n}\t{names.relation(k.relation)} Arg1:{tids[k.source]} "
               f"Arg2:{tids[k.target]}\n")
        yield from _annotator_and_note(f"R{n}", k.annotator, k.note, attrs, notes, names)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at newlines and tabs, as brat writes a span that crosses them.

    brat checks the covered text, which is one line, against the .txt; a claim made only of
    such characters has no fragment (empty list).
    """
    out, s = [], start
    for m in _BREAKS.finditer(text, start, end):
        i = m.start()
        if s < i:
            out.append((s, i))
        s = i + 1
    if s < end:
        out.append((s, end))
    return out


def _annotator_and_note(target: str, annotator: str, note: str, attrs: Iterator[int],
                        notes: Iterator[int], names: BratNames) -> Iterator[str]:
    """The Annotator attribute and AnnotatorNotes line of a claim (T) or link (R) line.

    brat writes both the same way for either, so claims and links cannot drift apart.
    """
    if annotator:
        yield f"A{next(attrs)}\t{ANNOTATOR} {target} {names.annotator(annotator)}\n"
    if note:
        yield f"#{next(notes)}\tAnnotatorNotes {target}\t{escape_line(note)}\n"


# ---------------------------------------------------------------------- reading
@dataclass
class _Ann:
    labels: dict[str, str]  # safe type name -> the name it stands for (visual.conf)
    claims: dict[str, BClaim] = field(default_factory=dict)
    links: dict[str, BLink] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)  # skipped id -> its type

    def name(self, token: str) -> str:
        """A type, attribute or value name as the user wrote it."""
        return self.labels.get(token) or unquote(token)


def read_brat(path: Path) -> Bundle:
    """Parse a brat folder (ours, or any brat corpus of .txt/.ann pairs) into a bundle.

    Events have no place in ClaimWeave: each file's events are skipped with a warning that
    names them, and the rest of the corpus comes in.
    """
    if not path.is_dir():
        raise refuse(str(path), "a brat export is a folder of .txt and .ann files")
    for member in path.iterdir():
        check_inside(path, member)
    bundle = Bundle(path.name)
    labels = read_labels(path / VISUAL_FILE)
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
            parsed = _read_ann(ann, stem, text, _Ann(labels))
            bundle.claims += parsed.claims.values()
            bundle.links += parsed.links.values()
            if parsed.events:
                listed = ", ".join(f"{k} ({v})" for k, v in list(parsed.events.items())[:10])
                more = len(parsed.events) - 10
                bundle.warnings.append(
                    f"{ann}: {counted(len(parsed.events), 'event')} skipped, with the "
                    f"attributes, notes and relations on them (ClaimWeave has no events): {listed}"
                    + (f" and {more} more" if more > 0 else ""))
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


def _read_ann(ann: Path, stem: str, text: str, out: _Ann) -> _Ann:
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
        tags = [] if label == ENTITY else [out.name(label)]
        out.claims[ident] = BClaim(f"{stem}:{ident}", stem, start, end, place, tags=tags)
    elif kind == "E":
        out.events[ident] = rest.split()[0].split(":")[0]
    elif kind in "AM":
        parts = rest.split()
        name, target = parts[0], parts[1]
        if target in out.events:
            return
        value = out.name(parts[2]) if len(parts) > 2 else None
        owner: BClaim | BLink = out.claims.get(target) or out.links[target]
        if name == ANNOTATOR and value is not None:
            owner.annotator = value
        elif isinstance(owner, BClaim):
            owner.tags.append(out.name(name) + (f"={value}" if value is not None else ""))
    elif kind == "R":
        label, arg1, arg2 = rest.split()
        source, target = arg1.split(":", 1)[1], arg2.split(":", 1)[1]
        if source in out.events or target in out.events:
            return
        out.links[ident] = BLink(f"{stem}:{source}", f"{stem}:{target}", out.name(label),
                                 place)
    elif kind == "*":
        label, *members = rest.split()
        for a, b in pairwise(members):
            out.links[f"*{a}-{b}"] = BLink(f"{stem}:{a}", f"{stem}:{b}", out.name(label), place)
    elif kind == "#":
        head, _, note = rest.partition("\t")
        target = head.split()[1]
        if target in out.events:
            return
        owner = out.claims.get(target) or out.links[target]
        owner.note = unescape_line(note)
    elif kind != "N":  # normalisations (links to knowledge bases) have no place here
        raise refuse(place, f"unsupported brat annotation {ident!r}")
