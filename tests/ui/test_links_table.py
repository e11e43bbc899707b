"""The links table is lazy: it reads a page of rows, sorts and filters in the store.

Its order and its filters must be exactly what sorting and filtering every row in Python
would give (the reference below, written from what the cells show), after edits too.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from claimweave.analysis.labels import relation_label
from claimweave.ui.panels import LinksPanel
from claimweave.ui.panels.lazy_model import PAGE
from claimweave.ui.panels.link_filter import LinkFilter
from claimweave.ui.panels.links import link_rows
from claimweave.ui.panels.table_model import one_line

QUOTES = ["Storm surge", "the sea wall held", "Ferries stopped", "two piers broke", "Ébauche",
          "élan", "Zebra crossing flooded", "ánimo", "  spaced   out  "]


@pytest.fixture
def many_links(project):
    """Two documents, 40 claims each, and 3.5 pages of links with notes and relations."""
    texts = {t: " ".join(f"{q} {t} {i}." for i, q in enumerate(QUOTES * 5)) for t in "AB"}
    docs = {t: project.add_document(text, title=f"Report {t}").document.id
            for t, text in texts.items()}
    claims = {t: [project.add_claim(docs[t], quote=f"{q} {t} {i}.").id
                  for i, q in enumerate(QUOTES * 5)] for t in "AB"}
    rng = random.Random(2)
    made = 0
    while made < int(PAGE * 3.5):
        a, b = rng.choice(claims["A"]), rng.choice(claims["B"])
        if rng.random() < 0.5:
            a, b = b, a
        try:
            project.link_claims(a, b, rng.choice(["agrees", "contradicts", "same_claim"]),
                                note=rng.choice(["", "Checked", "check again", "ápice"]))
        except Exception:  # a pair linked twice: refused
            continue
        made += 1
    return docs


def shown(panel: LinksPanel) -> list[str]:
    return [panel.model.record(r).link.id for r in range(panel.model.rowCount())]


def reference(project, chosen: LinkFilter, column: int | None, descending: bool
              ) -> list[str]:
    """Every row built, filtered and sorted in Python by what the cells show."""
    rows = link_rows(project)
    words = chosen.text.casefold().split()

    def keep(r) -> bool:
        if chosen.document_id and chosen.document_id not in (r.source_document_id,
                                                             r.target_document_id):
            return False
        if chosen.relation and r.link.relation != chosen.relation:
            return False
        hay = "\n".join((r.source_quote, r.target_quote, r.source_document,
                         r.target_document, r.link.relation, r.link.note)).casefold()
        return all(w in hay for w in words)

    rows = [r for r in rows if keep(r)]
    if column is not None:
        value = [lambda r: r.source_quote, lambda r: r.source_document,
                 lambda r: relation_label(r.link.relation), lambda r: r.target_quote,
                 lambda r: r.target_document, lambda r: r.link.note][column]
        keys = {r.link.id: one_line(value(r)).casefold() for r in rows}
        # stable, also reversed: ties keep the store's order
        rows = sorted(rows, key=lambda r: keys[r.link.id], reverse=descending)
    return [r.link.id for r in rows]


def test_the_table_builds_only_the_rows_it_shows(session, project, many_links, qtbot,
                                                 monkeypatch) -> None:
    read: list[int] = []
    real = project.claims

    def counting(**kwargs):
        if "ids" in kwargs:
            read.append(len(set(kwargs["ids"])))
        return real(**kwargs)

    monkeypatch.setattr(project, "claims", counting)
    panel = LinksPanel(session)
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab()  # painted: the view asked for the rows it shows
    total = len(project.links())
    assert panel.model.rowCount() == total > 3 * PAGE
    assert 0 < len(panel.model._built) <= PAGE  # the first page, for the rows on screen
    assert read and max(read) <= 2 * PAGE  # the claims at the ends of one page of links
    panel.view.scrollToBottom()
    panel.grab()
    assert PAGE < len(panel.model._built) <= 2 * PAGE  # and the last page
    assert panel.model.record(total - 1).link.id == project.links()[-1].id


@pytest.mark.parametrize("column", [None, 0, 1, 2, 3, 4, 5])
def test_sorting_in_the_store_is_the_cells_order(session, project, many_links, qtbot,
                                                 column) -> None:
    panel = LinksPanel(session)
    qtbot.addWidget(panel)
    for descending in (False, True):
        if column is not None:
            panel.model.sort(column, Qt.SortOrder.DescendingOrder if descending
                             else Qt.SortOrder.AscendingOrder)
        assert shown(panel) == reference(project, LinkFilter(), column, descending)


def test_filters_in_the_store_are_the_cells_words(session, project, many_links, qtbot) -> None:
    panel = LinksPanel(session)
    qtbot.addWidget(panel)
    choices = [LinkFilter(text="sea wall"), LinkFilter(text="CHECK"),
               LinkFilter(text="ápice report"), LinkFilter(relation="same_claim"),
               LinkFilter(document_id=many_links["A"], relation="agrees", text="b"),
               LinkFilter(text="nothing like this"), LinkFilter()]
    for chosen in choices:
        panel.set_filter(chosen)
        assert shown(panel) == reference(project, chosen, None, False), chosen
    assert len(shown(panel)) == len(project.links())


def test_edits_keep_a_sorted_filtered_table_exact(session, project, many_links, qtbot) -> None:
    panel = LinksPanel(session)
    qtbot.addWidget(panel)
    chosen = LinkFilter(text="report")
    panel.set_filter(chosen)
    panel.model.sort(5, Qt.SortOrder.DescendingOrder)  # by note
    rng = random.Random(9)
    claims = [c.id for c in project.claims()]
    for step in range(40):
        links = project.links()
        kind = rng.choice(["note", "note", "link", "delete", "quote", "undo", "redo"])
        try:
            if kind == "note":
                project.update_link(rng.choice(links).id, note=rng.choice(["", "z", "a b"]))
            elif kind == "link":
                project.link_claims(*rng.sample(claims, 2), "agrees", note=f"new {step}")
            elif kind == "delete":
                project.delete_link(rng.choice(links).id)
            elif kind == "quote":  # a claim's text changes: its links' rows too
                claim = project.claim(rng.choice(claims))
                project.update_claim(claim.id, note="moved")
            elif kind == "undo" and project.can_undo:
                project.undo()
            elif kind == "redo" and project.can_redo:
                project.redo()
        except Exception:  # a refused edit (a duplicate link) changes nothing
            continue
        assert shown(panel) == reference(project, chosen, 5, True), step
