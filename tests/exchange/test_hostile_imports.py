"""Hostile article files: each is built here, imported through the real command line in a
subprocess, and must be refused with one ``error:`` line that names the limit, within 30 s
and under 1 GB of peak memory, changing nothing in the project.

Limits that depend on the clock or on sizes too big to build quickly are lowered in-process
instead (monkeypatch), so those tests stay fast and deterministic. Dataset files (annotation
imports): test_hostile_datasets.py.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.sources import common
from claimweave.exchange.sources import docx as docx_module
from claimweave.exchange.sources import pdf as pdf_module
from claimweave.exchange.sources.reader import read_source

from .hostile import import_refused
from .pdfmaker import make_pdf


def deflate_repeated(chunk: bytes, times: int) -> bytes:
    """zlib data that inflates to *chunk* x *times*, made without holding the whole."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(chunk) for _ in range(times)]
    return b"".join(parts) + packer.flush()


# --- PDF -------------------------------------------------------------------------------------

def test_pdf_stream_that_inflates_to_hundreds_of_mb_is_refused(tmp_path: Path) -> None:
    """A few hundred KB that inflate to 280 MB of text operators: the 8 MB stream limit."""
    bomb = deflate_repeated(b"BT /F1 12 Tf 72 720 Td " + b"(AAAAAAAA) Tj " * 100_000 + b"ET\n",
                            200)
    data = make_pdf([None], deflated={0: bomb})
    assert len(data) < 1_000_000
    message = import_refused(tmp_path, "bomb.pdf", data)
    assert "limit of 8 MB per stream" in message


def test_pdf_page_with_a_flood_of_text_operators_is_refused(tmp_path: Path) -> None:
    """Under the stream limit but 300,000 Tj on one page: pypdf's cost grows quadratically."""
    flood = b"BT /F1 12 Tf 72 720 Td " + b"(AAAAAAAA) Tj " * 300_000 + b"ET"
    data = make_pdf([None], deflated={0: zlib.compress(flood, 9)})
    message = import_refused(tmp_path, "flood.pdf", data)
    assert "more than 50,000 text operations" in message


def test_pdf_page_over_a_limit_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    flood = b"BT /F1 12 Tf 72 720 Td " + b"(A) Tj " * (pdf_module.MAX_TEXT_OPERATORS + 1) + b"ET"
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf(["First page.", None, "Third page."], raw={1: flood}))
    source = read_source(path)
    assert source.text == "First page.\n\nThird page."
    assert any("page 2 was skipped" in w and "limit for one page" in w
               for w in source.warnings)


def test_pdf_reading_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "READ_SECONDS", -1.0)  # already over: refused at the start
    path = tmp_path / "slow.pdf"
    path.write_bytes(make_pdf(["Some text."]))
    with pytest.raises(ImportRefusedError, match="longer than the limit of -1 seconds"):
        read_source(path)


def test_pdf_text_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_TEXT_CHARS", 1000)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(["x" * 600, "y" * 600]))
    with pytest.raises(ImportRefusedError, match=r"larger than the limit of .* MB for one"):
        read_source(path)


def encrypted_pdf(algorithm: str, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Secret article text."]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdf_with_empty_password_imports(tmp_path: Path, algorithm: str) -> None:
    path = tmp_path / "aes.pdf"
    path.write_bytes(encrypted_pdf(algorithm, ""))
    source = read_source(path)
    assert source.text == "Secret article text."
    assert any("encrypted" in w for w in source.warnings)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_password_protected_pdf_gets_one_clear_message(tmp_path: Path, algorithm: str) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf(algorithm, "secret"))
    with pytest.raises(ImportRefusedError) as caught:
        read_source(path)
    assert str(caught.value) == (f"{path}: is an encrypted (password-protected) PDF; remove "
                                 "the password, then import it again")


# --- DOCX ------------------------------------------------------------------------------------

NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body_chunk: bytes, times: int) -> bytes:
    """A minimal Word package whose document.xml repeats *body_chunk*, streamed in."""
    plain = io.BytesIO()
    docx.Document().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                        compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
        with dst.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document ' + NS + b"><w:body>")
            for _ in range(times):
                member.write(body_chunk)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def test_docx_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """About 1 MB of package that would expand to 400 MB of paragraphs."""
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 10_000
    data = docx_with_body(paragraph, 1_150)
    assert len(data) < 2_000_000
    message = import_refused(tmp_path, "bomb.docx", data)
    assert "limit" in message and ("inflates more than 100 times" in message
                                   or "would unpack to" in message)


def test_docx_with_too_many_elements_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Markup that packs poorly (so no ratio alarm) but would build a huge tree."""
    monkeypatch.setattr(docx_module, "MAX_MARKUP", 5_000)
    path = tmp_path / "many.docx"
    chunk = b"".join(b'<w:p w:rsidR="%08X"/>' % (i * 2654435761 % 2**32) for i in range(3000))
    path.write_bytes(docx_with_body(chunk, 1))
    with pytest.raises(ImportRefusedError, match="more than 5,000 XML elements, the limit"):
        read_source(path)


def test_docx_reading_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "READ_SECONDS", -1.0)
    path = tmp_path / "slow.docx"
    path.write_bytes(docx_with_body(b"<w:p><w:r><w:t>Text.</w:t></w:r></w:p>", 3))
    with pytest.raises(ImportRefusedError, match="Word document took longer than the limit"):
        read_source(path)


def test_docx_text_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_TEXT_CHARS", 100)
    path = tmp_path / "long.docx"
    path.write_bytes(docx_with_body(b"<w:p><w:r><w:t>Twenty characters...</w:t></w:r></w:p>",
                                    10))
    with pytest.raises(ImportRefusedError, match=r"larger than the limit of .* MB for one"):
        read_source(path)


# --- text encodings --------------------------------------------------------------------------

TEXT = "Floods closed the bridge — Мост закрыт. Café ouvert 😀\nSecond line."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_unicode_without_bom_is_recognised(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode(codec))
    source = read_source(path)
    assert source.text == TEXT
    assert any("no byte-order mark" in w for w in source.warnings)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,  # binary: NULs without a pattern
    "ab\ud800cd efgh".encode("utf-16-le", "surrogatepass"),  # a lone surrogate
    "a\x01b\x02c\x03d\x04e\x05".encode("utf-16-le"),  # controls, not text
])
def test_nul_bytes_that_are_not_wide_text_are_still_binary(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError, match="binary data"):
        read_source(path)


# --- web pages ------------------------------------------------------------------------------

ARTICLE = ("<h1>Bridge closed</h1>" + "".join(
    f"<p>Paragraph {n}: engineers closed the Elmsford bridge after a crack was found in a "
    f"pier, and the council said it would stay shut for {n} weeks while repairs go on.</p>"
    for n in range(12)))


def test_web_page_of_tens_of_mb_is_refused_quickly(tmp_path: Path) -> None:
    """37 MB of page took trafilatura 54 s and 812 MB; the limit is 10 million characters."""
    filler = "".join(f"<div class='c{n}'>cell {n} of a generated table</div>" for n in
                     range(600_000))
    page = f"<html><body><article>{ARTICLE}</article>{filler}</body></html>"
    message = import_refused(tmp_path, "huge.html", page.encode())
    assert "more than the limit of 10 million for a web page" in message


def test_web_page_bloated_with_scripts_still_imports(tmp_path: Path) -> None:
    script = "<script>" + "var x = 1;" * 1_200_000 + "</script>"
    style = "<style>" + ".a{color:red}" * 100_000 + "</style>"
    page = (f"<html><head><title>Bridge closed</title>{script}{style}</head><body><article>"
            f"{ARTICLE}</article>{script}</body></html>")
    path = tmp_path / "bloated.html"
    path.write_text(page)
    source = read_source(path)
    assert "stay shut for 11 weeks" in source.text and "var x" not in source.text
