"""The report's source-criticism parts: source cards, reused passages, independent counts."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ..analysis.independence import Independence
from ..analysis.labels import clip, quoted
from ..analysis.provenance import project_passages
from ..analysis.snapshot import Snapshot
from ..core.sources_repo import KIND_LABELS


def independence_cell(found: Independence | None) -> str:
    """The matrix's last column: "3 sources, 2 independent" and what collapsed, and why."""
    if found is None:
        return "<td></td>"
    why = found.explanation()
    detail = "".join(f"<br/>{escape(line)}" for line in why.splitlines())
    first = found.first_appearance
    since = f"<br/>first: {escape(first[1])}" if first else ""
    who = f"<br/>claimants: {escape('; '.join(found.claimants))}" if found.claimants else ""
    return (f'<td><strong>{escape(found.summary())}</strong>'
            f'<span class="meta">{detail}{since}{who}</span></td>')


def cards_section(snap: Snapshot) -> str:
    """A table of every document's source card."""
    titles = {d.id: d.title for d in snap.documents}
    rows = []
    for d in snap.documents:
        attrs = "; ".join(f"{k} = {v}" for k, v in d.attributes.items())
        rating = f"{d.reliability}/5" if d.reliability else ""
        copy = f"copy of {titles.get(d.derived_from, d.derived_from)}" if d.derived_from else ""
        rows.append(
            f'<tr><td><a href="#d-{escape(d.id)}">{escape(clip(d.title, 60))}</a></td>'
            f"<td>{escape(KIND_LABELS.get(d.kind or '', ''))}</td><td>{escape(rating)}</td>"
            f"<td>{escape(d.reason)}</td><td>{escape(d.note)}</td><td>{escape(attrs)}</td>"
            f"<td>{escape(copy)}</td></tr>")
    return ('<h2 id="cards">Source cards</h2>\n<table><thead><tr><th>Document</th>'
            "<th>Kind</th><th>Reliability</th><th>Why</th><th>Note</th><th>Attributes</th>"
            "<th>Copy</th></tr></thead>\n<tbody>" + "\n".join(rows) + "</tbody></table>")


def reuse_section(snap: Snapshot, texts: Mapping[str, str]) -> str:
    """Passages two documents share word for word or nearly (analysis/provenance.py), among
    all documents (the snapshot holds those of annotated documents only)."""
    titles = {d.id: d.title for d in snap.documents}
    passages = project_passages(snap.documents, texts.__getitem__)
    if not passages:
        return ('<h2 id="reuse">Reused text</h2>\n<p>No two documents share a passage of '
                "20 words or more.</p>")
    rows = []
    for p in passages:
        earlier = escape(titles.get(p.earlier, "")) if p.earlier else "unknown (a date is missing)"
        excerpt = texts[p.a.document_id][p.a.start:p.a.end]
        rows.append(
            f"<tr><td>{p.words}</td><td>{escape(titles[p.a.document_id])}</td>"
            f"<td>{escape(titles[p.b.document_id])}</td><td>{earlier}</td>"
            f"<td>{escape(quoted(clip(excerpt, 220)))}</td></tr>")
    return ('<h2 id="reuse">Reused text</h2>\n<p>Passages of at least 20 words that two '
            "documents share word for word or nearly. Sources whose supporting claims sit in "
            "such a passage count once among the independent ones.</p>\n<table><thead><tr>"
            "<th>Words</th><th>Document</th><th>Document</th><th>Earlier</th><th>Passage</th>"
            "</tr></thead>\n<tbody>" + "\n".join(rows) + "</tbody></table>")

