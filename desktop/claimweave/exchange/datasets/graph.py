"""The claim network as GraphML or GEXF, for Gephi and Cytoscape, written as it is read.

Nodes are claims (id = claim id) with ``label`` (the quote, shortened), ``quote``,
``document`` (title), ``document_id``, ``start``, ``end``, ``tags`` (joined by "; "),
``proposition`` (the claim group it belongs to, when the caller computed them), ``note`` and
``annotator``; edges are links (id = link id), directed from source to target, with
``relation``, ``polarity`` (+1/-1/0), ``symmetric`` and ``note``. XML cannot hold most C0
control characters; they are dropped from the attribute values.

The XML is the one networkx's writers produced (same keys, types and GEXF layout, so
``networkx.read_graphml``/``read_gexf`` give the same graph back), but it is streamed node
by node instead of building a networkx graph and an element tree of the whole project
(100,000 claims: 600 MB and 4 s for GEXF).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from ... import __version__
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .qdpx import _a, _t

LABEL_CHARS = 80
# (name, GraphML/GEXF type) in the order networkx wrote them; label, start and end are
# GEXF's own node attributes, id and label its own edge attributes.
NODE_KEYS = (("label", "string"), ("quote", "string"), ("document", "string"),
             ("document_id", "string"), ("start", "long"), ("end", "long"),
             ("tags", "string"), ("proposition", "string"), ("note", "string"),
             ("annotator", "string"))
EDGE_KEYS = (("id", "string"), ("label", "string"), ("relation", "string"),
             ("polarity", "long"), ("symmetric", "boolean"), ("note", "string"),
             ("annotator", "string"))
_GEXF_NODE_OWN = (0, 4, 5)  # label, start, end are attributes of <node>, not attvalues
_GEXF_EDGE_OWN = 2  # id, label are attributes of <edge>
GEXF_NS = "http://www.gexf.net/1.2draft"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

Row = tuple[object, ...]


def _nodes(snap: ProjectSnapshot, props: Mapping[str, str], tick: Ticker
           ) -> Iterator[tuple[str, Row]]:
    """(claim id, values in NODE_KEYS order) in document order."""
    for doc in snap.documents:
        title = doc.title
        for c in snap.claims_by_doc[doc.id]:
            quote = c.quote
            label = quote if len(quote) <= LABEL_CHARS else quote[:LABEL_CHARS - 1] + "…"
            yield c.id, (label, quote, title, c.document_id, c.start, c.end,
                         "; ".join(c.tags), props.get(c.id, ""), c.note, c.annotator)
        tick.step()


def _edges(snap: ProjectSnapshot) -> Iterator[tuple[str, str, Row]]:
    """(source, target, values in EDGE_KEYS order) per link."""
    relations = snap.relation_by_id
    for k in snap.links:
        rel = relations[k.relation_type_id]
        yield k.source, k.target, (k.id, k.relation, k.relation, rel.polarity,
                                   bool(rel.symmetric), k.note, k.annotator)


def _value(value: object) -> str:
    """A value as XML text: booleans as the schema types spell them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _graphml(snap: ProjectSnapshot, props: Mapping[str, str], tick: Ticker) -> Iterator[str]:
    yield (f"<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"{GRAPHML_NS}\" "
           f'xmlns:xsi="{_XSI}" xsi:schemaLocation="{GRAPHML_NS} '
           f'{GRAPHML_NS}/1.0/graphml.xsd">\n')
    yield '<key id="d0" for="graph" attr.name="name" attr.type="string"/>\n'
    node_ids = [f"d{i + 1}" for i in range(len(NODE_KEYS))]
    edge_ids = [f"d{i + 1 + len(NODE_KEYS)}" for i in range(len(EDGE_KEYS))]
    for what, keys, ids in (("node", NODE_KEYS, node_ids), ("edge", EDGE_KEYS, edge_ids)):
        for (name, kind), key in zip(keys, ids, strict=True):
            yield f'<key id="{key}" for="{what}" attr.name="{name}" attr.type="{kind}"/>\n'
    yield f'<graph edgedefault="directed"><data key="d0">{_t(snap.title)}</data>\n'
    for claim_id, values in _nodes(snap, props, tick):
        data = "".join(f'<data key="{k}">{_t(_value(v))}</data>'
                       for k, v in zip(node_ids, values, strict=True))
        yield f"<node id={_a(claim_id)}>{data}</node>\n"
    for source, target, values in _edges(snap):
        data = "".join(f'<data key="{k}">{_t(_value(v))}</data>'
                       for k, v in zip(edge_ids, values, strict=True))
        yield f"<edge source={_a(source)} target={_a(target)} id={_a(values[0])}>{data}</edge>\n"
    yield "</graph></graphml>\n"


def _gexf(snap: ProjectSnapshot, props: Mapping[str, str], tick: Ticker) -> Iterator[str]:
    # The claim's start and end are GEXF's node spells (as networkx wrote them): the graph is
    # "dynamic" with integer times. networkx_key carries the link id as the multigraph key.
    node_attrs = [k for i, k in enumerate(NODE_KEYS) if i not in _GEXF_NODE_OWN]
    edge_attrs = (*EDGE_KEYS[_GEXF_EDGE_OWN:], ("networkx_key", "string"))
    yield (f"<?xml version='1.0' encoding='utf-8'?>\n<gexf xmlns=\"{GEXF_NS}\" "
           f'xmlns:xsi="{_XSI}" xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" '
           f'version="1.2">\n<meta lastmodifieddate="{date.today().isoformat()}">'
           f"<creator>ClaimWeave {_t(__version__)}</creator></meta>\n"
           f'<graph defaultedgetype="directed" mode="dynamic" name={_a(snap.title)} '
           'timeformat="long">\n')
    for what, attrs, first in (("edge", edge_attrs, len(node_attrs)), ("node", node_attrs, 0)):
        yield f'<attributes mode="static" class="{what}">\n'
        for i, (name, kind) in enumerate(attrs, start=first):
            yield f'<attribute id="{i}" title="{name}" type="{kind}"/>\n'
        yield "</attributes>\n"
    yield "<nodes>\n"
    for claim_id, values in _nodes(snap, props, tick):
        label, start, end = values[0], values[4], values[5]
        rest = (v for i, v in enumerate(values) if i not in _GEXF_NODE_OWN)
        att = "".join(f'<attvalue for="{i}" value={_a(_value(v))}/>' for i, v in enumerate(rest))
        yield (f'<node id={_a(claim_id)} label={_a(label)} start="{start}" end="{end}">'
               f"<attvalues>{att}</attvalues></node>\n")
    yield "</nodes>\n<edges>\n"
    for source, target, values in _edges(snap):
        att = "".join(f'<attvalue for="{i}" value={_a(_value(v))}/>'
                      for i, v in enumerate((*values[2:], values[0]), start=len(node_attrs)))
        yield (f"<edge source={_a(source)} target={_a(target)} id={_a(values[0])} "
               f"label={_a(values[1])}><attvalues>{att}</attvalues></edge>\n")
    yield "</edges>\n</graph>\n</gexf>\n"


_WRITERS = {"graphml": _graphml, "gexf": _gexf}


def _export(project: Project, path: Path, selection: ExportSelection, progress: Progress | None,
            propositions: Mapping[str, str] | None, write: str) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    with atomic_writer(path) as fh:
        buffer: list[str] = []
        for chunk in _WRITERS[write](snap, propositions or {}, tick):
            buffer.append(chunk)
            if len(buffer) >= 1000:
                fh.write("".join(buffer))
                buffer.clear()
        fh.write("".join(buffer))
    return snap.summary(path)


def export_graphml(project: Project, path: Path, selection: ExportSelection,
                   progress: Progress | None = None, *,
                   propositions: Mapping[str, str] | None = None) -> ExportSummary:
    return _export(project, path, selection, progress, propositions, "graphml")


def export_gexf(project: Project, path: Path, selection: ExportSelection,
                progress: Progress | None = None, *,
                propositions: Mapping[str, str] | None = None) -> ExportSummary:
    return _export(project, path, selection, progress, propositions, "gexf")
