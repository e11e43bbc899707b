"""Grouped bar charts: how often each source uses a tag (or names an entity)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...analysis.frequencies import Frequencies
from ...analysis.labels import clip
from ...analysis.palette import MUTED, TEXT, source_color
from .export import export_plot

GROUP_GAP = 0.25  # of one label's slot, left empty between groups


class FrequencyView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.freqs: Frequencies | None = None
        self.plot = pg.PlotWidget(background="w")
        self.item = self.plot.getPlotItem()
        self.item.setMenuEnabled(False)
        self.item.showGrid(y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = self.item.getAxis(side)
            axis.setPen(pg.mkPen(MUTED))
            axis.setTextPen(pg.mkPen(TEXT))
        self.item.setLabel("left", "claims", color=TEXT)
        self.legend = self.item.addLegend(offset=(-10, 10), labelTextColor=TEXT,
                                          brush=pg.mkBrush(255, 255, 255, 220),
                                          pen=pg.mkPen("#d5d9de"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_data(self, freqs: Frequencies) -> None:
        self.freqs = freqs
        self.setWindowTitle(freqs.title)
        self.item.clear()
        self.legend.clear()
        self.item.setTitle(freqs.title, color=TEXT, size="12pt")
        self.item.setLabel("left", freqs.unit, color=TEXT)  # entity bars count mentions
        n = max(len(freqs.sources), 1)
        width = (1 - GROUP_GAP) / n
        centres = np.arange(len(freqs.labels), dtype=float)
        for j, source in enumerate(freqs.sources):
            heights = np.array([row[j] for row in freqs.counts], dtype=float)
            x = centres - (1 - GROUP_GAP) / 2 + width * (j + 0.5)
            colour = source_color(j)
            bars = pg.BarGraphItem(x=x, height=heights, width=width * 0.9,
                                   brush=pg.mkBrush(colour), pen=pg.mkPen("w", width=0.5))
            self.item.addItem(bars)
            self.legend.addItem(pg.ScatterPlotItem(symbol="s", size=11, brush=colour, pen=None),
                                clip(source.title, 44))
        # twelve names of 16 characters ran into each other: shorter as there are more
        width = 16 if len(freqs.labels) <= 8 else max(7, 16 * 8 // len(freqs.labels))
        ticks = [(float(i), clip(label, width)) for i, label in enumerate(freqs.labels)]
        self.item.getAxis("bottom").setTicks([ticks, []])
        peak = max((max(r) for r in freqs.counts if r), default=0)
        self.item.setXRange(-0.6, max(len(freqs.labels), 1) - 0.4, padding=0)
        # headroom above the bars for the legend, which sits at the top right
        self.item.setYRange(0, max(peak, 1) * (1.25 + 0.08 * len(freqs.sources)), padding=0)
        step = max(1, -(-peak // 5))  # counts are whole claims: whole-number ticks
        self.item.getAxis("left").setTickSpacing(step, step)
        self.item.getViewBox().setMouseEnabled(x=True, y=False)

    def export(self, path: Path | str) -> Path:
        return export_plot(self.item, path)
