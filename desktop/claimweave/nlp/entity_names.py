"""One name per country: demonyms, capitals and abbreviations folded into the country.

News writing names a state many ways ("Iranian officials", "Tehran said", "the U.S.",
"Washington"). Link suggestions, entity frequencies and the claims table's entity filter
all compare names through :func:`entity_key`, so those spellings meet. The table is
``resources/entities/countries.tsv`` (public facts, written for ClaimWeave).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Labels whose text may name a state ("Iranian" is NORP, "Moscow" GPE, "the Kremlin" ORG).
STATE_LABELS = frozenset({"GPE", "NORP", "ORG", "FAC", "LOC"})


def plain_key(text: str) -> str:
    """Case- and article-free form, so "the United States" meets "United States"."""
    t = " ".join(text.lower().split())
    t = t[4:] if t.startswith("the ") else t
    return t[:-2] if t.endswith("'s") or t.endswith("’s") else t


@cache
def _table() -> dict[str, str]:
    """alias key -> canonical country name (first entry wins on a shared alias)."""
    table: dict[str, str] = {}
    path = resources.files("claimweave") / "resources" / "entities" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        for alias in (name, *aliases.split("|")):
            table.setdefault(plain_key(alias), name)
    return table


def country_of(text: str) -> str | None:
    """The country *text* names ("Iranian", "Tehran", "U.S."), or None."""
    return _table().get(plain_key(text))


def entity_key(text: str) -> str:
    """The key entities are compared by: the country's name for any of its names, else
    the case- and article-free text."""
    key = plain_key(text)
    country = _table().get(key)
    return country.lower() if country else key


def display_name(text: str, label: str = "GPE") -> str:
    """How an entity is shown in counts: its country's name where it names a state."""
    if label in STATE_LABELS:
        country = country_of(text)
        if country:
            return country
    return text


@cache
def lemma_countries() -> dict[str, str]:
    """Single-word lower-case aliases of three letters or more -> the country's lemma key,
    for the suggester's lemmas ("russian" -> "russia", "moscow" -> "russia")."""
    out = {}
    for alias, name in _table().items():
        if " " not in alias and "." not in alias and len(alias) >= 3 and alias.isalpha():
            out[alias] = name.lower()
    return out
