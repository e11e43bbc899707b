"""Opposed words and phrases for the stance hint, from ``resources/lexicon/antonyms.tsv``.

The table pairs lemmas ("rise" / "fall"), opposes families ("working, operational, in
service" / "switched off, out of order, offline"), and lists alternatives of which only
one can be true ("on foot" / "by car" / "by bus"). An entry of several words is written
with underscores ("out_of_order"); :func:`phrase_keys` finds such entries in a span's
tokens, so the features carry them beside the single lemmas and the stance hint compares
both the same way. States written with "be" ("be_work": "was working", "is not working")
keep the verb from meaning its other senses ("crews worked through the night").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .quantities import APPROXIMATE, FRACTIONS, NUMBER_WORDS, SCALES

Pairs = frozenset[frozenset[str]]
# Words a "be" state may have between its two words ("was fully operational", "was not
# working"); a verb with a particle may have any two ("switched it off", "switched back on").
_BE_GAP = frozenset({"not", "n't", "still", "again", "never", "always", "already", "back",
                     "now", "then", "also", "once", "all", "only", "just"})
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "'re"})
PARTICLES = frozenset({"off", "on", "down", "out", "up", "back", "away", "in"})
MAX_GAP = 2
_BEFORE_A_FIGURE = APPROXIMATE | {"as"}
VERB_MARK = "/v"  # an entry opposed only as a verb: "back/v" ("backed the plan", not "came back")
VERB_PARTICLES = frozenset({"down", "off", "away", "out"})
"""After a verb of a "/v" entry, a particle makes another verb: "backed down" (gave way),
"backed off", "backed away", "backed out" are no support."""


def _lines() -> list[str]:
    path = resources.files("claimweave") / "resources" / "lexicon" / "antonyms.tsv"
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def antonym_pairs() -> Pairs:
    """Every opposed pair: a plain line pairs its first entry with each other one; a line
    starting "=" opposes every entry of its first family to every entry of its second; a
    line starting "!" opposes every two of its entries (alternatives)."""
    pairs: set[frozenset[str]] = set()
    for line in _lines():
        if line.startswith("="):
            ups, _, downs = line[1:].partition("\t")
            pairs.update(frozenset((x, y)) for x in ups.split() for y in downs.split()
                         if x != y)
        elif line.startswith("!"):
            items = line[1:].split()
            pairs.update(frozenset((x, y)) for x in items for y in items if x != y)
        else:
            first, *others = line.split("\t")
            pairs.update(frozenset((first, y)) for y in others if y != first)
    return frozenset(pairs)


@cache
def phrases() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Each form of a first word (:func:`forms`) -> each form of a second word -> the
    multiword entries starting with those two words, as word tuples."""
    found: dict[str, dict[str, set[tuple[str, ...]]]] = {}
    for pair in antonym_pairs():
        for entry in pair:
            if "_" in entry:
                words = tuple(entry.split("_"))
                for first in forms(words[0]):
                    for second in forms(words[1]):
                        found.setdefault(first, {}).setdefault(second, set()).add(words)
    return {k: {k2: tuple(sorted(v)) for k2, v in seconds.items()}
            for k, seconds in found.items()}


@cache
def inflected() -> dict[str, frozenset[str]]:
    """A regular inflection of a one-word entry -> the entries it may be a form of."""
    found: dict[str, set[str]] = {}
    for pair in antonym_pairs():
        for entry in pair:
            if "_" not in entry and not entry.endswith(VERB_MARK):
                for form in forms(entry) - {entry}:
                    found.setdefault(form, set()).add(entry)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def verb_entries() -> dict[str, str]:
    """Each form of a verb-only entry's word ("back", "backed", "backing") -> the entry
    ("back/v"): the features give it for a token tagged as a verb (any, untagged)."""
    found: dict[str, str] = {}
    for pair in antonym_pairs():
        for entry in pair:
            if entry.endswith(VERB_MARK):
                found.update(dict.fromkeys(forms(entry[:-len(VERB_MARK)]), entry))
    return found


@cache
def forms(word: str) -> frozenset[str]:
    """*word* and its regular inflections: without a lemmatiser (the blank pipeline)
    lemmas are the words as written, "switched", "locked", "was"."""
    if word == "be":
        return BE_FORMS
    stem = word[:-1] if word.endswith("e") else word
    return frozenset((word, word + "s", stem + "ed", stem + "ing", word + word[-1] + "ed",
                      word + word[-1] + "ing"))


def _is(token: tuple[str, str], word: str) -> bool:
    """*token* (written, lemma) is a form of *word*."""
    return token[1] == word or token[0] in forms(word)


def _gap_ok(entry: tuple[str, ...], between: list[tuple[str, str]]) -> bool:
    if not between:
        return True
    if len(entry) != 2 or len(between) > MAX_GAP or not all(
            w[:1].isalnum() for w, _ in between):  # never across punctuation
        return False
    if entry[0] == "be":
        return all(w in _BE_GAP or w.endswith("ly") for w, _ in between)
    return entry[1] in PARTICLES


def phrase_keys(tokens: list[tuple[str, str]]) -> set[str]:
    """The multiword entries of the table in *tokens* (word as written, lower-cased, and
    lemma): each word of an entry matches a token's lemma or its written form (or an
    inflection of it), in order; a two-word entry allows a short gap (see above). Where
    a token's lemma is its written form (no lemmatiser), one-word entries it inflects
    ("died": "die") are given too."""
    table, single = phrases(), inflected()
    keys: set[str] = set()
    for i, (written, lemma) in enumerate(tokens):
        if written == lemma and written in single:  # no lemmatiser: "died", "locked"
            keys.update(single[written])
        seconds = table.get(written) or table.get(lemma)
        if not seconds:
            continue
        for j in range(i + 1, min(i + 2 + MAX_GAP, len(tokens))):
            entries = seconds.get(tokens[j][0], ()) + seconds.get(tokens[j][1], ())
            for entry in entries:
                if _found(entry, tokens, i, j):
                    keys.add("_".join(entry))
    return keys


def _found(entry: tuple[str, ...], tokens: list[tuple[str, str]], i: int, j: int) -> bool:
    """*entry* at *i*, its second word at *j*: a short gap for two words (see above),
    none for more; an entry ending in an approximator or "as" never right before a figure
    ("only about 700", "as much as 40 percent": a figure, not a focus)."""
    after = j + len(entry) - 1  # the token after the entry
    if entry[-1] in _BEFORE_A_FIGURE and after < len(tokens) and _figure(tokens[after][0]):
        return False
    if len(entry) == 2:
        return _gap_ok(entry, tokens[i + 1:j])
    return j == i + 1 and len(tokens) >= i + len(entry) and all(
        _is(tokens[i + k], w) for k, w in enumerate(entry[2:], 2))


def _figure(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS or word in SCALES or word in FRACTIONS


def shown(entry: str) -> str:
    """An entry as a user reads it in a cue: "out of order", "work" (for "be_work"),
    "back" (for "back/v")."""
    words = entry.removesuffix(VERB_MARK).split("_")
    return " ".join(words[1:] if words[0] == "be" and len(words) > 1 else words)
