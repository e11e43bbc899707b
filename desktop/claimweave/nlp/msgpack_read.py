"""A reader of the msgpack that the analysis cache holds, in plain Python.

srsly (spaCy's serialiser, which writes the cache) costs 80-140 ms of imports, numpy
among them; ``claimweave candidates`` reads one document's analysis and needs neither.
This reads the subset srsly writes for an analysis: nil, booleans, integers, floats,
strings, binary, arrays and maps. Anything else (extension types) is refused with
ValueError, as damaged data is. Reading many analyses goes through srsly's C reader.
"""

from __future__ import annotations

import struct
from typing import Any

_FIXED = {0xc0: None, 0xc2: False, 0xc3: True}
_INTS = {0xcc: ">B", 0xcd: ">H", 0xce: ">I", 0xcf: ">Q",
         0xd0: ">b", 0xd1: ">h", 0xd2: ">i", 0xd3: ">q", 0xca: ">f", 0xcb: ">d"}
_SIZED = {0xc4: (">B", "bin"), 0xc5: (">H", "bin"), 0xc6: (">I", "bin"),
          0xd9: (">B", "str"), 0xda: (">H", "str"), 0xdb: (">I", "str"),
          0xdc: (">H", "array"), 0xdd: (">I", "array"), 0xde: (">H", "map"),
          0xdf: (">I", "map")}


def unpackb(data: bytes) -> Any:
    """The object msgpack *data* holds (ValueError when it is not one whole object)."""
    try:
        value, end = _read(memoryview(data), 0)
    except (IndexError, struct.error, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"not msgpack: {exc}") from None
    if end != len(data):
        raise ValueError("not msgpack: trailing bytes")
    return value


def _read(buf: memoryview, at: int) -> tuple[Any, int]:
    b = buf[at]
    at += 1
    if b <= 0x7f:
        return b, at
    if b >= 0xe0:
        return b - 0x100, at
    if 0xa0 <= b <= 0xbf:
        return _str(buf, at, b & 0x1f)
    if 0x90 <= b <= 0x9f:
        return _array(buf, at, b & 0x0f)
    if 0x80 <= b <= 0x8f:
        return _map(buf, at, b & 0x0f)
    if b in _FIXED:
        return _FIXED[b], at
    if b in _INTS:
        fmt = _INTS[b]
        return struct.unpack_from(fmt, buf, at)[0], at + struct.calcsize(fmt)
    if b in _SIZED:
        fmt, kind = _SIZED[b]
        n = struct.unpack_from(fmt, buf, at)[0]
        at += struct.calcsize(fmt)
        if kind == "str":
            return _str(buf, at, n)
        if kind == "bin":
            if at + n > len(buf):
                raise IndexError("binary past the end")
            return bytes(buf[at:at + n]), at + n
        return _array(buf, at, n) if kind == "array" else _map(buf, at, n)
    raise ValueError(f"not msgpack of an analysis: type byte {b:#x}")


def _str(buf: memoryview, at: int, n: int) -> tuple[str, int]:
    if at + n > len(buf):
        raise IndexError("string past the end")
    return str(buf[at:at + n], "utf-8"), at + n


def _array(buf: memoryview, at: int, n: int) -> tuple[list[Any], int]:
    out = []
    for _ in range(n):
        value, at = _read(buf, at)
        out.append(value)
    return out, at


def _map(buf: memoryview, at: int, n: int) -> tuple[dict[Any, Any], int]:
    out = {}
    for _ in range(n):
        key, at = _read(buf, at)
        out[key], at = _read(buf, at)
    return out, at
