"""The command line: analyse, candidates, suggest (JSON shape, errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimweave.cli import main
from claimweave.core.store import Project

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C


@pytest.fixture
def proj(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "cli.claimweave"
    with Project.create(path) as p:
        a = p.add_document(ARTICLE_A, title="A").document.id
        b = p.add_document(ARTICLE_B, title="B").document.id
        p.add_document(ARTICLE_C, title="C")
        q = p.add_claim(a, quote="the alliance will increase military cooperation").id
        t = p.add_claim(b, quote="The alliance will not increase military cooperation").id
    return path, {"a": a, "b": b, "q": q, "t": t}


def test_suggest_json_shape(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, ids = proj
    assert main(["suggest", str(path), "--claim", ids["q"][:8], "--model", "blank",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["claim_id"] for s in out] == [ids["t"]]
    assert set(out[0]) == {"document_id", "claim_id", "start", "end", "quote", "score",
                           "stance_hint", "cues"}
    assert out[0]["document_id"] == ids["b"] and out[0]["stance_hint"] == "contradicts"
    text = ARTICLE_B
    assert text[out[0]["start"]:out[0]["end"]] == out[0]["quote"]


def test_suggest_sentences_best_first(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, ids = proj
    assert main(["suggest", str(path), "--claim", ids["q"], "--scope", "sentences",
                 "--top", "2", "--model", "blank", "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert 1 <= len(out) <= 2 and all(s["claim_id"] is None for s in out)
    assert [s["score"] for s in out] == sorted((s["score"] for s in out), reverse=True)
    assert "notice: entity features are off" in captured.err


def test_suggest_unknown_claim_is_a_clear_error(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = proj
    assert main(["suggest", str(path), "--claim", "ffffffff", "--model", "blank",
                 "--json"]) == 1
    assert capsys.readouterr().err.startswith("error: no claim")


def test_analyse_fills_the_cache_then_hits_it(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = proj
    assert main(["analyse", str(path), "--model", "blank"]) == 0
    captured = capsys.readouterr()
    assert "notice: entity features are off: no English model installed" in captured.err
    assert "analysed 3/3 documents (100% of the text)" in captured.err
    assert "3 parsed, 0 from the cache" in captured.out
    assert main(["analyse", str(path), "--model", "blank"]) == 0
    assert "0 parsed, 3 from the cache" in capsys.readouterr().out


def test_candidates_json(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, ids = proj
    assert main(["candidates", str(path), ids["a"], "--model", "blank", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    quotes = [c["quote"] for c in out]
    # the first sentence is half claimed already, so only the second is offered
    assert quotes == ["Prices rose by 5 percent last year, according to the ministry."]
    assert set(out[0]) == {"start", "end", "score", "reasons", "quote"}
    assert main(["candidates", str(path), ids["a"], "--all", "--model", "blank",
                 "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_suggest_and_candidates_work_beside_a_running_window(proj, capsys) -> None:  # type: ignore[no-untyped-def]
    path, ids = proj
    window = Project.open(path, lock=True)  # what the desktop program holds
    try:
        assert main(["suggest", str(path), "--claim", ids["q"][:8], "--model", "blank",
                     "--json"]) == 0
        assert [s["claim_id"] for s in json.loads(capsys.readouterr().out)] == [ids["t"]]
        assert main(["candidates", str(path), ids["a"][:8], "--model", "blank", "--json"]) == 0
        capsys.readouterr()
        assert window.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 0
    finally:
        window.close()
    assert main(["suggest", str(path), "--claim", ids["q"][:8], "--model", "blank"]) == 0
    with Project.open(path, read_only=True) as p:  # free again: the analyses are kept
        assert p.con.execute("SELECT count(*) FROM nlp_cache").fetchone()[0] == 3
