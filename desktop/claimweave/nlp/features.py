"""What a span of text says, reduced to the features candidates, suggestions and stance use.

All word lists here are generic English (function words, hedges, implicit negators, number
words), written from grammar references, not from any project's texts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .analysis import NUM, PUNCT, SPACE, Analysis, is_content
from .durations import Period, periods
from .lexicon import CANONICAL
from .opposites import VERB_PARTICLES, phrase_keys, verb_entries
from .polarity import Polarity, ended_state, is_negator
from .quantities import CURRENCY_SIGNS, Quantity, pieces, quantities
from .slots import entry_paths

# Entity labels that name things (people, places, organisations, groups, events, works...).
# Numeric labels (DATE, CARDINAL, PERCENT ...) are compared as numbers, not as entities.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})

# Hedges: the speaker does not commit to the statement.
HEDGES = frozenset({"may", "might", "could", "perhaps", "possibly", "probably", "likely",
                    "unlikely", "seem", "appear", "potentially", "presumably", "allegedly",
                    "reportedly", "arguably", "maybe", "apparently", "possible"})
# A span that gives its words to "he" or "she" and names nobody: the speaker is the person
# named before it (the speaker rule of the stance hint compares people).
PERSONAL_PRONOUNS = frozenset({"he", "she"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 10**6,
    "billion": 10**9, "dozen": 12,
}
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
               "bn": 10**9}
_YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")
_NUMERIC = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_PM, _AM = frozenset({"p.m.", "pm", "p.m"}), frozenset({"a.m.", "am", "a.m"})


@dataclass(slots=True)
class SpanFeatures:
    """Features of one span; built once per claim or sentence and kept by the index."""

    lemmas: Counter[str] = field(default_factory=Counter)  # content lemmas with counts
    words: set[str] = field(default_factory=set)  # every lemma, and the table's multiword
    # entries found in the span ("switch_off": nlp/opposites.py), for antonyms and hedges
    entities: set[str] = field(default_factory=set)  # entity keys ("united states")
    phrases: set[str] = field(default_factory=set)  # key phrase keys ("military cooperation")
    negations: list[str] = field(default_factory=list)  # the negating words as written
    hedges: list[str] = field(default_factory=list)
    numbers: dict[str, set[str]] = field(default_factory=dict)  # unit -> values
    sequence: list[str] = field(default_factory=list)  # content lemmas in text order
    negated_scope: set[str] = field(default_factory=set)  # content lemmas a negator covers
    finite: bool | None = None  # has a finite verb (None: no tagger)
    quantities: list[Quantity] = field(default_factory=list)  # normalised (nlp/quantities)
    persons: set[str] = field(default_factory=set)  # PERSON keys ("he": the one named before)
    paths: list[tuple[str, ...]] = field(default_factory=list)  # ways in (nlp/slots.py)
    quoted: set[str] = field(default_factory=set)  # content lemmas inside quotation marks
    periods: set[Period] = field(default_factory=set)  # ("after", "soviet"): nlp/durations

    @property
    def negated(self) -> bool:
        return bool(self.negations)


def _particle_after(analysis: Analysis, text: str, i: int, end: int) -> bool:
    """True when the word after token *i* (within *end*) is one of
    :data:`~.opposites.VERB_PARTICLES`."""
    j = i + 1
    while j < len(analysis.tok_flags) and analysis.tok_flags[j] & SPACE:
        j += 1
    return (j < len(analysis.tok_flags) and analysis.tok_start[j] < end
            and text[analysis.tok_start[j]:analysis.tok_end[j]].lower() in VERB_PARTICLES)


def span_features(analysis: Analysis, text: str, start: int, end: int) -> SpanFeatures:
    """Collect the features of [start, end) from a document's analysis and text."""
    f = SpanFeatures()
    flags, lemmas, lemma_ids = analysis.tok_flags, analysis.lemmas, analysis.tok_lemma
    toks = analysis.token_range(start, end)
    polarity = Polarity()
    words: list[tuple[str, str, bool]] = []
    verbs, tagged = verb_entries(), any(analysis.tags)
    quoting: bool | None = None  # None: no quotation mark yet
    unmarked: list[str] = []  # the content lemmas before the first quotation mark
    for i in toks:
        fl = flags[i]
        if fl & (PUNCT | SPACE):
            if fl & PUNCT:
                polarity.punctuation()
                now = _quoting(text, analysis.tok_start[i], analysis.tok_end[i], quoting)
                if quoting is None and now is False:  # the span starts inside a quotation
                    f.quoted.update(unmarked)
                quoting = now
            continue
        lemma = lemmas[lemma_ids[i]]
        f.words.add(lemma)
        written = text[analysis.tok_start[i]:analysis.tok_end[i]]
        content = is_content(fl) and len(lemma) > 1
        if content:
            f.lemmas[lemma] += 1
            f.sequence.append(lemma)
            if quoting:
                f.quoted.add(lemma)
            elif quoting is None:
                unmarked.append(lemma)
        negator = is_negator(analysis, text, i, toks)
        polarity.read(written, lemma, content, negator)
        if negator:  # "stopped working": the state "be_work", negated
            f.words.update(ended_state(analysis, text, i, toks))
        if lemma in verbs and (not tagged or analysis.tag(i).startswith("VB")) \
                and not _particle_after(analysis, text, i, end):
            f.words.add(verbs[lemma])  # "backed": "back/v" (but "backed down": a retreat)
        if lemma in HEDGES:
            f.hedges.append(written)
        if fl & NUM or lemma[:1].isdigit():
            _number(analysis, text, i, toks, f)
    f.negations, f.negated_scope = polarity.negations, polarity.scope
    for i in toks:
        if not analysis.tok_flags[i] & SPACE:
            words.append((text[analysis.tok_start[i]:analysis.tok_end[i]].lower(),
                          lemmas[lemma_ids[i]], is_content(analysis.tok_flags[i])))
    f.quantities = quantities(pieces(words), CANONICAL)
    f.words.update(phrase_keys([(w, lemma) for w, lemma, _ in words]))
    f.paths = entry_paths(words)
    f.periods = periods(words)
    if any(analysis.tags):
        tags, tag_ids = analysis.tags, analysis.tok_tag
        f.finite = any(tags[tag_ids[i]] in FINITE_TAGS for i in toks)
    for e in analysis.entities_in(start, end):
        if e.label in NAME_LABELS:
            f.entities.add(e.key)
            if e.label == "PERSON":
                f.persons.add(e.key)
        elif e.label == "DATE":
            for year in re.findall(r"\b(?:1[0-9]|20|21)\d\d\b", e.text):
                f.numbers.setdefault("year", set()).add(year)
            days = calendar_days(e.text)
            if days:  # a unit of its own: "day" is the unit of "three days"
                f.numbers.setdefault("calendar day", set()).update(days)
    if not f.persons and PERSONAL_PRONOUNS & {w for w, _, _ in words}:
        named = _person_before(analysis, start)
        if named:
            f.persons.add(named)
    f.phrases.update(p.key for p in analysis.phrases_in(start, end))
    return f


def _quoting(text: str, start: int, end: int, inside: bool | None) -> bool | None:
    """Whether the words after the punctuation at *start*..*end* of *text* are inside a
    quotation: a curly or angled mark says which; a straight one opens after a space, the
    start or an opening mark ("said: "We"), else closes ("by June," he said), so a span
    that starts inside a quotation reads its closing mark as one."""
    mark = text[start:end]
    if mark == '"':
        return start == 0 or text[start - 1].isspace() or text[start - 1] in "([{:—–-“‘"
    return True if mark in "“«" else False if mark in "”»" else inside


def _person_before(analysis: Analysis, start: int) -> str | None:
    """The person a "he" or "she" of a span starting at *start* most likely is: the
    nearest person its document names before the span ("Mayor Tom Ellery visited the
    shelter. [...] “...,” he said."), as the claimant proposer reads it too."""
    ends = analysis._sorted_keys("entities", analysis.entities, "end")
    for i in range(bisect_right(ends, start) - 1, -1, -1):
        if analysis.entities[i].label == "PERSON":
            return analysis.entities[i].key
    return None


def _number(analysis: Analysis, text: str, i: int, toks: range, f: SpanFeatures) -> None:
    """Record a number with its unit: "year" for a year, "time" for a clock time, the
    currency for an amount after a currency sign, else the next content word ("5 percent",
    "94 mm", "240 homes"). A following scale word is folded in ("40 million" -> 40000000)."""
    raw = text[analysis.tok_start[i]:analysis.tok_end[i]]
    word = raw.lower()
    if _YEAR.match(raw):
        f.numbers.setdefault("year", set()).add(raw)
        return
    clock = _CLOCK.match(raw)
    if clock:
        hour, minute = int(clock.group(1)), clock.group(2)
        after = analysis.lemma(i + 1) if i + 1 < toks.stop else ""
        hour = hour % 12 + 12 if after in _PM else hour % 12 if after in _AM else hour
        f.numbers.setdefault("time", set()).add(f"{hour:02d}:{minute}")
        return
    if _NUMERIC.match(raw):
        value = float(raw.replace(",", ""))
    elif word in NUMBER_WORDS:
        if i > toks.start and analysis.tok_flags[i - 1] & NUM:
            return  # "40 million": the scale word belongs to the number before it
        value = float(NUMBER_WORDS[word])
    else:
        return
    unit = None
    j = i + 1
    if j < toks.stop and analysis.lemma(j) in SCALE_WORDS:
        value *= SCALE_WORDS[analysis.lemma(j)]
        j += 1
    if i > toks.start:
        unit = CURRENCY_SIGNS.get(text[analysis.tok_start[i - 1]:analysis.tok_end[i - 1]])
    if unit is None:
        for k in range(j, min(j + 2, toks.stop)):
            lemma = analysis.lemma(k)
            if text[analysis.tok_start[k]:analysis.tok_end[k]] == "%":
                lemma = "percent"
            if lemma == "percent" or (is_content(analysis.tok_flags[k]) and not (
                    analysis.tok_flags[k] & NUM)):
                unit = lemma
                break
    f.numbers.setdefault(unit or "", set()).add(
        str(int(value)) if value.is_integer() else f"{value:g}")


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])|\b{_MONTH}\s+{_DAY}\b")


def calendar_days(text: str) -> set[str]:
    """The days of the year a date names, as "MM-DD" ("25 September", "Sept. 25th", "the
    3rd of May" -> "09-25", "09-25", "05-03"), so that two reports of one meeting on "25
    September" and "25 October" differ as dates do; a month alone or a day out of range
    names none."""
    days = set()
    for m in _DAY_MONTH.finditer(text.lower()):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        number = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month[:3]))
        if 1 <= int(day) <= 31:
            days.add(f"{number:02d}-{int(day):02d}")
    return days
