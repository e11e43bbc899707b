"""The claim network: claims as dots coloured by source, links as lines coloured by relation.

Drawn with pyqtgraph in one ScatterPlotItem per source and one line item per relation
(``connect="pairs"``), so 2,000 claims stay a few dozen scene items: zoom and pan stay
smooth. The layout comes from :mod:`claimweave.analysis.layout` (seeded, deterministic).
Quotes show as tooltips rather than labels: in a dense drawing, labels overlap.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...analysis.labels import clip
from ...analysis.network import Network
from ...analysis.palette import MUTED, TEXT, source_color
from .export import check_suffix, export_plot


class NetworkView(QWidget):
    claimActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Claim network")
        self.network: Network | None = None
        # the legend sits under the plot, not over it, so it never hides claims
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setBackground("w")
        self.item = self.plot.addPlot(row=0, col=0)
        self.item.hideAxis("left")
        self.item.hideAxis("bottom")
        self.item.setAspectLocked(True)
        self.item.setMenuEnabled(False)
        self.legend = pg.LegendItem(labelTextColor=TEXT, colCount=2, horSpacing=24)
        self.plot.addItem(self.legend, row=1, col=0)
        self.plot.ci.layout.setRowStretchFactor(0, 10)
        self.ring = pg.ScatterPlotItem(size=20, brush=None, pen=pg.mkPen("#202428", width=2))
        self.ring.setZValue(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_data(self, network: Network) -> None:
        self.network = network
        self.item.clear()
        self.legend.clear()
        if not network.size:
            text = pg.TextItem("No linked claims yet", color=MUTED, anchor=(0.5, 0.5))
            self.item.addItem(text)
            return
        pos = network.positions
        for rel_id, name, colour in network.relations:
            pairs = [e for e, r in zip(network.edges, network.edge_relations, strict=True)
                     if r == rel_id]
            ends = pos[np.array(pairs).reshape(-1)]
            line = pg.PlotDataItem(ends[:, 0], ends[:, 1], connect="pairs",
                                   pen=pg.mkPen(colour, width=2))
            line.setZValue(1)
            self.item.addItem(line)
            self.legend.addItem(line, name)
        size = 12 if network.size <= 300 else 7
        index = np.array(network.source_index)
        for j, source in enumerate(network.sources):
            mine = np.flatnonzero(index == j)
            if not len(mine):
                continue
            dots = pg.ScatterPlotItem(
                pos=pos[mine], data=[network.claim_ids[i] for i in mine], size=size,
                brush=pg.mkBrush(source_color(j)), pen=pg.mkPen("w", width=1),
                hoverable=True, hoverSize=size + 4, tip=self._tip)
            dots.setZValue(5)
            dots.sigClicked.connect(self._clicked)
            self.item.addItem(dots)
            self.legend.addItem(dots, clip(source.title, 60))
        self.item.addItem(self.ring)
        self.ring.setData([])
        self.item.autoRange(padding=0.08)

    def _tip(self, x: float, y: float, data: object) -> str:
        net = self.network
        if net is None or data not in net.claim_ids:
            return ""
        i = net.claim_ids.index(str(data))
        return f"{net.sources[net.source_index[i]].title}\n{clip(net.quotes[i], 160)}"

    def _clicked(self, item: object, points: list, event: object = None) -> None:
        if len(points):
            self.claimActivated.emit(str(points[0].data()))

    def show_claim(self, claim_id: str | None) -> None:
        """Ring the current claim, if it is in the network."""
        net = self.network
        if net is None or claim_id not in net.claim_ids:
            self.ring.setData([])
            return
        self.ring.setData(pos=[net.positions[net.claim_ids.index(str(claim_id))]])

    def export(self, path: Path | str) -> Path:
        """PNG from the plot; SVG written by the report's network drawing, in the final
        coordinates with each claim drawn once: a recording of the scene put every node in
        a 275x scaling transform with non-scaling strokes, which only browsers draw right."""
        path = Path(path)
        if check_suffix(path) == "svg" and self.network is not None and self.network.size:
            from ...report.charts import network_svg

            path.write_text(network_svg(self.network), encoding="utf-8")
            return path
        return export_plot(self.plot.ci, path)
