"""The assistance's part of the status bar: what spaCy is doing, a progress bar over the
characters analysed, and ✕ to stop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from ...nlp.pipeline import PipelineInfo

if TYPE_CHECKING:
    from ...nlp.analysis import AnalysisProgress


class AnalysisStatus:
    """Permanent status-bar widgets: a label (with a tooltip), the progress bar and ✕."""

    def __init__(self, bar: QStatusBar, cancel: Callable[[], Any]) -> None:
        self.label = QLabel()
        self.label.setContentsMargins(6, 0, 6, 0)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setToolTip("Stop analysing (Assist > Analyse Documents resumes)")
        self.cancel_button.clicked.connect(cancel)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def say(self, text: str, tip: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(tip)

    def started(self) -> None:
        self.say("spaCy: starting…")
        self.cancel_button.show()

    def show_progress(self, p: AnalysisProgress) -> None:
        if not p.chars_total:
            return
        self.progress.setMaximum(p.chars_total)
        self.progress.setValue(p.chars_done)
        self.progress.show()
        self.say(f"Analysing documents: {p.documents_done} of {p.documents_total}")

    def ended(self, text: str, info: PipelineInfo | None, analysed: int) -> None:
        """A run is over: *text*, or else which pipeline analysed how many documents."""
        self.progress.hide()
        self.cancel_button.hide()
        if text:
            self.say(text)
        elif info is not None:
            self.say(f"spaCy: {info.name}" + (" · entity features off" if info.notice else ""),
                     info.notice or f"{analysed} documents analysed with "
                                    f"{info.name} {info.version}")

    def clear(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.say("")
