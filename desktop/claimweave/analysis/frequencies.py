"""Tag and entity frequencies by source, the data behind the grouped bar charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .comparison import Source, ordered_sources
from .snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Frequencies:
    title: str
    sources: tuple[Source, ...]
    labels: tuple[str, ...]  # one group of bars per label
    colors: tuple[str | None, ...]  # the tag's colour; None for entities
    counts: tuple[tuple[int, ...], ...]  # counts[label][source]
    unit: str = "claims"  # what a bar counts: claims (tags) or mentions (entities)

    @property
    def empty(self) -> bool:
        return not any(any(r) for r in self.counts)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "sources": [s.id for s in self.sources],
            "labels": list(self.labels),
            "counts": [list(r) for r in self.counts],
        }


def tag_frequencies(snap: Snapshot) -> Frequencies:
    """Claims per tag and source, for every tag in use, in codebook order."""
    sources = tuple(ordered_sources(snap.documents))
    col = {s.id: j for j, s in enumerate(sources)}
    per_tag: dict[str, list[int]] = {}
    for claim in snap.claims:
        for tag_id in claim.tag_ids:
            per_tag.setdefault(tag_id, [0] * len(sources))[col[claim.document_id]] += 1
    used = [t for t in snap.tags if t.id in per_tag]
    return Frequencies("Tags by source", sources, tuple(t.name for t in used),
                       tuple(t.color for t in used), tuple(tuple(per_tag[t.id]) for t in used))


def entity_frequencies(snap: Snapshot, entities: Mapping[str, Iterable[str]], *,
                       top: int = 12) -> Frequencies:
    """The *top* entities over all sources, counted per source.

    *entities* maps a document id to the entity texts (or labels) found in it, e.g. from the
    NLP cache; taking a plain mapping keeps this module free of spaCy.
    """
    sources = tuple(ordered_sources(snap.documents))
    per_source = {s.id: Counter(_clean(e) for e in entities.get(s.id, ())) for s in sources}
    total: Counter[str] = Counter()
    for counter in per_source.values():
        counter.pop("", None)
        total.update(counter)
    labels = tuple(label for label, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
                   [:top])
    counts = tuple(tuple(per_source[s.id][label] for s in sources) for label in labels)
    return Frequencies("Entities by source", sources, labels, (None,) * len(labels), counts,
                       unit="mentions")


# One name for the forms a place goes by in news text, and numbers are not names.
_ALIASES = {
    "u.s.": "United States", "us": "United States", "u.s.a.": "United States",
    "usa": "United States", "america": "United States",
    "united states of america": "United States", "united states": "United States",
    "u.k.": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "e.u.": "European Union", "eu": "European Union", "european union": "European Union",
    "u.n.": "United Nations", "un": "United Nations", "united nations": "United Nations",
}
_NUMBER_WORDS = frozenset((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "half", "first", "second", "third", "and", "a"))


def _clean(text: str) -> str:
    """One spelling per entity: white space collapsed, a leading "the" and a possessive
    's dropped, common aliases joined ("U.S." and "the United States"); "" for a number
    ("two", "14", "two million"), which the chart does not count as a name."""
    name = " ".join(str(text).split())
    if name[:4].casefold() == "the ":
        name = name[4:]
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    words = name.casefold().replace("-", " ").split()
    if words and all(w in _NUMBER_WORDS or w.replace(",", "").replace(".", "").isdigit()
                     for w in words):
        return ""
    return _ALIASES.get(name.casefold(), name)
