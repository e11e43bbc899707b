"""File > Export offers every dataset format with its name, description and options, and
the window's export writes what the command line writes."""

from __future__ import annotations

import zipfile

import networkx as nx

from claimweave.exchange.datasets import EXPORTERS
from claimweave.ui.dialogs.export import FORMAT_OPTIONS, FORMATS, ExportDialog


def test_every_exporter_has_a_name_and_a_description() -> None:
    missing = sorted(set(EXPORTERS) - set(FORMATS))
    assert not missing, f"the Export dialog knows no name or description for {missing}"
    assert all(FORMATS[fmt].about and FORMATS[fmt].suffix for fmt in EXPORTERS)


def test_a_formats_option_shows_only_for_it_and_travels_in_the_request(qtbot, project) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    for fmt, (name, value, label) in FORMAT_OPTIONS.items():
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        assert dialog.option.isVisible() and dialog.option.text() == label
        assert dialog.request().options == {}  # type: ignore[union-attr]
        dialog.option.setChecked(True)
        assert dialog.request().options == {name: value}  # type: ignore[union-attr]
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    assert not dialog.option.isVisible() and dialog.request().options == {}  # type: ignore[union-attr]


def test_the_windows_claim_network_carries_propositions(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "network.graphml"
    window.export_to("graphml", out)
    graph = nx.read_graphml(out)
    linked = [n for n, data in graph.nodes(data=True) if graph.degree(n)]
    assert linked and all(graph.nodes[n].get("proposition") for n in linked)


def test_the_window_passes_a_formats_option(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "claims.csv.zip"
    window.export_to("csv", out, options={"excel": True})

    with zipfile.ZipFile(out) as z:  # the window's csv export is the command line's
        assert z.read("claims.csv").startswith(b"\xef\xbb\xbf")  # the byte-order mark
