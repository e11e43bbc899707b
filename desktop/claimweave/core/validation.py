"""Checks and small text helpers shared by the repositories."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .errors import InvalidOperationError
from .text import normalise_text
from .values import check_color as check_color  # one definition of each form: values.py
from .values import check_date as check_date

DOC_META = ("title", "author", "outlet", "published", "url", "language")
MANY_VALUES = 500  # beyond this many, where_in passes its values as one JSON array
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def where_in(column: str, values: Iterable[Any], where: list[str], args: list[Any]) -> bool:
    """Add ``column IN (?, ...)`` for *values* to a query being built; False (nothing
    added) when there are no values, so the caller can answer with no rows at once."""
    wanted = list(values)
    if not wanted:
        return False
    if len(wanted) > MANY_VALUES:  # one JSON parameter: no limit on SQLite's variables
        where.append(f"{column} IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(wanted))
        return True
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
