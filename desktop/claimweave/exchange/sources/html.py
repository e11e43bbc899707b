"""Saved web pages: the article's main text and metadata, extracted with trafilatura.

The page is read from the file only. trafilatura never fetches when given the page's
text, and we never pass it a URL to download; the page's own URL is metadata.
"""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from . import SourceText
from .common import clean_field, iso_date, language_tag, quiet, refuse
from .decoding import declared_charset, decode_text

MIN_WORDS = 8  # fewer than this is page furniture ("Home World Log in"), not an article
FEW_WORDS = 50
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                        re.I)


def read_html(path: Path, data: bytes) -> SourceText:
    decoded = decode_text(path, data, declared=declared_charset(data))
    with quiet("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        # a Document (a dict only with as_dict=True, which is not asked for)
        doc: Document | None = trafilatura.bare_extraction(  # type: ignore[assignment]
            decoded.text, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False)
    text = (doc.text or "").strip() if doc is not None else ""
    words = len(text.split())
    if words < MIN_WORDS:
        refuse(path, "no article text could be found in the page"
                     + (f" (only {words} words of page furniture)" if words else ""))
    assert doc is not None  # no document means no words: refused above
    warnings = list(decoded.warnings)
    if words < FEW_WORDS:
        warnings.append(f"only {words} words of article text were found; check that the saved "
                        "page holds the whole article")
    lang = _HTML_LANG.search(decoded.text[:4096])
    return SourceText(
        text=text,
        title=clean_field(doc.title),
        author=clean_field(doc.author),
        outlet=clean_field(doc.sitename),
        published=iso_date(doc.date),
        url=clean_field(doc.url),
        language=language_tag(doc.language) or language_tag(lang.group(1) if lang else None),
        warnings=tuple(warnings),
    )
