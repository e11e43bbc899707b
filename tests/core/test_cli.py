"""The command line as scripts use it: names, JSON shapes, exit codes, stderr lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimweave.cli import main

TEXT = "Both capitals call it a “strategic partnership”. 😀 Critics said it is not an alliance."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_project(tmp_path: Path, capsys) -> tuple[Path, str]:
    proj = tmp_path / "p.claimweave"
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert run(capsys, "new", str(proj), "--title", "Debate")[0] == 0
    code, out, _ = run(capsys, "import", str(proj), str(src), "--author", "Zoë",
                       "--published", "2026-11-01", "--json")
    assert code == 0
    doc = json.loads(out)[0]["document"]
    return proj, doc["id"]


def test_docs_json_shape(cli_project, capsys) -> None:
    proj, doc = cli_project
    code, out, err = run(capsys, "docs", str(proj), "--json")
    assert code == 0 and err == ""
    (d,) = json.loads(out)
    assert set(d) == {"id", "title", "author", "outlet", "published", "url", "chars", "claims",
                      "kind", "reliability", "reason", "note", "attributes"}
    assert (d["id"], d["author"], d["published"], d["chars"]) == (doc, "Zoë", "2026-11-01",
                                                                  len(TEXT))


def test_text_is_exact_utf8_from_the_real_program(cli_project) -> None:
    import subprocess
    import sys

    proj, doc = cli_project
    done = subprocess.run([sys.executable, "-m", "claimweave", "text", str(proj), doc[:6]],
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == TEXT.encode("utf-8")


def test_claim_claims_link_links_json(cli_project, capsys) -> None:
    proj, doc = cli_project
    code, out, _ = run(capsys, "claim", str(proj), doc[:8], "--quote", "strategic partnership",
                       "--tag", "Framing", "--note", "official line", "--annotator", "ana",
                       "--json")
    assert code == 0
    a = json.loads(out)
    assert set(a) == {"id", "document_id", "start", "end", "quote", "tags", "note", "annotator",
                      "claimant"}
    assert TEXT[a["start"]:a["end"]] == "strategic partnership" == a["quote"]
    assert a["tags"] == ["Framing"] and a["annotator"] == "ana"
    start = TEXT.index("it is not an alliance")
    code, out, _ = run(capsys, "claim", str(proj), doc, "--span", str(start), str(len(TEXT)),
                       "--json")
    b = json.loads(out)
    assert b["quote"] == "it is not an alliance."
    code, out, _ = run(capsys, "link", str(proj), a["id"][:8], b["id"][:8], "--relation",
                       "contradicts", "--note", "n", "--json")
    assert code == 0
    link = json.loads(out)
    assert set(link) == {"id", "source", "target", "relation", "note", "annotator"}
    code, out, _ = run(capsys, "links", str(proj), "--json")
    assert json.loads(out) == [link]
    code, out, _ = run(capsys, "claims", str(proj), "--tag", "framing", "--json")
    assert [c["id"] for c in json.loads(out)] == [a["id"]]
    code, out, _ = run(capsys, "search", str(proj), "alliance", "--json")
    assert {h["kind"] for h in json.loads(out)} == {"document", "claim"}
    code, out, _ = run(capsys, "stats", str(proj), "--json")
    stats = json.loads(out)
    assert (stats["documents"], stats["claims"], stats["links"]) == (1, 2, 1)


def test_tags_command(cli_project, capsys) -> None:
    proj, _ = cli_project
    assert run(capsys, "tag", str(proj), "add", "Figures", "--color", "#336699")[0] == 0
    assert run(capsys, "tag", str(proj), "add", "Costs", "--parent", "Figures")[0] == 0
    code, out, _ = run(capsys, "tags", str(proj), "--json")
    assert code == 0
    tags = {t["name"]: t for t in json.loads(out)}
    assert tags["Costs"]["parent"] == "Figures" and tags["Figures"]["color"] == "#336699"


@pytest.mark.parametrize("argv", [
    ["claim", "{p}", "{d}", "--quote", "no such words"],
    ["claim", "{p}", "{d}", "--span", "5", "5"],
    ["claim", "{p}", "ffffffff", "--span", "0", "4"],
    ["link", "{p}", "abcd", "abcd", "--relation", "agrees"],
    ["tag", "{p}", "add", "X", "--color", "blue"],
    ["import", "{p}", "/nonexistent/file.txt"],
    ["docs", "{missing}"],
])
def test_errors_are_one_line_on_stderr_with_status_1(cli_project, capsys, tmp_path, argv) -> None:
    proj, doc = cli_project
    before = proj.read_bytes()
    argv = [a.format(p=proj, d=doc, missing=tmp_path / "missing.claimweave") for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert proj.read_bytes() == before


def test_usage_errors_exit_2(cli_project, capsys) -> None:
    proj, doc = cli_project
    assert run(capsys, "claim", str(proj), doc)[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys)[0] == 2


def test_export_jsonl(cli_project, capsys, tmp_path) -> None:
    proj, doc = cli_project
    run(capsys, "claim", str(proj), doc, "--quote", "strategic partnership")
    out_file = tmp_path / "out.jsonl"
    assert run(capsys, "export", str(proj), "--format", "jsonl", "-o", str(out_file))[0] == 0
    (record,) = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == TEXT
    (claim,) = record["claims"]
    assert record["text"][claim["start"]:claim["end"]] == claim["quote"]


def test_write_commands_respect_an_open_window(tmp_path, capsys) -> None:
    from claimweave.core.store import Project

    path = tmp_path / "open.claimweave"
    with Project.create(path) as p:
        doc = p.add_document("The dam held. The river fell.").document.id
    window = Project.open(path, lock=True)  # what the desktop program holds
    try:
        code, _out, err = run(capsys, "claim", str(path), doc[:8], "--quote", "The dam held.")
        assert code == 1 and "open in a running ClaimWeave" in err
        code, out, _ = run(capsys, "claims", str(path), "--json")
        assert code == 0 and json.loads(out) == []  # reading still works
    finally:
        window.close()
    assert run(capsys, "claim", str(path), doc[:8], "--quote", "The dam held.")[0] == 0


def test_relation_types_of_ones_own(tmp_path, capsys) -> None:
    path = tmp_path / "r.claimweave"
    assert run(capsys, "new", str(path))[0] == 0
    code, out, _ = run(capsys, "relation", str(path), "add", "exaggerates", "--color",
                       "#aa3366", "--polarity", "negative", "--json")
    assert code == 0 and json.loads(out)["polarity"] == -1
    code, out, _ = run(capsys, "relations", str(path), "--json")
    names = [r["name"] for r in json.loads(out)]
    assert names[:2] == ["agrees", "contradicts"] and names[-1] == "exaggerates"
    code, _out, err = run(capsys, "relation", str(path), "add", "Exaggerates")
    assert code == 1 and "already exists" in err
    code, out, _ = run(capsys, "relations", str(path))
    assert "exaggerates  #aa3366  negative" in out
