"""REFI-QDA files as the other programs write them come in where their users put the claims."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import defusedxml.ElementTree as ET
import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import build, content
from .refi_fixtures import NS, Sel, Source, guid, in_utf16, words, write_qdpx

# Astral characters before and between the selections: each shifts a UTF-16 position by one.
NVIVO_TEXT = ("Résumé 😀 of the 𝒜𝓈𝓉𝓇𝒶𝓁 inquiry 👩‍👩‍👧: prices rose 🚀 sharply, "
              "wages fell 🙃 and rents 🏠 doubled over the decade 𝔉𝔬𝔯𝔱𝔶.\n")


def _quotes(project):
    return sorted(c.quote for c in project.claims())


def test_nvivo_utf16_positions_and_capital_sources(project, tmp_path):
    text = NVIVO_TEXT
    chosen = [w for w in words(text) if len(w[2]) > 3]
    sels = [Sel(in_utf16(text, s), in_utf16(text, e), name="") for s, e, _ in chosen]
    path = write_qdpx(tmp_path / "nvivo.qdpx", [Source("Interview", text.encode(), sels)],
                      origin="NVivo for Mac 12.7", folder="Sources")
    report = import_annotations(project, path, "qdpx")
    assert _quotes(project) == sorted(w for _, _, w in chosen)
    assert any("UTF-16" in n for n in report.notes), report.notes
    assert "on word boundaries" in report.notes[0]


def test_qualcoder_bom_multicode_and_note_selections(project, tmp_path):
    text = "Ministers said prices rose. Critics said wages fell 😀 later.\n"
    a, b = text.index("prices rose"), text.index("wages fell")
    economy, prices, memo_note = guid(), guid(), guid()
    user = guid()
    sels = [Sel(a, a + 11, [economy], name="prices rose", user=user),
            Sel(a, a + 11, [prices], name="prices rose", user=user)]  # one selection per code
    notes = (f'<Note guid="{memo_note}" creatingUser="{user}"><PlainTextContent>check the '
             f'source</PlainTextContent><PlainTextSelection guid="{guid()}" startPosition="{b}"'
             f' endPosition="{b + 10}"/></Note>')
    src = Source("Report", ("\ufeff" + text).encode("utf-8"), sels, note_refs=[memo_note])
    path = write_qdpx(tmp_path / "qc.qdpx", [src], origin="QualCoder 3.6",
                      codes={economy: "economy", prices: "prices"}, users={user: "ana"},
                      notes=notes)
    report = import_annotations(project, path, "qdpx")
    claims = {c.quote: c for c in project.claims()}
    assert set(claims) == {"prices rose", "wages fell"}  # not one character early
    assert sorted(claims["prices rose"].tags) == ["economy", "prices"]
    assert claims["wages fell"].note == "check the source"
    assert claims["wages fell"].annotator == claims["prices rose"].annotator == "ana"
    assert not report.warnings
    assert "after the byte-order mark" in report.notes[0]


def test_bom_counted_when_the_quotes_say_so(project, tmp_path):
    text = "Alpha beta gamma delta.\n"
    s = text.index("gamma") + 1  # positions that count the mark
    path = write_qdpx(tmp_path / "b.qdpx", [Source("T", ("\ufeff" + text).encode(),
                                                    [Sel(s, s + 5, name="gamma")])],
                      origin="Some QDA tool")
    report = import_annotations(project, path, "qdpx")
    assert _quotes(project) == ["gamma"]
    assert "counting the byte-order mark" in report.notes[0]


def test_atlas_named_qde_and_crlf_as_one(project, tmp_path):
    text = "First line here.\r\nSecond line: prices rose.\r\nThird line: wages fell.\r\n"
    flat = text.replace("\r\n", "\n")
    sels = [Sel(flat.index(w), flat.index(w) + len(w)) for w in ("prices rose", "wages fell",
                                                                   "Third")]
    path = write_qdpx(tmp_path / "Trial.qdpx", [Source("T", text.encode(), sels)],
                      origin="ATLAS.ti 26", qde="Trial.qde")
    report = import_annotations(project, path, "qdpx")
    assert _quotes(project) == sorted(["prices rose", "wages fell", "Third"])
    assert "as one character" in report.notes[0]


def test_maxqda_description_only_selection(project, tmp_path):
    text = "A memo sits on this sentence only.\n"
    s = text.index("this sentence")
    path = write_qdpx(tmp_path / "m.qdpx", [Source("T", text.encode(),
                                                    [Sel(s, s + 13, description="why?")])],
                      origin="MAXQDA 2022")
    import_annotations(project, path, "qdpx")
    (claim,) = project.claims()
    assert (claim.quote, claim.note, claim.tags) == ("this sentence", "why?", ())


def test_nvivo_note_linked_to_selection(project, tmp_path):
    text = "The council approved the budget in May.\n"
    s = text.index("approved the budget")
    sel = Sel(s, s + 19)
    note = guid()
    notes = f'<Note guid="{note}" name="annotation"><PlainTextContent>see minutes' \
            "</PlainTextContent></Note>"
    links = f'<Link guid="{guid()}" originGUID="{note}" targetGUID="{sel.guid}"/>'
    path = write_qdpx(tmp_path / "n.qdpx", [Source("T", text.encode(), [sel])],
                      origin="NVivo 12 Windows", notes=notes, links=links)
    import_annotations(project, path, "qdpx")
    (claim,) = project.claims()
    assert claim.note == "see minutes" and not project.links()


def test_mismatched_quote_is_reported_not_moved(project, tmp_path):
    text = "One two three four five six seven eight nine ten.\n"
    good = [Sel(s, e, name=w) for s, e, w in words(text)[:6]]
    s = text.index("seven")
    bad = Sel(s, s + 5, name="eight")  # the file says "eight" but points at "seven"
    path = write_qdpx(tmp_path / "x.qdpx", [Source("T", text.encode(), [*good, bad])],
                      origin="QualCoder 3.6")
    report = import_annotations(project, path, "qdpx")
    assert "seven" in _quotes(project) and "eight" not in _quotes(project)
    (warning,) = report.warnings
    assert bad.guid in warning and "'seven'" in warning and "'eight'" in warning
    assert "not moved" in warning


def test_two_qde_files_refused(project, tmp_path):
    path = tmp_path / "two.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.qde", "<x/>")
        zf.writestr("b.qde", "<x/>")
    with pytest.raises(ImportRefusedError, match="several project files"):
        import_annotations(project, path, "qdpx")


def test_utf16_export_for_nvivo_reimports(project, tmp_path):
    build(project)
    path = tmp_path / "nvivo.qdpx"
    export(project, "qdpx", path, positions="utf16")
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("project.qde"))
        for src in root.iter(f"{{{NS}}}TextSource"):
            text = zf.read("sources/" + src.get("plainTextPath")[11:]).decode()
            units = text.encode("utf-16-le")
            for sel in src.iter(f"{{{NS}}}PlainTextSelection"):
                s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert units[2 * s:2 * e].decode("utf-16-le") == \
                    project.claim(sel.get("guid")).quote
    from claimweave.core.store import Project
    target = Project.create(tmp_path / "t.claimweave")
    report = import_annotations(target, path, "qdpx")
    assert content(target, meta=("title",)) == content(project, meta=("title",))
    assert "UTF-16" in report.notes[0]
    target.close()


def test_cli_reports_unit_and_refuses_positions_elsewhere(project, tmp_path):
    build(project)
    project.close()
    cli = [sys.executable, "-m", "claimweave"]
    out = tmp_path / "o.qdpx"
    done = subprocess.run([*cli, "export", str(project.path), "--format", "qdpx", "-o",
                           str(out), "--positions", "utf16"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([*cli, "export", str(project.path), "--format", "jsonl", "-o",
                          str(tmp_path / "o.jsonl"), "--positions", "utf16"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and bad.stderr.startswith("error:") and "qdpx" in bad.stderr
    fresh = tmp_path / "fresh.claimweave"
    subprocess.run([*cli, "new", str(fresh)], check=True, capture_output=True)
    done = subprocess.run([*cli, "import-annotations", str(fresh), str(out), "--format", "qdpx",
                           "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    assert report["added"]["claims"] == 9 and "UTF-16" in report["notes"][0]


def test_nvivo_windows_utf16_after_the_bom(project, tmp_path):
    text = "Rates 💶 rose 📈 again; unions 🪧 protested 🗞 loudly about rents 🏠 and wages.\n"
    chosen = [w for w in words(text) if len(w[2]) > 3]
    sels = [Sel(in_utf16(text, s), in_utf16(text, e)) for s, e, _ in chosen]
    src = Source("Interview", ("\ufeff" + text).encode("utf-8"), sels)
    path = write_qdpx(tmp_path / "nvivo-win.qdpx", [src], origin="NVivo 12 for Windows",
                      folder="Sources")
    report = import_annotations(project, path, "qdpx")
    assert _quotes(project) == sorted(w for _, _, w in chosen)
    assert "UTF-16 code units, after the byte-order mark" in report.notes[0]


def test_cli_prints_notes_and_warnings(project, tmp_path):
    text = "One two three four five six seven eight nine ten.\n"
    good = [Sel(s, e, name=w) for s, e, w in words(text)[:6]]
    s = text.index("seven")
    path = write_qdpx(tmp_path / "x.qdpx", [Source("T", text.encode(), [
        *good, Sel(s, s + 5, name="eight")])], origin="QualCoder 3.6")
    project.close()
    done = subprocess.run([sys.executable, "-m", "claimweave", "import-annotations",
                           str(project.path), str(path), "--format", "qdpx"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "note: positions read as code points" in done.stdout
    assert "warning:" in done.stderr and "not moved" in done.stderr


def test_unit_told_from_word_boundaries_alone():
    """Files that state no quotes and no origin: 20 selections decide the unit every time."""
    import random
    import re

    from claimweave.exchange.datasets.refi_positions import Selection, SourceText, decide

    rng = random.Random(13)
    astral = ["😀", "🚀", "𝒜", "👩‍👩‍👧", "🏠", "👍🏽"]
    vocabulary = ["prices", "rose", "wages", "fell", "a", "of", "the", "minister", "said", "x"]
    for _ in range(60):
        parts = [rng.choice(vocabulary) if rng.random() > 0.2 else rng.choice(astral)
                 for _ in range(rng.randint(60, 200))]
        text = " ".join(parts) + "."
        spans = rng.sample([(m.start(), m.end()) for m in re.finditer(r"\w+", text)], 20)
        source = {"s": SourceText(text, "here")}
        for utf16 in (False, True):
            moved = [(in_utf16(text, a), in_utf16(text, b)) if utf16 else (a, b)
                     for a, b in spans]
            sels = [Selection("s", a, b, None, "here") for a, b in moved]
            if moved == [(in_utf16(text, a), in_utf16(text, b)) for a, b in spans] == spans:
                continue  # no astral character before any selection: both readings agree
            assert decide(source, sels, "").reading.utf16 == utf16, text


def test_nvivo_note_text_in_a_member_with_bom(project, tmp_path):
    text = "The council approved the budget in May.\n"
    s = text.index("the budget")
    sel = Sel(s, s + 10)
    note = guid()
    notes = f'<Note guid="{note}" name="memo" plainTextPath="internal://{note}.txt"/>'
    links = f'<Link guid="{guid()}" originGUID="{note}" targetGUID="{sel.guid}"/>'
    path = write_qdpx(tmp_path / "n.qdpx", [Source("T", text.encode(), [sel])],
                      origin="NVivo 12 Windows", notes=notes, links=links, folder="Sources")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(f"Sources/{note}.txt", "\ufeffasked the clerk\r\n".encode())
    import_annotations(project, path, "qdpx")
    (claim,) = project.claims()
    assert claim.note == "asked the clerk"
