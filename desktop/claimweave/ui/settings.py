"""The user's preferences and the program's memory between runs, kept with QSettings.

One small typed wrapper so no widget spells a settings key or converts a QSettings value
itself (QSettings returns strings or lists depending on the platform backend).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..core.login import login_name

MAX_RECENT = 8
FONT_MIN, FONT_MAX = 7, 32
THEMES = ("system", "light", "dark")  # system: light or dark as the desktop is
MARGIN_MIN, MARGIN_MAX = 0, 80
SPACING_MIN, SPACING_MAX, SPACING_DEFAULT = 1.0, 2.5, 1.2  # a little air for long reading


class Settings:
    """Typed access to the keys ClaimWeave keeps; pass a QSettings to isolate tests."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    # ------------------------------------------------------------------ helpers
    def _points(self, key: str) -> int | None:
        """A font size kept under *key*, within FONT_MIN..FONT_MAX, or None when none is
        kept (or what is kept is not a number)."""
        try:
            size = int(str(self.store.value(key, None)))
        except (TypeError, ValueError):
            return None
        return max(FONT_MIN, min(FONT_MAX, size))

    def _set_points(self, key: str, size: int | None) -> None:
        """Keep a font size under *key* (clamped), or forget it for None."""
        if size is None:
            self.store.remove(key)
        else:
            self.store.setValue(key, max(FONT_MIN, min(FONT_MAX, int(size))))

    # ------------------------------------------------------------------ preferences
    @property
    def annotator(self) -> str:
        value = self.store.value("annotator", None)
        return login_name() if value is None else str(value)

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.store.setValue("annotator", name.strip())

    @property
    def font_size(self) -> int | None:
        """Points, or None to keep the system's font size (until the user picks one)."""
        return self._points("font_size")

    @font_size.setter
    def font_size(self, size: int | None) -> None:
        self._set_points("font_size", size)

    @property
    def theme(self) -> str:
        value = str(self.store.value("theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, name: str) -> None:
        self.store.setValue("theme", name if name in THEMES else "system")

    @property
    def reading_font(self) -> str:
        """The family the articles are shown in ("" keeps the program's font)."""
        return str(self.store.value("reading/font", "") or "")

    @reading_font.setter
    def reading_font(self, family: str) -> None:
        self.store.setValue("reading/font", family.strip())

    @property
    def reading_size(self) -> int | None:
        """Points for the articles, or None to use the program's text size."""
        return self._points("reading/size")

    @reading_size.setter
    def reading_size(self, size: int | None) -> None:
        self._set_points("reading/size", size)

    @property
    def reading_margin(self) -> int:
        """Pixels of white space round the text: a selection at the edge of a pane starts
        in the text, not on the handle that resizes the panes."""
        try:
            margin = int(str(self.store.value("reading/margin", 14)))
        except (TypeError, ValueError):
            margin = 14
        return max(MARGIN_MIN, min(MARGIN_MAX, margin))

    @reading_margin.setter
    def reading_margin(self, margin: int) -> None:
        self.store.setValue("reading/margin", max(MARGIN_MIN, min(MARGIN_MAX, int(margin))))

    @property
    def reading_spacing(self) -> float:
        """Line height of the articles as a multiple of the font's (1.0 to 2.5)."""
        try:
            spacing = float(str(self.store.value("reading/spacing", SPACING_DEFAULT)))
        except (TypeError, ValueError):
            spacing = SPACING_DEFAULT
        return round(max(SPACING_MIN, min(SPACING_MAX, spacing)), 2)

    @reading_spacing.setter
    def reading_spacing(self, spacing: float) -> None:
        self.store.setValue("reading/spacing",
                            round(max(SPACING_MIN, min(SPACING_MAX, float(spacing))), 2))

    @property
    def analyse_on_open(self) -> bool:
        """Read the articles with spaCy as soon as a project opens (else: Assist menu)."""
        return str(self.store.value("analyse_on_open", "true")).lower() != "false"

    @analyse_on_open.setter
    def analyse_on_open(self, on: bool) -> None:
        self.store.setValue("analyse_on_open", "true" if on else "false")

    # ------------------------------------------------------------------ memory
    @property
    def recent_projects(self) -> list[Path]:
        value = self.store.value("recent_projects", [])
        if isinstance(value, str):  # one entry comes back as a bare string
            value = [value] if value else []
        return [Path(v) for v in (value if isinstance(value, list) else []) if v]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_projects if p != path]
        self.store.setValue("recent_projects", [str(p) for p in [path, *recent][:MAX_RECENT]])

    @property
    def last_project(self) -> Path | None:
        """The most recent project that still exists, for ``claimweave gui`` without a file."""
        return next((p for p in self.recent_projects if p.is_file()), None)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_state(self, geometry: QByteArray, state: QByteArray | None) -> None:
        """The window's size and place; *state* (the panels' layout) None keeps the last
        one saved, as when the welcome screen, which hides every panel, is closed."""
        self.store.setValue("window/geometry", geometry)
        if state is not None:
            self.store.setValue("window/state", state)

    # ------------------------------------------------------------------ per project
    @staticmethod
    def _project_key(project: Path) -> str:
        digest = hashlib.sha1(str(Path(project).resolve()).encode("utf-8")).hexdigest()[:16]
        return f"projects/{digest}"

    def project_panes(self, project: Path) -> tuple[list[str], QByteArray | None]:
        """The documents shown left to right when *project* was last closed, and the
        panes' splitter state (their widths); ([], None) for a project not seen before."""
        key = self._project_key(project)
        panes = self.store.value(f"{key}/panes", "")
        splitter = self.store.value(f"{key}/splitter")
        ids = [i for i in str(panes or "").split(",") if i]
        return ids, splitter if isinstance(splitter, QByteArray) else None

    def save_project_panes(self, project: Path, doc_ids: list[str | None],
                           splitter: QByteArray) -> None:
        key = self._project_key(project)
        self.store.setValue(f"{key}/panes", ",".join(d for d in doc_ids if d))
        self.store.setValue(f"{key}/splitter", splitter)

    def folder(self, kind: str) -> Path | None:
        """The folder the user last chose in a file dialog of this kind ("import",
        "project", "export", "chart", "report" ...), if it still exists."""
        value = self.store.value(f"folders/{kind}", None)
        path = Path(str(value)) if value else None
        return path if path is not None and path.is_dir() else None

    def start_folder(self, kind: str, fallback: Path | None = None) -> str:
        """Where a file dialog of this kind opens: its last folder, else *fallback*, else
        the home folder (never the process's working folder)."""
        return str(self.folder(kind) or fallback or Path.home())

    def remember_folder(self, kind: str, chosen: Path | str) -> None:
        """Remember the folder of a chosen file (or the chosen folder itself)."""
        path = Path(chosen)
        self.store.setValue(f"folders/{kind}", str(path if path.is_dir() else path.parent))

    @property
    def export_format(self) -> str | None:
        value = self.store.value("last_export_format", None)
        return str(value) if value else None

    @export_format.setter
    def export_format(self, fmt: str) -> None:
        self.store.setValue("last_export_format", fmt)

    def sync(self) -> None:
        self.store.sync()
