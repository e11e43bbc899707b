"""The class dashboard: grades against the key and agreement, for a class project."""

from .dashboard import ClassDashboard, open_class_dashboard

__all__ = ["ClassDashboard", "open_class_dashboard"]
