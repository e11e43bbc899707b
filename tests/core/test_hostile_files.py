"""Content another program wrote into a project never runs and never reaches markup raw:
foreign schema objects, values of the wrong form, text that is not UTF-8. Each test builds
its file with plain sqlite3, as such a program would."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core.backup import list_backups
from claimweave.core.integrity import check
from claimweave.core.schema import CONTENT_TRIGGERS
from claimweave.core.schema_objects import ForeignSchemaError
from claimweave.core.store import Project
from claimweave.core.values import FALLBACK_COLOR

from .cli_run import digest, run

TEXT = "The river rose two metres overnight. Officials said the dam held."


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "study.claimweave"
    with Project.create(p) as project:
        doc = project.add_document(TEXT, title="Flood").document.id
        project.add_tag("Weather")
        a = project.add_claim(doc, quote="rose two metres", tags=["Weather"])
        b = project.add_claim(doc, quote="the dam held")
        project.link_claims(a.id, b.id, "contradicts")
    return p


def plant(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


PLANTED = (
    "CREATE TRIGGER rewrite AFTER UPDATE ON claims BEGIN "
    "UPDATE documents SET title = 'rewritten'; DELETE FROM claim_tags; END",
    "CREATE VIEW everything AS SELECT * FROM claims",
    "CREATE INDEX claims_note ON claims(note)",
    "DROP INDEX claims_annotator",
    "CREATE INDEX claims_annotator ON claims(annotator, note)",  # ours, redefined
)


def test_foreign_schema_objects_are_found_refused_and_repaired(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(path, *PLANTED)
    found = [p.message for p in check(path).problems if p.check == "schema"]
    assert len(found) == 4
    for name in ("rewrite", "everything", "claims_note", "claims_annotator"):
        assert any(repr(name) in m for m in found), name
    assert run(capsys, "check", path)[0] == 1

    before = digest(path)
    with pytest.raises(ForeignSchemaError) as refused:
        Project.open(path, lock=True)
    assert all(n in str(refused.value) for n in ("'rewrite'", "'everything'", "'claims_note'"))
    assert digest(path) == before
    with Project.open(path, read_only=True) as project:  # it can still be read and exported
        assert len(project.claims()) == 2

    code, _, err = run(capsys, "check", path, "--repair")  # no terminal: it must not guess
    assert code == 1 and "--yes" in err and digest(path) == before

    code, out, _ = run(capsys, "check", path, "--repair", "--yes", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and len(data["repair"]["removed"]) == 4
    backup = Path(data["repair"]["backup"])
    assert backup in list_backups(path)
    assert [p.check for p in check(backup).problems] == ["schema"] * 4  # the backup is as before
    with Project.open(path, lock=True) as project:
        claim = project.claims()[0]
        project.update_claim(claim.id, note="edited")  # would have fired the trigger
        assert project.documents()[0].title == "Flood"
        assert project.claims()[0].tags or project.claims()[1].tags
    assert check(path).ok


def test_removed_objects_of_claimweaves_own_are_found_and_made_again(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Another tool dropped the content version's triggers and an index: the project still
    opens (read-only: the stored index is not trusted meanwhile); check names them;
    --repair makes them again, after a backup."""
    with Project.open(path, read_only=True) as project:
        tracked = project.content_signature()
    plant(path, f"DROP TRIGGER {CONTENT_TRIGGERS[1]}", "DROP INDEX claims_claimant",
          "UPDATE claims SET updated_at = '2020-01-01T00:00:00.000Z'")  # uncounted
    found = [p.message for p in check(path).problems if p.check == "schema"]
    assert len(found) == 2 and all("(missing)" in m and "--repair" in m for m in found)
    with Project.open(path, read_only=True) as project:
        assert project.content_signature()[0] == "untracked"
    code, out, _ = run(capsys, "check", path, "--repair", "--yes", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["repair"]["removed"] == []
    assert sorted(data["repair"]["restored"]) == [
        "index 'claims_claimant' on claims (missing)",
        f"trigger '{CONTENT_TRIGGERS[1]}' on claims (missing)"]
    with Project.open(path) as project:
        before = project.content_signature()
        assert before == project.content_signature() != tracked  # the uncounted edit
        project.update_claim(project.claims()[0].id, start=1)
        assert project.content_signature() != before
    assert check(path).ok


def test_an_index_rows_break_is_one_error_and_nothing_changes(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(path, "DROP INDEX suggest_passages_ref",
          "INSERT INTO suggest_indexes VALUES (1, 'k', 's', '{}', 'now')",
          "INSERT INTO suggest_passages VALUES (1, 'claims', 0, 'same', 0, 1, 1.0, X'00')",
          "INSERT INTO suggest_passages VALUES (1, 'claims', 1, 'same', 0, 1, 1.0, X'00')")
    before = digest(path)
    code, out, err = run(capsys, "check", path, "--repair", "--yes")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("error: ") and "suggest_passages" in err
    assert digest(path) == before


def test_values_of_the_wrong_form_are_flagged_and_never_raw_in_the_report(
        path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = "red;}</style><script>alert(1)</script>"
    plant(path, f"UPDATE tags SET color = '{script}'",
          "UPDATE relation_types SET color = '#ffffff' || char(10) WHERE name = 'contradicts'",
          "UPDATE documents SET published = '2024-02-30'",
          "UPDATE claims SET created_at = 'yesterday' WHERE rowid = 1")
    values = [p.message for p in check(path).problems if p.check == "values"]
    assert len(values) == 4
    assert any("published '2024-02-30'" in m for m in values)
    with Project.open(path, read_only=True) as project:
        assert {t.color for t in project.tags()} == {FALLBACK_COLOR}
        assert project.relation_types()[1].color == FALLBACK_COLOR
    out = tmp_path / "report.html"
    assert run(capsys, "report", path, "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "alert(1)" not in html and "#ffffff\n" not in html


def test_the_command_line_refuses_colours_and_dates_that_only_look_right(
        path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("A second article about the flood.", encoding="utf-8")
    before = digest(path)
    for argv in (("tag", path, "add", "Place", "--color", "#ffffff\n"),
                 ("relation", path, "add", "cites", "--color", "#ffffff\n"),
                 ("import", path, src, "--published", "2024-02-30"),
                 ("import", path, src, "--published", "２０２４-01-01"),
                 ("import", path, src, "--published", "2024-01-01\n")):
        code, _, err = run(capsys, *argv)
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, argv
    assert digest(path) == before
    assert run(capsys, "import", path, src, "--published", "2024-02-29")[0] == 0


def test_text_that_is_not_utf8_is_reported_and_read_as_replacement_characters(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(path, "UPDATE claims SET note = CAST(X'6869ff2074686572' AS TEXT) WHERE rowid = 1",
          "UPDATE tags SET name = CAST(X'57c3' AS TEXT)")
    found = [p for p in check(path).problems if p.check == "text"]
    assert sorted(p.table for p in found) == ["claims", "tags"]
    with Project.open(path, read_only=True) as project:
        assert "hi\ufffd ther" in [c.note for c in project.claims()]
        assert project.tags()[0].name == "W\ufffd" and project.replaced_text
    code, out, err = run(capsys, "claims", path, "--json")
    assert code == 0 and "\ufffd" in out
    assert err.startswith("warning: ") and "not valid UTF-8" in err and err.count("\n") == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal (Linux)")
@pytest.mark.parametrize(("answer", "code"), [(b"n\n", 1), (b"y\n", 0)])
def test_repair_asks_in_a_terminal(path: Path, answer: bytes, code: int) -> None:
    plant(path, "CREATE VIEW everything AS SELECT * FROM claims")
    before = digest(path)
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "claimweave", "check", str(path), "--repair"],
                          stdin=follower, stdout=follower, stderr=follower) as proc:
        os.close(follower)
        said = b""
        while b"[y/N]" not in said:
            said += os.read(leader, 1024)
        assert b"view 'everything'" in said
        os.write(leader, answer)
        assert proc.wait(timeout=60) == code
    os.close(leader)
    assert (digest(path) == before) == (code == 1)
    assert bool(list_backups(path)) == (code == 0)
