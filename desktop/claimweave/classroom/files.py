"""Writing classroom files: a new project built from bundles, complete or not at all.

Each file is staged under a temporary name beside the output and renamed over it only when
finished, so a refused or interrupted step never leaves a half-built file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from pathlib import Path

from ..core.store import Project
from ..core.targets import OutputTargetError, check_output_target
from ..exchange.datasets.bundle import Bundle
from ..exchange.datasets.ingest import apply_bundle
from ..exchange.merge import project_bundle
from .errors import ClassroomError

SIDE_FILES = ("-wal", "-shm", "-journal")


def check_output(out: Path, protected: Iterable[Path] = ()) -> None:
    """Refuse early, before any work, an output that exists, has no folder, or is one of
    the *protected* input projects' files (see core/targets.py)."""
    try:
        check_output_target(out, protected, exist_ok=False)
    except OutputTargetError as exc:
        raise ClassroomError(str(exc)) from None


def free_path(wanted: Path) -> Path:
    """*wanted*, or the first of 'NAME (2).ext', 'NAME (3).ext' ... that does not exist:
    the name a dialog proposes, so the first click does not hit "already exists"."""
    path, n = wanted, 2
    while path.exists() or Path(str(path) + ".lock").exists():
        path = wanted.with_name(f"{wanted.stem} ({n}){wanted.suffix}")
        n += 1
    return path


def read_bundle(project: Project) -> Bundle:
    """Everything in *project* with its ids (documents, codebook, claims, links)."""
    return project_bundle(project)


def without_annotations(bundle: Bundle) -> Bundle:
    """The same bundle with no claims and no links: documents and codebook only."""
    bundle.claims.clear()
    bundle.links.clear()
    return bundle


def as_annotator(bundle: Bundle, name: str, claim_ids: set[str] | None = None) -> Bundle:
    """Keep the claims in *claim_ids* (all when None) and the links between them, all
    attributed to *name*."""
    if claim_ids is not None:
        bundle.claims[:] = [c for c in bundle.claims if c.key in claim_ids]
    kept = {c.key for c in bundle.claims}
    bundle.links[:] = [k for k in bundle.links if k.source in kept and k.target in kept]
    for c in bundle.claims:
        c.annotator = name
    for k in bundle.links:
        k.annotator = name
    return bundle


def build_project(out: Path, bundles: Iterable[Bundle], settings: Mapping[str, str], *,
                  title: str, label: str,
                  fill: Callable[[Project], None] | None = None,
                  finish: Callable[[Project], Mapping[str, str]] | None = None,
                  portable: bool = False, protected: Iterable[Path] = (),
                  progress: Callable[[], None] | None = None) -> Path:
    """Create *out* holding *bundles* (applied in order, ids kept) and *settings*.

    *fill* writes what bundles do not hold (prompts, answers, rubric) in the same step.
    Settings are written last, so a ``documents_locked`` setting does not stop the
    documents from being added; *finish* adds settings computed from the finished content
    (a submission's checksum covers exactly what was written). A *portable* file (one
    handed to someone) is left in rollback-journal mode, so reading it leaves no -wal or
    -shm file beside it. *protected*: the input projects, which *out* must not name.
    *progress* is called before each bundle; what it raises (a cancel) leaves no file.
    """
    check_output(out, protected)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    staged = Path(name)
    staged.unlink()
    try:
        with Project.create(staged, title=title, lock=False) as project:  # private until renamed
            with project.batch(label):
                for bundle in bundles:
                    if progress is not None:
                        progress()
                    report = apply_bundle(project, bundle, label=label)
                    if report.conflicts:  # a fresh project: only clashing inputs conflict
                        raise ClassroomError(report.conflicts[0])
                if fill is not None:
                    fill(project)
            extra = dict(finish(project)) if finish else {}
            with project.batch("Classroom settings"):
                for key, value in {**settings, **extra}.items():
                    project.set_setting(key, value)
            if portable:
                project.make_portable()
        os.replace(staged, out)
    finally:
        for suffix in ("", *SIDE_FILES):
            with suppress(FileNotFoundError):
                Path(str(staged) + suffix).unlink()
    return out
