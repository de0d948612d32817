"""Linked data that conforms to the third-party standards it claims, on tricky values.

The dataset description against the DCAT-AP 3.0.1 SHACL shapes, GEXF against the 1.3
XSD and GraphML against its schema (all in ../shared/vocab), every RDF format through
rapper, rdflib and pyoxigraph, the EURIO form of CORDIS fields queried the way CORDIS
users query, language-tagged labels, owl:sameAs only to IRIs that resolve, NUTS IRIs only
for NUTS codes, SHA-256 hashes only.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from fastapi.testclient import TestClient
from lxml import etree  # type: ignore[import-untyped]
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.exchange.export import export_to_path
from innograph.graph.exchange.network import write_network
from innograph.graph.rdf.describe import ExportOptions
from innograph.graph.rdf.terms import iri, web_iri
from innograph.graph.rdf.void import DatasetInfo, void_blocks
from innograph.graph.rdf.writers import write_rdf
from innograph.ontology.facts import DocumentFacts, MergeRecord
from innograph.ontology.nuts import nuts_codes
from innograph.tests import dcat_ap
from innograph.tests.builders import make_facts

VOCAB = Path(__file__).resolve().parents[2] / "shared" / "vocab"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference"
BASE = "http://conform.test"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
IG = Namespace("https://w3id.org/innograph/ontology#")
EURIO = Namespace("http://data.europa.eu/s66#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCT = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDFLIB_FORMATS = {"nt": "nt", "ttl": "turtle", "rdfxml": "xml", "jsonld": "json-ld"}
OXIGRAPH_FORMATS = {
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
RAPPER_FORMATS = {"nt": "ntriples", "ttl": "turtle", "rdfxml": "rdfxml"}
CORDIS_PROJECT: dict[str, str | float] = {
    "title": "Bridging robots and harbours",
    "acronym": "BRIDGE-X",
    "identifier": "101012345",
    "start_date": "2021-01-01",
    "end_date": "2024-06-30",
    "total_cost": "2500000.50",
    "ec_contribution": 1999999.5,
    "cordis_url": "https://cordis.europa.eu/project/id/101012345",
}


def e(cid: str) -> URIRef:
    return URIRef(f"{BASE}/id/{cid}")


def _vocab(name: str) -> Path:
    path = VOCAB / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared vocabularies)")
    return path


def tricky_facts() -> list[DocumentFacts]:
    """Values the real graph holds: scheme-less homepages, non-NUTS countries, CORDIS
    fields, Dutch and unknown-language documents, a SHA-1 row hash, merge variants."""
    cordis_row = make_facts(
        "h2020_projects.csv#row=7",
        [
            ("p", "Project", "BRIDGE-X", CORDIS_PROJECT),
            (
                "o",
                "Organisation",
                "Northwind Lab",
                {
                    "legal_name": "NORTHWIND LABORATORIES NV",
                    "activity_type": "REC",
                    "url": "www.northwind.example.org",  # no scheme: never an IRI
                    "wikidata": "Q42",
                },
            ),
            ("f", "FundingProgramme", "Horizon 2020"),
        ],
        [("LEADS", "o", "p"), ("FUNDED_BY", "p", "f", {"amount_eur": 1999999.5})],
        lang="en",
    )
    cordis_row.merges.append(MergeRecord("org-northwind-lab", "NW Lab", "acronym", 0.9))
    # A variant whose id is another entity's: no owl:sameAs may join the two.
    cordis_row.merges.append(MergeRecord("org-northwind-lab", "Eastgate Ltd", "fuzzy", 0.8))
    dutch = make_facts(
        "nieuws/haven.html",
        [
            ("h", "Organisation", "Havenbedrijf Gent", {"url": "https://haven.example.be/a b"}),
            ("y", "Organisation", "Eastgate Ltd", {"wikidata": "not-a-qid", "ror": "x"}),
            ("r", "Region", "West-Vlaanderen", {"nuts_id": "BE25"}),
            ("us", "Region", "United States", {"nuts_id": "US", "country": "US"}),
            ("eg", "Region", "Egypt", {"nuts_id": "EG"}),
            ("p2", "Project", "Havenlab"),
        ],
        [("LOCATED_IN", "h", "r"), ("PARTICIPATES_IN", "y", "p2")],
        lang="nl",
    )
    unknown = make_facts("registry.csv#row=2", [("z", "Organisation", "Zeta Works")], lang="und")
    unknown.content_hash = hashlib.sha1(b"row 2").hexdigest()  # an older importer's row hash
    return [cordis_row, dutch, unknown]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    graph = EmbeddedStore(tmp_path_factory.mktemp("conform") / "store")
    graph.upsert_documents(tricky_facts())
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def dumps(store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("dumps")
    options = ExportOptions(base=BASE, eurio=True)
    return {
        fmt: export_to_path(
            store, fmt, folder / f"all.{fmt}", options, licence=LICENCE, publisher="tests"
        ).path
        for fmt in RDFLIB_FORMATS
    }


@pytest.fixture(scope="module")
def graph(dumps: dict[str, Path]) -> rdflib.Graph:
    return rdflib.Graph().parse(dumps["ttl"], format="turtle")


# -- DCAT-AP 3.0.1 -----------------------------------------------------------------------


def dcat_violations(data: rdflib.Graph) -> list[str]:
    """The DCAT-AP 3.0.1 violations of ``data`` (tests/dcat_ap.py)."""
    _vocab("dcat-ap-3.0.1-shacl-shapes.ttl")  # skips where the shared vocabularies are not
    return dcat_ap.dcat_violations(data, VOCAB)


@pytest.mark.slow
def test_the_dumps_dataset_description_conforms_to_dcat_ap(graph: rdflib.Graph) -> None:
    description = rdflib.Graph()
    for triple in graph:
        if not str(triple[0]).startswith(f"{BASE}/id/"):
            description.add(triple)
    assert dcat_violations(description) == []
    catalog = next(
        iter(description.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Catalog")))
    )
    service = next(
        iter(description.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#DataService")))
    )
    assert (catalog, URIRef("http://www.w3.org/ns/dcat#service"), service) in description
    # CORDIS data in the graph: the source is credited with its licence and attribution
    dataset = next(iter(description.subjects(RDF.type, VOID.Dataset)))
    cordis = description.value(dataset, DCT.source)
    assert description.value(cordis, DCT.license) == URIRef(LICENCE)
    assert "European Union" in str(description.value(cordis, DCT.bibliographicCitation))


@pytest.mark.slow
def test_a_licence_given_by_name_still_conforms() -> None:
    info = DatasetInfo(base=BASE, licence="Open Government Licence", publisher="tests", triples=1)
    text = "".join(write_rdf("ttl", void_blocks(info), base=BASE))
    assert dcat_violations(rdflib.Graph().parse(data=text, format="turtle")) == []


def test_void_figures_are_those_of_the_dump(dumps: dict[str, Path]) -> None:
    for fmt, path in dumps.items():
        parsed = rdflib.Graph().parse(path, format=RDFLIB_FORMATS[fmt])
        dataset = next(iter(parsed.subjects(RDF.type, VOID.Dataset)))
        assert int(str(parsed.value(dataset, VOID.triples))) == len(parsed), fmt
        minted = {s for s in parsed.subjects() if str(s).startswith(f"{BASE}/id/")}
        assert int(str(parsed.value(dataset, VOID.entities))) == len(minted), fmt


def test_the_served_description_counts_what_the_dump_serves(store: EmbeddedStore) -> None:
    settings = load_settings(base_iri=BASE)
    with TestClient(create_app(settings, store=store)) as client:
        void = rdflib.Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
        dump = rdflib.Graph().parse(data=client.get("/dumps/innograph.nt").text, format="nt")
    dataset = next(iter(void.subjects(RDF.type, VOID.Dataset)))
    assert int(str(void.value(dataset, VOID.triples))) == len(dump)


# -- network formats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "schema"), [("gexf", "gexf-1.3-xsd/gexf.xsd"), ("graphml", "graphml-xsd/graphml.xsd")]
)
def test_network_formats_are_valid_against_their_schemas(
    store: EmbeddedStore, fmt: str, schema: str
) -> None:
    xsd = etree.XMLSchema(etree.parse(str(_vocab(schema))))
    text = "".join(write_network(fmt, store, ExportOptions(base=BASE)))
    document = etree.parse(io.BytesIO(text.encode("utf-8")))
    assert xsd.validate(document), [str(err) for err in xsd.error_log][:5]
    if fmt == "gexf":
        assert document.getroot().get("version") == "1.3"
    assert "Bridging robots and harbours" in text and "2500000.5" in text  # CORDIS fields


# -- every format parses everywhere; nothing bad in IRI position -------------------------


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
def test_every_format_parses_with_rdflib_pyoxigraph_and_rapper(
    dumps: dict[str, Path], fmt: str
) -> None:
    data = dumps[fmt].read_bytes()
    expected = len(rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt]))
    quads = list(pyoxigraph.parse(data, format=OXIGRAPH_FORMATS[fmt], base_iri=BASE + "/"))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == expected
    assert b"<www." not in data
    if fmt in RAPPER_FORMATS:
        rapper = shutil.which("rapper")
        if rapper is None:
            pytest.skip("rapper (Debian raptor2-utils) is not installed")
        run = subprocess.run(
            [rapper, "-i", RAPPER_FORMATS[fmt], "-c", str(dumps[fmt])],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0 and "error" not in run.stderr.lower(), run.stderr
        assert f"returned {expected} triples" in run.stderr


def test_a_scheme_less_url_never_becomes_an_iri(graph: rdflib.Graph) -> None:
    org = e("org-northwind-lab")
    # "www.northwind.example.org": the store made it absolute (ontology.homepages)
    assert graph.value(org, FOAF.homepage) == URIRef("http://www.northwind.example.org")
    for _, _, obj in graph:
        assert not (isinstance(obj, URIRef) and not str(obj).split(":", 1)[0].isalpha())
    # a URL with a space is encoded, and valid
    assert graph.value(e("org-havenbedrijf-gent"), FOAF.homepage) == URIRef(
        "https://haven.example.be/a%20b"
    )
    # the writer's last guard: a value without a scheme is written as a literal
    assert iri("www.x.org") == '"www.x.org"'
    assert web_iri("www.x.org") is None and web_iri("http://exa%mple.org") is None


# -- EURIO ------------------------------------------------------------------------------


def _select(store: pyoxigraph.Store, query: str) -> list[pyoxigraph.QuerySolution]:
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return list(solutions)


def test_a_cordis_style_query_finds_projects_and_their_fields(dumps: dict[str, Path]) -> None:
    sparql = pyoxigraph.Store()
    sparql.load(dumps["nt"].read_bytes(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    rows = _select(
        sparql,
        """
            PREFIX eurio: <http://data.europa.eu/s66#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            SELECT ?title ?acronym ?id ?start ?end ?cost ?ec ?page WHERE {
              ?p a eurio:Project ; eurio:title ?title ; eurio:identifier ?id ;
                 eurio:hasAcronym/eurio:shortForm ?acronym ;
                 eurio:startDate ?start ; eurio:endDate ?end ;
                 eurio:hasTotalCost [ eurio:value ?cost ; eurio:currency "EUR" ] ;
                 eurio:isFundedBy/eurio:hasFundingAmount/eurio:value ?ec ;
                 foaf:page ?page .
            }""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == pyoxigraph.Literal(str(CORDIS_PROJECT["title"]), language="en")
    assert row["acronym"].value == "BRIDGE-X" and row["id"].value == "101012345"
    assert row["start"].value == "2021-01-01" and row["end"].value == "2024-06-30"
    assert float(row["cost"].value) == 2500000.5 and float(row["ec"].value) == 1999999.5
    assert row["page"] == pyoxigraph.NamedNode(str(CORDIS_PROJECT["cordis_url"]))
    organisations = _select(
        sparql,
        """
            PREFIX eurio: <http://data.europa.eu/s66#>
            PREFIX ig: <https://w3id.org/innograph/ontology#>
            SELECT ?o ?legal ?activity WHERE {
              ?o a eurio:Organisation ; eurio:legalName ?legal ; ig:activityType ?activity }""",
    )
    assert [(r["legal"].value, r["activity"].value) for r in organisations] == [
        ("NORTHWIND LABORATORIES NV", "REC")
    ]
    # every project and organisation is typed in EURIO, not only the CORDIS ones
    projects = _select(sparql, "SELECT ?p WHERE { ?p a <http://data.europa.eu/s66#Project> }")
    assert len(projects) == 2


# -- labels, sameAs, NUTS, hashes ------------------------------------------------------


def test_labels_carry_the_language_of_their_documents(graph: rdflib.Graph) -> None:
    assert graph.value(e("org-havenbedrijf-gent"), RDFS.label) == Literal(
        "Havenbedrijf Gent", lang="nl"
    )
    assert graph.value(e("project-bridge-x"), RDFS.label) == Literal("BRIDGE-X", lang="en")
    # unknown language ("und"): untagged; ig:name stays the plain name everywhere
    assert graph.value(e("org-zeta-works"), RDFS.label) == Literal("Zeta Works")
    assert graph.value(e("org-havenbedrijf-gent"), IG.name) == Literal("Havenbedrijf Gent")


def test_same_as_points_only_at_iris_that_resolve(
    store: EmbeddedStore, graph: rdflib.Graph
) -> None:
    targets = set(graph.objects(None, OWL.sameAs))
    assert URIRef("http://www.wikidata.org/entity/Q42") in targets
    assert e("org-nw-lab") in targets  # the merged acronym
    assert e("org-eastgate-ltd") not in targets  # that id is another entity
    assert not any("not-a-qid" in str(t) or str(t).endswith("/x") for t in targets)
    own = [t for t in targets if str(t).startswith(f"{BASE}/id/")]
    with TestClient(create_app(load_settings(base_iri=BASE), store=store)) as client:
        for target in own:
            answer = client.get(str(target).removeprefix(BASE), follow_redirects=False)
            assert answer.status_code == 303, target
            assert answer.headers["location"] == str(next(iter(graph.subjects(OWL.sameAs, target))))
        assert client.get("/id/org-never-minted", follow_redirects=False).status_code == 404


def test_only_nuts_codes_get_a_nuts_iri(graph: rdflib.Graph) -> None:
    assert graph.value(e("region-west-vlaanderen"), SKOS.exactMatch) == URIRef(
        "http://data.europa.eu/nuts/code/BE25"
    )
    for region in ("region-united-states", "region-egypt"):
        assert graph.value(e(region), SKOS.exactMatch) is None
        assert graph.value(e(region), IG.nutsCode) is None


def test_the_nuts_list_is_the_reference(tmp_path: Path) -> None:
    reference = REFERENCE / "nuts_2013_regions.csv"
    if not reference.exists():
        pytest.skip("the shared NUTS reference is not here")
    lines = reference.read_text(encoding="utf-8").splitlines()[1:]
    listed = {line.split(",", 1)[0] for line in lines if line}
    # ... with the country codes whose level-0 row the reference lacks (NL, ES, ...).
    assert nuts_codes() == listed | {code[:2] for code in listed}
    assert "NL" not in listed and "NL" in nuts_codes()


def test_only_sha256_hashes_are_published(graph: rdflib.Graph) -> None:
    documents = set(graph.subjects(RDF.type, IG.Document))
    assert len(documents) == 3
    for doc in documents:
        value = graph.value(doc, IG.contentHash)
        if str(graph.value(doc, DCT.source)) == "registry.csv#row=2":  # stored with a SHA-1
            assert value is None
        else:
            assert value is not None and len(str(value)) == 64 and int(str(value), 16) >= 0


def test_dereferenced_documents_parse_everywhere(store: EmbeddedStore, tmp_path: Path) -> None:
    """What /doc/{id} serves, in every format, parses with rdflib, pyoxigraph and rapper."""
    extensions = {"ttl": "ttl", "nt": "nt", "rdf": "rdfxml", "jsonld": "jsonld"}
    rapper = shutil.which("rapper")
    ids = [node.id for node in store.iter_nodes()]
    with TestClient(create_app(load_settings(base_iri=BASE), store=store)) as client:
        for entity_id in ids:
            for ext, fmt in extensions.items():
                data = client.get(f"/doc/{entity_id}.{ext}").content
                expected = len(rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt]))
                quads = pyoxigraph.parse(data, format=OXIGRAPH_FORMATS[fmt], base_iri=BASE + "/")
                assert len({(q.subject, q.predicate, q.object) for q in quads}) == expected
                if rapper is not None and fmt in RAPPER_FORMATS:
                    file = tmp_path / f"{entity_id}.{ext}"
                    file.write_bytes(data)
                    run = subprocess.run(
                        [rapper, "-i", RAPPER_FORMATS[fmt], "-c", str(file)],
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                    assert run.returncode == 0, (entity_id, ext, run.stderr)
