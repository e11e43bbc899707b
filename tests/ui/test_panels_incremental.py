"""The claims and links tables update only the rows an edit touched; after any sequence
of edits, undos and redos they must hold exactly what a full reload would show."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from claimweave.core.errors import ClaimWeaveError
from claimweave.ui.panels import ClaimsPanel, DocumentsPanel, LinksPanel
from claimweave.ui.panels.claims import claim_rows, some_claim_rows
from claimweave.ui.panels.links import link_rows


@pytest.fixture
def panels(session, reports, qtbot):
    claims, links = ClaimsPanel(session), LinksPanel(session)
    qtbot.addWidget(claims)
    qtbot.addWidget(links)
    return claims, links


def same_as_reload(claims: ClaimsPanel, links: LinksPanel, project) -> None:
    assert claims.model.records == claim_rows(project)
    assert links.model.records == link_rows(project)
    for panel in (claims, links):  # the key index follows inserts and removals
        for row, record in enumerate(panel.model.records):
            assert panel.model.row_of(panel.model.key(record)) == row


def random_edit(project, rng: random.Random, kind: str, docs: list[str], tags: list[str],
                note: str) -> bool:
    """Make one edit of *kind* (a claim, tag, link, note, delete, unlink, undo or redo) on
    randomly chosen claims; False when the store refused it (and so changed nothing)."""
    existing = project.claims()
    try:
        if kind == "claim":
            doc = rng.choice(docs)
            start = rng.randrange(0, len(project.text(doc)) - 12)
            project.add_claim(doc, start, start + rng.randint(3, 12),
                              annotator=rng.choice(["ana", "ben", ""]))
        elif kind == "tag" and existing:
            project.toggle_tag(rng.choice(existing).id, rng.choice(tags))
        elif kind == "link" and len(existing) > 1:
            a, b = rng.sample(existing, 2)
            if a.document_id != b.document_id:
                project.link_claims(a.id, b.id, rng.choice(["agrees", "contradicts"]))
        elif kind == "note" and existing:
            project.update_claim(rng.choice(existing).id, note=note)
        elif kind == "delete" and existing:
            project.delete_claim(rng.choice(existing).id)
        elif kind == "unlink" and project.links():
            project.delete_link(rng.choice(project.links()).id)
        elif kind == "undo" and project.can_undo:
            project.undo()
        elif kind == "redo" and project.can_redo:
            project.redo()
    except ClaimWeaveError:  # e.g. a duplicate link: refused, nothing changed
        return False
    return True


def test_random_edits_keep_the_tables_exact(panels, project, reports) -> None:
    claims, links = panels
    rng = random.Random(11)
    docs = list(reports.values())
    tags = [t.id for t in project.tags()]
    refused = 0
    for step in range(60):
        kind = rng.choice(["claim", "claim", "tag", "link", "note", "delete", "unlink",
                           "undo", "undo", "redo"])
        refused += not random_edit(project, rng, kind, docs, tags, f"note {step}")
        same_as_reload(claims, links, project)
    assert refused < 15  # the walk edits; it does not mostly bounce off refusals


def test_an_import_sized_change_reloads_everything(panels, project, reports) -> None:
    claims, links = panels
    doc = reports["Harbour Gazette"]
    spans = [(i, i + 1) for i in range(0, 330)]
    project.add_claims(doc, spans, annotator="bulk")
    same_as_reload(claims, links, project)
    assert "bulk" in [claims.annotator_box.itemData(i)
                      for i in range(claims.annotator_box.count())]


def test_a_renamed_document_and_tag_show_everywhere(panels, project, reports) -> None:
    claims, links = panels
    project.update_document(reports["Nordic Wire"], title="Wire brief")
    project.update_tag(project.resolve_tag("Cause"), color="#123456")
    same_as_reload(claims, links, project)
    assert any(r.document == "Wire brief" for r in claims.model.records)


def test_ties_in_the_order_land_where_a_reload_puts_them(panels, project, reports,
                                                         monkeypatch) -> None:
    """Claims and links made in the same millisecond (a batch) tie on every sort key but
    the order they were stored in: after undo and redo the tables must still agree."""
    from claimweave.core import claims_repo, links_repo

    for repo in (claims_repo, links_repo):  # the modules that stamp new claims and links
        monkeypatch.setattr(repo, "now", lambda: "2026-01-01T00:00:00.000Z")
    claims, links = panels
    doc, other = reports["Harbour Gazette"], reports["Coastal Times"]
    with project.batch("Tied"):
        same = [project.add_claim(doc, 10, 20, annotator="ana").id for _ in range(4)]
        there = [project.add_claim(other, 5, 9, annotator="ana").id for _ in range(3)]
        for a, b in zip(same, there, strict=False):
            project.link_claims(a, b, "agrees")
    same_as_reload(claims, links, project)
    for _ in range(3):
        project.delete_claim(same[1])
        same_as_reload(claims, links, project)
        project.undo()
        same_as_reload(claims, links, project)
        project.redo()
        project.undo()
        same_as_reload(claims, links, project)


@pytest.mark.parametrize("column", ["Quote", "Links", "Tags", "Annotator"])
def test_a_sorted_and_filtered_table_stays_exact(panels, project, reports, column) -> None:
    """Sorted by a column and filtered, the lazy table places each touched claim by
    bisection: after random edits it must list what the store's query lists."""
    claims, _links = panels
    index = [c.title for c in claims.model.columns].index(column)
    claims.view.sortByColumn(index, Qt.SortOrder.DescendingOrder)
    claims.set_filter(text="e")
    rng = random.Random(len(column))
    docs = list(reports.values())
    tags = [t.id for t in project.tags()]
    for step in range(40):
        kind = rng.choice(["claim", "tag", "link", "note", "delete", "undo"])
        # a note of no "e" takes a claim without one in its quote out of the filter
        random_edit(project, rng, kind, docs, tags, f"e{step}" * rng.randint(0, 2))
        assert claims.model.query.sort == claims.model.columns[index].sort
        assert claims.model.ids == project.claim_order(claims.model.query)
        fresh = some_claim_rows(project, set(claims.model.ids), claims._titles,
                                claims._tag_colors)
        assert claims.model.records == [fresh[i] for i in claims.model.ids]


def test_the_documents_panel_counts_claims_without_reloading(session, project, reports,
                                                             qtbot) -> None:
    panel = DocumentsPanel(session)
    qtbot.addWidget(panel)
    doc = reports["Harbour Gazette"]
    before = panel.claim_count(doc)
    reloads = []
    panel.reload = lambda: reloads.append(1)  # type: ignore[method-assign]
    project.add_claim(doc, 0, 5)
    assert panel.claim_count(doc) == before + 1 == project.document(doc).claims
    assert reloads == []


def test_codebook_counts_follow_tagging_in_place(session, project, reports, qtbot) -> None:
    """Tagging, untagging, undo and redo change only the counts (and ticks) of the codebook:
    its rows stay the same items, and every count is the store's."""
    from claimweave.ui.panels.codebook import CodebookPanel

    panel = CodebookPanel(session)
    qtbot.addWidget(panel)
    rows = dict(panel.items)
    rng = random.Random(3)
    claims = [c.id for c in project.claims()]
    tags = [t.id for t in project.tags()]
    for _ in range(40):
        kind = rng.choice(["toggle", "toggle", "delete", "undo", "redo"])
        if kind == "toggle":
            project.toggle_tag(rng.choice(claims), rng.choice(tags))
        elif kind == "delete":  # its tags go with it
            tagged = [c.id for c in project.claims() if c.tag_ids]
            if tagged:
                project.delete_claim(rng.choice(tagged))
                claims = [c.id for c in project.claims()]
        elif kind == "undo" and project.can_undo:
            project.undo()
        elif kind == "redo" and project.can_redo:
            project.redo()
        counts = project.claims_per_tag()
        shown = {panel.tags[t].name: int(item.text()) for t, item in panel._counts.items()}
        assert shown == counts
    assert panel.items == rows and all(panel.items[t] is rows[t] for t in rows)
    assert sum(project.claims_per_tag().values()) > 0
