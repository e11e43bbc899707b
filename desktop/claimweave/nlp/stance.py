"""The stance hint of a suggested pair: agrees or contradicts, from cues that decide.

A hint, not a verdict: it reads surface cues and shows each one as a short string so the
user sees why. Only four kinds of cue decide:

1. *Polarity flips* — a negation in one span but not the other ("not", "never", "no",
   "n't", implicit negators such as "lack", "fail", "refuse", "limited to", "left out",
   verbs that end a state, "stopped generating"; composed by :mod:`.polarity`: "did not
   reject" is none; not a bound or a time: "no fewer than", "not only", "not ... until";
   when what is negated never occurs on the other side, with less confidence, and it
   does not cancel an antonym); an antonym pair, one word or phrase on each side
   (``resources/lexicon/antonyms.tsv`` via :mod:`.opposites`: pairs, families of opposed
   directions such as rise / fall, of states such as "working" / "switched off", "on duty" /
   "absent", "intact" / "damaged", of manners, "deliberate" / "on impulse", of modes, "in
   person" / "by video link", of focus, "only about" / "as much as"; alternatives
   of which one is true, "on foot" / "by car"; plus the WordNet-free prefix rules: "x"
   against "un-/in-/im-/il-/ir-/dis-/non-x", "x-ful" against "x-less", "up-x" / "down-x",
   "over-x" / "under-x"). A negation over the negated side's own opposed word cancels it
   ("no one was killed" / "everyone got out alive").
   Exactly one flip means **contradicts**; two flips cancel ("not a rival" against "an ally").
2. *Numbers* — years, clock times and money as written; other figures normalised
   (:mod:`.quantities`: words or digits, fractions as percentages, units, vague
   durations, spans in words such as "until Friday" or "for weeks" (:mod:`.durations`),
   bounds) and compared by kind: no value allowed on both sides means
   **contradicts**; counts of different things are never compared. A period after an
   event against one within it ("following the dissolution of the Soviet Union" / "the
   Soviet era") is read with them.
3. *Speakers* — the same words (the quoted words, when both sides quote) given to
   different named people (a misattributed quotation): **contradicts**.
4. *Ways in* — two ways into (or out of) a place that cannot be one way ("got in through
   a skylight" / "forced open a fire door"; :mod:`.slots`, narrow on purpose):
   **contradicts**, with less confidence.

Otherwise the pair **agrees**. Hedges on one side ("may", "could", "likely"), low overlap
and cancelling flips stay visible as cues and lower :attr:`StanceHint.confidence`, but no
longer decide: most pairs a user links share a proposition, and a hedge qualifies it
without reversing it. docs/nlp.md has the figures per class beside "always agrees" and
"always contradicts".
"""

from __future__ import annotations

from dataclasses import dataclass

from .durations import periods_differ
from .features import SpanFeatures
from .lexicon import CANONICAL, canonical
from .opposites import antonym_pairs, forms, shown
from .polarity import NEGATORS
from .quantities import CURRENCY_SIGNS, conflicting, describe, is_exact
from .slots import paths_differ

AGREE_MIN = 0.1



ANTONYMS: frozenset[frozenset[str]] = antonym_pairs()
# Negating prefixes with the shortest base each may attach to: "in-"/"dis-" on short bases
# mostly make unrelated words ("form"/"inform", "cover"/"discover").
_NEG_PREFIXES = {"un": 4, "non": 4, "non-": 3, "in": 6, "im": 6, "il": 6, "ir": 6, "dis": 6}
_NOT_PREFIXED = frozenset({"like", "der", "til"})  # "unlike" is mostly a preposition
# Opposed prefixes on one stem ("upgrade"/"downgrade", "overestimate"/"underestimate").
_PREFIX_PAIRS = (("up", "down"), ("over", "under"), ("pro", "anti"))


HEDGE_FACTOR = 0.7  # confidence kept when one side is hedged
LOW_OVERLAP_FACTOR = 0.6  # ... when the pair shares little (similarity < AGREE_MIN)
CANCELLED_FACTOR = 0.6  # ... when two flips cancel
OFF_TOPIC_FACTOR = 0.7  # ... when the negated words are absent from the other side
SLOT_FACTOR = 0.6  # ... when only the ways in differ (nlp/slots.py)
# Verbs and words that name a cause: a negation over one of them denies a cause.
CAUSAL = frozenset({"cause", "caused", "start", "started", "trigger", "triggered", "spark",
                    "sparked", "due", "blame", "blamed", "result"})
SPEAKER_MIN_SHARED = 3  # words besides the names both sides must share ...
SPEAKER_MIN_JACCARD = 0.6  # ... and how nearly the same the rest must be


@dataclass(frozen=True, slots=True)
class StanceHint:
    hint: str  # "agrees" | "contradicts"
    cues: tuple[str, ...]
    confidence: float = 1.0  # in (0, 1]: lowered by hedges, low overlap, cancelling flips


def antonym_cues(a: SpanFeatures, b: SpanFeatures) -> list[str]:
    """Opposed words, one on each side, that the other side does not also contain."""
    return [f"antonyms: “{shown(x)}” / “{shown(y)}”" for x, y in opposed(a, b)][:3]


def opposed(a: SpanFeatures, b: SpanFeatures) -> list[tuple[str, str]]:
    """The opposed (word of a, word of b) pairs behind :func:`antonym_cues`. A negator
    ("reject", "deny", "fail", "never", "nobody") is no antonym: its polarity is the
    negation's, counted once ("accepted" / "rejected", "never" / "always" are one flip;
    "did not reject" / "accepted" none)."""
    found = []
    only_a, only_b = a.words - b.words - NEGATORS, b.words - a.words - NEGATORS
    for x in sorted(only_a):
        for y in sorted(only_b):
            if (frozenset((x, y)) in ANTONYMS or _prefix_opposite(x, y)
                    or frozenset((canonical(x), canonical(y))) in ANTONYMS):
                found.append((x, y))
    return found


def _prefix_opposite(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if len(short) < 3 or short in _NOT_PREFIXED:
        return False
    if any(long_ == p + short and len(short) >= n for p, n in _NEG_PREFIXES.items()):
        return True
    if len(short) > 4 and short.endswith("ful") and long_ == short[:-3] + "less":
        return True
    for p, q in _PREFIX_PAIRS:
        for u, v in ((x, y), (y, x)):
            if u.startswith(p) and len(u) - len(p) >= 4 and v == q + u[len(p):]:
                return True
    return False


_CURRENCIES = frozenset(CURRENCY_SIGNS.values()) | {"dollar", "euro", "pound", "yen"}


def _kind(unit: str) -> str:
    """What a unit measures: "time", "year", "calendar day", "money", "percent", else
    "count"."""
    if unit in ("time", "year", "calendar day", "percent"):
        return unit
    return "money" if unit in _CURRENCIES else "count"


def number_cues(a: SpanFeatures, b: SpanFeatures, similar: bool = False) -> list[str]:
    """Numbers that cannot both be right.

    Years, days of the year, clock times and amounts of money as written: the same unit with
    no value in common, or as many values on each side but not the same ones ("issued at
    01:15, sounded at 01:20" / "09:15, 01:20"); clock times or money in different units with
    no value in common. Other figures are compared normalised (:mod:`.quantities`): the same
    kind (a percentage, a length, a duration, a count of people or of homes...) with no
    value allowed on both sides ("a third" / "one in ten", "within a fortnight" / "several
    months", "450 homes" / "120 households"); counts of different things never conflict
    ("600 metres of barrier" / "fourteen crews"). Figures nothing names ("Gate 2 is") only
    in a *similar* pair with as many on each side."""
    cues = []
    seen = set()
    fuzzy = _fuzzy_money(a, b)
    for unit in sorted(set(a.numbers) & set(b.numbers) - fuzzy):
        va, vb = a.numbers[unit], b.numbers[unit]
        if _kind(unit) == "year":  # calendar years only: "two years" is a duration
            va, vb = {v for v in va if len(v) == 4}, {v for v in vb if len(v) == 4}
        elif _kind(unit) not in ("time", "money", "calendar day"):
            continue
        if va and vb and (not va & vb or (len(va) == len(vb) and va != vb)):
            what = {"year": "dates differ", "calendar day": "dates differ",
                    "time": "times differ"}.get(
                unit, f"amounts differ ({unit})")
            cues.append(f"{what}: {', '.join(sorted(va))} vs {', '.join(sorted(vb))}")
            seen.add(_kind(unit))
    all_a = {v for vs in a.numbers.values() for v in vs}
    all_b = {v for vs in b.numbers.values() for v in vs}
    if not all_a & all_b:
        for kind in ("time", "money"):
            if kind in seen:
                continue
            va = {v for u, vs in a.numbers.items()
                  if u and u not in fuzzy and _kind(u) == kind for v in vs}
            vb = {v for u, vs in b.numbers.items()
                  if u and u not in fuzzy and _kind(u) == kind for v in vs}
            if va and vb:
                what = "times differ" if kind == "time" else "amounts differ"
                cues.append(f"{what}: {', '.join(sorted(va))} vs {', '.join(sorted(vb))}")
    for kind, qa, qb in conflicting(a.quantities, b.quantities, similar):
        what = kind.split(":", 1)[1] if kind.startswith("count:") else kind
        cues.append(f"figures differ ({what}): {', '.join(describe(q) for q in qa)} vs "
                    f"{', '.join(describe(q) for q in qb)}")
    return cues


def _fuzzy_money(a: SpanFeatures, b: SpanFeatures) -> set[str]:
    """Currencies written as a word after the amount ("41 million euro") that both sides
    state and one states approximately or as a bound ("about", "at least"): those are
    compared as quantities, with the spread the words allow, not as written ("about 41
    million euro" / "roughly 43 million euro" agree)."""
    out = set()
    for unit in set(a.numbers) & set(b.numbers):
        if _kind(unit) != "money":
            continue
        qa = [q for q in a.quantities if q[0] == f"count:{unit}"]
        qb = [q for q in b.quantities if q[0] == f"count:{unit}"]
        if qa and qb and not all(is_exact(q) for q in qa + qb):
            out.add(unit)
    return out


def speakers_differ(a: SpanFeatures, b: SpanFeatures) -> str | None:
    """The same words given to different people: both sides name people, none in common,
    and what remains once the names are left out is nearly the same (a quotation
    attributed to two speakers; when both sides quote, the quoted words are compared, not
    how each report introduces them: "Ferrer added" / "Agriculture Minister Montalvo said
    last week"). Two people *agreeing* say it in their own words."""
    if not a.persons or not b.persons or _same_person(a.persons, b.persons):
        return None
    names_a = {w for p in a.persons for w in p.split()}
    names_b = {w for p in b.persons for w in p.split()}
    said_a, said_b = (a.quoted, b.quoted) if a.quoted and b.quoted else (a.lemmas, b.lemmas)
    rest_a = {canonical(w) for w in said_a if w not in names_a}
    rest_b = {canonical(w) for w in said_b if w not in names_b}
    if len(rest_a & rest_b) < SPEAKER_MIN_SHARED:
        return None
    if len(rest_a & rest_b) / len(rest_a | rest_b) < SPEAKER_MIN_JACCARD:
        return None
    return f"speakers differ: {sorted(a.persons)[0]} / {sorted(b.persons)[0]}"


def _same_person(xs: set[str], ys: set[str]) -> bool:
    """Some person named on both sides: the same key, or the same last name ("dara quinn"
    / "quinn": a report names a person in full once, then by surname)."""
    return bool(xs & ys) or bool({x.split()[-1] for x in xs} & {y.split()[-1] for y in ys})


def corrected_attribution(a: SpanFeatures, b: SpanFeatures) -> bool | None:
    """For a negation that denies a person ("It was not Dara Quinn who ordered it, but
    Lena Moss"): True when the other side names someone else the negated side names (it
    gives the act to the corrected person: they agree), False when it names the denied
    person (the correction contradicts it), None when no person is denied."""
    neg, other = (a, b) if a.negated else (b, a)
    denied = {p for p in neg.persons if set(p.split()) & neg.negated_scope}
    if not denied or not other.persons:
        return None
    if _same_person(denied, other.persons):
        return False
    return _same_person(neg.persons - denied, other.persons)


def negated_cause_unstated(a: SpanFeatures, b: SpanFeatures) -> bool:
    """True for a negated cause the other side never states ("the fire was not started
    by lightning" / "traced to a barbecue"): denying one cause is no denial of another.
    The negated words other than the causal verb itself must be absent from the other
    side ("not started by a barbecue" / "a barbecue started it" still flips)."""
    neg, other = (a, b) if a.negated else (b, a)
    if not neg.negated_scope & CAUSAL:
        return False
    rest = {canonical(w) for w in neg.negated_scope - CAUSAL}
    return bool(rest) and not rest & {canonical(w) for w in other.lemmas}


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


def negates_opposed(a: SpanFeatures, b: SpanFeatures) -> bool:
    """True when the negation covers the negated side's own opposed word ("No one was
    killed" / "Everyone got out alive"): it denies the opposite, so the two flips cancel
    even though the rest of what is negated is absent from the other side."""
    neg_is_a = a.negated
    scope = (a if neg_is_a else b).negated_scope
    for x, y in opposed(a, b):
        parts = set((x if neg_is_a else y).split("_")) - {"be"}
        if any(w in forms(part) or part in forms(w) for part in parts for w in scope):
            return True
    return False


def stance_hint(a: SpanFeatures, b: SpanFeatures, similarity: float) -> StanceHint:
    """The hint for the pair (a, b); *similarity* is their lexical cosine in [0, 1]."""
    flips: list[str] = []
    confidence = 1.0
    negation = negation_flip(a, b)
    antonyms = antonym_cues(a, b)
    side_note = ""
    correction = corrected_attribution(a, b) if negation else None
    if negation and correction:
        side_note = f"{negation} (corrects who did it; the other side names the same person)"
    elif negation and negated_cause_unstated(a, b):
        side_note = f"{negation} (denies a cause the other side does not state)"
    elif negation:
        if correction is False or not negation_off_topic(a, b) or (
                antonyms and negates_opposed(a, b)):  # "no one was killed" / "got out alive"
            flips.append(negation)
        elif antonyms:  # a negated side detail does not cancel an opposed main word
            side_note = f"{negation} (about a detail the other side does not mention)"
        else:
            flips.append(negation)
            confidence *= OFF_TOPIC_FACTOR
    if antonyms:
        flips.append(antonyms[0])
    numbers = number_cues(a, b, similarity >= AGREE_MIN)
    speakers = speakers_differ(a, b)
    if speakers:
        numbers.append(speakers)
    period = periods_differ(a.periods, b.periods)
    if period:
        numbers.append(period)
    path = paths_differ(a.paths, b.paths, CANONICAL)
    if path:  # the narrow slot rule: a hint, less sure than a figure
        numbers.append(path)
        confidence *= SLOT_FACTOR
    hedge = ""
    if bool(a.hedges) != bool(b.hedges):
        hedge = f"modality: “{(a.hedges or b.hedges)[0]}” against a plain assertion"
        confidence *= HEDGE_FACTOR
    if similarity < AGREE_MIN:
        confidence *= LOW_OVERLAP_FACTOR
    cues = flips + antonyms[1:] + numbers + [c for c in (side_note, hedge) if c]
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
