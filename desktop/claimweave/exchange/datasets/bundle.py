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
from operator import attrgetter
from typing import Any

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
    # set by check_bundle once every value passed, so reading and applying check it once
    checked: bool = field(default=False, repr=False, compare=False)


def refuse(place: str, message: str) -> ImportRefusedError:
    """The error for malformed input: names the place first, then what is wrong."""
    return ImportRefusedError(f"{place}: {message}")


MAX_OFFSET = 2**53  # far beyond any text; also what JSON readers elsewhere keep exactly
_DIGITS = re.compile(r"[+-]?[0-9]{1,16}")


def as_int(value: object, place: str, what: str) -> int:
    """A whole number from a file: an int, or a string of ASCII digits ('²' and Arabic-Indic
    digits are not offsets, though Python's int() would take some of them)."""
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 16:
        value = int(value)  # the common case (an XML attribute), without the expression
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
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

    The common case is made cheap: a bundle that passed is marked and not checked again
    (reading a file and applying it both ask), and text, whole-number and name-list fields
    are read with one getter per record kind, checked for their type, and their texts
    searched for surrogates once per record, joined; any other field, and every field of a
    record that fails, goes through the general check, which names the field."""
    if bundle.checked:
        return
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
    bundle.checked = True


def _getter(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """The values of *names* of a record, always as a tuple (attrgetter of one name is not)."""
    if not names:
        return lambda _record: ()
    get = attrgetter(*names)
    if len(names) == 1:
        return lambda record: (get(record),)
    return get


@dataclass(frozen=True)
class _Plan:
    texts: Callable[[object], tuple[Any, ...]]  # the str fields' values
    required: tuple[int, ...]  # which of them may not be None
    ints: Callable[[object], tuple[Any, ...]]
    names: Callable[[object], tuple[Any, ...]]  # list[str] fields
    others: tuple[tuple[str, str], ...]  # (name, declared type)


def _plan(cls: type) -> _Plan:
    texts: list[str] = []
    required: list[int] = []
    ints: list[str] = []
    names: list[str] = []
    others: list[tuple[str, str]] = []
    for f in fields(cls):
        declared = str(f.type)
        if f.name == "place":
            continue
        if declared in ("str", "str | None"):
            if declared == "str":
                required.append(len(texts))
            texts.append(f.name)
        elif declared == "int":
            ints.append(f.name)
        elif declared == "list[str]":
            names.append(f.name)
        else:
            others.append((f.name, declared))
    return _Plan(_getter(texts), tuple(required), _getter(ints), _getter(names),
                 tuple(others))


def _plain(record: object, plan: _Plan) -> bool:
    """Whether the text, number and name-list fields of *record* are all well formed."""
    texts = plan.texts(record)
    for i in plan.required:
        if texts[i] is None:
            return False
    for value in plan.ints(record):
        if not isinstance(value, int) or isinstance(value, bool):
            return False
    parts = [v for v in texts if v is not None]
    for value in plan.names(record):
        if not isinstance(value, list):
            return False
        parts += value
    try:  # join takes only text (str and its subclasses): any other value fails here
        joined = "\0".join(parts)
    except TypeError:
        return False
    return not _SURROGATES.search(joined)


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
