"""A small project that shows offset bugs (astral characters, ZWJ emoji, combining marks,
right-to-left and CJK text, tabs) and a comparison of projects by content, shared by the
dataset format tests."""

from __future__ import annotations

from typing import Any

from claimweave.core.store import Project

TEXTS = [
    ("Emoji & astral", "Intro 👩‍👩‍👧 family 😀 grin. 𝒜𝓈𝓉𝓇𝒶𝓁 letters say prices rose.\n"
     "Second line\twith a tab: =SUM(A1) is not a formula here.\n"),
    ("Combining marks", "Ix\u0301q\u0307 is written with combining marks; e\u0301te\u0301 too. "
     "Prices rose by 5%. -1 is negative; @handle; +plus.\n"),
    ("فارسی و عربی", "این یک جمله است. قیمت‌ها بالا رفت. 价格上涨了。 Mixed עברית text.\n"),
]


def build(project: Project) -> dict[str, str]:
    """Fill *project* with documents, a nested coloured codebook, claims and links."""
    docs = [project.add_document(text, title=title, author="A. Writer" if i == 0 else None,
                                 published="2024-05-01" if i == 1 else None,
                                 url="https://example.org/a" if i == 2 else None).document.id
            for i, (title, text) in enumerate(TEXTS)]
    project.add_tag("economy", color="#112233", description="money matters")
    project.add_tag("prices", color="#445566", parent="economy")
    project.add_tag("two words", color="#778899")
    project.add_relation_type("cites", color="#abcdef", polarity=0, symmetric=False)
    t0, t1, t2 = (project.text(d) for d in docs)

    def span(text: str, quote: str) -> tuple[int, int]:
        s = text.index(quote)
        return s, s + len(quote)

    ids = {}
    ids["family"] = project.add_claim(docs[0], *span(t0, "👩‍👩‍👧 family 😀"),
                                      annotator="ana", tags=["two words"]).id
    ids["rose0"] = project.add_claim(docs[0], *span(t0, "𝒜𝓈𝓉𝓇𝒶𝓁 letters say prices rose"),
                                     note="multi\nline\tnote, with \\ backslash",
                                     annotator="ana maria", tags=["prices", "economy"]).id
    ids["formula"] = project.add_claim(docs[0], *span(t0, "=SUM(A1) is not a formula"),
                                       annotator="bo").id
    ids["overlap"] = project.add_claim(docs[0], *span(t0, "prices rose.\nSecond"),
                                       annotator="bo", note="=HYPERLINK(\"x\")").id
    ids["cafe"] = project.add_claim(docs[1], *span(t1, "x\u0301q\u0307 is"), tags=["two words"]).id
    ids["rose1"] = project.add_claim(docs[1], *span(t1, "Prices rose by 5%."),
                                     annotator="ana", tags=["prices"]).id
    ids["minus"] = project.add_claim(docs[1], *span(t1, "-1 is negative"), annotator="bo").id
    ids["fa"] = project.add_claim(docs[2], *span(t2, "قیمت‌ها بالا رفت."), annotator="ana",
                                  tags=["economy"]).id
    ids["zh"] = project.add_claim(docs[2], *span(t2, "价格上涨了。"), annotator="ana").id
    project.link_claims(ids["rose0"], ids["rose1"], "agrees", annotator="ana", note="same\tnews")
    project.link_claims(ids["rose1"], ids["fa"], "contradicts", annotator="bo")
    project.link_claims(ids["fa"], ids["zh"], "same_claim")
    project.link_claims(ids["family"], ids["rose0"], "cites", annotator="ana")
    project.link_claims(ids["minus"], ids["cafe"], "elaborates", note="inside one document")
    return ids


def content(project: Project, *, meta: tuple[str, ...] = ("title", "author", "outlet",
                                                           "published", "url")) -> dict[str, Any]:
    """The project by content, without ids: what a round trip must keep."""
    docs = {d.id: d for d in project.documents()}
    claims = {}
    for c in project.claims():
        claims[c.id] = (docs[c.document_id].text_sha256, c.start, c.end, c.quote, c.note,
                        c.annotator, tuple(sorted(c.tags)))
    return {
        "documents": sorted((d.text_sha256, *(getattr(d, f) for f in meta))
                            for d in docs.values()),
        "claims": sorted(claims.values()),
        "links": sorted((claims[k.source], claims[k.target], k.relation, k.note, k.annotator)
                        for k in project.links()),
        "tags": sorted(t.name for t in project.tags()),
    }


def codebook(project: Project) -> list[tuple[str, str, str | None, str]]:
    """Tags with colour, parent name and description."""
    names = {t.id: t.name for t in project.tags()}
    return sorted((t.name, t.color, names.get(t.parent_id or ""), t.description)
                  for t in project.tags())


def roundtrip(source: Project, tmp_path: Any, fmt: str, name: str) -> tuple[Project, Any]:
    """Export *source* in *fmt*, import the file into a new project; returns both."""
    from claimweave.exchange.datasets import export
    from claimweave.exchange.datasets.importers import import_annotations

    path = tmp_path / name
    export(source, fmt, path)
    target = Project.create(tmp_path / f"{fmt}-target.claimweave")
    import_annotations(target, path, fmt)
    return target, path


def assert_reimport_changes_nothing(target: Project, path: Any, fmt: str) -> None:
    """Importing the same file again reports no change and leaves every row as it was."""
    from claimweave.exchange.datasets.importers import import_annotations

    before = state(target)
    assert not import_annotations(target, path, fmt).changed
    assert state(target) == before


def state(project: Project) -> tuple[Any, ...]:
    """Every row of the project's tables, to prove that nothing changed."""
    con = project.con
    return tuple(con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                 for t in ("documents", "claims", "claim_tags", "tags", "links",
                           "relation_types"))
