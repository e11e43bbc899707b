"""Record shapes shared by several formats, so a field is spelled the same everywhere."""

from __future__ import annotations

import re
from typing import Any

from ...core.model import Claim, Document
from .bundle import refuse

DOC_FIELDS = ("title", "author", "outlet", "published", "url", "language", "source_file")
"""Document metadata carried by the formats that have room for it, in this order."""


def doc_meta(doc: Document) -> dict[str, Any]:
    """A document's id and metadata (not its text)."""
    return {"id": doc.id, **{f: getattr(doc, f) for f in DOC_FIELDS}}


CARD_FIELDS = ("kind", "reliability", "reason", "note")
"""The source card of a document, beside its ``attributes`` (core/sources_repo.py)."""


def card_record(doc: Document) -> dict[str, Any]:
    """A document's source card as the JSON formats write it."""
    return {**{f: getattr(doc, f) for f in CARD_FIELDS}, "attributes": dict(doc.attributes)}


def read_card(record: dict[str, Any], place: str) -> tuple[dict[str, object], dict[str, str]]:
    """The source card and attributes of a record read back (only the fields present)."""
    card = {f: record[f] for f in CARD_FIELDS if record.get(f) not in (None, "")}
    for name, value in card.items():
        want = int if name == "reliability" else str
        if isinstance(value, bool) or not isinstance(value, want):
            raise refuse(place, f"{name} must be {'a whole number' if want is int else 'text'},"
                         f" not {type(value).__name__}")
    attributes = record.get("attributes") or {}
    if not isinstance(attributes, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in attributes.items()):
        raise refuse(place, "attributes must be an object of names to text values")
    return card, dict(attributes)


def claim_record(c: Claim) -> dict[str, Any]:
    """A claim as the JSON formats write it: code-point offsets, end exclusive."""
    return {
        "id": c.id, "start": c.start, "end": c.end, "quote": c.quote, "prefix": c.prefix,
        "suffix": c.suffix, "tags": list(c.tags), "note": c.note, "annotator": c.annotator,
        "created_at": c.created_at, "claimant": c.claimant,
    }


def bundle_meta(record: dict[str, Any]) -> dict[str, str | None]:
    """The metadata fields (except title) of a record read back from a file."""
    return {f: record.get(f) for f in DOC_FIELDS if f != "title"}


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def escape_line(value: str | None) -> str:
    """One-line form of a text for tab-separated files: backslash, newline, tab, CR escaped."""
    if not value:
        return ""
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def unescape_line(value: str) -> str:
    """The inverse of :func:`escape_line`; an unknown escape is kept as written."""
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value) and value[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[value[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def file_stem(position: int, title: str) -> str:
    """A portable, unique file name stem for the document at *position*."""
    slug = re.sub(r"[^\w.-]+", "_", title, flags=re.UNICODE).strip("._")[:40]
    return f"{position + 1:04d}-{slug or 'document'}"
