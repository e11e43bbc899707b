"""The bulk path of imports and merges (all documents' claims in one call) stores exactly
what one add_claims call per document stores: every row, in the same order, the same
full-text index, the same annotators; and it is one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimweave.core.claims_repo import NewClaim
from claimweave.core.store import Project

from .test_store import _dump

TEXTS = ("The dam held, said 40 people. The river rose at noon.",
         "Officials said the dam was safe; a note says people left.")


def _build(path: Path) -> tuple[Project, dict[str, list[NewClaim]]]:
    p = Project.create(path)
    docs = [p.add_document(t, title=f"Report {n}",
                           doc_id=f"00000000-0000-4000-8000-00000000000{n}").document.id
            for n, t in enumerate(TEXTS)]
    p.add_tag("Fact", tag_id="00000000-0000-4000-8000-0000000000f1")
    p.add_tag("Quote", tag_id="00000000-0000-4000-8000-0000000000f2")
    groups = {}
    for n, d in enumerate(docs):
        text = p.text(d)
        groups[d] = [NewClaim(text.index(w), text.index(w) + len(w), note=f"n{i}",
                              annotator=("zed", "ana", None)[i % 3],
                              tags=(("Fact",), ("Quote", "Fact"), ())[i % 3],
                              claim_id=f"00000000-0000-4000-8000-0000000{n}{i:04d}")
                     for i, w in enumerate(text.split(" ")[:6])]
    return p, groups


def _rows(p: Project) -> dict[str, Any]:
    """The tables in their stored order (not sorted: the order is part of what is stored),
    the times (columns ``*_at``) masked, and what the full-text index finds."""
    out = {}
    for table in ("documents", "claims", "claim_tags", "annotators", "tags"):
        cur = p.con.execute(f'SELECT * FROM "{table}"')
        cols = [c[0] for c in cur.description]
        out[table] = [tuple("-" if col.endswith("_at") else v
                            for col, v in zip(cols, row, strict=True)) for row in cur]
    out["fts"] = p.con.execute(
        "SELECT rowid, quote, note FROM claims_fts ORDER BY rowid").fetchall()
    out["found"] = p.con.execute("SELECT c.id FROM claims_fts JOIN claims c ON "
                                 "c.rowid = claims_fts.rowid WHERE claims_fts MATCH "
                                 "'dam OR people OR n3' ORDER BY c.id").fetchall()
    return out


def test_bulk_stores_what_a_call_per_document_stores(tmp_path: Path) -> None:
    one, groups = _build(tmp_path / "one.claimweave")
    many, _ = _build(tmp_path / "many.claimweave")
    try:
        with one.batch("Import"):
            ids = one.add_claims_by_document(groups)
        with many.batch("Import"):
            want = {d: many.add_claims(d, items, label="x") for d, items in groups.items()}
        assert ids == want
        assert _rows(one) == _rows(many)
        assert len(_rows(one)["claims"]) == 12
    finally:
        one.close()
        many.close()


def test_bulk_is_one_undo_step_and_redo_brings_it_back(tmp_path: Path) -> None:
    p, groups = _build(tmp_path / "p.claimweave")
    try:
        before = _dump(p)
        p.add_claims_by_document(groups)
        after = _dump(p)
        p.undo()
        assert _dump(p) == before
        p.redo()
        assert _dump(p) == after
        assert len(p.claims()) == 12
    finally:
        p.close()


def test_rows_come_back_in_statements_of_many_rows(tmp_path: Path) -> None:
    """Redo of an import, undo of a deleted document: the rows return as they were, in
    their order, with few statements (a statement per row cost 13 µs a claim more once
    the claims table had triggers; docs/performance.md)."""
    p, groups = _build(tmp_path / "p.claimweave")
    try:
        p.add_claims_by_document(groups)
        after = _rows(p)
        p.undo()
        statements: list[str] = []
        p.con.set_trace_callback(statements.append)
        p.redo()
        p.con.set_trace_callback(None)
        assert _rows(p) == after
        # (SQLite traces a statement again as each trigger of it starts: the same text)
        assert len({s for s in statements if s.startswith('INSERT INTO "claims"')}) == 1
        whole = _dump(p)
        p.delete_document(p.claims()[0].document_id)
        p.undo()
        assert _dump(p) == whole  # (new rowids: the restored rows come last)
    finally:
        p.close()
