"""Write tiny valid PDFs by hand: one text object per page, Helvetica, WinAnsi encoding."""

from __future__ import annotations


def make_pdf(pages: list[str | None], *, title: str | None = None,
             author: str | None = None, raw: dict[int, bytes] | None = None,
             deflated: dict[int, bytes] | None = None) -> bytes:
    """A PDF whose page *n* shows the lines of pages[n]; None makes a page without text.

    *raw* replaces the content stream of the pages it names (by index) with exactly the
    bytes given; *deflated* does the same with bytes already zlib-compressed (FlateDecode).
    """
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"",  # the page tree, filled in below once the page numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for index, text in enumerate(pages):
        stream = (raw or {}).get(index) or _content(text)
        filters = b""
        if index in (deflated or {}):
            stream, filters = (deflated or {})[index], b" /Filter /FlateDecode"
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream
                       + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (len(objects)))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    info = b""
    if title or author:
        entries = b"".join(b"/%s (%s) " % (key, _escape(value)) for key, value in
                           ((b"Title", title), (b"Author", author)) if value)
        objects.append(b"<< " + entries + b">>")
        info = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, info, xref))
    return bytes(out)


def _content(text: str | None) -> bytes:
    if text is None:
        return b"0 0 1 rg 100 100 200 200 re f"  # a blue rectangle: a page with no text
    lines = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
    for line in text.split("\n"):
        lines.append(b"(%s) Tj T*" % _escape(line))
    lines.append(b"ET")
    return b"\n".join(lines)


def _escape(value: str) -> bytes:
    raw = value.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
