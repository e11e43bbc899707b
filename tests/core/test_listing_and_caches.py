"""Reads that keep verbs independent of the project's size: ordered listings in SQL, reads
kept between verbs until a write, context cut by SQLite. Each must equal the plain way."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from itertools import pairwise

import pytest

from claimweave.core.listing_repo import UNLINKED, ClaimQuery, fold
from claimweave.core.offsets import anchor
from claimweave.core.store import Project

TEXTS = [
    "Officials said 40 people were evacuated. 😀 The dam held, said the mayor. " * 3,
    "Only 12 people left their homes. The DAM did not hold, engineers said. " * 3,
    "پل فرو ریخت. Ça a cédé — “the bridge” 𝒜 fell, ZWJ 👩‍👩‍👧 said. " * 3,
]


@pytest.fixture
def busy(project: Project) -> Project:
    """Three documents, claims with tags, notes, annotators and links, made in a shuffled
    order so that storage order, creation time and position order all differ."""
    rng = random.Random(5)
    docs = [project.add_document(t, title=f"Doc {n}").document.id for n, t in enumerate(TEXTS)]
    project.move_document(docs[2], 0)
    parent = project.add_tag("Fact").id
    tags = [parent, project.add_tag("Number", parent=parent).id, project.add_tag("cause").id]
    claims = []
    for _ in range(60):
        doc = rng.choice(docs)
        start = rng.randrange(0, len(project.text(doc)) - 20)
        claims.append(project.add_claim(
            doc, start, start + rng.randint(1, 20), note=rng.choice(["", "Check  this", "dam"]),
            annotator=rng.choice(["ana", "Ben", ""]),
            tags=rng.sample(tags, rng.randint(0, 2))).id)
    for _ in range(25):
        a, b = rng.sample(claims, 2)
        try:
            project.link_claims(a, b, rng.choice(["agrees", "contradicts", "elaborates"]))
        except Exception:  # a duplicate pair: refused, nothing changed
            pass
    return project


def _reference(p: Project, q: ClaimQuery) -> list[str]:
    """The order the claims table showed before it was lazy: the store's claims in
    project order, filtered and stably sorted in Python."""
    titles = p.document_titles()
    links = p.links()
    out = []
    for c in p.claims():
        touching = [k for k in links if c.id in (k.source, k.target)]
        if q.document_id and c.document_id != q.document_id:
            continue
        if q.tag_ids is not None and not q.tag_ids & set(c.tag_ids):
            continue
        if q.relation == UNLINKED and touching:
            continue
        if q.relation not in (None, UNLINKED) and q.relation not in {k.relation for k in touching}:
            continue
        if q.annotator is not None and c.annotator != q.annotator:
            continue
        hay = f"{c.quote}\n{c.note}\n{' '.join(c.tags)}\n{titles[c.document_id]}".casefold()
        if not all(w in hay for w in q.words):
            continue
        out.append((c, len(touching)))
    if q.sort:
        value = {"document": lambda c, n: fold(titles[c.document_id]),
                 "quote": lambda c, n: fold(c.quote), "tags": lambda c, n: fold(", ".join(c.tags)),
                 "links": lambda c, n: n, "note": lambda c, n: fold(c.note),
                 "annotator": lambda c, n: fold(c.annotator)}[q.sort]
        out.sort(key=lambda cn: value(*cn), reverse=q.descending)
        if q.descending:  # ties keep the project's order, as in an ascending sort
            out = _stable_desc(out, lambda cn: value(*cn))
    return [c.id for c, _ in out]


def _stable_desc(rows, key):
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [r for k in sorted(groups, reverse=True) for r in
            sorted(groups[k], key=lambda cn: rows.index(cn))]


QUERIES = [
    ClaimQuery(),
    ClaimQuery(annotator=""),
    ClaimQuery(relation="agrees"),
    ClaimQuery(relation=UNLINKED),
    ClaimQuery().with_text("DAM"),
    ClaimQuery().with_text("number said"),
    *(ClaimQuery(sort=s, descending=d) for s in
      ("document", "quote", "tags", "links", "note", "annotator") for d in (False, True)),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[11:60])
def test_claim_order_is_the_order_the_table_showed(busy: Project, query: ClaimQuery) -> None:
    assert busy.claim_order(query) == _reference(busy, query)


def test_claim_order_filters_by_document_and_tag_subtree(busy: Project) -> None:
    doc = next(iter(busy.document_titles()))
    fact = busy.resolve_tag("Fact")
    subtree = frozenset(busy.tag_subtree(fact))
    query = ClaimQuery(document_id=doc, tag_ids=subtree)
    assert busy.claim_order(query) == _reference(busy, query)
    assert busy.claim_order(query)  # the fixture puts some there


def test_sort_keys_place_a_claim_where_the_order_puts_it(busy: Project) -> None:
    for query in QUERIES:
        order = busy.claim_order(query)
        keys = busy.claim_sort_keys(query, order)
        assert set(keys) == set(order)
        for a, b in pairwise(order):
            assert query.before(keys[a], keys[b]) and not query.before(keys[b], keys[a])


def test_link_summary_counts_and_names_relations(busy: Project) -> None:
    every = busy.claims()
    summary = busy.claim_link_summary(c.id for c in every)
    for c in every:
        links = busy.links(claim_id=c.id)
        assert summary.get(c.id, (0, frozenset())) == (len(links),
                                                       frozenset(k.relation for k in links))


def test_claim_counts_and_titles_without_the_texts(busy: Project) -> None:
    docs = busy.documents()
    assert busy.document_titles() == {d.id: d.title for d in docs}
    assert list(busy.document_hashes().items()) == [(d.id, d.text_sha256) for d in docs]
    assert busy.document_claim_counts(d.id for d in docs) == {d.id: d.claims for d in docs}
    assert busy.claim_annotators() == sorted({c.annotator for c in busy.claims()})
    busy.move_document(docs[0].id, 2)  # the hashes kept between reads follow the edits
    busy.update_text(docs[1].id, busy.text(docs[1].id) + " An added sentence.")
    after = busy.documents()
    assert list(busy.document_hashes().items()) == [(d.id, d.text_sha256) for d in after]
    assert after[2].id == docs[0].id and busy.document_hashes()[docs[1].id] != docs[1].text_sha256


def test_context_cut_by_sqlite_is_the_python_slice(project: Project) -> None:
    doc = project.add_document(TEXTS[2]).document.id
    text = project.text(doc)
    for start, end in [(0, 1), (0, 40), (5, 9), (len(text) - 3, len(text)), (30, 80)]:
        claim = project.add_claim(doc, start, end)
        a = anchor(text, start, end)
        assert (claim.quote, claim.prefix, claim.suffix) == (a.quote, a.prefix, a.suffix)
        assert claim == project.claim(claim.id)  # what the verb returns is what is stored
        moved = project.update_claim(claim.id, start=start, end=min(len(text), end + 2))
        assert moved.quote == text[start:min(len(text), end + 2)]


def test_the_claim_a_verb_returns_lists_its_tags_in_codebook_order(project: Project) -> None:
    doc = project.add_document(TEXTS[0]).document.id
    for name in ("b", "a", "c"):
        project.add_tag(name)
    claim = project.add_claim(doc, 0, 9, tags=["c", "b", "c"])
    assert claim == project.claim(claim.id)
    assert claim.tags == ("b", "c")


def test_cached_reads_follow_writes_undo_and_rollback(project: Project) -> None:
    a = project.add_document(TEXTS[0], title="A").document.id
    b = project.add_document(TEXTS[1], title="B").document.id
    assert list(project.document_positions()) == [a, b]
    project.move_document(b, 0)
    assert project.document_positions() == {b: 0, a: 1}
    project.undo()
    assert project.document_positions() == {a: 0, b: 1}
    with project.batch("Inside"):  # a write inside a transaction is seen at once
        project.add_tag("one")
        assert [t.name for t in project.tags()] == ["one"]
        project.add_tag("two")
        assert [t.name for t in project.tags()] == ["one", "two"]
    with pytest.raises(RuntimeError), project.batch("Fails"):
        project.add_tag("three")
        assert len(project.tags()) == 3
        raise RuntimeError("abandon")
    assert [t.name for t in project.tags()] == ["one", "two"]  # rolled back
    before = project.documents()
    project.add_claim(a, 0, 5)
    assert project.documents() != before  # a claim changes the counts


def test_cached_reads_see_commits_of_another_connection(project: Project) -> None:
    project.add_tag("mine")
    reader = Project.open(project.path, read_only=True)
    try:
        assert [t.name for t in reader.tags()] == ["mine"]
        project.add_tag("theirs")
        assert [t.name for t in reader.tags()] == ["mine", "theirs"]
    finally:
        reader.close()


def test_many_ids_are_one_parameter(project: Project) -> None:
    doc = project.add_document(TEXTS[0]).document.id
    ids = project.add_claims(doc, [(i % 50, i % 50 + 3) for i in range(1200)])
    wanted = set(ids[::2]) | {"not-an-id"}
    assert {c.id for c in project.claims(ids=wanted)} == set(ids[::2])
    assert sqlite3.sqlite_version_info >= (3, 9)  # json_each


def test_replace_keeps_words_in_step(busy: Project) -> None:
    query = ClaimQuery().with_text("dam")
    assert replace(query, annotator="ana").words == ("dam",)
