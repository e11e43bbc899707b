"""Benchmarks: run by `make bench`, never by `make test`. They print figures and ratios
against a baseline measured in the same run; they do not assert on time."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimweave.core.store import Project

WORDS = [
    "the", "alliance", "memorandum", "Moscow", "Tehran", "cooperation", "strategic",
    "military", "partnership", "sanctions", "security", "exercise", "navy", "agreement",
    "not", "may", "could", "said", "officials",
]


def synthetic_text(rng: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize()
        sentence += rng.choice([". ", ". ", "? ", ".\n\n", " 😀. "])
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:chars]


# Words a text of any topic is mostly made of; the rest of a Zipf vocabulary is pseudo-words.
COMMON = [
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
    "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "said",
]
_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p",
           "pr", "r", "s", "st", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "nd", "st", "m"]


def zipf_vocabulary(size: int = 5000, seed: int = 3) -> tuple[list[str], list[float]]:
    """*size* distinct words (COMMON first, then pseudo-words of 1-4 syllables) and the
    cumulative weights of a Zipf law (exponent 1.07, about that of English prose)."""
    rng = random.Random(seed)
    words, seen = list(COMMON), set(COMMON)
    while len(words) < size:
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                       for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += rank ** -1.07
        cumulative.append(total)
    return words, cumulative


_ZIPF = zipf_vocabulary()


def zipf_text(rng: random.Random, chars: int) -> str:
    """Like synthetic_text, with words drawn from a Zipf vocabulary of 5,000 words: the
    realistic case for posting lists (most terms rare), where synthetic_text is the worst."""
    words, cumulative = _ZIPF
    out, n = [], 0
    while n < chars:
        k = rng.randint(6, 18)
        sentence = " ".join(rng.choices(words, cum_weights=cumulative, k=k)).capitalize()
        sentence += rng.choice([". ", ". ", "? ", ".\n\n", " 😀. "])
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:chars]


def build_large_project(path: Path, documents: int = 1000, claims_per_doc: int = 100,
                        chars: int = 5000, seed: int = 7) -> Path:
    """1,000 documents of 5,000 characters with 100 claims each (100,000 claims)."""
    rng = random.Random(seed)
    with Project.create(path, title="Benchmark") as p:
        tags = [p.add_tag(f"tag{i}").id for i in range(8)]
        with p.batch("Build"):
            for d in range(documents):
                text = synthetic_text(rng, chars)
                doc = p.add_document(text + f" #{d}", title=f"Document {d}").document.id
                spans = []
                for _ in range(claims_per_doc):
                    s = rng.randrange(chars - 200)
                    spans.append((s, s + rng.randint(20, 180)))
                ids = p.add_claims(doc, spans, annotator=rng.choice(["ana", "ben"]))
                for cid in ids[:20]:
                    p.tag_claim(cid, rng.choice(tags))
        claims = [c.id for c in p.claims()]
        with p.batch("Links"):
            for _ in range(2000):
                a, b = rng.sample(claims, 2)
                try:
                    p.link_claims(a, b, rng.choice(["agrees", "contradicts"]))
                except Exception:  # an occasional duplicate pair
                    pass
    return path


@pytest.fixture(scope="session")
def large_project(tmp_path_factory) -> Path:
    return build_large_project(tmp_path_factory.mktemp("bench") / "large.claimweave")


def report(name: str, ours: float, baseline: float, target: str = "") -> None:
    ratio = ours / baseline if baseline else float("inf")
    print(f"\n  {name:<44} {ours * 1000:9.1f} ms   baseline {baseline * 1000:8.1f} ms   "
          f"ratio {ratio:5.2f}x  {target}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Benchmarks build projects of thousands of documents: the suite's 120 s limit per
    test (pyproject.toml) is for tests, not for them."""
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(3600))
