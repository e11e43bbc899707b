"""Stance perturbations generated from the demo project's own claims.

Each claim of project_files/demo.claimweave is changed in one way and the hint of the pair
(claim, changed claim) is checked: negating the main verb, changing a number and swapping
in an antonym must give **contradicts**; adding a hedge and swapping in a synonym must keep
**agrees**. The claims are the demo's, so the cases are real sentences, not made for the
rules; a kind of change that does not apply to a claim (no auxiliary to negate, no number)
skips that claim.
"""

from __future__ import annotations

import math
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import span_features
from claimweave.nlp.lexicon import CANONICAL
from claimweave.nlp.stance import ANTONYMS, stance_hint

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
AUXILIARIES = ("is", "are", "was", "were", "will", "would", "can", "could", "has", "have",
               "had", "should", "must")
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d\d)\b")
_YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")


def negate(quote: str) -> str | None:
    """Insert "not" after the first auxiliary; None for a claim that has none or is negated."""
    words = quote.split(" ")
    if any(w.lower() in ("not", "never", "no") or w.endswith("n't") for w in words):
        return None
    for i, w in enumerate(words):
        if w.lower() in AUXILIARIES:
            return " ".join([*words[: i + 1], "not", *words[i + 1:]])
    return None


def change_number(quote: str) -> str | None:
    """Change the first number into another of the same kind: a clock time an hour later,
    a year three years later, a count into one that cannot pass for a year."""
    clock = _CLOCK.search(quote)
    if clock:
        hour = (int(clock.group(1)) + 1) % 12 or 12
        return f"{quote[: clock.start()]}{hour:02d}:{clock.group(2)}{quote[clock.end():]}"
    m = _NUMBER.search(quote)
    if m is None or quote[max(0, m.start() - 1)] == "-":
        return None  # none, or inside a hyphenated word ("one-in-100-year")
    value = int(m.group().replace(",", ""))
    if _YEAR.match(m.group()):
        new = value + 3
    else:
        new = value * 3 + 1
        new += 5000 if 1000 <= new < 2200 else 0
    return quote[: m.start()] + str(new) + quote[m.end():]


_OPPOSITE = {w: next(iter(pair - {w})) for pair in ANTONYMS for w in pair}


def swap_antonym(quote: str) -> str | None:
    for m in _WORD.finditer(quote):
        other = _OPPOSITE.get(m.group().lower())
        if other:
            return quote[: m.start()] + other + quote[m.end():]
    return None


def add_hedge(quote: str) -> str | None:
    return f"Perhaps {quote[0].lower()}{quote[1:]}" if quote else None


_SIBLING: dict[str, str] = {}
for _word, _head in CANONICAL.items():
    _SIBLING.setdefault(_head, _word)  # a group's first word -> another member


def swap_synonym(quote: str) -> str | None:
    for m in _WORD.finditer(quote):
        word = m.group().lower()
        other = _SIBLING.get(word) or (CANONICAL.get(word) if CANONICAL.get(word) != word
                                       else None)
        if other and " " not in other:
            return quote[: m.start()] + other + quote[m.end():]
    return None


CHANGES: list[tuple[str, Callable[[str], str | None], str]] = [
    ("negate the main verb", negate, "contradicts"),
    ("change a number", change_number, "contradicts"),
    ("swap an antonym", swap_antonym, "contradicts"),
    ("add a hedge", add_hedge, "agrees"),
    ("swap a synonym", swap_synonym, "agrees"),
]


@pytest.fixture(scope="module")
def demo_quotes(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not DEMO.is_file():
        pytest.skip(f"no demo project at {DEMO} (make demo)")
    copy = tmp_path_factory.mktemp("demo") / DEMO.name
    shutil.copyfile(DEMO, copy)
    with Project.open(copy, read_only=True) as project:
        return [c.quote for c in project.claims()]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


@pytest.mark.parametrize(("name", "change", "expected"), CHANGES, ids=[c[0] for c in CHANGES])
def test_perturbed_claims(demo_quotes, blank, name, change, expected) -> None:  # type: ignore[no-untyped-def]
    wrong, cases = [], 0
    for quote in demo_quotes:
        changed = change(quote)
        if changed is None or changed == quote:
            continue
        cases += 1
        fa, fb = (span_features(analyse_text(blank, t), t, 0, len(t)) for t in (quote, changed))
        hint = stance_hint(fa, fb, _cosine(fa.lemmas, fb.lemmas))
        if hint.hint != expected:
            wrong.append(f"{quote!r} -> {changed!r}: {hint.hint} {hint.cues}")
    assert cases >= 3, f"{name}: the demo's claims gave only {cases} cases"
    assert not wrong, f"{name}: {len(wrong)} of {cases} wrong:\n" + "\n".join(wrong)
