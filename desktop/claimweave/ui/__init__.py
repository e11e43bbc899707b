"""The desktop program: PySide6 and pyqtgraph views over the Qt-free core.

Views read through :class:`~claimweave.ui.session.ProjectSession` and write only by calling
the store's verbs; they refresh when the session announces a change.
"""
