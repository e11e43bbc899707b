"""Source criticism on the command line: claimant, claimants, doc (the source card),
provenance (reused text) and update-text. Names and JSON shapes are a stable interface."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.errors import InvalidOperationError
from ..core.model import Document
from ..core.sources_repo import KINDS, UNSET
from ..core.store import Project
from ..core.wording import counted
from .common import command, emit_line, emit_table, open_project, print_json, short_id

CARD_KEYS = ("id", "title", "author", "outlet", "published", "url", "chars", "claims",
             "kind", "reliability", "reason", "note", "attributes")


def document_json(doc: Document) -> dict[str, Any]:
    """One document as ``docs --json`` and ``doc --json`` print it."""
    return {k: getattr(doc, k) for k in CARD_KEYS}


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "claimant", "name who asserts a claim, or --clear it (the author's own)",
                 cmd_claimant) as p:
        p.add_argument("claim", metavar="CLAIM", help="claim id or unique prefix")
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("name", metavar="NAME", nargs="?",
                         help="a claimant's name or alias (a new name adds a claimant)")
        who.add_argument("--clear", action="store_true", help="the claim is the author's own")

    with command(sub, "claimants", "list the claimants, edit them, or propose some",
                 cmd_claimants) as p:
        act = p.add_mutually_exclusive_group()
        act.add_argument("--suggest", action="store_true",
                         help="proposals (spaCy) for claims that have no claimant")
        act.add_argument("--rename", nargs=2, metavar=("NAME", "NEW"))
        act.add_argument("--alias", nargs=2, metavar=("NAME", "ALIAS"),
                         help="another name the claimant is known by")
        act.add_argument("--merge", nargs=2, metavar=("KEEP", "OTHER"),
                         help="OTHER becomes KEEP: its claims and names move over")
        act.add_argument("--delete", metavar="NAME",
                         help="its claims become their authors' own")
        p.add_argument("--model", metavar="NAME", help="spaCy model for --suggest")

    with command(sub, "doc", "show or edit a document's metadata and source card",
                 cmd_doc) as p:
        p.add_argument("doc", metavar="DOC", help="document id or unique prefix")
        for name in ("title", "author", "outlet", "url"):
            p.add_argument(f"--{name}", metavar=name[0].upper())
        p.add_argument("--published", metavar="YYYY-MM-DD")
        p.add_argument("--kind", metavar="KIND", help="one of: " + ", ".join(KINDS))
        p.add_argument("--reliability", metavar="1-5", help="1 (poor) to 5 (high); 'none' clears")
        p.add_argument("--reason", metavar="TEXT", help="why this reliability")
        p.add_argument("--note", metavar="TEXT", help="the document memo")
        p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                       help="an attribute (repeatable): country=Iran, leaning=state ...")
        p.add_argument("--unset", action="append", default=[], metavar="NAME")
        copy = p.add_mutually_exclusive_group()
        copy.add_argument("--derived-from", metavar="DOC",
                          help="mark this document as a copy of DOC")
        copy.add_argument("--original", action="store_true",
                          help="clear the copy mark")

    with command(sub, "provenance", "passages documents share word for word (reused text)",
                 cmd_provenance) as p:
        p.add_argument("--min-words", type=int, default=20, metavar="N",
                       help="shortest passage reported, in words (default 20)")

    with command(sub, "update-text", "bring in a newer version of a document's text",
                 cmd_update_text, description="Replace a document's text with a newer "
                 "version: each claim is re-anchored (exactly, then fuzzily); claims that "
                 "cannot be placed are listed and kept aside (claimweave unplaced), never "
                 "moved to a guess. The old text stays in the document's history, and in "
                 "the window the whole update is one undo step.") as p:
        p.add_argument("doc", metavar="DOC", help="document id or unique prefix")
        p.add_argument("file", metavar="FILE", help="the new version (.txt .md .html .pdf .docx)")

    with command(sub, "unplaced", "claims a text update could not place: list, place, drop",
                 cmd_unplaced) as p:
        p.add_argument("--doc", metavar="DOC")
        act = p.add_mutually_exclusive_group()
        act.add_argument("--place", nargs=3, metavar=("CLAIM", "START", "END"),
                         help="put the claim at [START, END) of the new text")
        act.add_argument("--drop", metavar="CLAIM")


def cmd_claimant(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        claim = project.set_claimant(args.claim, None if args.clear else args.name)
    who = claim.claimant or "the author"
    emit_line(args, claim.to_json(), f"claim {short_id(claim.id)}: asserted by {who}")
    return 0


def cmd_claimants(args: argparse.Namespace) -> int:
    if args.suggest:
        return _suggest(args)
    edit = args.rename or args.alias or args.merge or args.delete
    with open_project(args.project, write=bool(edit)) as project:
        if args.rename:
            project.update_claimant(args.rename[0], name=args.rename[1])
        elif args.alias:
            project.add_claimant_alias(*args.alias)
        elif args.merge:
            project.merge_claimants(*args.merge)
        elif args.delete:
            project.delete_claimant(args.delete)
        found = project.claimants()
    emit_table(args, [k.to_json() for k in found], ["name", "aliases", "claims"],
               ([k.name, "; ".join(k.aliases), k.claims] for k in found),
               widths={"aliases": 60})
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from ..nlp.claimants import propose  # spaCy: loaded by this command only
    from ..nlp.pipeline import load_pipeline

    with open_project(args.project) as project:
        claims = [c for c in project.claims() if c.claimant_id is None]
        texts = {d: project.text(d) for d in {c.document_id for c in claims}}
        known = project.claimants()
    pipeline = load_pipeline(args.model)
    if pipeline.info.notice:
        print(f"notice: {pipeline.info.notice}", file=sys.stderr)
    if not pipeline.info.has_parser:
        print("notice: claimant proposals need a parser; none proposed", file=sys.stderr)
    found = propose(pipeline.nlp, texts, claims, known) if pipeline.info.has_parser else []
    quotes = {c.id: c.quote for c in claims}
    emit_table(args, [p.to_json() for p in found], ["claim", "claimant", "quote", "evidence"],
               ([short_id(p.claim), p.claimant, quotes[p.claim], p.evidence] for p in found),
               widths={"quote": 40, "evidence": 60})
    return 0


def cmd_doc(args: argparse.Namespace) -> int:
    attributes = [_pair(item) for item in args.set]
    meta = {k: getattr(args, k) for k in ("title", "author", "outlet", "published", "url")
            if getattr(args, k) is not None}
    card: dict[str, Any] = {}
    if args.kind is not None:
        card["kind"] = None if args.kind.strip().lower() in ("", "none") else args.kind
    if args.reliability is not None:
        card["reliability"] = _reliability(args.reliability)
    if args.reason is not None:
        card["reason"] = args.reason
    if args.note is not None:
        card["note"] = args.note
    copy = UNSET if not (args.derived_from or args.original) else args.derived_from
    edits = bool(meta or card or attributes or args.unset or copy is not UNSET)
    with open_project(args.project, write=edits) as project:
        doc_id = project.resolve_document(args.doc)
        if edits:
            _edit(project, doc_id, meta, card, attributes, args.unset, copy)
        doc = project.document(doc_id)
    if args.json:
        print_json({**document_json(doc), "derived_from": doc.derived_from})
        return 0
    _print_card(doc)
    return 0


def _edit(project: Project, doc_id: str, meta: dict[str, str], card: dict[str, Any],
          attributes: list[tuple[str, str]], unset: list[str], copy: Any) -> None:
    with project.batch(f"Edit {project.document(doc_id).title}"):
        if meta:
            project.update_document(doc_id, **meta)
        if card:
            project.set_source_card(doc_id, **card)
        for name, value in attributes:
            project.set_attribute(doc_id, name, value)
        for name in unset:
            project.unset_attribute(doc_id, name)
        if copy is not UNSET:
            project.mark_derived(doc_id, copy)


def _pair(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise InvalidOperationError(f"--set {item!r}: give NAME=VALUE")
    return name.strip(), value.strip()


def _reliability(value: str) -> int | None:
    if value.strip().lower() in ("none", ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidOperationError(
            f"reliability must be a whole number from 1 to 5, not {value!r}") from None


def _offsets(values: list[str]) -> tuple[int, int]:
    try:
        return int(values[0]), int(values[1])
    except ValueError:
        raise InvalidOperationError("--place needs CLAIM START END, the offsets whole "
                                    "numbers") from None


def _print_card(doc: Document) -> None:
    rows = [("id", doc.id), ("title", doc.title), ("author", doc.author),
            ("outlet", doc.outlet), ("published", doc.published), ("url", doc.url),
            ("kind", doc.kind), ("reliability", doc.reliability), ("reason", doc.reason),
            ("note", doc.note), ("copy of", doc.derived_from),
            *((f"  {k}", v) for k, v in doc.attributes.items())]
    for key, value in rows:
        if value not in (None, ""):
            print(f"{key}: {value}")


def cmd_provenance(args: argparse.Namespace) -> int:
    from ..analysis.provenance import copy_candidates, project_passages, word_count

    if args.min_words < 2:
        raise InvalidOperationError("--min-words must be at least 2")
    with open_project(args.project) as project:
        docs = project.documents()
        passages = project_passages(docs, project.text, args.min_words)
        counts = {d.id: word_count(project.text(d.id)) for d in docs} if not args.json else {}
    if args.json:
        print_json([p.to_json() for p in passages])
        return 0
    titles = {d.id: d.title for d in docs}
    if not passages:
        print(f"no passage of {args.min_words} words or more is shared by two documents")
        return 0
    for p in passages:
        first = f"earlier: {titles[p.earlier]}" if p.earlier else "which is earlier is unknown"
        print(f"{p.words} words: {short_id(p.a.document_id)} [{p.a.start}, {p.a.end}) = "
              f"{short_id(p.b.document_id)} [{p.b.start}, {p.b.end}); {first}")
    for c in copy_candidates(passages, counts):
        print(f"{titles[c.copy]!r} shares {c.share:.0%} of its words with {titles[c.original]!r}"
              f": mark it with claimweave doc PROJECT {short_id(c.copy)} --derived-from "
              f"{short_id(c.original)}")
    return 0


def cmd_update_text(args: argparse.Namespace) -> int:
    from ..exchange.sources.reader import read_source

    source = read_source(args.file)
    with open_project(args.project, write=True) as project:
        result = project.update_text(args.doc, source.text)
    if args.json:
        print_json(result.to_json())
        return 0
    placed = [p for p in result.placements if p.how]
    print(f"{short_id(result.document_id)}: text replaced ({result.chars_before} -> "
          f"{result.chars_after} characters); {counted(len(placed), 'claim')} placed "
          f"({sum(p.how == 'exact' for p in placed):,} exactly), {len(result.unplaced):,} unplaced")
    for u in result.unplaced:
        print(f"unplaced {short_id(u.claim_id)}: {u.quote!r} (claimweave unplaced PROJECT "
              "--place CLAIM START END, or --drop CLAIM)")
    return 0


def cmd_unplaced(args: argparse.Namespace) -> int:
    write = bool(args.place or args.drop)
    with open_project(args.project, write=write) as project:
        if args.place:
            project.place_claim(args.place[0], *_offsets(args.place[1:]))
        elif args.drop:
            project.drop_unplaced(args.drop)
        found = project.unplaced_claims(args.doc)
    emit_table(args, [u.to_json() for u in found], ["claim", "doc", "quote"],
               ([short_id(u.claim_id), short_id(u.document_id), u.quote] for u in found),
               widths={"quote": 70})
    return 0
