"""Articles imported while the documents are being analysed: the run that follows analyses
them and the status bar counts on across both runs, ending at "5 of 5" for five articles
(not at the last run's own "3 of 3", nor "0 of 4" with the fifth never analysed)."""

from __future__ import annotations

import threading

from claimweave.core.store import Project
from claimweave.nlp import cache as nlp_cache
from claimweave.nlp.pipeline import PipelineLoader

WAIT_MS = 60_000
ARTICLES = [f"Report {i}\n\nThe ferry to Varnholm left at {i} o'clock. The harbour was calm."
            for i in range(1, 6)]


class HeldLoader(PipelineLoader):
    """The blank pipeline, held back by a gate (spaCy still loading) while the gate is shut."""

    def __init__(self) -> None:
        super().__init__("blank")
        self.gate = threading.Event()
        self.gate.set()

    def load(self, progress=None):  # type: ignore[no-untyped-def]
        assert self.gate.wait(WAIT_MS / 1000)
        return super().load(progress)


def _empty_project_window(new_window, tmp_path):  # type: ignore[no-untyped-def]
    """A shown window on a new project with no documents: what is analysed is what the
    test imports."""
    path = tmp_path / "empty.claimweave"
    Project.create(path, title="Empty").close()
    window = new_window()
    assert window.open_project(path)
    window.show()
    return window


def test_the_count_follows_articles_imported_during_the_analysis(
        new_window, tmp_path, qtbot, monkeypatch) -> None:
    from test_window_import import drop_files

    window = _empty_project_window(new_window, tmp_path)
    assist = window.assist
    loader = assist.pipeline_loader = HeldLoader()
    assist.start_analysis()  # the assistance is on: analysed once (nothing to analyse yet)
    qtbot.waitUntil(lambda: assist.data.info is not None and not assist.analysing(),
                    timeout=WAIT_MS)

    # The next run lists the documents after the second article is in, while the import goes
    # on: spaCy is "loading" until then, and the import waits until the run has listed them.
    listed = threading.Event()
    ensure = nlp_cache.ensure_analyses

    def listing(*args, **kwargs):  # type: ignore[no-untyped-def]
        listed.set()
        return ensure(*args, **kwargs)

    monkeypatch.setattr(nlp_cache, "ensure_analyses", listing)
    loader.gate.clear()
    imported: list[int] = []

    def on_change(change) -> None:  # type: ignore[no-untyped-def]
        if not change.touches("documents"):
            return
        imported.append(len(window.session.project.documents()))
        if len(imported) == 2:
            loader.gate.set()
            assert listed.wait(WAIT_MS / 1000)

    window.session.changed.connect(on_change)
    counts: list[tuple[int, int]] = []
    assist.progressed.connect(lambda done, total: counts.append((done, total)))
    shown: list[str] = []  # the status label's texts, as the user reads them
    say = assist.status.say
    monkeypatch.setattr(assist.status, "say",
                        lambda text, tip="": (shown.append(text), say(text, tip))[1])
    files = []
    for i, text in enumerate(ARTICLES, 1):
        files.append(tmp_path / f"report{i}.txt")
        files[-1].write_text(text, encoding="utf-8")
    drop_files(window, files)
    assert len(window.session.project.documents()) == 5
    assert assist.analysing()
    qtbot.waitUntil(lambda: not assist.analysing(), timeout=WAIT_MS)

    assert sorted(assist.data.analyses) == sorted(d.id for d in window.session.project.documents())
    progress = [text for text in shown if text.startswith("Analysing documents")]
    assert progress[-1] == "Analysing documents: 5 of 5"
    assert counts[-1] == (5, 5)
    assert [done for done, _total in counts] == sorted(done for done, _total in counts)
    window.close_project()


def test_one_imported_article_is_analysed_as_one_document(new_window, tmp_path, qtbot) -> None:
    from test_window_import import drop_files

    window = _empty_project_window(new_window, tmp_path)
    assist = window.assist
    assist.pipeline_loader = PipelineLoader("blank")
    assist.start_analysis()
    qtbot.waitUntil(lambda: assist.data.info is not None and not assist.analysing(),
                    timeout=WAIT_MS)
    (tmp_path / "report.txt").write_text(ARTICLES[0], encoding="utf-8")
    drop_files(window, [tmp_path / "report.txt"])
    qtbot.waitUntil(lambda: len(assist.data.analyses) == 1 and not assist.analysing(),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Analysed" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().startswith("Analysed 1 document with ")
    window.close_project()
