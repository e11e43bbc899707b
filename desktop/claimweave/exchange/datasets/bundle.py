"""What an importer reads from a file, before any of it touches the project.

Every importer parses its format into a :class:`Bundle` of plain records; one function
(:func:`~claimweave.exchange.datasets.ingest.apply_bundle`) then matches and writes them in
one transaction. So matching, idempotence and conflict rules are the same for every format
and for merging projects. Each record carries ``place`` (file and line, member or element)
so an error names where the bad data is.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from ...core.errors import ImportRefusedError

_UUID_TEXT = re.compile(
    r"^(urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
    r"[0-9a-fA-F]{12}\}?$")


def clean_id(value: object) -> str | None:
    """The canonical lowercase UUID in *value* (``urn:uuid:`` and braces allowed), else None.

    Other tools write GUIDs in upper case or with braces; the project keeps one spelling so
    a second import finds what the first one stored.
    """
    if not isinstance(value, str) or not _UUID_TEXT.match(value.strip()):
        return None
    text = value.strip().removeprefix("urn:uuid:").strip("{}")
    return str(uuid.UUID(text))


@dataclass(slots=True)
class BDocument:
    key: str
    text: str
    place: str
    id: str | None = None
    title: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    # the source card (kind, reliability, reason, note) and its attributes, where carried
    card: dict[str, object] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class BTag:
    name: str
    place: str
    id: str | None = None
    color: str | None = None
    parent: str | None = None  # the parent's name
    description: str = ""


@dataclass(slots=True)
class BRelation:
    name: str
    place: str
    id: str | None = None
    color: str | None = None
    polarity: int | None = None
    symmetric: bool | None = None


@dataclass(slots=True)
class BClaim:
    key: str
    doc: str  # a BDocument key
    start: int
    end: int
    place: str
    id: str | None = None
    quote: str | None = None
    note: str = ""
    annotator: str = ""
    tags: list[str] = field(default_factory=list)  # names
    claimant: str | None = None  # who asserts it; None: the document's author


@dataclass(slots=True)
class BLink:
    source: str  # BClaim keys
    target: str
    relation: str  # name
    place: str
    id: str | None = None
    note: str = ""
    annotator: str = ""


@dataclass(slots=True)
class Bundle:
    """Documents, codebook, claims and links read from one file (or one project)."""

    origin: str
    documents: list[BDocument] = field(default_factory=list)
    tags: list[BTag] = field(default_factory=list)
    relations: list[BRelation] = field(default_factory=list)
    claims: list[BClaim] = field(default_factory=list)
    links: list[BLink] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read (position unit)
    warnings: list[str] = field(default_factory=list)  # what was skipped or looks wrong


def refuse(place: str, message: str) -> ImportRefusedError:
    """The error for malformed input: names the place first, then what is wrong."""
    return ImportRefusedError(f"{place}: {message}")


def as_int(value: object, place: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise refuse(place, f"{what} must be a whole number, not {value!r}")
    return value


def as_str(value: object, place: str, what: str, *, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise refuse(place, f"{what} must be text, not {type(value).__name__}")
    return value
