"""Dispatch a file to the reader for its kind, after the checks every file gets.

The kind comes from the extension, except that content wins when it is unmistakable (a PDF
or a Word package saved under another name). Every failure, including a parser crashing
on a hostile file, becomes an ImportRefusedError naming the file, so one bad file in a
batch never stops the others.
"""

from __future__ import annotations

import importlib
import logging
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ...core.errors import ImportRefusedError
from ...core.text import normalise_text
from ...core.wording import counted
from . import SourceText
from .common import clean_field, describe, refuse
from .junk import junk_warnings

MAX_BYTES = 50 * 1024 * 1024
log = logging.getLogger(__name__)

Reader = Callable[[Path, bytes], SourceText]
# kind -> (what to call it, module, function). Modules load on first use: trafilatura, pypdf
# and python-docx together cost half a second that commands which import nothing should not pay.
READERS: dict[str, tuple[str, str, str]] = {
    "text": ("text", "text", "read_plain"),
    "markdown": ("Markdown", "text", "read_markdown"),
    "html": ("a web page", "html", "read_html"),
    "pdf": ("a PDF", "pdf", "read_pdf"),
    "docx": ("a Word document", "docx", "read_docx"),
}
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}
UNSUPPORTED = {
    ".doc": "old-style Word documents (.doc) cannot be imported; save it as .docx",
    ".odt": "OpenDocument files cannot be imported; save it as .docx or .pdf",
    ".rtf": "RTF files cannot be imported; save it as .docx or .txt",
}
# Annotations (an export of ClaimWeave, Label Studio or doccano) are JSON: read as an
# article, a .json became a document titled '"documents": ['. They have their own command.
ANNOTATIONS = ("is JSON, not an article: import its annotations with `claimweave "
               "import-annotations PROJECT FILE --format jsonl` (or labelstudio, doccano), "
               "or in the window with File > Import Annotations…")
UNSUPPORTED.update(dict.fromkeys((".json", ".jsonl", ".jsonld", ".ndjson"), ANNOTATIONS))


def read_source(path: Path) -> SourceText:
    """Read one file into normalised text plus metadata, or refuse it with a reason."""
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        refuse(path, UNSUPPORTED[suffix])
    kind, notes = _kind(path, suffix, data)
    label, module, function = READERS[kind]
    reader: Reader = getattr(importlib.import_module(f".{module}", __package__), function)
    try:
        source = reader(path, data)
    except ImportRefusedError as exc:
        if suffix in EXTENSIONS or kind != "text":
            raise
        why = str(exc).removeprefix(f"{path}: ")
        refuse(path, f"has an unknown file type ({suffix or 'no extension'}) and is not "
                     f"readable as text: {why}")
    except Exception as exc:  # a parser crashing on a hostile file is still just a bad file
        log.info("reading %s as %s failed", path, kind, exc_info=True)
        refuse(path, f"could not be read as {label} ({describe(exc)})")
    return _finish(path, source, notes, kind)


def _read_bytes(path: Path) -> bytes:
    """Checks that need no content first: the size is known before anything is read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        refuse(path, "no such file")
    except OSError as exc:
        refuse(path, f"cannot be read ({exc.strerror or exc})")
    if stat.S_ISDIR(info.st_mode):
        refuse(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        refuse(path, "is not a regular file (a device, pipe or socket)")
    if info.st_size == 0:
        refuse(path, "the file is empty")
    if info.st_size > MAX_BYTES:
        refuse(path, f"the file is too large ({info.st_size / 1e6:,.0f} MB; the limit is 50 MB)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        refuse(path, f"cannot be read ({exc.strerror or exc})")
    if len(data) > MAX_BYTES:
        refuse(path, "the file is too large (over the limit of 50 MB)")
    if not data:
        refuse(path, "the file is empty")
    return data


def _kind(path: Path, suffix: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The reader to use, and a note when the content contradicts the file's name."""
    sniffed = _sniff(data)
    named = EXTENSIONS.get(suffix)
    if named is None:
        return sniffed or "text", ()
    if sniffed in ("pdf", "docx") and named in ("text", "markdown", "html"):
        return sniffed, (f"the file is {READERS[sniffed][0]} although its name ends in "
                         f"{suffix}",)
    if sniffed == "html" and named in ("text", "markdown"):
        return named, ("the file holds a web page's HTML and was imported as it is; rename it "
                       "to .html to import only the article text",)
    return named, ()


def _sniff(data: bytes) -> str | None:
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _finish(path: Path, source: SourceText, notes: tuple[str, ...], kind: str) -> SourceText:
    """Normalise (design.md §4) and make the last checks every format shares."""
    text = normalise_text(source.text)
    if not text.strip():
        refuse(path, "holds only whitespace, no text")
    _check_plausible(path, text)
    return replace(
        source, text=text, title=clean_field(source.title), author=clean_field(source.author),
        outlet=clean_field(source.outlet), url=clean_field(source.url, 2000),
        warnings=notes + source.warnings + _replacement_warning(text)
        + junk_warnings(text, kind))


def _check_plausible(path: Path, text: str) -> None:
    """Control characters in bulk mean binary data or a broken text layer, not an article."""
    sample = text[:100_000]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\x0b\x0c\x1b")
    if bad > max(2, len(sample) // 50):
        refuse(path, f"does not hold readable text ({bad} control characters in the first "
                     f"{len(sample):,}); binary data or a damaged file?")


def _replacement_warning(text: str) -> tuple[str, ...]:
    count = text.count("\ufffd")
    if not count:
        return ()
    return (f"the text holds {counted(count, 'replacement character')} (\ufffd): some "
            "characters were lost before the file reached ClaimWeave",)
