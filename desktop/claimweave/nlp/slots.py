"""The way in (or out) a span names, for the stance hint's one slot rule.

Two reports of one break-in that name different ways in ("through a skylight on the
roof" / "through the loading bay doors at the back"; "forced open a fire door") cannot
both be right, although no word negates or opposes another. Two ways in that share a
word, or of which one is a kind of the other (``resources/lexicon/kinds.tsv``: a
skylight is a window in a roof), may be one way described twice ("a window in the roof"),
so they do not conflict. The rule is narrow on purpose: only a path after "through" or
"via" right after a particle of getting in or out ("got in through", "broke out via") or
a little after a verb of entering or leaving ("entered through", "escaped via"), or the
object of forcing something open ("forced open a fire door", "smashed a window"); a path
is its words up to its second preposition ("a skylight on the roof", not "... of the
east gallery": what a building's part belongs to is no way in). Any other two different
objects of one preposition stay unread: most agreeing pairs name different details of one
fact. General English, written for ClaimWeave.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .opposites import forms

Token = tuple[str, str, bool]  # (word lower-cased, lemma, content word)

PATH_PREPOSITIONS = frozenset({"through", "via"})
ENTRY = frozenset({"enter", "climb", "gain", "sneak", "snuck", "slip", "crawl", "squeeze",
                   "escape", "flee", "fled", "exit", "access", "entry"})
# Particles of getting in or out ("got in through", "broke out via"): right before the path.
ENTRY_PARTICLES = frozenset({"in", "out", "inside", "indoors"})
# Forcing a way in: the verb, and whether it needs "open", "down" or "in" after it.
FORCING = {"force": True, "kick": True, "break": True, "broke": True, "lever": True,
           "smash": False, "prise": False, "prize": False, "pry": False, "jemmy": False}
FORCING_PARTICLES = frozenset({"open", "down", "in"})
# Where a path's words stop: a clause or another detail begins.
PATH_END = frozenset({"and", "but", "or", "before", "after", "when", "while", "as", "which",
                      "who", "that", "to", "then", "because", "according", "said"})
TIME_WORDS = frozenset({"night", "day", "week", "month", "year", "morning", "evening",
                        "afternoon", "weekend", "winter", "summer", "spring", "autumn",
                        "hour", "hours", "period", "years", "months", "weeks", "days"})
ANCHOR_REACH = 3  # tokens before the preposition where the entry verb or particle may be
PATH_REACH = 10  # tokens after it that may belong to the path
PLACE_PREPOSITIONS = frozenset({"on", "in", "at", "of", "above", "below", "behind", "beside",
                                "near", "from", "into", "onto", "under", "over", "beneath"})


@cache
def kinds() -> dict[str, frozenset[str]]:
    """A word -> the broader words it is a kind or a part of ("skylight" -> window, roof)."""
    path = resources.files("claimweave") / "resources" / "lexicon" / "kinds.tsv"
    table: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, *broader = line.split("\t")
            table[word] = frozenset(broader)
    return table


def _by_form(words: frozenset[str] | dict[str, bool]) -> dict[str, str]:
    """Each form of each of *words* (:func:`~.opposites.forms`) -> the word."""
    return {form: w for w in sorted(words) for form in forms(w)}


_ENTRY_FORMS = _by_form(ENTRY)
_FORCING_FORMS = _by_form(FORCING)
_TRIGGERS = PATH_PREPOSITIONS | _FORCING_FORMS.keys()


def _path(toks: list[Token], k: int) -> tuple[str, ...] | None:
    """The content lemmas of the path starting at *k* (up to a clause, a punctuation
    mark or its second preposition), or None when it is no place (a time: "through the
    night")."""
    words: list[str] = []
    prepositions = 0
    for word, lemma, content in toks[k:k + PATH_REACH]:
        prepositions += word in PLACE_PREPOSITIONS
        if not word[:1].isalnum() or word in PATH_END or prepositions == 2:
            break
        if content and word.isalpha():
            words.append(lemma)
    if not words or words[0] in TIME_WORDS:
        return None
    return tuple(words)


def entry_paths(toks: list[Token]) -> list[tuple[str, ...]]:
    """Every way in or out the tokens name (see the module docstring), as lemma tuples."""
    found: list[tuple[str, ...]] = []
    if _TRIGGERS.isdisjoint({t[0] for t in toks}) and FORCING.keys().isdisjoint(
            {t[1] for t in toks}):
        return found  # most spans: nothing to read
    for i, token in enumerate(toks):
        if token[0] in PATH_PREPOSITIONS and (
                (i and toks[i - 1][0] in ENTRY_PARTICLES)
                or any(t[1] in ENTRY or t[0] in _ENTRY_FORMS
                       for t in toks[max(0, i - ANCHOR_REACH):i])):
            path = _path(toks, i + 1)
        elif (verb := _FORCING_FORMS.get(token[0]) or (
                token[1] if token[1] in FORCING else None)) and not token[0].endswith("s"):
            # (not "forces", "breaks": nouns more often than verbs)
            k = i + 1
            if k < len(toks) and toks[k][0] in FORCING_PARTICLES:
                k += 1
            elif FORCING[verb]:
                continue
            path = None if k < len(toks) and toks[k][0] in PATH_PREPOSITIONS else _path(
                toks, k)
        else:
            continue
        if path:
            found.append(path)
    return found


def _widened(path: tuple[str, ...], canonical: dict[str, str]) -> set[str]:
    words = {canonical.get(w, w) for w in path}
    table = kinds()
    for w in list(words):
        words |= table.get(w, frozenset())
    return words


def paths_differ(a: list[tuple[str, ...]], b: list[tuple[str, ...]],
                 canonical: dict[str, str]) -> str | None:
    """The cue when both sides name a way in and no two of them can be one way (they
    share no word, also counting what each is a kind of); None otherwise."""
    if not a or not b:
        return None
    if any(_widened(x, canonical) & _widened(y, canonical) for x in a for y in b):
        return None
    return f"ways in differ: “{' '.join(a[0])}” / “{' '.join(b[0])}”"
