"""A project in a synced folder or on a network file system gets one warning that says
what to do instead (core/location.py); a local folder gets none."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.cli import common
from claimweave.core.location import network_fs, storage_warning, synced_by

from .cli_run import run


@pytest.mark.parametrize(("folder", "client"), [
    ("Dropbox/research", "Dropbox"),
    ("Dropbox (Uni Bern)/research", "Dropbox"),
    ("OneDrive - Contoso/Documents", "OneDrive"),
    ("OneDrive", "OneDrive"),
    ("Google Drive/My Drive", "Google Drive"),
    ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ("iCloud Drive/thesis", "iCloud Drive"),
    ("Nextcloud/shared", "Nextcloud"),
])
def test_synced_folders_are_recognised(tmp_path: Path, folder: str, client: str) -> None:
    path = tmp_path / folder / "study.claimweave"
    assert synced_by(path) == client
    warning = storage_warning(path)
    assert warning and client in warning and "local folder" in warning


def test_a_local_folder_gets_no_warning(tmp_path: Path) -> None:
    assert synced_by(tmp_path / "dropboxes" / "p.claimweave") is None
    assert storage_warning(tmp_path / "p.claimweave") is None  # a real folder, real mounts


def test_network_file_systems_are_recognised_from_the_mount_table(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    share = tmp_path / "share"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/export {share} nfs4 rw 0 0\n"
                      f"//nas/team {tmp_path / 'smb'} cifs rw 0 0\n")
    assert network_fs(share / "p.claimweave", mounts) == "nfs4"
    assert network_fs(tmp_path / "smb" / "x" / "p.claimweave", mounts) == "cifs"
    assert network_fs(tmp_path / "local" / "p.claimweave", mounts) is None
    warning = storage_warning(share / "p.claimweave", mounts=mounts)
    assert warning and "nfs4" in warning and "local disk" in warning


def test_the_command_line_warns_once_on_stderr(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_WARNED", set())
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = folder / "study.claimweave"
    code, _, err = run(capsys, "new", path)
    assert code == 0 and err.count("warning: ") == 1 and "Dropbox" in err
    code, _, err = run(capsys, "stats", path)
    assert code == 0 and "warning:" not in err  # once per project
    monkeypatch.setattr(common, "_WARNED", set())
    assert run(capsys, "stats", path)[2].startswith("warning: ")
