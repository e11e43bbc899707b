"""Importing and merging at the target scale are linear and cost a few exports (make bench).

Sources: 200 documents / 20,000 claims / 400 links and 1,000 / 100,000 / 2,000 (the cached
projects of tests/perf/scale.py). For each size, in one run: the matching export (the
source to JSONL and to REFI-QDA), ``import_annotations`` of that file into an empty
project, and ``merge_projects`` of the source project into an empty project. Printed with
wall and CPU time, each beside the export of the same run (target <= 4x) and the growth
from 20,000 to 100,000 claims (linear: about 5x). The machine's load average is printed
with each figure. Assertions only on what each import or merge brought in.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations
from claimweave.exchange.merge import merge_projects

from .scale import SCALES, cached

SIZES = ("200", "1k")
FORMATS = (("jsonl", "out.jsonl"), ("qdpx", "out.qdpx"))


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _empty(path: Path) -> Path:
    Project.create(path).close()
    return path


@pytest.mark.timeout(7200)
def test_import_and_merge_grow_linearly(tmp_path: Path) -> None:
    figures: dict[str, dict[str, tuple[float, float]]] = {}
    for size in SIZES:
        scale = SCALES[size]
        claims = scale.documents * scale.claims_per_doc
        source = cached(size)
        row: dict[str, tuple[float, float]] = {}
        print(f"\n{scale.label}, {scale.links:,} links; load average {_load()}")
        for fmt, name in FORMATS:
            out = tmp_path / f"{size}-{name}"
            with Project.open(source, read_only=True) as p:
                wall, cpu, _ = _timed(lambda p=p, out=out, fmt=fmt: export(p, fmt, out))
            row[f"export {fmt}"] = (wall, cpu)
            with Project.open(_empty(tmp_path / f"{size}-{fmt}.claimweave")) as p:
                wall, cpu, report = _timed(
                    lambda p=p, out=out, fmt=fmt: import_annotations(p, out, fmt))
                assert report.added["claims"] == claims
                assert report.added["links"] == scale.links
            row[f"import {fmt}"] = (wall, cpu)
        with Project.open(_empty(tmp_path / f"{size}-merged.claimweave")) as p:
            wall, cpu, reports = _timed(lambda p=p, s=source: merge_projects(p, [s]))
            assert reports[0].added["claims"] == claims
        row["merge"] = (wall, cpu)
        for what, (wall, cpu) in row.items():
            export_fmt = what.split()[-1] if what.startswith("import") else "jsonl"
            base = row[f"export {export_fmt}"][0]
            print(f"  {what:14} {wall:7.2f} s {cpu:7.2f} s CPU  {wall / base:5.2f}x the "
                  f"{export_fmt} export  (load {_load()})")
        figures[size] = row
    small, large = (figures[s] for s in SIZES)
    grow = (SCALES[SIZES[1]].documents * SCALES[SIZES[1]].claims_per_doc
            / (SCALES[SIZES[0]].documents * SCALES[SIZES[0]].claims_per_doc))
    print(f"\ngrowth from {SIZES[0]} to {SIZES[1]} ({grow:.0f}x the claims), CPU time:")
    for what in large:
        print(f"  {what:14} {large[what][1] / small[what][1]:5.2f}x")
