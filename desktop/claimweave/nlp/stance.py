"""The stance hint of a suggested pair: agrees, contradicts or unclear, from explicit cues.

A hint, not a verdict: it only reads surface cues and shows each one as a short string so
the user sees why. Rules, in order:

1. *Polarity flips* — a negation in one span but not the other ("not", "never", "no",
   "n't", implicit negators such as "lack", "fail", "refuse"); an antonym pair, one word on
   each side (curated list :data:`ANTONYMS`, plus the WordNet-free prefix rule: "x" against
   "un-/in-/im-/il-/ir-/dis-/non-x", with a minimum length of x per prefix, and "x-ful"
   against "x-less"). One flip means
   **contradicts**; two flips cancel ("not a rival" against "an ally") and give **unclear**.
2. *Numbers* — the same unit (the word after the number, or "year") with no value in common
   ("5 percent" against "9 percent", "2012" against "2015"): **contradicts**.
3. *Modality* — one span hedged ("may", "could", "likely" ...), the other asserted: the
   pair is at most **unclear**.
4. Otherwise, when the pair is similar enough (lexical similarity >= :data:`AGREE_MIN`):
   **agrees**, with the shared words as the cue; else **unclear**.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import SpanFeatures

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


@dataclass(frozen=True, slots=True)
class StanceHint:
    hint: str  # "agrees" | "contradicts" | "unclear"
    cues: tuple[str, ...]


def antonym_cues(a: SpanFeatures, b: SpanFeatures) -> list[str]:
    """Opposed words, one on each side, that the other side does not also contain."""
    cues = []
    only_a, only_b = a.words - b.words, b.words - a.words
    for x in sorted(only_a):
        for y in only_b:
            if frozenset((x, y)) in ANTONYMS or _prefix_opposite(x, y):
                cues.append(f"antonyms: “{x}” / “{y}”")
    return cues[:3]


def _prefix_opposite(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if len(short) < 3 or short in _NOT_PREFIXED:
        return False
    if any(long_ == p + short and len(short) >= n for p, n in _NEG_PREFIXES.items()):
        return True
    return len(short) > 4 and short.endswith("ful") and long_ == short[:-3] + "less"


def number_cues(a: SpanFeatures, b: SpanFeatures) -> list[str]:
    cues = []
    for unit in sorted(set(a.numbers) & set(b.numbers)):
        if not unit:
            continue
        va, vb = a.numbers[unit], b.numbers[unit]
        if va and vb and not va & vb:
            what = "dates differ" if unit == "year" else f"numbers differ ({unit})"
            cues.append(f"{what}: {', '.join(sorted(va))} vs {', '.join(sorted(vb))}")
    return cues


def stance_hint(a: SpanFeatures, b: SpanFeatures, similarity: float) -> StanceHint:
    """The hint for the pair (a, b); *similarity* is their lexical cosine in [0, 1]."""
    flips: list[str] = []
    if a.negated != b.negated:
        word = (a.negations or b.negations)[0]
        flips.append(f"negation: “{word}” on one side only")
    antonyms = antonym_cues(a, b)
    if antonyms:
        flips.append(antonyms[0])
    numbers = number_cues(a, b)
    hedge = ""
    if bool(a.hedges) != bool(b.hedges):
        hedge = f"modality: “{(a.hedges or b.hedges)[0]}” against a plain assertion"
    cues = flips + antonyms[1:] + numbers + ([hedge] if hedge else [])
    if len(flips) == 1 or numbers:
        return StanceHint("contradicts", tuple(cues))
    if flips or hedge:
        return StanceHint("unclear", tuple(cues))
    if similarity >= AGREE_MIN:
        shared = sorted(set(a.lemmas) & set(b.lemmas), key=lambda w: (-len(w), w))[:3]
        return StanceHint("agrees", (f"same polarity; shares {', '.join(shared)}",))
    return StanceHint("unclear", ("no explicit cue",))
