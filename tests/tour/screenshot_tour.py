"""A screenshot tour: every window and dialog of ClaimWeave, at 1280x720 and 1920x1080.

Run on demand (not part of ``make test``)::

    .venv/bin/python tests/tour/screenshot_tour.py [--out DIR] [--sizes 1280x720,1920x1080]

With no display and Xvfb installed, each size runs on its own Xvfb server of exactly that
screen size (``apt-get install xvfb``), so "does it fit the screen" is answered by the
pictures; with a display, the tour runs there. It works on copies: the demo project and,
when ../shared holds it, the five shared articles imported into a new project. PNGs are
written to DIR/<size>/NN-name.png (default DIR: tour-screenshots). ``--readme`` also copies
the 1920x1080 demo window to docs/screenshot.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "project_files" / "demo.claimweave"
CORPUS = ROOT.parent / "shared" / "corpus" / "russia-iran"
SIZES = ("1280x720", "1920x1080")
MIXED_TEXT = (
    "Ferry service resumes\n\n"
    "The ferry to the islands runs again from Friday, the port authority said on Tuesday, "
    "after a week in which storms kept every boat in the harbour.\n\n"
    "کشتی از جمعه دوباره به جزیره‌ها می‌رود؛ سازمان بندر روز سه‌شنبه گفت که پس از یک هفته "
    "توفان، همه قایق‌ها در بندر مانده بودند.\n\n"
    "The word کشتی means ferry; the islanders used it in their letters to the council, "
    "which promised a second boat by the spring.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("tour-screenshots"))
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--readme", action="store_true",
                        help="copy the 1920x1080 demo window to docs/screenshot.png")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if args.inside:
        return tour(args.out, sizes[0])
    status = 0
    for size in sizes:
        status |= run_size(args.out.resolve(), size)
    if args.readme and status == 0:
        shutil.copyfile(args.out / "1920x1080" / "02-demo-window.png",
                        ROOT / "docs" / "screenshot.png")
    return status


def run_size(out: Path, size: str) -> int:
    """One size: on a fresh Xvfb screen of that size, else on the current display."""
    cmd = [sys.executable, __file__, "--inside", "--out", str(out), "--sizes", size]
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        if not os.environ.get("DISPLAY"):
            print("no display and no Xvfb: the tour runs offscreen", file=sys.stderr)
            env["QT_QPA_PLATFORM"] = "offscreen"
        return subprocess.call(cmd, env=env)
    display = f":{90 + SIZES.index(size) if size in SIZES else 99}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env["DISPLAY"] = display
        env["QT_QPA_PLATFORM"] = "xcb"
        return subprocess.call(cmd, env=env)
    finally:
        server.terminate()
        server.wait()


# ---------------------------------------------------------------------- inside the display
def tour(out: Path, size: str) -> int:
    sys.path.insert(0, str(ROOT / "desktop"))
    os.environ.setdefault("CLAIMWEAVE_NLP_AUTOSTART", "0")
    from PySide6.QtCore import QSettings, QSize, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from claimweave.app import application, build_window, print_notice, settle
    from claimweave.ui.settings import Settings
    from claimweave.ui.theme import apply_theme

    width, height = (int(v) for v in size.split("x"))
    folder = out / size
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="claimweave-tour-"))
    app = application()
    apply_theme(app, "light")
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    counter = [0]

    def save(widget: QWidget, name: str) -> None:
        settle(app, 250)
        counter[0] += 1
        path = folder / f"{counter[0]:02d}-{name}.png"
        widget.grab().save(str(path), "PNG")
        print(f"{path}  ({widget.width()}x{widget.height()})")

    def modal(trigger: Callable[[], object], name: str) -> None:
        """Open a dialog the way the program does (it may block in exec), grab it, close."""
        def grab_and_close() -> None:
            dialog = QApplication.activeModalWidget() or QApplication.activeWindow()
            if dialog is None or dialog is window:
                print(f"{name}: no dialog appeared", file=sys.stderr)
                return
            save(dialog, name)
            dialog.close()

        QTimer.singleShot(600, grab_and_close)
        trigger()
        settle(app, 100)

    window = build_window(settings, notify=print_notice, demo_folder=work / "data")
    window.auto_backup = False
    window.resize(QSize(width, height))
    window.move(0, 0)
    window.show()
    save(window, "welcome")

    demo = work / "demo.claimweave"
    shutil.copyfile(DEMO, demo)
    window.open_project(demo)
    window.resize(QSize(width, height))
    container = window.comparison.container
    window.assist.start_analysis()  # suggestions and candidates need the analyses
    deadline = time.monotonic() + 90
    while window.assist.analysing() and time.monotonic() < deadline:
        settle(app, 200)
    first = container.panes()[0]
    claims = first.claim_ids()
    if claims:
        first.select_claim(claims[min(2, len(claims) - 1)])
    save(window, "demo-window")

    # four panes: links between panes that are not neighbours get numbered edge tabs
    docs = [d.id for d in window.session.project.documents()][:4]
    container.set_documents(docs)
    settle(app)
    save(window, "four-panes-far-links")
    container.set_documents(docs[:3] if width < 1600 else docs)

    if claims:
        first.select_claim(claims[0])
        first.view.setFocus()
        container.link_mode.start(first, claims[0])
        save(window, "link-mode")
        container.link_mode.cancel()

    window.find_in_project()
    window.panels["search"].run('"the dam" OR flood*')
    save(window, "find-in-project")
    window.docks["codebook"].raise_()

    window.docks["links"].raise_()
    save(window, "links-table")
    window.docks["claims"].raise_()

    first.view.setFocus()
    window.find_in_document()
    window.comparison.find_bar.field.setText("water")
    save(window, "find-in-document")
    window.comparison.find_bar.hide()

    from claimweave.ui.dialogs.help import show_shortcuts

    save(show_shortcuts(window), "help-keys")
    window.findChild(QWidget, "shortcuts").close()
    modal(window.about_action.trigger, "about")
    modal(window.preferences_action.trigger, "preferences")
    modal(window.export_action.trigger, "export")
    modal(window.relation_action.trigger, "new-relation-type")
    modal(window.classroom.make_action.trigger, "make-assignment")

    window.open_comparison()
    settle(app, 600)
    from claimweave.ui.charts import ComparisonWindow

    charts = window.findChild(ComparisonWindow)
    if charts is not None:
        charts.resize(min(1100, width - 40), min(760, height - 60))
        for i in range(charts.tabs.count()):
            charts.tabs.setCurrentIndex(i)
            save(charts, f"comparison-{charts.tabs.tabText(i).lower()}")
        charts.close()

    from claimweave.ui.crash_dialog import CrashDialog

    crash = CrashDialog("Traceback (most recent call last):\n  ...\nValueError: example",
                        work / "crash.log", window)
    crash.show()
    save(crash, "crash-dialog")
    crash.close()

    apply_theme(app, "dark")
    save(window, "demo-window-dark")
    apply_theme(app, "light")

    from claimweave.core.store import Project

    mixed = work / "mixed.claimweave"  # each paragraph in its own direction
    with Project.create(mixed, title="English and Persian") as p:
        p.add_document(MIXED_TEXT, title="Ferry report (English and Persian)")
    window.open_project(mixed)
    save(window, "english-and-persian")
    pane = window.comparison.container.panes()[0]
    window.activateWindow()  # (no window manager on Xvfb: nothing activates it otherwise)
    settle(app, 200)
    pane.chooser.setFocus(Qt.FocusReason.TabFocusReason)  # the focus ring, as Tab leaves it
    save(window, "focus-ring")
    from claimweave.ui.accessibility import describe, unnamed_controls

    for widget in unnamed_controls(window):
        print(f"unnamed control: {describe(widget)}", file=sys.stderr)

    empty = work / "empty.claimweave"

    Project.create(empty, title="A new project").close()
    window.open_project(empty)
    save(window, "empty-project")
    if CORPUS.is_dir():
        window.inform = lambda *_a, **_k: None  # type: ignore[method-assign]
        window.import_paths(sorted(CORPUS.glob("*.txt")))
        settle(app)
        save(window, "after-importing-five")
    window.close_project()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
