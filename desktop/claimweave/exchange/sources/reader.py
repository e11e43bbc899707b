"""Dispatch a file to the reader for its kind, after the checks every file gets."""

from __future__ import annotations

from pathlib import Path

from ...core.errors import ImportRefusedError
from ...core.text import normalise_text
from . import SourceText
from .decoding import decode_text

MAX_BYTES = 50 * 1024 * 1024


def read_source(path: Path) -> SourceText:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportRefusedError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportRefusedError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise ImportRefusedError(f"{path}: is a folder, not a file")
    if size == 0:
        raise ImportRefusedError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise ImportRefusedError(
            f"{path}: the file is too large ({size / 1e6:.0f} MB; the limit is 50 MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefusedError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    text = normalise_text(decode_text(path, data))
    if not text.strip():
        raise ImportRefusedError(f"{path}: the file holds no text")
    return SourceText(text=text)
