"""Entities of claims, for the claims table's filter ("claims that mention Syria") and for
entity labels used as automatic tags when the user asks for it. Plain data in, plain out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ..core.model import Claim
from .analysis import Analysis, Entity
from .features import NAME_LABELS

# Readable tag names for spaCy's entity labels (OntoNotes scheme).
LABEL_NAMES = {
    "PERSON": "person", "NORP": "group", "FAC": "facility", "ORG": "organisation",
    "GPE": "country or city", "LOC": "place", "PRODUCT": "product", "EVENT": "event",
    "WORK_OF_ART": "work", "LAW": "law", "LANGUAGE": "language", "DATE": "date",
    "TIME": "time", "PERCENT": "percentage", "MONEY": "money", "QUANTITY": "quantity",
    "ORDINAL": "ordinal", "CARDINAL": "number",
}


def claim_entities(analyses: Mapping[str, Analysis], claim: Claim, *,
                   names_only: bool = True) -> list[Entity]:
    """Entities inside a claim's span (named ones only unless *names_only* is False)."""
    analysis = analyses.get(claim.document_id)
    if analysis is None:
        return []
    found = analysis.entities_in(claim.start, claim.end)
    return [e for e in found if e.label in NAME_LABELS or not names_only]


def claims_mentioning(analyses: Mapping[str, Analysis], claims: Iterable[Claim],
                      name: str) -> list[Claim]:
    """Claims with an entity named *name* (case- and article-insensitive: "syria",
    "the Syria" and "Syria's" all match Syria)."""
    key = Entity(0, 0, "", name.strip()).key
    return [c for c in claims if any(e.key == key for e in claim_entities(analyses, c))]


def entity_index(analyses: Mapping[str, Analysis], claims: Iterable[Claim]
                 ) -> Counter[tuple[str, str]]:
    """(entity text as first seen, label) -> number of claims mentioning it: the filter list."""
    seen: dict[str, tuple[str, str]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for c in claims:
        for ent in {e.key: e for e in claim_entities(analyses, c)}.values():
            shown = seen.setdefault(ent.key, (ent.text, ent.label))
            counts[shown] += 1
    return counts


def entity_tag_names(analyses: Mapping[str, Analysis], claim: Claim) -> list[str]:
    """Tag names a claim would get from its entities' labels ("person", "organisation")."""
    labels = dict.fromkeys(e.label for e in claim_entities(analyses, claim))
    return [LABEL_NAMES.get(label, label.lower()) for label in labels]
