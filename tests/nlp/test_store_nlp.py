"""The store's additions for NLP: dismissed suggestions (schema v2, undoable)."""

from __future__ import annotations

import pytest

from claimweave.core.errors import InvalidOperationError
from claimweave.core.store import Project


@pytest.fixture
def two_claims(project: Project) -> tuple[str, str]:
    a = project.add_document("First text says one thing.").document.id
    b = project.add_document("Second text says another.").document.id
    return (project.add_claim(a, quote="one thing").id,
            project.add_claim(b, quote="another").id)


def test_table_exists(project: Project) -> None:
    cols = [r[1] for r in project.con.execute("PRAGMA table_info(dismissed_suggestions)")]
    assert cols == ["claim_id", "target_kind", "target_ref", "created_at"]


def test_dismiss_is_undoable_and_idempotent(project: Project, two_claims) -> None:  # type: ignore[no-untyped-def]
    q, other = two_claims
    changes = []
    project.subscribe(changes.append)
    project.dismiss_suggestion(q, "claim", other[:8])
    project.dismiss_suggestion(q, "claim", other)
    assert project.dismissed_suggestions(q) == {("claim", other)}
    assert len(changes) == 1 and changes[0].touches("dismissed_suggestions")
    assert project.undo() == "Dismiss suggestion"
    assert project.dismissed_suggestions(q) == set()
    project.redo()
    assert project.dismissed_suggestions(q) == {("claim", other)}


def test_bad_kind_is_refused(project: Project, two_claims) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidOperationError):
        project.dismiss_suggestion(two_claims[0], "paragraph", "x")


def test_deleting_a_claim_drops_its_dismissals_and_undo_restores_them(
        project: Project, two_claims) -> None:  # type: ignore[no-untyped-def]
    q, other = two_claims
    project.dismiss_suggestion(q, "claim", other)
    project.dismiss_suggestion(q, "sentence", "doc:0:5")
    project.delete_claim(other)
    assert project.dismissed_suggestions(q) == {("sentence", "doc:0:5")}
    project.delete_claim(q)
    project.undo()
    project.undo()
    assert project.dismissed_suggestions(q) == {("claim", other), ("sentence", "doc:0:5")}
