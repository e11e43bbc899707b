"""Entities of claims, for the claims table's filter ("claims that mention Syria") and for
entity labels used as automatic tags when the user asks for it. Plain data in, plain out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..core.model import Claim
from ..core.store import Project
from .analysis import Analysis, Entity
from .entity_names import display_name
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
            shown = seen.setdefault(ent.key, (display_name(ent.text, ent.label), ent.label))
            counts[shown] += 1
    return counts


def entity_tag_names(analyses: Mapping[str, Analysis], claim: Claim) -> list[str]:
    """Tag names a claim would get from its entities' labels ("person", "organisation")."""
    labels = dict.fromkeys(e.label for e in claim_entities(analyses, claim))
    return [LABEL_NAMES.get(label, label.lower()) for label in labels]


@dataclass(frozen=True, slots=True)
class EntityTagging:
    claims_tagged: int  # claims that got at least one tag they did not have
    tags_added: int  # claim-tag pairs added
    tags_created: tuple[str, ...]  # codebook tags that did not exist before


def tag_by_entity_labels(project: Project, analyses: Mapping[str, Analysis],
                         claim_ids: Iterable[str], *,
                         label: str = "Tag claims by entity label") -> EntityTagging:
    """Give each claim the tags named by its entities' labels ("person", "organisation"), in
    ONE undo step. A tag is reused when the codebook has one of that name (any case), else
    created. Claims of documents not analysed yet are left alone."""
    claims = [project.claim(i) for i in claim_ids]
    plan = {c.id: (c, entity_tag_names(analyses, c)) for c in claims}
    wanted = {n for _c, names in plan.values() for n in names}
    if not wanted:
        return EntityTagging(0, 0, ())
    existing = {t.name.casefold(): t.id for t in project.tags()}
    created: list[str] = []
    tagged = added = 0
    with project.batch(label):
        for name in sorted(wanted):
            if name.casefold() not in existing:
                existing[name.casefold()] = project.add_tag(name).id
                created.append(name)
        for claim, names in plan.values():
            new = [existing[n.casefold()] for n in names
                   if existing[n.casefold()] not in claim.tag_ids]
            for tag_id in dict.fromkeys(new):
                project.tag_claim(claim.id, tag_id)
                added += 1
            tagged += bool(new)
    return EntityTagging(tagged, added, tuple(created))
