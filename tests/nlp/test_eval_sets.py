"""Every evaluation set in tests/data/nlp_eval_*.json is well formed.

A measurement is only as good as its gold set: a quote that is missing from its document, or
found twice, or a pair that points at a claim nobody wrote, silently changes what the numbers
mean. These checks read the JSON only: no model, no Qt, and no suggestion or stance is
computed, so running them tells nobody how the rules do on a held-out set.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = sorted(DATA.glob("nlp_eval_*.json"))
ROLES = {"development", "held-out"}
RELATIONS = {"agrees", "contradicts"}


def problems(data: Any) -> list[str]:
    """Every way `data` breaks the evaluation-set format, one line each (empty: sound)."""
    if not isinstance(data, dict):
        return ["the set is not a JSON object"]
    found: list[str] = []
    for key in ("title", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            found.append(f"{key} is missing or empty")
    if data.get("role") not in ROLES:
        found.append(f"role {data.get('role')!r} is not one of {sorted(ROLES)}")
    lists = {key: data.get(key) for key in ("documents", "claims", "pairs")}
    for key, value in lists.items():
        if not isinstance(value, list) or not value:
            found.append(f"{key} is missing or empty")
    if found:
        return found

    texts: dict[str, str] = {}
    seen: set[str] = set()
    for doc in data["documents"]:
        did = doc.get("id")
        if did in seen:
            found.append(f"id {did!r} is used twice")
        seen.add(did)
        if not isinstance(doc.get("text"), str) or not doc["text"]:
            found.append(f"document {did!r} has no text")
        else:
            texts[did] = doc["text"]

    claim_doc: dict[str, str] = {}
    for claim in data["claims"]:
        cid, did, quote = claim.get("id"), claim.get("document"), claim.get("quote")
        if cid in seen:
            found.append(f"id {cid!r} is used twice")
        seen.add(cid)
        if did not in texts:
            found.append(f"claim {cid!r} names an unknown document {did!r}")
            continue
        claim_doc[cid] = did
        count = texts[did].count(quote) if isinstance(quote, str) and quote else 0
        if count != 1:
            found.append(f"claim {cid!r}: its quote occurs {count} times in {did!r}, not once")

    for number, pair in enumerate(data["pairs"]):
        a, b = pair.get("a"), pair.get("b")
        missing = [c for c in (a, b) if c not in claim_doc]
        if missing:
            found.append(f"pair {number} ({a}, {b}) names unknown claims {missing}")
        elif claim_doc[a] == claim_doc[b]:
            found.append(f"pair {number} ({a}, {b}) links two claims of one document")
        if pair.get("relation") not in RELATIONS:
            found.append(f"pair {number} ({a}, {b}) has relation {pair.get('relation')!r}")
        difficulty = pair.get("difficulty")
        if not isinstance(difficulty, str) or not difficulty.strip():
            found.append(f"pair {number} ({a}, {b}) has no difficulty")
    return found


def test_the_sets_are_found() -> None:
    assert len(SETS) >= 2, f"expected the evaluation sets in {DATA}"


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_set_is_well_formed(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert problems(data) == []


SOUND: dict[str, Any] = {
    "title": "t",
    "role": "held-out",
    "description": "d",
    "documents": [
        {"id": "d0", "title": "A", "text": "A\n\nThe dam opened. The river rose."},
        {"id": "d1", "title": "B", "text": "B\n\nThe dam stayed shut."},
    ],
    "claims": [
        {"id": "d0_c1", "document": "d0", "quote": "The dam opened"},
        {"id": "d0_c2", "document": "d0", "quote": "The river rose"},
        {"id": "d1_c1", "document": "d1", "quote": "The dam stayed shut"},
    ],
    "pairs": [{"a": "d0_c1", "b": "d1_c1", "relation": "contradicts", "difficulty": "easy: x"}],
}


def _broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(SOUND)
    if change == "quote missing":
        data["claims"][0]["quote"] = "The dam closed"
    elif change == "quote twice":
        data["documents"][0]["text"] = "A\n\nThe dam opened. The river rose. The dam opened."
    elif change == "id twice":
        data["claims"][1]["id"] = "d0_c1"
    elif change == "unknown document":
        data["claims"][2]["document"] = "d9"
    elif change == "unknown claim":
        data["pairs"][0]["b"] = "d1_c7"
    elif change == "same document":
        data["pairs"][0]["b"] = "d0_c2"
    elif change == "relation":
        data["pairs"][0]["relation"] = "neutral"
    elif change == "role":
        data["role"] = "tuning"
    elif change == "difficulty":
        del data["pairs"][0]["difficulty"]
    return data


def test_the_sound_example_passes() -> None:
    assert problems(SOUND) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("quote missing", "occurs 0 times"),
        ("quote twice", "occurs 2 times"),
        ("id twice", "used twice"),
        ("unknown document", "unknown document"),
        ("unknown claim", "unknown claims"),
        ("same document", "one document"),
        ("relation", "relation 'neutral'"),
        ("role", "role 'tuning'"),
        ("difficulty", "no difficulty"),
    ],
)
def test_each_kind_of_damage_is_reported(change: str, expected: str) -> None:
    found = problems(_broken(change))
    assert any(expected in line for line in found), found


def test_a_damaged_copy_of_a_real_set_fails(tmp_path: Path) -> None:
    """The real files go through the same check: a copy with one quote edited is caught."""
    data = json.loads(SETS[0].read_text(encoding="utf-8"))
    data["claims"][0]["quote"] += " (edited)"
    copy_path = tmp_path / SETS[0].name
    copy_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found = problems(json.loads(copy_path.read_text(encoding="utf-8")))
    assert [line for line in found if "occurs 0 times" in line], found
