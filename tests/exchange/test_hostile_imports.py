"""Hostile article files: each is built here, imported through the real command line in a
subprocess, and must be refused with one ``error:`` line that names the limit, within 30 s
and under 1 GB of peak memory, changing nothing in the project.

Limits that depend on the clock or on sizes too big to build quickly are lowered in-process
instead (monkeypatch), so those tests stay fast and deterministic.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from claimweave.core.errors import ImportRefusedError
from claimweave.core.store import Project
from claimweave.exchange.sources import common
from claimweave.exchange.sources import docx as docx_module
from claimweave.exchange.sources import pdf as pdf_module
from claimweave.exchange.sources.reader import read_source

from .pdfmaker import make_pdf

ROOT = Path(__file__).resolve().parents[2]
GIB = 1024 ** 3
# Runs the command line in this process and reports the process's peak memory at exit.
MEASURED = ("import atexit, resource, sys\n"
            "atexit.register(lambda: print('peak-kib', resource.getrusage("
            "resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
            "from claimweave.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")


def run_cli(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """The command line as a subprocess: its result, wall time (s) and peak memory (bytes)."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURED, *map(str, args)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    elapsed = time.monotonic() - start
    lines = result.stderr.splitlines()
    peak = next(int(x.split()[1]) for x in lines if x.startswith("peak-kib")) * 1024
    result.stderr = "\n".join(x for x in lines if not x.startswith("peak-kib"))
    return result, elapsed, peak


def import_refused(tmp_path: Path, name: str, data: bytes) -> str:
    """Import *data* as *name* into a fresh project; assert the bounded, clean refusal."""
    project = tmp_path / "p.claimweave"
    Project.create(project).close()
    path = tmp_path / name
    path.write_bytes(data)
    result, elapsed, peak = run_cli("import", project, path)
    assert result.returncode == 1, result.stderr
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 30, f"the import answered after {elapsed:.0f} s"
    assert peak < GIB, f"peak memory {peak / 2**20:.0f} MB"
    with Project.open(project, read_only=True) as p:
        assert p.documents() == []
    return errors[0]


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


# --- annotation datasets: one error line naming the place, nothing changed ------------------

def import_annotations_refused(tmp_path: Path, target: Path, fmt: str) -> str:
    project = tmp_path / "p.claimweave"
    if not project.exists():
        Project.create(project).close()
    before = content(project)
    result, elapsed, peak = run_cli("import-annotations", project, target, "--format", fmt)
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert str(target) in lines[0]
    assert elapsed < 30 and peak < GIB
    assert content(project) == before, "a refused import changed the project"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("p.claimweave") and
                p.name.endswith(("-wal", "-shm", "-journal"))], "a side file was left"
    return lines[0]


def content(project: Path) -> list[str]:
    """Every row of the project (SQLite's own statistics aside), read without writing."""
    import sqlite3

    con = sqlite3.connect(f"file:{project}?mode=ro&immutable=1", uri=True)
    try:
        return [line for line in con.iterdump() if "sqlite_stat" not in line
                and "ANALYZE" not in line]
    finally:
        con.close()


def jsonl_line(**changes: object) -> str:
    import json

    record: dict[str, object] = {
        "id": "9a3a2b8e-5a8e-4f0e-9d7e-2f4b1c3d5e6f", "title": "Flood", "author": "Ana",
        "published": "2024-02-01", "text": "The river rose two metres overnight.",
        "claims": [{"id": "1b2c3d4e-0000-4000-8000-000000000001", "start": 4, "end": 15,
                    "quote": "river rose ", "tags": ["Weather"], "note": "", "annotator": "a"}],
        "links": []}
    claim = record["claims"][0]  # type: ignore[index]
    for key, value in changes.items():
        if key.startswith("claim_"):
            claim[key.removeprefix("claim_")] = value
        else:
            record[key] = value
    return json.dumps(record)


@pytest.mark.parametrize(("changes", "why"), [
    ({"title": {"text": "x"}}, "title must be text, not dict"),
    ({"published": 20240201}, "published must be text, not int"),
    ({"author": ["A", "B"]}, "author must be text, not list"),
    ({"claim_note": {"a": 1}}, "note must be text, not dict"),
    ({"claim_tags": [1, 2]}, "tags must be a list of names"),
    ({"claim_start": "²"}, "start must be a whole number, not '²'"),
    ({"claim_start": "٤"}, "start must be a whole number, not '٤'"),
    ({"claim_start": 1.5}, "start must be a whole number, not 1.5"),
    ({"claim_end": 10 ** 30}, "end is out of range (31 digits)"),
    ({"claim_note": "bad \ud800 note"}, "note holds a lone surrogate (\\ud800)"),
    ({"text": "The river \udfff rose two metres overnight."}, "lone surrogate (\\udfff)"),
])
def test_jsonl_values_of_the_wrong_form_are_one_error(tmp_path: Path, changes: dict[str, object],
                                                      why: str) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(jsonl_line(**changes) + "\n", encoding="utf-8", errors="surrogatepass")
    message = import_annotations_refused(tmp_path, path, "jsonl")
    assert why in message and "line 1" in message


def test_jsonl_integer_of_thousands_of_digits(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(jsonl_line(claim_start="START").replace('"START"', "9" * 5000) + "\n")
    assert "too long to be a value" in import_annotations_refused(tmp_path, path, "jsonl")


def test_webanno_values_of_the_wrong_form(tmp_path: Path) -> None:
    from claimweave.exchange.datasets import export

    source = tmp_path / "source.claimweave"
    with Project.create(source) as p:
        doc = p.add_document("The river rose two metres overnight.", title="Flood").document
        p.add_claim(doc.id, quote="rose two metres", note="a note")
        export(p, "webanno", tmp_path / "out.jsonld")
    text = (tmp_path / "out.jsonld").read_text()
    start = re.search(r'"start": (\d+)', text)
    assert start is not None
    (tmp_path / "bad.jsonld").write_text(text.replace(start.group(), '"start": {"n": 4}'))
    message = import_annotations_refused(tmp_path, tmp_path / "bad.jsonld", "webanno")
    assert "start must be a whole number" in message


QDE = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
       'name="deep"><CodeBook><Codes>{codes}</Codes></CodeBook><Sources>'
       '<TextSource guid="{source}" name="A"><PlainTextContent>The river rose.'
       '</PlainTextContent></TextSource></Sources></Project>')


def nested_codes(depth: int) -> str:
    import uuid

    opens = "".join(f'<Code guid="{uuid.uuid4()}" name="level {n}" isCodable="true">'
                    for n in range(depth))
    return opens + "</Code>" * depth


def qdpx(path: Path, depth: int) -> Path:
    import uuid

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", QDE.format(codes=nested_codes(depth), source=uuid.uuid4()))
    return path


def test_deeply_nested_codebook_is_refused_without_recursion(tmp_path: Path) -> None:
    """5,000 levels: Python's recursion limit is 1,000; the walk has its own stack."""
    message = import_annotations_refused(tmp_path, qdpx(tmp_path / "deep.qdpx", 5000), "qdpx")
    assert "nested more than 100 levels deep, the limit for a codebook" in message


def test_codebook_within_the_depth_limit_imports(tmp_path: Path) -> None:
    project = tmp_path / "p.claimweave"
    Project.create(project).close()
    result, _, _ = run_cli("import-annotations", project, qdpx(tmp_path / "ok.qdpx", 100),
                           "--format", "qdpx")
    assert result.returncode == 0, result.stderr
    with Project.open(project, read_only=True) as p:
        tags = {t.name: t for t in p.tags()}
        assert len(tags) == 100
        assert tags["level 99"].parent_id == tags["level 98"].id


# --- what is not a file, and links out of a folder ------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "webanno", "qdpx"])
def test_fifo_is_refused_not_waited_on(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / f"pipe.{fmt}"
    os.mkfifo(fifo)
    message = import_annotations_refused(tmp_path, fifo, fmt)
    assert "is not a regular file (a pipe, device or socket)" in message


def test_device_and_folder_are_refused(tmp_path: Path) -> None:
    assert "not a regular file" in import_annotations_refused(tmp_path, Path("/dev/zero"),
                                                              "jsonl")
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    assert "is a folder" in import_annotations_refused(tmp_path, folder, "jsonl")


@pytest.mark.parametrize("member", ["doc.txt", "doc.ann"])
def test_brat_folder_does_not_follow_links_out_of_it(tmp_path: Path, member: str) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text("The river rose.")
    (folder / "doc.ann").write_text("T1\tClaim 4 14\triver rose\n")
    (folder / member).unlink()
    (folder / member).symlink_to(outside)
    message = import_annotations_refused(tmp_path, folder, "brat")
    assert f"{folder / member}: is a symbolic link to a file outside the folder" in message


def test_brat_folder_with_a_fifo_inside(tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    os.mkfifo(folder / "doc.txt")
    assert "not a regular file" in import_annotations_refused(tmp_path, folder, "brat")


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


@pytest.mark.parametrize(("fmt", "name", "old", "new"), [
    ("webanno", "out.jsonld", '"cw:tags": [', '"cw:tags": 12345, "x": ['),
    ("webanno", "out.jsonld", '"source": "', '"source": {"k": 1}, "y": "'),
    ("labelstudio", "out.json", '"annotations": [', '"annotations": 7, "x": ['),
    ("labelstudio", "out.json", '"value": {', '"value": [1, 2], "x": {'),
])
def test_structures_of_the_wrong_shape_are_one_error(tmp_path: Path, fmt: str, name: str,
                                                     old: str, new: str) -> None:
    """Found by replacing every value of an export with values of other types: each such
    file is one error line (the reader's own, or one naming the file)."""
    from claimweave.exchange.datasets import export

    source = tmp_path / "source.claimweave"
    with Project.create(source) as p:
        doc = p.add_document("The river rose two metres overnight.", title="Flood").document
        p.add_tag("Weather")
        one = p.add_claim(doc.id, quote="river rose", tags=["Weather"])
        two = p.add_claim(doc.id, quote="two metres")
        p.link_claims(one.id, two.id, "elaborates")
        export(p, fmt, tmp_path / name)
    text = (tmp_path / name).read_text()
    assert old in text, text[:500]
    bad = tmp_path / f"bad-{name}"
    bad.write_text(text.replace(old, new, 1))
    import_annotations_refused(tmp_path, bad, fmt)
