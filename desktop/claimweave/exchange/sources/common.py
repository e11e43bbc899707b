"""Small helpers every format reader shares: refusals, quiet libraries, tidy metadata."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from ...core.errors import ImportRefusedError

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

MAX_TEXT_CHARS = 50 * 1024 * 1024
"""The article limit (50 MB) applied to text extracted from a PDF or a Word file."""
READ_SECONDS = 15.0
"""How long extracting one file's text may take: a hostile file must not run for minutes,
and every import must answer within 30 seconds (the last step may overrun a little)."""


def refuse(path: Path, why: str) -> NoReturn:
    """Raise the one error the importer expects; the message always starts with the file."""
    raise ImportRefusedError(f"{path}: {why}")


class Budget:
    """Time and text limits for extracting one file, checked as the extraction goes.

    Parsers cannot be interrupted from outside, so readers call :meth:`tick` between the
    steps they control (pages, paragraphs, operators) and :meth:`add` for text they keep.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path, self.what = path, what
        self.seconds, self.chars = READ_SECONDS, MAX_TEXT_CHARS
        self.deadline = time.monotonic() + self.seconds
        self.used = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            refuse(self.path, f"reading the {self.what} took longer than the limit of "
                              f"{self.seconds:g} seconds; it is damaged or built to keep the "
                              "importer busy")

    def add(self, count: int) -> None:
        self.used += count
        if self.used > self.chars:
            refuse(self.path, f"the {self.what}'s text is larger than the limit of "
                              f"{self.chars / (1024 * 1024):g} MB for one article")


def as_text(name: str) -> str:
    """A file name as storable text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD, since the project holds only valid UTF-8."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def describe(exc: BaseException) -> str:
    """'TypeName: message', short, for refusals caused by a library's exception."""
    message = " ".join(str(exc).split())
    if len(message) > 160:
        message = message[:159] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


@contextmanager
def quiet(*logger_names: str) -> Iterator[None]:
    """Silence parser libraries while they read untrusted files.

    pypdf and trafilatura log (and sometimes warn) about every oddity of a file; on the
    command line that would bury our own messages, and the user cannot act on them anyway.
    """
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def clean_field(value: object, limit: int = 500) -> str | None:
    """One line of metadata: NFC, whitespace collapsed, None when empty."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD from a date, a datetime or a string starting with one; else None."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d") if value.year >= 1000 else None
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def language_tag(value: object) -> str | None:
    """'en-US' -> 'en': the primary subtag is what chooses a language model."""
    text = clean_field(value, 35)
    if not text:
        return None
    primary = re.split(r"[-_]", text)[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else None
