"""CSV formula injection: names come from documents, and a name like
``=HYPERLINK("http://x","y")`` must not come back as a live formula in any CSV the API
writes. The CSV operations are read from the app's OpenAPI document (every operation
that documents ``text/csv``), so a new one fails here until it is checked."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Required, TypedDict

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.api.representation import FORMULA_LEADS, spreadsheet_safe
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

HOSTILE = '=HYPERLINK("http://x","y")'
OTHERS = ["@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3 Partners", "\tTabbed Org"]
IG = "https://w3id.org/innograph/ontology#"


def org_id(name: str) -> str:
    return make_canonical_id("Organisation", name)


GRAPH = make_facts(
    "test://csv-safety",
    [
        ("h", "Organisation", HOSTILE, {"country": "BE"}),
        ("a", "Organisation", "Alpha Labs", {"country": "BE"}),
        ("b", "Organisation", OTHERS[0], {"country": "NL"}),
        ("c", "Organisation", OTHERS[1], {"country": "NL"}),
        ("d", "Organisation", OTHERS[2], {"country": "DE"}),
        ("e", "Organisation", OTHERS[3], {"country": "DE"}),
        ("p", "Project", "Pilot Project"),
        ("q", "Project", "Quest Project"),
    ],
    [
        ("LEADS", "a", "p"),
        ("PARTICIPATES_IN", "h", "p"),
        ("PARTICIPATES_IN", "b", "p"),
        ("PARTICIPATES_IN", "c", "p"),
        ("LEADS", "b", "q"),
        ("PARTICIPATES_IN", "d", "q"),
        ("PARTICIPATES_IN", "e", "q"),
    ],
)

# One request per CSV operation (method, path template) that puts the hostile name in
# the answer. "/sparql" answers CSV by Accept, the others with format=csv.
SELECT_NAMES = f"SELECT ?name WHERE {{ ?s <{IG}name> ?name }}"


class CsvRequest(TypedDict, total=False):
    url: Required[str]
    params: dict[str, str]
    data: dict[str, str]


CSV_REQUESTS: dict[tuple[str, str], CsvRequest] = {
    ("get", "/api/search"): {"url": "/api/search", "params": {"q": "hyperlink"}},
    ("get", "/api/organisations/{org_id}/collaborators"): {
        "url": f"/api/organisations/{org_id('Alpha Labs')}/collaborators"
    },
    ("get", "/api/collaboration-network"): {"url": "/api/collaboration-network"},
    ("get", "/api/organisations"): {"url": "/api/organisations"},
    ("get", "/api/organisations/{org_id}/suggestions"): {
        "url": f"/api/organisations/{org_id(OTHERS[2])}/suggestions"
    },
    ("get", "/api/analytics/centrality"): {"url": "/api/analytics/centrality"},
    ("get", "/api/entities/{entity_id}/relations"): {
        "url": f"/api/entities/{make_canonical_id('Project', 'Pilot Project')}/relations"
    },
    ("get", "/api/documents"): {"url": "/api/documents"},
    ("get", "/sparql"): {"url": "/sparql", "params": {"query": SELECT_NAMES}},
    ("post", "/sparql"): {"url": "/sparql", "data": {"query": SELECT_NAMES}},
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("csv-safety")
    store = EmbeddedStore(folder / "store")
    store.upsert_document(GRAPH)
    titled = make_facts("test://csv-titled", [("z", "Organisation", "Zed Org")])
    titled.title = HOSTILE  # the documents list shows titles
    store.upsert_document(titled)
    try:
        with TestClient(create_app(Settings(store_dir=folder), store=store)) as test_client:
            yield test_client
    finally:
        store.close()


def csv_operations(client: TestClient) -> set[tuple[str, str]]:
    """Every (method, path) whose documented answers include text/csv (HEAD answers
    carry no body, so no cell to neutralise)."""
    found = set()
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            if method == "head":
                continue
            for answer in operation.get("responses", {}).values():
                if "text/csv" in answer.get("content", {}):
                    found.add((method, path))
    return found


def test_every_csv_operation_is_checked(client: TestClient) -> None:
    assert csv_operations(client) == set(CSV_REQUESTS)


@pytest.mark.parametrize("operation", sorted(CSV_REQUESTS), ids="{0[0]} {0[1]}".format)
def test_formula_leading_names_are_neutralised(
    client: TestClient, operation: tuple[str, str]
) -> None:
    request = CSV_REQUESTS[operation]
    url = request["url"]
    params = dict(request.get("params", {}))
    if url.startswith("/api/"):
        params["format"] = "csv"
    response = client.request(
        operation[0].upper(),
        url,
        params=params,
        data=request.get("data"),
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    cells = [cell for row in csv.reader(io.StringIO(response.text)) for cell in row]
    assert "'" + HOSTILE in cells, cells  # the name is there, shown as text
    for cell in cells:
        assert not cell.startswith(FORMULA_LEADS) or cell == spreadsheet_safe(cell), cell


def test_spreadsheet_safe_keeps_numbers_and_plain_text() -> None:
    assert spreadsheet_safe("-12.5") == "-12.5"
    assert spreadsheet_safe("+3e4") == "+3e4"
    assert spreadsheet_safe(-0.25) == -0.25
    assert spreadsheet_safe("Alpha Labs") == "Alpha Labs"
    assert spreadsheet_safe("a=b") == "a=b"
    for lead in FORMULA_LEADS:
        assert spreadsheet_safe(lead + "1+1") == "'" + lead + "1+1"
    assert spreadsheet_safe("-2+3") == "'-2+3"
