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
MAX_PAGE_CHARS = 10_000_000
"""What trafilatura is given at most: its time grows a little faster than the page (2 MB:
1.7 s, 7 MB: 8 s, 37 MB: 54 s and 812 MB, measured), and an article page without its
scripts and styles is well under 1 MB."""
_BULKY = ("script", "style", "svg")  # what a saved page carries besides the article
FEW_WORDS = 50
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                        re.I)


def read_html(path: Path, data: bytes) -> SourceText:
    decoded = decode_text(path, data, declared=declared_charset(data))
    page = decoded.text
    if len(page) > MAX_PAGE_CHARS:
        page = _without_bulk(page)
        if len(page) > MAX_PAGE_CHARS:
            refuse(path, f"the page holds {len(page) / 1e6:,.0f} million characters besides "
                         f"scripts and styles, more than the limit of "
                         f"{MAX_PAGE_CHARS / 1e6:g} million for a web page")
    with quiet("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        # a Document (a dict only with as_dict=True, which is not asked for)
        doc: Document | None = trafilatura.bare_extraction(  # type: ignore[assignment]
            page, with_metadata=True, include_comments=False, include_tables=True,
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
    lang = _HTML_LANG.search(page[:4096])
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


def _without_bulk(page: str) -> str:
    """*page* without the contents of its script, style and svg elements (JSON-LD scripts
    stay: they carry the author and date), in one pass with str.find (a regex could
    rescan the page for every unclosed tag)."""
    lower = page.lower()
    out, pos = [], 0
    ahead = {tag: lower.find(f"<{tag}") for tag in _BULKY}  # the next of each, -1: none
    while True:
        for tag, at in ahead.items():
            if 0 <= at < pos:
                ahead[tag] = lower.find(f"<{tag}", pos)
        starts = [(at, tag) for tag, at in ahead.items() if at >= 0]
        if not starts:
            out.append(page[pos:])
            return "".join(out)
        start, tag = min(starts)
        head_end = lower.find(">", start)
        end = lower.find(f"</{tag}", head_end if head_end >= 0 else start)
        close = lower.find(">", end) if end >= 0 else -1
        stop = len(page) if close < 0 else close + 1
        if "ld+json" in lower[start:head_end if head_end >= 0 else stop]:
            out.append(page[pos:stop])
        else:
            out.append(page[pos:start])
        pos = stop
