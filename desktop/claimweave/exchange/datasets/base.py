"""The exporter registry and the selection every exporter honours."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import InvalidOperationError
from ...core.model import Claim, Document, Link
from ...core.store import Project


@dataclass(frozen=True, slots=True)
class ExportSelection:
    """Which annotations to export: all by default, or those of some annotators or tags."""

    annotators: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def claims(self, project: Project) -> list[Claim]:
        claims = project.claims()
        if self.annotators:
            claims = [c for c in claims if c.annotator in self.annotators]
        if self.tags:
            wanted: set[str] = set()
            for t in self.tags:
                wanted.update(project._tag_subtree(project.resolve_tag(t)))
            claims = [c for c in claims if wanted.intersection(c.tag_ids)]
        return claims


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: Path
    documents: int
    claims: int
    links: int
    files: tuple[Path, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "documents": self.documents, "claims": self.claims,
                "links": self.links}


@dataclass(frozen=True, slots=True)
class ProjectSnapshot:
    """Everything an exporter reads, fetched once: documents, texts, claims and links."""

    documents: list[Document]
    texts: dict[str, str]
    claims: list[Claim]
    links: list[Link]

    @classmethod
    def take(cls, project: Project, selection: ExportSelection) -> ProjectSnapshot:
        claims = selection.claims(project)
        ids = {c.id for c in claims}
        links = [k for k in project.links() if k.source in ids and k.target in ids]
        docs = project.documents()
        texts = dict(project.con.execute("SELECT id, text FROM documents"))
        return cls(docs, texts, claims, links)


Exporter = Callable[[Project, Path, ExportSelection], ExportSummary]

# format name -> "module:function", imported on first use so start-up stays light.
EXPORTERS: dict[str, str] = {
    "jsonl": "claimweave.exchange.datasets.jsonl:export_jsonl",
}


def export(project: Project, fmt: str, path: Path,
           selection: ExportSelection | None = None) -> ExportSummary:
    if fmt not in EXPORTERS:
        raise InvalidOperationError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(EXPORTERS))}")
    module, func = EXPORTERS[fmt].split(":")
    exporter: Exporter = getattr(importlib.import_module(module), func)
    return exporter(project, Path(path), selection or ExportSelection())
