"""Fixtures for the widget tests: a small real project file with three reports of one event."""

from __future__ import annotations

import pytest

REPORTS = {
    "Harbour Gazette": (
        "Storm closes Varnholm harbour\n\n"
        "The storm that reached Varnholm on Tuesday night closed the harbour for two days. "
        "Harbour master Ilse Brandt said that 14 fishing boats were damaged. "
        "The council blamed the broken sea wall, which had not been repaired since 2019. "
        "Nobody was injured, according to the coast guard.\n\n"
        "Repairs will cost about 2 million crowns, the council estimates."
    ),
    "Coastal Times": (
        "Varnholm counts the cost of Tuesday's storm\n\n"
        "Tuesday's storm kept the Varnholm harbour closed for two days. "
        "According to the fishermen's union, 30 boats were damaged, far more than officials admit. "
        "Engineers say the sea wall held; the damage came from waves over the north pier. "
        "Two fishermen were treated for minor injuries.\n\n"
        "The union puts the cost of repairs at 5 million crowns."
    ),
    "Nordic Wire": (
        "Brief: storm in Varnholm\n\n"
        "A storm hit the port town of Varnholm on Tuesday. The harbour was closed for two days. "
        "The harbour master reported 14 damaged boats. "
        "Residents 🙂 say the old sea wall failed again, as it did in 2019.\n"
    ),
}

# (document title, quote, tags) and links as (quote a, quote b, relation)
CLAIMS = [
    ("Harbour Gazette", "closed the harbour for two days", ["Fact"]),
    ("Harbour Gazette", "14 fishing boats were damaged", ["Number"]),
    ("Harbour Gazette", "The council blamed the broken sea wall", ["Cause"]),
    ("Harbour Gazette", "Nobody was injured", ["Fact"]),
    ("Harbour Gazette", "Repairs will cost about 2 million crowns", ["Number"]),
    ("Coastal Times", "kept the Varnholm harbour closed for two days", ["Fact"]),
    ("Coastal Times", "30 boats were damaged", ["Number"]),
    ("Coastal Times", "Engineers say the sea wall held", ["Cause"]),
    ("Coastal Times", "Two fishermen were treated for minor injuries", ["Fact"]),
    ("Coastal Times", "The union puts the cost of repairs at 5 million crowns", ["Number"]),
    ("Nordic Wire", "The harbour was closed for two days", ["Fact"]),
    ("Nordic Wire", "reported 14 damaged boats", ["Number"]),
    ("Nordic Wire", "the old sea wall failed again", ["Cause"]),
]
LINKS = [
    ("closed the harbour for two days", "kept the Varnholm harbour closed for two days", "agrees"),
    ("14 fishing boats were damaged", "30 boats were damaged", "contradicts"),
    ("The council blamed the broken sea wall", "Engineers say the sea wall held", "contradicts"),
    ("Nobody was injured", "Two fishermen were treated for minor injuries", "contradicts"),
    ("Repairs will cost about 2 million crowns",
     "The union puts the cost of repairs at 5 million crowns", "contradicts"),
    ("30 boats were damaged", "reported 14 damaged boats", "contradicts"),
    ("kept the Varnholm harbour closed for two days", "The harbour was closed for two days",
     "agrees"),
    ("Engineers say the sea wall held", "the old sea wall failed again", "contradicts"),
]


def build_reports(project) -> dict[str, str]:
    """Fill *project* with the three reports, their claims and links; title -> doc id."""
    docs = {title: project.add_document(text, title=title).document.id
            for title, text in REPORTS.items()}
    for name in ("Fact", "Number", "Cause"):
        project.add_tag(name)
    ids: dict[str, str] = {}
    for title, quote, tags in CLAIMS:
        ids[quote] = project.add_claim(docs[title], quote=quote, tags=tags, annotator="ana").id
    for a, b, relation in LINKS:
        project.link_claims(ids[a], ids[b], relation, annotator="ana")
    return docs


@pytest.fixture
def reports(project) -> dict[str, str]:
    """The project fixture with three reports of one storm, claims, tags and links."""
    return build_reports(project)


@pytest.fixture
def session(project, qtbot):
    from claimweave.ui.session import ProjectSession

    s = ProjectSession(project)
    yield s
    s._unsubscribe()


# ---------------------------------------------------------------------- windows
@pytest.fixture
def settings(tmp_path):
    """Preferences in a private ini file, never the user's own."""
    from PySide6.QtCore import QSettings

    from claimweave.ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def notices() -> list[tuple[str, str]]:
    """What the window's opener told the user: (title, text)."""
    return []


@pytest.fixture
def new_window(qtbot, settings, notices, tmp_path):
    """Make main windows as the program does, with notices collected instead of shown and
    the user's demo copy in a private folder."""
    from claimweave.app import build_window

    def make():
        window = build_window(settings, notify=lambda _p, title, text, _w: notices.append(
            (title, text)), demo_folder=tmp_path / "data")
        qtbot.addWidget(window)
        window.resize(1400, 900)
        return window

    return make


@pytest.fixture
def window(new_window, project, reports):
    """A window showing the three storm reports, opened (and locked) like the real program."""
    w = new_window()
    assert w.open_project(project.path)
    w.show()
    yield w
    w.close_project()


@pytest.fixture
def make_container(session, qtbot, request):
    """Panes side by side, shown and exposed: over the storm reports named by title, or over
    the given *documents* (ids)."""
    from claimweave.ui.panes import PaneContainer

    def make(*titles: str, documents: list[str] | None = None, size: tuple[int, int] = (1200, 500),
             annotator: str | None = "tester"):
        if documents is None:
            reports = request.getfixturevalue("reports")
            documents = [reports[t] for t in titles]
        container = PaneContainer(session, annotator=annotator)
        qtbot.addWidget(container)
        container.resize(*size)
        container.set_documents(documents)
        container.show()
        qtbot.waitExposed(container)
        return container

    return make


def long_report(name: str, paragraphs: int, mark: str = "") -> str:
    """Numbered paragraphs, enough to scroll a pane; "witness number N " finds paragraph N."""
    return "\n".join(f"{name} paragraph {i}: the harbour {mark}was closed for {i} hours, "
                     f"said witness number {i} to the reporters on the quay."
                     for i in range(paragraphs))


@pytest.fixture
def long_reports(project):
    """Adds a long report (:func:`long_report`) titled by each name; returns their ids."""
    def add(*names: str, paragraphs: int, mark: str = "") -> list[str]:
        return [project.add_document(long_report(n, paragraphs, mark), title=n).document.id
                for n in names]

    return add
