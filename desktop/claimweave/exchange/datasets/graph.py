"""The claim network as GraphML or GEXF, through networkx's writers, for Gephi and Cytoscape.

Nodes are claims (id = claim id) with ``label`` (the quote, shortened), ``quote``,
``document`` (title), ``document_id``, ``start``, ``end``, ``tags`` (joined by "; "),
``proposition`` (the claim group it belongs to, when the caller computed them), ``note`` and
``annotator``; edges are links (key = link id), directed from source to target, with
``relation``, ``polarity`` (+1/-1/0), ``symmetric`` and ``note``. XML cannot hold most C0
control characters; they are dropped from the attribute values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .qdpx import XML_UNSAFE

LABEL_CHARS = 80


_UNSAFE = re.compile("[" + "".join(map(chr, XML_UNSAFE)) + "]")


def _x(value: str) -> str:
    """*value* without what XML cannot hold; the same string object when it is clean (most
    are), so the graph shares the snapshot's strings instead of copying them."""
    return value.translate(XML_UNSAFE) if _UNSAFE.search(value) else value


def claim_graph(snap: ProjectSnapshot, propositions: Mapping[str, str] | None = None,
                tick: Ticker | None = None) -> nx.MultiDiGraph:
    """Claims as nodes, links as edges (several links may join the same two claims)."""
    graph = nx.MultiDiGraph(name=_x(snap.title))
    titles = {d.id: _x(d.title) for d in snap.documents}
    props = propositions or {}
    for doc in snap.documents:
        for c in snap.claims_by_doc[doc.id]:
            quote = _x(c.quote)
            label = quote if len(quote) <= LABEL_CHARS else quote[:LABEL_CHARS - 1] + "…"
            graph.add_node(c.id, label=label, quote=quote, document=titles[c.document_id],
                           document_id=c.document_id, start=c.start, end=c.end,
                           tags=_x("; ".join(c.tags)), proposition=_x(props.get(c.id, "")),
                           note=_x(c.note), annotator=_x(c.annotator))
        if tick is not None:
            tick.step()
    relations = snap.relation_by_id
    for k in snap.links:
        rel = relations[k.relation_type_id]
        graph.add_edge(k.source, k.target, key=k.id, id=k.id, label=_x(k.relation),
                       relation=_x(k.relation), polarity=rel.polarity,
                       symmetric=bool(rel.symmetric), note=_x(k.note),
                       annotator=_x(k.annotator))
    return graph


def _export(project: Project, path: Path, selection: ExportSelection, progress: Progress | None,
            propositions: Mapping[str, str] | None, write: str) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    graph = claim_graph(snap, propositions, Ticker(progress, len(snap.documents)))
    with atomic_writer(path, binary=True) as fh:
        if write == "graphml":
            nx.write_graphml(graph, fh, encoding="utf-8")
        else:
            nx.write_gexf(graph, fh, encoding="utf-8")
    return snap.summary(path)


def export_graphml(project: Project, path: Path, selection: ExportSelection,
                   progress: Progress | None = None, *,
                   propositions: Mapping[str, str] | None = None) -> ExportSummary:
    return _export(project, path, selection, progress, propositions, "graphml")


def export_gexf(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None, *,
                propositions: Mapping[str, str] | None = None) -> ExportSummary:
    return _export(project, path, selection, progress, propositions, "gexf")
