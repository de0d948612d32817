"""The SPARQL endpoint: known answers in every result format, read-only, caps, deadline."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib import Namespace, URIRef

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.rdf.sparql import SparqlMirror, is_update
from innograph.graph.store import GraphStore
from innograph.tests.builders import make_facts

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import sample_store
else:
    from test_rdf_sample import sample_store

BASE = "http://lod.test"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
IG = Namespace("https://w3id.org/innograph/ontology#")
PREFIX = f"PREFIX ig: <{IG}>\n"
# Who works with whom: two organisations leading or joining the same project.
COLLABORATE = (
    PREFIX
    + """SELECT ?a ?b ?project WHERE {
  ?a ig:leads|ig:participatesIn ?project .
  ?b ig:leads|ig:participatesIn ?project .
  ?project a ig:Project .
  FILTER (STR(?a) < STR(?b))
} ORDER BY ?a ?b"""
)
EXPECTED_PAIR = (
    f"{BASE}/id/org-eastgate-ltd",
    f"{BASE}/id/org-northwind-lab",
    f"{BASE}/id/project-bridge-x",
)
SR = "{http://www.w3.org/2005/sparql-results#}"


def make_client(folder: Path, store: GraphStore) -> TestClient:
    settings = load_settings(store_dir=folder, base_iri=BASE)
    return TestClient(create_app(settings, store=store))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("sparql") / "store"
    store = sample_store(folder)
    with make_client(folder, store) as test_client:
        yield test_client
    store.close()


def sparql(client: TestClient, query: str, accept: str) -> tuple[int, str, str]:
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    return answer.status_code, answer.headers.get("content-type", ""), answer.text


def test_select_json(client: TestClient) -> None:
    status, ctype, body = sparql(client, COLLABORATE, "application/sparql-results+json")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["a", "b", "project"]
    rows = [
        tuple(b[v]["value"] for v in ("a", "b", "project")) for b in data["results"]["bindings"]
    ]
    assert rows == [EXPECTED_PAIR]
    assert data["results"]["bindings"][0]["a"]["type"] == "uri"


def test_select_xml(client: TestClient) -> None:
    status, ctype, body = sparql(client, COLLABORATE, "application/sparql-results+xml")
    assert status == 200 and ctype.startswith("application/sparql-results+xml")
    root = ET.fromstring(body)
    results = root.findall(f"{SR}results/{SR}result")
    assert len(results) == 1
    values = {
        b.get("name"): b.find(f"{SR}uri").text  # type: ignore[union-attr]
        for b in results[0].findall(f"{SR}binding")
    }
    assert (values["a"], values["b"], values["project"]) == EXPECTED_PAIR


def test_select_csv_and_tsv(client: TestClient) -> None:
    status, ctype, body = sparql(client, COLLABORATE, "text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [["a", "b", "project"], list(EXPECTED_PAIR)]
    status, ctype, body = sparql(client, COLLABORATE, "text/tab-separated-values")
    assert status == 200 and ctype.startswith("text/tab-separated-values")
    lines = body.strip().split("\n")
    assert lines[0] == "?a\t?b\t?project"
    assert lines[1] == "\t".join(f"<{iri}>" for iri in EXPECTED_PAIR)


def test_literals_keep_datatypes_and_escapes(client: TestClient) -> None:
    query = (
        PREFIX
        + "SELECT ?amount ?evidence WHERE { ?s ig:amountEur ?amount ; ig:evidence ?evidence }"
    )
    data = json.loads(sparql(client, query, "application/sparql-results+json")[2])
    (row,) = data["results"]["bindings"]
    assert row["amount"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert float(row["amount"]["value"]) == 4999353.18
    tricky = PREFIX + 'SELECT ?e WHERE { ?s ig:evidence ?e FILTER(CONTAINS(?e, "Liège")) }'
    data = json.loads(sparql(client, tricky, "application/json")[2])
    (row,) = data["results"]["bindings"]
    assert '"Lab"' in row["e"]["value"] and "\n" in row["e"]["value"]


def test_ask(client: TestClient) -> None:
    yes = PREFIX + f"ASK {{ <{BASE}/id/org-northwind-lab> ig:leads <{BASE}/id/project-bridge-x> }}"
    no = PREFIX + f"ASK {{ <{BASE}/id/org-eastgate-ltd> ig:leads <{BASE}/id/project-bridge-x> }}"
    assert json.loads(sparql(client, yes, "application/sparql-results+json")[2])["boolean"] is True
    assert json.loads(sparql(client, no, "application/sparql-results+json")[2])["boolean"] is False
    root = ET.fromstring(sparql(client, yes, "application/sparql-results+xml")[2])
    assert root.find(f"{SR}boolean").text == "true"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("media", "parser"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_and_describe(client: TestClient, media: str, parser: str) -> None:
    query = PREFIX + "CONSTRUCT { ?o ig:name ?n } WHERE { ?o a ig:Organisation ; ig:name ?n }"
    status, ctype, body = sparql(client, query, media)
    assert status == 200 and ctype.startswith(media)
    graph = rdflib.Graph().parse(data=body, format=parser)
    names = {str(n) for n in graph.objects(None, IG.name)}
    assert names == {"Northwind Lab", "Eastgate Ltd", "Harbour Cluster"}
    status, _, body = sparql(client, f"DESCRIBE <{BASE}/id/project-bridge-x>", media)
    described = rdflib.Graph().parse(data=body, format=parser)
    assert (URIRef(f"{BASE}/id/project-bridge-x"), IG.name, rdflib.Literal("BRIDGE-X")) in described


def test_post_form_and_direct(client: TestClient) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    form = client.post("/sparql", data={"query": COLLABORATE}, headers=accept)
    direct = client.post(
        "/sparql",
        content=COLLABORATE.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json()
    assert len(form.json()["results"]["bindings"]) == 1


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {"method": "POST", "data": {"update": "CLEAR ALL"}},
        {
            "method": "POST",
            "content": b"DELETE WHERE { ?s ?p ?o }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "GET", "params": {"query": "INSERT DATA { <a:x> <a:y> <a:z> }"}},
        {"method": "POST", "data": {"query": PREFIX + "# tidy\nDELETE WHERE { ?s ig:name ?n }"}},
    ],
    ids=["get-update", "form-update", "direct-update", "insert-as-query", "delete-with-prefix"],
)
def test_updates_are_refused(client: TestClient, request_kwargs: dict[str, object]) -> None:
    kwargs = dict(request_kwargs)
    method = str(kwargs.pop("method"))
    answer = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert answer.status_code == 403
    assert "read-only" in answer.json()["error"]
    # and nothing changed
    count = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?s ig:name ?o }"
    data = json.loads(sparql(client, count, "application/json")[2])
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 0


def test_bad_requests(client: TestClient) -> None:
    status, _, body = sparql(client, "SELECT ?x WHERE { ?x", "application/json")
    assert status == 400 and "syntax" in json.loads(body)["error"]
    dataset_only = client.get("/sparql", params={"default-graph-uri": f"{BASE}/g"})
    assert dataset_only.status_code == 400 and "missing" in dataset_only.json()["error"]
    empty_form = client.post("/sparql", data={"x": "1"})
    assert empty_form.status_code == 400
    wrong_type = client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    status, _, body = sparql(client, COLLABORATE, "image/png")
    assert status == 406 and "available" in json.loads(body)["detail"]


def test_is_update_ignores_queries_that_mention_keywords() -> None:
    assert not is_update('SELECT ?s WHERE { ?s ?p "INSERT DATA" }')
    assert not is_update("PREFIX delete: <http://x/> SELECT * WHERE { ?s delete:p ?o }")
    assert is_update("PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }")
    assert is_update("with <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_result_cap(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    mirror = SparqlMirror(
        store,
        base=BASE,
        licence="https://creativecommons.org/licenses/by/4.0/",
        publisher="P",
        cap=3,
    )
    result = mirror.query("SELECT * WHERE { ?s ?p ?o }")
    assert len(result.rows) == 3 and result.truncated  # type: ignore[union-attr]
    small = mirror.query("SELECT * WHERE { ?s a <https://w3id.org/innograph/ontology#Region> }")
    assert len(small.rows) == 2 and not small.truncated  # type: ignore[union-attr]
    mirror.close()
    store.close()


def test_deadline(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    with make_client(tmp_path / "s", store) as client:
        client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        client.app.state.sparql_mirror.timeout = 0.2  # type: ignore[attr-defined]
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        answer = client.get("/sparql", params={"query": heavy})
        assert answer.status_code == 503
        assert "longer than" in answer.json()["error"]
    store.close()


def test_mirror_follows_the_graph(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    with make_client(tmp_path / "s", store) as client:
        query = PREFIX + "SELECT ?o WHERE { ?o a ig:Event }"
        assert json.loads(sparql(client, query, "application/json")[2])["results"]["bindings"] == []
        mirror = client.app.state.sparql_mirror  # type: ignore[attr-defined]
        sparql(client, query, "application/json")
        assert mirror.rebuilds == 1  # cached while the graph does not change
        store.upsert_document(
            make_facts(
                "later.txt",
                [("e", "Event", "Harbour Summit"), ("y", "Organisation", "Eastgate Ltd")],
                [("PARTICIPATES_IN", "y", "e")],
            )
        )
        rows = json.loads(sparql(client, query, "application/json")[2])["results"]["bindings"]
        assert [r["o"]["value"] for r in rows] == [f"{BASE}/id/event-harbour-summit"]
        assert mirror.rebuilds == 2
    store.close()


def test_seeds_graph_answers_match_the_store(request: pytest.FixtureRequest) -> None:
    """Over the graph of the seed documents: SPARQL gives what the store itself says."""
    try:
        store: GraphStore = request.getfixturevalue("seeds_store")
    except pytest.FixtureLookupError:
        pytest.skip("no seeds_store fixture yet (the ingest helper adds it)")
    mirror = SparqlMirror(store, base=BASE, licence=LICENCE, publisher="P")
    expected = {
        (f"{BASE}/id/{e.source}", f"{BASE}/id/{e.target}")
        for e in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"])
    }
    result = mirror.query(PREFIX + "SELECT ?o ?p WHERE { ?o ig:leads|ig:participatesIn ?p }")
    got = {(row[0][1:-1], row[1][1:-1]) for row in result.rows}  # type: ignore[union-attr,index]
    assert got == expected
    organisations = mirror.query(
        PREFIX + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ig:Organisation }"
    )
    stats = store.stats()
    own = stats.nodes.get("Organisation", 0) + stats.nodes.get("Cluster", 0)
    count = organisations.rows[0][0]  # type: ignore[union-attr]
    assert count is not None and int(count.split('"')[1]) == own
    mirror.close()
