"""Classroom in the desktop: the Classroom menu and the class dashboard.

The dashboard (pyqtgraph) is imported from ``.dashboard`` when it is opened, not here, so
that starting the program does not pay for it.
"""

from .actions import ClassroomActions

__all__ = ["ClassroomActions"]
