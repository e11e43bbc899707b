"""The store's verbs: validation, one transaction each, undo and redo of everything."""

from __future__ import annotations

import pytest

from claimweave.core.errors import (
    AmbiguousError,
    InvalidOperationError,
    NotFoundError,
    NothingToUndoError,
    ReadOnlyProjectError,
)
from claimweave.core.store import Project

TEXT_A = "Officials said 40 people were evacuated. 😀 The dam held, said the mayor."
TEXT_B = "Only 12 people left their homes. The dam did not hold, engineers said."


def _dump(p: Project) -> dict:
    """Every table of the project file (the full-text index through what it finds), for
    comparing states before and after undo."""
    tables = [r[0] for r in p.con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts%'") if r[0] != "content_version"]
    # content_version is left out: it counts edits and so moves on with undo and redo too
    # (never back); test_undo_walk.py checks it against the claims and documents instead.
    out = {t: sorted(map(tuple, p.con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    # What the full-text index finds (rowids may change when undo re-inserts a row).
    out["fts_docs"] = sorted(p.con.execute(
        "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
        "WHERE documents_fts MATCH 'dam'").fetchall())
    out["fts_claims"] = sorted(p.con.execute(
        "SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        "WHERE claims_fts MATCH 'people OR dam OR note'").fetchall())
    out["fts_ok"] = [p.con.execute(
        f"INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)").rowcount
        for t in ("documents_fts", "claims_fts")]
    return out


@pytest.fixture
def two_docs(project: Project) -> tuple[Project, str, str]:
    a = project.add_document(TEXT_A, title="Report A").document.id
    b = project.add_document(TEXT_B, title="Report B").document.id
    return project, a, b


def test_new_project_has_default_relations(project: Project) -> None:
    names = [r.name for r in project.relation_types()]
    assert names == ["agrees", "contradicts", "same_claim", "elaborates", "related"]
    polarity = {r.name: r.polarity for r in project.relation_types()}
    assert polarity["agrees"] == 1 and polarity["contradicts"] == -1
    assert project.title == "Test"


def test_claim_by_quote_after_emoji_stores_code_points(two_docs) -> None:
    p, a, _ = two_docs
    c = p.add_claim(a, quote="The dam held")
    assert p.text(a)[c.start:c.end] == "The dam held"
    assert c.start == TEXT_A.index("The dam held")
    assert c.prefix == TEXT_A[c.start - 32:c.start]


def test_claims_may_overlap(two_docs) -> None:
    p, a, _ = two_docs
    p.add_claim(a, 0, 20)
    p.add_claim(a, 10, 30)
    assert len(p.claims(document_id=a)) == 2


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"start": 5, "end": 5}, InvalidOperationError),
    ({"start": 0, "end": 10_000}, InvalidOperationError),
    ({"quote": "not in the text"}, InvalidOperationError),
    ({"quote": "said"}, AmbiguousError),
    ({}, InvalidOperationError),
])
def test_invalid_claims_change_nothing(two_docs, kwargs, error) -> None:
    p, a, _ = two_docs
    before = _dump(p)
    with pytest.raises(error):
        p.add_claim(a, **kwargs)
    assert _dump(p) == before
    assert p.undo_label == "Import Report B"


def test_unknown_ids_and_self_links_are_refused(two_docs) -> None:
    p, a, _ = two_docs
    c = p.add_claim(a, quote="The dam held")
    before = _dump(p)
    with pytest.raises(NotFoundError):
        p.add_claim("nope-nope", 0, 1)
    with pytest.raises(NotFoundError):
        p.link_claims(c.id, "ffffffff", "agrees")
    with pytest.raises(InvalidOperationError, match="itself"):
        p.link_claims(c.id, c.id, "agrees")
    other = p.add_claim(a, quote="40 people")
    before = _dump(p)
    with pytest.raises(NotFoundError):
        p.link_claims(c.id, other.id[:8], "no_such_relation")
    with pytest.raises(NotFoundError):
        p.tag_claim(c.id, "No such tag")
    assert _dump(p) == before


def test_prefix_ids_resolve_and_ambiguity_is_reported(two_docs) -> None:
    p, a, _ = two_docs
    assert p.resolve_document(a[:6]) == a
    with pytest.raises(NotFoundError, match="at least 4"):
        p.resolve_document(a[:2])
    # Two claims whose (imported) ids share their first eight characters.
    first = p.add_claim(a, 0, 5, claim_id="abcdef01-0000-4000-8000-000000000001").id
    second = p.add_claim(a, 6, 9, claim_id="abcdef01-0000-4000-8000-000000000002").id
    for shared in ("abcd", "ABCDEF01", "abcdef01-0000-4000-8000-00000000000"):
        with pytest.raises(AmbiguousError, match="matches several"):
            p.resolve_claim(shared)
    assert (p.resolve_claim(first), p.resolve_claim(f" {second} ")) == (first, second)
    third = p.add_claim(a, 10, 12, claim_id="abce0000-0000-4000-8000-000000000003").id
    assert p.resolve_claim("ABCE") == third


def test_duplicate_text_is_reported_not_stored(project: Project) -> None:
    first = project.add_document(TEXT_A, title="A")
    again = project.add_document(TEXT_A.replace("\n", "\r\n"), title="A again")
    assert again.duplicate and again.document.id == first.document.id
    assert len(project.documents()) == 1


def test_document_text_is_frozen(two_docs) -> None:
    p, a, _ = two_docs
    with pytest.raises(InvalidOperationError, match="frozen"):
        p.update_document(a, text="changed")
    with pytest.raises(InvalidOperationError, match="date"):
        p.update_document(a, published="22 Nov 2026")
    d = p.update_document(a, author="Zoë", published="2026-11-22")
    assert (d.author, d.published) == ("Zoë", "2026-11-22")


def test_links_across_documents_and_duplicates(two_docs) -> None:
    p, a, b = two_docs
    x = p.add_claim(a, quote="The dam held")
    y = p.add_claim(b, quote="The dam did not hold")
    link = p.link_claims(x.id, y.id, "contradicts", note="opposite")
    assert (link.source, link.target, link.relation) == (x.id, y.id, "contradicts")
    with pytest.raises(InvalidOperationError, match="already linked"):
        p.link_claims(y.id, x.id, "contradicts")  # symmetric relation
    p.link_claims(y.id, x.id, "elaborates")  # another relation is another link
    assert p.stats()["cross_document_links"] == 2


def test_editing_a_link_keeps_links_unique(two_docs) -> None:
    p, a, b = two_docs
    x = p.add_claim(a, quote="The dam held")
    y = p.add_claim(b, quote="The dam did not hold")
    p.link_claims(x.id, y.id, "agrees")
    other = p.link_claims(y.id, x.id, "elaborates")
    before = _dump(p)
    with pytest.raises(InvalidOperationError, match="already linked as agrees"):
        p.update_link(other.id, relation="agrees")  # y->x agrees repeats x->y agrees
    assert _dump(p) == before
    assert p.update_link(other.id, relation="elaborates", note="same").relation == "elaborates"
    assert p.update_link(other.id, relation="contradicts").relation == "contradicts"
    assert p.existing_link(x.id, y.id, "contradicts") == other.id  # symmetric: either way
    assert p.existing_link(x.id, y.id, "elaborates") is None


def test_tag_codebook_hierarchy(project: Project) -> None:
    fig = project.add_tag("Figures", color="#FFAA00")
    cas = project.add_tag("Casualties", parent="figures")
    assert fig.color == "#ffaa00" and cas.parent_id == fig.id
    with pytest.raises(InvalidOperationError, match="already exists"):
        project.add_tag("figures")
    with pytest.raises(InvalidOperationError, match="inside itself"):
        project.update_tag("Figures", parent="Casualties")
    with pytest.raises(InvalidOperationError, match="#RRGGBB"):
        project.add_tag("Bad", color="red")
    doc = project.add_document(TEXT_A).document.id
    c = project.add_claim(doc, quote="40 people", tags=["Casualties"])
    assert [x.id for x in project.claims(tag="Figures")] == [c.id]  # nested tags count
    project.delete_tag("Figures")
    assert project.tag("Casualties").parent_id is None
    project.undo()
    assert project.tag("Casualties").parent_id == fig.id


def test_delete_claim_removes_its_tags_and_links_and_undo_restores(two_docs) -> None:
    p, a, b = two_docs
    p.add_tag("Cause")
    x = p.add_claim(a, quote="The dam held", tags=["Cause"], note="n")
    y = p.add_claim(b, quote="The dam did not hold")
    p.link_claims(x.id, y.id, "contradicts")
    before = _dump(p)
    p.delete_claim(x.id)
    assert p.links() == [] and len(p.claims()) == 1
    p.undo()
    assert _dump(p) == before
    p.redo()
    assert p.links() == []


def test_delete_document_is_undoable(two_docs) -> None:
    p, a, b = two_docs
    x = p.add_claim(a, quote="The dam held")
    y = p.add_claim(b, quote="The dam did not hold")
    p.link_claims(x.id, y.id, "contradicts")
    before = _dump(p)
    p.delete_document(a)
    assert len(p.documents()) == 1 and p.search("held") == []
    p.undo()
    assert _dump(p) == before


def test_batch_is_one_undo_step(two_docs) -> None:
    p, a, _ = two_docs
    with p.batch("Two claims"):
        p.add_claim(a, 0, 5)
        p.add_claim(a, 6, 10)
    assert p.undo_label == "Two claims"
    p.undo()
    assert p.claims() == []


def test_failed_batch_rolls_back_everything(two_docs) -> None:
    p, a, _ = two_docs
    before = _dump(p)
    with pytest.raises(InvalidOperationError), p.batch("Half"):
        p.add_claim(a, 0, 5)
        p.add_claim(a, 5, 5)
    assert _dump(p) == before


def test_nothing_to_undo(project: Project) -> None:
    with pytest.raises(NothingToUndoError):
        project.undo()
    with pytest.raises(NothingToUndoError):
        project.redo()


def test_new_change_clears_redo(two_docs) -> None:
    p, a, _ = two_docs
    p.add_claim(a, 0, 5)
    p.undo()
    assert p.can_redo
    p.add_claim(a, 1, 5)
    assert not p.can_redo


def test_listeners_hear_each_commit_once(two_docs) -> None:
    p, a, _ = two_docs
    heard = []
    unsubscribe = p.subscribe(heard.append)
    c = p.add_claim(a, 0, 5)
    p.undo()
    p.redo()
    unsubscribe()
    p.undo()
    assert [h.kind for h in heard] == ["do", "undo", "redo"]
    assert c.id in heard[0].ids["claims"]


def test_search_finds_texts_quotes_and_notes(two_docs) -> None:
    p, a, _ = two_docs
    p.add_claim(a, quote="The dam held", note="engineers dispute this")
    kinds = {(h.kind, h.id) for h in p.search("engineers")}
    assert ("claim", p.claims()[0].id) in kinds
    assert any(k == "document" for k, _ in kinds)
    assert isinstance(p.search('"dam" AND ) ('), list)  # punctuation never raises
    assert p.search("!!!") == []


def test_read_only_project_refuses_changes(tmp_path) -> None:
    path = tmp_path / "r.claimweave"
    Project.create(path).close()
    with Project.open(path, read_only=True) as p, pytest.raises(ReadOnlyProjectError):
        p.add_document("text")


def test_listeners_see_the_stacks_after_undo_and_redo(project) -> None:
    doc = project.add_document("Rain fell. The river rose.").document.id
    project.add_claim(doc, quote="Rain fell.")
    seen: list[tuple[str, str | None, str | None]] = []
    project.subscribe(lambda change: seen.append(
        (change.kind, project.undo_label, project.redo_label)))
    project.undo()
    project.redo()
    assert seen == [("undo", "Import document", "Add claim Rain fell."),
                    ("redo", "Add claim Rain fell.", None)]


def test_sqlite_utils_view_for_scripts(project) -> None:
    doc = project.add_document("Rain fell. The river rose.").document.id
    project.add_claim(doc, quote="The river rose.")
    assert project.db["claims"].count == 1
    assert [r["quote"] for r in project.db["claims"].rows] == ["The river rose."]


def test_a_busy_file_is_a_message_and_the_store_stays_whole(project) -> None:
    import sqlite3

    from claimweave.core.errors import ProjectWriteError

    doc = project.add_document("Rain fell. The river rose.").document.id
    heard: list[str] = []
    project.subscribe(lambda change: heard.append(change.label))
    project.con.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(project.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(ProjectWriteError, match="another program is writing"):
            project.add_claim(doc, quote="Rain fell.")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert project.claims() == []
    claim = project.add_claim(doc, quote="Rain fell.")  # afterwards: a normal, undoable verb
    assert heard == [f"Add claim {claim.quote}"] and project.can_undo
    project.undo()
    assert project.claims() == []


def test_a_full_disk_mid_transaction_is_a_message(project) -> None:
    from claimweave.core.errors import ProjectWriteError

    project.add_document("A first small text.")
    pages = project.con.execute("PRAGMA page_count").fetchone()[0]
    project.con.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is (nearly) full
    with pytest.raises(ProjectWriteError, match="could not save"):
        project.add_document("A long article. " * 20_000)
    assert len(project.documents()) == 1 and project.undo_label == "Import document"
    project.con.execute("PRAGMA max_page_count = 1073741823")
    project.add_document("Room again.")
    assert len(project.documents()) == 2


def test_a_full_disk_while_keeping_derived_data_is_a_message(project) -> None:
    from claimweave.core.errors import ProjectWriteError

    assert project.derived_put("suggest:k", "sig", b"small")
    pages = project.con.execute("PRAGMA page_count").fetchone()[0]
    project.con.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is (nearly) full
    with pytest.raises(ProjectWriteError, match="could not save"):
        project.derived_put("suggest:k", "sig", b"x" * 400_000)
    assert project.derived_get("suggest:k", "sig") == b"small"  # rolled back, still whole
    project.con.execute("PRAGMA max_page_count = 1073741823")
    project.derived_delete("suggest:")
    assert project.derived_get("suggest:k", "sig") is None
