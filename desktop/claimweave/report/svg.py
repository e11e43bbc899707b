"""A minimal SVG writer: just the shapes the report's charts need, everything escaped.

Colours may come from the project file (tags, relation types), where another program can
have written anything: each one passes through css_color, so only ``#rrggbb`` reaches the
markup."""

from __future__ import annotations

import textwrap
from html import escape

from ..analysis.palette import TEXT
from ..core.values import css_color

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


class Svg:
    """Collects elements, then :meth:`render` gives the ``<svg>`` text (XML well-formed)."""

    def __init__(self, width: float, height: float, *, label: str) -> None:
        self.width, self.height, self.label = width, height, label
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *,
             stroke: str | None = None, tip: str | None = None, rx: float = 0) -> None:
        attrs = (f'x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
                 f'fill="{css_color(fill)}"')
        if stroke:
            attrs += f' stroke="{css_color(stroke)}"'
        if rx:
            attrs += f' rx="{_num(rx)}"'
        self.parts.append(_with_tip(f"<rect {attrs}", tip))

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, *,
             width: float = 1, opacity: float = 1) -> None:
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{css_color(stroke)}" stroke-width="{_num(width)}" '
            f'stroke-opacity="{_num(opacity)}"/>')

    def circle(self, cx: float, cy: float, r: float, fill: str, *,
               tip: str | None = None) -> None:
        self.parts.append(_with_tip(
            f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}" fill="{css_color(fill)}" '
            f'stroke="#ffffff" stroke-width="1"', tip))

    def text(self, x: float, y: float, s: str, *, size: float = 12, anchor: str = "start",
             fill: str = TEXT, bold: bool = False, rotate: float | None = None) -> None:
        attrs = (f'x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" '
                 f'text-anchor="{escape(anchor)}" fill="{css_color(fill)}"')
        if bold:
            attrs += ' font-weight="600"'
        if rotate is not None:
            attrs += f' transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"'
        self.parts.append(f"<text {attrs}>{escape(s)}</text>")

    def lines(self, x: float, y: float, rows: list[str], *, size: float = 12,
              anchor: str = "start", fill: str = TEXT, bold: bool = False) -> None:
        for i, row in enumerate(rows):
            self.text(x, y + i * size * 1.25, row, size=size, anchor=anchor, fill=fill, bold=bold)

    def render(self) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(self.width)}" '
            f'height="{_num(self.height)}" viewBox="0 0 {_num(self.width)} {_num(self.height)}" '
            f'role="img" aria-label="{escape(self.label)}" font-family="{escape(FONT)}">'
            f'<rect width="100%" height="100%" fill="#ffffff"/>'
            + "".join(self.parts) + "</svg>"
        )


def _with_tip(opening: str, tip: str | None) -> str:
    if not tip:
        return opening + "/>"
    return f"{opening}><title>{escape(tip)}</title>{opening.split()[0].replace('<', '</')}>"


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Wrap a label into at most *max_lines* lines, with an ellipsis when cut."""
    rows = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(rows) > max_lines:
        rows = rows[:max_lines]
        rows[-1] = rows[-1][: max(0, width - 1)].rstrip() + "…"
    return rows


def text_width(text: str, size: float) -> float:
    """A generous estimate of a sans-serif label's width, for laying out without a font."""
    return len(text) * size * 0.58
