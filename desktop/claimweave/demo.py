"""Build the demo project that ``make run`` opens: ``python -m claimweave.demo OUT.claimweave``.

The articles, codebook, claims and links live as plain files in ``resources/demo`` so they
can be read and reviewed like any text; this module turns them into a project through the
public :class:`~claimweave.core.store.Project` API only, exactly as a user's edits would.
The project is built in a temporary file next to OUT and renamed over it at the end, so
OUT is never left half built.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .core.errors import ClaimWeaveError, ProjectFileError
from .core.lock import ProjectLock
from .core.store import Project
from .core.targets import check_output_target

ANNOTATOR = "demo"
PANES_SETTING = "gui.panes"
"""Comma-separated document ids the window shows side by side when it opens the project."""


class DemoResourceError(ClaimWeaveError):
    """The demo's resource files are missing or inconsistent."""


def resources_dir() -> Traversable:
    """The ``demo`` resource folder: at the repository root in a checkout, else in the package.

    A checkout keeps ``resources/`` next to ``desktop/``; an installed build may carry it
    inside the package as ``claimweave/resources``.
    """
    checkout = Path(__file__).resolve().parents[2] / "resources" / "demo"
    if (checkout / "annotations.json").is_file():
        return checkout
    packaged = resources.files("claimweave") / "resources" / "demo"
    if packaged.joinpath("annotations.json").is_file():
        return packaged
    raise DemoResourceError(
        f"the demo resources were found neither in {checkout} nor in the installed package")


def _read_json(folder: Traversable, name: str) -> dict[str, Any]:
    try:
        data = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DemoResourceError(f"demo resource {name} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise DemoResourceError(f"demo resource {name} is not a JSON object")
    return data


def populate(project: Project, folder: Traversable | None = None) -> None:
    """Add the demo's documents, codebook, claims and links to an empty *project*.

    Everything goes in as one transaction: the demo appears whole or not at all.
    """
    folder = folder or resources_dir()
    meta = _read_json(folder, "articles.json")
    notes = _read_json(folder, "annotations.json")
    annotator = notes.get("annotator", ANNOTATOR)
    with project.batch("Build the demo"):
        if notes.get("title"):
            project.set_title(notes["title"])
        docs: dict[str, str] = {}
        for article in meta["articles"]:
            name = article["file"]
            text = folder.joinpath("articles", name).read_text(encoding="utf-8")
            outcome = project.add_document(
                text, title=article.get("title"), author=article.get("author"),
                outlet=article.get("outlet"), published=article.get("published"),
                url=article.get("url"), language=article.get("language"), source_file=name)
            if outcome.duplicate:
                raise DemoResourceError(f"demo article {name} repeats another article's text")
            docs[Path(name).stem] = outcome.document.id
            _source_card(project, outcome.document.id, article)
        for tag in notes["tags"]:
            project.add_tag(tag["name"], color=tag.get("color"), parent=tag.get("parent"),
                            description=tag.get("description", ""))
        for k in notes.get("claimants", ()):
            project.add_claimant(k["name"], aliases=k.get("aliases", ()))
        claims: dict[str, tuple[str, str]] = {}
        for c in notes["claims"]:
            if c["doc"] not in docs:
                raise DemoResourceError(f"claim {c['id']} names an unknown article {c['doc']!r}")
            if c["id"] in claims:
                raise DemoResourceError(f"claim id {c['id']} is used twice")
            claim = project.add_claim(docs[c["doc"]], quote=c["quote"],
                                      occurrence=c.get("occurrence"), tags=c.get("tags", ()),
                                      note=c.get("note", ""), annotator=annotator)
            claims[c["id"]] = (claim.id, claim.document_id)
            if c.get("claimant"):
                project.set_claimant(claim.id, c["claimant"])
        for link in notes["links"]:
            try:
                (a, doc_a), (b, doc_b) = claims[link["source"]], claims[link["target"]]
            except KeyError as exc:
                raise DemoResourceError(f"a link names an unknown claim {exc}") from None
            if doc_a == doc_b:
                raise DemoResourceError(
                    f"link {link['source']} - {link['target']} joins claims of one article")
            project.link_claims(a, b, link["relation"], note=link.get("note", ""),
                                annotator=annotator)
        project.set_setting(PANES_SETTING, ",".join(docs.values()))


def _source_card(project: Project, doc_id: str, article: dict[str, Any]) -> None:
    """The article's kind, reliability with its reason, and attributes, where given."""
    card = {k: article[k] for k in ("kind", "reliability", "reason") if k in article}
    if card:
        project.set_source_card(doc_id, **card)
    for name, value in article.get("attributes", {}).items():
        project.set_attribute(doc_id, name, value)


def build_demo(path: Path) -> Path:
    """Build the demo project at *path*, replacing any file there only once it is complete."""
    return _build(path)[0]


def user_demo(folder: Path) -> Path:
    """The user's own demo project in *folder* (the program's data folder), built from the
    resources on first use. Annotating the demo changes this copy, never the shipped file,
    which may sit in a read-only install folder or in a source checkout."""
    target = Path(folder) / "demo.claimweave"
    if not target.exists():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectFileError(f"{target.parent}: cannot create the folder for the demo "
                                   f"({exc.strerror or exc})") from None
        build_demo(target)
    return target


def _build(path: Path) -> tuple[Path, dict[str, Any]]:
    """Build as :func:`build_demo` does; also return the new project's stats for reporting."""
    path = check_output_target(Path(path).absolute())  # not a folder, link, FIFO or device
    with tempfile.TemporaryDirectory(prefix=".demo-build-", dir=path.parent) as tmp:
        staged = Path(tmp) / path.name
        project = Project.create(staged)
        try:
            populate(project)
            stats = project.stats()
        finally:
            project.close()
        if staged.with_name(staged.name + "-wal").exists():
            raise ProjectFileError(f"{staged}: the new project was not closed cleanly")
        _replace(staged, path)
    return path, stats


def _replace(staged: Path, path: Path) -> None:
    """Rename *staged* over *path*; refuse while a running ClaimWeave has *path* open.

    A stale ``-wal`` or ``-shm`` beside the old file would be replayed into the new one,
    so they go first.
    """
    lock = ProjectLock(path) if path.exists() else None
    if lock:
        lock.acquire()
    try:
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(staged, path)
    finally:
        if lock:
            lock.release()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m claimweave.demo OUT.claimweave``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: python -m claimweave.demo OUT.claimweave", file=sys.stderr)
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    try:
        out, s = _build(Path(args[0]))
    except ClaimWeaveError as exc:
        print(f"claimweave demo: {exc}", file=sys.stderr)
        return 1
    print(f"{out}: {s['documents']} documents, {s['claims']} claims, {s['tags']} tags, "
          f"{s['links']} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
