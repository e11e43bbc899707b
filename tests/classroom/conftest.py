"""A small exercise with a known answer key, and helpers that hand in submissions of known
agreement with it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimweave.classroom.assignment import make_assignment
from claimweave.classroom.collect import collect
from claimweave.classroom.submission import hand_in, start_submission
from claimweave.core.store import Project

WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima")
TEXTS = [" ".join(WORDS[(i * 5 + d) % len(WORDS)] for i in range(60)) + "." for d in (0, 3)]
# The key: (document index, start, end, tags) and links (claim index, claim index, relation).
KEY_CLAIMS = [(0, 0, 40, ("fact",)), (0, 60, 100, ("opinion",)), (0, 150, 190, ("fact",)),
              (1, 0, 40, ("fact", "opinion")), (1, 100, 140, ()), (1, 160, 200, ("opinion",))]
KEY_LINKS = [(0, 3, "contradicts"), (1, 4, "elaborates"), (2, 4, "agrees")]


@dataclass
class Exercise:
    key: Path
    assignment: Path
    folder: Path
    doc_ids: list[str]

    def submit(self, student: str, claims: Sequence[tuple[int, int, int, Sequence[str]]],
               links: Sequence[tuple[int, int, str]] = (), *, annotator: str = "laptop-user"
               ) -> Path:
        """A submission by *student* with these claims and links (indices into *claims*)."""
        stem = re.sub(r"\W+", "_", student)
        work = self.folder / f"{stem}.claimweave"
        start_submission(self.assignment, student, work)
        with Project.open(work) as p:
            ids = [p.add_claim(self.doc_ids[d], s, e, tags=list(t), annotator=annotator).id
                   for d, s, e, t in claims]
            for a, b, rel in links:
                p.link_claims(ids[a], ids[b], rel, annotator=annotator)
        out = self.folder / f"{stem}.cwsubmit"
        hand_in(work, out)
        return out

    def two_students(self) -> Path:
        """The class project of ann (the key's claims and links) and bob (its first three
        claims): agreement 1.00 and 0.67 with the key."""
        a = self.submit("ann", KEY_CLAIMS, KEY_LINKS)
        b = self.submit("bob", KEY_CLAIMS[:3])
        out = self.folder / "class.claimweave"
        collect(self.key, [a, b], out)
        return out


def build_key(path: Path) -> list[str]:
    with Project.create(path, title="Flood exercise") as p:
        docs = [p.add_document(t, title=f"Article {i + 1}").document.id
                for i, t in enumerate(TEXTS)]
        p.add_tag("fact")
        p.add_tag("opinion")
        ids = [p.add_claim(docs[d], s, e, tags=list(t), annotator="teacher").id
               for d, s, e, t in KEY_CLAIMS]
        for a, b, rel in KEY_LINKS:
            p.link_claims(ids[a], ids[b], rel, annotator="teacher")
    return docs


@pytest.fixture
def exercise(tmp_path: Path) -> Exercise:
    key = tmp_path / "key.claimweave"
    docs = build_key(key)
    assignment = tmp_path / "flood.cwassign"
    make_assignment(key, assignment, instructions="Mark the claims; link them across articles.")
    return Exercise(key, assignment, tmp_path, docs)


RUBRIC = [("Sourcing", ["Basic", "Emergent", "Proficient"]), ("Corroboration", ["No", "Yes"])]
PROMPTS = [("document", "Who wrote this, and why?"),
           ("proposition", "Do the documents agree? If not, why?")]


@pytest.fixture
def rich(tmp_path: Path) -> Exercise:
    """The exercise with two prompts, a rubric and justifications required."""
    key = tmp_path / "key.claimweave"
    docs = build_key(key)
    assignment = tmp_path / "flood.cwassign"
    make_assignment(key, assignment, instructions="Mark and link.", prompts=PROMPTS,
                    rubric=RUBRIC, require_justification=True)
    return Exercise(key, assignment, tmp_path, docs)


@pytest.fixture
def class_session(exercise: Exercise):  # type: ignore[no-untyped-def]
    """:meth:`Exercise.two_students`'s class project in a session (Qt), closed afterwards."""
    from claimweave.ui.session import ProjectSession

    session = ProjectSession(Project.open(exercise.two_students()))
    yield session
    session.close()


@pytest.fixture
def class_window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """A main window made as the program makes it, private settings, no backups, and what it
    tells the user collected in ``window.said`` as (title, text, warning)."""
    from PySide6.QtCore import QSettings

    from claimweave.app import build_window
    from claimweave.ui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w = build_window(settings, notify=lambda *_a: None, demo_folder=tmp_path / "data")
    w.auto_backup = False
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.said = []
    w.inform = lambda title, text, warning=False: w.said.append((title, text, warning))
    yield w
    w.close_project()
