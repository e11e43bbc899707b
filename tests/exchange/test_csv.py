"""CSV: folder or zip, parses back, formula cells neutralised."""

from __future__ import annotations

import csv
import io
import zipfile

from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.tables import neutralise

from .datasets_sample import build


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_folder_and_zip_hold_the_same_tables(project, tmp_path):
    build(project)
    export(project, "csv", tmp_path / "tables")
    export(project, "csv", tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as zf:
        for name in ("documents.csv", "claims.csv", "links.csv"):
            folder = (tmp_path / "tables" / name).read_bytes()
            assert zf.read(name) == folder
    claims = _rows((tmp_path / "tables" / "claims.csv").read_text(encoding="utf-8"))
    links = _rows((tmp_path / "tables" / "links.csv").read_text(encoding="utf-8"))
    assert len(claims) == 9 and len(links) == 5
    by_id = {c.id: c for c in project.claims()}
    for row in claims:
        c = by_id[row["id"]]
        assert (int(row["start"]), int(row["end"])) == (c.start, c.end)
        assert row["quote"] == neutralise(c.quote)


def test_formula_cells_are_neutralised(project, tmp_path):
    build(project)
    export(project, "csv", tmp_path / "tables")
    text = (tmp_path / "tables" / "claims.csv").read_text(encoding="utf-8")
    cells = [v for row in _rows(text) for v in row.values()]
    assert "'=SUM(A1) is not a formula" in cells
    assert "'-1 is negative" in cells
    assert "'=HYPERLINK(\"x\")" in cells
    assert not [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("plain") == "plain"
    assert neutralise(-3) == -3
    assert neutralise("") == ""
