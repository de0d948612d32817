"""The JSON the read routes build by hand is their documented model, byte for byte.

Search, entities, neighbourhoods, collaborators, paths and suggestions serialise plain
data once (``api/representation.py``) instead of letting FastAPI validate and dump a
pydantic model; OpenAPI still names the model. Each answer here must parse as that
model, and the model must write it back exactly as it came (same keys, same order, same
value types: an integer score stays an integer, a confidence stays a float), which is
what FastAPI sent when it serialised the model itself. So the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from innograph.api.app import create_app
from innograph.api.schemas import (
    CollaboratorsPublic,
    DocumentsPublic,
    EntityPublic,
    PathsPublic,
    RelationsPublic,
    SearchPublic,
    SubgraphPublic,
    SuggestionsPublic,
)
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

ANNE = make_canonical_id("Organisation", "Ånne Systèmes")
BRUG = make_canonical_id("Organisation", "Brug Labs")
CORE = make_canonical_id("Cluster", "Core Cluster")
DUNE = make_canonical_id("Organisation", "Dune Works")
P1 = make_canonical_id("Project", "Project Één")
P2 = make_canonical_id("Project", "Project Two")
EV = make_canonical_id("Event", "Expo Week")

GRAPH = make_facts(
    "test://documented",
    [
        ("a", "Organisation", "Ånne Systèmes", {"country": "BE", "website": "https://a.example"}),
        ("b", "Organisation", "Brug Labs", {"country": "NL"}),
        ("c", "Cluster", "Core Cluster", {"country": "FR"}),
        ("d", "Organisation", "Dune Works"),  # no country: paths note it
        ("e", "Organisation", "East Partners", {"country": "DE"}),
        ("p1", "Project", "Project Één", {"budget_eur": 1250000.5, "start_date": "2021-01-01"}),
        ("p2", "Project", "Project Two", {"budget_eur": 300000}),
        ("ev", "Event", "Expo Week"),
        ("g", "FundingProgramme", "Programme Groen"),
        ("r", "Region", "Noord-Brabant", {"nuts_id": "NL41"}),
    ],
    [
        ("LEADS", "a", "p1", {"evidence": 'Ånne "leads" Project Één.', "confidence": 1.0}),
        ("PARTICIPATES_IN", "b", "p1", {"confidence": 0.75}),
        ("PARTICIPATES_IN", "c", "p1"),
        ("PARTICIPATES_IN", "b", "p2"),
        ("PARTICIPATES_IN", "d", "p2"),
        ("PARTICIPATES_IN", "d", "ev"),
        ("PARTICIPATES_IN", "e", "ev"),
        ("FUNDED_BY", "p1", "g", {"amount_eur": 800000.0}),
        ("FUNDED_BY", "p2", "g", {"amount_eur": 120000}),
        ("LOCATED_IN", "e", "r"),
    ],
)


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(GRAPH)
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


# The OpenAPI paths the requests below are documented under.
ENTITY = "/api/entities/{entity_id}"
AROUND = "/api/entities/{entity_id}/neighbourhood"
RELATIONS = "/api/entities/{entity_id}/relations"
COLLABORATORS = "/api/organisations/{org_id}/collaborators"
SUGGESTIONS = "/api/organisations/{org_id}/suggestions"

# (request, its model, where OpenAPI documents it)
CASES: list[tuple[str, type[BaseModel], str]] = [
    ("/api/search?q=anne%20systemes", SearchPublic, "/api/search"),
    (f"/api/entities/{ANNE}", EntityPublic, ENTITY),
    (f"/api/entities/{P1}", EntityPublic, ENTITY),
    (f"/api/entities/{P1}/neighbourhood?depth=2", SubgraphPublic, AROUND),
    (f"/api/entities/{ANNE}/neighbourhood?depth=3&limit=2", SubgraphPublic, AROUND),
    (f"/api/entities/{P1}/neighbourhood?depth=2&limit=2&offset=2", SubgraphPublic, AROUND),
    ("/api/search?q=project&limit=1&offset=1", SearchPublic, "/api/search"),
    (f"/api/entities/{P1}/relations", RelationsPublic, RELATIONS),
    (f"/api/entities/{P1}/relations?type=PARTICIPATES_IN&limit=1", RelationsPublic, RELATIONS),
    ("/api/documents", DocumentsPublic, "/api/documents"),
    (f"/api/documents?entity={P1}&limit=1", DocumentsPublic, "/api/documents"),
    (f"/api/organisations/{BRUG}/collaborators", CollaboratorsPublic, COLLABORATORS),
    (
        f"/api/organisations/{BRUG}/collaborators?country=FR&limit=1",
        CollaboratorsPublic,
        COLLABORATORS,
    ),
    (f"/api/paths?from={ANNE}&to={DUNE}&k=3", PathsPublic, "/api/paths"),
    (f"/api/paths?from={ANNE}&to={DUNE}&cross_border=true", PathsPublic, "/api/paths"),
    (f"/api/organisations/{ANNE}/suggestions", SuggestionsPublic, SUGGESTIONS),
    (f"/api/organisations/{ANNE}/suggestions?cross_border=true", SuggestionsPublic, SUGGESTIONS),
]


@pytest.mark.parametrize(("url", "model", "documented_at"), CASES)
def test_json_is_its_documented_model_byte_for_byte(
    client: TestClient, url: str, model: type[BaseModel], documented_at: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    parsed = model.model_validate_json(response.content)
    assert parsed.model_dump_json().encode() == response.content
    documented = client.get("/openapi.json").json()["paths"][documented_at]["get"]
    schema = documented["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": f"#/components/schemas/{model.__name__}"}


def test_the_answers_checked_are_not_empty(client: TestClient) -> None:
    # The byte-for-byte check above proves little on empty lists: these answers have
    # nested items, provenance and notes.
    entity = client.get(f"/api/entities/{P1}").json()
    assert entity["relations"]["FUNDED_BY"][0]["properties"]
    assert entity["relations"]["LEADS"][0]["provenance"][0]["confidence"] == 1.0
    assert client.get(f"/api/organisations/{BRUG}/collaborators").json()["count"] == 3
    paths = client.get("/api/paths", params={"from": ANNE, "to": DUNE}).json()
    assert paths["count"] >= 1 and paths["data"][0]["steps"][0]["provenance"]
    assert None in paths["data"][0]["countries"]  # Dune Works: no known country
    crossing = client.get("/api/paths", params={"from": ANNE, "to": DUNE, "cross_border": True})
    assert "Dune Works" in crossing.json()["notes"][0]
    suggested = client.get(f"/api/organisations/{ANNE}/suggestions").json()
    assert suggested["count"] >= 1 and suggested["data"][0]["common_partners"]
