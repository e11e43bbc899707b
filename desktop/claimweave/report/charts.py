"""The report's charts as SVG text: source heatmap, claim network, grouped frequency bars.

Drawn from the same analysis data and palette as the Qt views, so the report and the
exported PNG/SVG of the desktop program tell the same story.
"""

from __future__ import annotations

import numpy as np

from ..analysis.frequencies import Frequencies
from ..analysis.labels import clip, relation_label
from ..analysis.network import Network
from ..analysis.palette import GRID, MUTED, net_color, source_color
from ..analysis.sources import SourcePairs
from .svg import Svg, text_width, wrap

CELL = 74
LEGEND_COLUMN = 260


def heatmap_svg(pairs: SourcePairs) -> str:
    """Source x source: green where two sources agree more than they clash, red otherwise."""
    n = len(pairs.sources)
    labels = [clip(f"{i + 1}. {s.title}", 40) for i, s in enumerate(pairs.sources)]
    left, top = 16 + text_width(max(labels, key=len, default=""), 12), 78
    width = max(left + n * CELL + 20, 520)
    svg = Svg(width, top + n * CELL + 64, label="Sources: agreement and clashes")
    scale = max((abs(pairs.net(i, j)) for i in range(n) for j in range(n) if i != j), default=0)
    for j, s in enumerate(pairs.sources):
        svg.lines(left + j * CELL + CELL / 2, 22, wrap(f"{j + 1}. {s.title}", 12, 4)[:4],
                  size=10, anchor="middle")
    for i, s in enumerate(pairs.sources):
        y = top + i * CELL
        svg.text(left - 8, y + CELL / 2 + 4, labels[i], anchor="end")
        for j in range(n):
            x = left + j * CELL
            agree, clash = pairs.agree[i][j], pairs.contradict[i][j]
            if i == j:
                svg.rect(x, y, CELL, CELL, "#e4e7eb", stroke="#ffffff",
                         tip=f"{s.title}: supports {agree} propositions")
                svg.text(x + CELL / 2, y + CELL / 2 + 4, f"{agree} props", size=11,
                         anchor="middle", fill=MUTED)
                continue
            other = pairs.sources[j].title
            svg.rect(x, y, CELL, CELL, net_color(agree - clash, scale), stroke="#ffffff",
                     tip=f"{s.title} / {other}: {agree} agree, {clash} clash")
            svg.text(x + CELL / 2, y + CELL / 2 - 3, f"{agree} agree", size=11, anchor="middle")
            svg.text(x + CELL / 2, y + CELL / 2 + 13, f"{clash} clash", size=11, anchor="middle")
    note = ("Counts are propositions: agree = both support it; clash = each supports an "
            "opposing side. The diagonal counts what a source supports.")
    svg.lines(16, top + n * CELL + 26, wrap(note, int((width - 32) / 6.2), 3), size=11,
              fill=MUTED)
    return svg.render()


def bars_svg(freqs: Frequencies) -> str:
    """Grouped bars: one group per label, one bar per source, with a legend of sources."""
    groups, sources = len(freqs.labels), len(freqs.sources)
    bar, gap = 14, 22
    group_w = max(sources * bar, 30) + gap
    left, top, plot_h = 56, 40, 220
    width = max(left + groups * group_w + 20, 620)
    legend_h = 20 * -(-sources // max(1, int((width - left) // LEGEND_COLUMN)))
    svg = Svg(width, top + plot_h + 90 + legend_h, label=freqs.title)
    svg.text(left, 22, freqs.title, size=14, bold=True)
    peak = max((max(r) for r in freqs.counts if r), default=0) or 1
    step = max(1, int(np.ceil(peak / 5)))
    top_value = step * int(np.ceil(peak / step))
    for tick in range(0, top_value + 1, step):
        y = top + plot_h * (1 - tick / top_value)
        svg.line(left, y, left + groups * group_w, y, GRID)
        svg.text(left - 6, y + 4, str(tick), size=10, anchor="end", fill=MUTED)
    for g, label in enumerate(freqs.labels):
        x0 = left + g * group_w + gap / 2
        for j in range(sources):
            value = freqs.counts[g][j]
            h = plot_h * value / top_value
            svg.rect(x0 + j * bar, top + plot_h - h, bar - 2, h, source_color(j),
                     tip=f"{freqs.sources[j].title}: {value} × {label}")
        svg.lines(x0 + (group_w - gap) / 2, top + plot_h + 16, wrap(label, 12, 2), size=11,
                  anchor="middle")
    y = top + plot_h + 60
    per_row = max(1, int((width - left) // LEGEND_COLUMN))
    for j, s in enumerate(freqs.sources):
        x = left + (j % per_row) * LEGEND_COLUMN
        yy = y + 20 * (j // per_row)
        svg.rect(x, yy - 10, 12, 12, source_color(j), rx=2)
        svg.text(x + 18, yy, clip(s.title, 36), size=11)
    return svg.render()


def network_svg(net: Network, *, width: int = 860) -> str:
    """Claims as dots coloured by source, links as lines coloured by relation, with legends."""
    legend_rows = max(len(net.sources), len(net.relations))
    height = 520
    svg = Svg(width, height + 24 + 18 * legend_rows, label="Claim network")
    if net.size:
        pos = _fit(net.positions, 24, 24, width - 48, height - 48)
        colour = {rid: c for rid, _, c in net.relations}
        for (a, b), rid in zip(net.edges, net.edge_relations, strict=True):
            svg.line(*pos[a], *pos[b], colour[rid], width=1.6, opacity=0.85)
        radius = 6 if net.size <= 200 else 3
        for i in range(net.size):
            svg.circle(*pos[i], radius, source_color(net.source_index[i]),
                       tip=f"{net.sources[net.source_index[i]].title}: {clip(net.quotes[i], 140)}")
    else:
        svg.text(width / 2, height / 2, "No linked claims yet", anchor="middle", fill=MUTED)
    y = height + 16
    for j, s in enumerate(net.sources):
        svg.circle(30, y + 18 * j - 4, 5, source_color(j))
        svg.text(42, y + 18 * j, clip(s.title, 60), size=11)
    for k, (_, name, rel_colour) in enumerate(net.relations):
        svg.line(width - 200, y + 18 * k - 4, width - 170, y + 18 * k - 4, rel_colour,
                 width=2.5)
        svg.text(width - 162, y + 18 * k, relation_label(name), size=11)
    return svg.render()


def _fit(points: np.ndarray, x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    """Scale positions into a box, keeping the aspect ratio, y pointing up as in the layout."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    k = min(w / span[0], h / span[1])
    ox = x + (w - span[0] * k) / 2
    oy = y + (h - span[1] * k) / 2
    return [(ox + (px - lo[0]) * k, oy + (hi[1] - py) * k) for px, py in points]
