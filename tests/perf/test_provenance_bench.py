"""Benchmark (make bench): finding reused text is linear in the words.

Synthetic documents of 1,500 words each (a 5,000-word vocabulary, so chance 5-word matches
are rare), every tenth one reprinting 60 words of another; the finder runs on N and on 2N
documents. Printed: the time per run and the ratio, which stays near 2 for a linear
method (a comparison of every pair of documents would be near 4). Asserts only that every
planted reprint is found.
"""

from __future__ import annotations

import random
import time

from claimweave.analysis.provenance import TextSource, reused_passages

WORDS = [f"w{i}" for i in range(5000)]


def _corpus(n: int, seed: int) -> list[TextSource]:
    rnd = random.Random(seed)
    texts = [[rnd.choice(WORDS) for _ in range(1500)] for _ in range(n)]
    for i in range(0, n - 1, 10):  # every tenth document reprints 60 words of the next
        texts[i][700:760] = texts[i + 1][100:160]
    return [TextSource(str(i), " ".join(t), None, i, f"{seed}-{i}") for i, t in enumerate(texts)]


def _run(sources: list[TextSource]) -> tuple[float, int]:
    t0 = time.perf_counter()
    found = reused_passages(sources)
    return time.perf_counter() - t0, len(found)


def test_reuse_is_linear_in_the_words() -> None:
    small, large = _corpus(200, 1), _corpus(400, 2)
    t1, n1 = _run(small)
    t2, n2 = _run(large)
    print(f"\n[provenance] 200 docs / 300,000 words: {t1 * 1000:.0f} ms ({n1} passages); "
          f"400 docs / 600,000 words: {t2 * 1000:.0f} ms ({n2} passages); ratio {t2 / t1:.2f}")
    assert (n1, n2) == (20, 40)
