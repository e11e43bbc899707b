"""Rolling backups: each one is a complete, valid project; only the newest N are kept."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from claimweave.cli import main
from claimweave.core.backup import (
    PARTIAL,
    AutoBackup,
    BackupError,
    backup_folder,
    list_backups,
    make_backup,
)
from claimweave.core.integrity import check
from claimweave.core.store import Project

T0 = datetime(2025, 3, 1, 9, 30, 0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "river study.claimweave"
    with Project.create(p) as project:
        doc = project.add_document("The river rose two metres overnight. 🌧 Rain was heavy.",
                                   title="Flood").document.id
        project.add_tag("Weather")
        a = project.add_claim(doc, quote="rose two metres", tags=["Weather"])
        b = project.add_claim(doc, quote="Rain was heavy")
        project.link_claims(a.id, b.id, "related")
    return p


def snapshot(p: Path) -> tuple:
    with Project.open(p, read_only=True) as project:
        return (project.stats(), [c.to_json() for c in project.claims()],
                [x.to_json() for x in project.links()], [t.name for t in project.tags()])


def test_backup_is_a_valid_project_with_the_same_content(path: Path) -> None:
    target = make_backup(path, now=T0)
    assert target == path.parent / "river study.backups" / "river study-20250301-093000.claimweave"
    assert check(target).ok
    assert snapshot(target) == snapshot(path)
    with Project.open(target, lock=True) as restored:  # restoring is opening it, for writing
        restored.add_tag("Restored")
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name, target.name + ".lock"]


def test_backup_of_an_open_project_holds_its_last_edit(path: Path) -> None:
    with Project.open(path, lock=True) as project:
        doc = project.documents()[0].id
        project.add_claim(doc, quote="overnight")
        target = make_backup(project, now=T0)  # the open project itself, mid-session
        project.add_tag("After the backup")
    with Project.open(target, read_only=True) as copy:
        assert [c.quote for c in copy.claims()].count("overnight") == 1
        assert "After the backup" not in [t.name for t in copy.tags()]
    assert check(target).ok


def test_keeps_only_the_newest(path: Path) -> None:
    made = [make_backup(path, keep=3, now=T0 + timedelta(minutes=i)) for i in range(5)]
    assert list_backups(path) == made[2:]
    assert sorted(backup_folder(path).iterdir()) == made[2:]


def test_two_backups_in_one_second_get_distinct_names_in_order(path: Path) -> None:
    made = [make_backup(path, keep=10, now=T0) for _ in range(3)]
    assert len(set(made)) == 3
    assert list_backups(path) == made
    assert made[1].name.endswith("-093000-2.claimweave")


def test_other_files_in_the_folder_are_left_alone(path: Path) -> None:
    folder = backup_folder(path)
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "other-20200101-000000.claimweave").write_text("another project's")
    for i in range(3):
        make_backup(path, keep=1, now=T0 + timedelta(seconds=i))
    assert len(list_backups(path)) == 1
    assert (folder / "notes.txt").exists()
    assert (folder / "other-20200101-000000.claimweave").exists()


def test_edits_during_a_stepped_backup(path: Path) -> None:
    """A writer commits while the copy runs one page per step: the backup still completes
    (restarting, or finally in one step) and is a consistent project."""
    with Project.open(path) as project:
        doc = project.documents()[0].id
        project.add_claims(doc, [(i % 40, i % 40 + 5) for i in range(400)])
    stop = threading.Event()

    def writer() -> None:
        with Project.open(path) as project:
            doc = project.documents()[0].id
            n = 0
            while not stop.is_set():
                project.add_claim(doc, n % 40, n % 40 + 3, note=f"edit {n}")
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        target = make_backup(path, step_pages=1, now=T0)
    finally:
        stop.set()
        thread.join()
    assert check(target).ok


def test_unwritable_folder_is_a_known_error(path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(BackupError):
        make_backup(path, folder=blocker / "backups")
    with pytest.raises(BackupError):
        make_backup(tmp_path / "missing.claimweave")
    assert not list(tmp_path.glob("missing.backups/*"))


def test_cli_backup(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        assert main(["backup", str(path), "--keep", "2", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
    assert len(data["kept"]) == 2 and Path(data["backup"]).is_file()
    assert main(["backup", str(path), "--keep", "0"]) == 1


def test_auto_backup_policy(path: Path) -> None:
    clock = [0.0]
    auto = AutoBackup(path, keep=5, every_edits=3, every_seconds=60, clock=lambda: clock[0])
    with Project.open(path) as project:
        project.subscribe(auto.on_change)
        auto.backup_now()  # on open
        first = auto.last_backup
        assert first is not None
        doc = project.documents()[0].id
        project.add_claim(doc, 0, 3)
        project.add_claim(doc, 1, 3)
        auto.tick()  # edits pending, but the interval has not passed
        assert auto.last_backup == first
        clock[0] = 61.0
        auto.tick()
        second = auto.last_backup
        assert second != first and auto.pending_edits == 0
        for i in range(3):  # the third edit triggers a backup by count
            project.add_claim(doc, i, i + 5)
        assert auto.last_backup != second
        clock[0] = 500.0
        auto.tick()  # no edits since: nothing to back up
    assert len(list_backups(path)) == 3


def test_auto_backup_reports_errors_without_raising(path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    errors: list[BackupError] = []
    jobs: list = []
    auto = AutoBackup(path, folder=blocker / "b", on_error=errors.append, runner=jobs.append)
    auto.backup_now()
    assert len(jobs) == 1 and not errors  # the runner decides when (and where) it runs
    jobs[0]()
    assert len(errors) == 1


def test_copy_falls_back_to_one_step_when_edits_keep_restarting_it(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimweave.core.backup as backup

    real, steps = backup._copy_once, []

    def restarting(src, target, step_pages, report):  # type: ignore[no-untyped-def]
        steps.append(step_pages)
        if len(steps) == 1:
            target.write_bytes(b"half a copy")
            raise backup._Restarted
        return real(src, target, step_pages, report)

    monkeypatch.setattr(backup, "_copy_once", restarting)
    target = make_backup(path, now=T0)
    assert steps == [backup.STEP_PAGES, -1]
    assert check(target).ok


def test_a_backup_stopped_by_its_progress_leaves_no_file(path: Path) -> None:
    first = make_backup(path, now=T0)
    Project.open(path).close()
    folder = first.parent
    steps: list[tuple[int, int]] = []

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        steps.append((done, total))
        assert list(folder.glob("*" + PARTIAL))  # the copy is being written
        raise Stop

    with pytest.raises(Stop):
        make_backup(path, step_pages=1, progress=stop)
    assert steps and steps[0][1] > 1
    assert sorted(folder.iterdir()) == [first]



def test_an_unchanged_project_is_not_copied_again(path: Path) -> None:
    first = make_backup(path)
    Project.open(path).close()  # opening and closing rewrites nothing that matters
    assert make_backup(path, unless_unchanged=True) == first
    assert list_backups(path) == [first]
    with Project.open(path) as project:
        project.add_tag("Later")
    second = make_backup(path, unless_unchanged=True)
    assert second != first and list_backups(path) == [first, second]
