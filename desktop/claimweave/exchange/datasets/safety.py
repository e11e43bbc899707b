"""Reading files from other people safely: zip archives and XML.

A dataset may come from anyone. Archives are read into memory member by member, never
extracted, and refused whole when a member would escape its folder (zip slip), when the
declared or real sizes are absurd, or when a member inflates suspiciously (zip bomb).
XML is parsed with defusedxml with DTDs forbidden, which rules out entity expansion
("billion laughs") and external entities. Every refusal names the file and the place.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .bundle import refuse

MAX_MEMBER_BYTES = 1 << 30  # 1 GiB for one member
MAX_TOTAL_BYTES = 2 << 30  # 2 GiB for the whole archive
MAX_MEMBERS = 100_000
MAX_RATIO = 200  # uncompressed / compressed, for members bigger than RATIO_FLOOR
RATIO_FLOOR = 1 << 20


def member_escapes(name: str) -> bool:
    """Whether a zip member name would land outside the folder it is extracted into."""
    if not name or "\\" in name or "\x00" in name:
        return True
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")


def parse_json(text: str, place: str, *, line: int | None = None) -> Any:
    """JSON from an untrusted file: malformed or absurdly nested input is refused with the
    place named, never a traceback (Python's parser recurses once per nesting level).
    *line*: the file line *text* is (JSON Lines), for the place in the message."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {line if line is not None else exc.lineno}, column {exc.colno}"
        raise refuse(f"{place}, {where}", f"not valid JSON ({exc.msg})") from None
    except RecursionError:
        where = place if line is None else f"{place}, line {line}"
        raise refuse(where, "JSON nested too deeply to be a dataset") from None
    except ValueError:  # an integer of thousands of digits (Python's int limit)
        where = place if line is None else f"{place}, line {line}"
        raise refuse(where, "a number in the JSON is too long to be a value (more than "
                     f"{sys.get_int_max_str_digits():,} digits)") from None


class SafeZip:
    """A zip archive checked as a whole on opening; members read with enforced limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise refuse(str(path), f"not a readable zip archive ({exc})") from None
        try:
            self._check()
        except BaseException:
            self.zf.close()  # a refused archive is not kept open
            raise

    def _check(self) -> None:
        path = self.path
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise refuse(str(path), f"{len(infos)} members is more than {MAX_MEMBERS}")
        total = 0
        for info in infos:
            where = f"{path}: member {info.filename!r}"
            if member_escapes(info.filename):
                raise refuse(where, "the member's path leaves the archive's folder "
                             "(absolute path or '..'); the archive was refused")
            if info.file_size > MAX_MEMBER_BYTES:
                raise refuse(where, f"declares {info.file_size} bytes uncompressed")
            if (info.file_size > RATIO_FLOOR
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise refuse(where, "compression ratio above "
                             f"{MAX_RATIO}:1, refused as a possible zip bomb")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(str(path), f"{total} bytes uncompressed is more than allowed")
        self.names = {i.filename for i in infos}

    def read(self, name: str) -> bytes:
        """A member's bytes, never more than its declared size (the header may lie)."""
        where = f"{self.path}: member {name!r}"
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise refuse(str(self.path), f"the archive has no member {name!r}") from None
        try:
            with self.zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise refuse(where, f"cannot be read ({exc})") from None
        if len(data) > info.file_size:
            raise refuse(where, "inflates beyond its declared size")
        return data

    def read_text(self, name: str) -> str:
        return decode_utf8(self.read(name), f"{self.path}: member {name!r}")

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def decode_utf8(data: bytes, place: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(place, f"not UTF-8 text (byte {exc.start})") from None


def parse_xml(data: bytes, place: str) -> Any:
    """The root element of *data*; DTDs, entities and external references are refused."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise refuse(place, f"refused XML: {exc} (document type declarations and entities "
                     "are not allowed)") from None
    except SafeET.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise refuse(f"{place}, line {line}, column {col}", f"malformed XML ({exc})") from None


def read_bytes(path: Path, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """A whole input file, refused when it is larger than *limit* or not a regular file.

    Opened without blocking and checked on the open handle: a FIFO would otherwise wait
    for a writer forever, and a device could be read without end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise refuse(str(path), "is a folder, not a file") from None
    except OSError as exc:
        raise refuse(str(path), f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse(str(path), "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise refuse(str(path), "is not a regular file (a pipe, device or socket)")
        if info.st_size > limit:
            raise refuse(str(path), f"{info.st_size} bytes is more than the {limit} allowed")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise refuse(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise refuse(str(path), f"more than the {limit} bytes allowed")
    return data


def check_regular_file(path: Path) -> None:
    """Refuse what is not a regular file before a library opens it (zipfile, ...)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise refuse(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse(str(path), "is a folder, not a file (a brat export is imported with "
                     "--format brat)")
    if not stat.S_ISREG(info.st_mode):
        raise refuse(str(path), "is not a regular file (a pipe, device or socket)")


BLANK = b" \t\r\n\x0b\x0c"
UTF8_BOM = b"\xef\xbb\xbf"


def check_not_blank(path: Path) -> None:
    """Refuse a file that is empty or holds only whitespace (after a byte order mark): it
    has no records, and importing it would report success having done nothing. Reads only
    as far as the first character that is not whitespace."""
    try:
        with open(path, "rb") as fh:
            chunk = fh.read(1 << 16)
            if not chunk:
                raise refuse(str(path), "the file is empty")
            chunk = chunk.removeprefix(UTF8_BOM)
            while not chunk.strip(BLANK):
                chunk = fh.read(1 << 16)
                if not chunk:
                    raise refuse(str(path), "holds only whitespace, no annotations")
    except OSError as exc:
        raise refuse(str(path), f"cannot be read ({exc.strerror or exc})") from None


def check_inside(folder: Path, member: Path) -> None:
    """Refuse a symbolic link in *folder* that leads out of it (to /etc/passwd, say)."""
    if not member.is_symlink():
        return
    target = Path(os.path.realpath(member))
    if not target.is_relative_to(Path(os.path.realpath(folder))):
        raise refuse(str(member), "is a symbolic link to a file outside the folder; copy "
                     "the file itself into the folder")
