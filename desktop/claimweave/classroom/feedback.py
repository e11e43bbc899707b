"""Feedback for each student: one self-contained HTML page of what they found, missed and
linked differently from the key, plus an index page for the teacher.

No script and no outside resources; every text from the project is escaped, so a claim or a
name that looks like markup shows as text. Each student's page shows only their own work
and the key, so it can be handed back as it is; the index lists the whole class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.targets import atomic_write, check_output_target
from .errors import ClassroomError
from .grading import Score, StudentResult
from .layers import ClassData, Edge, Span
from .matching import THRESHOLD

if TYPE_CHECKING:  # numpy-based; loaded by the commands that grade
    from .agreement import ClassReport

CSS = """
body{font:15px/1.5 system-ui,sans-serif;color:#202428;max-width:980px;margin:2em auto;
 padding:0 1em}h2{margin-top:1.8em;border-bottom:2px solid #e4e7eb}
table{border-collapse:collapse;margin:.6em 0;font-size:.93em;width:100%}
th,td{border:1px solid #d5d9de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f4f6}.q{font-family:Georgia,serif}.diff{background:#fff4d6}
.meta{color:#6b7280}.num{text-align:right;white-space:nowrap}
.level{display:inline-block;padding:0 .4em;margin-right:.2em;border-radius:3px;color:#9aa0a6}
.level.set{background:#2f6fd1;color:#fff;font-weight:bold}.answer{white-space:pre-wrap}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def _page(title: str, body: Iterable[str]) -> str:
    return ('<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n<head>\n'
            '<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], empty: str) -> str:
    body = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    if not body:
        return f'<p class="meta">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>" + "".join(body) + "</table>"


def _tags(tags: Iterable[str]) -> str:
    return _e(", ".join(sorted(tags)) or "none")


class _Writer:
    def __init__(self, data: ClassData) -> None:
        self.titles = {d.id: d.title for d in data.documents}
        self.spans = data.span_by_id
        self.data = data

    def quote(self, span: Span) -> str:
        return f'<span class="q">“{_e(span.quote)}”</span>'

    def link(self, edge: Edge) -> str:
        arrow = "↔" if edge.symmetric else "→"
        return (f"{self.quote(self.spans[edge.source])} {arrow} "
                f"{self.quote(self.spans[edge.target])}")

    def student_page(self, title: str, r: StudentResult) -> str:
        scores = [("Claims", r.claims), ("Tags (on claims you found)", r.tags),
                  ("Links", r.links)]
        summary = _table(["", "you marked", "correct", "in the key", "precision", "recall",
                          "F1"], (self._score_row(name, s) for name, s in scores), "")
        found = (
            [_e(self.titles.get(m.key.document)), self.quote(m.key), self.quote(m.other),
             f'<span class="num">{m.overlap:.0%}</span>',
             f'<span class="{"" if m.key.tags == m.other.tags else "diff"}">'
             f"yours: {_tags(m.other.tags)}<br/>key: {_tags(m.key.tags)}</span>"]
            for m in r.matches)
        missed = ([_e(self.titles.get(s.document)), self.quote(s), _tags(s.tags)]
                  for s in r.missed)
        extra = ([_e(self.titles.get(s.document)), self.quote(s), _tags(s.tags)]
                 for s in r.extra)
        different_ids = {mine.id for _, mine in r.links_different}
        body = [
            f"<h1>{_e(title)}</h1>",
            f'<p class="meta">Feedback for <strong>{_e(r.student)}</strong>. A claim of yours '
            "counts as found when it covers the same passage as a key claim: the overlap "
            "(shared characters ÷ characters covered by either) is at least "
            f"{THRESHOLD:.0%}.</p>",
            "<h2>Your scores</h2>", summary,
            *self.assessment(r.student),
            *self.answers(r.student),
            *self.unjustified(r),
            "<h2>Claims you found</h2>",
            _table(["document", "key", "yours", "overlap", "tags"], found,
                   "You found none of the key's claims."),
            "<h2>Claims you missed</h2>",
            _table(["document", "claim", "tags"], missed, "You missed none."),
            "<h2>Your claims that are not in the key</h2>",
            _table(["document", "claim", "tags"], extra, "None: every claim of yours is in "
                   "the key."),
            "<h2>Links you made as the key does</h2>",
            _table(["relation", "claims"], ([_e(k.relation), self.link(k)]
                                            for k in r.links_found), "None."),
            "<h2>Links you made differently</h2>",
            _table(["key", "yours"], ([f"{_e(k.relation)}: {self.link(k)}",
                                      f"{_e(mine.relation)}: {self.link(mine)}"]
                                     for k, mine in r.links_different), "None."),
            "<h2>Links you missed</h2>",
            _table(["relation", "claims"], ([_e(k.relation), self.link(k)]
                                            for k in r.links_missed), "None."),
            "<h2>Your other links</h2>",
            _table(["relation", "claims"], ([_e(k.relation), self.link(k)]
                                            for k in r.links_extra
                                            if k.id not in different_ids), "None."),
        ]
        return _page(f"{title}: feedback for {r.student}", body)

    def assessment(self, student: str) -> list[str]:
        """The teacher's level and comment on each rubric criterion."""
        rows = []
        for criterion, given in self.data.parts.assessed(student):
            levels = " ".join(
                f'<span class="level{" set" if given and given.level == lv else ""}">'
                f"{_e(lv)}</span>" for lv in criterion.levels)
            rows.append([_e(criterion.name), levels,
                         _e(given.comment) if given and given.comment else ""])
        if not rows:
            return []
        return ["<h2>Your teacher's assessment</h2>",
                _table(["criterion", "level", "comment"], rows, "")]

    def answers(self, student: str) -> list[str]:
        """Every prompt with the student's answers to it."""
        parts = self.data.parts
        if not parts.prompts:
            return []
        given = parts.answers_of(student)
        rows = []
        for prompt in parts.prompts:
            mine = [a for a in given if a.prompt_id == prompt.id]
            cells = [f'{self._about(prompt.kind, a.subject)}<div class="answer">{_e(a.text)}'
                     "</div>" for a in mine]
            rows.append([f"{prompt.position + 1}. {_e(prompt.text)}",
                         "<br/>".join(cells) or '<span class="meta">no answer</span>'])
        return ["<h2>Your answers</h2>", _table(["question", "your answers"], rows, "")]

    def _about(self, kind: str, subject: str) -> str:
        """What an answer is about: the document's title, or the proposition's claim."""
        if kind == "document":
            return f"<strong>{_e(self.titles.get(subject, 'a document'))}</strong>"
        return self.quote(self.spans[subject]) if subject in self.spans else "a proposition"

    def unjustified(self, r: StudentResult) -> list[str]:
        if not self.data.require_justification:
            return []
        return ["<h2>Links without a justification</h2>",
                _table(["relation", "claims"], ([_e(k.relation), self.link(k)]
                                                for k in r.links_unjustified),
                       "None: you justified every link.")]

    @staticmethod
    def _score_row(name: str, s: Score) -> list[str]:
        return [_e(name), str(s.student), str(s.matched), str(s.key), _pct(s.precision),
                _pct(s.recall), _pct(s.f1)]


def file_names(students: Iterable[str]) -> dict[str, str]:
    """A distinct, portable file name per student."""
    names: dict[str, str] = {}
    taken: set[str] = {"index.html"}
    for student in students:
        stem = re.sub(r"[^\w.-]+", "_", student).strip("._")[:60] or "student"
        name, n = f"{stem}.html", 2
        while name.casefold() in taken:
            name, n = f"{stem}-{n}.html", n + 1
        taken.add(name.casefold())
        names[student] = name
    return names


def write_feedback(report: ClassReport, folder: Path) -> list[Path]:
    """Write one page per student and index.html into *folder*; returns the pages written."""
    if report.data.key is None:
        raise ClassroomError("feedback needs an answer key: collect with the key project, "
                             "or name the key annotator with --key")
    check_output_target(folder, kind="folder")
    folder.mkdir(parents=True, exist_ok=True)
    title = report.data.title or "Assignment"
    writer = _Writer(report.data)
    names = file_names(r.student for r in report.results)
    written = []
    for r in report.results:
        path = folder / names[r.student]
        with atomic_write(path) as fh:
            fh.write(writer.student_page(title, r))
        written.append(path)
    parts = report.data.parts
    rows = ([f'<a href="{_e(names[r.student])}">{_e(r.student)}</a>',
             _pct(r.claims.f1), _pct(r.tags.f1), _pct(r.links.f1),
             _e("–" if r.kappa_vs_key is None else f"{r.kappa_vs_key:.2f}"),
             str(len(r.links_unjustified)),
             *(_e(a.level if a else "–") for _, a in parts.assessed(r.student))]
            for r in report.results)
    index = _page(f"{title}: feedback", [
        f"<h1>{_e(title)}: feedback</h1>",
        _table(["student", "claims F1", "tags F1", "links F1", "agreement with key (kappa)",
                "links without justification", *(c.name for c in parts.criteria)], rows,
               "No students."),
    ])
    with atomic_write(folder / "index.html") as fh:
        fh.write(index)
    return written
