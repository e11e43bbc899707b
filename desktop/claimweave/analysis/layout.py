"""A deterministic, readable layout for claim networks of a few thousand nodes.

Each connected component is laid out on its own (networkx spring_layout, seeded) and the
components are packed in rows, largest first, with lone claims in a grid at the end. Laying
out components separately keeps groups compact and legible, and keeps each force layout
small: networkx needs SciPy above 500 nodes, so a larger component uses the dense
Fruchterman-Reingold below (numpy only).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
import numpy as np

SEED = 7
_NX_LIMIT = 500  # networkx's dense solver handles fewer nodes than this


def layout(n: int, edges: Sequence[tuple[int, int]], *, seed: int = SEED) -> np.ndarray:
    """Positions (n x 2) for nodes 0..n-1; the same input always gives the same picture."""
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    comps = sorted((sorted(c) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), c[0]))
    boxes = [_component(graph.subgraph(c), c, seed) for c in comps if len(c) > 1]
    lone = [c[0] for c in comps if len(c) == 1]
    _pack(pos, boxes, lone)
    return pos


def _component(sub: nx.Graph, nodes: list[int], seed: int) -> tuple[list[int], np.ndarray]:
    """One component's positions, scaled so the area grows with its size."""
    if len(nodes) == 2:
        local = np.array([[0.0, 0.5], [0.0, -0.5]])  # upright: labels side by side
    elif len(nodes) < _NX_LIMIT:
        found = nx.spring_layout(sub, seed=seed, iterations=80)
        local = np.array([found[v] for v in nodes])
    else:
        index = {v: i for i, v in enumerate(nodes)}
        local = _dense_fr(len(nodes), [(index[a], index[b]) for a, b in sub.edges()], seed)
    local = local - local.mean(axis=0)
    span = float(np.abs(local).max()) or 1.0
    radius = 0.5 * math.sqrt(len(nodes))
    return nodes, local / span * radius


def _dense_fr(n: int, edges: list[tuple[int, int]], seed: int,
              iterations: int = 50) -> np.ndarray:
    """Fruchterman-Reingold: dense repulsion, attraction along the edges only (float32)."""
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    ends = np.array(edges, dtype=np.intp).reshape(-1, 2)
    a, b = ends[:, 0], ends[:, 1]
    k = np.float32(1.0 / math.sqrt(n))
    t = 0.1
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        push = dx * dx
        push += dy * dy
        np.maximum(push, 1e-4, out=push)
        np.divide(k * k, push, out=push)  # repulsion k^2/d, divided once more by d for dx/d
        fx, fy = (dx * push).sum(axis=1), (dy * push).sum(axis=1)
        ex, ey = x[a] - x[b], y[a] - y[b]
        pull = np.sqrt(ex * ex + ey * ey) / k  # attraction d^2/k, times dx/d
        np.subtract.at(fx, a, ex * pull)
        np.add.at(fx, b, ex * pull)
        np.subtract.at(fy, a, ey * pull)
        np.add.at(fy, b, ey * pull)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-2)
        x += fx * (t / length)
        y += fy * (t / length)
        t -= 0.1 / (iterations + 1)
    return np.column_stack([x, y]).astype(float)


def _pack(pos: np.ndarray, boxes: list[tuple[list[int], np.ndarray]], lone: list[int]) -> None:
    """Shelf-pack component boxes into rows about as wide as the whole drawing is tall."""
    gap = 1.6
    area = sum((np.ptp(p[:, 0]) + gap) * (np.ptp(p[:, 1]) + gap) for _, p in boxes)
    area += len(lone) * 1.0
    width = max(math.sqrt(area) * 1.3, 4.0)
    x = y = shelf = 0.0
    for nodes, local in boxes:
        w, h = np.ptp(local[:, 0]), np.ptp(local[:, 1])
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y - shelf - gap, 0.0
        pos[nodes] = local - local.min(axis=0) + (x, y - h)
        x += w + gap
        shelf = max(shelf, h)
    if lone:
        y -= shelf + gap
        per_row = max(1, int(width))
        for i, v in enumerate(lone):
            pos[v] = (i % per_row, y - i // per_row)
