"""Bytes to text: byte-order marks, UTF-8 first, then charset detection.

Binary data is refused here, and so is a guess that would only produce mojibake: a claim
quoted from garbled text is worth nothing, so asking for a UTF-8 copy is the better answer.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .common import refuse

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Without a byte-order mark these are guesses charset_normalizer makes for short Latin text.
# codec, name, bytes per unit, the byte lanes mostly NUL in text, the lane almost never NUL
# (the low byte of a character: zero only for U+0000, U+0100, U+0400 ...).
_WIDE_PATTERNS = (
    ("utf-32-le", "UTF-32LE", 4, (2, 3), 0), ("utf-32-be", "UTF-32BE", 4, (0, 1), 3),
    ("utf-16-le", "UTF-16LE", 2, (1,), 0), ("utf-16-be", "UTF-16BE", 2, (0,), 1),
)
_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
# HTML5 reads these labels as windows-1252, and so do we.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
TIE = 0.02  # chaos and coherence closer than this count as equal
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_text(path: Path, data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode *data* or refuse it; *declared* is an encoding the file itself names (HTML)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError:
                refuse(path, f"starts with a {name} byte-order mark but is not valid {name} text")
    wide = _wide_without_bom(data)
    if wide is not None:
        return wide
    check_not_binary(path, data)
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    if declared:
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    return _guess(path, data)


def _wide_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes sit.

    Text with spaces, digits or Latin letters has a zero high byte in many UTF-16 units
    (and in every UTF-32 unit), while the low byte is almost never zero; binary data has
    its NULs anywhere. The file must then decode strictly (no lone surrogates) into text
    without control characters.
    """
    sample = data[:65536]
    if b"\x00" not in sample:
        return None
    for codec, name, width, zero, low in _WIDE_PATTERNS:
        units = len(sample) // width
        if len(data) % width or not units:
            continue
        nuls = [sample[lane::width].count(0) for lane in range(width)]
        if any(nuls[i] < 0.3 * units for i in zero) or nuls[low] > 0.02 * units + 1:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if sum(1 for c in text[:65536] if c < " " and c not in "\t\n\r\x0b\x0c") <= 2:
            return Decoded(text, name, (f"decoded as {name} (the file has no byte-order mark)",))
    return None


def check_not_binary(path: Path, data: bytes) -> None:
    """Refuse NUL bytes, or more than a few control bytes: no text file holds them."""
    if b"\x00" in data:
        refuse(path, "holds binary data (NUL bytes), not text")
    sample = data[:65536]
    controls = sum(sample.count(b) for b in _CONTROL_BYTES)
    if controls > max(2, len(sample) // 50):
        refuse(path, f"holds binary data ({controls} control bytes in the first "
                     f"{len(sample):,} bytes), not text")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_declared(data: bytes, declared: str) -> Decoded | None:
    codec = "cp1252" if declared in _AS_CP1252 else declared
    try:
        name = codecs.lookup(codec).name
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    return Decoded(text, name, (f"decoded as {name}, the encoding the file declares",))


def _guess(path: Path, data: bytes) -> Decoded:
    matches = from_bytes(data, cp_exclusion=_WIDE)
    best = matches.best()
    if best is not None:
        # Single-byte code pages share most letters, so short texts often score the same in
        # several; among equals, Western European (cp1252) is by far the commonest, and
        # picking cp1250 would turn French "très" into "trčs" for good.
        tied = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + TIE
                and m.coherence >= best.coherence - TIE]
        best = tied[0] if tied else best
    if best is not None and best.coherence > 0:  # charset_normalizer recognised a language
        text, name = str(best), best.encoding
        if name != "cp1252" and text == _cp1252(data):
            name = "cp1252"  # same characters; name the encoding users know for them
        return Decoded(text, name, (f"decoded as {name} (not UTF-8)",))
    # Too little text to tell: Western European is the likeliest legacy encoding, as long as
    # the result reads like it (mostly ASCII letters) rather than like mis-decoded Cyrillic.
    guess = _cp1252(data)
    if guess is not None and _mostly_ascii_letters(guess):
        return Decoded(guess, "cp1252", ("decoded as cp1252 (a guess: the file is not UTF-8 "
                                        "and too short to tell its encoding for sure)",))
    refuse(path, "is not UTF-8 and its encoding could not be recognised reliably; "
                 "save it as UTF-8 and import it again")


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _mostly_ascii_letters(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(not c.isascii() for c in letters) <= 0.3 * len(letters)
