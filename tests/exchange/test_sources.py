"""Article import: every format read, every bad input refused with a message naming the file."""

from __future__ import annotations

import io
import json
import os
import socket
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from claimweave.cli import main
from claimweave.core.errors import ImportRefusedError
from claimweave.core.text import normalise_text
from claimweave.exchange.sources import docx as docx_module
from claimweave.exchange.sources.reader import read_source

from .pdfmaker import make_pdf

# tmp_path is shared by the examples; each one overwrites the files it needs.
TMP_PATH_OK = [HealthCheck.function_scoped_fixture]

ARTICLE = (
    "The minister said on Tuesday that the agreement “will change everything” for both "
    "countries.\nCritics replied that nothing in the text supports such a claim 😀.")

HTML_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Talks end without a deal - The Daily Ledger</title>
<meta name="author" content="Jane Roe">
<meta property="og:title" content="Talks end without a deal">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://ledger.example/world/talks-end">
<link rel="stylesheet" href="https://cdn.example/site.css">
<script src="https://cdn.example/tracker.js"></script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
<article>
<h1>Talks end without a deal</h1>
<img src="https://images.example/photo.jpg" alt="The minister">
<p>The minister said on Tuesday that the agreement “will change everything” for both
countries involved in the long negotiations.</p>
<p>Critics replied that nothing in the text of the deal supports such a claim, and that the
figures quoted were far smaller than the ones announced last year.</p>
</article>
<footer>Copyright 2024 The Daily Ledger. Subscribe to our newsletter.</footer>
</body></html>
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refusal(path: Path) -> str:
    """The refusal message for *path*, which must name the file."""
    with pytest.raises(ImportRefusedError) as info:
        read_source(path)
    message = str(info.value)
    assert path.name in message
    return message


def make_docx(paragraphs: list[str], *, title: str = "", author: str = "",
              created: datetime | None = None, table: list[list[str]] | None = None,
              title_style: str | None = None) -> bytes:
    document = docx.Document()
    if title_style:
        document.add_paragraph(title_style, style="Title")
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    props = document.core_properties
    props.title, props.author = title, author
    if created is not None:
        props.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- plain text and charsets ------------------------------------------------------------------

def test_utf8_text_is_normalised_but_otherwise_exact(tmp_path: Path) -> None:
    raw = "Tab\there, trailing space \r\nCafe\u0301 «quoted»\rلا 한국어 👩‍👩‍👧"
    source = read_source(write(tmp_path, "a.txt", raw))
    assert source.text == normalise_text(raw)
    assert source.text.endswith("👩‍👩‍👧")  # no newline added
    assert "Café" in source.text and "\r" not in source.text
    assert source.warnings == ()


@pytest.mark.parametrize(("prefix", "codec"), [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
])
def test_unicode_with_byte_order_mark(tmp_path: Path, prefix: bytes, codec: str) -> None:
    source = read_source(write(tmp_path, "bom.txt", prefix + ARTICLE.encode(codec)))
    assert source.text == ARTICLE
    assert source.warnings == ()


@pytest.mark.parametrize(("text", "codec"), [
    ("Café", "cp1252"),
    ("Le café de la gare était fermé à midi. Il a dit : « c’est ça », et il est parti.\n",
     "cp1252"),
    ("He said “we will not” — and it’s over. The talks ended on Tuesday without a deal.\n",
     "cp1252"),
    ("Le café est très bon près de la fenêtre, à côté de la gare.\n", "cp1252"),
    ("Los niños juegan en el jardín con sus años de alegría.\n", "cp1252"),
    ("café naïve", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy u řeky.\n", "cp1250"),
    ("Министр иностранных дел России заявил, что соглашение изменит всё для обеих стран.\n",
     "cp1251"),
    ("وزير امور خارجه روسيه گفت كه اين توافق همه چيز را براي هر دو كشور تغيير خواهد داد.",
     "cp1256"),
])
def test_legacy_encodings_are_detected_and_reported(tmp_path: Path, text: str,
                                                    codec: str) -> None:
    source = read_source(write(tmp_path, "legacy.txt", text.encode(codec)))
    assert source.text == text
    assert any(f"decoded as {codec}" in w for w in source.warnings)


def test_undetectable_legacy_text_is_refused_not_garbled(tmp_path: Path) -> None:
    # Seven words of KOI8-R: too short to tell; importing mojibake would be worse than asking.
    path = write(tmp_path, "short.txt", "Министр иностранных дел России заявил".encode("koi8-r"))
    try:
        source = read_source(path)
    except ImportRefusedError as exc:
        assert "short.txt" in str(exc) and "UTF-8" in str(exc)
    else:
        assert source.text == "Министр иностранных дел России заявил"


def test_a_file_of_byte_order_marks_alone_is_refused_as_empty(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "bom.txt", "\ufeff".encode("utf-8")))
    assert "only whitespace" in message


def test_bom_with_invalid_content_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "odd.txt", b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00"))
    assert "UTF-16" in message


@settings(max_examples=60, deadline=None, suppress_health_check=TMP_PATH_OK)
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1)
       .filter(lambda t: normalise_text(t).strip()),  # what the reader keeps: not a lone BOM
       codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_unicode_text_survives_exactly(tmp_path: Path, text: str, codec: str) -> None:
    source = read_source(write(tmp_path, "any.txt", text.encode(codec)))
    assert source.text == normalise_text(text)


# --- markdown -------------------------------------------------------------------------------

def test_markdown_title_from_heading_text_kept_as_written(tmp_path: Path) -> None:
    raw = "\n# Talks end *without* a deal #\n\nThe minister said **nothing** new.\n"
    source = read_source(write(tmp_path, "a.md", raw))
    assert source.title == "Talks end *without* a deal"
    assert source.text == raw


def test_markdown_front_matter_and_setext(tmp_path: Path) -> None:
    raw = ("---\ntitle: 'Front title'\nauthor: Jane Roe\ndate: 2024-01-02T10:00:00Z\n"
           "url: https://ledger.example/a\n---\n# Heading\n\nBody.")
    source = read_source(write(tmp_path, "front.md", raw))
    assert (source.title, source.author, source.published, source.url) == (
        "Front title", "Jane Roe", "2024-01-02", "https://ledger.example/a")
    assert source.text == raw
    setext = read_source(write(tmp_path, "setext.md", "Setext title\n======\n\nBody."))
    assert setext.title == "Setext title"
    plain = read_source(write(tmp_path, "plain.md", "Just a paragraph, no heading."))
    assert plain.title is None


# --- html -----------------------------------------------------------------------------------

def test_html_article_text_and_metadata(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "page.html", HTML_PAGE))
    assert "“will change everything”" in source.text
    assert "far smaller than the ones announced" in source.text
    assert "Subscribe" not in source.text and "Log in" not in source.text
    assert source.title == "Talks end without a deal"
    assert source.author == "Jane Roe"
    assert source.outlet == "The Daily Ledger"
    assert source.published == "2024-03-05"
    assert source.url == "https://ledger.example/world/talks-end"
    assert source.language == "en"


def test_html_import_never_touches_the_network(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access during import")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    source = read_source(write(tmp_path, "page.htm", HTML_PAGE))
    assert source.url == "https://ledger.example/world/talks-end"
    assert attempts == []


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
            "</head><body><article><p>Le café de la gare était fermé à midi, a dit le maire "
            "aux journalistes ce matin, et il l’a répété ce soir.</p></article></body></html>")
    source = read_source(write(tmp_path, "fr.html", page.encode("cp1252")))
    assert "Le café de la gare était fermé à midi" in source.text
    assert "l’a répété" in source.text
    assert any("cp1252" in w for w in source.warnings)


@pytest.mark.parametrize("page", [
    "<html><head><title>Nothing</title></head><body></body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
    "<footer>Copyright</footer></body></html>",
])
def test_html_without_article_is_refused(tmp_path: Path, page: str) -> None:
    assert "no article text" in refusal(write(tmp_path, "empty.html", page))


def test_parser_crash_becomes_a_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("claimweave.exchange.sources.html.trafilatura.bare_extraction", crash)
    message = refusal(write(tmp_path, "deep.html", HTML_PAGE))
    assert "RecursionError" in message and "web page" in message


# --- pdf ------------------------------------------------------------------------------------

def test_pdf_pages_text_and_metadata(tmp_path: Path) -> None:
    data = make_pdf(["Café au lait (hot).\nSecond line.", None, "Third page."],
                    title="Talks end", author="Jane Roe")
    source = read_source(write(tmp_path, "a.pdf", data))
    assert source.text == "Café au lait (hot).\nSecond line.\n\nThird page."
    assert (source.title, source.author, source.language) == ("Talks end", "Jane Roe", "en")
    assert "PDF page 2 has no text" in source.warnings


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "scan.pdf", make_pdf([None, None])))
    assert "no text layer (scanned?)" in message


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Secret article text."]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    assert "encrypted" in refusal(write(tmp_path, "locked.pdf", encrypted_pdf("secret")))


def test_pdf_encrypted_without_password_is_read_with_a_warning(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "restricted.pdf", encrypted_pdf("")))
    assert source.text == "Secret article text."
    assert any("encrypted" in w for w in source.warnings)


@pytest.mark.parametrize(("data", "why"), [
    (make_pdf(["Hello there"])[:70], "damaged PDF"),
    (b"%PDF-1.4\n" + bytes(range(32, 127)) * 40, "PDF"),
    (b"Just some words in a file named like a PDF.", "not a PDF"),
])
def test_corrupt_pdf_is_refused(tmp_path: Path, data: bytes, why: str) -> None:
    assert why in refusal(write(tmp_path, "bad.pdf", data))


# --- docx -----------------------------------------------------------------------------------

def test_docx_paragraphs_tables_and_properties(tmp_path: Path) -> None:
    data = make_docx(["First paragraph “quoted”.", "", "Second\tparagraph."],
                     title="Talks end", author="Jane Roe",
                     created=datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
                     table=[["Country", "Figure"], ["Iran", "12"]])
    source = read_source(write(tmp_path, "a.docx", data))
    assert source.text == ("First paragraph “quoted”.\n\nSecond\tparagraph.\n"
                           "Country\tFigure\nIran\t12")
    assert (source.title, source.author, source.published) == (
        "Talks end", "Jane Roe", "2024-03-05")
    assert any("creation date" in w for w in source.warnings)


def test_docx_title_from_title_style(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "t.docx", make_docx(["Body."], title_style="Styled")))
    assert source.title == "Styled"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return out.getvalue()


def damaged_docx() -> bytes:
    with zipfile.ZipFile(io.BytesIO(make_docx(["Body text."]))) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["word/document.xml"] = b"<w:document><unclosed"
    return zip_bytes(members)


@pytest.mark.parametrize(("data", "why"), [
    (b"This is plain text in a file named .docx", "not a valid .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-style Word document"),
    (zip_bytes({"notes.txt": b"hello"}), "not a Word document"),
    (make_docx([])[:400], "not a valid .docx"),
    (damaged_docx(), "damaged .docx"),
    (make_docx(["", "   "]), "holds no text"),
])
def test_bad_docx_is_refused(tmp_path: Path, data: bytes, why: str) -> None:
    assert why in refusal(write(tmp_path, "bad.docx", data))


def test_docx_that_unpacks_to_too_much_is_refused(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_module, "MAX_EXPANDED", 10_000)
    path = write(tmp_path, "bomb.docx", make_docx(["x" * 50_000]))
    assert "would unpack to" in refusal(path)


# --- dispatch -------------------------------------------------------------------------------

def test_unknown_extension_read_as_text_when_it_decodes(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "notes.log", ARTICLE)).text == ARTICLE
    assert read_source(write(tmp_path, "NOEXT", ARTICLE)).text == ARTICLE


def test_unknown_extension_binary_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "image.xyz", bytes(range(1, 256)) * 20))
    assert "unknown file type (.xyz)" in message


def test_content_wins_over_a_misleading_name(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "really.txt", make_pdf(["A PDF in disguise."])))
    assert source.text == "A PDF in disguise."
    assert any("is a PDF although its name ends in .txt" in w for w in source.warnings)
    assert read_source(write(tmp_path, "blob", make_docx(["Word body."]))).text == "Word body."
    assert read_source(write(tmp_path, "saved", HTML_PAGE)).author == "Jane Roe"
    as_text = read_source(write(tmp_path, "page.txt", HTML_PAGE))
    assert as_text.text == HTML_PAGE  # the user said text: kept as it is, with a hint
    assert any("rename it to .html" in w for w in as_text.warnings)


def test_unsupported_formats_say_what_to_do(tmp_path: Path) -> None:
    assert "save it as .docx" in refusal(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0 x"))


# --- refusals every file gets ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "why"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \r\n\t \n \xe2\x80\xa8", "only whitespace"),
    ("blank.md", b"\n\n   \n", "only whitespace"),
    ("nul.txt", b"Some text\x00with a NUL", "binary data (NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 50 + b"and a few words", "binary data"),
    ("garbage.txt", bytes(b for b in range(128, 256)) * 8, "not UTF-8"),
    ("c1.txt", ("text " + "\x85\x90\x9d\x81" * 30).encode("utf-8"), "control characters"),
    ("nul.html", b"<html><body>\x00\x00</body></html>", "binary data"),
])
def test_bad_content_is_refused(tmp_path: Path, name: str, data: bytes, why: str) -> None:
    assert why in refusal(write(tmp_path, name, data))


def test_folder_and_missing_file_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "folder" in refusal(folder)
    assert "no such file" in refusal(tmp_path / "missing.txt")


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(Path, "open", must_not_open)
    monkeypatch.setattr(Path, "read_bytes", must_not_open)
    assert "too large" in refusal(path) and "50 MB" in refusal(path)


def test_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", ARTICLE)
    if os.geteuid() != 0:  # root reads anything; then simulate the permission error
        path.chmod(0)
        try:
            assert "cannot be read" in refusal(path)
        finally:
            path.chmod(0o600)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert "cannot be read (Permission denied)" in refusal(path)


def test_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in refusal(fifo)


@settings(max_examples=40, deadline=None, suppress_health_check=TMP_PATH_OK)
@given(data=st.binary(min_size=1, max_size=3000),
       suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".bin"]))
def test_arbitrary_bytes_are_read_or_refused_never_crash(tmp_path: Path, data: bytes,
                                                         suffix: str) -> None:
    try:
        read_source(write(tmp_path, "fuzz" + suffix, data))
    except ImportRefusedError as exc:
        assert "fuzz" + suffix in str(exc)


@settings(max_examples=40, deadline=None, suppress_health_check=TMP_PATH_OK)
@given(kind=st.sampled_from(["pdf", "docx"]), position=st.floats(0, 1),
       junk=st.binary(min_size=1, max_size=64))
def test_damaged_pdf_and_docx_never_crash(tmp_path: Path, kind: str, position: float,
                                          junk: bytes) -> None:
    good = make_pdf(["Article text."]) if kind == "pdf" else make_docx(["Article text."])
    at = int(position * (len(good) - 1))
    path = write(tmp_path, "mangled." + kind, good[:at] + junk + good[at + len(junk):])
    try:
        read_source(path)
    except ImportRefusedError as exc:
        assert path.name in str(exc)


# --- through the command line ---------------------------------------------------------------

def test_cli_imports_the_good_files_and_names_the_bad_one(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    project = str(tmp_path / "p.claimweave")
    assert main(["new", project]) == 0
    files = [
        write(tmp_path, "one.txt", ARTICLE),
        write(tmp_path, "broken.pdf", b"%PDF-1.4 and then nothing"),
        write(tmp_path, "two.md", "# Second\n\nAnother article entirely."),
        write(tmp_path, "three.docx", make_docx(["A third article."], title="Third")),
        write(tmp_path, "four.html", HTML_PAGE),
    ]
    capsys.readouterr()
    assert main(["import", project, *map(str, files)]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf" in errors[0]
    assert main(["docs", project, "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert sorted(d["title"] for d in docs) == [
        "Second", "Talks end without a deal", "Third", "one"]



@pytest.mark.parametrize(("lost", "words"), [(1, "1 replacement character (\ufffd)"),
                                             (3, "3 replacement characters (\ufffd)")])
def test_replacement_characters_are_counted_in_the_warning(tmp_path: Path, lost: int,
                                                           words: str) -> None:
    text = "The minister said " + "\ufffd" * lost + " the talks went well."
    source = read_source(write(tmp_path, "lost.txt", text))
    assert [w for w in source.warnings if "replacement" in w] == [
        f"the text holds {words}: some characters were lost before the file reached "
        "ClaimWeave"]
