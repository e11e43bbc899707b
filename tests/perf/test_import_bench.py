"""Annotation imports are linear (make bench): a dataset of 4x the claims and links takes
about 4x as long, not 16x. Quadratic before: the REFI-QDA reader rebuilt the set of claims
for every link (20,000 links: 40 s) and the ingest read a document's whole text once per
claim. Prints seconds at two sizes and their ratio; no timing asserts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

SIZES = (5_000, 20_000)  # links; each link joins two claims in two documents


def source_project(path: Path, links: int) -> Path:
    words = " ".join(f"w{i}" for i in range(links))
    with Project.create(path) as p, p.batch("Build"):
        docs = [p.add_document(words + f" {n}", title=f"Doc {n}").document.id for n in (1, 2)]
        spans, pos = [], 0
        for i in range(links):
            pos = words.index(f"w{i}", pos)
            spans.append((pos, pos + len(f"w{i}")))
            pos += len(f"w{i}")
        a, b = (p.add_claims(d, spans, annotator="bench") for d in docs)
        for x, y in zip(a, b, strict=True):
            p.link_claims(x, y, "agrees")
    return path


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "out.jsonl"), ("qdpx", "out.qdpx")])
def test_import_grows_linearly(tmp_path: Path, fmt: str, name: str) -> None:
    seconds = []
    for links in SIZES:
        folder = tmp_path / f"{fmt}-{links}"
        folder.mkdir()
        source = source_project(folder / "source.claimweave", links)
        with Project.open(source, read_only=True) as p:
            export(p, fmt, folder / name)
        target = folder / "target.claimweave"
        Project.create(target).close()
        with Project.open(target) as p:
            start = time.perf_counter()
            report = import_annotations(p, folder / name, fmt)
            seconds.append(time.perf_counter() - start)
        assert report.added["claims"] == 2 * links and report.added["links"] == links
    ratio = seconds[1] / seconds[0]
    print(f"\nimport {fmt}: {SIZES[0]:,} links {seconds[0]:.2f} s, {SIZES[1]:,} links "
          f"{seconds[1]:.2f} s; ratio {ratio:.1f} for {SIZES[1] / SIZES[0]:.0f}x the input")
