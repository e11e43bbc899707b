"""Where a project file lives: folders where SQLite's safety does not hold.

A sync client (Dropbox, OneDrive, Google Drive, iCloud Drive) uploads the project file and
its ``-wal`` separately while ClaimWeave writes them, and can bring back an older copy of
one beside a newer copy of the other; SQLite's locks do not cross machines, so two
computers can edit the same file. Network file systems (NFS, SMB, sshfs) break SQLite's
locking and the shared memory its write-ahead log needs. QualCoder and MAXQDA give the
same advice as this module: work on a local copy, share copies or exports.
"""

from __future__ import annotations

import os
from pathlib import Path

SYNCED_FOLDERS = {
    "dropbox": "Dropbox", "onedrive": "OneDrive", "google drive": "Google Drive",
    "googledrive": "Google Drive", "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive", "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive", "box sync": "Box", "nextcloud": "Nextcloud",
    "owncloud": "ownCloud", "pcloud drive": "pCloud", "pclouddrive": "pCloud",
}
"""Folder names (lower case) that sync clients create, and the client's name."""

NETWORK_FS = ("nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "sshfs", "9p",
              "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.davfs2",
              "fuse.rclone", "fuse.gvfsd-fuse", "fuse.s3fs", "fuse.gcsfuse", "fuse.onedriver")


def synced_by(path: Path) -> str | None:
    """The sync client whose folder holds *path*, judged by the folder names on its way."""
    for part in Path(os.path.abspath(path)).parts[:-1]:
        name = part.casefold()
        if name in SYNCED_FOLDERS:
            return SYNCED_FOLDERS[name]
        for prefix in ("onedrive - ", "dropbox (", "google drive ("):  # business accounts
            if name.startswith(prefix):
                return SYNCED_FOLDERS[prefix.rstrip(" -(")]
    return None


def network_fs(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """The network file system type *path* is on (Linux: read from /proc/mounts), or None."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None  # not Linux, or no /proc: nothing to go by
    real = Path(os.path.realpath(path))
    best, fstype = -1, ""
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(fields[1].replace("\\040", " "))
        if (real == point or point in real.parents) and len(point.parts) > best:
            best, fstype = len(point.parts), fields[2]
    return fstype if fstype in NETWORK_FS or fstype.startswith(("nfs", "smb")) else None


def storage_warning(path: Path | str, *, mounts: Path = Path("/proc/mounts")) -> str | None:
    """A warning to show once when a project opens from a synced folder or a network file
    system, saying what to do instead; None for an ordinary local folder."""
    path = Path(path)
    client = synced_by(path)
    if client is not None:
        return (f"{path.name} is in a folder synced by {client}. Sync programs copy the "
                "project and its -wal file separately while ClaimWeave writes them, and "
                "SQLite's locks do not reach other computers, so edits can be lost or the file "
                "damaged. Keep the project in a local folder outside the synced one, and share "
                "copies (claimweave backup) or exports instead.")
    fstype = network_fs(path, mounts)
    if fstype is not None:
        return (f"{path.name} is on a network file system ({fstype}), where SQLite's file "
                "locks and write-ahead log are not reliable: edits can be lost or the file "
                "damaged, above all when two computers open it. Copy the project to a local "
                "disk to work on it, and copy it back when done.")
    return None
