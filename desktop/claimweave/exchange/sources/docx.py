"""Word .docx: paragraphs and tables in document order, plus the core properties.

python-docx loads every part into memory and builds a tree of the XML, so a small package
can cost GBs: a 1.2 MB file reached 2.4 GB. The package is therefore checked before it
is opened (declared and real sizes, compression ratio, markup count: 10 MB of empty
paragraphs cost python-docx 420 MB and 33 s), and reading has a time and a text limit.
"""

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
from .common import Budget, clean_field, describe, iso_date, language_tag, refuse

MAX_EXPANDED = 200 * 1024 * 1024  # a real article's .docx unpacks to a few MB at most
MAX_RATIO = 100  # uncompressed / compressed of one member over RATIO_FLOOR; XML packs ~10:1
RATIO_FLOOR = 1024 * 1024
MAX_MARKUP = 1_500_000  # "<" in the XML parts, about a tree node each; a long book: 400,000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc (and .xls, .ppt)


def read_docx(path: Path, data: bytes) -> SourceText:
    _check_package(path, data)
    budget = Budget(path, "Word document")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for item in document.iter_inner_content():
            budget.tick()
            blocks.append(_block_text(item, budget))
            budget.add(len(blocks[-1]) + 1)
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
            infos = package.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                refuse(path, "is a ZIP archive but not a Word document")
            _check_sizes(path, infos)
            markup = sum(_count_markup(package, info) for info in infos
                         if info.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            zlib.error, NotImplementedError):
        refuse(path, "is not a valid .docx file (not a ZIP package; damaged or renamed?)")
    if markup > MAX_MARKUP:
        refuse(path, f"holds more than {MAX_MARKUP:,} XML elements, the limit for one "
                     "document (damaged, or built to exhaust memory)")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Declared sizes: python-docx reads each member whole, up to its declared size."""
    expanded = sum(info.file_size for info in infos)
    if expanded > MAX_EXPANDED:
        refuse(path, f"would unpack to {expanded / 1e6:,.0f} MB, more than the limit of "
                     f"{MAX_EXPANDED // 2**20} MB (damaged, or built to exhaust memory)")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            refuse(path, f"member {info.filename!r} inflates more than {MAX_RATIO} times, "
                         "the limit for a Word document (a zip bomb?)")


def _count_markup(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The '<' in one XML member, read in chunks: an upper bound of its elements."""
    count = 0
    with package.open(info) as member:
        while chunk := member.read(1 << 20):
            count += chunk.count(b"<")
            if count > MAX_MARKUP:
                break
    return count


def _block_text(item: Paragraph | Table, budget: Budget) -> str:
    if isinstance(item, Paragraph):
        return item.text
    rows = []
    for row in item.rows:
        budget.tick()
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append("\n".join(_block_text(b, budget)
                                       for b in cell.iter_inner_content()))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _styled_title(document: docx.document.Document) -> str | None:
    """No title property: the first paragraph in the 'Title' style, if there is one."""
    for paragraph in document.paragraphs[:20]:
        if paragraph.style is not None and paragraph.style.name == "Title":
            return clean_field(paragraph.text)
    return None
