"""PDF: the text layer, page by page, with pypdf. Scans without OCR have none to give."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from . import SourceText
from .common import clean_field, describe, language_tag, quiet, refuse

_JUNK_TITLES = ("untitled", "microsoft word - ", "microsoft powerpoint - ")
_FILE_SUFFIXES = (".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".txt", ".html", ".htm")


def read_pdf(path: Path, data: bytes) -> SourceText:
    if b"%PDF-" not in data[:1024]:
        refuse(path, "is not a PDF file (it has no PDF header)")
    with quiet("pypdf"):
        try:
            return _read(path, data)
        except PyPdfError as exc:
            refuse(path, f"is a damaged PDF that cannot be read ({describe(exc)})")


def _read(path: Path, data: bytes) -> SourceText:
    reader = PdfReader(io.BytesIO(data))
    warnings: list[str] = []
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except (PyPdfError, NotImplementedError):
            opened = False
        if not opened:
            refuse(path, "is an encrypted (password-protected) PDF; remove the password, "
                         "then import it again")
        warnings.append("the PDF is encrypted without a password; its text was read anyway")
    pages: list[str] = []
    empty: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = (page.extract_text() or "").strip()
        except Exception as exc:  # one bad page should not lose the others
            warnings.append(f"PDF page {number} could not be read ({describe(exc)})")
            continue
        if text:
            pages.append(text)
        else:
            empty.append(number)
    if not pages:
        refuse(path, "holds no text layer (scanned?); run text recognition (OCR) on it first")
    if empty:
        warnings.append(_pages_without_text(empty))
    title, author, language = _metadata(reader)
    return SourceText(text="\n\n".join(pages), title=title, author=author, language=language,
                      warnings=tuple(warnings))


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
