"""Comparison views: matrix, source heatmap, claim network, frequency bars.

Every view takes plain data from :mod:`claimweave.analysis` through ``set_data`` and
exports itself with ``export(path)`` to PNG or SVG (chosen by the file suffix).
:func:`open_comparison` opens them all in one window for a project session.
"""

from .window import ComparisonWindow, open_comparison

__all__ = ["ComparisonWindow", "open_comparison"]
