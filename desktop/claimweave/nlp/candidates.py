"""Claim candidates (sentences likely to state a claim) and snapping a selection to sentences.

Rules, applied to every sentence of an analysis (docs/nlp.md has the same list):

Hard rules (a sentence failing one is not a candidate):
- length: between :data:`MIN_WORDS` and :data:`MAX_WORDS` words (punctuation not counted);
- not a question (does not end with "?");
- ends like a sentence: with ".", "!", "…", ";" or ":" (a closing quote or bracket may follow).
  Headlines and captions, which have no final stop, fail here;
- has a finite verb (fine tag VBD, VBZ, VBP or MD). Headlines, bylines, photo credits and
  "Source:" lines fail here. Without a tagger (blank pipeline) this rule is skipped and the
  reason says so.

Cues (each adds to the score, which starts at :data:`BASE_SCORE`, and is listed as a reason):
- reporting verb or "according to" (say, claim, argue, state, report, believe ...)  +0.20
- modal or hedge (may, might, could, would, should, must, will, likely, seem ...)     +0.15
- negation (not, never, no, n't, implicit negators such as "lack", "fail")            +0.15
- comparative or superlative (more, less, -er/-est forms by tag)                      +0.10
- a number, date, percentage or amount                                                 +0.10
- a causal or concluding connective (because, therefore, thus, as a result, so ...)   +0.10
- a named entity (person, organisation, place, group)                                  +0.05
Long sentences (over :data:`LONG_WORDS` words) lose 0.10: they usually hold several claims.
The score is capped at 1.0.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .analysis import NEG, NUM, PUNCT, SPACE, Analysis
from .features import COMPARATIVE_TAGS, FINITE_TAGS, HEDGES, NAME_LABELS
from .polarity import IMPLICIT_NEGATORS

MIN_WORDS = 6
MAX_WORDS = 80
LONG_WORDS = 45
BASE_SCORE = 0.3
REPORTING_VERBS = frozenset({
    "say", "claim", "argue", "state", "report", "assert", "insist", "maintain", "believe",
    "suggest", "warn", "note", "announce", "declare", "deny", "admit", "contend", "conclude",
    "show", "indicate", "reveal", "find", "estimate", "predict", "expect", "acknowledge",
    "emphasize", "emphasise", "stress", "explain", "point", "observe", "accuse", "allege",
})
MODALS = frozenset({"may", "might", "could", "would", "should", "must", "can", "will",
                    "shall", "ought"}) | HEDGES
COMPARATIVES = frozenset({"more", "less", "most", "least", "fewer", "better", "worse"})
CONNECTIVES = frozenset({"because", "therefore", "thus", "hence", "consequently", "so",
                         "since", "accordingly"})
NUMERIC_ENTITY_LABELS = frozenset({"DATE", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_TERMINALS = ".!…;:"
_CLOSERS = "\"'”’»)]"
_IRREGULAR = {"say": ("said",), "find": ("found",), "show": ("shown",),
              "maintain": (), "point": ()}


def _forms(verbs: frozenset[str]) -> frozenset[str]:
    """Verbs with their regular inflections, for the blank pipeline (no lemmatiser)."""
    out = set(verbs)
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        out.update({v + ("es" if v.endswith(("s", "sh", "ch")) else "s"), stem + "ed",
                    stem + "ing", *_IRREGULAR.get(v, ())})
    return frozenset(out)


REPORTING_FORMS = _forms(REPORTING_VERBS)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    sentence: int  # index into analysis.sentences

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "score": round(self.score, 3),
                "reasons": list(self.reasons)}


# The window shows sentences rated this high or more. Measured on the demo's 37 claims marked
# by hand (tests/perf/test_candidate_quality.py): every rated sentence, precision 0.30 and
# recall 0.95 (nearly every sentence flagged); from 0.5, precision 0.44 and recall 0.78.
SHOWN_MIN_SCORE = 0.5


def claim_candidates(analysis: Analysis, text: str, *,
                     claimed: Iterable[tuple[int, int]] = (),
                     min_score: float = 0.0) -> list[Candidate]:
    """Sentences likely to state a claim, in text order, skipping those already claimed.

    A sentence counts as claimed when claims cover at least half of it.
    """
    merged = merge_spans(claimed)
    out = []
    for index, (s, e) in enumerate(analysis.sentences):
        if merged and covered(merged, s, e) * 2 >= e - s:
            continue
        cand = rate_sentence(analysis, text, index)
        if cand is not None and cand.score >= min_score:
            out.append(cand)
    return out


def unclaimed(candidates: Iterable[Candidate], claimed: Iterable[tuple[int, int]]
              ) -> list[Candidate]:
    """The candidates claims do not cover for half or more: the rule of
    :func:`claim_candidates`, applied to candidates rated once beforehand (claims change far
    more often than a document's analysis, and rating every sentence again costs more)."""
    merged = merge_spans(claimed)
    if not merged:
        return list(candidates)
    return [c for c in candidates if covered(merged, c.start, c.end) * 2 < c.end - c.start]


def rate_sentence(analysis: Analysis, text: str, index: int) -> Candidate | None:
    """Apply the rules to one sentence; None when a hard rule fails."""
    s, e = analysis.sentences[index]
    toks = analysis.token_range(s, e)
    flags, tags = analysis.tok_flags, analysis.tags
    words = [i for i in toks if not flags[i] & (PUNCT | SPACE)]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    tail = text[s:e].rstrip().rstrip(_CLOSERS)
    if not tail or tail[-1] not in _TERMINALS:
        return None
    reasons: list[str] = []
    if any(tags):
        if not any(tags[analysis.tok_tag[i]] in FINITE_TAGS for i in toks):
            return None
        reasons.append("finite verb")
    else:
        reasons.append("finite verb not checked (no tagger)")
    lemmas = [analysis.lemma(i) for i in words]
    lemma_set = set(lemmas)
    score = BASE_SCORE

    def cue(found: bool, weight: float, reason: str) -> None:
        nonlocal score
        if found:
            score += weight
            reasons.append(reason)

    according = any(a == "according" and b == "to" for a, b in pairwise(lemmas))
    reporting = sorted(lemma_set & (REPORTING_VERBS if any(tags) else REPORTING_FORMS))
    cue(bool(reporting) or according, 0.20,
        "reporting: " + (", ".join(reporting) if reporting else "according to"))
    modal = sorted(lemma_set & MODALS) or sorted(
        {analysis.lemma(i) for i in words if tags[analysis.tok_tag[i]] == "MD"})
    cue(bool(modal), 0.15, "modal: " + ", ".join(modal))
    negs = [text[analysis.tok_start[i]:analysis.tok_end[i]] for i in words
            if flags[i] & NEG or analysis.lemma(i) in IMPLICIT_NEGATORS]
    cue(bool(negs), 0.15, "negation: " + ", ".join(dict.fromkeys(n.lower() for n in negs)))
    comparative = bool(lemma_set & COMPARATIVES) or any(
        tags[analysis.tok_tag[i]] in COMPARATIVE_TAGS for i in words)
    cue(comparative, 0.10, "comparative")
    ents = analysis.entities_in(s, e)
    numeric = any(flags[i] & NUM for i in words) or any(
        x.label in NUMERIC_ENTITY_LABELS for x in ents)
    cue(numeric, 0.10, "number or date")
    conn = sorted(lemma_set & CONNECTIVES)
    cue(bool(conn), 0.10, "connective: " + ", ".join(conn))
    names = [x.text for x in ents if x.label in NAME_LABELS]
    cue(bool(names), 0.05, "names: " + ", ".join(dict.fromkeys(names[:3])))
    if len(words) > LONG_WORDS:
        score -= 0.10
        reasons.append(f"long ({len(words)} words)")
    return Candidate(s, e, round(min(score, 1.0), 3), tuple(reasons), index)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of spans as sorted, disjoint spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def covered(merged: list[tuple[int, int]], s: int, e: int) -> int:
    """Code points of [s, e) covered by *merged* (sorted, disjoint spans)."""
    total = 0
    for cs, ce in merged[max(0, bisect_right(merged, (s, s)) - 1):]:
        if cs >= e:
            break
        total += max(0, min(ce, e) - max(cs, s))
    return total


def snap_to_sentence(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the whole sentences it touches.

    An empty selection snaps to the sentence under it (or the next one). A selection that
    touches no sentence (whitespace only, or no sentences at all) is returned unchanged.
    """
    if start > end:
        start, end = end, start
    if start == end:
        i = analysis.sentence_index(start)
        return analysis.sentences[i] if i is not None else (start, end)
    idx = analysis.sentences_in(start, end)
    if not idx:
        return start, end
    return analysis.sentences[idx[0]][0], analysis.sentences[idx[-1]][1]


def snap_to_tokens(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that it cuts no word in half, and trim surrounding spaces."""
    toks = analysis.token_range(start, end)
    words = [i for i in toks if not analysis.tok_flags[i] & SPACE]
    if not words:
        return start, end
    return analysis.tok_start[words[0]], analysis.tok_end[words[-1]]


def next_candidate(candidates: list[Candidate], pos: int, *, backwards: bool = False
                   ) -> Candidate | None:
    """The candidate after (or before) code point *pos*: walking them with a key."""
    starts = [c.start for c in candidates]
    if backwards:
        i = bisect_left(starts, pos) - 1
        return candidates[i] if i >= 0 else None
    i = bisect_right(starts, pos)
    return candidates[i] if i < len(candidates) else None
