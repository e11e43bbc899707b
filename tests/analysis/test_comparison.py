"""The proposition x source matrix and the source x source counts, without Qt."""

from __future__ import annotations

import json

from claimweave.analysis.comparison import (
    CONTRADICTS,
    MIXED,
    SILENT,
    SUPPORTS,
    compare,
)
from claimweave.analysis.snapshot import Snapshot
from claimweave.analysis.sources import source_pairs


def _matrix(project):
    return compare(Snapshot.of(project))


def _row(matrix, claim_id):
    return next(i for i, p in enumerate(matrix.propositions) if claim_id in p.claim_ids)


def test_sources_by_date_then_undated_in_project_order(debate):
    project, ids = debate
    assert [s.id for s in _matrix(project).sources] == [ids[k] for k in "BADC"]


def test_cells_know_stance_count_and_claims(debate):
    project, ids = debate
    m = _matrix(project)
    stances = {
        name: [c.stance for c in m.cells[_row(m, ids[name])]] for name in ("a1", "b1", "a2")
    }
    # columns B, A, D, C
    assert stances["a1"] == [CONTRADICTS, SUPPORTS, SILENT, SUPPORTS]
    assert stances["b1"] == [SUPPORTS, CONTRADICTS, SILENT, SILENT]
    assert stances["a2"] == [SUPPORTS, SUPPORTS, SILENT, SILENT]
    cell = m.cell(m.propositions[_row(m, ids["a1"])].key, ids["B"])
    assert cell.contradicts == (ids["b1"],) and cell.claim_ids == (ids["b1"],)
    assert cell.count == 1


def test_a_source_on_both_sides_is_mixed(debate):
    project, ids = debate
    project.link_claims(ids["a3"], ids["a1"], "contradicts")
    m = _matrix(project)
    cell = m.cells[_row(m, ids["a1"])][1]
    assert cell.stance == MIXED and cell.count == 2


def test_json_shape(debate):
    project, _ids = debate
    data = json.loads(json.dumps(_matrix(project).to_json()))
    assert set(data) == {"propositions", "sources", "cells"}
    assert len(data["cells"]) == len(data["propositions"]) * len(data["sources"]) == 12
    assert {"key", "name", "claims", "opposes"} <= set(data["propositions"][0])
    assert {"proposition", "source", "stance", "count"} <= set(data["cells"][0])


def test_source_pairs_count_agreements_and_clashes_once(debate):
    project, _ids = debate
    pairs = source_pairs(_matrix(project))
    b, a, d, c = range(4)
    assert pairs.agree[a][c] == pairs.agree[c][a] == 1  # P1
    assert pairs.agree[a][b] == 1  # P2
    assert [pairs.agree[i][i] for i in range(4)] == [2, 2, 0, 1]
    assert pairs.contradict[a][b] == pairs.contradict[b][a] == 1  # one contradicts link
    assert pairs.contradict[c][b] == 1  # C sides with A against B
    assert pairs.contradict[a][c] == 0 and pairs.contradict[d] == (0, 0, 0, 0)
    assert pairs.net(a, b) == 0 and pairs.net(a, c) == 1


def test_empty_project(project):
    m = _matrix(project)
    assert m.to_json() == {"propositions": [], "sources": [], "cells": []}
    assert source_pairs(m).agree == ()
