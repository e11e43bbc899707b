"""Which unit a REFI-QDA file counts its positions in, decided from evidence in the file.

REFI-QDA 1.5 (section 10.2) counts code points into the source text. The tools differ:
NVivo counts UTF-16 code units (an emoji counts two), QualCoder and NVivo for Windows save
texts with a byte-order mark that their positions do not count, ATLAS.ti counts ``\\r\\n``
as one character. A wrong guess moves every claim silently, so each possible reading is
tried on every selection of the file and the one the evidence supports wins: selections
whose stated quote (the ``name`` attribute) matches the text, then selections that start and
end on word boundaries, then what the file's ``origin`` says, then the standard.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...core.offsets import OffsetMap
from ...core.text import BOM, normalise_text
from .bundle import refuse


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of counting positions: unit, whether the BOM counts, what \\r\\n counts."""

    utf16: bool = False
    bom: bool = False
    crlf_one: bool = False

    def describe(self, asked: tuple[bool, bool] = (True, True)) -> str:
        """The unit, and (when the file raised the question) the mark and line ends."""
        parts = ["UTF-16 code units" if self.utf16 else "code points"]
        if asked[0]:
            parts.append("counting the byte-order mark" if self.bom
                         else "after the byte-order mark")
        if asked[1]:
            parts.append("\\r\\n as one character" if self.crlf_one
                         else "\\r\\n as two characters")
        return ", ".join(parts)


class SourceText:
    """A source's raw text, the text the project will store, and how positions map onto it."""

    def __init__(self, raw: str, place: str) -> None:
        self.text = normalise_text(raw)
        self.lead = len(raw) - len(raw.lstrip(BOM))
        self.body = raw[self.lead:]
        self.crlf = [m.start() for m in re.finditer("\r\n", self.body)]
        if len(self.text) != len(self.body) - len(self.crlf):
            raise refuse(place, "the text is not in Unicode NFC form, so its positions cannot "
                         "be carried over; normalise it (NFC) together with its codings first")
        self._maps: dict[bool, OffsetMap] = {}

    @property
    def has_astral(self) -> bool:
        return self._map(False).has_astral

    def _map(self, crlf_one: bool) -> OffsetMap:
        if crlf_one not in self._maps:
            rep = self.body.replace("\r\n", "\n") if crlf_one else self.body
            self._maps[crlf_one] = OffsetMap(rep)
        return self._maps[crlf_one]

    def mapper(self, reading: Reading) -> Callable[[int], int | None]:
        """Position in the file -> code point in the stored text (None: impossible here)."""
        offsets = self._map(reading.crlf_one)
        lead = self.lead if reading.bom else 0
        crlf, length = self.crlf, len(self.text)

        def to_text(pos: int) -> int | None:
            p = pos - lead
            if p < 0:
                return None
            if reading.utf16:
                if p > offsets.length_utf16:
                    return None
                cp = offsets.to_codepoint(p)
                if offsets.to_utf16(cp) != p:
                    return None  # inside a surrogate pair: not a UTF-16 file after all
                p = cp
            if not reading.crlf_one and crlf:
                p -= bisect_left(crlf, p)  # each \r before p is dropped from the text
            return p if 0 <= p <= length else None

        return to_text


@dataclass(frozen=True, slots=True)
class Selection:
    """What the evidence needs of one PlainTextSelection."""

    source: str
    start: int
    end: int
    name: str | None
    place: str


def _norm(text: str) -> str:
    """NFC with each run of whitespace one space, none at the ends (str.split's whitespace
    is the regular expression's \\s: the same characters, at a fraction of the cost)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_matches(name: str, found: str) -> bool:
    """Whether a selection's stated quote agrees with the text at its positions.

    Tools shorten long quotes in ``name`` (ClaimWeave to 60 characters), so a stated quote
    that begins the found text counts as agreeing.
    """
    if name == found:  # the common case (ours, most tools): one normalisation, not two
        return bool(_norm(name))
    want, got = _norm(name), _norm(found)
    return bool(want) and (got == want or (len(want) >= 20 and got.startswith(want)))


def _inside_cluster(ch: str) -> bool:
    """A character that never begins what a person selects: a combining mark, a joiner, a
    variation selector or emoji modifier (a wrong unit lands on these inside an emoji)."""
    return unicodedata.category(ch) in ("Mn", "Me") or ch in "\u200d\ufe0f\ufe0e" \
        or "\U0001f3fb" <= ch <= "\U0001f3ff"


def _spans_words(text: str, a: int, b: int) -> bool:
    """Whether [a, b) starts and ends where a person's selection does: not inside a word or
    an emoji, not on a space."""
    n = len(text)
    start = (a == 0 or not (text[a - 1].isalnum() and text[a].isalnum())) \
        and not text[a].isspace() and not _inside_cluster(text[a])
    end = (b == n or not (text[b - 1].isalnum() and text[b].isalnum())) \
        and not text[b - 1].isspace() and (b == n or not _inside_cluster(text[b]))
    return start and end


@dataclass
class Evidence:
    reading: Reading
    valid: int = 0
    quotes: int = 0
    boundaries: int = 0
    misses: set[int] = field(default_factory=set)  # selections whose stated quote differs


@dataclass
class Decision:
    reading: Reading
    evidence: list[Evidence]
    stated: int  # selections that state their quote
    total: int
    origin: str
    asked: tuple[bool, bool] = (True, True)  # some source has a BOM; some has \r\n

    def describe(self) -> str:
        """One line for the import report: the unit used and why."""
        chosen = next(e for e in self.evidence if e.reading == self.reading)
        why = [f"{chosen.boundaries} of {self.total} selections start and end on word "
               "boundaries"]
        if self.stated:
            why.append(f"{chosen.quotes} of {self.stated} stated quotes match")
        others = [e for e in self.evidence if e.reading != self.reading]
        if others:
            best = max(others, key=_score)
            why.append(f"read as {best.reading.describe(self.asked)}: {best.boundaries} on "
                       "boundaries"
                       + (f", {best.quotes} quotes" if self.stated else ""))
        if self.origin:
            why.append(f"origin {self.origin!r}")
        return f"positions read as {self.reading.describe(self.asked)} ({'; '.join(why)})"


def _score(e: Evidence) -> tuple[int, int, int]:
    return (e.valid, e.quotes, e.boundaries)


def _hint(origin: str, reading: Reading) -> int:
    """How well a reading fits what the writing program is known to do (docs/exports.md)."""
    o = origin.lower()
    score = 0
    if "nvivo" in o and reading.utf16:
        score += 1
    if ("atlas" in o) == reading.crlf_one:
        score += 1
    if ("claimweave" in o) == reading.bom:
        score += 1  # we write no BOM; QualCoder and NVivo do and do not count it
    return score


def decide(sources: dict[str, SourceText], selections: Iterable[Selection],
           origin: str) -> Decision:
    """The reading under which the file's selections make the most sense."""
    sels = list(selections)
    texts = list(sources.values())
    choices = [
        [False, True] if any(t.has_astral for t in texts) else [False],
        [False, True] if any(t.lead for t in texts) else [False],
        [False, True] if any(t.crlf for t in texts) else [False],
    ]
    evidence = []
    for utf16, bom, crlf_one in itertools.product(*choices):
        reading = Reading(utf16, bom, crlf_one)
        ev = Evidence(reading)
        maps = {k: t.mapper(reading) for k, t in sources.items()}
        for i, s in enumerate(sels):
            if s.source not in sources:
                continue
            a, b = maps[s.source](s.start), maps[s.source](s.end)
            if a is None or b is None or a >= b:
                continue
            text = sources[s.source].text
            ev.valid += 1
            if s.name:
                if quote_matches(s.name, text[a:b]):
                    ev.quotes += 1
                else:
                    ev.misses.add(i)
            ev.boundaries += _spans_words(text, a, b)
        evidence.append(ev)
    best = max(evidence, key=lambda e: (*_score(e), _hint(origin, e.reading),
                                        not e.reading.utf16))
    stated = sum(1 for s in sels if s.name and s.source in sources)
    return Decision(best.reading, evidence, stated, len(sels), origin,
                    (len(choices[1]) > 1, len(choices[2]) > 1))
