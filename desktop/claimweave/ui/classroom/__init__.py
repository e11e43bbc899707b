"""Classroom in the desktop: the Classroom menu and the class dashboard."""

from .actions import ClassroomActions
from .dashboard import ClassDashboard, open_class_dashboard

__all__ = ["ClassDashboard", "ClassroomActions", "open_class_dashboard"]
