"""The assistance's part of the status bar: what spaCy is doing, a progress bar over the
characters analysed, and ✕ to stop.

Documents imported during a run are analysed by a run that follows it; the count goes on
across those runs ("5 of 5" after importing five, not "0 of 1" for the last one)."""

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
        self.counts: tuple[int, int] | None = None  # documents done, of; while analysing
        self._before = (0, 0)  # the runs before this one, in the same series
        self._last: AnalysisProgress | None = None  # this run's last progress
        self._waiting = 0  # documents added after this run listed its own

    def say(self, text: str, tip: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(tip)

    def started(self) -> None:
        if self.counts is None:  # a run that follows another keeps the count shown
            self.say("spaCy: starting…")
        self.cancel_button.show()

    def show_progress(self, p: AnalysisProgress) -> tuple[int, int] | None:
        """Show this run's progress after the runs before it, with the documents that
        arrived after the run listed its own (the next run analyses them). The counts
        shown, or None when there is nothing to parse."""
        self._last = p
        if not p.chars_total and not self._waiting:
            return None
        if p.chars_total:
            self.progress.setMaximum(p.chars_total)
            self.progress.setValue(p.chars_done)
            self.progress.show()
        done = self._before[0] + p.documents_done
        total = self._before[1] + p.documents_total + self._waiting
        self.counts = (done, total)
        self.say(f"Analysing documents: {done} of {total}")
        return self.counts

    def documents_arrived(self, unanalysed: int) -> tuple[int, int] | None:
        """Documents were added while a run goes: *unanalysed* of the project's are not
        analysed yet; those the run does not know of are counted as waiting."""
        p = self._last
        if p is None:  # not listed yet, or listed but not reported: the count follows later
            return None
        self._waiting = max(0, unanalysed - (p.documents_total - p.documents_done))
        return self.show_progress(p)

    def next_run(self) -> None:
        """A run is done and another follows: carry its count on."""
        if self._last is not None:
            self._before = (self._before[0] + self._last.documents_done,
                            self._before[1] + self._last.documents_total)
        self._last, self._waiting = None, 0

    def ended(self, text: str, info: PipelineInfo | None, analysed: int) -> None:
        """A run is over: *text*, or else which pipeline analysed how many documents."""
        self._forget()
        self.progress.hide()
        self.cancel_button.hide()
        if text:
            self.say(text)
        elif info is not None:
            self.say(f"spaCy: {info.name}" + (" · entity features off" if info.notice else ""),
                     info.notice or f"{analysed} documents analysed with "
                                    f"{info.name} {info.version}")

    def _forget(self) -> None:
        self.counts, self._before, self._last, self._waiting = None, (0, 0), None, 0

    def clear(self) -> None:
        self._forget()
        self.progress.hide()
        self.cancel_button.hide()
        self.say("")
