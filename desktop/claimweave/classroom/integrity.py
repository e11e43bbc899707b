"""Fingerprints and checksums that tie a submission to its assignment and detect edits.

The document fingerprint is SHA-256 over the sorted SHA-256 hashes of the documents' texts,
so it names the exact set of texts whatever their order or ids. The content checksum is
SHA-256 over a canonical JSON of the annotations and the submission's identity; it catches
any change made after hand-in (in ClaimWeave or with sqlite3). It is not a signature: a
determined student who reads this code could recompute it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..core.store import Project


def _sha256(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def document_fingerprint(project: Project) -> str:
    """SHA-256 over the sorted text hashes of every document in *project*."""
    return _sha256("\n".join(sorted(d.text_sha256 for d in project.documents())))


def canonical_annotations(project: Project) -> dict[str, Any]:
    """Claims, links and answers to the prompts as plain, sorted data: what the checksum
    covers.

    Documents are named by text hash, so the checksum depends on the texts, not on ids. A
    file with no answers has no "answers" entry, so submissions handed in before prompts
    existed still check.
    """
    docs = {d.id: d.text_sha256 for d in project.documents()}
    claims = sorted(({"id": c.id, "document": docs[c.document_id], "start": c.start,
                      "end": c.end, "quote": c.quote, "note": c.note, "annotator": c.annotator,
                      "tags": sorted(c.tags)} for c in project.claims()),
                    key=lambda c: str(c["id"]))
    links = sorted(({"id": k.id, "source": k.source, "target": k.target,
                     "relation": k.relation, "note": k.note, "annotator": k.annotator}
                    for k in project.links()), key=lambda k: k["id"])
    out: dict[str, Any] = {"claims": claims, "links": links}
    answers = sorted(({"prompt": a.prompt_id, "subject": docs.get(a.subject, a.subject),
                       "annotator": a.annotator, "text": a.text} for a in project.answers()),
                     key=lambda a: (a["prompt"], a["subject"], a["annotator"]))
    if answers:
        out["answers"] = answers
    return out


def content_checksum(project: Project, *, assignment_id: str, fingerprint: str,
                     student: str) -> str:
    """SHA-256 of the canonical JSON of the annotations and the submission's identity."""
    payload = {"assignment_id": assignment_id, "fingerprint": fingerprint, "student": student,
               **canonical_annotations(project)}
    return _sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False,
                              separators=(",", ":")))
