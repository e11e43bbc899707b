"""PDF: the text layer, page by page, with pypdf. Scans without OCR have none to give.

A PDF can be built to make a reader work for hours: a small compressed stream that inflates
to hundreds of MB of drawing instructions, or a page of a million text operators (pypdf's
cost grows faster than linearly with the text operators on one page: 1.4 MB of them took
2.4 s, 4.2 MB 27 s, measured with pypdf 7.1). So every stream inflates to at most
MAX_STREAM_BYTES, a page runs at most MAX_TEXT_OPERATORS text operators, and the whole
file has a time limit and the article's text limit (common.Budget). A page over a limit is
skipped with a warning that names it; a file with no page left is refused.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from ...core.errors import ImportRefusedError
from . import SourceText
from .common import Budget, clean_field, describe, language_tag, quiet, refuse

MAX_STREAM_BYTES = 8 * 1024 * 1024  # one stream, inflated; a dense real page needs < 1 MB
MAX_TEXT_OPERATORS = 50_000  # per page; a dense real page has a few thousand
_TEXT_OPERATORS = frozenset((b"Tj", b"TJ", b"'", b'"'))

_JUNK_TITLES = ("untitled", "microsoft word - ", "microsoft powerpoint - ")
_FILE_SUFFIXES = (".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".txt", ".html", ".htm")


class _PageOverLimit(Exception):
    """A page needs more work than MAX_TEXT_OPERATORS allows."""


@contextmanager
def _limits() -> Iterator[None]:
    """pypdf's own decompression limits, tightened from its 75 MB defaults."""
    with apply_configuration(
            zlib_maximum_output_length=MAX_STREAM_BYTES,
            lzw_maximum_output_length=MAX_STREAM_BYTES,
            run_length_maximum_output_length=MAX_STREAM_BYTES,
            brotli_maximum_output_length=MAX_STREAM_BYTES,
            array_based_stream_maximum_output_length=MAX_STREAM_BYTES):
        yield


def read_pdf(path: Path, data: bytes) -> SourceText:
    if b"%PDF-" not in data[:1024]:
        refuse(path, "is not a PDF file (it has no PDF header)")
    with quiet("pypdf"), _limits():
        try:
            return _read(path, data)
        except LimitReachedError as exc:
            refuse(path, f"needs more than this program's limits allow ({describe(exc)}); "
                         f"a stream may inflate to at most {MAX_STREAM_BYTES // 2**20} MB")
        except PyPdfError as exc:
            refuse(path, f"is a damaged PDF that cannot be read ({describe(exc)})")


def _read(path: Path, data: bytes) -> SourceText:
    reader = PdfReader(io.BytesIO(data))
    budget = Budget(path, "PDF")
    warnings: list[str] = []
    if reader.is_encrypted:
        _decrypt(path, reader)
        warnings.append("the PDF is encrypted without a password; its text was read anyway")
    pages: list[str] = []
    empty: list[int] = []
    over: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        budget.tick()
        try:
            text = _page_text(page, budget).strip()
        except _PageOverLimit as exc:
            over.append(f"PDF page {number} was skipped: {exc}")
            continue
        except LimitReachedError as exc:
            over.append(f"PDF page {number} was skipped: its content is larger than the "
                        f"limit of {MAX_STREAM_BYTES // 2**20} MB per stream "
                        f"({describe(exc)})")
            continue
        except Exception as exc:  # one bad page should not lose the others
            if isinstance(exc, ImportRefusedError):
                raise  # a limit of the whole file
            warnings.append(f"PDF page {number} could not be read ({describe(exc)})")
            continue
        budget.add(len(text))
        if text:
            pages.append(text)
        else:
            empty.append(number)
    warnings.extend(over)
    if not pages and over:
        refuse(path, f"holds no page within the limits for reading; {over[0]}")
    if not pages:
        refuse(path, "holds no text layer (scanned?); run text recognition (OCR) on it first")
    if empty:
        warnings.append(_pages_without_text(empty))
    title, author, language = _metadata(reader)
    return SourceText(text="\n\n".join(pages), title=title, author=author, language=language,
                      warnings=tuple(warnings))


def _decrypt(path: Path, reader: PdfReader) -> None:
    """Open a PDF encrypted with an empty password (RC4 or AES); refuse any other."""
    try:
        opened = bool(reader.decrypt(""))
    except DependencyError:
        refuse(path, "is encrypted with AES, which needs the 'cryptography' package; "
                     "reinstall ClaimWeave with its dependencies")
    except (PyPdfError, NotImplementedError, ValueError):
        opened = False
    if not opened:
        refuse(path, "is an encrypted (password-protected) PDF; remove the password, "
                     "then import it again")


def _page_text(page: Any, budget: Budget) -> str:
    """One page's text; the time limit and the operator limit are checked as pypdf goes."""
    count = 0

    def before(operator: bytes, *_: object) -> None:
        nonlocal count
        if operator in _TEXT_OPERATORS:
            count += 1
            if count > MAX_TEXT_OPERATORS:
                raise _PageOverLimit(f"it has more than {MAX_TEXT_OPERATORS:,} text "
                                     "operations, the limit for one page")
            if not count % 1000:
                budget.tick()

    return page.extract_text(visitor_operand_before=before) or ""


def _metadata(reader: PdfReader) -> tuple[str | None, str | None, str | None]:
    """Title, author and language as the PDF states them; damaged metadata is just absent."""
    try:
        info = reader.metadata
        title = clean_field(info.title) if info else None
        author = clean_field(info.author) if info else None
        language = language_tag(reader.root_object.get("/Lang"))
    except Exception:  # metadata is optional; the text is what matters
        return None, None, None
    if title and (title.lower().startswith(_JUNK_TITLES) or title.lower().endswith(_FILE_SUFFIXES)):
        title = None  # 'Microsoft Word - draft3.docx' names a file, not the article
    return title, author, language


def _pages_without_text(numbers: list[int]) -> str:
    """'PDF page 3 has no text' or 'PDF pages 3, 5-9 have no text'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    if len(numbers) == 1:
        return f"PDF page {spans} has no text"
    return f"PDF pages {spans} have no text"
