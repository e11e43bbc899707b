"""Bytes to text: BOMs, UTF-8 first, then charset detection; binary data is refused."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from ...core.errors import ImportRefusedError


def decode_text(path: Path, data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise ImportRefusedError(f"{path}: not valid {codec} text") from None
    if b"\x00" in data[:8192]:
        raise ImportRefusedError(f"{path}: binary data, not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ImportRefusedError(f"{path}: the text encoding could not be recognised")
    return str(best)
