"""Term associations learned from the user's links: content lemmas that recur on the two
sides of several links ("ally" on one side, "alliance" on the other; "moscow" /
"kremlin"). :mod:`.learning` widens a query with them, so a partner that shares no word
with the claim can still be ranked, and scores a candidate by them.

Kept per link, so that a link's own lemma pairs can be left out of the associations that
judge it (in a fit, a training pair must not be vouched for by its own link).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .lexicon import canonical

if TYPE_CHECKING:
    from .suggest import SuggestionIndex

MIN_RECURRENCE = 2  # links a lemma pair must recur in (once is chance: measured, it misled)


class Recurrence:
    """How often each lemma pair recurs across the user's links, kept per link so that a
    link's own pairs can be taken out: a training row must not see the association its own
    link created (measured: with it, the weight of the association feature tripled and
    ranked the development sets far worse)."""

    def __init__(self, index: SuggestionIndex, pairs: list[tuple[str, str]]) -> None:
        self.index = index
        self.sides: list[tuple[set[str], set[str]]] = []
        counts: Counter[tuple[str, str]] = Counter()
        for a, b in pairs:
            la = {canonical(w) for w in index.claims[index.claim_row[a]].features.lemmas}
            lb = {canonical(w) for w in index.claims[index.claim_row[b]].features.lemmas}
            self.sides.append((la - lb, lb - la))
            for x in la - lb:
                for y in lb - la:
                    counts[(x, y)] += 1
                    counts[(y, x)] += 1
        self.recurring = {k: n for k, n in counts.items() if n >= MIN_RECURRENCE}
        self._idf: dict[str, float] = {}
        self._memo: dict[frozenset[int], dict[str, dict[str, float]]] = {}

    def table(self, without: frozenset[int] = frozenset()) -> dict[str, dict[str, float]]:
        """Lemma -> lemmas on the other side of at least :data:`MIN_RECURRENCE` links
        (leaving out the links *without*), weighted by how often and by rarity, the three
        strongest per lemma."""
        found = self._memo.get(without)
        if found is not None:
            return found
        counts = dict(self.recurring)
        for e in without:
            a, b = self.sides[e]
            for x, y in ((x, y) for x in a for y in b):
                for key in ((x, y), (y, x)):
                    if key in counts:
                        counts[key] -= 1
        by_word: dict[str, dict[str, float]] = defaultdict(dict)
        for (x, y), n in counts.items():
            if n >= MIN_RECURRENCE:
                if y not in self._idf:
                    self._idf[y] = self.index.idf_of(("l", y))
                by_word[x][y] = n * self._idf[y]
        out = {x: dict(sorted(ys.items(), key=lambda t: -t[1])[:3])
               for x, ys in by_word.items()}
        if len(self._memo) < 4096:
            self._memo[without] = out
        return out
