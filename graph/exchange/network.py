"""The graph for network tools: GraphML and GEXF (Gephi, networkx) and neo4j-admin CSV.

Written element by element from the store's node and edge streams; nothing holds the
whole graph. The RDF exporter's selection applies here too.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from innograph.graph.rdf.describe import ExportOptions, selected_ids
from innograph.graph.rdf.iris import entity_iri
from innograph.graph.rdf.terms import xml_safe
from innograph.graph.store import GraphStore
from innograph.graph.types import Edge, Node
from innograph.ontology.terms import ontology

NETWORK_FORMATS: tuple[str, ...] = ("graphml", "gexf")
GEXF_NS = "http://gexf.net/1.3"

# Node attributes written as columns/keys: (property, GraphML/GEXF type, neo4j-admin type).
NODE_ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("aliases", "string", "string[]"),
    ("country", "string", "string"),
    ("nuts_id", "string", "string"),
    ("budget_eur", "double", "double"),
    ("start_date", "string", "string"),
    ("end_date", "string", "string"),
    ("url", "string", "string"),
    ("pic", "string", "string"),
    ("wikidata", "string", "string"),
    ("ror", "string", "string"),
    ("cci", "string", "string"),
    # The CORDIS fields the importer keeps (graph.rdf.eurio.CORDIS_PROPERTIES).
    ("title", "string", "string"),
    ("acronym", "string", "string"),
    ("identifier", "string", "string"),
    ("total_cost", "double", "double"),
    ("ec_contribution", "double", "double"),
    ("legal_name", "string", "string"),
    ("activity_type", "string", "string"),
    ("cordis_url", "string", "string"),
)
ARRAY_DELIMITER = ";"  # neo4j-admin's default --array-delimiter


def _text(value: Any, sep: str = "; ") -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return sep.join(str(v) for v in value)
    return str(value)


def _number(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        return ""


def _kept_nodes(store: GraphStore, keep: set[str] | None) -> Iterator[Node]:
    for node in store.iter_nodes():
        if keep is None or node.id in keep:
            yield node


def _kept_edges(store: GraphStore, keep: set[str] | None) -> Iterator[Edge]:
    for edge in store.iter_edges():
        if keep is None or (edge.source in keep and edge.target in keep):
            yield edge


def _edge_values(edge: Edge) -> dict[str, str]:
    confidence = max((p.confidence for p in edge.provenance), default=None)
    sources = sorted({p.document for p in edge.provenance})
    return {
        "relation": edge.type,
        "confidence": _number(confidence),
        "amount_eur": _number(edge.properties.get("amount_eur")),
        "sources": _text(sources),
    }


EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("relation", "string"),
    ("confidence", "double"),
    ("amount_eur", "double"),
    ("sources", "string"),
)


def _node_values(node: Node, base: str) -> dict[str, str]:
    values = {"label": node.name, "type": node.type, "iri": entity_iri(base, node.id)}
    for key, kind, _ in NODE_ATTRIBUTES:
        raw = node.properties.get(key)
        values[key] = _number(raw) if kind == "double" else _text(raw)
    return values


def _node_keys() -> list[tuple[str, str]]:
    return [("label", "string"), ("type", "string"), ("iri", "string")] + [
        (key, kind) for key, kind, _ in NODE_ATTRIBUTES
    ]


def write_graphml(store: GraphStore, options: ExportOptions) -> Iterator[str]:
    """GraphML text, node by node then edge by edge (directed)."""
    keep = selected_ids(store, options.selection)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for key, kind in _node_keys():
        yield f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="{kind}"/>\n'
    for key, kind in EDGE_ATTRIBUTES:
        yield f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="{kind}"/>\n'
    yield '  <graph id="innograph" edgedefault="directed">\n'
    for node in _kept_nodes(store, keep):
        data = "".join(
            f'<data key="n_{k}">{_xml(v)}</data>'
            for k, v in _node_values(node, options.base).items()
            if v != ""
        )
        yield f"    <node id={quoteattr(node.id)}>{data}</node>\n"
    for number, edge in enumerate(_kept_edges(store, keep)):
        data = "".join(
            f'<data key="e_{k}">{_xml(v)}</data>' for k, v in _edge_values(edge).items() if v
        )
        yield (
            f'    <edge id="e{number}" source={quoteattr(edge.source)} '
            f"target={quoteattr(edge.target)}>{data}</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def _xml(text: str) -> str:
    return xml_escape(xml_safe(text))


@dataclass(frozen=True, slots=True)
class GexfElement:
    """A node or an edge for :func:`gexf_text`: its id, label, ends (edges), weight
    (edges) and attribute values by title (empty values are left out)."""

    id: str
    label: str = ""
    source: str = ""
    target: str = ""
    weight: float | None = None
    values: Mapping[str, str] = field(default_factory=dict)


def _attvalues(keys: Sequence[tuple[str, str]], values: Mapping[str, str]) -> str:
    return "".join(
        f'<attvalue for="{n}" value={quoteattr(_xml_attr(values[key]))}/>'
        for n, (key, _) in enumerate(keys)
        if values.get(key, "") != ""
    )


def gexf_text(
    *,
    description: str,
    node_attributes: Sequence[tuple[str, str]],
    edge_attributes: Sequence[tuple[str, str]],
    nodes: Iterable[GexfElement],
    edges: Iterable[GexfElement],
    directed: bool = True,
) -> Iterator[str]:
    """GEXF 1.3 text (Gephi's format, valid against the 1.3 XSD), chunk by chunk: the
    attribute declarations (title, GEXF type), then the nodes, then the edges, each with
    its attribute values. ``directed=False`` writes an undirected graph (a weighted
    collaboration network)."""
    kind = "directed" if directed else "undirected"
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
        "  <meta><creator>innograph</creator>"
        f"<description>{_xml(description)}</description></meta>\n"
        f'  <graph mode="static" defaultedgetype="{kind}">\n'
        '    <attributes class="node">\n'
    )
    for number, (key, kind) in enumerate(node_attributes):
        yield f'      <attribute id="{number}" title="{key}" type="{kind}"/>\n'
    yield '    </attributes>\n    <attributes class="edge">\n'
    for number, (key, kind) in enumerate(edge_attributes):
        yield f'      <attribute id="{number}" title="{key}" type="{kind}"/>\n'
    yield "    </attributes>\n    <nodes>\n"
    for node in nodes:
        yield (
            f"      <node id={quoteattr(node.id)} label={quoteattr(_xml_attr(node.label))}>"
            f"<attvalues>{_attvalues(node_attributes, node.values)}</attvalues></node>\n"
        )
    yield "    </nodes>\n    <edges>\n"
    for edge in edges:
        label = f" label={quoteattr(_xml_attr(edge.label))}" if edge.label else ""
        weight = f' weight="{edge.weight!r}"' if edge.weight is not None else ""
        yield (
            f"      <edge id={quoteattr(edge.id)} source={quoteattr(edge.source)} "
            f"target={quoteattr(edge.target)}{label}{weight}>"
            f"<attvalues>{_attvalues(edge_attributes, edge.values)}</attvalues></edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(store: GraphStore, options: ExportOptions) -> Iterator[str]:
    """GEXF 1.3 text of the store (valid against the 1.3 XSD): nodes with attributes,
    then directed edges."""
    keep = selected_ids(store, options.selection)
    node_keys = [k for k in _node_keys() if k[0] != "label"]
    return gexf_text(
        description="innograph knowledge graph",
        node_attributes=node_keys,
        edge_attributes=EDGE_ATTRIBUTES,
        nodes=(
            GexfElement(node.id, node.name, values=_node_values(node, options.base))
            for node in _kept_nodes(store, keep)
        ),
        edges=(
            GexfElement(str(number), edge.type, edge.source, edge.target, values=_edge_values(edge))
            for number, edge in enumerate(_kept_edges(store, keep))
        ),
    )


def _xml_attr(text: str) -> str:
    return xml_safe(text)


def write_network(fmt: str, store: GraphStore, options: ExportOptions) -> Iterator[str]:
    """GraphML or GEXF text chunks."""
    if fmt == "graphml":
        return write_graphml(store, options)
    if fmt == "gexf":
        return write_gexf(store, options)
    raise ValueError(f"unknown network format {fmt!r} (known: {', '.join(NETWORK_FORMATS)})")


# -- neo4j-admin database import CSV ----------------------------------------------------

NODE_HEADER = (
    ["id:ID", "name"]
    + [f"{key}:{kind}" if kind != "string" else key for key, _, kind in NODE_ATTRIBUTES]
    + ["iri", ":LABEL"]
)
REL_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "confidence:double",
    "amount_eur:double",
    "sources:string[]",
    "evidence:string[]",
]


def _csv_cell(value: Any, kind: str) -> str:
    if kind == "double":
        return _number(value)
    if kind.endswith("[]"):
        return _text(value, ARRAY_DELIMITER)
    return _text(value)


def _one_line(text: str) -> str:
    """Evidence as one CSV-safe line: neo4j-admin rejects multi-line fields by default."""
    return " ".join(text.split()).replace(ARRAY_DELIMITER, ",")


class _CsvFiles:
    """One open CSV writer per file name, created with its header on first use."""

    def __init__(self, folder: Path, compress: bool) -> None:
        self.folder, self.compress = folder, compress
        self.open: dict[str, tuple[IO[str], Any]] = {}

    def writer(self, name: str, header: list[str]) -> Any:
        if name not in self.open:
            path = self.folder / (name + (".csv.gz" if self.compress else ".csv"))
            handle: IO[str] = (
                gzip.open(path, "wt", encoding="utf-8", newline="")
                if self.compress
                else path.open("w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle)
            writer.writerow(header)
            self.open[name] = (handle, writer)
        return self.open[name][1]

    def close(self) -> int:
        for handle, _ in self.open.values():
            handle.close()
        return len(self.open)


def write_csv_folder(
    store: GraphStore, folder: Path, options: ExportOptions, *, compress: bool = False
) -> int:
    """neo4j-admin import files in ``folder``: nodes_<Label>.csv and rels_<TYPE>.csv.

    Returns how many files were written. Import with e.g.
    ``neo4j-admin database import full --nodes=nodes_Project.csv ... --relationships=...``.
    """
    keep = selected_ids(store, options.selection)
    folder.mkdir(parents=True, exist_ok=True)
    files = _CsvFiles(folder, compress)
    try:
        for node in _kept_nodes(store, keep):
            term = ontology().classes[node.type]
            row = [node.id, node.name]
            row += [_csv_cell(node.properties.get(k), kind) for k, _, kind in NODE_ATTRIBUTES]
            row += [entity_iri(options.base, node.id), ARRAY_DELIMITER.join(term.neo4j_labels)]
            files.writer(f"nodes_{term.neo4j_label}", NODE_HEADER).writerow(row)
        for edge in _kept_edges(store, keep):
            neo4j_type = ontology().properties[edge.type].neo4j_type
            values = _edge_values(edge)
            evidence = sorted({p.evidence for p in edge.provenance if p.evidence})
            files.writer(f"rels_{neo4j_type}", REL_HEADER).writerow(
                [
                    edge.source,
                    edge.target,
                    neo4j_type,
                    values["confidence"],
                    values["amount_eur"],
                    ARRAY_DELIMITER.join(sorted({p.document for p in edge.provenance})),
                    ARRAY_DELIMITER.join(_one_line(e) for e in evidence),
                ]
            )
    finally:
        count = files.close()
    return count
