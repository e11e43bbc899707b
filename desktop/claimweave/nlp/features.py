"""What a span of text says, reduced to the features candidates, suggestions and stance use.

All word lists here are generic English (function words, hedges, implicit negators, number
words), written from grammar references, not from any project's texts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .analysis import NEG, NUM, PUNCT, SPACE, Analysis, is_content

# Entity labels that name things (people, places, organisations, groups, events, works...).
# Numeric labels (DATE, CARDINAL, PERCENT ...) are compared as numbers, not as entities.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"})

# Hedges: the speaker does not commit to the statement.
HEDGES = frozenset({"may", "might", "could", "perhaps", "possibly", "probably", "likely",
                    "unlikely", "seem", "appear", "potentially", "presumably", "allegedly",
                    "reportedly", "arguably", "maybe", "apparently", "possible"})
# Words that negate without "not" (implicit negation, as in negation-detection lexicons).
IMPLICIT_NEGATORS = frozenset({"lack", "absence", "fail", "refuse", "deny", "reject",
                               "hardly", "barely", "scarcely", "seldom", "rarely", "prevent"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 10**6,
    "billion": 10**9, "dozen": 12,
}
_YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")
_NUMERIC = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")


@dataclass(slots=True)
class SpanFeatures:
    """Features of one span; built once per claim or sentence and kept by the index."""

    lemmas: Counter[str] = field(default_factory=Counter)  # content lemmas with counts
    words: set[str] = field(default_factory=set)  # every lemma (antonyms, hedges)
    entities: set[str] = field(default_factory=set)  # entity keys ("united states")
    phrases: set[str] = field(default_factory=set)  # key phrase keys ("military cooperation")
    negations: list[str] = field(default_factory=list)  # the negating words as written
    hedges: list[str] = field(default_factory=list)
    numbers: dict[str, set[str]] = field(default_factory=dict)  # unit -> values

    @property
    def negated(self) -> bool:
        return bool(self.negations)


def span_features(analysis: Analysis, text: str, start: int, end: int) -> SpanFeatures:
    """Collect the features of [start, end) from a document's analysis and text."""
    f = SpanFeatures()
    flags, lemmas, lemma_ids = analysis.tok_flags, analysis.lemmas, analysis.tok_lemma
    toks = analysis.token_range(start, end)
    for i in toks:
        fl = flags[i]
        if fl & (PUNCT | SPACE):
            continue
        lemma = lemmas[lemma_ids[i]]
        f.words.add(lemma)
        if is_content(fl) and len(lemma) > 1:
            f.lemmas[lemma] += 1
        if fl & NEG or lemma in IMPLICIT_NEGATORS:
            f.negations.append(text[analysis.tok_start[i]:analysis.tok_end[i]])
        if lemma in HEDGES:
            f.hedges.append(text[analysis.tok_start[i]:analysis.tok_end[i]])
        if fl & NUM:
            _number(analysis, text, i, toks.stop, f)
    for e in analysis.entities_in(start, end):
        if e.label in NAME_LABELS:
            f.entities.add(e.key)
        elif e.label == "DATE":
            for year in re.findall(r"\b(?:1[0-9]|20|21)\d\d\b", e.text):
                f.numbers.setdefault("year", set()).add(year)
    f.phrases.update(p.key for p in analysis.phrases_in(start, end))
    return f


def _number(analysis: Analysis, text: str, i: int, stop: int, f: SpanFeatures) -> None:
    """Record a number with its unit: the next content word, or "year" for a year."""
    raw = text[analysis.tok_start[i]:analysis.tok_end[i]]
    word = raw.lower()
    if _YEAR.match(raw):
        f.numbers.setdefault("year", set()).add(raw)
        return
    if _NUMERIC.match(raw):
        value = raw.replace(",", "")
    elif word in NUMBER_WORDS:
        value = str(NUMBER_WORDS[word])
    else:
        return
    for j in range(i + 1, min(i + 3, stop)):
        lemma = analysis.lemma(j)
        if text[analysis.tok_start[j]:analysis.tok_end[j]] == "%":
            lemma = "percent"
        if lemma == "percent" or (is_content(analysis.tok_flags[j]) and not (
                analysis.tok_flags[j] & NUM)):
            f.numbers.setdefault(lemma, set()).add(value)
            return
    f.numbers.setdefault("", set()).add(value)


def has_finite_verb(analysis: Analysis, start: int, end: int) -> bool | None:
    """True/False from the tagger's fine tags; None when there is no tagger (blank pipeline)."""
    toks = analysis.token_range(start, end)
    if not any(analysis.tags):
        return None
    return any(analysis.tags[analysis.tok_tag[i]] in FINITE_TAGS for i in toks)
