"""Merging projects: bring the documents, codebook, claims and links of other project files
into a target project.

Ids are UUIDs everywhere, so nothing needs renumbering: each source is read as a
:class:`~.datasets.bundle.Bundle` carrying every id and applied with the same rules as a
dataset import (documents by text hash, entities by id, conflicts reported and never
overwritten, one transaction per source), so merging twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import InvalidOperationError
from ..core.gcpause import gc_paused
from ..core.store import Project
from .datasets.bundle import BClaim, BDocument, BLink, BRelation, BTag, Bundle
from .datasets.ingest import ImportReport, apply_bundle
from .datasets.records import CARD_FIELDS, DOC_FIELDS


def project_bundle(source: Project) -> Bundle:
    """Everything in *source*, with ids, as an import bundle."""
    name = source.path.name
    bundle = Bundle(name)
    texts = source.document_texts()
    for d in source.documents():
        bundle.documents.append(BDocument(
            d.id, texts[d.id], f"{name}: document {d.id}", id=d.id, title=d.title,
            meta={f: getattr(d, f) for f in DOC_FIELDS if f != "title"},
            card={f: getattr(d, f) for f in CARD_FIELDS if getattr(d, f) not in (None, "")},
            attributes=dict(d.attributes)))
    tag_names = {t.id: t.name for t in source.tags()}
    for t in source.tags():
        bundle.tags.append(BTag(t.name, f"{name}: tag {t.name!r}", id=t.id, color=t.color,
                                parent=tag_names.get(t.parent_id or ""),
                                description=t.description))
    for r in source.relation_types():
        bundle.relations.append(BRelation(r.name, f"{name}: relation {r.name!r}", id=r.id,
                                          color=r.color, polarity=r.polarity,
                                          symmetric=r.symmetric))
    for who in source.claimants():
        bundle.claimants.append((who.name, who.aliases, f"{name}: claimant {who.name!r}"))
    for c in source.claims():
        bundle.claims.append(BClaim(c.id, c.document_id, c.start, c.end,
                                    f"{name}: claim {c.id}", id=c.id, quote=c.quote,
                                    note=c.note, annotator=c.annotator, tags=list(c.tags),
                                    claimant=c.claimant))
    for k in source.links():
        bundle.links.append(BLink(k.source, k.target, k.relation, f"{name}: link {k.id}",
                                  id=k.id, note=k.note, annotator=k.annotator))
    return bundle


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # one of them is missing: opening it says so
        return False


def check_sources(target: Project, sources: list[Path]) -> None:
    """Refuse the target itself among the sources, before anything (a backup too) is
    done: the window said so, the CLI merged it and reported nothing added."""
    for path in sources:
        if _same_file(Path(path), target.path):
            raise InvalidOperationError(f"{path}: that is the target project itself; "
                                        "nothing to merge")


def merge_projects(target: Project, sources: list[Path]) -> list[ImportReport]:
    """Merge each source project into *target*; each source is one transaction."""
    check_sources(target, sources)
    reports = []
    for path in sources:
        with Project.open(path, read_only=True) as source, gc_paused():
            bundle = project_bundle(source)  # records without cycles: nothing to collect
        reports.append(apply_bundle(target, bundle, label=f"Merge {Path(path).name}"))
    return reports
