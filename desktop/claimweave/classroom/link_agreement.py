"""Agreement among students on links: Krippendorff's alpha over claim pairs.

The units are the pairs of claim units (see :mod:`.units`; with a key, the key's claims
seed them) that at least one student linked. A student's value for a pair is the relation
they gave it ("agrees"; for a directed relation its direction too, "elaborates >" when the
link runs from the pair's first unit to its second), several relations joined, or
"no link" when they marked both claims and did not link them. A student who did not mark
both claims has no value (missing data): not finding a claim is counted in claim
agreement, not here. Nominal alpha over these units, by the same code as the other alphas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .grading import rounded
from .layers import ClassData
from .statistics import nominal_alpha
from .units import Units

NO_LINK = "no link"


@dataclass(frozen=True, slots=True)
class LinkAgreement:
    alpha: float | None
    pairs: int  # claim pairs linked by at least one student
    coded: int  # of those, pairs with a value from two or more students (alpha uses these)
    unanimous: int  # of those, pairs every student with a value gave the same value

    def to_json(self) -> dict[str, Any]:
        return {"alpha": rounded(self.alpha), "pairs": self.pairs,
                "pairs_coded_by_two_or_more": self.coded, "pairs_unanimous": self.unanimous}


def link_values(data: ClassData, units: Units) -> dict[tuple[int, int], dict[str, str]]:
    """Pair of unit numbers -> student -> value, for every pair some student linked."""
    labels: dict[tuple[int, int], dict[str, list[str]]] = {}
    for student in data.students:
        for e in data.edges(student):
            a, b = units.of_claim.get(e.source), units.of_claim.get(e.target)
            if a is None or b is None or a == b:
                continue
            pair = (min(a, b), max(a, b))
            label = e.relation.casefold()
            if not e.symmetric:
                label += " >" if a < b else " <"
            labels.setdefault(pair, {}).setdefault(student, []).append(label)
    marked = {s: {units.of_claim[c.id] for c in data.layer(s)} for s in data.students}
    values: dict[tuple[int, int], dict[str, str]] = {}
    for pair, given in labels.items():
        row = {}
        for student in data.students:
            if student in given:
                row[student] = " | ".join(sorted(set(given[student])))
            elif pair[0] in marked[student] and pair[1] in marked[student]:
                row[student] = NO_LINK
        values[pair] = row
    return values


def link_agreement(data: ClassData, units: Units) -> LinkAgreement:
    values = link_values(data, units)
    coded = [row for row in values.values() if len(row) >= 2]
    unanimous = sum(1 for row in coded if len(set(row.values())) == 1)
    return LinkAgreement(nominal_alpha(coded), len(values), len(coded), unanimous)
