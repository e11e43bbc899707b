"""Render packaging/icons/claimweave.svg to the PNG sizes desktops and installers ask for.

``python packaging/render_icons.py`` writes claimweave-48.png, -128.png and -256.png next to
the SVG with Qt's own SVG renderer (no other tool needed); the PNGs are committed, so a
build does not depend on this step. ``--check`` only verifies they exist at the right
sizes and are not blank (``make package`` runs it).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS / "claimweave.svg"
SIZES = (48, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"claimweave-{size}.png"


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def opaque_pixels(image: QImage) -> int:
    step = max(1, image.width() // 64)
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if image.pixelColor(x, y).alpha() > 0)


def check() -> list[str]:
    problems = []
    for size in SIZES:
        image = QImage(str(png_path(size)))
        if image.isNull():
            problems.append(f"{png_path(size)}: missing or unreadable")
        elif (image.width(), image.height()) != (size, size):
            problems.append(f"{png_path(size)}: {image.width()}x{image.height()}, not {size}")
        elif opaque_pixels(image) == 0:
            problems.append(f"{png_path(size)}: blank")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    if args.check:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    for size in SIZES:
        if not render(size).save(str(png_path(size)), "PNG"):
            raise SystemExit(f"{png_path(size)}: could not be written")
        print(png_path(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
