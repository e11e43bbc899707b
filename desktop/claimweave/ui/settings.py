"""The user's preferences and the program's memory between runs, kept with QSettings.

One small typed wrapper so no widget spells a settings key or converts a QSettings value
itself (QSettings returns strings or lists depending on the platform backend).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..core.login import login_name

MAX_RECENT = 8
FONT_MIN, FONT_MAX = 7, 32
THEMES = ("light", "dark")


class Settings:
    """Typed access to the keys ClaimWeave keeps; pass a QSettings to isolate tests."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

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
        value = self.store.value("font_size", None)
        try:
            size = int(str(value))
        except (TypeError, ValueError):
            return None
        return max(FONT_MIN, min(FONT_MAX, size))

    @font_size.setter
    def font_size(self, size: int | None) -> None:
        if size is None:
            self.store.remove("font_size")
        else:
            self.store.setValue("font_size", max(FONT_MIN, min(FONT_MAX, int(size))))

    @property
    def theme(self) -> str:
        value = str(self.store.value("theme", "light"))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, name: str) -> None:
        self.store.setValue("theme", name if name in THEMES else "light")

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

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def sync(self) -> None:
        self.store.sync()
