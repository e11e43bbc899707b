"""Colours shared by the Qt views and the HTML report, so a figure looks the same in both."""

from __future__ import annotations

from .comparison import CONTRADICTS, MIXED, SILENT, SUPPORTS

STANCE_COLORS = {
    SUPPORTS: "#3f9b5a",
    CONTRADICTS: "#d0483e",
    MIXED: "#e0a030",
    SILENT: "#eceef1",
}
STANCE_TEXT = {SUPPORTS: "#ffffff", CONTRADICTS: "#ffffff", MIXED: "#202020", SILENT: "#9aa0a8"}
STANCE_LABELS = {SUPPORTS: "supports", CONTRADICTS: "contradicts", MIXED: "both",
                 SILENT: "silent"}

# Okabe-Ito-like qualitative colours: distinguishable, also for colour-blind readers.
SOURCE_COLORS = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
    "#d55e00", "#7f7f7f", "#f0e442", "#6a3d9a", "#1b9e77",
)
TEXT = "#202428"
MUTED = "#6b7280"
GRID = "#d5d9de"


def source_color(index: int) -> str:
    return SOURCE_COLORS[index % len(SOURCE_COLORS)]


def mix(hex_a: str, hex_b: str, t: float) -> str:
    """The colour a fraction *t* of the way from *hex_a* to *hex_b*."""
    a = [int(hex_a[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(hex_b[i:i + 2], 16) for i in (1, 3, 5)]
    t = max(0.0, min(1.0, t))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def net_color(net: int, scale: int) -> str:
    """Diverging scale for the source heatmap: red (clash), white, green (agreement)."""
    if scale <= 0 or net == 0:
        return "#f7f7f7"
    target = STANCE_COLORS[SUPPORTS] if net > 0 else STANCE_COLORS[CONTRADICTS]
    return mix("#f7f7f7", target, 0.25 + 0.75 * abs(net) / scale)
