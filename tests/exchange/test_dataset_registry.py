"""Every registered exporter runs, honours the selection and reports progress."""

from __future__ import annotations

import pytest

from claimweave.exchange.datasets import EXPORTERS, ExportSelection, export

from .datasets_sample import build

OUT = {"jsonl": "x.jsonl", "pairs": "p.jsonl", "csv": "c.zip", "webanno": "w.jsonld",
       "brat": "brat", "docbin": "d.spacy", "qdpx": "q.qdpx", "qdc": "c.qdc",
       "labelstudio": "ls.json", "doccano": "dc.jsonl", "graphml": "g.graphml",
       "gexf": "g.gexf", "xlsx": "t.xlsx"}
CODEBOOK_ONLY = {"qdc"}  # writes the tags, not documents, claims or links
CLAIM_FORMATS = sorted(set(EXPORTERS) - CODEBOOK_ONLY)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exporter_reports_progress_to_the_end(project, tmp_path, fmt):
    build(project)
    calls: list[tuple[int, int]] = []
    summary = export(project, fmt, tmp_path / OUT[fmt], progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    links = {"doccano": 3}.get(fmt, 5)  # doccano: links inside one document only
    expected = (0, 0, 0) if fmt in CODEBOOK_ONLY else (3, 9, links)
    assert (summary.documents, summary.claims, summary.links) == expected


@pytest.mark.parametrize("fmt", CLAIM_FORMATS)
def test_tag_selection_includes_nested_tags(project, tmp_path, fmt):
    build(project)
    summary = export(project, fmt, tmp_path / OUT[fmt], ExportSelection(tags=("economy",)))
    assert summary.claims == 3  # economy itself and its child tag prices


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_every_export_follows_the_umask(project, tmp_path, umask):
    """Colleagues and a brat server read exports when the user's umask lets them."""
    import os

    build(project)
    old = os.umask(umask)
    try:
        (tmp_path / "out").mkdir()
        for fmt in sorted(EXPORTERS):
            export(project, fmt, tmp_path / "out" / OUT[fmt])
    finally:
        os.umask(old)
    out = tmp_path / "out"
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= len(EXPORTERS)
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
