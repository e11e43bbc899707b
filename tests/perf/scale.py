"""Projects at the target scale of design.md §7, built once and cached outside the repository.

``1k``: 1,000 documents of 5,000 characters, 100,000 claims, 2,000 links; ``5k``: 5,000
documents, 500,000 claims, 10,000 links (only with ``CLAIMWEAVE_BENCH_5K=1``: its first build
takes minutes). ``two``: two documents of the same shape, the small project a window open is
compared with. ``bands1k``/``bands5k``: four documents of 300,000 characters with 1,000 or
5,000 links between neighbours (scrolling with bands); ``dense``: one document of a million
characters with 50,000 claims. They are built through the bulk path (``add_claims`` per
document, tags and links in one batch) into ``$CLAIMWEAVE_BENCH_CACHE`` (default
``~/.cache/claimweave-bench``), and every benchmark works on a copy, so edits never reach
the cached file. The file's name carries a digest of the schema's migrations: a file made
before a migration was appended is upgraded once (its digest is that of the first
migrations); any other change (their order, an edited one) builds it again, so a benchmark
never measures a migration or a file whose schema history differs from the program's.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from claimweave.core.schema import MIGRATIONS
from claimweave.core.store import Project

from .conftest import synthetic_text, zipf_text

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
    zipf: bool = False  # texts over a Zipf vocabulary of 5,000 words instead of 19 words

    @property
    def label(self) -> str:
        return f"{self.documents:,} docs / {self.documents * self.claims_per_doc:,} claims"


SCALES = {
    "two": Scale("two", 2, 100, 40),
    "100": Scale("100", 100, 100, 200),
    "200": Scale("200", 200, 100, 400),
    "1k": Scale("1k", 1000, 100, 2000),
    "5k": Scale("5k", 5000, 100, 10000),
    "1k-zipf": Scale("1k-zipf", 1000, 100, 2000, zipf=True),
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
                text = (zipf_text if scale.zipf else synthetic_text)(rng, scale.chars) + f" #{d}"
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


def build_panes(path: Path, links_per_gap: int, documents: int = 4, chars: int = 300_000,
                claims_per_doc: int = 6000, seed: int = 11) -> Path:
    """Long documents for scrolling side by side: *links_per_gap* links between each
    document and the next (the bands of each gutter when they sit in neighbouring panes)."""
    rng = random.Random(seed)
    with Project.create(path, title="Bands") as p:
        docs: list[list[str]] = []
        with p.batch("Build"):
            for d in range(documents):
                text = synthetic_text(rng, chars) + f" #{d}"
                step = chars // claims_per_doc
                spans = [(i * step, i * step + rng.randint(20, step * 2))
                         for i in range(claims_per_doc - 2)]
                doc = p.add_document(text, title=f"Long {d}").document.id
                docs.append(p.add_claims(doc, spans, annotator="bench"))
        with p.batch("Links"):
            for left, right in pairwise(docs):
                for a, b in zip(rng.sample(left, links_per_gap), rng.sample(right, links_per_gap),
                                strict=True):
                    p.link_claims(a, b, rng.choice(("agrees", "contradicts")))
    return path


def build_dense(path: Path, chars: int = 1_000_000, claims: int = 50_000, seed: int = 13
                ) -> Path:
    """One document of a million characters with 50,000 claims (some overlapping)."""
    rng = random.Random(seed)
    with Project.create(path, title="Dense") as p:
        text = synthetic_text(rng, chars)
        doc = p.add_document(text, title="Dense").document.id
        step = chars // claims
        spans = [(i * step, min(chars, i * step + rng.randint(10, step * 3)))
                 for i in range(claims)]
        ids = p.add_claims(doc, spans, annotator="bench")
        tags = [p.add_tag(n).id for n in ("Fact", "Number", "Cause", "Quote")]
        with p.batch("Tag"):
            for i, claim_id in enumerate(ids[::5]):
                p._writer.insert("claim_tags", {"claim_id": claim_id,
                                                "tag_id": tags[i % len(tags)]})
    return path


def build_analysed(path: Path, scale_name: str = "1k") -> Path:
    """The project of this scale with every document analysed (the NLP cache filled), by
    the model the program would load (``claimweave analyse``)."""
    from claimweave.nlp.cache import ensure_analyses
    from claimweave.nlp.pipeline import load_pipeline

    shutil.copyfile(cached(scale_name), path)
    with Project.open(path) as p:
        ensure_analyses(p, load_pipeline())
    return path


BUILDERS = {
    "1k-nlp": build_analysed,
    "5k-nlp": lambda path: build_analysed(path, "5k"),  # about an hour of spaCy
    "1k-zipf-nlp": lambda path: build_analysed(path, "1k-zipf"),
    "bands1k": lambda path: build_panes(path, 1000),
    "bands5k": lambda path: build_panes(path, 5000),
    "dense": build_dense,
}


def cached(scale_name: str) -> Path:
    """The cached project of this scale, built on first use (again when the schema changed)."""
    CACHE.mkdir(parents=True, exist_ok=True)

    def named(k: int) -> Path:
        schema = hashlib.sha256("\0".join(MIGRATIONS[:k]).encode()).hexdigest()[:10]
        return CACHE / f"{scale_name}-b{BUILDER_VERSION}-{schema}.claimweave"

    path = named(len(MIGRATIONS))
    older = next((named(k) for k in range(len(MIGRATIONS) - 1, 0, -1) if named(k).exists()),
                 None)
    if not path.exists() and older is not None:
        Project.open(older).close()  # appends the new migrations, once
        older.rename(path)
    if not path.exists():
        for stale in CACHE.glob(f"{scale_name}-b*.claimweave*"):
            stale.unlink()
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        print(f"\n  building the {scale_name} benchmark project in {CACHE} (once) ...")
        if scale_name in BUILDERS:
            BUILDERS[scale_name](partial)
        else:
            build(SCALES[scale_name], partial)
        partial.rename(path)
        for leftover in CACHE.glob(partial.name + "*"):  # its lock file
            leftover.unlink()
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
