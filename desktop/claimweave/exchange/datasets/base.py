"""The exporter registry, the selection every exporter honours and the snapshot it reads."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...core.errors import InvalidOperationError
from ...core.model import Claim, Document, Link, RelationType, Tag
from ...core.store import Project
from ...core.targets import check_output_target

_log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called as (done, total) while an export runs, so the desktop can show a progress bar."""


@dataclass(frozen=True, slots=True)
class ExportSelection:
    """Which annotations to export: all by default, or those of some annotators or tags."""

    annotators: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def claims(self, project: Project) -> list[Claim]:
        claims = project.claims()
        if not (self.annotators or self.tags):
            return claims
        keep = self.keeps(project)
        return [c for c in claims if keep(c)]

    def keeps(self, project: Project) -> Callable[[Claim], bool]:
        """Whether a claim is selected, for exporters that read claims piecemeal."""
        wanted: set[str] = set()
        for t in self.tags:
            wanted.update(project.tag_subtree(project.resolve_tag(t)))

        def keep(c: Claim) -> bool:
            return ((not self.annotators or c.annotator in self.annotators)
                    and (not self.tags or bool(wanted.intersection(c.tag_ids))))
        return keep


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


@dataclass(frozen=True)
class ProjectSnapshot:
    """Everything an exporter reads, fetched once, with the lookups several formats need."""

    documents: list[Document]
    project: Project
    claims: list[Claim]
    links: list[Link]
    tags: list[Tag] = field(default_factory=list)
    relations: list[RelationType] = field(default_factory=list)
    title: str = ""

    @classmethod
    def take(cls, project: Project, selection: ExportSelection) -> ProjectSnapshot:
        claims = selection.claims(project)
        ids = {c.id for c in claims}
        links = [k for k in project.links() if k.source in ids and k.target in ids]
        return cls(project.documents(), project, claims, links, project.tags(),
                   project.relation_types(), project.title)

    def text(self, doc_id: str) -> str:
        """A document's text, read when it is written out (texts are not all kept at once)."""
        return self.project.text(doc_id)

    @cached_property
    def claims_by_doc(self) -> dict[str, list[Claim]]:
        """Claims per document id, in document order (every document has an entry)."""
        out: dict[str, list[Claim]] = {d.id: [] for d in self.documents}
        for c in self.claims:
            out[c.document_id].append(c)
        return out

    @cached_property
    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def relation_by_id(self) -> dict[str, RelationType]:
        return {r.id: r for r in self.relations}

    def summary(self, path: Path, files: tuple[Path, ...] = ()) -> ExportSummary:
        return ExportSummary(path, len(self.documents), len(self.claims), len(self.links), files)


class Ticker:
    """Reports progress per document without costing anything when nobody listens."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


Exporter = Callable[..., ExportSummary]
"""``exporter(project, path, selection, progress=None) -> ExportSummary``."""

# format name -> "module:function", imported on first use so start-up stays light.
EXPORTERS: dict[str, str] = {
    "jsonl": "claimweave.exchange.datasets.jsonl:export_jsonl",
    "pairs": "claimweave.exchange.datasets.pairs:export_pairs",
    "csv": "claimweave.exchange.datasets.tables:export_csv",
    "webanno": "claimweave.exchange.datasets.webanno:export_webanno",
    "brat": "claimweave.exchange.datasets.brat:export_brat",
    "docbin": "claimweave.exchange.datasets.docbin:export_docbin",
    "qdpx": "claimweave.exchange.datasets.qdpx:export_qdpx",
    "qdc": "claimweave.exchange.datasets.qdc:export_qdc",
    "labelstudio": "claimweave.exchange.datasets.labelstudio:export_labelstudio",
    "doccano": "claimweave.exchange.datasets.doccano:export_doccano",
    "graphml": "claimweave.exchange.datasets.graph:export_graphml",
    "gexf": "claimweave.exchange.datasets.graph:export_gexf",
    "xlsx": "claimweave.exchange.datasets.xlsx:export_xlsx",
}

# Options some formats take, by format: e.g. ``positions="utf16"`` for qdpx; graphs take the
# claim groups (claim id -> proposition name), which the analysis layer computes.
OPTIONS: dict[str, frozenset[str]] = {
    "qdpx": frozenset({"positions"}),
    "csv": frozenset({"excel"}),
    "graphml": frozenset({"propositions"}),
    "gexf": frozenset({"propositions"}),
}


def load(registry: dict[str, str], fmt: str, what: str) -> Callable[..., object]:
    """The function registered for *fmt*, imported now (formats load lazily)."""
    if fmt not in registry:
        raise InvalidOperationError(
            f"unknown {what} format {fmt!r}; choose one of: {', '.join(sorted(registry))}")
    module, func = registry[fmt].split(":")
    return getattr(importlib.import_module(module), func)


def export(project: Project, fmt: str, path: Path, selection: ExportSelection | None = None,
           progress: Progress | None = None, **options: object) -> ExportSummary:
    """Write the project's annotations (or the selected ones) to *path* in format *fmt*.

    *options* are format-specific (:data:`OPTIONS`); one the format does not take is an error.
    """
    exporter = load(EXPORTERS, fmt, "export")
    for name in options:
        if name not in OPTIONS.get(fmt, ()):
            takers = sorted(f for f, names in OPTIONS.items() if name in names)
            raise InvalidOperationError(f"--{name} applies to the {', '.join(takers)} "
                                        f"format{'s' if len(takers) > 1 else ''} only")
    # folder formats (csv, brat) take a folder; each file is checked again as it is written
    check_output_target(path, project.path, kind="any")
    summary = exporter(project, Path(path), selection or ExportSelection(),
                       progress=progress, **options)
    _log.info("exported %s as %s to %s", project.path.name, fmt, path)
    return summary  # type: ignore[return-value]  # exporters return an ExportSummary
