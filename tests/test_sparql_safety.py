"""The SPARQL endpoint's safety: no federation (SERVICE), no network in the workers, a
base IRI that no request's Host changes, honest status codes, no files left behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.rdf.sparql import (
    TEMP_PREFIX,
    SparqlMirror,
    data_graph_iri,
    sweep_stale_folders,
)
from innograph.graph.rdf.sparql_worker import SparqlError, check_query
from innograph.tests.builders import make_facts

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import sample_store
else:
    from test_rdf_sample import sample_store

BASE = "http://lod.test"
IG = "https://w3id.org/innograph/ontology#"
JSON = {"Accept": "application/sparql-results+json"}
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A TCP socket listening on loopback: whatever connects to it is a leak."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


def nobody_connected(server: socket.socket) -> bool:
    """True when no connection waits on the listener (a refused query made none)."""
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("safety") / "store"
    store = sample_store(folder)
    settings = load_settings(store_dir=folder, base_iri=BASE)
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client
    store.close()


def service_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ ?a ?b ?c OPTIONAL {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"PREFIX x: <{url}>\nCONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { VALUES ?e { <" + url + "> } SERVICE ?e { ?s ?p ?o } }",
        # SPARQL expands \u escapes before parsing: this is the keyword SERVICE
        "SELECT * WHERE { \\u0053ERVICE <" + url + "> { ?s ?p ?o } }",
    ]


def test_service_is_refused_and_nothing_connects(
    client: TestClient, listener: socket.socket
) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    for query in service_queries(url):
        for answer in (
            client.get("/sparql", params={"query": query}, headers=JSON),
            client.post("/sparql", data={"query": query}, headers=JSON),
            client.post(
                "/sparql",
                content=query.encode(),
                headers={**JSON, "Content-Type": "application/sparql-query"},
            ),
        ):
            assert answer.status_code == 400, (query, answer.text)
            assert "SERVICE" in answer.json()["error"]
            assert "Retry-After" not in answer.headers
    assert nobody_connected(listener)


def test_service_in_a_literal_or_an_iri_is_answered(client: TestClient) -> None:
    in_literal = 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }" AS ?x) }'
    answer = client.get("/sparql", params={"query": in_literal}, headers=JSON)
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()["results"]["bindings"]
    assert row["x"]["value"].startswith("SERVICE <http://127.0.0.1:1/>")
    in_iri = "ASK { <http://example.org/SERVICE> ?p ?o } # SERVICE <http://x/> { }"
    answer = client.get("/sparql", params={"query": in_iri}, headers=JSON)
    assert answer.status_code == 200 and answer.json()["boolean"] is False


def test_check_query_reads_the_algebra() -> None:
    assert check_query("SELECT * FROM <http://g/> WHERE { ?s ?p ?o }", BASE) is True
    assert check_query("SELECT * WHERE { ?s ?p 'SERVICE' }", BASE) is False
    with pytest.raises(SparqlError) as update:
        check_query("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }", BASE)
    assert update.value.status == 403
    assert check_query("SELECT * WHERE { ?s ?p ?o }", BASE) is False  # nothing to find
    with pytest.raises(SparqlError) as syntax:
        check_query("SELECT ?x FROM <http://g/> WHERE {", BASE)
    assert syntax.value.status == 400 and "syntax" in str(syntax.value)


# Run in a fresh interpreter: take the network away, then try Python and pyoxigraph.
FEDERATE = """
import socket, sys
import pyoxigraph as ox
from innograph.graph.rdf.sparql_worker import block_network
port = int(sys.argv[1])
print(block_network())
try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
    print("python connected")
except PermissionError:
    print("python refused")
query = "SELECT * WHERE { SERVICE <http://127.0.0.1:%d/> { ?s ?p ?o } }" % port
try:
    print("pyoxigraph answered", list(ox.Store().query(query)))
except OSError as err:
    print("pyoxigraph refused:", err)
"""


def test_worker_process_has_no_network(listener: socket.socket) -> None:
    """The second line of defence: even a SERVICE that reached pyoxigraph in a worker
    process goes nowhere (the kernel refuses it an internet socket)."""
    port = str(listener.getsockname()[1])
    run = subprocess.run(
        [sys.executable, "-c", FEDERATE, port], capture_output=True, text=True, timeout=120
    )
    how, python, rust = run.stdout.strip().splitlines()
    assert how == "seccomp", "libseccomp was not found: only Python's sockets are blocked"
    assert python == "python refused"
    assert rust.startswith("pyoxigraph refused"), rust
    assert nobody_connected(listener)


def test_foreign_host_gets_the_configured_iris(client: TestClient) -> None:
    """IRIs and redirects come from the configured base, whatever Host a client sends,
    and one mirror serves every Host (no rebuild per Host)."""
    query = f"SELECT ?o WHERE {{ ?o a <{IG}Project> }}"
    for host in ("evil.example", "lod.test", "127.0.0.1:9999", "evil.example"):
        answer = client.get("/sparql", params={"query": query}, headers={**JSON, "Host": host})
        values = [b["o"]["value"] for b in answer.json()["results"]["bindings"]]
        assert values and all(v.startswith(f"{BASE}/id/") for v in values)
        redirect = client.get(
            "/id/org-northwind-lab",
            headers={"Host": host, "Accept": "text/turtle"},
            follow_redirects=False,
        )
        assert redirect.status_code == 303
        assert redirect.headers["location"].startswith(f"{BASE}/doc/")
        assert "evil" not in redirect.headers["link"]
    mirror = client.app.state.sparql_mirror  # type: ignore[attr-defined]
    assert mirror.base == BASE and mirror.rebuilds == 1


def test_without_a_base_iri_the_default_is_fixed_not_the_host(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    settings = load_settings(store_dir=tmp_path / "s")
    assert settings.base_iri is None or settings.base_iri != "http://evil.example"
    with TestClient(create_app(settings, store=store)) as client:
        redirect = client.get(
            "/id/org-northwind-lab",
            headers={"Host": "evil.example", "Accept": "text/turtle"},
            follow_redirects=False,
        )
    store.close()
    fixed = client.app.state.settings.base_iri  # type: ignore[attr-defined]
    assert fixed and "evil" not in fixed
    assert redirect.headers["location"].startswith(f"{fixed}/doc/")


def test_mirror_files_are_gone_after_shutdown(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    settings = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    with TestClient(create_app(settings, store=store)) as client:
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        folder = client.app.state.sparql_mirror.folder  # type: ignore[attr-defined]
        assert folder is not None and any(Path(folder).iterdir())
    assert not Path(folder).exists()
    store.close()


def test_a_graph_that_does_not_load_is_a_500_not_an_outage(tmp_path: Path) -> None:
    """Bad data in the mirror is the server's fault, said plainly, without Retry-After."""
    store = sample_store(tmp_path / "s")
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://example.org/a b> <http://example.org/p> <http://x/> .\n")
    settings = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    app = create_app(settings, store=store)
    app.state.sparql_mirror = SparqlMirror(
        store, base=BASE, licence=settings.licence, publisher="P", extra_graphs={"http://g/": bad}
    )
    with TestClient(app) as client:
        for _ in range(2):  # the failure is remembered, not retried on every query
            answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert answer.status_code == 500
            assert "could not be loaded" in answer.json()["error"]
            assert "bad.nt" in answer.json()["error"]
            assert "Retry-After" not in answer.headers
    store.close()


def test_dataset_parameters(client: TestClient) -> None:
    data = data_graph_iri(BASE)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{IG}Region> }}"

    def regions(**params: str) -> int:
        answer = client.get("/sparql", params={"query": count, **params}, headers=JSON)
        return int(answer.json()["results"]["bindings"][0]["n"]["value"])

    assert regions() == 2
    assert regions(**{"default-graph-uri": data}) == 2
    assert regions(**{"default-graph-uri": "http://example.org/none"}) == 0
    assert regions(**{"named-graph-uri": data}) == 0  # an empty default graph
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = client.get("/sparql", params={"query": graphs, "named-graph-uri": data}, headers=JSON)
    assert [b["g"]["value"] for b in answer.json()["results"]["bindings"]] == [data]
    bad = client.get("/sparql", params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400 and "IRI" in bad.json()["error"]


def test_service_description_and_head(client: TestClient) -> None:
    answer = client.get("/sparql")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    endpoint = rdflib.URIRef(f"{BASE}/sparql")
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    names = set(graph.objects(None, SD.name))
    assert names == {rdflib.URIRef(data_graph_iri(BASE))}
    head = client.head("/sparql")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/turtle")


def test_two_queries_are_refused(client: TestClient) -> None:
    answer = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert answer.status_code == 400 and "exactly one" in answer.json()["error"]


def test_construct_for_clients_that_list_result_types(client: TestClient) -> None:
    """rdflib and roqet list the SPARQL result types first: a graph still comes back,
    in the best RDF type they list, else Turtle."""
    query = f"CONSTRUCT {{ ?s a <{IG}Region> }} WHERE {{ ?s a <{IG}Region> }}"
    roqet = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": roqet})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=answer.text, format="turtle")) == 2
    mixed = roqet + ", application/n-triples;q=0.5"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": mixed})
    assert answer.headers["content-type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=answer.text, format="nt")) == 2


def test_cors(client: TestClient, tmp_path: Path) -> None:
    origin = {"Origin": "https://notebook.example"}
    answer = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "Content-Type" in preflight.headers["access-control-allow-headers"]
    error = client.get("/sparql", params={"query": "ASK {"}, headers=origin)
    assert error.status_code == 400 and error.headers["access-control-allow-origin"] == "*"
    store = sample_store(tmp_path / "s")
    closed = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    for origins, expected in (((), None), (("https://a.example",), "https://a.example")):
        settings = type(closed)(**{**closed.__dict__, "sparql_cors_origins": origins})
        with TestClient(create_app(settings, store=store)) as other:
            for sender in ("https://a.example", "https://b.example"):
                answer = other.get("/sparql", headers={"Origin": sender})
                allowed = answer.headers.get("access-control-allow-origin")
                assert allowed == (expected if sender == expected else None)
    # The API's own CORS list does not refuse /sparql's preflights.
    api_cors = type(closed)(**{**closed.__dict__, "cors_origins": ("https://a.example",)})
    with TestClient(create_app(api_cors, store=store)) as other:
        preflight = other.options(
            "/sparql",
            headers={"Origin": "https://b.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == "*"
        api = other.options(
            "/api/search",
            headers={"Origin": "https://b.example", "Access-Control-Request-Method": "GET"},
        )
        assert api.status_code == 400  # still the API's list elsewhere
    store.close()


def test_timeout_is_503_without_retry_after(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    settings = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    with TestClient(create_app(settings, store=store)) as client:
        client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        client.app.state.sparql_mirror.timeout = 0.2  # type: ignore[attr-defined]
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        answer = client.get("/sparql", params={"query": heavy})
        assert answer.status_code == 503 and "Retry-After" not in answer.headers
        assert json.loads(answer.text)["error"].startswith("the query took longer")
    store.close()


def test_folders_of_killed_servers_are_swept(tmp_path: Path) -> None:
    gone = multiprocessing.get_context("spawn").Process(target=print)
    gone.start()
    gone.join()
    assert gone.pid is not None
    stale = tmp_path / f"{TEMP_PREFIX}{gone.pid}-abc"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-abc"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "mirror.nt").write_text("")
    assert sweep_stale_folders(str(tmp_path)) == [str(stale)]
    assert not stale.exists() and live.exists()


def test_a_homepage_without_scheme_no_longer_breaks_the_endpoint(tmp_path: Path) -> None:
    """The failure seen on real data: one homepage written without its scheme made the
    mirror fail to load and every query a 503 'try again'. The stores now keep homepages
    as absolute IRIs (ontology.homepages), so the endpoint answers and finds it; a graph
    that still cannot be loaded is a 500 naming the line (the bad-graph test above)."""
    store = sample_store(tmp_path / "s")
    org = ("o", "Organisation", "Schemeless Lab", {"url": "www.schemeless.example"})
    store.upsert_document(make_facts("schemeless.txt", [org]))
    settings = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    query = "ASK { ?s <http://xmlns.com/foaf/0.1/homepage> <http://www.schemeless.example> }"
    with TestClient(create_app(settings, store=store)) as client:
        answer = client.get(
            "/sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
    store.close()
    assert answer.status_code == 200, answer.text
    assert answer.json()["boolean"] is True
