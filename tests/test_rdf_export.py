"""The RDF export: the data model, every format read back by independent parsers, SHACL."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pyshacl
import pytest
import rdflib
import rdflib.compare
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import EntityNotFound
from innograph.graph.exchange.export import export_to_path
from innograph.graph.rdf.describe import ExportOptions, Selection, describe
from innograph.graph.rdf.writers import write_turtle
from innograph.ontology.terms import IG, shapes_path

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import BASE, TRICKY_EVIDENCE, sample_store
else:
    from test_rdf_sample import BASE, TRICKY_EVIDENCE, sample_store

PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
EURIO = Namespace("http://data.europa.eu/s66#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
RDFLIB_FORMATS = {"nt": "nt", "ttl": "turtle", "rdfxml": "xml", "jsonld": "json-ld"}
RAPPER_FORMATS = {"nt": "ntriples", "ttl": "turtle", "rdfxml": "rdfxml"}


def e(cid: str) -> URIRef:
    return URIRef(f"{BASE}/id/{cid}")


@pytest.fixture(scope="module")
def graph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = sample_store(tmp_path_factory.mktemp("rdf") / "store")
    yield store
    store.close()


def export(store: EmbeddedStore, fmt: str, out: Path, **kwargs: object) -> Path:
    selection = kwargs.pop("selection", Selection())
    eurio = bool(kwargs.pop("eurio", False))
    options = ExportOptions(base=BASE, selection=selection, eurio=eurio)  # type: ignore[arg-type]
    result = export_to_path(store, fmt, out, options, licence=LICENCE, publisher="tests", **kwargs)  # type: ignore[arg-type]
    return result.path


def literal(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef) -> Literal:
    """The one literal value of ``predicate`` on ``subject`` (fails if it is not one)."""
    value = graph.value(subject, predicate)
    assert isinstance(value, Literal), f"{predicate} of {subject} is {value!r}"
    return value


def parse(path: Path, fmt: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    graph.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return graph


@pytest.fixture(scope="module")
def ttl_graph(graph_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    path = export(graph_store, "ttl", tmp_path_factory.mktemp("ttl") / "all.ttl", eurio=True)
    return parse(path, "ttl")


def test_entities_follow_the_data_model(ttl_graph: rdflib.Graph) -> None:
    org = e("org-northwind-lab")
    assert (org, RDF.type, IG.Organisation) in ttl_graph
    assert (org, IG.name, Literal("Northwind Lab")) in ttl_graph
    assert (org, RDFS.label, Literal("Northwind Lab", lang="en")) in ttl_graph
    assert (org, IG.countryCode, Literal("BE")) in ttl_graph
    # derived from both documents that mention it
    assert len(set(ttl_graph.objects(org, PROV.wasDerivedFrom))) == 2
    # the merged acronym: owl:sameAs the IRI "NW Lab" would mint
    assert (org, OWL.sameAs, e("org-nw-lab")) in ttl_graph
    cluster = e("org-harbour-cluster")
    assert {IG.Cluster, IG.Organisation} <= set(ttl_graph.objects(cluster, RDF.type))
    assert (cluster, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")) in ttl_graph
    region = e("region-west-flanders")
    assert (region, IG.nutsCode, Literal("BE25")) in ttl_graph
    assert (region, SKOS.exactMatch, URIRef("http://data.europa.eu/nuts/code/BE25")) in ttl_graph
    project = e("project-bridge-x")
    budget = literal(ttl_graph, project, IG.budgetEur)
    assert budget.datatype == rdflib.XSD.decimal and Decimal(str(budget)) == Decimal("1234567.5")
    assert literal(ttl_graph, project, IG.startDate).datatype == rdflib.XSD.date
    assert literal(ttl_graph, project, IG.endDate).datatype == rdflib.XSD.gYearMonth
    pic = ttl_graph.value(org, URIRef("http://www.w3.org/ns/adms#identifier"))
    assert str(ttl_graph.value(pic, SKOS.notation)) == "999123456"


def test_relations_carry_reified_provenance(ttl_graph: rdflib.Graph) -> None:
    org, project = e("org-northwind-lab"), e("project-bridge-x")
    assert (org, IG.leads, project) in ttl_graph
    statements = set(ttl_graph.subjects(RDF.subject, org)) & set(
        ttl_graph.subjects(RDF.predicate, IG.leads)
    )
    assert len(statements) == 2  # one per supporting document
    evidence = {str(ttl_graph.value(s, IG.evidence)) for s in statements}
    assert TRICKY_EVIDENCE in evidence  # quotes, newline, accents survive
    confidences = sorted(float(literal(ttl_graph, s, IG.confidence)) for s in statements)
    assert confidences == [0.7, 0.9]
    funded = next(iter(set(ttl_graph.subjects(RDF.predicate, IG.fundedBy))))
    assert Decimal(str(ttl_graph.value(funded, IG.amountEur))) == Decimal("4999353.18")
    # the amount only on the grant relation
    assert not [s for s in statements if ttl_graph.value(s, IG.amountEur) is not None]


def test_documents_and_dataset_description(ttl_graph: rdflib.Graph) -> None:
    docs = set(ttl_graph.subjects(RDF.type, IG.Document))
    sources = {str(ttl_graph.value(d, DCTERMS.source)) for d in docs}
    assert sources == {"reports/alpha report.txt", "https://news.example.org/item?id=7"}
    for doc in docs:
        assert (doc, RDF.type, PROV.Entity) in ttl_graph
        assert len(str(ttl_graph.value(doc, IG.contentHash))) == 64
    dataset = next(iter(ttl_graph.subjects(RDF.type, VOID.Dataset)))
    assert ttl_graph.value(dataset, DCTERMS.license) == URIRef(LICENCE)
    assert str(ttl_graph.value(dataset, VOID.uriSpace)) == f"{BASE}/id/"
    assert ttl_graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{BASE}/sparql")
    described = set(ttl_graph.subjects(VOID.triples, None))
    assert described == {dataset}
    # void:triples counts every triple of the dump, its description included, and
    # void:entities every resource minted under the uriSpace
    assert int(literal(ttl_graph, dataset, VOID.triples)) == len(ttl_graph)
    minted = {s for s in ttl_graph.subjects() if str(s).startswith(f"{BASE}/id/")}
    assert int(literal(ttl_graph, dataset, VOID.entities)) == len(minted)
    assert len(set(ttl_graph.objects(dataset, VOID.dataDump))) == 4


def test_eurio_qualified_form(ttl_graph: rdflib.Graph) -> None:
    project = e("project-bridge-x")
    roles = set(ttl_graph.objects(project, EURIO.hasInvolvedParty))
    labels = {
        (ttl_graph.value(r, EURIO.isRoleOf), str(ttl_graph.value(r, EURIO.roleLabel)))
        for r in roles
    }
    assert labels == {
        (e("org-northwind-lab"), "coordinator"),
        (e("org-eastgate-ltd"), "participant"),
    }
    grant = ttl_graph.value(project, EURIO.isFundedBy)
    assert ttl_graph.value(grant, EURIO.hasFundingScheme) == e("programme-interreg-zuid")
    amount = ttl_graph.value(grant, EURIO.hasFundingAmount)
    assert Decimal(str(ttl_graph.value(amount, EURIO.value))) == Decimal("4999353.18")
    assert str(ttl_graph.value(amount, EURIO.currency)) == "EUR"


@pytest.mark.parametrize("eurio", [False, True], ids=["direct", "eurio"])
def test_full_dump_validates_against_the_shapes(
    graph_store: EmbeddedStore, tmp_path: Path, eurio: bool
) -> None:
    data = parse(export(graph_store, "ttl", tmp_path / "all.ttl", eurio=eurio), "ttl")
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report


def test_shapes_catch_a_broken_dump(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    """The validation above can fail: drop the provenance of one relation and it does."""
    data = parse(export(graph_store, "ttl", tmp_path / "all.ttl"), "ttl")
    for stmt in list(data.subjects(RDF.predicate, IG.memberOf)):
        data.remove((stmt, None, None))
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert not conforms


def test_every_rdf_format_holds_the_same_graph(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    graphs = {
        fmt: parse(export(graph_store, fmt, tmp_path / f"all.{fmt}", eurio=True), fmt)
        for fmt in RDFLIB_FORMATS
    }
    reference = rdflib.compare.to_isomorphic(graphs["nt"])
    for fmt, graph in graphs.items():
        assert rdflib.compare.to_isomorphic(graph) == reference, fmt


def _rapper() -> str:
    exe = shutil.which("rapper")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian raptor2-utils) is missing; scripts/test-setup installs it")
        pytest.skip("rapper (Debian raptor2-utils) is not installed; scripts/test-setup adds it")
    return exe


@pytest.mark.parametrize("fmt", sorted(RAPPER_FORMATS))
def test_rapper_accepts_each_dump(graph_store: EmbeddedStore, tmp_path: Path, fmt: str) -> None:
    rapper = _rapper()
    path = export(graph_store, fmt, tmp_path / f"all.{fmt}", eurio=True)
    run = subprocess.run(
        [rapper, "-i", RAPPER_FORMATS[fmt], "-c", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower(), run.stderr
    expected = len(parse(path, fmt))
    assert f"returned {expected} triples" in run.stderr


def test_gzip_output(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    path = export(graph_store, "nt", tmp_path / "all.nt", compress=True)
    assert path.name == "all.nt.gz"
    plain = export(graph_store, "nt", tmp_path / "plain.nt")
    assert len(parse(path, "nt")) == len(parse(plain, "nt"))


def test_selection_by_programme_region_and_type(graph_store: EmbeddedStore) -> None:
    rdf_type = f"<{RDF}type>"

    def ids(selection: Selection) -> set[str]:
        blocks = describe(graph_store, ExportOptions(base=BASE, selection=selection))
        return {
            s.rsplit("/id/", 1)[1][:-1]
            for s, pairs in blocks
            if any(p == rdf_type and "ontology#" in o and "Document" not in o for p, o in pairs)
        }

    assert ids(Selection(programme="programme-interreg-zuid")) == {
        "programme-interreg-zuid",
        "project-bridge-x",
        "org-northwind-lab",
        "org-eastgate-ltd",
    }
    # Belgium contains West Flanders, where Northwind Lab is; it leads BRIDGE-X.
    assert ids(Selection(region="region-belgium")) == {
        "region-belgium",
        "region-west-flanders",
        "org-northwind-lab",
        "project-bridge-x",
    }
    assert ids(Selection(types=("Project",))) == {"project-bridge-x", "project-side-quest"}
    assert ids(Selection(types=("Organisation",), programme="programme-interreg-zuid")) == {
        "org-northwind-lab",
        "org-eastgate-ltd",
    }
    with pytest.raises(EntityNotFound):
        list(describe(graph_store, ExportOptions(BASE, Selection(programme="programme-nope"))))
    with pytest.raises(ValueError, match="not a FundingProgramme"):
        list(describe(graph_store, ExportOptions(BASE, Selection(programme="region-belgium"))))


def test_a_selected_dump_still_validates(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    selection = Selection(region="region-belgium")
    data = parse(export(graph_store, "ttl", tmp_path / "be.ttl", selection=selection), "ttl")
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report
    assert (e("project-side-quest"), None, None) not in data


def test_graphml_and_gexf_read_by_networkx(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    stats = graph_store.stats()
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = reader(export(graph_store, fmt, tmp_path / f"all.{fmt}"))
        assert graph.is_directed()
        assert graph.number_of_nodes() == stats.total_nodes
        assert graph.number_of_edges() == stats.total_relationships
        leads = graph.get_edge_data("org-northwind-lab", "project-bridge-x")
        if isinstance(graph, nx.MultiDiGraph):
            leads = next(iter(leads.values()))
        assert leads["relation"] == "LEADS"
        project = graph.nodes["project-bridge-x"]
        assert project["type"] == "Project"
        assert float(project["budget_eur"]) == 1234567.5


def test_csv_follows_the_neo4j_admin_layout(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = export(graph_store, "csv", tmp_path / "csv")
    names = sorted(p.name for p in folder.iterdir())
    assert "nodes_Organisation.csv" in names and "nodes_Cluster.csv" in names
    assert "rels_LEADS.csv" in names and "rels_FUNDED_BY.csv" in names
    cluster = (folder / "nodes_Cluster.csv").read_text().splitlines()
    assert cluster[0].startswith("id:ID,name,") and cluster[0].endswith(",:LABEL")
    assert cluster[1].startswith("org-harbour-cluster,Harbour Cluster,")
    assert cluster[1].endswith(",Organisation;Cluster")
    leads = (folder / "rels_LEADS.csv").read_text().splitlines()
    assert leads[0].split(",")[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert any(row.startswith("org-northwind-lab,project-bridge-x,LEADS,") for row in leads)
    total_rows = sum(
        len((folder / n).read_text().splitlines()) - 1 for n in names if n.startswith("rels_")
    )
    assert total_rows == graph_store.stats().total_relationships


def test_turtle_writer_streams_without_holding_the_graph() -> None:
    """The writer takes a generator and yields chunks before it is exhausted."""
    consumed = 0

    def blocks() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        nonlocal consumed
        for n in range(100_000):
            consumed += 1
            yield f"<{BASE}/id/org-n{n}>", [(f"<{IG}name>", f'"n{n}"')]

    chunks = write_turtle(blocks(), base=BASE)
    first = next(chunks)
    second = next(chunks)
    assert first.startswith("@prefix") and "id:org-n0 ig:name" in first + second
    assert consumed < 10_000  # only as much as the first chunks needed


def test_export_refuses_unknown_format(graph_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export(graph_store, "xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_dump_of_the_seeds_graph_validates(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The real extractor's output, dumped with the EURIO form, meets the shapes."""
    try:
        seeds = request.getfixturevalue("seeds_store")
    except pytest.FixtureLookupError:
        pytest.skip("no seeds_store fixture yet (the ingest helper adds it)")
    options = ExportOptions(base=BASE, eurio=True)
    path = export_to_path(
        seeds, "ttl", tmp_path / "seeds.ttl", options, licence=LICENCE, publisher="tests"
    ).path
    data = parse(path, "ttl")
    assert len(set(data.subjects(RDF.type, IG.Document))) == seeds.stats().documents
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report


def test_a_store_offering_node_sources_is_not_asked_for_each_entity(
    graph_store: EmbeddedStore,
) -> None:
    """The fast path for backends with a cheap mention lookup gives the same RDF."""

    class WithSources:
        def __init__(self, inner: EmbeddedStore) -> None:
            self.inner = inner
            self.sources = {
                n.id: [d.source for d in inner.get_entity(n.id).documents]
                for n in inner.iter_nodes()
            }
            self.entity_calls = 0

        def node_sources(self, entity_id: str) -> list[str]:
            return self.sources[entity_id]

        def get_entity(self, entity_id: str) -> object:
            self.entity_calls += 1
            return self.inner.get_entity(entity_id)

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

    class InterfaceOnly:
        """Only the GraphStore interface: sources come from get_entity."""

        def __init__(self, inner: EmbeddedStore) -> None:
            self.inner = inner
            self.entity_calls = 0

        def get_entity(self, entity_id: str) -> object:
            self.entity_calls += 1
            return self.inner.get_entity(entity_id)

        def __getattr__(self, name: str) -> object:
            if name in ("path", "node_sources", "sources_by_entity"):
                raise AttributeError(name)
            return getattr(self.inner, name)

    options = ExportOptions(base=BASE)
    embedded = list(describe(graph_store, options))  # the mentions fast path (sources_by_entity)
    fast = WithSources(graph_store)
    assert list(describe(fast, options)) == embedded  # type: ignore[arg-type]
    assert fast.entity_calls == 0
    slow = InterfaceOnly(graph_store)
    assert list(describe(slow, options)) == embedded  # type: ignore[arg-type]
    assert slow.entity_calls == graph_store.stats().total_nodes


# Texts whose escaping differs between writers' fast and slow paths: quotes, backslashes,
# line breaks, controls, non-printable but legal characters, non-ASCII, empty.
TRICKY_TEXTS = [
    "plain",
    'with "quotes" and a \\ backslash',
    "line\nbreak\r\nand\ttab",
    "accents Liège Brügge — ünïcode 漢字 😀",
    "nbsp\xa0soft\xadhyphen\u2028line separator",
    "bell\x07 unit\x1f delete\x7f",
    "ends with a backslash \\",
    "",
]
# Characters an IRI may not hold, and how the exporter percent-encodes them.
TRICKY_IRI = (
    'http://x.test/a b<c>"{d}|^`\\é',
    "http://x.test/a%20b%3Cc%3E%22%7Bd%7D%7C%5E%60%5Cé",  # an IRI may hold non-ASCII
)


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_escaped_terms_parse_back_identically(fmt: str) -> None:
    """Every tricky literal and IRI written by the N-Triples/Turtle writer reads back as itself."""
    from innograph.graph.rdf.terms import NS, iri, string, typed
    from innograph.graph.rdf.writers import write_rdf

    subject = f"<{BASE}/id/org-tricky>"
    pairs = [(NS.ig_name, string(text)) for text in TRICKY_TEXTS]
    pairs += [(NS.ig_evidence, typed(text, "urn:example:raw")) for text in TRICKY_TEXTS]
    pairs.append((NS.homepage, iri(TRICKY_IRI[0])))
    text = "".join(write_rdf(fmt, [(subject, pairs)], base=BASE))
    graph = rdflib.Graph().parse(data=text, format=RDFLIB_FORMATS[fmt])
    assert len(graph) == len(pairs)
    names = {str(o) for o in graph.objects(e("org-tricky"), IG.name)}
    assert names == set(TRICKY_TEXTS)
    tokens = set(graph.objects(e("org-tricky"), IG.evidence))
    assert {str(t) for t in tokens} == set(TRICKY_TEXTS)
    assert all(isinstance(t, Literal) and t.datatype == URIRef("urn:example:raw") for t in tokens)
    homepages = list(graph.objects(e("org-tricky"), URIRef("http://xmlns.com/foaf/0.1/homepage")))
    assert homepages == [URIRef(TRICKY_IRI[1])]


def test_ntriples_writer_output_counts_and_streaming() -> None:
    """One line per triple in block order, empty blocks skipped, the trailer told the count,
    and chunks yielded before the blocks run out."""
    from innograph.graph.rdf.writers import write_ntriples

    consumed = 0

    def blocks() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        nonlocal consumed
        for n in range(30_000):
            consumed += 1
            pairs = [(f"<{IG}name>", f'"n{n}"'), (f"<{IG}alias>", f'"a{n}"')][: n % 3]
            yield f"<{BASE}/id/org-n{n}>", pairs

    counts: list[int] = []

    def trailer(count: int) -> list[tuple[str, list[tuple[str, str]]]]:
        counts.append(count)
        return [("<urn:dataset>", [("<urn:triples>", f'"{count}"')])]

    chunks = write_ntriples(blocks(), trailer)
    first = next(chunks)
    assert consumed < 5_000 and first.startswith(f'<{BASE}/id/org-n1> <{IG}name> "n1" .\n')
    text = first + "".join(chunks)
    expected = "".join(
        f"<{BASE}/id/org-n{n}> {p} {o} .\n"
        for n in range(30_000)
        for p, o in [(f"<{IG}name>", f'"n{n}"'), (f"<{IG}alias>", f'"a{n}"')][: n % 3]
    )
    assert counts == [30_000]
    assert text == expected + '<urn:dataset> <urn:triples> "30000" .\n'
    assert "".join(write_ntriples([("<urn:s>", [])])) == ""


def test_sources_holding_the_separator_still_come_from_their_documents(tmp_path: Path) -> None:
    """The embedded store's grouped mentions split sources on U+001F; a source holding
    that character is asked of the store instead, with the same answer."""
    from innograph.graph.rdf.sources import EntitySources
    from innograph.tests.builders import make_facts

    store = EmbeddedStore(tmp_path / "store")
    odd = "odd\x1fsource.txt"
    store.upsert_documents(
        [
            make_facts(odd, [("a", "Organisation", "Odd Lab"), ("b", "Organisation", "Even Lab")]),
            make_facts("plain.txt", [("a", "Organisation", "Odd Lab")]),
        ]
    )
    sources = EntitySources(store)
    try:
        found = {node.id: sorted(sources(node)) for node in store.iter_nodes()}
    finally:
        sources.close()
    assert found == {"org-even-lab": [odd], "org-odd-lab": sorted([odd, "plain.txt"])}
    store.close()
