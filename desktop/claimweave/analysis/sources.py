"""Source x source: on how many propositions two sources agree, and on how many they clash.

Counted on propositions, not on raw links: two sources *agree* once for every proposition
both support, and *clash* once for every pair of opposing propositions where one supports
one side and the other the other side. So agreement through a chain of links (A agrees B
agrees C) counts between A's and C's sources, and one contradiction counts once, not once
from each side. The diagonal holds what a source supports, and how often it opposes itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from .comparison import Matrix, Source


@dataclass(frozen=True, slots=True)
class SourcePairs:
    sources: tuple[Source, ...]
    agree: tuple[tuple[int, ...], ...]  # [i][j]: propositions both support; [i][i]: i supports
    contradict: tuple[tuple[int, ...], ...]  # [i][j]: opposing propositions, one side each

    def net(self, i: int, j: int) -> int:
        return self.agree[i][j] - self.contradict[i][j]

    def to_json(self) -> dict[str, object]:
        return {
            "sources": [s.to_json() for s in self.sources],
            "agree": [list(r) for r in self.agree],
            "contradict": [list(r) for r in self.contradict],
        }


def source_pairs(matrix: Matrix) -> SourcePairs:
    n = len(matrix.sources)
    agree = [[0] * n for _ in range(n)]
    clash = [[0] * n for _ in range(n)]
    backers = {p.key: [j for j, c in enumerate(row) if c.supports]
               for p, row in zip(matrix.propositions, matrix.cells, strict=True)}
    for p in matrix.propositions:
        for i in backers[p.key]:
            for j in backers[p.key]:
                agree[i][j] += 1
        for other in p.opposes:
            if other < p.key or other not in backers:
                continue  # each opposing pair once
            for i in backers[p.key]:
                for j in backers[other]:
                    clash[i][j] += 1
                    if i != j:
                        clash[j][i] += 1
    return SourcePairs(matrix.sources, _freeze(agree), _freeze(clash))


def _freeze(rows: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(r) for r in rows)
