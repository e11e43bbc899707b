"""The importer registry: a format name -> the reader that turns a file into a bundle.

Readers only parse (no project access), so a malformed file is refused before anything is
written; :func:`import_annotations` then applies the bundle in one transaction.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ...core.errors import ImportRefusedError
from ...core.gcpause import gc_paused
from ...core.store import Project
from ..sources.common import describe
from .base import load
from .bundle import Bundle, check_bundle
from .ingest import ImportReport, apply_bundle
from .safety import check_not_blank, check_regular_file

log = logging.getLogger(__name__)

IMPORTERS: dict[str, str] = {
    "jsonl": "claimweave.exchange.datasets.jsonl:read_jsonl",
    "webanno": "claimweave.exchange.datasets.webanno:read_webanno",
    "brat": "claimweave.exchange.datasets.brat:read_brat",
    "qdpx": "claimweave.exchange.datasets.qdpx_read:read_qdpx",
    "qdc": "claimweave.exchange.datasets.qdc:read_qdc",
    "labelstudio": "claimweave.exchange.datasets.labelstudio:read_labelstudio",
    "doccano": "claimweave.exchange.datasets.doccano:read_doccano",
}


SUFFIXES = {".jsonl": "jsonl", ".jsonld": "webanno", ".json": "webanno", ".qdpx": "qdpx",
            ".qdc": "qdc"}


def guess_format(path: Path) -> str:
    """The import format a file or folder is in, from its name (a folder is brat); .json
    and .jsonl files, which several formats share, by their first keys."""
    path = Path(path)
    if path.is_dir():
        return "brat"
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ImportRefusedError(
            f"{path}: cannot tell the format from the name; annotations are imported from "
            ".jsonl (ours or doccano), .json (Label Studio or W3C Web Annotation), .jsonld, "
            ".qdpx (REFI-QDA), .qdc (REFI-QDA codebook) files or a brat folder")
    return _sniff(path, fmt)


def _sniff(path: Path, fmt: str) -> str:
    """doccano among JSON Lines, Label Studio among JSON: told by the keys that open it."""
    if fmt not in ("jsonl", "webanno"):
        return fmt
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16).decode("utf-8", "replace")
    except OSError:
        return fmt  # reading refuses it with the reason
    first = head.lstrip("\ufeff \t\r\n")
    if fmt == "jsonl":
        line = first.split("\n", 1)[0]
        doccano = ('"entities"' in line or '"label"' in line) and '"text_sha256"' not in line
        return "doccano" if doccano else fmt
    return "labelstudio" if first.startswith("[") and '"data"' in first[:2000] else fmt


def read_annotations(path: Path, fmt: str) -> Bundle:
    reader = load(IMPORTERS, fmt, "import")
    path = Path(path)
    if not path.exists():
        raise ImportRefusedError(f"{path}: no such file or folder")
    if fmt != "brat":
        check_regular_file(path)
        check_not_blank(path)  # an empty file is a mistake, not an import of nothing
    try:
        with gc_paused():  # a file's records hold no cycles: no collections while reading
            bundle: Bundle = reader(path)  # type: ignore[assignment]
    except (TypeError, AttributeError, KeyError, IndexError, ValueError) as exc:
        # A value of a shape the reader did not expect (a list where an object belongs, an
        # object as an id): the file is bad, not the program. Each reader names the place
        # for the mistakes it checks; this names the file for the rest.
        log.info("reading %s as %s failed", path, fmt, exc_info=True)
        raise ImportRefusedError(
            f"{path}: is not a well-formed {fmt} file: a value has a type or shape the "
            f"format does not allow ({describe(exc)})") from None
    if not (bundle.documents or bundle.tags or bundle.relations or bundle.claims
            or bundle.links or bundle.claimants):  # "[]", "{}", a folder without texts
        raise ImportRefusedError(f"{path}: holds no documents, codes or annotations to "
                                 "import")
    with gc_paused():
        check_bundle(bundle)
    return bundle


def apply_annotations(project: Project, bundle: Bundle, path: Path) -> ImportReport:
    """Write a bundle read from *path* into *project* (one undo step)."""
    return apply_bundle(project, bundle, label=f"Import annotations from {Path(path).name}")


def import_annotations(project: Project, path: Path, fmt: str) -> ImportReport:
    """Bring the annotations of a dataset file into *project* (one undo step)."""
    return apply_annotations(project, read_annotations(path, fmt), path)
