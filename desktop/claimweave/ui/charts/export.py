"""Export of the pyqtgraph views (the painted ones export themselves, see canvas.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator

SUFFIXES = {".png": "png", ".svg": "svg"}
FILTER = "PNG image (*.png);;SVG drawing (*.svg)"


def check_suffix(path: Path) -> str:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path.name}: export to .png or .svg") from None


def export_plot(item: object, path: Path | str, *, width: int = 1600) -> Path:
    """Export a pyqtgraph PlotItem (with its legend) as a sharp PNG or as SVG.

    SVG is recorded from the scene with QSvgGenerator: pyqtgraph 0.14's SVGExporter cannot
    parse the path data Qt 6.11 writes (pyqtgraph issue #3485, "x,y = c.split(',')").
    """
    from pyqtgraph.exporters import ImageExporter

    path = Path(path)
    if check_suffix(path) == "png":
        exporter = ImageExporter(item)
        exporter.parameters()["width"] = width
        exporter.parameters()["antialias"] = True
        exporter.export(str(path))
        return path
    source = item.sceneBoundingRect()  # type: ignore[attr-defined]
    size = QSize(round(source.width()), round(source.height()))
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    painter = QPainter(gen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("#ffffff"))
    item.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)  # type: ignore[attr-defined]
    painter.end()
    return path
