"""The claim network: claims as nodes (coloured by source), links as edges (by relation)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .comparison import Source, ordered_sources
from .layout import layout
from .snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Network:
    claim_ids: tuple[str, ...]  # node i is claim claim_ids[i]
    quotes: tuple[str, ...]
    source_index: tuple[int, ...]  # node i belongs to sources[source_index[i]]
    sources: tuple[Source, ...]
    edges: tuple[tuple[int, int], ...]
    edge_relations: tuple[str, ...]  # relation type id per edge
    relations: tuple[tuple[str, str, str], ...]  # (id, name, colour) of relations in use
    positions: np.ndarray  # n x 2

    @property
    def size(self) -> int:
        return len(self.claim_ids)


def claim_network(snap: Snapshot, *, include_unlinked: bool = False) -> Network:
    """Nodes for the linked claims (all claims with *include_unlinked*), laid out stably."""
    linked = {c for link in snap.links for c in (link.source, link.target)}
    claims = [c for c in snap.claims if include_unlinked or c.id in linked]
    sources = tuple(ordered_sources(snap.documents))
    col = {s.id: j for j, s in enumerate(sources)}
    node = {c.id: i for i, c in enumerate(claims)}
    edges, rels = [], []
    for link in snap.links:
        if link.source in node and link.target in node:
            edges.append((node[link.source], node[link.target]))
            rels.append(link.relation_type_id)
    used = [r for r in snap.relations.values() if r.id in set(rels)]
    used.sort(key=lambda r: r.position)
    return Network(
        claim_ids=tuple(c.id for c in claims),
        quotes=tuple(c.quote for c in claims),
        source_index=tuple(col[c.document_id] for c in claims),
        sources=sources,
        edges=tuple(edges),
        edge_relations=tuple(rels),
        relations=tuple((r.id, r.name, r.color) for r in used),
        positions=layout(len(claims), edges),
    )
