"""brat's configuration files for an export: annotation.conf and visual.conf.

brat's validator accepts type, attribute and value names made of ``[A-Za-z0-9_-]`` only, so a
tag named "Économie & société" is written ``Economie_societe`` and visual.conf's ``[labels]``
section maps it back to its name, which brat shows and our import reads. Names are made
unique per export; colours of relation types ride in visual.conf's ``[drawing]``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .base import ProjectSnapshot
from .safety import decode_utf8, read_bytes

ENTITY = "Claim"
ANNOTATOR = "Annotator"
CONF_FILE = "annotation.conf"
VISUAL_FILE = "visual.conf"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_RESERVED = frozenset({ENTITY.lower(), ANNOTATOR.lower(), "annotatornotes"})


def safe_name(name: str) -> str:
    """*name* as brat accepts it: accents dropped, everything else outside [A-Za-z0-9_-]
    replaced by one underscore (may be empty for a name in another script)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("_", folded).strip("_")


@dataclass
class _Space:
    """One namespace of safe names (types, attributes and values share brat's labels)."""

    kind: str
    safe: dict[str, str] = field(default_factory=dict)  # name -> safe name
    taken: set[str] = field(default_factory=lambda: set(_RESERVED))

    def __call__(self, name: str) -> str:
        if name not in self.safe:
            base = safe_name(name) or f"{self.kind}_{len(self.safe) + 1}"
            token, n = base, 1
            while token.lower() in self.taken:
                n += 1
                token = f"{base}_{n}"
            self.taken.add(token.lower())
            self.safe[name] = token
        return self.safe[name]


class BratNames:
    """The safe name of every tag, relation type and annotator of one export."""

    def __init__(self) -> None:
        shared: set[str] = set(_RESERVED)  # labels are one table, so names never collide
        self.tag = _Space("tag", taken=shared)
        self.relation = _Space("relation", taken=shared)
        self.annotator = _Space("annotator", taken=shared)

    @classmethod
    def of(cls, snap: ProjectSnapshot) -> BratNames:
        names = cls()
        for t in snap.tags:
            names.tag(t.name)
        for r in snap.relations:
            names.relation(r.name)
        for a in annotators(snap):
            names.annotator(a)
        return names

    def annotation_conf(self, snap: ProjectSnapshot) -> str:
        lines = ["# Written by ClaimWeave: tags are binary attributes of Claim; the names",
                 "# shown in brat (and read back by ClaimWeave) are in visual.conf [labels].",
                 "[entities]", ENTITY, "[relations]",
                 "# claims may nest and overlap",
                 f"<OVERLAP> Arg1:{ENTITY}, Arg2:{ENTITY}, <OVL-TYPE>:<ANY>"]
        for r in snap.relations:
            sym = ", <REL-TYPE>:symmetric" if r.symmetric else ""
            lines.append(f"{self.relation(r.name)} Arg1:{ENTITY}, Arg2:{ENTITY}{sym}")
        lines += ["[events]", "[attributes]"]
        lines += [f"{self.tag(t.name)} Arg:{ENTITY}" for t in snap.tags]
        people = annotators(snap)
        if people:
            lines.append(f"{ANNOTATOR} Arg:<ANY>, Value:" + "|".join(map(self.annotator, people)))
        return "\n".join(lines) + "\n"

    def visual_conf(self, snap: ProjectSnapshot) -> str:
        lines = ["[labels]"]
        for space in (self.tag, self.relation, self.annotator):
            lines += [f"{token} | {name}" for name, token in space.safe.items()]
        lines += ["[drawing]", f"{ENTITY}\tbgColor:#ffe8a3, borderColor:darken"]
        lines += [f"{self.relation(r.name)}\tcolor:{r.color}" for r in snap.relations]
        return "\n".join(lines) + "\n"


def annotators(snap: ProjectSnapshot) -> list[str]:
    return sorted({c.annotator for c in snap.claims if c.annotator}
                  | {k.annotator for k in snap.links if k.annotator})


def read_labels(path: Path) -> dict[str, str]:
    """visual.conf's ``[labels]``: the safe name -> the first (full) label; {} without one."""
    if not path.exists():
        return {}
    labels: dict[str, str] = {}
    section = ""
    for line in decode_utf8(read_bytes(path), str(path)).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
        elif section == "labels" and "|" in stripped:
            token, label, *_ = (p.strip() for p in stripped.split("|"))
            if token and label:
                labels[token] = label
    return labels
