"""A small hand-built debate with known answers, shared by the analysis, chart and report tests.

Four sources: B (2020), A (2021), D (2022, says nothing linked) and C (undated), so the
columns read B, A, D, C. Propositions: P1 = {a1, c1} (agrees), P3 = {b1} contradicts a1,
P2 = {a2, b2} (same_claim); c2 only elaborates a2, so it joins no proposition.
"""

from __future__ import annotations

from claimweave.core.store import Project

TEXTS = {
    "A": ("Alliance now", "2021-03-01",
          "Russia and Iran are allies. Military ties deepen every year. Oil & gas <flow>."),
    "B": ("No alliance", "2020-05-10",
          "Russia and Iran are not allies. Military cooperation grows, but slowly."),
    "C": ("An undated view", None,
          "The two states form an alliance. Iran needs Russia more than ever."),
    "D": ("A silent source", "2022-01-01", "A remark on something else entirely."),
}
CLAIMS = {
    "a1": ("A", "Russia and Iran are allies", ["alliance"]),
    "a2": ("A", "Military ties deepen every year", ["military"]),
    "a3": ("A", "Oil & gas <flow>", []),
    "b1": ("B", "Russia and Iran are not allies", ["alliance"]),
    "b2": ("B", "Military cooperation grows", ["military", "alliance"]),
    "c1": ("C", "The two states form an alliance", ["alliance"]),
    "c2": ("C", "Iran needs Russia", []),
    "d1": ("D", "A remark on something else", []),
}
LINKS = [("a1", "c1", "agrees"), ("b1", "a1", "contradicts"), ("a2", "b2", "same_claim"),
         ("c2", "a2", "elaborates")]


def build_debate(project: Project) -> dict[str, str]:
    """Fill *project*; returns letters (A..D) and claim names (a1..) -> ids."""
    ids: dict[str, str] = {}
    project.add_tag("alliance", color="#f4c542")
    project.add_tag("military", color="#80b1d3")
    for key, (title, published, text) in TEXTS.items():
        ids[key] = project.add_document(text, title=title, published=published,
                                        url=f"https://example.org/{key.lower()}").document.id
    for name, (doc, quote, tags) in CLAIMS.items():
        ids[name] = project.add_claim(ids[doc], quote=quote, tags=tags).id
    for a, b, relation in LINKS:
        project.link_claims(ids[a], ids[b], relation)
    return ids
