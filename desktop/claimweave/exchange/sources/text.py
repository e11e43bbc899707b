"""Plain text and Markdown: decoded, never rewritten.

Claims quote the source exactly, so Markdown stays Markdown; only the title (and any
front-matter fields) are read from it.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import SourceText
from .common import clean_field, iso_date, language_tag
from .decoding import decode_text

_ATX = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r"=+[ \t]*")
_FIELD = re.compile(r"([A-Za-z_]+)[ \t]*:[ \t]*(.*)")
_FRONT_KEYS = {  # front-matter key -> SourceText field
    "title": "title", "author": "author", "authors": "author", "date": "published",
    "published": "published", "url": "url", "link": "url", "outlet": "outlet",
    "publisher": "outlet", "source": "outlet", "lang": "language", "language": "language",
}


def read_plain(path: Path, data: bytes) -> SourceText:
    """A .txt file (or one of unknown type that decodes as text); its title is the
    article's own title line when it has one (see :func:`title_line`)."""
    decoded = decode_text(path, data)
    return SourceText(text=decoded.text, title=clean_field(title_line(decoded.text)),
                      warnings=decoded.warnings)


_DATE_LINE = re.compile(
    r"(?i)^\W*((mon|tues|wednes|thurs|fri|satur|sun)day\b.*|\d{1,4}[-/. ]\w+[-/. ]\d{1,4}|"
    r"\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})\W*$")
_CREDIT = re.compile(r"(?i)^(©|\(c\)|copyright\b|photo\b|image\b|by\s|posted\b|updated\b)")


def title_line(text: str, *, look: int = 4) -> str | None:
    """The headline a pasted article starts with: among its first few lines (dates,
    bylines and photo credits skipped), a short line of at least two words that does not
    end like a sentence and stands alone, followed by a blank line or a longer paragraph.
    None when the text starts straight with its body."""
    lines = [line.strip() for line in text.splitlines()]
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > look:
            return None
        if _DATE_LINE.match(line) or _CREDIT.match(line):
            continue
        following = next((x for x in lines[i + 1:] if x), "")
        standalone = i + 1 >= len(lines) or not lines[i + 1] or len(following) > 2 * len(line)
        if (len(line) <= 150 and len(line.split()) >= 2 and line[-1] not in ".,;:"
                and standalone and following):
            return line
        if len(line) > 150:
            return None  # the body has begun
    return None


def read_markdown(path: Path, data: bytes) -> SourceText:
    """A .md file: title from a leading '# ' heading (or front matter); text as written."""
    decoded = decode_text(path, data)
    lines = decoded.text.splitlines()
    fields, body_start = _front_matter(lines)
    title = fields.get("title") or _heading(lines[body_start:])
    return SourceText(
        text=decoded.text,
        title=clean_field(title),
        author=clean_field(fields.get("author")),
        outlet=clean_field(fields.get("outlet")),
        published=iso_date(fields.get("published")),
        url=clean_field(fields.get("url")),
        language=language_tag(fields.get("language")),
        warnings=decoded.warnings,
    )


def _heading(lines: list[str]) -> str | None:
    """The first non-blank line when it is a heading: '# Title' or 'Title' over '====='."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        atx = _ATX.fullmatch(line.lstrip(" "))
        if atx:
            return atx.group(1)
        if i + 1 < len(lines) and _SETEXT.fullmatch(lines[i + 1].strip()):
            return line
        return None
    return None


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Simple 'key: value' lines between '---' fences at the very top (Jekyll, Hugo...)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return fields, i + 1
        match = _FIELD.fullmatch(line.strip())
        key = _FRONT_KEYS.get(match.group(1).lower()) if match else None
        if match and key and key not in fields:
            value = match.group(2).strip().strip("'\"").strip("[]").strip().strip("'\"")
            if value:
                fields[key] = value
    return {}, 0  # no closing fence: not front matter after all
