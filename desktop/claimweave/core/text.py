"""Text normalisation, applied once at import, before hashing and freezing.

All offsets in ClaimWeave are code points into the normalised text, so this function
defines the coordinate system: it must be idempotent and deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85")
BOM = "\ufeff"


def normalise_text(text: str) -> str:
    """Return *text* with one newline convention and NFC composition.

    - leading byte-order marks are dropped (all of them, or the result would not be stable);
    - ``\\r\\n``, ``\\r``, U+2028, U+2029 and NEL become ``\\n``;
    - the result is NFC, so a quote typed on another machine matches the stored text.
    Nothing else changes: tabs, trailing spaces and the absence of a final newline are kept,
    because researchers quote the source exactly as it was published.
    """
    text = text.lstrip(BOM)
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def text_sha256(text: str) -> str:
    """Hash of the normalised text; identifies the same article across projects."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
