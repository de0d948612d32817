"""Dereferencing: 303 from the resource IRI, content negotiation, headers, 406, VoID."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib import RDF, Namespace, URIRef

from innograph.api.app import create_app
from innograph.api.routes.lod import negotiate
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.builders import make_facts

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import sample_store
else:
    from test_rdf_sample import sample_store

BASE = "http://lod.test"
IG = Namespace("https://w3id.org/innograph/ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
RDF_TYPES = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("rdf", "xml"),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("lod") / "store"
    store = sample_store(folder)
    settings = load_settings(store_dir=folder, base_iri=BASE)
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client
    store.close()


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_resource_iri_303s_to_the_rdf_document(client: TestClient, media: str) -> None:
    ext, parser = RDF_TYPES[media]
    answer = client.get("/id/org-northwind-lab", headers={"Accept": media}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{BASE}/doc/org-northwind-lab.{ext}"
    assert "Accept" in answer.headers["vary"]
    assert f'<{BASE}/doc/org-northwind-lab>; rel="describedby"' in answer.headers["link"]
    # follow the redirect on the test client (the Location's host is the configured base)
    doc = client.get(f"/doc/org-northwind-lab.{ext}")
    assert doc.status_code == 200
    assert doc.headers["content-type"].split(";")[0] == media
    graph = rdflib.Graph().parse(data=doc.content, format=parser)
    assert (URIRef(f"{BASE}/id/org-northwind-lab"), RDF.type, IG.Organisation) in graph
    assert (URIRef(f"{BASE}/id/org-northwind-lab"), IG.leads, None) in graph


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_document_url_negotiates_too(client: TestClient, media: str) -> None:
    answer = client.get("/doc/project-bridge-x", headers={"Accept": media})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media
    assert answer.headers["vary"] == "Accept"
    ext = RDF_TYPES[media][0]
    assert answer.headers["content-location"] == f"{BASE}/doc/project-bridge-x.{ext}"
    links = answer.headers["link"]
    assert f'<{BASE}/id/project-bridge-x>; rel="about"' in links
    for other in RDF_TYPES:
        assert f'rel="alternate"; type="{other}"' in links


def test_browser_gets_html(client: TestClient) -> None:
    answer = client.get(
        "/id/org-northwind-lab", headers={"Accept": BROWSER}, follow_redirects=False
    )
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.endswith("/entity/org-northwind-lab") or location.endswith(
        "/doc/org-northwind-lab.html"
    )
    page = client.get(location.removeprefix(BASE))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Northwind Lab" in page.text


@pytest.mark.parametrize("accept", ["image/png", "application/pdf, text/plain;q=0.5"])
def test_unknown_media_type_is_406_with_what_is_available(client: TestClient, accept: str) -> None:
    for path in ("/id/org-northwind-lab", "/doc/org-northwind-lab"):
        answer = client.get(path, headers={"Accept": accept}, follow_redirects=False)
        assert answer.status_code == 406
        body = answer.json()
        assert set(body["detail"]["available"]) >= set(RDF_TYPES)
        assert answer.headers["vary"] == "Accept"


def test_no_accept_header_gets_turtle(client: TestClient) -> None:
    answer = client.get("/id/org-northwind-lab", headers={"Accept": ""}, follow_redirects=False)
    assert answer.headers["location"].endswith(".ttl")


def test_q_values_decide(client: TestClient) -> None:
    accept = "text/turtle;q=0.5, application/ld+json;q=0.9, */*;q=0.1"
    answer = client.get("/id/org-northwind-lab", headers={"Accept": accept}, follow_redirects=False)
    assert answer.headers["location"].endswith(".jsonld")
    assert negotiate("text/*;q=0.3, text/turtle;q=0", ["text/turtle", "text/html"]) == "text/html"
    assert negotiate("application/rdf+xml;q=0", ["application/rdf+xml"]) is None


def test_unknown_and_malformed_ids_are_404(client: TestClient) -> None:
    for path in ("/id/org-nobody", "/id/Not%20An%20Id", "/doc/org-nobody.ttl"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 404, path
        assert "error" in answer.json()


def test_documents_dereference(client: TestClient) -> None:
    graph = rdflib.Graph().parse(data=client.get("/doc/org-northwind-lab.nt").content, format="nt")
    docs = set(graph.subjects(RDF.type, IG.Document))
    assert len(docs) == 2
    doc_id = str(next(iter(docs))).rsplit("/", 1)[1]
    answer = client.get(f"/doc/{doc_id}.ttl")
    assert answer.status_code == 200
    described = rdflib.Graph().parse(data=answer.content, format="turtle")
    assert (URIRef(f"{BASE}/id/{doc_id}"), DCTERMS.source, None) in described


def test_ontology_and_context(client: TestClient) -> None:
    answer = client.get("/ontology")
    assert answer.headers["content-type"].startswith("text/turtle")
    onto = rdflib.Graph().parse(data=answer.content, format="turtle")
    assert (IG.Organisation, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in onto
    as_xml = client.get("/ontology", headers={"Accept": "application/rdf+xml"})
    assert len(rdflib.Graph().parse(data=as_xml.content, format="xml")) == len(onto)
    context = client.get("/ns/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    assert context.json()["@context"]["ig"] == str(IG)


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_void_description(client: TestClient, media: str) -> None:
    answer = client.get("/.well-known/void", headers={"Accept": media})
    assert answer.status_code == 200
    graph = rdflib.Graph().parse(data=answer.content, format=RDF_TYPES[media][1])
    dataset = URIRef(f"{BASE}/.well-known/void#dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in (
        graph
    )
    assert str(graph.value(dataset, VOID.uriSpace)) == f"{BASE}/id/"
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{BASE}/sparql")
    assert graph.value(dataset, DCTERMS.modified) is not None
    # the triple count equals what the dump holds, its own description included
    dump = rdflib.Graph().parse(data=client.get("/dumps/innograph.nt").content, format="nt")
    triples = graph.value(dataset, VOID.triples)
    assert isinstance(triples, rdflib.Literal)
    assert int(triples) == len(dump)
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("ext", ["ttl", "nt", "rdf", "jsonld"])
def test_dumps_download(client: TestClient, ext: str, tmp_path: Path) -> None:
    answer = client.get(f"/dumps/innograph.{ext}")
    assert answer.status_code == 200
    parser = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}[ext]
    graph = rdflib.Graph().parse(data=answer.content, format=parser)
    assert (URIRef(f"{BASE}/id/project-bridge-x"), RDF.type, IG.Project) in graph
    assert client.get("/dumps/innograph.xlsx").status_code == 404


def test_statement_and_role_iris_dereference(client: TestClient) -> None:
    """Resources only the RDF has (statements, EURIO roles) dereference as well."""
    entity = rdflib.Graph().parse(data=client.get("/doc/org-northwind-lab.nt").content, format="nt")
    statement = next(iter(entity.subjects(RDF.type, RDF.Statement)))
    stmt_id = str(statement).rsplit("/", 1)[1]
    answer = client.get(f"/id/{stmt_id}", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert answer.status_code == 303
    described = rdflib.Graph().parse(
        data=client.get(f"/doc/{stmt_id}.ttl").content, format="turtle"
    )
    assert (statement, RDF.subject, None) in described
    assert (statement, Namespace("http://www.w3.org/ns/prov#").wasDerivedFrom, None) in described
    involved = "http://data.europa.eu/s66#hasInvolvedParty"
    query = f"SELECT ?r WHERE {{ ?p <{involved}> ?r }}"
    rows = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    role_iri = rows.text.splitlines()[1].strip()
    role_doc = client.get(f"/doc/{role_iri.rsplit('/', 1)[1]}.nt")
    assert role_doc.status_code == 200 and "roleLabel" in role_doc.text
    assert client.get("/id/stmt-0000", follow_redirects=False).status_code == 404


def test_browser_goes_to_the_entity_page_when_the_views_are_mounted(tmp_path: Path) -> None:
    from innograph.viz.routes import router as views

    store = sample_store(tmp_path / "s")
    settings = load_settings(store_dir=tmp_path / "s", base_iri=BASE)
    with TestClient(create_app(settings, store=store, routers=[views])) as with_views:
        answer = with_views.get(
            "/id/org-northwind-lab", headers={"Accept": BROWSER}, follow_redirects=False
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == "/entity/org-northwind-lab"
        page = with_views.get(answer.headers["location"])
        assert page.status_code == 200 and "Northwind Lab" in page.text
    store.close()


def test_head_requests_get_the_headers(client: TestClient) -> None:
    answer = client.head("/doc/org-northwind-lab", headers={"Accept": "application/ld+json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert "alternate" in answer.headers["link"] and answer.headers["vary"] == "Accept"
    moved = client.head("/id/org-northwind-lab", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"].endswith(".ttl")


def test_html_description_escapes_every_term(tmp_path: Path) -> None:
    """Without the views, /doc/{id}.html is api/templates/description.html: a hostile name
    shows as text, and the page links the RDF documents."""
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    store = EmbeddedStore(tmp_path / "store")
    store.upsert_document(
        make_facts("test://hostile", [("x", "Organisation", f"Acme {hostile}")], [])
    )
    entity_id = next(iter(store.iter_nodes(types=["Organisation"]))).id
    settings = load_settings(store_dir=tmp_path / "store", base_iri=BASE)
    try:
        with TestClient(create_app(settings, store=store)) as client:
            page = client.get(f"/doc/{entity_id}.html")
    finally:
        store.close()
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert f"<h1>{BASE}/id/{entity_id}</h1>" in page.text
    for ext in ("ttl", "jsonld", "nt", "rdf"):
        assert f'href="{BASE}/doc/{entity_id}.{ext}"' in page.text
