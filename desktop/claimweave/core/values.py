"""The forms of the values the project stores: checked on the way in, trusted on the way out
only after checking again.

Another tool can write anything into the file, so a colour read back is not known to be
a colour: ``'red;}</style><script>...'`` in a tag's colour went raw into the HTML report.
Writers refuse bad values (:func:`check_color`, :func:`check_date`); readers that place a
value in HTML, SVG, CSS or a Qt style sheet pass it through :func:`css_color`; ``claimweave
check`` lists the stored values that fail (:func:`bad_values`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from typing import TypeGuard

from .errors import InvalidOperationError

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z?")
FALLBACK_COLOR = "#9aa0a8"
"""Shown instead of a stored colour that is not ``#rrggbb``."""


def is_color(value: object) -> TypeGuard[str]:
    """``#rrggbb`` exactly (``fullmatch``: a trailing newline is not accepted)."""
    return isinstance(value, str) and _COLOR.fullmatch(value) is not None


def css_color(value: object, fallback: str = FALLBACK_COLOR) -> str:
    """*value* if it is ``#rrggbb``, else *fallback*: safe inside any attribute or style."""
    return value.lower() if isinstance(value, str) and is_color(value) else fallback


def check_color(color: str) -> str:
    """The colour, lower-cased; InvalidOperationError unless it is ``#rrggbb``."""
    if not is_color(color):
        raise InvalidOperationError(f"colour {color!r} is not of the form #RRGGBB")
    return color.lower()


def is_date(value: object) -> bool:
    """A real calendar date written YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits only)."""
    if not isinstance(value, str):
        return False
    m = _DATE.fullmatch(value)
    if m is None:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def check_date(value: str) -> None:
    """InvalidOperationError unless *value* is a real date (2024-02-30 is not)."""
    if not is_date(value):
        raise InvalidOperationError(
            f"date {value!r} is not a real date of the form YYYY-MM-DD (or YYYY-MM, YYYY)")


def is_timestamp(value: object) -> bool:
    """The form the program stores times in: ISO 8601, UTC (``2025-03-01T09:30:00.000Z``)."""
    if not isinstance(value, str) or _STAMP.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value.removesuffix("Z"))
    except ValueError:
        return False
    return True


# table -> (key column, colour columns, date columns, timestamp columns)
_RULES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "tags": ("id", ("color",), (), ("created_at", "updated_at")),
    "relation_types": ("id", ("color",), (), ("created_at", "updated_at")),
    "documents": ("id", (), ("published",), ("imported_at", "updated_at")),
    "claims": ("id", (), (), ("created_at", "updated_at")),
    "links": ("id", (), (), ("created_at", "updated_at")),
}


def bad_values(con: sqlite3.Connection) -> Iterator[tuple[str, str, str, object, str]]:
    """(table, row id, column, value, what it should be) for each stored value of the
    wrong form: colours, publication dates, timestamps."""
    for table, (key, colors, dates, stamps) in _RULES.items():
        columns = [*colors, *dates, *stamps]
        rows = con.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}")
        for row_id, *values in rows:
            for column, value in zip(columns, values, strict=True):
                if column in colors and not is_color(value):
                    yield table, row_id, column, value, "a colour #rrggbb"
                elif column in dates and value is not None and not is_date(value):
                    yield table, row_id, column, value, "a date YYYY-MM-DD"
                elif column in stamps and not is_timestamp(value):
                    yield table, row_id, column, value, "a UTC time YYYY-MM-DDTHH:MM:SSZ"
