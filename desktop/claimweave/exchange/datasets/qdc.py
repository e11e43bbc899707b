"""REFI-QDA codebook (.qdc): the tags alone, for ATLAS.ti, MAXQDA, NVivo, QualCoder and others.

``<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code .../></Codes></CodeBook>``: one
Code per tag, nested like the tags, with colour and Description. GUIDs are the tags' ids,
so importing a codebook twice, or into the project it came from, changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ... import __version__
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress
from .bundle import Bundle
from .files import atomic_writer
from .qdpx import _a, codes_xml
from .qdpx_read import qualified, read_codes
from .safety import parse_xml, read_bytes

NAMESPACE = "urn:QDA-XML:codebook:1.0"


def export_qdc(project: Project, path: Path, selection: ExportSelection,
               progress: Progress | None = None) -> ExportSummary:
    """The whole codebook (a selection of claims does not narrow a codebook)."""
    tags = project.tags()
    with atomic_writer(path) as fh:
        fh.write(f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="{NAMESPACE}" '
                 f'origin={_a("ClaimWeave " + __version__)}>\n<Codes>\n')
        fh.writelines(codes_xml(tags, None))
        fh.write("</Codes>\n</CodeBook>\n")
    if progress is not None:
        progress(1, 1)
    return ExportSummary(path, 0, 0, 0, (path,))


def read_qdc(path: Path) -> Bundle:
    """The codebook of a .qdc file (or of any REFI-QDA file with a CodeBook root)."""
    root = parse_xml(read_bytes(path), str(path))
    q = qualified(root, "CodeBook", str(path))
    bundle = Bundle(path.name)

    def place(element: Any) -> str:
        return f"{path}: Code guid={element.get('guid')!r}"

    read_codes(root, q, place, bundle)
    return bundle
