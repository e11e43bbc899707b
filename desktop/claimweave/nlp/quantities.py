"""Quantities in a span, normalised so that figures written differently meet.

The stance hint compares numbers. Writers give the same figure many ways: in words or
digits ("twelve thousand" / "12,000"), as a fraction or a percentage ("a third" /
"33 percent", "one in ten"), in other units ("4 kilometres" / "4,000 metres", "48 hours" /
"two days"), vaguely ("within a fortnight", "several months"), or as a bound ("at least
30", "no fewer than 30"). Each quantity becomes ``(kind, low, high)``: what it measures
(``percent``, a dimension such as ``length`` or ``duration`` in base units from
``resources/lexicon/units.tsv``, or ``count:<class>`` for a count of people, homes,
ships... from ``resources/lexicon/count_classes.tsv``, else ``count:<the counted word>``)
and the interval of values it allows. Two quantities of one kind that allow no common value
cannot both be right; counts of different things are never compared.

Years and clock times stay with :mod:`.features` (they are compared as written); so do
amounts of money, except that an amount is also a quantity of its currency
(``count:eur``), so that "about €40 million" meets "roughly €42 million". All word lists
are general English, written for ClaimWeave.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

from .durations import SOON, duration_in_words

Quantity = tuple[str, float, float]  # (kind, low, high); high may be math.inf
Token = tuple[str, str, bool]  # (word lower-cased, lemma, content word)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
          "trillion": 10**12, "bn": 10**9}
FRACTIONS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# Vague amounts of a unit ("several months"): the interval of multiples they allow.
VAGUE = {"several": (3.0, 9.0), "few": (2.0, 5.0), "couple": (2.0, 2.0), "many": (4.0, 60.0),
         "some": (2.0, 9.0)}
APPROXIMATE = frozenset({"about", "around", "roughly", "some", "approximately", "nearly",
                         "almost", "circa", "approx", "estimated", "close", "c."})
CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
APPROX_SPREAD = 0.1  # "about 700" allows 630-770 (0.2 let "about 3,000" meet "roughly 4,000")
BOUND_SPREAD = 0.2  # "at least 240": a report of one count, so at most 288
EXACT_SPREAD = 0.03  # rounding: "a third" against "33 percent"
# Bounds, as the words before the number (read backwards from the number).
LOWER = (("no", "fewer", "than"), ("no", "less", "than"), ("not", "less", "than"),
         ("at", "least"), ("more", "than"), ("over",), ("above",), ("upwards", "of"),
         ("in", "excess", "of"), ("exceed",), ("exceeding",))
UPPER = (("no", "more", "than"), ("not", "more", "than"), ("up", "to"), ("at", "most"),
         ("fewer", "than"), ("less", "than"), ("under",), ("below",), ("within",),
         ("inside",), ("just", "under"))
# "a night watchman", "a day trip": units that often modify a noun, and are then no span;
# the words that may follow them in a span ("a day later").
COMPOUNDING = frozenset({"day", "night"})
AFTER_SPAN = frozenset({"later", "earlier", "ago", "before", "after", "long", "early", "late"})
PERCENT_WORDS = frozenset({"percent", "%", "pc", "per cent", "percentage"})
_NUMERIC = re.compile(r"^\d[\d,]*(\.\d+)?$")
_YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")
_PIECE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+\.?|%|[^\s\w]")


@cache
def _rows(name: str) -> list[list[str]]:
    path = resources.files("claimweave") / "resources" / "lexicon" / name
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def units() -> dict[str, tuple[str, float]]:
    """Unit word -> (dimension, size in the base unit)."""
    return {w: (dim, float(size)) for w, dim, size in _rows("units.tsv")}


@cache
def count_classes() -> dict[str, str]:
    """Counted noun -> its class ("worker" -> "people", "household" -> "dwellings")."""
    return {w: row[0] for row in _rows("count_classes.tsv") for w in row[1:]}


def pieces(words: list[tuple[str, str, bool]]) -> list[Token]:
    """Tokens split where a tokenizer keeps figures together ("in-100", "3.5km"); a
    piece of a split token is its own lemma."""
    out: list[Token] = []
    for word, lemma, content in words:
        parts = _PIECE.findall(word)
        if len(parts) <= 1:
            out.append((word, lemma, content))
        else:
            out.extend((p, p, p.isalpha()) for p in parts)
    return out


def _forms(word: str, lemma: str) -> tuple[str, ...]:
    """The lemma, the word, and its singular by rule (without a lemmatiser the blank
    pipeline's lemmas are the words as written: "homes", "properties")."""
    forms = [lemma, word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def _unit(word: str, lemma: str) -> tuple[str, float] | None:
    table = units()
    for w in _forms(word, lemma):
        if w in table:
            return table[w]
    return None


def _count_kind(word: str, lemma: str, canonical: dict[str, str]) -> tuple[str, bool]:
    """("count:<class>", True) for a noun in a count class, else ("count:<word>", False)."""
    classes = count_classes()
    for w in _forms(word, lemma):
        cls = classes.get(w) or classes.get(canonical.get(w, w))
        if cls:
            return f"count:{cls}", True
    thing = lemma
    if lemma == word and word.endswith("s") and not word.endswith("ss"):
        thing = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return f"count:{canonical.get(thing, thing)}", False


def _value(toks: list[Token], i: int) -> tuple[float, int] | None:
    """The number starting at *i* and the index after it: digits or words, with scales
    ("twelve thousand", "twenty-five", "1.2 million")."""
    word = toks[i][0]
    if _NUMERIC.match(word):
        value, j = float(word.replace(",", "")), i + 1
    elif word in NUMBER_WORDS:
        value, j = float(NUMBER_WORDS[word]), i + 1
        while j < len(toks):  # "twenty - five", "twenty five"
            k = j + 1 if toks[j][0] == "-" and j + 1 < len(toks) else j
            nxt = toks[k][0]
            if nxt in NUMBER_WORDS and NUMBER_WORDS[nxt] < 10 and value % 10 == 0 < value:
                value, j = value + NUMBER_WORDS[nxt], k + 1
            else:
                break
    else:
        return None
    while j < len(toks) and toks[j][0] in SCALES:
        value *= SCALES[toks[j][0]]
        j += 1
    return value, j


def _bound(toks: list[Token], i: int) -> str:
    """"lower", "upper", "approx" or "exact" from the words before index *i*."""
    words = [t[0] for t in toks[max(0, i - 3):i]]
    for pattern in LOWER:
        if tuple(words[-len(pattern):]) == pattern:
            return "lower"
    for pattern in UPPER:
        if tuple(words[-len(pattern):]) == pattern:
            return "upper"
    return "approx" if words and words[-1] in APPROXIMATE else "exact"


def _interval(value: float, bound: str) -> tuple[float, float]:
    if bound == "lower":
        return value, math.inf
    if bound == "upper":
        return 0.0, value
    spread = APPROX_SPREAD if bound == "approx" else EXACT_SPREAD
    return value * (1 - spread), value * (1 + spread)


def quantities(toks: list[Token], canonical: dict[str, str] | None = None
               ) -> list[Quantity]:
    """Every quantity in the tokens of a span (see the module docstring). *canonical*
    maps a counted lemma to its synonym group's word."""
    out: list[Quantity] = []
    n, i = len(toks), 0
    while i < n:
        word = toks[i][0]
        start = i
        span = duration_in_words(toks, i)
        if span:  # "until Friday", "for the rest of the month", "within days"
            out.append(("duration", *span[0]))
            i = span[1]
            continue
        # "a third", "two-thirds", "one in ten", "1 in 60": shares, as percentages.
        got = _value(toks, i) if not _YEAR.match(word) or i + 1 >= n or toks[i + 1][0] in (
            "in", "out") else None
        if got is None and word in ("a", "an") and i + 1 < n:
            got = (1.0, i + 1)
        if got is None and word in VAGUE and i + 1 < n:
            j = i + 1 + (toks[i + 1][0] == "of")
            unit = _unit(toks[j][0], toks[j][1]) if j < n else None
            if word == "few" and (i == 0 or toks[i - 1][0] not in ("a", "the")):
                unit = None  # "few" alone is "not many", not a number of units
            if unit and unit[0] == "duration":
                lo, hi = VAGUE[word]
                bound = _bound(toks, start - (word == "few" or word == "couple"))
                lo = 0.0 if bound == "upper" else lo
                out.append(("duration", lo * unit[1], hi * unit[1]))
                i = j + 1
                continue
            i += 1
            continue
        if got is None:
            i += 1
            continue
        value, j = got
        nxt = toks[j][0] if j < n else ""
        if nxt in ("-",) and j + 1 < n:
            j, nxt = j + 1, toks[j + 1][0]
        frac = FRACTIONS.get(toks[j][1] if j < n else "") or FRACTIONS.get(
            nxt[:-1] if nxt.endswith("s") else nxt)
        if frac and value < frac:
            out.append(("percent", *_interval(100 * value / frac, _bound(toks, start))))
            i = j + 1
            continue
        if nxt in ("in", "out") and j + 1 < n:
            k = j + 1 + (nxt == "out" and toks[j + 1][0] == "of")
            k += k < n and toks[k][0] == "-"
            whole = _value(toks, k) if k < n else None
            if whole and whole[0] > value:
                out.append(("percent", *_interval(100 * value / whole[0],
                                                  _bound(toks, start))))
                i = whole[1]
                continue
        if word in ("a", "an"):
            unit = _unit(nxt, toks[j][1]) if j < n else None
            compound = nxt in COMPOUNDING and j + 1 < n and toks[j + 1][2] and (
                toks[j + 1][0] not in AFTER_SPAN)
            if unit and unit[0] == "duration" and not compound:  # not "a night watchman"
                out.append(("duration", *_interval(unit[1], _bound(toks, start))))
                i = j + 1
                continue
            i += 1
            continue
        if j + 1 < n and toks[j][0] == ":" and toks[j + 1][0].isdigit():
            i = j + 2
            continue  # a clock time, hours and minutes, is compared as written
        if _YEAR.match(word):
            i = j
            continue  # so are years
        if start > 0 and toks[start - 1][0] in CURRENCY_SIGNS:
            # money after its sign ("about €40 million"): a quantity of that currency, as
            # features names its unit ("eur"), bounded by the words
            # before the sign
            out.append((f"count:{CURRENCY_SIGNS[toks[start - 1][0]]}",
                        *_interval(value, _bound(toks, start - 1))))
            i = j
            continue
        kind, size = _kind_after(toks, j, canonical or {})
        if kind is None:
            kind = _counted_before(toks, start, canonical or {}) or "number"
        if kind:
            out.append((kind, *_interval(value * size, _bound(toks, start))))
        i = j
    return out


def _kind_after(toks: list[Token], j: int, canonical: dict[str, str]
                ) -> tuple[str | None, float]:
    """What the number before index *j* measures: a percentage, a unit's dimension, or
    the class of what it counts (of the next two content words, the first with a class,
    else the first: "131 residential properties" counts dwellings); None when nothing
    follows the number."""
    n, first = len(toks), None
    seen = 0
    for k in range(j, min(j + 4, n)):
        word, lemma, content = toks[k]
        if word in PERCENT_WORDS or (word == "per" and k + 1 < n and toks[k + 1][0] == "cent"):
            return "percent", 1.0
        unit = _unit(word, lemma)
        if unit and seen == 0:
            return unit
        if content and word.isalpha() and word not in NUMBER_WORDS:
            kind, known = _count_kind(word, lemma, canonical)
            if known:
                return kind, 1.0
            first = first or kind
            seen += 1
            if seen == 2:
                break
        elif word not in ("of", "-") and not content:
            break
    return first, 1.0


def _counted_before(toks: list[Token], i: int, canonical: dict[str, str]) -> str | None:
    """For a number with nothing after it, what an earlier "the number of X" / "the
    total of X" names ("put the number of workers taking part at about 700")."""
    for k in range(i - 2, 0, -1):
        if toks[k][0] == "of" and toks[k - 1][0] in ("number", "total", "count", "toll"):
            for word, lemma, content in toks[k + 1:i]:
                if content and word.isalpha():
                    return _count_kind(word, lemma, canonical)[0]
            return None
    return None


def overlaps(a: Quantity, b: Quantity) -> bool:
    """True when both figures can be right. Two bounds the same way round are two
    reports of one figure ("at least 240" / "at least 721" differ; "at least 30" / "no
    fewer than 30" agree), so their limits are compared, not their intervals; so are a
    lower bound and a figure of one count: "at least 60 homes" says about 60 (up to 20 %
    more), not "any number above 60", so it differs from "about 110 homes"."""
    kind_a, lo_a, hi_a = a
    kind_b, lo_b, hi_b = b
    if kind_a != kind_b:
        return False
    if hi_a == hi_b == math.inf or (lo_a == lo_b == 0.0 < hi_a and hi_b > 0.0):
        x, y = sorted((lo_a, lo_b) if hi_a == math.inf else (hi_a, hi_b))
        return y <= x * (1 + BOUND_SPREAD) + 1e-9
    if kind_a.startswith("count:") and (hi_a == math.inf) != (hi_b == math.inf):
        (_, bound, _), (lo, hi) = (a, (lo_b, hi_b)) if hi_a == math.inf else (b, (lo_a, hi_a))
        if lo > 0.0:  # a lower bound against a figure: two reports of one count
            return lo <= bound * (1 + BOUND_SPREAD) + 1e-9 and hi >= bound
    return lo_a <= hi_b and lo_b <= hi_a


def conflicting(a: list[Quantity], b: list[Quantity], similar: bool = True
                ) -> list[tuple[str, list[Quantity], list[Quantity]]]:
    """Kinds measured on both sides whose figures cannot all be right: no value of one
    side allowed by the other, or as many figures on each side but some unmatched (one
    of two figures changed). Figures nothing names (kind "number": "Gate 2 is") count
    only in a *similar* pair with as many on each side."""
    out = []
    for kind in sorted({q[0] for q in a} & {q[0] for q in b}):
        qa, qb = [q for q in a if q[0] == kind], [q for q in b if q[0] == kind]
        if kind == "number" and not (similar and len(qa) == len(qb)):
            continue
        free_a = [q for q in qa if not any(overlaps(q, r) for r in qb)]
        free_b = [q for q in qb if not any(overlaps(q, r) for r in qa)]
        if (len(free_a) == len(qa) and len(free_b) == len(qb)) or (
                len(qa) == len(qb) and free_a and free_b):
            out.append((kind, qa, qb))
    return out


def is_exact(q: Quantity) -> bool:
    """True for a figure given as it is ("41 million euro": rounding only), False for an
    approximate one or a bound ("about 41 million", "at least 39 million")."""
    _, lo, hi = q
    mid = (lo + hi) / 2
    return hi != math.inf and lo > 0.0 and hi - lo <= 2.0001 * EXACT_SPREAD * mid


def describe(q: Quantity) -> str:
    """A short human form: "33%", "4000 m", "2 days", "≥ 30", "0-14 days"."""
    kind, lo, hi = q
    unit = {"percent": "%", "length": " m", "mass": " kg", "volume": " l", "area": " m²",
            "duration": " days"}.get(kind, "")
    def num(v: float) -> str:
        return f"{v:.3g}" if v < 1000 else f"{v:,.0f}"
    if hi == math.inf:
        return f"≥ {num(lo)}{unit}"
    mid = (lo + hi) / 2
    if lo <= SOON and hi > 0:  # a bound, or a deadline in words ("until Friday")
        return f"≤ {num(hi)}{unit}"
    if hi - lo <= 2.0001 * APPROX_SPREAD * mid:
        return f"{num(mid)}{unit}"
    return f"{num(lo)}-{num(hi)}{unit}"
