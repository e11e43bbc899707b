"""The window warns once per project that a synced folder is no place for a project."""

from __future__ import annotations

from pathlib import Path

from claimweave.app import Opener


def test_the_window_warns_once_per_project_in_a_synced_folder(tmp_path: Path, qtbot) -> None:
    notices: list[tuple[str, str]] = []
    opener = Opener(notify=lambda _parent, title, text, _warn: notices.append((title, text)))
    folder = tmp_path / "OneDrive - Contoso"
    folder.mkdir()
    session = opener.create(folder / "study.claimweave", None)
    assert session is not None
    session.project.close()
    for _ in range(2):
        session = opener.open(folder / "study.claimweave", None)
        assert session is not None
        session.project.close()
    assert len(notices) == 1 and "OneDrive" in notices[0][1]
    local = opener.create(tmp_path / "local.claimweave", None)
    assert local is not None and len(notices) == 1
    local.project.close()
