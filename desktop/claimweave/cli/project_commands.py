"""Commands that build and read a project: new, import, docs, text, claim(s), link(s), tag(s),
search, stats. Their names and JSON shapes are a stable interface for scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import ClaimWeaveError, InvalidOperationError
from ..core.login import login_name
from ..core.store import Project, check_date
from ..exchange.importing import import_files
from .common import (
    command,
    command_group,
    emit_line,
    emit_table,
    open_project,
    print_json,
    short_id,
    terminal_safe,
    warn_about_location,
)
from .sources_commands import document_json


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "new", "create an empty project file", cmd_new, json=False) as p:
        p.add_argument("--title", help="the project's title (default: the file name)")

    with command(sub, "import", "import articles (.txt .md .html .pdf .docx)", cmd_import) as p:
        p.add_argument("files", metavar="FILE", nargs="+", type=Path)
        for field in ("title", "author", "outlet", "url"):
            p.add_argument(f"--{field}", help=f"the document's {field} (overrides the file's)")
        p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date")

    with command(sub, "docs", "list the documents", cmd_docs):
        pass

    with command(sub, "text", "print a document's stored text, exactly (UTF-8)", cmd_text,
                 json=False) as p:
        p.add_argument("doc", metavar="DOC", help="document id or unique prefix")

    with command(sub, "claim", "mark a claim by span or by quote", cmd_claim) as p:
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
        p.add_argument("--claimant", metavar="NAME",
                       help="who asserts it, if not the author (a new name adds a claimant)")

    with command(sub, "claims", "list claims", cmd_claims) as p:
        p.add_argument("--doc", metavar="DOC")
        p.add_argument("--tag", metavar="NAME", help="claims with this tag or one nested in it")
        p.add_argument("--annotator", metavar="NAME")

    with command(sub, "link", "link two claims with a relation", cmd_link) as p:
        p.add_argument("source", metavar="CLAIM")
        p.add_argument("target", metavar="CLAIM")
        p.add_argument("--relation", required=True, metavar="NAME",
                       help="agrees, contradicts, same_claim, elaborates, related, or your own")
        p.add_argument("--note", default="")
        p.add_argument("--annotator")

    with command(sub, "links", "list links", cmd_links):
        pass

    actions = command_group(sub, "tag", "edit the tag codebook", dest="tag_command")
    with command(actions, "add", "add a tag", cmd_tag_add, project=False) as add:
        add.add_argument("name", metavar="NAME")
        add.add_argument("--color", metavar="#RRGGBB")
        add.add_argument("--parent", metavar="NAME")
        add.add_argument("--description", default="")

    with command(sub, "tags", "list the tag codebook", cmd_tags):
        pass

    with command(sub, "search", "full-text search over texts, quotes and notes",
                 cmd_search) as p:
        p.add_argument("query", metavar="QUERY")

    with command(sub, "stats", "counts of documents, claims, tags and links", cmd_stats):
        pass


def cmd_new(args: argparse.Namespace) -> int:
    warn_about_location(args.project)
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
            print(f"error: {terminal_safe(' '.join(r.error.split()))}", file=sys.stderr)
        elif not args.json:
            assert r.document is not None
            status = "already in the project as" if r.duplicate else "imported as"
            print(terminal_safe(f"{r.path}: {status} {short_id(r.document.id)} "
                                f"{r.document.title!r} ({r.document.chars} characters)"))
        for w in r.warnings:
            print(terminal_safe(f"warning: {r.path}: {w}"), file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


def cmd_docs(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        docs = project.documents()
    emit_table(args, (document_json(d) for d in docs),
               ["id", "title", "author", "outlet", "published", "chars", "claims"],
               ([short_id(d.id), d.title, d.author, d.outlet, d.published, d.chars, d.claims]
                for d in docs), widths={"title": 50, "author": 24, "outlet": 24})
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        text = project.text(args.doc)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def cmd_claim(args: argparse.Namespace) -> int:
    annotator = args.annotator if args.annotator is not None else login_name()
    if args.occurrence is not None and args.quote is None:
        raise InvalidOperationError("--occurrence goes with --quote")
    with open_project(args.project, write=True) as project, project.batch("Add claim"):
        tags = [_tag_or_create(project, name) for name in args.tag]
        start, end = args.span if args.span else (None, None)
        claim = project.add_claim(args.doc, start, end, quote=args.quote,
                                  occurrence=args.occurrence, note=args.note,
                                  annotator=annotator, tags=tags)
        if args.claimant:
            claim = project.set_claimant(claim.id, args.claimant)
    emit_line(args, claim.to_json(),
              f"claim {short_id(claim.id)} [{claim.start}, {claim.end}) {claim.quote!r}")
    return 0


def _tag_or_create(project: Project, name: str) -> str:
    try:
        return project.resolve_tag(name)
    except ClaimWeaveError:
        return project.add_tag(name).id


def cmd_claims(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        claims = project.claims(document_id=args.doc, tag=args.tag, annotator=args.annotator)
    emit_table(args, (c.to_json() for c in claims),
               ["id", "doc", "start", "end", "quote", "tags", "annotator"],
               ([short_id(c.id), short_id(c.document_id), c.start, c.end, c.quote,
                 ", ".join(c.tags), c.annotator] for c in claims), widths={"quote": 60})
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    annotator = args.annotator if args.annotator is not None else login_name()
    with open_project(args.project, write=True) as project:
        link = project.link_claims(args.source, args.target, args.relation, note=args.note,
                                   annotator=annotator)
    emit_line(args, link.to_json(), f"link {short_id(link.id)}: {short_id(link.source)} "
              f"{link.relation} {short_id(link.target)}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        links = project.links()
        quotes = {c.id: c.quote for c in project.claims()} if not args.json else {}
    emit_table(args, (link.to_json() for link in links), ["id", "source", "relation", "target"],
               ([short_id(link.id), quotes[link.source], link.relation, quotes[link.target]]
                for link in links), widths={"source": 45, "target": 45})
    return 0


def cmd_tag_add(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        tag = project.add_tag(args.name, color=args.color, parent=args.parent,
                              description=args.description)
        parent = project.tag(tag.parent_id).name if tag.parent_id else None
    emit_line(args, tag.to_json(parent),
              f"tag {tag.name!r} {tag.color}" + (f" under {parent!r}" if parent else ""))
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        tags = project.tags()
        counts = project.claims_per_tag()
    names = {t.id: t.name for t in tags}
    emit_table(args, ({**t.to_json(names.get(t.parent_id or "")), "claims": counts.get(t.name, 0)}
                      for t in tags),
               ["name", "color", "parent", "claims"],
               ([t.name, t.color, names.get(t.parent_id or ""), counts.get(t.name, 0)]
                for t in tags))
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
