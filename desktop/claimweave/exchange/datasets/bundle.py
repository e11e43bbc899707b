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
from collections.abc import Callable
from dataclasses import dataclass, field, fields

from ...core.errors import ImportRefusedError

_UUID_TEXT = re.compile(
    r"^(urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
    r"[0-9a-fA-F]{12}\}?$")


def clean_id(value: object) -> str | None:
    """The canonical lowercase UUID in *value* (``urn:uuid:`` and braces allowed), else None.

    Other tools write GUIDs in upper case or with braces; the project keeps one spelling so
    a second import finds what the first one stored.
    """
    if not isinstance(value, str):
        return None
    if _CANONICAL.match(value):  # what ClaimWeave writes: already in the one spelling
        return value
    if not _UUID_TEXT.match(value.strip()):
        return None
    text = value.strip().removeprefix("urn:uuid:").strip("{}")
    return str(uuid.UUID(text))


_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


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
    # who asserts claims, with the other names they go by: (name, aliases, place)
    claimants: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read (position unit)
    warnings: list[str] = field(default_factory=list)  # what was skipped or looks wrong


def refuse(place: str, message: str) -> ImportRefusedError:
    """The error for malformed input: names the place first, then what is wrong."""
    return ImportRefusedError(f"{place}: {message}")


MAX_OFFSET = 2**53  # far beyond any text; also what JSON readers elsewhere keep exactly
_DIGITS = re.compile(r"[+-]?[0-9]{1,16}")


def as_int(value: object, place: str, what: str) -> int:
    """A whole number from a file: an int, or a string of ASCII digits ('²' and Arabic-Indic
    digits are not offsets, though Python's int() would take some of them)."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
        raise refuse(place, f"{what} must be a whole number, not {shown}")
    if abs(value) > MAX_OFFSET:
        raise refuse(place, f"{what} is out of range ({len(str(abs(value)))} digits)")
    return value


def as_str(value: object, place: str, what: str, *, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise refuse(place, f"{what} must be text, not {type(value).__name__}")
    return value


_SURROGATES = re.compile("[\ud800-\udfff]")
_RECORDS = ("documents", "tags", "relations", "claims", "links")


def check_bundle(bundle: Bundle) -> None:
    """Every value read from a file has the type its record declares, and every text is
    valid Unicode (no lone surrogates, which JSON's \\ud800 escapes can make): the first
    one that is not is refused with its place, before anything is written.

    The common case is made cheap (it ran twice per import, a third of importing 100,000
    claims): text, whole-number and name-list fields are checked for their type here and
    their texts searched for surrogates once per record, joined; any other field, and every
    field of a record that fails, goes through the general check, which names the field."""
    for kind in _RECORDS:
        plans: dict[type, _Plan] = {}
        for record in getattr(bundle, kind):
            cls = type(record)
            if cls not in plans:
                plans[cls] = _plan(cls)
            plan = plans[cls]
            if _plain(record, plan):
                for name, declared in plan.others:
                    _check_value(getattr(record, name), declared, record.place, name)
                continue
            for f in fields(record):
                if f.name != "place":
                    _check_value(getattr(record, f.name), str(f.type), record.place, f.name)


@dataclass(frozen=True)
class _Plan:
    texts: tuple[tuple[str, bool], ...]  # str fields: (name, None allowed)
    ints: tuple[str, ...]
    names: tuple[str, ...]  # list[str] fields
    others: tuple[tuple[str, str], ...]  # (name, declared type)


def _plan(cls: type) -> _Plan:
    texts, ints, names, others = [], [], [], []
    for f in fields(cls):
        declared = str(f.type)
        if f.name == "place":
            continue
        if declared in ("str", "str | None"):
            texts.append((f.name, declared != "str"))
        elif declared == "int":
            ints.append(f.name)
        elif declared == "list[str]":
            names.append(f.name)
        else:
            others.append((f.name, declared))
    return _Plan(tuple(texts), tuple(ints), tuple(names), tuple(others))


def _plain(record: object, plan: _Plan) -> bool:
    """Whether the text, number and name-list fields of *record* are all well formed."""
    parts: list[str] = []
    for name, optional in plan.texts:
        value = getattr(record, name)
        if isinstance(value, str):
            parts.append(value)
        elif value is not None or not optional:
            return False
    for name in plan.ints:
        value = getattr(record, name)
        if not isinstance(value, int) or isinstance(value, bool):
            return False
    for name in plan.names:
        value = getattr(record, name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return False
        parts.extend(value)
    return not _SURROGATES.search("\0".join(parts))


def _check_value(value: object, declared: str, place: str, name: str) -> None:
    if value is None and declared.endswith("| None"):
        return
    base = declared.removesuffix(" | None")
    if base.startswith("dict[str, "):  # metadata and the like: each field named on its own
        if not isinstance(value, dict):
            raise refuse(place, f"{name} must be an object, not {type(value).__name__}")
        for key, item in value.items():
            _check_value(item, base[len("dict[str, "):-1], place, str(key))
        return
    check = _CHECKS.get(base)
    if check is not None and not check(value):
        raise refuse(place, f"{name} must be {_SHOWN.get(base, base)}, not "
                     f"{type(value).__name__}")
    _check_texts(value, place, name)


def _check_texts(value: object, place: str, name: str) -> None:
    """Every string in *value*, however nested (walked with a stack), is valid Unicode."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if bad := _SURROGATES.search(item):
                raise refuse(place, f"{name} holds a lone surrogate (\\u{ord(bad.group()):04x}),"
                             " which is not a character; the file is damaged")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


_CHECKS: dict[str, Callable[[object], bool]] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
}
_SHOWN = {"str": "text", "int": "a whole number", "bool": "true or false",
          "list[str]": "a list of names"}
