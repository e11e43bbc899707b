"""The class-wide figures, each with the one line that says what it means: what the
dashboard and ``claimweave agreement`` show a teacher (docs/classroom.md has the detail)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy-based; loaded by the commands that grade
    from .agreement import ClassReport

UNDEFINED = "– (undefined)"


def _fmt_alpha(x: float | None) -> str:
    return UNDEFINED if x is None else f"{x:.2f}"


def figure_lines(report: ClassReport) -> list[tuple[str, str, str]]:
    """(label, value, explanation) for every class-wide figure, in the order shown."""
    alpha, links = report.alpha, report.links
    students = len(report.data.students)
    lines = [
        ("Claim agreement among students", _fmt_alpha(alpha["claims_character_nominal"]),
         "Krippendorff's alpha per character: do the students mark the same text as claims? "
         "1 = all alike, 0 = as by chance, below 0 = systematically apart; undefined with "
         "fewer than two students."),
        ("Tag agreement among students", _fmt_alpha(alpha["tags_nominal"]),
         "Alpha over the key's claims: did the students who found a claim give it the same "
         "tags? Undefined without a key or when there is nothing to compare."),
        ("Link agreement among students", _fmt_alpha(links.alpha),
         f"Alpha over the {links.pairs} claim pairs some student linked "
         f"({links.coded} judged by two or more, {links.unanimous} unanimously): the same "
         "relation, or also no link? Undefined when every value is the same."),
    ]
    if report.data.require_justification:
        data = report.data
        bare = sum(1 for s in data.students for e in data.edges(s) if not e.note.strip())
        lines.append(("Links without justification", str(bare),
                      "The assignment asks for a justification (the link's note) on every "
                      "link; this many links of the class have none."))
    lines.insert(0, ("Students", str(students), "Collected into this class project."))
    return lines
