"""An import writes back exactly what was exported: exporting the imported project gives
the same file, apart from the times the import stamps on the claims it creates."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.merge import merge_projects

from .datasets_sample import build, roundtrip

# the times an import stamps, and the project's own name (the target's file name)
STAMP = re.compile(r'((?:creationDateTime|modifiedDateTime|<Project [^>]*?name)=")[^"]*(")')


def _jsonl(path: Path) -> list[object]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for r in records:
        for c in r["claims"]:
            c.pop("created_at")
    return records


def _filled(project: Project) -> Project:
    build(project)
    claims = project.claims()
    project.set_claimant(claims[0].id, "A. Minister")
    project.set_claimant(claims[3].id, "A. Minister")
    project.set_claimant(claims[5].id, "The Bank")
    return project


def test_jsonl_export_import_export_gives_the_same_file(project: Project,
                                                         tmp_path: Path) -> None:
    target, first = roundtrip(_filled(project), tmp_path, "jsonl", "first.jsonl")
    try:
        export(target, "jsonl", tmp_path / "second.jsonl")
    finally:
        target.close()
    assert _jsonl(tmp_path / "second.jsonl") == _jsonl(first)


def test_qdpx_export_import_export_gives_the_same_project_file(project: Project,
                                                               tmp_path: Path) -> None:
    target, first = roundtrip(_filled(project), tmp_path, "qdpx", "first.qdpx")
    try:
        export(target, "qdpx", tmp_path / "second.qdpx")
    finally:
        target.close()

    def members(path: Path) -> dict[str, str]:
        with zipfile.ZipFile(path) as z:
            return {n: STAMP.sub(r"\1-\2", z.read(n).decode("utf-8")) for n in z.namelist()}

    assert members(tmp_path / "second.qdpx") == members(first)


def test_merge_gives_the_same_export_as_the_source(project: Project, tmp_path: Path) -> None:
    _filled(project)
    export(project, "jsonl", tmp_path / "source.jsonl")
    with Project.create(tmp_path / "merged.claimweave") as merged:
        merge_projects(merged, [project.path])
        export(merged, "jsonl", tmp_path / "merged.jsonl")
    assert _jsonl(tmp_path / "merged.jsonl") == _jsonl(tmp_path / "source.jsonl")


def test_an_import_with_claimants_is_one_undo_step(project: Project, tmp_path: Path) -> None:
    target, _ = roundtrip(_filled(project), tmp_path, "jsonl", "out.jsonl")
    try:
        assert {c.claimant for c in target.claims()} == {None, "A. Minister", "The Bank"}
        target.undo()
        assert target.claims() == [] and target.claimants() == []
        target.redo()
        assert sorted(k.name for k in target.claimants()) == ["A. Minister", "The Bank"]
    finally:
        target.close()
