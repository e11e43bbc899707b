"""Files that read as text but are not an article: named in a warning, never silently kept.

Two kinds are common in a researcher's downloads folder: a CMS template saved instead of the
rendered page (its text full of ``{{ article.title }}`` or ``{% block %}`` placeholders), and
a scanned PDF whose text layer holds a few characters (page numbers, a running head). The
file is still imported (the user may want it); the warning says what it looks like.
"""

from __future__ import annotations

import re

# {{ x }}, {% x %}, {# x #} (Jinja, Django, Liquid, Twig, Handlebars), ${x}, <%= x %>
_PLACEHOLDER = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|\{#.{0,80}?#\}|\$\{[\w.]{1,60}\}"
                          r"|<%=?.{0,80}?%>", re.S)
MIN_PLACEHOLDERS = 3
MIN_CHARACTERS = 200  # fewer non-space characters than two sentences: not an article


def junk_warnings(text: str, kind: str) -> tuple[str, ...]:
    """Warnings for a text that looks like a template or an empty text layer."""
    out = []
    found = _PLACEHOLDER.findall(text[:200_000])
    if len(found) >= MIN_PLACEHOLDERS:
        sample = ", ".join(repr(" ".join(f.split())[:40]) for f in found[:3])
        out.append(f"the text holds {len(found)} template placeholders ({sample} ...): it "
                   "looks like a web page's template, not the article; save the page as "
                   "shown in the browser instead")
    if kind == "pdf":  # a text file or page is short because it is; a PDF because it is scanned
        chars = sum(1 for c in text[:50 * MIN_CHARACTERS] if not c.isspace())
        if chars < MIN_CHARACTERS:
            out.append(f"the PDF holds only {chars} characters of text: probably scanned "
                       "pages without a text layer; run OCR on it and import it again")
    return tuple(out)
