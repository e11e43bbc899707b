"""``claimweave check``: each kind of damage, made by hand with sqlite3, is found and named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from claimweave.cli import main
from claimweave.core.errors import NotAProjectError
from claimweave.core.integrity import check
from claimweave.core.store import Project

TEXT_A = "The dam held for forty years. Engineers warned in 2019 that the spillway was too small."
TEXT_B = "Officials said the dam was safe. A report from 2019 called the spillway adequate. 🌊"


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    """A small, valid project: two documents, tags in a hierarchy, claims and links."""
    path = tmp_path / "dam.claimweave"
    with Project.create(path, title="Dam") as p:
        a = p.add_document(TEXT_A, title="A").document.id
        b = p.add_document(TEXT_B, title="B").document.id
        p.add_tag("Safety")
        p.add_tag("Spillway", parent="Safety")
        c1 = p.add_claim(a, quote="the spillway was too small", tags=["Spillway"], note="key")
        c2 = p.add_claim(b, quote="called the spillway adequate", tags=["Spillway"])
        c3 = p.add_claim(b, quote="the dam was safe")
        p.link_claims(c1.id, c2.id, "contradicts")
        p.link_claims(c1.id, c3.id, "related")
    return path


def damage(path: Path, *statements: str, args: tuple = ()) -> None:
    """Edit the file behind the program's back, as another tool would: no foreign keys,
    no CHECK constraints, no full-text upkeep."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        con.execute(sql, args if "?" in sql else ())
    con.commit()
    con.close()


def problems(path: Path, kind: str) -> list[str]:
    return [p.message for p in check(path).problems if p.check == kind]


def one_id(path: Path, sql: str) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_a_healthy_project_is_clean(healthy: Path) -> None:
    report = check(healthy)
    assert report.ok, report.problems
    assert {"integrity_check", "foreign_key_check", "fts", "claims", "links", "tags"} <= set(
        report.checks)


def test_check_leaves_the_file_and_folder_untouched(healthy: Path) -> None:
    before = healthy.read_bytes()
    listing = sorted(p.name for p in healthy.parent.iterdir())
    check(healthy)
    assert healthy.read_bytes() == before
    assert sorted(p.name for p in healthy.parent.iterdir()) == listing


def test_check_works_while_the_project_is_open_for_editing(healthy: Path) -> None:
    with Project.open(healthy, lock=True) as p:
        doc = p.documents()[0].id
        p.add_claim(doc, 0, 7)
        assert check(healthy).ok


def test_quote_differing_from_the_text(healthy: Path) -> None:
    damage(healthy, "UPDATE claims SET quote = 'the spillway was too large' "
                    "WHERE quote = 'the spillway was too small'")
    found = problems(healthy, "claims")
    assert len(found) == 1 and "differs from the text" in found[0]


def test_span_outside_the_text(healthy: Path) -> None:
    damage(healthy, 'UPDATE claims SET "end" = 10000 WHERE quote = \'the dam was safe\'')
    assert any("not a non-empty span" in m for m in problems(healthy, "claims"))


def test_negative_and_empty_spans(healthy: Path) -> None:
    damage(healthy, "UPDATE claims SET start = -3 WHERE quote = 'the dam was safe'",
           'UPDATE claims SET start = "end" WHERE quote LIKE \'called%\'')
    assert len([m for m in problems(healthy, "claims") if "not a non-empty span" in m]) == 2


def test_prefix_and_suffix_context(healthy: Path) -> None:
    damage(healthy, "UPDATE claims SET prefix = 'x' || prefix WHERE quote = 'the dam was safe'",
           "UPDATE claims SET suffix = 'y' WHERE quote LIKE 'called%'")
    found = problems(healthy, "claims")
    assert any("prefix differs" in m for m in found)
    assert any("suffix differs" in m for m in found)


def test_document_hash_count_and_normalisation(healthy: Path) -> None:
    damage(healthy, "UPDATE documents SET text_sha256 = 'beef' WHERE title = 'A'",
           "UPDATE documents SET char_count = 3 WHERE title = 'B'")
    found = problems(healthy, "documents")
    assert any("text_sha256 does not match" in m for m in found)
    assert any("char_count is 3" in m for m in found)
    damage(healthy, "UPDATE documents SET text = replace(text, '. ', '.' || char(13, 10)) "
                    "WHERE title = 'A'")
    found = problems(healthy, "documents")
    assert any("not normalised" in m for m in found)
    # The text changed under its claims (the words did not, so the search index still fits).
    assert problems(healthy, "claims")


def test_link_to_a_missing_claim(healthy: Path) -> None:
    damage(healthy, "UPDATE links SET target_claim_id = 'no-such-claim' "
                    "WHERE relation_type_id = (SELECT id FROM relation_types WHERE name='related')")
    assert any("does not exist" in m for m in problems(healthy, "links"))
    assert any("links row" in m and "missing claims" in m
               for m in problems(healthy, "foreign_key_check"))


def test_link_from_a_claim_to_itself(healthy: Path) -> None:
    damage(healthy, "UPDATE links SET target_claim_id = source_claim_id "
                    "WHERE relation_type_id = (SELECT id FROM relation_types WHERE name='related')")
    assert any("to itself" in m for m in problems(healthy, "links"))


def test_claim_of_a_deleted_document(healthy: Path) -> None:
    damage(healthy, "DELETE FROM documents WHERE title = 'B'")
    assert any("belongs to no document" in m for m in problems(healthy, "claims"))
    assert any("missing documents" in m for m in problems(healthy, "foreign_key_check"))


def test_tag_parent_cycle(healthy: Path) -> None:
    damage(healthy, "UPDATE tags SET parent_id = (SELECT id FROM tags WHERE name = 'Spillway') "
                    "WHERE name = 'Safety'")
    found = problems(healthy, "tags")
    assert len(found) == 1 and "cycle" in found[0]
    assert "Safety" in found[0] and "Spillway" in found[0]


def test_tag_that_is_its_own_parent(healthy: Path) -> None:
    damage(healthy, "UPDATE tags SET parent_id = id WHERE name = 'Safety'")
    assert any("cycle: Safety -> Safety" in m for m in problems(healthy, "tags"))


def test_relation_polarity(healthy: Path) -> None:
    damage(healthy, "UPDATE relation_types SET polarity = 2 WHERE name = 'agrees'")
    assert any("polarity 2" in m for m in problems(healthy, "relation_types"))


def test_full_text_index_out_of_step(healthy: Path) -> None:
    damage(healthy, "UPDATE claims SET note = 'zebra' WHERE note = 'key'")
    assert any("claims_fts" in m for m in problems(healthy, "fts"))
    assert not problems(healthy, "claims")  # the note is free text: the model is intact


def test_damaged_index_page(healthy: Path) -> None:
    """A page of an index overwritten with garbage: SQLite's own integrity_check finds it."""
    con = sqlite3.connect(healthy)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims_document'"
                       ).fetchone()[0]
    con.close()
    with healthy.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    report = check(healthy)
    assert not report.ok
    assert any(p.check in {"integrity_check", "file"} for p in report.problems)


def test_not_a_project_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.claimweave"
    path.write_text("just some notes")
    with pytest.raises(NotAProjectError):
        check(path)
    assert main(["check", str(path)]) == 1


def test_cli_exit_status_and_listing(healthy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(healthy)]) == 0
    assert ": ok" in capsys.readouterr().out
    damage(healthy, "UPDATE relation_types SET polarity = 7 WHERE name = 'agrees'",
           "UPDATE tags SET parent_id = id WHERE name = 'Safety'")
    assert main(["check", str(healthy)]) == 1
    out = capsys.readouterr().out
    assert "2 problems\n" in out and "[relation_types]" in out and "[tags]" in out
    assert main(["check", str(healthy), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and {p["check"] for p in data["problems"]} == {
        "relation_types", "tags"}


def test_many_problems_are_capped(healthy: Path) -> None:
    with Project.open(healthy) as p:
        doc = p.documents()[0].id
        p.add_claims(doc, [(i, i + 1) for i in range(60)] + [(i, i + 2) for i in range(60)])
    damage(healthy, "UPDATE claims SET quote = quote || '!'")
    found = problems(healthy, "claims")
    assert len(found) == 101 and "more problems" in found[-1]
