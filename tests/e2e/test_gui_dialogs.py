"""The real program opens and cancels every dialog of its menus, then quits with status 0.

Quitting after Classroom > Make Assignment once ended in "shared QObject was deleted
directly" and a segfault (exit 139): a lambda connected to the dialog's Browse button kept
the dialog alive until interpreter shutdown. The driver (dialog_driver.py) runs the whole
command line, ``claimweave gui PROJECT``, and acts from inside its event loop.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.classroom.assignment import make_assignment
from claimweave.classroom.collect import collect
from claimweave.classroom.submission import hand_in, start_submission
from claimweave.core.store import Project

DRIVER = Path(__file__).with_name("dialog_driver.py")
ROOT = Path(__file__).resolve().parents[2]

# Every menu entry that opens a dialog or a window, for an ordinary (teacher's) project.
PROJECT_DIALOGS = [
    "File > New Project", "File > Open Project", "File > Open Assignment",
    "File > Import Articles", "File > Export",
    "File > Import Annotations", "File > Import Annotations from a brat Folder",
    "File > Merge Project", "File > Save Report", "Edit > New Relation Type",
    "Edit > Preferences", "View > Comparison Views", "Classroom > Make Assignment",
    "Classroom > Collect Submissions", "Classroom > Open Assignment",
    "Help > Keyboard Shortcuts", "Help > About ClaimWeave",
]
CLASS_DIALOGS = ["Classroom > Class Dashboard", "Classroom > Curate the Key",
                 "Classroom > Adjudicate a New Key", "Classroom > Write Feedback Reports",
                 "Classroom > Export Grades"]
WORK_DIALOGS = ["Classroom > Assignment Instructions", "Classroom > Hand In"]


def drive(project: Path, actions: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state"), "HOME": str(home)}
    return subprocess.run([sys.executable, str(DRIVER), str(project), *actions], env=env,
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def opened(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split(": ", 1)[1].split(" -> ")[0] for line in result.stdout.splitlines()
            if line.startswith("opened: ")}


def key_project(path: Path) -> Path:
    with Project.create(path, title="Bridge") as p:
        a = p.add_document("The bridge will stay closed for three weeks.", title="A").document
        b = p.add_document("The bridge will reopen within ten days.", title="B").document
        p.add_tag("Duration")
        one = p.add_claim(a.id, quote="three weeks", tags=["Duration"], annotator="teacher")
        two = p.add_claim(b.id, quote="ten days", tags=["Duration"], annotator="teacher")
        p.link_claims(one.id, two.id, "contradicts", annotator="teacher")
    return path


def test_each_dialog_opens_cancels_and_the_program_quits_cleanly(tmp_path: Path) -> None:
    project = key_project(tmp_path / "bridge.claimweave")
    result = drive(project, PROJECT_DIALOGS, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "shared QObject" not in result.stderr
    assert opened(result) == set(PROJECT_DIALOGS), result.stdout


def test_dialogs_of_the_panels(tmp_path: Path) -> None:
    """Dialogs opened from a panel rather than a menu: the source card's claimants."""
    project = key_project(tmp_path / "bridge.claimweave")
    result = drive(project, ["Button: Claimants"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert opened(result) == {"Button: Claimants"}, result.stdout


def test_make_assignment_cancelled_then_quit(tmp_path: Path) -> None:
    """The reported case on its own: nothing else opened before or after."""
    project = key_project(tmp_path / "bridge.claimweave")
    result = drive(project, ["Classroom > Make Assignment"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert opened(result) == {"Classroom > Make Assignment"}
    assert not list(tmp_path.glob("*.cwassign")), "a cancelled dialog writes nothing"


@pytest.fixture
def classroom_files(tmp_path: Path) -> tuple[Path, Path]:
    """A class project (collected) and a student's working copy."""
    key = key_project(tmp_path / "key.claimweave")
    assignment = tmp_path / "bridge.cwassign"
    make_assignment(key, assignment, instructions="Mark the durations.")
    work = tmp_path / "ana.claimweave"
    start_submission(assignment, "Ana", work)
    hand_in(work, tmp_path / "ana.cwsubmit")
    made = collect(key, [tmp_path / "ana.cwsubmit"], tmp_path / "class.claimweave")
    return made.path, work


def test_classroom_dialogs_of_a_class_and_a_working_copy(
        classroom_files: tuple[Path, Path], tmp_path: Path) -> None:
    class_project, work = classroom_files
    result = drive(class_project, CLASS_DIALOGS, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert opened(result) == set(CLASS_DIALOGS), result.stdout
    result = drive(work, WORK_DIALOGS, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert opened(result) == set(WORK_DIALOGS), result.stdout


def test_window_opens_read_only_in_a_folder_the_user_cannot_write(tmp_path: Path) -> None:
    """As an unprivileged user (root ignores permissions): the window shows the project
    read-only, says so, and its reading dialogs open; nothing beside the project changes."""
    import shutil
    import tempfile

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run the window as an unprivileged user")
    place = Path(tempfile.mkdtemp(prefix="claimweave-shared-", dir="/tmp"))
    try:
        share, home = place / "share", place / "home"
        share.mkdir()
        home.mkdir()
        place.chmod(0o755)
        home.chmod(0o777)
        project = key_project(share / "bridge.claimweave")
        project.chmod(0o644)
        Path(f"{project}.lock").unlink(missing_ok=True)
        before = sorted(p.name for p in share.iterdir())
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
               "XDG_STATE_HOME": str(home / "s"), "XDG_RUNTIME_DIR": str(home)}
        actions = ["File > Export", "File > Save Report", "View > Comparison Views"]
        result = subprocess.run(
            [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
             str(DRIVER), str(project), *actions],
            env=env, capture_output=True, text=True, timeout=300, cwd="/")
        if result.returncode != 0 and "No module named" in result.stderr:
            pytest.skip("the unprivileged user cannot run this Python")
        assert result.returncode == 0, result.stderr[-3000:]
        assert "can only be read" in result.stdout, result.stdout
        assert opened(result) == set(actions), result.stdout
        assert sorted(p.name for p in share.iterdir()) == before
    finally:
        shutil.rmtree(place, ignore_errors=True)
