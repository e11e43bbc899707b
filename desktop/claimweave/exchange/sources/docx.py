"""Word .docx: paragraphs and tables in document order, plus the core properties."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from . import SourceText
from .common import clean_field, describe, iso_date, language_tag, refuse

MAX_EXPANDED = 500 * 1024 * 1024  # a real article's .docx unpacks to a few MB at most
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc (and .xls, .ppt)


def read_docx(path: Path, data: bytes) -> SourceText:
    _check_package(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(item) for item in document.iter_inner_content()]
        props = document.core_properties
        title, author = clean_field(props.title), clean_field(props.author)
        created, language = iso_date(props.created), language_tag(props.language)
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError,
            ValueError, NotImplementedError, LxmlError) as exc:  # all mean a broken package
        refuse(path, f"is a damaged .docx file that cannot be read ({describe(exc)})")
    text = "\n".join(blocks).strip("\n")
    if not text.strip():
        refuse(path, "the Word document holds no text")
    warnings: tuple[str, ...] = ()
    if created:
        warnings = (f"the publication date {created} is the document's creation date; "
                    "correct it if the article appeared on another day",)
    return SourceText(text=text, title=title or _styled_title(document), author=author,
                      published=created, language=language, warnings=warnings)


def _check_package(path: Path, data: bytes) -> None:
    """Refuse what python-docx would choke on, with a message a user can act on."""
    if data.startswith(_OLE_MAGIC):
        refuse(path, "is an old-style Word document (.doc), not .docx; "
                     "save it as .docx and import it again")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            expanded = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        refuse(path, "is not a valid .docx file (not a ZIP package; damaged or renamed?)")
    if "word/document.xml" not in names:
        refuse(path, "is a ZIP archive but not a Word document")
    if expanded > MAX_EXPANDED:
        refuse(path, f"would unpack to {expanded / 1e6:,.0f} MB, far more than any article "
                     "(damaged, or built to exhaust memory)")


def _block_text(item: Paragraph | Table) -> str:
    if isinstance(item, Paragraph):
        return item.text
    rows = []
    for row in item.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append("\n".join(_block_text(b) for b in cell.iter_inner_content()))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _styled_title(document: docx.document.Document) -> str | None:
    """No title property: the first paragraph in the 'Title' style, if there is one."""
    for paragraph in document.paragraphs[:20]:
        if paragraph.style is not None and paragraph.style.name == "Title":
            return clean_field(paragraph.text)
    return None
