"""The self-contained HTML report and the Qt-free SVG charts inside it.

Nothing here imports Qt, so ``claimweave report`` runs headless and fast; the charts are
small SVG documents drawn from the data of :mod:`claimweave.analysis`.
"""

from .html import build_report

__all__ = ["build_report"]
