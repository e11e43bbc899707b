"""The claim network for Gephi and Cytoscape; the workbook for Excel; CSV for Excel."""

from __future__ import annotations

import csv
import subprocess
import sys

import networkx as nx
import openpyxl
import pytest

from claimweave.exchange.datasets import export

from .datasets_sample import build


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_the_network_back(project, tmp_path, fmt):
    ids = build(project)
    path = tmp_path / f"g.{fmt}"
    export(project, fmt, path, propositions={ids["rose0"]: "prices rose"})
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == 9 and graph.number_of_edges() == 5
    node = graph.nodes[ids["rose0"]]
    assert node["quote"] == "𝒜𝓈𝓉𝓇𝒶𝓁 letters say prices rose"
    assert node["document"] == "Emoji & astral" and node["proposition"] == "prices rose"
    assert node["tags"] == "prices; economy" or set(node["tags"].split("; ")) == {
        "prices", "economy"}
    edges = {(a, b): d for a, b, d in graph.edges(data=True)}
    agrees = edges[(ids["rose0"], ids["rose1"])]
    assert agrees["relation"] == "agrees" and int(agrees["polarity"]) == 1
    assert int(edges[(ids["rose1"], ids["fa"])]["polarity"]) == -1


def _networkx_graph(project, propositions):
    """The claim network built with networkx itself: what its writers would have written."""
    graph = nx.MultiDiGraph(name=project.title)
    titles = {d.id: d.title for d in project.documents()}
    for c in project.claims():
        graph.add_node(c.id, label=c.quote[:80], quote=c.quote, document=titles[c.document_id],
                       document_id=c.document_id, start=c.start, end=c.end,
                       tags="; ".join(c.tags), proposition=propositions.get(c.id, ""),
                       note=c.note, annotator=c.annotator)
    rels = {r.id: r for r in project.relation_types()}
    for k in project.links():
        rel = rels[k.relation_type_id]
        graph.add_edge(k.source, k.target, key=k.id, id=k.id, label=k.relation,
                       relation=k.relation, polarity=rel.polarity, symmetric=bool(rel.symmetric),
                       note=k.note, annotator=k.annotator)
    return graph


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_streamed_network_reads_back_as_networkx_wrote_it(project, tmp_path, fmt):
    """Every node, edge and attribute (tabs, newlines, astral characters included) reads
    back exactly as from the file networkx's own writer makes of the same graph."""
    ids = build(project)
    props = {ids["rose0"]: "prices & <rose>", ids["fa"]: "line\nbreak"}
    ours, theirs = tmp_path / f"ours.{fmt}", tmp_path / f"theirs.{fmt}"
    export(project, fmt, ours, propositions=props)
    write, read = ((nx.write_graphml, nx.read_graphml) if fmt == "graphml"
                   else (nx.write_gexf, nx.read_gexf))
    write(_networkx_graph(project, props), theirs)
    a, b = read(ours), read(theirs)
    assert type(a) is type(b)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    def edges(g):
        return {(u, v, d["id"]): d for u, v, d in g.edges(data=True)}

    assert edges(a) == edges(b) and len(edges(a)) == a.number_of_edges() == 5
    assert a.graph == b.graph


def test_cli_names_propositions(project, tmp_path):
    ids = build(project)
    project.close()
    path = tmp_path / "g.graphml"
    subprocess.run([sys.executable, "-m", "claimweave", "export", str(project.path),
                    "--format", "graphml", "-o", str(path)], check=True, capture_output=True)
    graph = nx.read_graphml(path)
    # agrees joins rose0 and rose1 into one proposition; fa and zh (same_claim) another
    assert graph.nodes[ids["rose0"]]["proposition"] == graph.nodes[ids["rose1"]]["proposition"]
    assert graph.nodes[ids["fa"]]["proposition"] == graph.nodes[ids["zh"]]["proposition"]
    assert graph.nodes[ids["fa"]]["proposition"] != graph.nodes[ids["rose0"]]["proposition"]


def test_xlsx_sheets_are_exact_and_never_formulas(project, tmp_path):
    ids = build(project)
    path = tmp_path / "t.xlsx"
    export(project, "xlsx", path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["documents", "claims", "links"]
    rows = list(book["claims"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 9
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    formula = by_id[ids["formula"]]
    assert formula["quote"] == "=SUM(A1) is not a formula"  # exact text, no apostrophe
    cell = next(c for c in book["claims"]["F"] if c.value == formula["quote"])
    assert cell.data_type == "s"
    assert by_id[ids["minus"]]["quote"] == "-1 is negative"
    assert len(list(book["links"].iter_rows())) == 1 + 5


def test_csv_for_excel_has_a_bom(project, tmp_path):
    build(project)
    export(project, "csv", tmp_path / "plain")
    export(project, "csv", tmp_path / "excel", excel=True)
    for name in ("documents.csv", "claims.csv", "links.csv"):
        assert (tmp_path / "excel" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert not (tmp_path / "plain" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert (tmp_path / "excel" / name).read_bytes()[3:] == \
            (tmp_path / "plain" / name).read_bytes()
    with open(tmp_path / "excel" / "claims.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "id"


def test_xlsx_holds_every_cell_of_the_csv_tables(project, tmp_path):
    """Every sheet, row and cell of the workbook is the CSV export's (without the
    apostrophes CSV puts before formula-like text), numbers as numbers; the header row is
    bold and frozen."""
    build(project)
    export(project, "xlsx", tmp_path / "t.xlsx")
    export(project, "csv", tmp_path / "csv")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for name in ("documents", "claims", "links"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        with open(tmp_path / "csv" / f"{name}.csv", encoding="utf-8", newline="") as fh:
            expected = list(csv.reader(fh))
        got = [["" if v is None else v for v in row]
               for row in sheet.iter_rows(values_only=True)]
        assert len(got) == len(expected) > 1
        for want_row, got_row in zip(expected, got, strict=True):
            got_row += [""] * (len(want_row) - len(got_row))
            for want, value in zip(want_row, got_row, strict=True):
                if isinstance(value, int):
                    assert str(value) == want
                else:
                    assert want in (value, "'" + value), (name, want, value)
