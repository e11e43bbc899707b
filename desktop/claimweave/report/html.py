"""``claimweave report``: one self-contained HTML file (no script, no external resources).

Inline CSS, charts as inline SVG, every text escaped. The markup is XHTML-compatible
(well-formed XML) so it can be checked with an XML parser and opens in any browser offline.
The only outside addresses are the documents' own source URLs, as plain links.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlparse

from ..analysis.comparison import Matrix, compare
from ..analysis.frequencies import entity_frequencies, tag_frequencies
from ..analysis.groups import find_groups
from ..analysis.labels import clip, quoted, relation_label
from ..analysis.network import claim_network
from ..analysis.palette import STANCE_COLORS, STANCE_LABELS, STANCE_TEXT, source_color
from ..analysis.snapshot import Snapshot
from ..analysis.sources import source_pairs
from ..core.model import Claim, Document
from ..core.values import css_color
from ..core.wording import counted
from .charts import bars_svg, heatmap_svg, network_svg
from .sources import cards_section, independence_cell, reuse_section

DEFAULT_MARK = "#fff0a0"
CSS = """
body{font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;
 color:#202428;max-width:1100px;margin:2em auto;padding:0 1.2em;background:#fff}
h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #e4e7eb;
 padding-bottom:.2em}h3{margin-bottom:.2em}.meta{color:#6b7280;font-size:.92em}
nav a{margin-right:1em}table{border-collapse:collapse;margin:.8em 0;font-size:.92em}
th,td{border:1px solid #d5d9de;padding:.35em .55em;vertical-align:top;text-align:left}
th{background:#f3f4f6}td.stance{text-align:center;min-width:5.5em;font-weight:600}
td.stance a{color:inherit;text-decoration:none}.rel{font-weight:600}
.doc{border:1px solid #e4e7eb;border-radius:6px;padding:1em 1.2em;margin:1.2em 0}
.text{white-space:pre-wrap;font-family:Georgia,'Times New Roman',serif;font-size:1.02em}
mark{padding:0 1px;border-radius:2px;color:inherit}mark.many{box-shadow:0 2px 0 #7a5c00}
.chart{overflow-x:auto;margin:1em 0}.chart svg{max-width:100%;height:auto}
.tag{display:inline-block;border-radius:3px;padding:0 .4em;margin-right:.3em;font-size:.85em}
ol.claims li{margin:.2em 0}.legend span{display:inline-block;padding:.1em .6em;
 margin-right:.5em;border-radius:3px}
@media print{.doc{break-inside:avoid-page}nav{display:none}}
"""


def build_report(project: object, *, entities: Mapping[str, Iterable[str]] | None = None,
                 title: str | None = None) -> str:
    """The whole report as one HTML string. *entities*: doc id -> entity texts (optional)."""
    snap = Snapshot.of(project)  # type: ignore[arg-type]
    matrix = compare(snap, find_groups(snap))
    name = title or str(getattr(project, "title", "ClaimWeave project"))
    texts = {d.id: project.text(d.id) for d in snap.documents}  # type: ignore[attr-defined]
    tag_color = {t.id: css_color(t.color) for t in snap.tags}
    by_doc: dict[str, list[Claim]] = {}
    for claim in snap.claims:
        by_doc.setdefault(claim.document_id, []).append(claim)
    body = [
        f"<h1>{escape(name)}</h1>",
        f'<p class="meta">{counted(len(snap.documents), "document")}, '
        f"{counted(len(snap.claims), 'claim')}, {counted(len(snap.links), 'link')}, "
        f"{counted(len(matrix.propositions), 'proposition')}. Report written "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC by ClaimWeave.</p>",
        '<nav><a href="#matrix">Comparison</a><a href="#sources">Sources</a>'
        '<a href="#cards">Source cards</a><a href="#reuse">Reused text</a>'
        '<a href="#network">Network</a><a href="#frequencies">Frequencies</a>'
        '<a href="#links">Links</a><a href="#documents">Documents</a></nav>',
        _matrix_section(matrix, snap),
        cards_section(snap),
        reuse_section(snap, texts),
        _section("sources", "Source × source", heatmap_svg(source_pairs(matrix))),
        _section("network", "Claim network", network_svg(claim_network(snap))),
        _frequency_section(snap, entities),
        _links_section(snap),
        '<h2 id="documents">Documents</h2>',
        *(_document(d, texts[d.id], by_doc.get(d.id, []), tag_color) for d in snap.documents),
    ]
    return (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n<head>\n'
        '<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{escape(name)}: ClaimWeave report</title>\n<style>{CSS}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _section(anchor: str, heading: str, svg: str) -> str:
    return f'<h2 id="{anchor}">{escape(heading)}</h2>\n<div class="chart">{svg}</div>'


def _matrix_section(matrix: Matrix, snap: Snapshot) -> str:
    legend = "".join(
        f'<span style="background:{STANCE_COLORS[s]};color:{STANCE_TEXT[s]}">'
        f"{escape(STANCE_LABELS[s])}</span>" for s in STANCE_COLORS)
    head = "".join(
        f'<th style="border-top:4px solid {source_color(j)}">{escape(clip(s.title, 40))}'
        f'<br/><span class="meta">{escape(s.published or "undated")}</span></th>'
        for j, s in enumerate(matrix.sources))
    rows = []
    for p, cells in zip(matrix.propositions, matrix.cells, strict=True):
        tds = []
        for c in cells:
            style = f"background:{STANCE_COLORS[c.stance]};color:{STANCE_TEXT[c.stance]}"
            label = f"{STANCE_LABELS[c.stance]} ({c.count})" if c.count else ""
            if c.claim_ids:
                label = f'<a href="#c-{escape(c.claim_ids[0])}">{escape(label)}</a>'
            tds.append(f'<td class="stance" style="{style}">{label}</td>')
        against = ""
        if p.opposes:
            names = [q.name for q in matrix.propositions if q.key in p.opposes]
            against = f'<br/><span class="meta">opposed by: {escape("; ".join(names))}</span>'
        rows.append(f"<tr><th>{escape(p.name)}{against}</th>{''.join(tds)}"
                    f"{independence_cell(matrix.independence.get(p.key))}</tr>")
    if not rows:
        return ('<h2 id="matrix">Comparison</h2>\n<p>No propositions yet: link claims as '
                "agreeing or contradicting to compare the sources.</p>")
    return (
        '<h2 id="matrix">Comparison</h2>\n<p>Rows are propositions (claims joined by '
        "agreeing links), columns the sources by publication date. A source contradicts a "
        "proposition when one of its claims is linked to it as contradicting. Sources count "
        "once among the independent ones when one copies the other, reprints the supporting "
        "passage, or names the same claimant (or author).</p>\n"
        f'<p class="legend">{legend}</p>\n'
        f"<table><thead><tr><th>Proposition</th>{head}<th>Independent sources</th></tr>"
        "</thead>\n<tbody>"
        + "\n".join(rows) + "</tbody></table>"
    )


def _frequency_section(snap: Snapshot, entities: Mapping[str, Iterable[str]] | None) -> str:
    charts = []
    tags = tag_frequencies(snap)
    if not tags.empty:
        charts.append(f'<div class="chart">{bars_svg(tags)}</div>')
    if entities:
        found = entity_frequencies(snap, entities)
        if not found.empty:
            charts.append(f'<div class="chart">{bars_svg(found)}</div>')
    content = "\n".join(charts) or "<p>No tagged claims yet.</p>"
    return f'<h2 id="frequencies">Frequencies by source</h2>\n{content}'


def _links_section(snap: Snapshot) -> str:
    doc_title = {d.id: d.title for d in snap.documents}
    rows = []
    for link in snap.links:
        a, b = snap.claim_by_id.get(link.source), snap.claim_by_id.get(link.target)
        if a is None or b is None:
            continue
        colour = css_color(snap.relations[link.relation_type_id].color)
        rows.append(
            f"<tr><td>{_claim_ref(a, doc_title)}</td>"
            f'<td class="rel" style="color:{colour}">{escape(relation_label(link.relation))}</td>'
            f"<td>{_claim_ref(b, doc_title)}</td><td>{escape(link.note)}</td></tr>")
    if not rows:
        return '<h2 id="links">Links</h2>\n<p>No links yet.</p>'
    return ('<h2 id="links">Links</h2>\n<table><thead><tr><th>Claim</th><th>Relation</th>'
            "<th>Claim</th><th>Note</th></tr></thead>\n<tbody>" + "\n".join(rows)
            + "</tbody></table>")


def _claim_ref(claim: Claim, doc_title: Mapping[str, str]) -> str:
    return (f'<a href="#c-{escape(claim.id)}">{escape(quoted(clip(claim.quote, 160)))}</a>'
            f'<br/><span class="meta">{escape(doc_title.get(claim.document_id, ""))}</span>')


def _document(doc: Document, text: str, claims: list[Claim],
              tag_color: Mapping[str, str]) -> str:
    meta = [x for x in (doc.author, doc.outlet, doc.published) if x]
    if doc.url and urlparse(doc.url).scheme in ("http", "https"):
        meta.append(f'<a href="{escape(doc.url)}">{escape(clip(doc.url, 70))}</a>')
    meta_html = " · ".join(m if m.startswith("<a ") else escape(m) for m in meta)
    items = "".join(
        f"<li>{escape(quoted(c.quote))} {_tags(c, tag_color)}"
        + (f' <span class="meta">said by {escape(c.claimant)}</span>' if c.claimant else "")
        + (f' <span class="meta">{escape(c.note)}</span>' if c.note else "") + "</li>"
        for c in claims)
    listing = f'<ol class="claims">{items}</ol>' if claims else "<p>No claims marked.</p>"
    return (f'<div class="doc" id="d-{escape(doc.id)}"><h3>{escape(doc.title)}</h3>'
            f'<p class="meta">{meta_html}</p>\n<div class="text">'
            f"{highlight(text, claims, tag_color)}</div>\n<h4>Claims</h4>{listing}</div>")


def _tags(claim: Claim, tag_color: Mapping[str, str]) -> str:
    return "".join(f'<span class="tag" style="background:{tag_color[t]}">{escape(name)}</span>'
                   for t, name in zip(claim.tag_ids, claim.tags, strict=True))


def highlight(text: str, claims: list[Claim], tag_color: Mapping[str, str]) -> str:
    """The text with every claim in <mark>, coloured by its first tag.

    Claims may overlap: the text is cut at every claim boundary and each piece is marked
    with the colour of the innermost claim covering it (class "many" when several do).
    Each claim's start carries an empty anchor ``c-<id>`` for the links to jump to.
    """
    starts: dict[int, list[Claim]] = {}
    cuts = {0, len(text)}
    for c in claims:
        starts.setdefault(c.start, []).append(c)
        cuts.update((c.start, c.end))
    bounds = sorted(cuts)
    out: list[str] = []
    active: list[Claim] = []  # claims covering the current piece (a sweep, not a scan)
    for a, b in itertools.pairwise(bounds):
        active = [c for c in active if c.end > a]
        for c in starts.get(a, ()):
            out.append(f'<span id="c-{escape(c.id)}"></span>')
            active.append(c)
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        inner = min(active, key=lambda c: (c.end - c.start, c.start))
        colour = tag_color.get(inner.tag_ids[0], DEFAULT_MARK) if inner.tag_ids else DEFAULT_MARK
        cls = ' class="many"' if len(active) > 1 else ""
        tip = "; ".join(", ".join(c.tags) or "claim" for c in active)
        out.append(f'<mark{cls} style="background:{colour}" title="{escape(tip)}">{piece}</mark>')
    return "".join(out)
