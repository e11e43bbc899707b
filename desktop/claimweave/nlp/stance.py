"""The stance hint of a suggested pair: agrees or contradicts, from cues that decide.

A hint, not a verdict: it reads surface cues and shows each one as a short string so the
user sees why. Only two kinds of cue decide:

1. *Polarity flips* — a negation in one span but not the other ("not", "never", "no",
   "n't", implicit negators such as "lack", "fail", "refuse", "limited to"; when what is
   negated never occurs on the other side, with less confidence); an antonym pair, one
   word on each side (curated list :data:`ANTONYMS`, plus the WordNet-free prefix rule:
   "x" against "un-/in-/im-/il-/ir-/dis-/non-x", with a minimum length of x per prefix,
   and "x-ful" against "x-less").
   Exactly one flip means **contradicts**; two flips cancel ("not a rival" against "an ally").
2. *Numbers* — the same unit with no value in common ("5 percent" / "9 percent", "2012" /
   "2015"), or with as many values on each side but not the same ones (bare numbers
   without a unit too, when the pair is similar); clock times, amounts of money or
   percentages with no value in common; and, when the pair is similar (same topic), counts
   of differently named things with no number in common ("240 homes" / "131 properties"):
   **contradicts**.

Otherwise the pair **agrees**. Hedges on one side ("may", "could", "likely"), low overlap
and cancelling flips stay visible as cues and lower :attr:`StanceHint.confidence`, but no
longer decide: most pairs a user links share a proposition, and a hedge qualifies it
without reversing it. docs/nlp.md has the figures per class beside "always agrees" and
"always contradicts".
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import CURRENCY_SYMBOLS, SpanFeatures
from .lexicon import canonical

AGREE_MIN = 0.1

_PAIRS = """
increase decrease; increase reduce; rise fall; rise decline; grow shrink; grow decline;
gain lose; win lose; strengthen weaken; expand contract; improve worsen; improve deteriorate;
raise lower; more less; most least; high low; higher lower; strong weak; stronger weaker;
ally rival; ally enemy; ally adversary; ally foe; friend enemy; friend foe; partner rival;
partner adversary; partner enemy; alliance rivalry; cooperation competition;
cooperation confrontation; cooperate compete; peace war; support oppose; supporter opponent;
accept reject; agree disagree; approve disapprove; confirm deny; admit deny; allow forbid;
allow ban; permit prohibit; include exclude; success failure; succeed fail; true false;
same different; similar different; unite divide; united divided;
early late; permanent temporary; major minor; important unimportant; significant insignificant;
necessary unnecessary; possible impossible; likely unlikely; certain uncertain;
stable unstable; stability instability; secure insecure; security insecurity; legal illegal;
valid invalid; obey disobey; like dislike;
formal informal; direct indirect; active passive; safe dangerous; benefit harm;
advantage disadvantage;
positive negative; victory defeat; increase cut;
always never; all none; everything nothing; everyone nobody; many few; much little;
present absent; presence absence; close distant; closer further;
friendly hostile; trust distrust; legitimate illegitimate; reliable unreliable
"""
ANTONYMS: frozenset[frozenset[str]] = frozenset(
    frozenset(p.split()) for p in _PAIRS.replace("\n", " ").split(";") if p.strip())
# Negating prefixes with the shortest base each may attach to: "in-"/"dis-" on short bases
# mostly make unrelated words ("form"/"inform", "cover"/"discover").
_NEG_PREFIXES = {"un": 4, "non": 4, "non-": 3, "in": 6, "im": 6, "il": 6, "ir": 6, "dis": 6}
_NOT_PREFIXED = frozenset({"like", "der", "til"})  # "unlike" is mostly a preposition


HEDGE_FACTOR = 0.7  # confidence kept when one side is hedged
LOW_OVERLAP_FACTOR = 0.6  # ... when the pair shares little (similarity < AGREE_MIN)
CANCELLED_FACTOR = 0.6  # ... when two flips cancel
OFF_TOPIC_FACTOR = 0.7  # ... when the negated words are absent from the other side


@dataclass(frozen=True, slots=True)
class StanceHint:
    hint: str  # "agrees" | "contradicts"
    cues: tuple[str, ...]
    confidence: float = 1.0  # in (0, 1]: lowered by hedges, low overlap, cancelling flips


def antonym_cues(a: SpanFeatures, b: SpanFeatures) -> list[str]:
    """Opposed words, one on each side, that the other side does not also contain."""
    cues = []
    only_a, only_b = a.words - b.words, b.words - a.words
    for x in sorted(only_a):
        for y in only_b:
            if (frozenset((x, y)) in ANTONYMS or _prefix_opposite(x, y)
                    or frozenset((canonical(x), canonical(y))) in ANTONYMS):
                cues.append(f"antonyms: “{x}” / “{y}”")
    return cues[:3]


def _prefix_opposite(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if len(short) < 3 or short in _NOT_PREFIXED:
        return False
    if any(long_ == p + short and len(short) >= n for p, n in _NEG_PREFIXES.items()):
        return True
    return len(short) > 4 and short.endswith("ful") and long_ == short[:-3] + "less"


_CURRENCIES = frozenset(CURRENCY_SYMBOLS.values()) | {"dollar", "euro", "pound", "yen"}


def _kind(unit: str) -> str:
    """What a unit measures: "time", "year", "money", "percent", else "count"."""
    if unit in ("time", "year", "percent"):
        return unit
    return "money" if unit in _CURRENCIES else "count"


def number_cues(a: SpanFeatures, b: SpanFeatures, similar: bool = False) -> list[str]:
    """Numbers that cannot both be right: the same unit with no value in common
    ("5 percent" / "9 percent"); clock times, amounts of money or percentages with no
    value in common; and, when the pair is *similar* (same topic), counts of differently
    named things with no number at all in common ("240 homes" / "131 properties")."""
    cues, seen = [], set()
    for unit in sorted(set(a.numbers) & set(b.numbers)):
        va, vb = a.numbers[unit], b.numbers[unit]
        if not unit:  # bare numbers ("1 in 60"): only as many on each side, similar pair
            if similar and len(va) == len(vb) and va != vb:
                cues.append(f"numbers differ: {', '.join(sorted(va))} vs "
                            f"{', '.join(sorted(vb))}")
            continue
        # No value in common, or as many values on each side but not the same ones (two
        # times of which one moved: "issued at 01:15, sounded at 01:20" / "09:15, 01:20").
        if va and vb and (not va & vb or (len(va) == len(vb) and va != vb)):
            what = {"year": "dates differ", "time": "times differ"}.get(
                unit, f"numbers differ ({unit})")
            cues.append(f"{what}: {', '.join(sorted(va))} vs {', '.join(sorted(vb))}")
            seen.add(_kind(unit))
    all_a = {v for vs in a.numbers.values() for v in vs}
    all_b = {v for vs in b.numbers.values() for v in vs}
    if all_a & all_b:
        return cues
    for kind in ("time", "money", "percent", "count"):
        if kind in seen or (kind == "count" and not similar):
            continue
        va = {v for u, vs in a.numbers.items() if u and _kind(u) == kind for v in vs}
        vb = {v for u, vs in b.numbers.items() if u and _kind(u) == kind for v in vs}
        if va and vb:
            what = {"time": "times differ", "money": "amounts differ",
                    "percent": "numbers differ (percent)"}.get(kind, "counts differ")
            cues.append(f"{what}: {', '.join(sorted(va))} vs {', '.join(sorted(vb))}")
    return cues


def negation_flip(a: SpanFeatures, b: SpanFeatures) -> str | None:
    """The cue of a negation on one side only; None when both or neither side is negated."""
    if a.negated == b.negated:
        return None
    return f"negation: “{(a.negations or b.negations)[0]}” on one side only"


def negation_off_topic(a: SpanFeatures, b: SpanFeatures) -> bool:
    """True when the negated side negates words the other side never uses (its scope is
    known and shares nothing): the flip still counts, with less confidence. Measured:
    dropping such flips instead lost most contradictions of the development set, whose
    sides negate related words ("not an alliance" / "a strategic partnership")."""
    neg, other = (a, b) if a.negated else (b, a)
    scope = {canonical(w) for w in neg.negated_scope}
    return bool(scope) and not scope & {canonical(w) for w in other.lemmas}


def stance_hint(a: SpanFeatures, b: SpanFeatures, similarity: float) -> StanceHint:
    """The hint for the pair (a, b); *similarity* is their lexical cosine in [0, 1]."""
    flips: list[str] = []
    confidence = 1.0
    negation = negation_flip(a, b)
    if negation:
        flips.append(negation)
        if negation_off_topic(a, b):
            confidence *= OFF_TOPIC_FACTOR
    antonyms = antonym_cues(a, b)
    if antonyms:
        flips.append(antonyms[0])
    numbers = number_cues(a, b, similarity >= AGREE_MIN)
    hedge = ""
    if bool(a.hedges) != bool(b.hedges):
        hedge = f"modality: “{(a.hedges or b.hedges)[0]}” against a plain assertion"
        confidence *= HEDGE_FACTOR
    if similarity < AGREE_MIN:
        confidence *= LOW_OVERLAP_FACTOR
    cues = flips + antonyms[1:] + numbers + ([hedge] if hedge else [])
    if len(flips) == 1 or numbers:
        return StanceHint("contradicts", tuple(cues), round(confidence, 2))
    if len(flips) == 2:
        cues.append("two polarity flips cancel")
        confidence *= CANCELLED_FACTOR
    if similarity >= AGREE_MIN:
        shared = sorted(set(a.lemmas) & set(b.lemmas), key=lambda w: (-len(w), w))[:3]
        if shared:
            cues.insert(0, f"same polarity; shares {', '.join(shared)}")
    else:
        cues.append("little overlap")
    return StanceHint("agrees", tuple(cues) or ("no explicit cue",), round(confidence, 2))
