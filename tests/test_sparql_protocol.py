"""The W3C SPARQL 1.1 Protocol test suite, read from its manifest, against /sparql.

The manifest (shared/vocab/w3c-sparql-protocol/manifest.ttl) lists HTTP requests and what
their answers must be. Each test that applies to a read-only query endpoint is sent to
the app in-process; the update tests that expect an update to succeed do not apply
(``NOT_APPLICABLE`` says why), while those that expect an update to be refused (4xx) run.

The manifest's dataset tests name graph files (``ut:graphData``, ``data1.nt`` ...) that
the suite does not ship; the update tests show what each holds (the graph's own IRI
``a foaf:Document``), and ``_graph_files`` writes that, loaded as named graphs beside the
innograph data.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib import RDF, Namespace, URIRef
from rdflib.collection import Collection

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.rdf.sparql import SparqlMirror

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import sample_store
else:
    from test_rdf_sample import sample_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("INNOGRAPH_SHARED_DIR", ROOT.parent / "shared"))
MANIFEST = SHARED / "vocab" / "w3c-sparql-protocol" / "manifest.ttl"
BASE = "http://lod.test"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"

NOT_APPLICABLE = {
    name: "a SPARQL Update that must succeed: this endpoint is read-only (updates get 403)"
    for name in (
        "update_dataset_default_graph",
        "update_dataset_default_graphs",
        "update_dataset_named_graphs",
        "update_dataset_full",
        "update_post_form",
        "update_post_direct",
        "update_base_uri",
    )
}
RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ),
    "RDF": ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"),
}
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass
class ProtocolRequest:
    """One ht:Request of the manifest and the answer it expects."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]  # "2xx", "3xx", "4xx"
    boolean: bool | None = None
    result_format: str | None = None


@dataclass
class ProtocolTest:
    """A manifest entry: its requests and the named graphs it needs."""

    name: str
    title: str
    requests: list[ProtocolRequest] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


def _request(graph: rdflib.Graph, node: rdflib.term.Node) -> ProtocolRequest:
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(
                graph.value(header, HT.fieldValue)
            )
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = {
        str(s).rsplit("StatusCode", 1)[1].lower()
        for s in graph.objects(response, MF.expectedStatus)
    }
    boolean = graph.value(response, MF.expectedBoolean)
    result_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        boolean=None if boolean is None else str(boolean) == "true",
        result_format=None if result_format is None else str(result_format),
    )


def read_manifest(path: Path) -> list[ProtocolTest]:
    """The manifest's tests in its order."""
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):  # type: ignore[arg-type]
        test = ProtocolTest(str(entry).rsplit("#", 1)[1], str(graph.value(entry, MF.name)))
        for data in graph.objects(entry, UT.graphData):
            test.graphs.append(str(graph.value(data, rdflib.RDFS.label)))
        action = graph.value(entry, MF.action)
        for node in Collection(graph, graph.value(action, HT.requests)):  # type: ignore[arg-type]
            test.requests.append(_request(graph, node))
        tests.append(test)
    return tests


TESTS = read_manifest(MANIFEST) if MANIFEST.is_file() else []
KASEI_GRAPHS = sorted({g for t in TESTS for g in t.graphs})


def test_manifest_is_there(shared_dir: Path) -> None:
    assert MANIFEST.is_file(), f"no W3C protocol manifest at {MANIFEST}"
    assert len(TESTS) == 34 and {t.name for t in TESTS} >= set(NOT_APPLICABLE)


def _graph_files(folder: Path) -> dict[str, Path]:
    files = {}
    for number, graph in enumerate(KASEI_GRAPHS):
        path = folder / f"data{number}.nt"
        path.write_text(f"<{graph}> <{RDF.type}> <{FOAF_DOCUMENT}> .\n", encoding="utf-8")
        files[graph] = path
    return files


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("protocol")
    store = sample_store(folder / "store")
    settings = load_settings(store_dir=folder / "store", base_iri=BASE)
    app = create_app(settings, store=store)
    app.state.sparql_mirror = SparqlMirror(
        store,
        base=BASE,
        licence=settings.licence,
        publisher=settings.publisher,
        extra_graphs=_graph_files(folder),
    )
    # The manifest's connection authority: a Host the app was not configured with.
    with TestClient(app, base_url="http://www.example") as test_client:
        yield test_client
    store.close()


def _check_answer(answer: Any, request: ProtocolRequest) -> None:
    """The answer has the status class, the media type and the boolean the test expects."""
    status_class = f"{answer.status_code // 100}xx"
    assert status_class in request.statuses, (answer.status_code, answer.text[:300])
    if request.result_format is None:
        return
    media = answer.headers["content-type"].split(";")[0].strip()
    assert media in RESULT_TYPES[request.result_format], media
    if request.result_format == "RDF":
        rdflib.Graph().parse(data=answer.text, format=RDFLIB_FORMATS[media])
    elif request.result_format == "tabular" and media.endswith("json"):
        assert "bindings" in answer.json()["results"]
    if request.boolean is not None:
        if media.endswith("json"):
            value = answer.json()["boolean"]
        else:
            tag = "{http://www.w3.org/2005/sparql-results#}boolean"
            value = ET.fromstring(answer.text).find(tag).text == "true"  # type: ignore[union-attr]
        assert value is request.boolean


APPLICABLE = [t for t in TESTS if t.name not in NOT_APPLICABLE]
UPDATES = [t for t in TESTS if t.name in NOT_APPLICABLE]


@pytest.mark.parametrize("test", APPLICABLE, ids=[t.name for t in APPLICABLE])
def test_w3c_protocol(client: TestClient, test: ProtocolTest) -> None:
    """One manifest test: every request answers as the manifest says."""
    for request in test.requests:
        path = request.path.replace("/sparql/", "/sparql", 1)
        answer = client.request(request.method, path, headers=request.headers, content=request.body)
        _check_answer(answer, request)


def test_dataset_tests_need_their_graphs(client: TestClient) -> None:
    """The dataset tests pass because the dataset is honoured, not by accident: without
    the protocol's graphs the same ASK is false."""
    (test,) = [t for t in TESTS if t.name == "query_dataset_default_graphs_get"]
    path = test.requests[0].path.replace("/sparql/", "/sparql", 1)
    without_dataset = path.split("&default-graph-uri=")[0] + f"&default-graph-uri={BASE}/none"
    answer = client.get(without_dataset, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.json()["boolean"] is False
    data = json.loads(client.get(path).text)
    assert data["boolean"] is True
    assert URIRef(KASEI_GRAPHS[0])  # the graphs are IRIs the manifest named


@pytest.mark.parametrize("test", UPDATES, ids=[t.name for t in UPDATES])
def test_manifest_updates_are_refused_by_the_read_only_endpoint(
    client: TestClient, test: ProtocolTest
) -> None:
    """The manifest's updates expect success; this endpoint is read-only (NOT_APPLICABLE
    says why), so each update is refused with 403, and the queries that follow, which
    look for the update's effect, find none."""
    updates = 0
    for request in test.requests:
        path = request.path.replace("/sparql/", "/sparql", 1)
        answer = client.request(request.method, path, headers=request.headers, content=request.body)
        media = request.headers.get("Content-Type", request.headers.get("content-type", ""))
        if "sparql-update" in media or (request.body or b"").startswith(b"update="):
            updates += 1
            assert answer.status_code == 403, (answer.status_code, answer.text[:300])
        elif request.boolean is True:
            assert answer.status_code == 200 and answer.json()["boolean"] is False
    assert updates
