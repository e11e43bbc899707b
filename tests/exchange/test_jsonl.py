"""JSONL documents: round trip, idempotent import, refusals that name the line."""

from __future__ import annotations

import json

import pytest

from claimweave.cli import main
from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import build, content, roundtrip, state


def test_roundtrip_is_exact_and_keeps_ids(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "jsonl", "out.jsonl")
    assert content(target) == content(project)
    assert {c.id for c in target.claims()} == {c.id for c in project.claims()}
    assert {k.id for k in target.links()} == {k.id for k in project.links()}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for c in record["claims"]:
            assert record["text"][c["start"]:c["end"]] == c["quote"]
    target.close()


def test_second_import_changes_nothing(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "jsonl", "out.jsonl")
    before = state(target)
    report = import_annotations(target, path, "jsonl")
    assert not report.changed and not report.conflicts
    assert state(target) == before
    target.close()


def test_import_is_one_undo_step(project, tmp_path):
    build(project)
    target, _ = roundtrip(project, tmp_path, "jsonl", "out.jsonl")
    target.undo()
    assert target.documents() == [] and target.claims() == []
    target.close()


def test_malformed_line_names_file_and_line_and_changes_nothing(project, tmp_path):
    build(project)
    path = tmp_path / "out.jsonl"
    export(project, "jsonl", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"text": "broken"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = project.__class__.create(tmp_path / "empty.claimweave")
    with pytest.raises(ImportRefusedError, match=r"out\.jsonl, line 3"):
        import_annotations(empty, path, "jsonl")
    assert empty.documents() == []
    empty.close()


def test_bad_quote_late_in_file_rolls_everything_back(project, tmp_path):
    build(project)
    path = tmp_path / "out.jsonl"
    export(project, "jsonl", path)
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    records[-1]["claims"][0]["quote"] = "not the text"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    empty = project.__class__.create(tmp_path / "empty.claimweave")
    with pytest.raises(ImportRefusedError, match=r"line 3, claims\[0\].*differs"):
        import_annotations(empty, path, "jsonl")
    assert state(empty)[:5] == ([], [], [], [], [])
    empty.close()


def test_cli_import_annotations(project, tmp_path, capsys):
    build(project)
    path = tmp_path / "out.jsonl"
    export(project, "jsonl", path)
    target = tmp_path / "cli.claimweave"
    assert main(["new", str(target)]) == 0
    assert main(["import-annotations", str(target), str(path), "--format", "jsonl",
                 "--json"]) == 0
    capsys.readouterr()
    assert main(["import-annotations", str(target), str(path), "--format", "jsonl",
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["added"]["claims"] == 0 and report["matched"]["claims"] == 9
    assert main(["import-annotations", str(target), str(tmp_path / "missing.jsonl"),
                 "--format", "jsonl"]) == 1
    assert "missing.jsonl" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "deep.jsonl"), ("webanno", "deep.jsonld")])
def test_absurdly_nested_json_is_refused_not_a_crash(project, tmp_path, fmt, name):
    path = tmp_path / name
    path.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    with pytest.raises(ImportRefusedError, match="nested too deeply"):
        import_annotations(project, path, fmt)
    assert project.documents() == []


def test_the_import_format_is_told_from_the_name(tmp_path):
    from claimweave.exchange.datasets.importers import guess_format

    assert guess_format(tmp_path / "a.JSONL") == "jsonl"
    assert guess_format(tmp_path / "a.jsonld") == "webanno"
    assert guess_format(tmp_path / "study.qdpx") == "qdpx"
    assert guess_format(tmp_path) == "brat"
    with pytest.raises(ImportRefusedError, match="cannot tell the format"):
        guess_format(tmp_path / "notes.txt")


def test_an_older_export_leaves_a_parked_claim_parked(project, tmp_path):
    """After a text update parked a claim, importing an export made before it does not
    bring a second claim with that id in: it is listed as a conflict, and the parked claim
    can still be placed."""
    doc = project.add_document("The mayor promised a report. Residents doubt it.",
                               title="Bridge").document.id
    parked = project.add_claim(doc, quote="The mayor promised a report").id
    export(project, "jsonl", tmp_path / "old.jsonl")
    project.update_text(doc, "Residents doubt it. Nothing else was said.")
    assert [u.claim_id for u in project.unplaced_claims()] == [parked]
    report = import_annotations(project, tmp_path / "old.jsonl", "jsonl")
    assert any(parked in c and "unplaced" in c for c in report.conflicts)
    assert not project.has_claim(parked)
    project.place_claim(parked, 0, 9)
    assert project.claim(parked).quote == "Residents"
