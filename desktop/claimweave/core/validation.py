"""Checks and small text helpers shared by the repositories."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import InvalidOperationError
from .text import normalise_text

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DOC_META = ("title", "author", "outlet", "published", "url", "language")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def where_in(column: str, values: Iterable[Any], where: list[str], args: list[Any]) -> bool:
    """Add ``column IN (?, ...)`` for *values* to a query being built; False (nothing
    added) when there are no values, so the caller can answer with no rows at once."""
    wanted = list(values)
    if not wanted:
        return False
    where.append(f"{column} IN ({', '.join('?' * len(wanted))})")
    args.extend(wanted)
    return True


def clean_name(name: str, what: str) -> str:
    name = normalise_text(name or "").strip()
    if not name:
        raise InvalidOperationError(f"a {what} needs a name")
    if "\n" in name:
        raise InvalidOperationError(f"a {what} name must be one line")
    return name


def check_color(color: str) -> str:
    if not _COLOR.match(color or ""):
        raise InvalidOperationError(f"colour {color!r} is not of the form #RRGGBB")
    return color.lower()


def check_date(value: str) -> None:
    if not _DATE.match(value):
        raise InvalidOperationError(f"date {value!r} is not of the form YYYY-MM-DD")


def title_from(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return clip(first, 80)


def clip(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def first_term(text: str, terms: list[str]) -> int | None:
    i = text.casefold().find(terms[0].casefold())
    # casefold can change lengths (ß -> ss); only trust the position when it cannot have.
    return i if i >= 0 and len(text.casefold()) == len(text) else None
