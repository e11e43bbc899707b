"""Projects at the target scale of design.md §7, built once and cached outside the repository.

``1k``: 1,000 documents of 5,000 characters, 100,000 claims, 2,000 links; ``5k``: 5,000
documents, 500,000 claims, 10,000 links (only with ``CLAIMWEAVE_BENCH_5K=1``: its first build
takes minutes). ``two``: two documents of the same shape, the small project a window open is
compared with. They are built through the bulk path (``add_claims`` per document, tags and
links in one batch) into ``$CLAIMWEAVE_BENCH_CACHE`` (default ``~/.cache/claimweave-bench``),
and every benchmark works on a copy, so edits never reach the cached file. A cached file
of an older schema is upgraded in place once, so the measured open never migrates.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimweave.core.store import Project

from .conftest import synthetic_text

BUILDER_VERSION = 1  # bump when the shape of the built projects changes
CACHE = Path(os.environ.get("CLAIMWEAVE_BENCH_CACHE",
                            Path.home() / ".cache" / "claimweave-bench"))
FIVE_K = os.environ.get("CLAIMWEAVE_BENCH_5K") == "1"


@dataclass(frozen=True)
class Scale:
    name: str
    documents: int
    claims_per_doc: int
    links: int
    chars: int = 5000
    tagged_per_doc: int = 20

    @property
    def label(self) -> str:
        return f"{self.documents:,} docs / {self.documents * self.claims_per_doc:,} claims"


SCALES = {
    "two": Scale("two", 2, 100, 40),
    "1k": Scale("1k", 1000, 100, 2000),
    "5k": Scale("5k", 5000, 100, 10000),
}


def build(scale: Scale, path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with Project.create(path, title=f"Benchmark {scale.name}") as p:
        tags = [p.add_tag(f"tag{i}").id for i in range(8)]
        relations = [p.relation_type(n).id for n in ("agrees", "contradicts")]
        claim_ids: list[str] = []
        with p.batch("Build"):
            tag_rows = []
            for d in range(scale.documents):
                text = synthetic_text(rng, scale.chars) + f" #{d}"
                doc = p.add_document(text, title=f"Document {d}").document.id
                spans = []
                for _ in range(scale.claims_per_doc):
                    s = rng.randrange(scale.chars - 200)
                    spans.append((s, s + rng.randint(20, 180)))
                ids = p.add_claims(doc, spans, annotator=rng.choice(["ana", "ben"]))
                claim_ids += ids
                tag_rows += [{"claim_id": c, "tag_id": rng.choice(tags)}
                             for c in ids[:scale.tagged_per_doc]]
            # The store's own row writer (undo-recorded, what tag_claim ends in): the verb
            # itself would re-read each claim, which is what the benchmarks measure.
            for row in tag_rows:
                p._writer.insert("claim_tags", row)
        with p.batch("Links"):
            made = 0
            while made < scale.links:
                a, b = rng.sample(claim_ids, 2)
                try:
                    p.link_claims(a, b, rng.choice(relations))
                except Exception:  # an occasional duplicate pair
                    continue
                made += 1
    return path


def cached(scale_name: str) -> Path:
    """The cached project of this scale, built on first use (and upgraded when older)."""
    scale = SCALES[scale_name]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{scale.name}-b{BUILDER_VERSION}.claimweave"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        print(f"\n  building the {scale.label} benchmark project in {CACHE} (once) ...")
        build(scale, partial)
        partial.rename(path)
    Project.open(path).close()  # applies pending migrations to the cache, once
    return path


def copy_of(scale_name: str, folder: Path) -> Path:
    """A fresh working copy of a cached project (benchmarks edit it)."""
    target = folder / f"{scale_name}.claimweave"
    shutil.copyfile(cached(scale_name), target)
    return target


def scales(*names: str) -> list[str]:
    """The scale names to parametrize over: 5k only when asked for."""
    return [n for n in names if n != "5k" or FIVE_K]


@pytest.fixture(scope="session")
def scale_cache() -> Path:
    return CACHE
