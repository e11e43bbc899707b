"""Who asserts a claim: proposals read from the claim's sentence and its neighbours.

News text names its sources with a small set of devices, tried in this order:

1. *according to X* in the claim's sentence;
2. a reporting verb (said, told, argued, claimed, according ...) in the claim's sentence,
   whose subject is the claimant ("..., local officials said"; "Lavrov told reporters");
3. a claim inside quotation marks, with the reporting verb in the sentence itself or in
   the next or previous one ("“...,” he said"; "X said: “...”").

The subject is widened to the named entity around it (PERSON, ORG, NORP, GPE) or to its
noun phrase ("two people familiar with the matter"); a pronoun (he, she, they) is resolved
to the nearest PERSON or ORG before it in the context; "I" and "we" are the author, so no
proposal. A name the project already knows (a claimant's name or alias, or a last name of
one) comes back spelt as the claimant. Nothing is proposed when no device is found: the
claim then stays the author's, which is also the baseline's answer for every claim.

Proposals are only proposals: the window shows them, the user accepts one with a key, and
``claimweave claimants --suggest`` lists them; nothing is set silently. Needs a parser (the
English model); the blank pipeline proposes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.model import Claim, Claimant

REPORTING = frozenset({
    "say", "tell", "claim", "argue", "state", "assert", "insist", "warn", "note", "add",
    "announce", "declare", "report", "stress", "deny", "accuse", "explain", "write",
    "maintain", "contend", "acknowledge", "confirm", "emphasise", "emphasize", "reiterate",
    "predict", "allege", "describe", "suggest", "believe", "estimate", "put", "admit",
    "concede", "conclude", "recall", "testify", "tweet", "quote", "brief",
})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
AUTHOR_PRONOUNS = frozenset({"i", "we", "me", "us"})
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
VAGUE = frozenset({"it", "this", "that", "there", "which", "who", "what"})
# Heads of noun phrases that can be a source when no named entity is there ("officials",
# "two people familiar with the matter"); other nouns ("their interests") are not.
SOURCE_NOUNS = frozenset({
    "official", "people", "person", "source", "worker", "analyst", "expert", "forecaster",
    "diplomat", "resident", "witness", "spokesman", "spokeswoman", "spokesperson",
    "minister", "ministry", "government", "authority", "council", "police", "army",
    "commander", "engineer", "scientist", "researcher", "journalist", "observer", "critic",
    "insurer", "body", "agency", "service", "mayor", "president", "leader", "officer",
    "company", "firm", "group", "committee", "office", "department", "survey", "study",
    "report", "statement", "newspaper", "media", "team", "union", "lawyer", "prosecutor",
    "judge", "court", "member", "representative", "adviser", "advisor", "aide", "envoy",
    "ambassador", "chief", "director", "executive", "secretary", "general", "officials",
    "guard", "navy", "embassy", "trader", "broker", "activist", "doctor",
})
QUOTES = "“”\"«»„"
CONTEXT_CHARS = 600  # characters of context either side of the claim that get parsed
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Proposal:
    claim: str
    claimant: str
    evidence: str  # the sentence (clipped) that names the claimant
    rule: str  # "according to", "reporting verb", "quotation"

    def to_json(self) -> dict[str, str]:
        """The shape of ``claimweave claimants --suggest --json``."""
        return {"claim": self.claim, "claimant": self.claimant, "evidence": self.evidence}


def propose(nlp: Any, texts: dict[str, str], claims: Sequence[Claim],
            known: Iterable[Claimant] = (), *, batch_size: int = 32) -> list[Proposal]:
    """Proposals for *claims* (texts: document id -> text); claims without one are left out.

    *nlp* is a spaCy pipeline with a parser; the contexts go through ``nlp.pipe`` in one
    stream, so the cost is spaCy's own on about 1,200 characters per claim.
    """
    if "parser" not in nlp.pipe_names and "dependency_parser" not in nlp.pipe_names:
        return []
    names = _Names(known)
    windows = [_window(texts[c.document_id], c) for c in claims]
    out = []
    docs = nlp.pipe((texts[c.document_id][lo:hi] for c, (lo, hi) in zip(claims, windows,
                                                                         strict=True)),
                    batch_size=batch_size)
    for claim, (lo, _), doc in zip(claims, windows, docs, strict=True):
        found = _read(doc, claim.start - lo, claim.end - lo)
        if found:
            name, evidence, rule = found
            out.append(Proposal(claim.id, names.spell(name), _clip(evidence), rule))
    return out


def _window(text: str, claim: Claim) -> tuple[int, int]:
    """Whole lines around the claim, at most CONTEXT_CHARS either side."""
    lo = max(0, claim.start - CONTEXT_CHARS)
    hi = min(len(text), claim.end + CONTEXT_CHARS)
    line_start = text.rfind("\n", lo, claim.start)
    line_end = text.find("\n", claim.end, hi)
    return (line_start + 1 if line_start >= 0 else lo), (line_end if line_end >= 0 else hi)


def _read(doc: Any, start: int, end: int) -> tuple[str, str, str] | None:
    sents = list(doc.sents)
    inside = [i for i, s in enumerate(sents) if s.start_char < end and s.end_char > start]
    if not inside:
        return None
    for i in inside:
        found = _according_to(sents[i], doc)
        if found:
            return found[0], sents[i].text, "according to"
    for i in inside:
        subject = _reporting_subject(sents[i], doc, start, end)
        if subject:
            return subject, sents[i].text, "reporting verb"
    if _quoted(doc.text, start, end):
        for j in (inside[-1] + 1, inside[0] - 1):
            if 0 <= j < len(sents):
                subject = _reporting_subject(sents[j], doc, None, None)
                if subject:
                    return subject, sents[j].text, "quotation"
    return None


def _according_to(sent: Any, doc: Any) -> tuple[str] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [t for t in doc[tok.i + 1].children if t.dep_ == "pobj"]
            if objs:
                name = _name_of(objs[0], doc) or _entity_in(doc[objs[0].left_edge.i:
                                                                objs[0].right_edge.i + 1])
                if name:
                    return (name,)
    return None


def _reporting_subject(sent: Any, doc: Any, start: int | None, end: int | None
                       ) -> str | None:
    for tok in sent:
        if tok.lemma_.lower() not in REPORTING or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        name = _name_of(subj, doc)
        if name:
            return name
    return None


def _name_of(tok: Any, doc: Any) -> str | None:
    """The entity or noun phrase a subject token stands for; None for the author or a
    placeholder ("it could be argued")."""
    low = tok.lower_
    if low in AUTHOR_PRONOUNS or (low in VAGUE and low not in PRONOUNS):
        return None
    if low in PRONOUNS:
        return _antecedent(doc, tok)
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in SOURCE_LABELS:
            return _strip(ent.text)
    left, right = tok.left_edge.i, tok.i + 1
    for child in tok.rights:  # "people familiar with the matter", not the whole clause
        if child.dep_ in ("amod", "prep", "compound", "appos") \
                and child.right_edge.i - left < MAX_WORDS:
            right = child.right_edge.i + 1
    span = doc[left:right]
    ents = [e for e in span.ents if e.label_ in SOURCE_LABELS]
    if ents and tok.pos_ == "PROPN":
        return _strip(ents[-1].text)
    if tok.lemma_.lower() not in SOURCE_NOUNS and tok.lower_ not in SOURCE_NOUNS:
        return None
    if len(span) > MAX_WORDS:
        span = doc[max(left, tok.i - 3):tok.i + 1]
    return _strip(span.text) or None


def _entity_in(span: Any) -> str | None:
    ents = [e for e in span.ents if e.label_ in SOURCE_LABELS]
    return _strip(ents[-1].text) if ents else None


def _antecedent(doc: Any, tok: Any) -> str | None:
    """The nearest earlier PERSON for he/she; for they, a plural source noun or a body."""
    if tok.lower_ in ("he", "she", "him", "her"):
        before = [e for e in doc.ents if e.end <= tok.i and e.label_ == "PERSON"]
        return _strip(before[-1].text) if before else None
    for prev in reversed(doc[:tok.i]):
        if prev.tag_ == "NNS" and prev.lemma_.lower() in SOURCE_NOUNS:
            return _name_of(prev, doc)
    before = [e for e in doc.ents if e.end <= tok.i and e.label_ in ("ORG", "NORP")]
    return _strip(before[-1].text) if before else None


def _quoted(text: str, start: int, end: int) -> bool:
    """The span sits inside quotation marks (or begins or ends with one)."""
    inner = text[start:end].strip()
    if inner[:1] in QUOTES or inner[-1:] in QUOTES:
        return True
    opened = sum(text[max(0, start - 300):start].count(q) for q in "“«„")
    closed = sum(text[max(0, start - 300):start].count(q) for q in "”»")
    return opened > closed


def _strip(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:" + QUOTES)
    for article in ("the ", "The "):
        if name.startswith(article):
            name = name[len(article):]
    for tail in ("’s", "'s"):
        if name.endswith(tail):
            name = name[: -len(tail)]
    return name


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class _Names:
    """Spell proposals as the project's claimants: full name, alias or last name."""

    def __init__(self, known: Iterable[Claimant]) -> None:
        self.exact: dict[str, str] = {}
        self.last: dict[str, set[str]] = {}
        for k in known:
            for n in (k.name, *k.aliases):
                key = normal_key(n)
                self.exact.setdefault(key, k.name)
                self.last.setdefault(key.split()[-1], set()).add(k.name) if key else None

    def spell(self, name: str) -> str:
        key = normal_key(name)
        if key in self.exact:
            return self.exact[key]
        words = key.split()
        if words:
            owners = self.last.get(words[-1], set())
            if len(owners) == 1:
                return next(iter(owners))
        return name


def normal_key(name: str) -> str:
    """How names are compared: case-folded, without a leading "the" or a possessive."""
    return _strip(name).casefold()
