"""Tag and entity frequencies, and the claim network with its layout, without Qt."""

from __future__ import annotations

import numpy as np

from claimweave.analysis.frequencies import entity_frequencies, tag_frequencies
from claimweave.analysis.layout import layout
from claimweave.analysis.network import claim_network
from claimweave.analysis.snapshot import Snapshot


def test_tag_frequencies_by_source(debate):
    project, _ids = debate
    f = tag_frequencies(Snapshot.of(project))
    assert f.labels == ("alliance", "military")
    assert f.colors == ("#f4c542", "#80b1d3")
    assert f.counts == ((2, 1, 0, 1), (1, 1, 0, 0))  # columns B, A, D, C


def test_entity_frequencies_from_a_mapping(debate):
    project, ids = debate
    entities = {ids["A"]: ["Russia", "Iran", "Iran"], ids["C"]: ["Iran", " Russia "],
                ids["B"]: ["Moscow"]}
    f = entity_frequencies(Snapshot.of(project), entities, top=2)
    assert f.labels == ("Iran", "Russia")
    assert f.counts == ((0, 2, 0, 1), (0, 1, 0, 1))


def test_network_nodes_edges_and_colours(debate):
    project, ids = debate
    net = claim_network(Snapshot.of(project))
    assert set(net.claim_ids) == {ids[k] for k in ("a1", "a2", "b1", "b2", "c1", "c2")}
    assert len(net.edges) == 4
    assert [name for _, name, _ in net.relations] == [
        "agrees", "contradicts", "same_claim", "elaborates"]
    a1 = net.claim_ids.index(ids["a1"])
    assert net.sources[net.source_index[a1]].id == ids["A"]
    assert net.positions.shape == (6, 2) and np.isfinite(net.positions).all()


def test_layout_is_deterministic_and_separates_nodes():
    edges = [(i, i + 1) for i in range(0, 40, 2)] + [(i, (i * 7) % 600) for i in range(600)]
    first, second = layout(640, edges), layout(640, edges)
    assert np.array_equal(first, second)
    d = np.linalg.norm(first[:, None] - first[None, :], axis=-1)
    np.fill_diagonal(d, np.inf)
    assert d.min() > 1e-3  # no two nodes on top of each other


def test_entity_names_are_joined_and_numbers_left_out(debate):
    project, ids = debate
    entities = {ids["A"]: ["U.S.", "the United States", "two", "Iran's", "14"],
                ids["C"]: ["US", "Iran", "two million"]}
    f = entity_frequencies(Snapshot.of(project), entities)
    assert f.labels == ("United States", "Iran")
    assert f.counts == ((0, 2, 0, 1), (0, 1, 0, 1))
    assert f.unit == "mentions" and tag_frequencies(Snapshot.of(project)).unit == "claims"
