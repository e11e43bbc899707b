"""Reused passages (word shingles) and independent agreement on small real projects."""

from __future__ import annotations

from claimweave.analysis.comparison import compare
from claimweave.analysis.provenance import TextSource, copy_candidates, reused_passages
from claimweave.analysis.snapshot import Snapshot

PARAGRAPH = ("Inspectors approved the last pillar of the new bridge on Monday and the ministry "
             "expects the first cars to cross it in June while engineers keep watching the "
             "expansion joints for cracks through the summer months")


def _words(text: str) -> int:
    return len(text.split())


def test_near_copies_are_found_with_both_spans_and_the_earlier_side() -> None:
    edited = PARAGRAPH.replace("the first cars", "the very first cars").replace(
        "for cracks", "for any cracks").replace("Monday", "Tuesday")
    a = TextSource("a", "Intro line.\n" + PARAGRAPH + "\nEnd.", "2026-01-02")
    b = TextSource("b", "Other start. " + edited, "2026-01-01")
    [p] = reused_passages([a, b])
    assert p.earlier == "b" and p.a.document_id == "b"  # the earlier publication first
    assert a.text[p.b.start:p.b.end].startswith("Inspectors approved")
    assert a.text[p.b.start:p.b.end].endswith("summer months")
    assert p.words >= _words(PARAGRAPH) - 2
    undated = reused_passages([a, TextSource("b", b.text)])
    assert undated[0].earlier is None


def test_short_or_scattered_overlaps_are_not_reuse() -> None:
    half = " ".join(PARAGRAPH.split()[:15])
    a = TextSource("a", "It is said that " + half + ", and more.")
    b = TextSource("b", "Yesterday " + half + " too.")
    assert reused_passages([a, b]) == []
    assert len(reused_passages([a, b], min_words=10)) == 1


def test_copy_candidates_need_most_of_the_later_text() -> None:
    a = TextSource("a", PARAGRAPH + " " + "Long original analysis follows here. " * 20,
                   "2026-01-01")
    b = TextSource("b", "Brief: " + PARAGRAPH, "2026-01-05")
    passages = reused_passages([a, b])
    counts = {"a": _words(a.text), "b": _words(b.text)}
    [c] = copy_candidates(passages, counts)
    assert (c.copy, c.original) == ("b", "a") and c.share > 0.9


def _agreeing(project, texts: list[tuple[str, str, str | None]]) -> list[str]:
    """Documents (title, text, author) each with one claim of "the bridge opens in June",
    all linked as agreeing; returns the claim ids."""
    claims = []
    for n, (title, text, author) in enumerate(texts):
        doc = project.add_document(text, title=title, author=author,
                                   published=f"2026-02-0{n + 1}").document.id
        claims.append(project.add_claim(doc, quote="opens in June").id)
    for other in claims[1:]:
        project.link_claims(claims[0], other, "agrees")
    return claims


def _row(project):
    matrix = compare(Snapshot.of(project))
    [p] = matrix.propositions
    return matrix.independence[p.key]


def test_shared_claimant_and_shared_author_collapse(project) -> None:
    claims = _agreeing(project, [("A", "The minister says the bridge opens in June.", "Ann"),
                                 ("B", "Officials: it opens in June, a minister said.", "Bob"),
                                 ("C", "Our view: it opens in June.", "Cy"),
                                 ("D", "Again: the bridge opens in June.", "cy")])
    row = _row(project)
    assert (row.supporting.sources, row.supporting.independent) == (4, 3)  # C and D: one author
    project.set_claimant(claims[0], "the minister")
    project.set_claimant(claims[1], "The Minister")
    row = _row(project)
    assert row.supporting.independent == 2
    assert row.claimants == ("the minister", "Cy")
    assert "the minister is the claimant in both" in row.explanation()
    assert row.first_appearance is not None and row.summary() == "4 sources, 2 independent"


def test_copy_mark_and_reprinted_text_collapse(project) -> None:
    texts = [("Wire", PARAGRAPH + " The bridge opens in June.", None),
             ("Reprint", "Short: " + PARAGRAPH + " It opens in June, they say.", None),
             ("Own", "We saw it: it opens in June.", None)]
    claims = _agreeing(project, texts)
    assert _row(project).supporting.independent == 3  # the claim is outside the shared text
    docs = project.documents()
    project.mark_derived(docs[1].id, docs[0].id)
    row = _row(project)
    assert row.supporting.independent == 2 and "marked as a copy" in row.explanation()
    project.mark_derived(docs[1].id, None)
    project.update_claim(claims[1], start=7, end=7 + len(PARAGRAPH))  # now inside the reprint
    row = _row(project)
    assert row.supporting.independent == 2
    assert "\u201cReprint\u201d reprints a" in row.explanation()
