"""Draws claim highlights under the text of the visible blocks only.

One filled path per claim in its first tag's colour, translucent so that overlapping claims
add up to a visibly darker area; under each claim a thin rule in a deeper shade, stacked by
overlap depth, tells overlapping claims apart; the current claim gets an outline and the
claim picked as a link target a dashed one. Cost grows with the claims in view, never with
the claims in the document.

A frame fills one path per colour and overlap level, not one per claim: claims on the same
level never overlap (interval colouring), so each level's union is exact and overlapping
claims still add up to a darker area; the rules go in one path per colour.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ...core.model import Claim
from .visible_text import VisibleWindow

NEUTRAL = "#b8bcc4"  # a claim without tags
FILL_ALPHA = 105
RULE_WIDTH = 2.0
RULE_STEP = 3.0
MAX_LEVELS = 3


@dataclass(slots=True)
class HighlightStyle:
    """Colours the painter needs; the pane refreshes ``tag_colors`` when the codebook changes."""

    tag_colors: Mapping[str, str]
    outline: QColor
    candidate: QColor

    def base_color(self, claim: Claim) -> QColor:
        for tag_id in claim.tag_ids:
            if tag_id in self.tag_colors:
                return QColor(self.tag_colors[tag_id])
        return QColor(NEUTRAL)


def overlap_levels(claims: Iterable[Claim]) -> dict[str, int]:
    """Level of each claim when overlapping claims are stacked (interval colouring).

    *claims* must come in (start, end) order, as :meth:`ClaimIndex.overlapping` returns them.
    """
    ends: list[int] = []  # end of the claim occupying each level
    levels: dict[str, int] = {}
    for claim in claims:
        level = next((i for i, e in enumerate(ends) if e <= claim.start), len(ends))
        if level == len(ends):
            ends.append(claim.end)
        else:
            ends[level] = claim.end
        levels[claim.id] = level
    return levels


def paint_highlights(painter: QPainter, window: VisibleWindow, claims: list[Claim],
                     style: HighlightStyle, *, current: str | None = None,
                     candidate: str | None = None) -> None:
    """Paint *claims* (those intersecting *window*) onto the viewport under the text."""
    if not claims:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    levels = overlap_levels(claims)
    outlines: list[tuple[QPainterPath, QPen]] = []
    fills: dict[tuple[int, int], QPainterPath] = {}  # (colour, level) -> union of rects
    rules: dict[int, QPainterPath] = {}  # colour -> its claims' rules
    colors: dict[int, QColor] = {}
    for claim in claims:
        rects = window.rects(claim.start, claim.end)
        if not rects:
            continue
        base = style.base_color(claim)
        rgb = base.rgb()
        colors[rgb] = base
        level = levels[claim.id]
        path = fills.get((rgb, level))
        if path is None:
            path = fills[rgb, level] = _path()
        rule = rules.get(rgb)
        if rule is None:
            rule = rules[rgb] = _path()
        y_shift = RULE_WIDTH + min(level, MAX_LEVELS - 1) * RULE_STEP
        for r in rects:
            path.addRect(r)
            rule.addRect(QRectF(r.left(), r.bottom() - y_shift, r.width(), RULE_WIDTH))
        if claim.id in (current, candidate):
            own = _path()
            for r in rects:
                own.addRect(r)
            outlines.append((own, QPen(style.outline, 2.0) if claim.id == current else
                             QPen(style.candidate, 2.0, Qt.PenStyle.DashLine)))
    for (rgb, _level), path in fills.items():
        fill = QColor(colors[rgb])
        fill.setAlpha(FILL_ALPHA)
        painter.fillPath(path, fill)
    for rgb, path in rules.items():
        painter.fillPath(path, colors[rgb].darker(150))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for path, pen in outlines:
        painter.strokePath(path.simplified(), pen)


def _path() -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # overlapping rects of one path: their union
    return path


# ---------------------------------------------------------------------- marks
MARK_FILL_ALPHA = 34
CURRENT_MARK_ALPHA = 70
UNDERLINE_WIDTH = 2.0
DOT_WIDTH = 2.0  # the claim candidates' dotted underline


@dataclass(frozen=True, slots=True)
class Mark:
    """A span drawn for the assistance (a claim candidate, an entity); code points."""

    start: int
    end: int
    color: str
    tip: str = ""


class MarkLayer:
    """Non-overlapping marks in text order, drawn as a faint band or as an underline.

    ``under_claims`` layers are painted before the claim highlights, the others after
    them; ``current`` (a span) is outlined with a dashed line, as the candidate of a walk.
    """

    def __init__(self, marks: Sequence[Mark], *, underline: bool = False,
                 under_claims: bool = True, current: tuple[int, int] | None = None,
                 dotted: bool = False) -> None:
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        self.underline = underline
        self.dotted = dotted  # a dotted underline: nothing like the selection's filled block
        self.under_claims = under_claims
        self.current = current
        self._starts = [m.start for m in self.marks]
        self._ends = [m.end for m in self.marks]

    def __len__(self) -> int:
        return len(self.marks)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        return self.marks[bisect_right(self._ends, start):bisect_left(self._starts, end)]

    def at(self, pos: int) -> Mark | None:
        found = self.overlapping(pos, pos + 1)
        return found[0] if found else None


def paint_marks(painter: QPainter, window: VisibleWindow, layer: MarkLayer,
                outline: QColor) -> None:
    """Paint the marks of *layer* that intersect *window* (its visible blocks only)."""
    marks = layer.overlapping(window.start, window.end)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for mark in marks:
        rects = window.rects(mark.start, mark.end)
        if not rects:
            continue
        color = QColor(mark.color)
        current = layer.current == (mark.start, mark.end)
        if layer.dotted and not current:
            painter.setPen(QPen(color, DOT_WIDTH, Qt.PenStyle.DotLine))
            for r in rects:
                y = r.bottom() - DOT_WIDTH / 2
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            continue
        if layer.underline:
            for r in rects:
                painter.fillRect(QRectF(r.left(), r.bottom() - UNDERLINE_WIDTH, r.width(),
                                        UNDERLINE_WIDTH), color)
            continue
        color.setAlpha(CURRENT_MARK_ALPHA if current else MARK_FILL_ALPHA)
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for r in rects:
            path.addRect(r)
        painter.fillPath(path, color)
        if current:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.strokePath(path.simplified(), QPen(outline, 1.5, Qt.PenStyle.DashLine))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
