"""The stored suggestion index reads back exactly the rows asked for, however many."""

from __future__ import annotations

from claimweave.core.store import Project


def test_reads_any_number_of_terms_postings_and_passages(project: Project) -> None:
    n = 1_200  # beyond one list of bound parameters
    terms = [(f"t{i}", i, i % 7) for i in range(n)]
    postings = [("claims", "words", i, bytes([i % 256]), b"w") for i in range(0, n, 2)]
    passages = [("claims", i, f"ref{i}", i, i + 1, 0.5, b"f") for i in range(n)]
    index_id = project.suggest_index_put("suggest:k", "sig", "{}", {"a": b"1"}, terms,
                                         postings, passages, layout="suggest:")
    assert index_id is not None
    asked = [f"t{i}" for i in range(n)] + ["absent"]
    assert sorted(project.suggest_index_terms(index_id, asked)) == sorted(terms)
    assert project.suggest_index_terms(index_id, []) == []
    found = project.suggest_index_postings(index_id, "claims", "words", list(range(n)))
    assert sorted(t for t, _, _ in found) == list(range(0, n, 2))
    assert project.suggest_index_postings(index_id, "claims", "other", [0, 2]) == []
    rows = project.suggest_index_passages(index_id, "claims", list(range(0, n, 3)))
    assert sorted(r[0] for r in rows) == list(range(0, n, 3))
    refs = project.suggest_index_rows(index_id, "claims", [f"ref{i}" for i in range(n)])
    assert refs == {f"ref{i}": i for i in range(n)}
    assert project.suggest_index_rows(index_id, "claims", []) == {}
    assert len(project.suggest_index_rows(index_id, "claims")) == n


def test_a_replacing_index_never_takes_the_id_of_the_one_it_replaces(project: Project
                                                                      ) -> None:
    """An index opened before it was replaced reads by its id: the id of the new one must
    differ, or the old reader would take the new index's rows for its own."""
    rows = ([("t", 0, 1)], [("claims", "words", 0, b"\x00", b"w")],
            [("claims", 0, "ref0", 0, 1, 0.5, b"f")])
    first = project.suggest_index_put("suggest:k", "sig", "{}", {"a": b"1"}, *rows,
                                      layout="suggest:")
    second = project.suggest_index_put("suggest:k", "sig2", "{}", {"a": b"1"}, *rows,
                                       layout="suggest:")
    assert first is not None and second is not None and second != first
    assert project.suggest_index_passages(first, "claims", [0]) == []  # gone with it
    assert project.suggest_index_find("suggest:k", "sig2") == (second, "{}")
