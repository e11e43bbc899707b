"""Source criticism commands as scripts use them: names, JSON shapes, error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimweave.cli import main

# A wire story and a later reprint of its first paragraph, plus an independent report.
WIRE = ("The ministry said the new bridge over the Seld will open in June after inspectors "
        "approved the last of the pillars on Monday, and that traffic will be limited to "
        "cars and buses for the first three months while engineers watch the joints.\n"
        "Critics called the schedule optimistic.")
REPRINT = ("Local news in brief.\n"
           "The ministry said the new bridge over the Seld will open in June after inspectors "
           "approved the last of the pillars on Monday, and that traffic will be limited to "
           "cars and buses for the first three months while engineers watch the joints.")
OWN = "Our reporter saw the bridge: it will open in June, workers on the site told us."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def js(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def proj(tmp_path: Path, capsys) -> tuple[str, dict[str, str]]:
    path = str(tmp_path / "p.claimweave")
    assert run(capsys, "new", path)[0] == 0
    ids = {}
    for name, text, date in (("wire", WIRE, "2026-03-01"), ("reprint", REPRINT, "2026-03-05"),
                             ("own", OWN, "2026-03-02")):
        f = tmp_path / f"{name}.txt"
        f.write_text(text, encoding="utf-8")
        ids[name] = js(capsys, "import", path, str(f), "--published", date,
                       "--author", name.title())[0]["document"]["id"]
    return path, ids


def test_claim_with_claimant_and_claimant_command(proj, capsys) -> None:
    path, ids = proj
    c = js(capsys, "claim", path, ids["wire"], "--quote", "the new bridge over the Seld will "
           "open in June", "--claimant", "the ministry")
    assert c["claimant"] == "the ministry"
    assert js(capsys, "claimant", path, c["id"], "--clear")["claimant"] is None
    assert js(capsys, "claimant", path, c["id"][:8], "The Ministry")["claimant"] == "the ministry"
    [listed] = js(capsys, "claims", path)
    assert listed["claimant"] == "the ministry"
    [k] = js(capsys, "claimants", path)
    assert (k["name"], k["aliases"], k["claims"]) == ("the ministry", [], 1)
    assert js(capsys, "claimants", path, "--alias", "the ministry", "Ministry of Transport"
              )[0]["aliases"] == ["Ministry of Transport"]
    code, _, _err = run(capsys, "claimant", path, c["id"], "--clear", "Somebody")
    assert code == 2  # a name and --clear together: a usage error


def test_merge_and_rename_claimants(proj, capsys) -> None:
    path, ids = proj
    a = js(capsys, "claim", path, ids["wire"], "--quote", "Critics called the schedule "
           "optimistic", "--claimant", "critics")
    js(capsys, "claim", path, ids["own"], "--quote", "workers on the site told us",
       "--claimant", "site workers")
    merged = js(capsys, "claimants", path, "--merge", "site workers", "critics")
    assert [(k["name"], k["aliases"], k["claims"]) for k in merged] == [
        ("site workers", ["critics"], 2)]
    renamed = js(capsys, "claimants", path, "--rename", "site workers", "workers")
    assert renamed[0]["name"] == "workers"
    assert js(capsys, "claims", path, "--doc", ids["wire"])[0]["id"] == a["id"]
    code, _, err = run(capsys, "claimants", path, "--merge", "workers", "nobody")
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_doc_card_shape_edits_and_errors(proj, capsys) -> None:
    path, ids = proj
    d = js(capsys, "doc", path, ids["wire"], "--kind", "news report", "--reliability", "4",
           "--reason", "names its source", "--note", "a wire story", "--set", "country=UK",
           "--set", "leaning=centre", "--title", "Bridge opens")
    assert {k: d[k] for k in ("title", "kind", "reliability", "reason", "note", "attributes")
            } == {"title": "Bridge opens", "kind": "news", "reliability": 4,
                  "reason": "names its source", "note": "a wire story",
                  "attributes": {"country": "UK", "leaning": "centre"}}
    docs = js(capsys, "docs", path)
    assert {x["id"]: x["attributes"] for x in docs}[ids["wire"]] == {
        "country": "UK", "leaning": "centre"}
    d = js(capsys, "doc", path, ids["wire"], "--unset", "leaning", "--reliability", "none",
           "--reason", "")
    assert d["attributes"] == {"country": "UK"} and d["reliability"] is None
    before = js(capsys, "doc", path, ids["wire"])
    for bad, why in ((["--reliability", "7", "--reason", "x"], "1 to 5"),
                     (["--reliability", "3"], "reason"),
                     (["--kind", "blog"], "kind"),
                     (["--set", "novalue"], "NAME=VALUE"),
                     (["--title", "New", "--unset", "audience"], "no attribute")):
        code, _out, err = run(capsys, "doc", path, ids["wire"], *bad)
        assert code == 1 and err.startswith("error: ") and why in err, (bad, err)
    assert js(capsys, "doc", path, ids["wire"]) == before  # a refused edit changed nothing
    d = js(capsys, "doc", path, ids["reprint"], "--derived-from", ids["wire"][:8])
    assert d["derived_from"] == ids["wire"]
    assert js(capsys, "doc", path, ids["reprint"], "--original")["derived_from"] is None


def test_provenance_json_names_the_reprint_as_later(proj, capsys) -> None:
    path, ids = proj
    [p] = js(capsys, "provenance", path)
    assert set(p) == {"a", "b", "words", "earlier"}
    assert set(p["a"]) == {"document_id", "start", "end"}
    assert p["earlier"] == ids["wire"] == p["a"]["document_id"]
    assert p["b"]["document_id"] == ids["reprint"] and p["words"] >= 40
    _code, out, _ = run(capsys, "provenance", path)
    assert "shares 9" in out and "--derived-from" in out  # the reprint is nearly all copy
    assert js(capsys, "provenance", path, "--min-words", "60") == []


def test_compare_independent_counts_and_grouping(proj, capsys) -> None:
    path, ids = proj
    q = "the new bridge over the Seld will open in June"
    a = js(capsys, "claim", path, ids["wire"], "--quote", q)
    b = js(capsys, "claim", path, ids["reprint"], "--quote", q)
    c = js(capsys, "claim", path, ids["own"], "--quote", "it will open in June")
    js(capsys, "link", path, a["id"], b["id"], "--relation", "agrees")
    js(capsys, "link", path, a["id"], c["id"], "--relation", "agrees")
    [prop] = js(capsys, "compare", path)["propositions"]
    assert (prop["sources_supporting"], prop["independent_supporting"]) == (3, 2)
    assert (prop["sources_contradicting"], prop["independent_contradicting"]) == (0, 0)
    assert prop["claimants"] == ["Wire", "Own", "Reprint"]  # by publication date
    assert prop["first_appearance"] == {"document": ids["wire"], "published": "2026-03-01"}
    js(capsys, "doc", path, ids["wire"], "--set", "country=UK")
    js(capsys, "doc", path, ids["own"], "--set", "country=UK")
    grouped = js(capsys, "compare", path, "--by", "country")
    assert grouped["sources"] == [
        {"id": "UK", "title": "UK", "documents": [ids["wire"], ids["own"]]},
        {"id": "(none)", "title": "(none)", "documents": [ids["reprint"]]}]
    cells = {c["source"]: c for c in grouped["cells"]}
    assert cells["UK"]["supports"] == [a["id"], c["id"]]
    code, out, _ = run(capsys, "compare", path)
    assert "3 sources, 2 independent" in out and "reprints a" in out
    code, _, err = run(capsys, "compare", path, "--by", "audience")
    assert code == 1 and err.startswith("error: no source has the attribute")


def test_update_text_and_unplaced(proj, capsys, tmp_path) -> None:
    path, ids = proj
    c = js(capsys, "claim", path, ids["own"], "--quote", "Our reporter saw the bridge")
    gone = js(capsys, "claim", path, ids["own"], "--quote", "workers on the site told us")
    new = tmp_path / "own2.txt"
    new.write_text("Update: our reporter saw the bridge again. Our reporter saw the bridge: "
                   "it opens in July.", encoding="utf-8")
    result = js(capsys, "update-text", path, ids["own"], str(new))
    assert result["document"] == ids["own"]
    assert [(p["claim"], p["how"]) for p in result["placed"]] == [(c["id"], "exact")]
    assert [u["claim"] for u in result["unplaced"]] == [gone["id"]]
    assert [u["claim"] for u in js(capsys, "unplaced", path)] == [gone["id"]]
    assert js(capsys, "unplaced", path, "--place", gone["id"][:8], "0", "6") == []
    assert js(capsys, "claims", path, "--doc", ids["own"])[0]["quote"] == "Update"
    code, _, err = run(capsys, "update-text", path, ids["own"], str(new))
    assert code == 1 and "already has exactly this text" in err
