"""Commands that build and read a project: new, import, docs, text, claim(s), link(s), tag(s),
search, stats. Their names and JSON shapes are a stable interface for scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import ClaimWeaveError, InvalidOperationError
from ..core.store import Project, check_date
from ..exchange.importing import import_files
from .common import (
    add_json_flag,
    add_project_arg,
    default_annotator,
    open_project,
    print_json,
    print_table,
    short_id,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create an empty project file")
    add_project_arg(p)
    p.add_argument("--title", help="the project's title (default: the file name)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import articles (.txt .md .html .pdf .docx)")
    add_project_arg(p)
    p.add_argument("files", metavar="FILE", nargs="+", type=Path)
    for field in ("title", "author", "outlet", "url"):
        p.add_argument(f"--{field}", help=f"the document's {field} (overrides the file's)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date")
    add_json_flag(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("docs", help="list the documents")
    add_project_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("text", help="print a document's stored text, exactly (UTF-8)")
    add_project_arg(p)
    p.add_argument("doc", metavar="DOC", help="document id or unique prefix")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("claim", help="mark a claim by span or by quote")
    add_project_arg(p)
    p.add_argument("doc", metavar="DOC", help="document id or unique prefix")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", nargs=2, type=int, metavar=("START", "END"),
                       help="code-point offsets, end exclusive")
    where.add_argument("--quote", metavar="TEXT", help="the exact text of the claim")
    p.add_argument("--occurrence", type=int, metavar="N",
                   help="which occurrence of the quote (1 is the first)")
    p.add_argument("--tag", action="append", default=[], metavar="NAME",
                   help="tag to give the claim (repeatable; created if new)")
    p.add_argument("--note", default="")
    p.add_argument("--annotator", help="who made the claim (default: your login name)")
    add_json_flag(p)
    p.set_defaults(func=cmd_claim)

    p = sub.add_parser("claims", help="list claims")
    add_project_arg(p)
    p.add_argument("--doc", metavar="DOC")
    p.add_argument("--tag", metavar="NAME", help="claims with this tag or one nested in it")
    p.add_argument("--annotator", metavar="NAME")
    add_json_flag(p)
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("link", help="link two claims with a relation")
    add_project_arg(p)
    p.add_argument("source", metavar="CLAIM")
    p.add_argument("target", metavar="CLAIM")
    p.add_argument("--relation", required=True, metavar="NAME",
                   help="agrees, contradicts, same_claim, elaborates, related, or your own")
    p.add_argument("--note", default="")
    p.add_argument("--annotator")
    add_json_flag(p)
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("links", help="list links")
    add_project_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("tag", help="edit the tag codebook")
    add_project_arg(p)
    tag_sub = p.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    add = tag_sub.add_parser("add", help="add a tag")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--color", metavar="#RRGGBB")
    add.add_argument("--parent", metavar="NAME")
    add.add_argument("--description", default="")
    add_json_flag(add)
    add.set_defaults(func=cmd_tag_add)

    p = sub.add_parser("tags", help="list the tag codebook")
    add_project_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("search", help="full-text search over texts, quotes and notes")
    add_project_arg(p)
    p.add_argument("query", metavar="QUERY")
    add_json_flag(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stats", help="counts of documents, claims, tags and links")
    add_project_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_stats)


def cmd_new(args: argparse.Namespace) -> int:
    project = Project.create(args.project, title=args.title)
    project.close()
    print(f"created {args.project}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    meta = {f: getattr(args, f) for f in ("title", "author", "outlet", "published", "url")}
    if meta["title"] and len(args.files) > 1:
        raise InvalidOperationError("--title can only be given when importing one file")
    if meta["published"]:
        check_date(meta["published"])
    with open_project(args.project, write=True) as project:
        results = import_files(project, args.files, metadata=meta)
    if args.json:
        print_json([r.to_json() for r in results])
    for r in results:
        if r.error:
            print(f"error: {' '.join(r.error.split())}", file=sys.stderr)
        elif not args.json:
            assert r.document is not None
            status = "already in the project as" if r.duplicate else "imported as"
            print(f"{r.path}: {status} {short_id(r.document.id)} {r.document.title!r} "
                  f"({r.document.chars} characters)")
        for w in r.warnings:
            print(f"warning: {r.path}: {w}", file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


def cmd_docs(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        docs = project.documents()
    if args.json:
        keys = ("id", "title", "author", "outlet", "published", "url", "chars", "claims")
        print_json([{k: getattr(d, k) for k in keys} for d in docs])
        return 0
    print_table(["id", "title", "author", "outlet", "published", "chars", "claims"],
                [[short_id(d.id), d.title, d.author, d.outlet, d.published, d.chars, d.claims]
                 for d in docs], widths={"title": 50, "author": 24, "outlet": 24})
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        text = project.text(args.doc)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def cmd_claim(args: argparse.Namespace) -> int:
    annotator = args.annotator if args.annotator is not None else default_annotator()
    if args.occurrence is not None and args.quote is None:
        raise InvalidOperationError("--occurrence goes with --quote")
    with open_project(args.project, write=True) as project, project.batch("Add claim"):
        tags = [_tag_or_create(project, name) for name in args.tag]
        start, end = args.span if args.span else (None, None)
        claim = project.add_claim(args.doc, start, end, quote=args.quote,
                                  occurrence=args.occurrence, note=args.note,
                                  annotator=annotator, tags=tags)
    if args.json:
        print_json(claim.to_json())
    else:
        print(f"claim {short_id(claim.id)} [{claim.start}, {claim.end}) {claim.quote!r}")
    return 0


def _tag_or_create(project: Project, name: str) -> str:
    try:
        return project.resolve_tag(name)
    except ClaimWeaveError:
        return project.add_tag(name).id


def cmd_claims(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        claims = project.claims(document_id=args.doc, tag=args.tag, annotator=args.annotator)
    if args.json:
        print_json([c.to_json() for c in claims])
        return 0
    print_table(["id", "doc", "start", "end", "quote", "tags", "annotator"],
                [[short_id(c.id), short_id(c.document_id), c.start, c.end, c.quote,
                  ", ".join(c.tags), c.annotator] for c in claims], widths={"quote": 60})
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    annotator = args.annotator if args.annotator is not None else default_annotator()
    with open_project(args.project, write=True) as project:
        link = project.link_claims(args.source, args.target, args.relation, note=args.note,
                                   annotator=annotator)
    if args.json:
        print_json(link.to_json())
    else:
        print(f"link {short_id(link.id)}: {short_id(link.source)} {link.relation} "
              f"{short_id(link.target)}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        links = project.links()
        quotes = {c.id: c.quote for c in project.claims()} if not args.json else {}
    if args.json:
        print_json([link.to_json() for link in links])
        return 0
    print_table(["id", "source", "relation", "target"],
                [[short_id(link.id), quotes[link.source], link.relation, quotes[link.target]]
                 for link in links], widths={"source": 45, "target": 45})
    return 0


def cmd_tag_add(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        tag = project.add_tag(args.name, color=args.color, parent=args.parent,
                              description=args.description)
        parent = project.tag(tag.parent_id).name if tag.parent_id else None
    if args.json:
        print_json(tag.to_json(parent))
    else:
        print(f"tag {tag.name!r} {tag.color}" + (f" under {parent!r}" if parent else ""))
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        tags = project.tags()
        counts = project.stats()["claims_by_tag"]
    names = {t.id: t.name for t in tags}
    if args.json:
        print_json([{**t.to_json(names.get(t.parent_id or "")), "claims": counts.get(t.name, 0)}
                    for t in tags])
        return 0
    print_table(["name", "color", "parent", "claims"],
                [[t.name, t.color, names.get(t.parent_id or ""), counts.get(t.name, 0)]
                 for t in tags])
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        hits = project.search(args.query)
    if args.json:
        print_json([h.to_json() for h in hits])
        return 0
    for h in hits:
        print(f"{h.kind:8} {short_id(h.id)}  {' '.join(h.snippet.split())}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        stats = project.stats()
    if args.json:
        print_json(stats)
        return 0
    for key in ("title", "documents", "characters", "claims", "tags", "links",
                "cross_document_links"):
        print(f"{key.replace('_', ' ')}: {stats[key]}")
    if stats["links_by_relation"]:
        print("links by relation: " + ", ".join(
            f"{k} {v}" for k, v in stats["links_by_relation"].items()))
    return 0
