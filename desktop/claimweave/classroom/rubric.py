"""Rubric files and rubric text: the teacher's criteria, each with its levels, lowest first.

A rubric file is JSON: ``{"criteria": [{"name": "Sourcing", "levels": ["Basic", "Emergent",
"Proficient"]}]}``. The dialog takes the same as text, one criterion a line:
``Sourcing: Basic, Emergent, Proficient``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ClassroomError

RubricSpec = list[tuple[str, list[str]]]


def parse_rubric(data: object, origin: str) -> RubricSpec:
    """The criteria in a decoded rubric file; *origin* names it in messages."""
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
        raise ClassroomError(f'{origin}: a rubric is {{"criteria": [{{"name": ..., '
                             '"levels": [...]}]}')
    spec: RubricSpec = []
    for n, item in enumerate(data["criteria"], start=1):
        where = f"{origin}: criterion {n}"
        if not isinstance(item, dict):
            raise ClassroomError(f"{where}: must be an object with a name and levels")
        name, levels = item.get("name"), item.get("levels")
        if not isinstance(name, str) or not name.strip():
            raise ClassroomError(f"{where}: needs a \"name\" (text)")
        if (not isinstance(levels, list) or not levels
                or not all(isinstance(v, str) and v.strip() for v in levels)):
            raise ClassroomError(f"{where} ({name}): \"levels\" must be a list of names, "
                                 "lowest first")
        spec.append((name.strip(), [v.strip() for v in levels]))
    _check_unique(spec, origin)
    return spec


def load_rubric(path: Path) -> RubricSpec:
    """Read and check a rubric file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ClassroomError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ClassroomError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    return parse_rubric(data, str(path))


def parse_rubric_text(text: str) -> RubricSpec:
    """Criteria written one a line, ``Name: level, level, level`` (blank lines skipped)."""
    spec: RubricSpec = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, rest = line.partition(":")
        levels = [v.strip() for v in rest.split(",") if v.strip()]
        if not sep or not name.strip() or not levels:
            raise ClassroomError(f"rubric line {n}: write 'Criterion: level, level, level' "
                                 f"(lowest level first), not {line.strip()!r}")
        spec.append((name.strip(), levels))
    _check_unique(spec, "rubric")
    return spec


def rubric_text(spec: RubricSpec) -> str:
    """*spec* as the dialog's text: the inverse of :func:`parse_rubric_text`."""
    return "\n".join(f"{name}: {', '.join(levels)}" for name, levels in spec)


def _check_unique(spec: RubricSpec, origin: str) -> None:
    seen: set[str] = set()
    for name, levels in spec:
        if name.casefold() in seen:
            raise ClassroomError(f"{origin}: criterion {name!r} is given twice")
        seen.add(name.casefold())
        if len({v.casefold() for v in levels}) != len(levels):
            raise ClassroomError(f"{origin}: criterion {name!r} names a level twice")
