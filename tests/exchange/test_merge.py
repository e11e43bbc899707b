"""Merging projects: by text hash and id; twice changes nothing; conflicts reported."""

from __future__ import annotations

import json

from claimweave.cli import main
from claimweave.core.store import Project
from claimweave.exchange.merge import merge_projects

from .datasets_sample import TEXTS, build, codebook, content, state


def test_merge_twice_changes_nothing(project, tmp_path):
    build(project)
    target = Project.create(tmp_path / "target.claimweave")
    target.add_document(TEXTS[0][1], title="Same text, other id")
    (report,) = merge_projects(target, [project.path])
    assert report.added["documents"] == 2 and report.matched["documents"] == 1
    assert content(target, meta=())["claims"] == content(project, meta=())["claims"]
    assert codebook(target) == codebook(project)
    before = state(target)
    (again,) = merge_projects(target, [project.path])
    assert not again.changed and not again.conflicts
    assert state(target) == before
    target.close()


def test_conflicts_are_reported_not_overwritten(project, tmp_path):
    ids = build(project)
    copy = tmp_path / "copy.claimweave"
    project.close()
    import shutil

    shutil.copy(project.path, copy)
    project = Project.open(project.path)
    other = Project.open(copy)
    other.update_claim(ids["rose0"], note="changed elsewhere")
    other.close()
    (report,) = merge_projects(project, [copy])
    assert any(ids["rose0"] in c for c in report.conflicts)
    assert project.claim(ids["rose0"]).note.startswith("multi")
    project.close()


def test_cli_merge(project, tmp_path, capsys):
    build(project)
    project.close()
    target = tmp_path / "t.claimweave"
    assert main(["new", str(target)]) == 0
    capsys.readouterr()
    assert main(["merge", str(target), str(project.path), "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)[0]["added"]["claims"] == 9
    from claimweave.core.backup import list_backups

    (before,) = list_backups(target)  # taken before the merge: the empty project
    with Project.open(before, read_only=True) as copy:
        assert copy.claims() == []
    assert main(["merge", str(target), str(project.path)]) == 0
    assert len(list_backups(target)) == 2  # the merged state, before the second merge


def test_merging_moves_the_content_signature_and_undo_moves_it_on(project, tmp_path):
    """Derived data (the stored suggestion index) is valid at a content signature: a merge
    that adds claims, and the undo of it, must each give one never seen before; a merge
    that changes nothing leaves it."""
    build(project)
    with Project.create(tmp_path / "target.claimweave") as target:
        seen = [target.content_signature()]
        merge_projects(target, [project.path])
        seen.append(target.content_signature())
        merge_projects(target, [project.path])
        assert target.content_signature() == seen[-1]
        target.undo()
        seen.append(target.content_signature())
        assert target.claims() == [] and len(set(seen)) == 3


def test_merging_a_project_into_itself_is_refused(tmp_path):
    """The window refused it; the command line merged it and said "0 added". Also under
    another name (a symbolic link)."""
    import subprocess
    import sys

    path = tmp_path / "p.claimweave"
    with Project.create(path) as p:
        build(p)
    (tmp_path / "alias.claimweave").symlink_to(path)
    before = path.read_bytes()
    for source in (path, tmp_path / "alias.claimweave"):
        done = subprocess.run([sys.executable, "-m", "claimweave", "merge", str(path),
                               str(source)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.splitlines() == [
            f"error: {source}: that is the target project itself; nothing to merge"]
    assert path.read_bytes() == before
    assert not (tmp_path / "p.backups").exists()  # not even a backup was made
