"""Reading articles from files: .txt, .md, .html/.htm, .pdf and .docx.

``read_source(path)`` returns a :class:`SourceText` (normalised text plus whatever
metadata the file states) or raises :class:`ImportRefusedError` with a message that names
the file and says why. Nothing here touches a project; see ``exchange.importing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceText:
    """An article read from a file, ready to be stored."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD when known
    url: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())
