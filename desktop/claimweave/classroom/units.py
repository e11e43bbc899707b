"""The same claim marked by several annotators: claims grouped into units across layers.

Units are built by the grading's overlap rule (:mod:`.matching`): the seed claims (the key's,
when there is one) start one unit each; then each annotator in turn is matched one-to-one,
greedily, against the units' first claims, and a claim that matches none starts a unit of
its own. So with a key every student claim joins exactly the unit of the key claim it is
graded against, and without one the first student to mark a passage sets its unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .layers import ClassData, Span
from .matching import THRESHOLD, jaccard, match_spans


@dataclass
class ClaimUnit:
    """One passage as the annotators marked it: at most one claim per annotator."""

    number: int
    first: Span  # the claim the others were matched against
    members: dict[str, Span] = field(default_factory=dict)  # annotator -> claim
    seeded: bool = False  # the first claim is a seed (a key claim), not an annotator's

    def medoid(self) -> Span:
        """The member closest to all the others (highest summed overlap; ties: earliest)."""
        spans = list(self.members.values()) or [self.first]
        return max(spans, key=lambda s: (sum(jaccard(s, o) for o in spans), -s.start, -s.end))


@dataclass
class Units:
    units: list[ClaimUnit]
    of_claim: dict[str, int]  # claim id (member or seed) -> unit number


def claim_units(data: ClassData, annotators: Sequence[str], seed: Iterable[Span] = (), *,
                threshold: float = THRESHOLD) -> Units:
    """Group the claims of *annotators* (in this order) into units, starting from *seed*."""
    units = [ClaimUnit(n, s, seeded=True) for n, s in enumerate(seed)]
    of_claim = {u.first.id: u.number for u in units}
    for name in annotators:
        mine = data.layer(name)
        firsts = {u.first.id: u for u in units}
        matched = set()
        for m in match_spans([u.first for u in units], mine, threshold):
            firsts[m.key.id].members[name] = m.other
            of_claim[m.other.id] = firsts[m.key.id].number
            matched.add(m.other.id)
        for s in mine:
            if s.id not in matched:
                unit = ClaimUnit(len(units), s, {name: s})
                units.append(unit)
                of_claim[s.id] = unit.number
    return Units(units, of_claim)
