"""The central comparison area: documents side by side, claims highlighted, links as bands.

:class:`PaneContainer` is the central widget (2 to 4 :class:`DocumentPane` with a
:class:`LinkBands` gutter between each two); the main window talks only to these three.
"""

from __future__ import annotations

from .container import MAX_PANES, MIN_PANES, PaneContainer
from .link_bands import Band, LinkBands
from .pane import DocumentPane
from .snapping import MODES as SNAP_MODES
from .snapping import set_sentence_splitter

__all__ = [
    "MAX_PANES",
    "MIN_PANES",
    "SNAP_MODES",
    "Band",
    "DocumentPane",
    "LinkBands",
    "PaneContainer",
    "set_sentence_splitter",
]
