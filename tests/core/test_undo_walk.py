"""Undo by construction, checked on every verb: a random walk of edits, then undo all and
redo all, must pass through exactly the same states, table by table, step by step.

Every public method of Project that writes is in VERBS (or in NOT_VERBS with the reason);
test_the_walk_knows_every_verb fails for a new verb until it is added here.
"""

from __future__ import annotations

import inspect
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimweave.core.claims_repo import NewClaim
from claimweave.core.errors import ClaimWeaveError
from claimweave.core.store import Project

from .test_store import TEXT_A, TEXT_B, _dump


class Nothing(Exception):
    """The verb has nothing to act on yet (no links to edit, say)."""


def pick(rng: random.Random, items: list):  # type: ignore[no-untyped-def]
    if not items:
        raise Nothing
    return rng.choice(items)


def span(rng: random.Random, p: Project, doc_id: str) -> tuple[int, int]:
    n = len(p.text(doc_id))
    s = rng.randrange(n - 1)
    return s, rng.randrange(s + 1, min(n, s + 40) + 1)


def v_add_document(p: Project, rng: random.Random) -> None:
    n = rng.randrange(10**6)
    p.add_document(f"Report {n}\n\nThe dam held, said {n} people.\nThe river rose.",
                   title=rng.choice([None, f"Report {n}"]), author=rng.choice([None, "Ana"]))


def v_update_document(p: Project, rng: random.Random) -> None:
    meta = rng.choice([{"title": f"Title {rng.random()}"}, {"author": rng.choice(["Bo", None])},
                       {"published": rng.choice(["2026-11-22", None])}, {"url": "https://x.example"}])
    p.update_document(pick(rng, p.documents()).id, **meta)


def v_move_document(p: Project, rng: random.Random) -> None:
    docs = p.documents()
    p.move_document(pick(rng, docs).id, rng.randrange(len(docs) + 1))


def v_delete_document(p: Project, rng: random.Random) -> None:
    p.delete_document(pick(rng, p.documents()).id)


def v_add_claim(p: Project, rng: random.Random) -> None:
    doc = pick(rng, p.documents()).id
    tags = [t.id for t in p.tags()]
    p.add_claim(doc, *span(rng, p, doc), note=rng.choice(["", "a dam note"]),
                annotator=rng.choice(["", "ana", "ben"]), tags=rng.sample(tags, min(2, len(tags))))


def v_add_claims(p: Project, rng: random.Random) -> None:
    doc = pick(rng, p.documents()).id
    p.add_claims(doc, [span(rng, p, doc) for _ in range(rng.randint(1, 3))], annotator="bulk")


def v_add_claims_by_document(p: Project, rng: random.Random) -> None:
    """Claims in several documents at once, with tags, as an import writes them."""
    tags = [t.id for t in p.tags()]
    docs = rng.sample(p.documents(), min(2, len(p.documents())))
    p.add_claims_by_document(
        {d.id: [NewClaim(*span(rng, p, d.id), annotator=rng.choice([None, "cy"]),
                         tags=tuple(rng.sample(tags, min(1, len(tags)))))
                for _ in range(rng.randint(1, 3))] for d in docs})


def v_update_claim(p: Project, rng: random.Random) -> None:
    claim = pick(rng, p.claims())
    if rng.random() < 0.5:
        p.update_claim(claim.id, note=f"note {rng.random()}")
    else:
        p.update_claim(claim.id, start=span(rng, p, claim.document_id)[0], end=None)


def v_delete_claim(p: Project, rng: random.Random) -> None:
    p.delete_claim(pick(rng, p.claims()).id)


def v_tag_claim(p: Project, rng: random.Random) -> None:
    p.tag_claim(pick(rng, p.claims()).id, pick(rng, p.tags()).id)


def v_untag_claim(p: Project, rng: random.Random) -> None:
    tagged = [(c.id, t) for c in p.claims() for t in c.tag_ids]
    claim_id, tag_id = pick(rng, tagged)
    p.untag_claim(claim_id, tag_id)


def v_add_tag(p: Project, rng: random.Random) -> None:
    parents = [t.id for t in p.tags()] + [None]
    p.add_tag(f"T{rng.randrange(10**6)}", parent=rng.choice(parents),
              description=rng.choice(["", "why"]))


def v_update_tag(p: Project, rng: random.Random) -> None:
    tag = pick(rng, p.tags())
    change = rng.choice([{"name": f"N{rng.randrange(10**6)}"}, {"color": "#12ab34"},
                         {"parent": rng.choice([t.id for t in p.tags()] + [None])},
                         {"description": "changed"}])
    p.update_tag(tag.id, **change)


def v_delete_tag(p: Project, rng: random.Random) -> None:
    p.delete_tag(pick(rng, p.tags()).id)


def v_add_relation_type(p: Project, rng: random.Random) -> None:
    p.add_relation_type(f"R{rng.randrange(10**6)}", polarity=rng.choice([-1, 0, 1]),
                        symmetric=rng.random() < 0.5)


def v_link_claims(p: Project, rng: random.Random) -> None:
    claims = p.claims()
    x, y = pick(rng, claims), pick(rng, claims)
    p.link_claims(x.id, y.id, pick(rng, p.relation_types()).name, note=rng.choice(["", "n"]),
                  annotator=rng.choice(["", "ana"]))


def v_update_link(p: Project, rng: random.Random) -> None:
    link = pick(rng, p.links())
    if rng.random() < 0.5:
        p.update_link(link.id, relation=pick(rng, p.relation_types()).name)
    else:
        p.update_link(link.id, note=f"link note {rng.random()}")


def v_delete_link(p: Project, rng: random.Random) -> None:
    p.delete_link(pick(rng, p.links()).id)


def v_set_setting(p: Project, rng: random.Random) -> None:
    if rng.random() < 0.3:
        p.set_title(f"Walk {rng.random()}")
    else:
        p.set_setting(rng.choice(["walk.a", "walk.b"]), str(rng.randrange(100)))


def v_dismiss_suggestion(p: Project, rng: random.Random) -> None:
    claim = pick(rng, p.claims())
    if rng.random() < 0.5:
        p.dismiss_suggestion(claim.id, "claim", pick(rng, p.claims()).id)
    else:
        s, e = span(rng, p, claim.document_id)
        p.dismiss_suggestion(claim.id, "sentence", f"{claim.document_id}:{s}:{e}")


def v_name_group(p: Project, rng: random.Random) -> None:
    claims = [c.id for c in p.claims()]
    group = rng.sample(claims, min(len(claims), rng.randint(1, 3)))
    if not group:
        raise Nothing
    p.name_group(group, rng.choice(["", "The dam", f"Group {rng.randrange(100)}"]))


def v_update_text(p: Project, rng: random.Random) -> None:
    """A newer version of a source: a cut (claims in it are parked) or a rewrite."""
    doc = pick(rng, p.documents()).id
    text = p.text(doc)
    if rng.random() < 0.5:
        s, e = span(rng, p, doc)
        p.update_text(doc, f"Corrected {rng.randrange(10**6)}. " + text[:s] + text[e:])
    else:
        p.update_text(doc, f"Rewritten {rng.randrange(10**6)}: the storm passed, nobody saw it.")


def v_place_claim(p: Project, rng: random.Random) -> None:
    parked = pick(rng, p.unplaced_claims())
    p.place_claim(parked.claim_id, *span(rng, p, parked.document_id))


def v_drop_unplaced(p: Project, rng: random.Random) -> None:
    p.drop_unplaced(pick(rng, p.unplaced_claims()).claim_id)


def v_add_claimant(p: Project, rng: random.Random) -> None:
    n = rng.randrange(10**6)
    p.add_claimant(f"Speaker {n}", aliases=rng.choice([(), (f"S{n}",)]))


def v_update_claimant(p: Project, rng: random.Random) -> None:
    who = pick(rng, p.claimants())
    if rng.random() < 0.5:
        p.update_claimant(who.id, name=f"Renamed {rng.randrange(10**6)}")
    else:
        p.update_claimant(who.id, aliases=[f"A{rng.randrange(10**6)}"])


def v_merge_claimants(p: Project, rng: random.Random) -> None:
    claimants = p.claimants()
    if len(claimants) < 2:
        raise Nothing
    keep, other = rng.sample(claimants, 2)
    p.merge_claimants(keep.id, other.id)


def v_delete_claimant(p: Project, rng: random.Random) -> None:
    p.delete_claimant(pick(rng, p.claimants()).id)


def v_set_claimant(p: Project, rng: random.Random) -> None:
    names = [c.name for c in p.claimants()] + [f"New {rng.randrange(100)}", None]
    p.set_claimant(pick(rng, p.claims()).id, rng.choice(names))


def v_set_source_card(p: Project, rng: random.Random) -> None:
    doc = pick(rng, p.documents()).id
    if rng.random() < 0.5:
        p.set_source_card(doc, kind=rng.choice(["news", "opinion", "official", None]),
                          note=rng.choice([None, "a memo"]))
    else:
        p.set_source_card(doc, reliability=rng.randint(1, 5), reason="checked twice")


def v_set_attribute(p: Project, rng: random.Random) -> None:
    p.set_attribute(pick(rng, p.documents()).id, rng.choice(["region", "bias"]),
                    str(rng.randrange(100)))


def v_unset_attribute(p: Project, rng: random.Random) -> None:
    doc_id, names = pick(rng, sorted(p.document_attributes().items()))
    p.unset_attribute(doc_id, pick(rng, sorted(names)))


def v_mark_derived(p: Project, rng: random.Random) -> None:
    docs = [d.id for d in p.documents()]
    p.mark_derived(pick(rng, docs), rng.choice([*docs, None]))


def v_add_prompt(p: Project, rng: random.Random) -> None:
    p.add_prompt(f"Question {rng.randrange(10**6)}?", kind=rng.choice(["document", "proposition"]))


def v_set_answer(p: Project, rng: random.Random) -> None:
    prompt = pick(rng, p.prompts())
    subject = pick(rng, p.documents() if prompt.kind == "document" else p.claims()).id
    p.set_answer(prompt.id, subject, rng.choice(["", "Yes, twice.", f"A {rng.random()}"]),
                 annotator=rng.choice(["", "ann"]))


def v_add_criterion(p: Project, rng: random.Random) -> None:
    p.add_criterion(f"Criterion {rng.randrange(10**6)}", ["weak", "fair", "strong"])


def v_assess(p: Project, rng: random.Random) -> None:
    criterion = pick(rng, p.criteria())
    p.assess(rng.choice(["ann", "bo"]), criterion.name, rng.choice(["", *criterion.levels]),
             comment=rng.choice(["", "well sourced"]))


def v_batch(p: Project, rng: random.Random) -> None:
    """Several verbs as one undo step (as imports and merges make them)."""
    with p.batch("Several edits"):
        for _ in range(rng.randint(2, 3)):
            try:
                VERBS[rng.choice(SINGLE)](p, rng)
            except Nothing:
                pass


VERBS: dict[str, Callable[[Project, random.Random], None]] = {
    name[2:]: fn for name, fn in globals().items() if name.startswith("v_")}
SINGLE = sorted(set(VERBS) - {"batch"})
# Public methods that write but are not undoable verbs, and why.
NOT_VERBS = {"nlp_cache_put": "derived spaCy data, written outside the undo log on purpose",
             "derived_put": "the stored re-ranker: derived, rebuilt when missing",
             "derived_delete": "drops derived data of an older layout: rebuilt when missing",
             "suggest_index_put": "the stored suggestion index: derived, rebuilt when missing",
             "suggest_index_stage": "a suggestion index written a part at a time: derived",
             "suggest_index_stage_rows": "its rows, invisible until published: derived",
             "suggest_index_publish": "makes it the stored index: derived",
             "suggest_index_drop": "drops one given up: derived"}


class Signatures:
    """Every content signature seen on a walk, with the claims and documents it was seen
    with: a signature met again must describe the same claims and documents (derived data
    stored at it is then still right), and the counter behind it never goes back."""

    def __init__(self) -> None:
        self.seen: dict[tuple, dict] = {}
        self.last = -1

    def note(self, p: Project, what: str) -> None:
        sig = p.content_signature()
        assert sig[0] == "content" and sig[1] >= self.last, what
        self.last = sig[1]
        dump = _dump(p)
        content = {t: dump[t] for t in ("claims", "documents")}
        assert self.seen.setdefault(sig, content) == content, what


def walk(path: Path, steps: list[str], seed: int) -> Counter[str]:
    """Run *steps* on a new project, then undo all and redo all, comparing every state
    (and the content signature of each: :class:`Signatures`); returns how often each verb
    changed something."""
    rng = random.Random(seed)
    changed: Counter[str] = Counter()
    signatures = Signatures()
    with Project.create(path) as p:
        p.add_document(TEXT_A)
        p.add_document(TEXT_B)
        p.add_tag("T0")
        states = [_dump(p)]
        signatures.note(p, "start")
        heard: list = []
        p.subscribe(heard.append)
        for step in steps:
            before = len(heard)
            try:
                VERBS[step](p, rng)
            except (Nothing, ClaimWeaveError):
                pass
            if len(heard) > before:  # one announced change is one undo step
                assert len(heard) == before + 1, step
                states.append(_dump(p))
                changed[step] += 1
            else:  # refused or a no-op: nothing at all changed
                assert _dump(p) == states[-1], step
            signatures.note(p, step)
        for expected in reversed(states[:-1]):
            p.undo()
            assert _dump(p) == expected
            signatures.note(p, "undo")
        for expected in states[1:]:
            p.redo()
            assert _dump(p) == expected
            signatures.note(p, "redo")
        assert not p.can_redo
    return changed


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(sorted(VERBS)), min_size=1, max_size=30),
       seed=st.integers(0, 10_000))
def test_undo_redo_walks_back_and_forth_exactly(tmp_path_factory, steps, seed) -> None:
    walk(tmp_path_factory.mktemp("walk") / "w.claimweave", steps, seed)


def test_a_long_walk_changes_something_with_every_verb(tmp_path) -> None:
    rng = random.Random(7)
    steps: list[str] = []
    for _ in range(12):  # rounds of every verb in a random order, with more to act on
        round_ = [*VERBS, "add_document", "add_claim", "add_claim", "add_claim",
                  "link_claims", "link_claims", "add_tag", "add_claimant", "update_text"]
        rng.shuffle(round_)
        steps += round_
    changed = walk(tmp_path / "long.claimweave", steps, seed=7)
    assert set(changed) == set(VERBS), sorted(set(VERBS) - set(changed))


def test_the_walk_knows_every_verb() -> None:
    writers = {name for name, fn in inspect.getmembers(Project, inspect.isfunction)
               if not name.startswith("_") and any(
                   mark in inspect.getsource(fn) for mark in ("_transaction(", "_writer.",
                                                              "_begin()"))}
    writers.discard("batch")
    missing = writers - set(VERBS) - set(NOT_VERBS)
    assert not missing, f"add {sorted(missing)} to VERBS in {Path(__file__).name}"


def test_the_dump_covers_every_table(project) -> None:
    tables = {r[0] for r in project.con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts%'")}
    assert tables - {"content_version"} <= set(_dump(project))  # checked by Signatures
