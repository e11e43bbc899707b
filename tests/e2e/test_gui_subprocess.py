"""The real program as a subprocess: ``claimweave gui PROJECT --screenshot`` paints and exits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "project_files" / "demo.claimweave"

ARTICLES = {
    "Bridge closed after crack found": (
        "Engineers closed the Elmsford bridge on Monday after a crack was found in a pier. "
        "The council said the bridge would stay closed for three weeks. "
        "Repairs are expected to cost 400,000 euros."),
    "Elmsford bridge shut for repairs": (
        "The Elmsford bridge was shut on Monday. Council officials expect it to reopen "
        "within ten days. Local traders say the closure will cost them dearly, and the "
        "repair bill may reach one million euros."),
}


def gui(*args: str, env_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(env_dir / "config"),
           "XDG_DATA_HOME": str(env_dir / "data")}
    return subprocess.run([sys.executable, "-m", "claimweave", "gui", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    from claimweave.core.store import Project

    path = tmp_path / "bridge.claimweave"
    with Project.create(path, title="Bridge") as project:
        ids = [project.add_document(text, title=title).document.id
               for title, text in ARTICLES.items()]
        project.add_tag("Duration")
        project.add_tag("Cost")
        a = project.add_claim(ids[0], quote="stay closed for three weeks", tags=["Duration"])
        b = project.add_claim(ids[1], quote="reopen within ten days", tags=["Duration"])
        c = project.add_claim(ids[0], quote="cost 400,000 euros", tags=["Cost"])
        d = project.add_claim(ids[1], quote="may reach one million euros", tags=["Cost"])
        project.link_claims(a.id, b.id, "contradicts")
        project.link_claims(c.id, d.id, "contradicts")
    return path


def distinct_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct colours (sampled) of a PNG."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    return image.width(), image.height(), len(colours)


def test_screenshot_of_a_project(small_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "out.png"
    result = gui(str(small_project), "--screenshot", str(out), "--size", "1400x900",
                 env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    width, height, colours = distinct_colours(out)
    assert (width, height) == (1400, 900)
    assert colours > 50, "the screenshot looks blank"


def test_screenshot_with_chosen_documents(small_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs.png"
    result = gui(str(small_project), "--docs", "Elmsford bridge shut for repairs",
                 "--screenshot", str(out), "--size", "1000x700", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert distinct_colours(out)[:2] == (1000, 700)


def test_unknown_document_is_an_error_not_a_crash(small_project: Path, tmp_path: Path) -> None:
    result = gui(str(small_project), "--docs", "zzzzzzzz", "--screenshot",
                 str(tmp_path / "x.png"), env_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error:") and "zzzzzzzz" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_size_and_bad_file_are_errors(tmp_path: Path) -> None:
    bad = tmp_path / "notes.claimweave"
    bad.write_text("not a project")
    result = gui(str(bad), "--screenshot", str(tmp_path / "x.png"), env_dir=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    result = gui(str(bad), "--screenshot", str(tmp_path / "x.png"), "--size", "big",
                 env_dir=tmp_path)
    assert result.returncode == 1 and "WIDTHxHEIGHT" in result.stderr


@pytest.mark.skipif(not DEMO.is_file(), reason="the demo project has not been built")
def test_screenshot_of_the_demo(tmp_path: Path) -> None:
    demo = tmp_path / "demo.claimweave"
    shutil.copy(DEMO, demo)  # the program takes a lock and may checkpoint: not the original
    out = tmp_path / "demo.png"
    result = gui(str(demo), "--screenshot", str(out), "--size", "1400x900", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    width, height, colours = distinct_colours(out)
    assert (width, height) == (1400, 900) and colours > 100


def test_demo_flag_opens_a_private_copy(tmp_path: Path) -> None:
    out = tmp_path / "demo.png"
    result = gui("--demo", "--screenshot", str(out), "--size", "1200x800", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    copies = list((tmp_path / "data").rglob("demo.claimweave"))
    assert len(copies) == 1, "the demo is copied into the user's data folder"
    width, height, colours = distinct_colours(out)
    assert (width, height) == (1200, 800) and colours > 20
    again = gui("--demo", str(DEMO), "--screenshot", str(out), env_dir=tmp_path)
    assert again.returncode != 0 and "either PROJECT or --demo" in again.stderr


def test_a_screenshot_leaves_no_backups_beside_the_project(small_project: Path,
                                                           tmp_path: Path) -> None:
    result = gui(str(small_project), "--screenshot", str(tmp_path / "s.png"), env_dir=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not list(small_project.parent.glob("*.backups"))
