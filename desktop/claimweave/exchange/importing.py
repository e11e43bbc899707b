"""Importing a batch of files into a project: one bad file never stops the good ones."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ClaimWeaveError
from ..core.model import Document
from ..core.store import Project
from .sources.common import as_text
from .sources.reader import SourceText, read_source

_log = logging.getLogger(__name__)

Progress = Callable[[int, int, Path], bool | None]
"""Called before each file with (index, total, path); returning False cancels the rest."""


@dataclass(frozen=True, slots=True)
class FileImportResult:
    path: Path
    document: Document | None = None
    duplicate: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "status": "error" if self.error else "duplicate" if self.duplicate else "imported",
            "document": self.document.to_json() if self.document else None,
            "error": self.error,
            "warnings": list(self.warnings),
        }


def import_files(project: Project, paths: Iterable[Path], *,
                 metadata: dict[str, str | None] | None = None,
                 progress: Progress | None = None,
                 reader: Callable[[Path], SourceText] = read_source) -> list[FileImportResult]:
    """Read and store each file; metadata given here overrides what the file states.

    Each document is its own undo step, so undo removes the last import first. *reader*
    turns a file into text (the desktop passes one that reads ahead on a worker thread).
    """
    paths = list(paths)
    overrides = {k: v for k, v in (metadata or {}).items() if v}
    results: list[FileImportResult] = []
    for index, path in enumerate(paths):
        if progress is not None and progress(index, len(paths), path) is False:
            break
        try:
            source = reader(path)
            fields = {
                "title": source.title or as_text(path.stem),
                "author": source.author,
                "outlet": source.outlet,
                "published": source.published,
                "url": source.url,
                **overrides,
            }
            outcome = project.add_document(source.text, language=source.language,
                                           source_file=as_text(path.name), **fields)
        except ClaimWeaveError as exc:
            message = str(exc)
            if path.name not in message:
                message = f"{path}: {message}"
            _log.info("refused: %s", message)
            results.append(FileImportResult(path, error=message))
            continue
        _log.info("imported %s into %s as document %s%s", path, project.path.name,
                  outcome.document.id, " (already there)" if outcome.duplicate else "")
        results.append(FileImportResult(path, outcome.document, outcome.duplicate,
                                        warnings=source.warnings))
    return results
