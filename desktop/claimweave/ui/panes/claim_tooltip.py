"""The hover text of a claim: quote, tags, note and links with the other side's quote."""

from __future__ import annotations

from html import escape

from ...core.errors import NotFoundError
from ...core.store import Project

QUOTE_CHARS = 240
OTHER_CHARS = 90
MAX_LINKS = 8
NO_COLOR = "#cccccc"


def claim_tooltip(project: Project, claim_id: str) -> str:
    """Rich text for a tooltip; empty when the claim is gone."""
    try:
        claim = project.claim(claim_id)
    except NotFoundError:
        return ""
    colors = {t.id: t.color for t in project.tags()}
    parts = [f"<p style='white-space:pre-wrap'>“{escape(_clip(claim.quote, QUOTE_CHARS))}”</p>"]
    if claim.tags:
        chips = " ".join(
            f"<span style='background:{colors.get(tid, NO_COLOR)}'>&nbsp;{escape(name)}&nbsp;"
            "</span>"
            for tid, name in zip(claim.tag_ids, claim.tags, strict=True))
        parts.append(f"<p>{chips}</p>")
    if claim.note:
        parts.append(f"<p><i>Note:</i> {escape(_clip(claim.note, QUOTE_CHARS))}</p>")
    links = project.links(claim_id=claim.id)
    if links:
        rows = []
        for link in links[:MAX_LINKS]:
            other_id = link.target if link.source == claim.id else link.source
            other = project.claim(other_id)
            title = project.document(other.document_id).title
            quote = escape(_clip(other.quote, OTHER_CHARS))
            rows.append(f"<li><b>{escape(link.relation)}</b> “{quote}” — "
                        f"<i>{escape(title)}</i></li>")
        more = f"<li>… and {len(links) - MAX_LINKS} more</li>" if len(links) > MAX_LINKS else ""
        parts.append(f"<ul style='margin:0'>{''.join(rows)}{more}</ul>")
    if claim.annotator:
        parts.append(f"<p style='color:gray'>by {escape(claim.annotator)}</p>")
    return "".join(parts)


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
