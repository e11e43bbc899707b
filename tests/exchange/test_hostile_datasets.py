"""Hostile dataset files (annotation imports), built here and imported through the real
command line: each is one ``error:`` line naming the file and the place, exit 1, the
project unchanged; pipes, devices and folders are refused, links out of a brat folder
never followed."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
import zipfile
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.exchange.datasets import export

from .hostile import GIB, run_cli

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

    con = sqlite3.connect(f"file:{project}?mode=ro&immutable=1", uri=True)
    try:
        return [line for line in con.iterdump() if "sqlite_stat" not in line
                and "ANALYZE" not in line]
    finally:
        con.close()


def jsonl_line(**changes: object) -> str:

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

    opens = "".join(f'<Code guid="{uuid.uuid4()}" name="level {n}" isCodable="true">'
                    for n in range(depth))
    return opens + "</Code>" * depth


def qdpx(path: Path, depth: int) -> Path:

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
