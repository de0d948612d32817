"""Who collaborates with whom over HTTP: collaborators, the network, paths, suggestions.

One small graph, written here, where every answer is known:

    Alpha (BE) --P1--> Beta (NL) --P2--> Gamma (BE) --P3--> Delta (FR)
    Alpha and Beta also share the platform S1; P1 and P2 are funded by programme G;
    Delta, Epsilon (NL, through its region's NUTS code) and Zeta (no country) meet at
    the event EV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

ALPHA = make_canonical_id("Organisation", "Alpha Labs")
BETA = make_canonical_id("Organisation", "Beta Works")
GAMMA = make_canonical_id("Organisation", "Gamma Institute")
DELTA = make_canonical_id("Cluster", "Delta Cluster")
EPSILON = make_canonical_id("Organisation", "Epsilon Foundry")
ZETA = make_canonical_id("Organisation", "Zeta Partners")
P1 = make_canonical_id("Project", "Project One")
P2 = make_canonical_id("Project", "Project Two")
P3 = make_canonical_id("Project", "Project Three")
S1 = make_canonical_id("S3Platform", "Platform Hydrogen")
EV = make_canonical_id("Event", "Expo Week")
G = make_canonical_id("FundingProgramme", "Programme Green")
REGION = make_canonical_id("Region", "Noord-Brabant")


def collaboration_graph() -> DocumentFacts:
    """The module's graph as one document's facts."""
    return make_facts(
        "test://collaboration",
        [
            ("a", "Organisation", "Alpha Labs", {"country": "BE"}),
            ("b", "Organisation", "Beta Works", {"country": "NL"}),
            ("c", "Organisation", "Gamma Institute", {"country": "BE"}),
            ("d", "Cluster", "Delta Cluster", {"country": "FR"}),
            ("e", "Organisation", "Epsilon Foundry"),
            ("f", "Organisation", "Zeta Partners"),
            ("p1", "Project", "Project One"),
            ("p2", "Project", "Project Two"),
            ("p3", "Project", "Project Three"),
            ("s1", "S3Platform", "Platform Hydrogen"),
            ("ev", "Event", "Expo Week"),
            ("g", "FundingProgramme", "Programme Green"),
            ("r", "Region", "Noord-Brabant", {"nuts_id": "NL41"}),
        ],
        [
            ("LEADS", "a", "p1", {"evidence": "Alpha Labs leads Project One."}),
            ("PARTICIPATES_IN", "b", "p1"),
            ("FUNDED_BY", "p1", "g"),
            ("PARTICIPATES_IN", "b", "p2"),
            ("PARTICIPATES_IN", "c", "p2"),
            ("FUNDED_BY", "p2", "g"),
            ("PARTICIPATES_IN", "c", "p3"),
            ("PARTICIPATES_IN", "d", "p3"),
            ("PARTICIPATES_IN", "a", "s1"),
            ("PARTICIPATES_IN", "b", "s1"),
            ("PARTICIPATES_IN", "d", "ev"),
            ("PARTICIPATES_IN", "e", "ev"),
            ("PARTICIPATES_IN", "f", "ev"),
            ("LOCATED_IN", "e", "r"),
        ],
    )


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(collaboration_graph())
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["organisation"]["id"] for item in items]


# -- collaborators -------------------------------------------------------------------------


def test_collaborators_ranked_by_shared_items_with_evidence(client: TestClient) -> None:
    body = client.get(f"/api/organisations/{BETA}/collaborators").json()
    assert body["organisation"]["id"] == BETA
    assert ids(body["data"]) == [ALPHA, GAMMA]
    alpha, gamma = body["data"]
    assert alpha["score"] == 2 and sorted(s["id"] for s in alpha["shared"]) == [S1, P1]
    assert gamma["score"] == 1 and [s["id"] for s in gamma["shared"]] == [P2]
    assert body["count"] == 2


def test_collaborators_filtered_by_programme_and_country(client: TestClient) -> None:
    url = f"/api/organisations/{BETA}/collaborators"
    by_programme = client.get(url, params={"programme": G}).json()["data"]
    assert [(c["organisation"]["id"], c["score"]) for c in by_programme] == [
        (ALPHA, 1),
        (GAMMA, 1),
    ]
    assert client.get(url, params={"country": "nl"}).json()["data"] == []
    assert ids(client.get(url, params={"country": "BE", "limit": 1}).json()["data"]) == [ALPHA]


def test_collaborators_as_csv(client: TestClient) -> None:
    response = client.get(f"/api/organisations/{BETA}/collaborators", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["id"], r["score"]) for r in rows] == [(ALPHA, "2"), (GAMMA, "1")]
    assert rows[1]["shared_names"] == "Project Two"


@pytest.mark.parametrize(
    ("url", "status", "names"),
    [
        (f"/api/organisations/{P1}/collaborators", 422, "is a Project"),
        ("/api/organisations/org-nobody/collaborators", 404, "org-nobody"),
        ("/api/organisations/Not An Id/collaborators", 422, "not an entity id"),
        (f"/api/organisations/{BETA}/collaborators?country=Belgium", 422, "country"),
        (f"/api/organisations/{BETA}/collaborators?since=yesterday", 422, "since"),
        (f"/api/organisations/{BETA}/collaborators?programme={P1}", 422, "programme"),
        (f"/api/organisations/{BETA}/collaborators?limit=0", 422, "limit"),
    ],
)
def test_collaborators_bad_input(client: TestClient, url: str, status: int, names: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert names in response.json()["error"]


# -- the collaboration network -------------------------------------------------------------


def pairs(body: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(e["source"], e["target"], e["weight"]) for e in body["data"]]


def test_network_is_weighted_heaviest_first(client: TestClient) -> None:
    body = client.get("/api/collaboration-network").json()
    # Ties of weight go to the best connected pair: Delta has three partners, Beta,
    # Gamma, Epsilon and Zeta two, Alpha one.
    assert pairs(body) == [
        (ALPHA, BETA, 2),
        (DELTA, EPSILON, 1),
        (DELTA, GAMMA, 1),
        (DELTA, ZETA, 1),
        (BETA, GAMMA, 1),
        (EPSILON, ZETA, 1),
    ]
    assert body["organisations"] == 6 and body["total_edges"] == 6
    assert body["truncated"] is False


def test_network_selections(client: TestClient) -> None:
    def get(**params: str | int) -> dict[str, Any]:
        body: dict[str, Any] = client.get("/api/collaboration-network", params=params).json()
        return body

    assert pairs(get(programme=G)) == [(ALPHA, BETA, 1), (BETA, GAMMA, 1)]
    assert pairs(get(type="Event")) == [(DELTA, EPSILON, 1), (DELTA, ZETA, 1), (EPSILON, ZETA, 1)]
    assert pairs(get(project=P3)) == [(DELTA, GAMMA, 1)]
    capped = get(limit=1)
    assert pairs(capped) == [(ALPHA, BETA, 2)]
    assert capped["truncated"] is True and capped["total_edges"] == 6


def test_a_region_keeps_its_organisations_and_their_partners_elsewhere(
    client: TestClient,
) -> None:
    """Epsilon, the one organisation in the region, meets Delta and Zeta (outside) at the
    event: both its pairs are kept by default, not Delta–Zeta (no end in the region),
    and none with ``region_scope=inside``."""
    url = "/api/collaboration-network"
    touching = client.get(url, params={"region": REGION}).json()
    assert pairs(touching) == [(DELTA, EPSILON, 1), (EPSILON, ZETA, 1)]
    assert touching["total_edges"] == 2 and touching["organisations"] == 3
    assert touching["inside_organisations"] == 1
    whole = client.get(url, params={"region": REGION, "format": "csv"})
    assert len(whole.text.splitlines()) == 1 + touching["total_edges"]
    inside = client.get(url, params={"region": REGION, "region_scope": "inside"}).json()
    assert pairs(inside) == [] and inside["total_edges"] == 0
    assert inside["organisations"] == 0 and inside["inside_organisations"] == 0
    # Other filters still hold for both ends: Epsilon shares no project.
    assert pairs(client.get(url, params={"region": REGION, "type": "Project"}).json()) == []
    bad = client.get(url, params={"region": REGION, "region_scope": "around"})
    assert bad.status_code == 422 and "region_scope" in bad.text


def test_network_as_csv(client: TestClient) -> None:
    response = client.get("/api/collaboration-network", params={"format": "csv", "limit": 2})
    lines = response.text.splitlines()
    assert lines[0] == "source,source_name,target,target_name,weight"
    assert lines[1] == f"{ALPHA},Alpha Labs,{BETA},Beta Works,2"
    assert len(lines) == 3


@pytest.mark.parametrize(
    "query",
    ["type=Organisation", f"programme={ALPHA}", "region=region-nowhere", "project=bad id"],
)
def test_network_bad_selection(client: TestClient, query: str) -> None:
    response = client.get(f"/api/collaboration-network?{query}")
    assert response.status_code in (404, 422)
    assert response.json()["error"]


# -- paths ---------------------------------------------------------------------------------


def path_ids(body: dict[str, Any]) -> list[list[str]]:
    return [[n["id"] for n in p["nodes"]] for p in body["data"]]


def test_k_shortest_paths_with_evidence(client: TestClient) -> None:
    body = client.get("/api/paths", params={"from": ALPHA, "to": GAMMA, "k": 3}).json()
    # Partnership paths: not the one through the programme both projects are funded by.
    assert body["count"] == 2 and body["reason"] is None
    assert sorted(path_ids(body)) == sorted(
        [[ALPHA, P1, BETA, P2, GAMMA], [ALPHA, S1, BETA, P2, GAMMA]]
    )
    everything = client.get(
        "/api/paths", params={"from": ALPHA, "to": GAMMA, "k": 3, "via": "all"}
    ).json()
    assert sorted(path_ids(everything)) == sorted(
        [[ALPHA, P1, BETA, P2, GAMMA], [ALPHA, S1, BETA, P2, GAMMA], [ALPHA, P1, G, P2, GAMMA]]
    )
    first_hop = next(p for p in body["data"] if p["nodes"][1]["id"] == P1)["steps"][0]
    assert first_hop["type"] == "LEADS" and first_hop["reversed"] is False
    assert first_hop["provenance"][0]["evidence"] == "Alpha Labs leads Project One."
    assert first_hop["provenance"][0]["document"] == "test://collaboration"
    assert all(p["hops"] == 4 for p in body["data"])


def test_paths_via_and_avoid(client: TestClient) -> None:
    base: dict[str, str | int] = {"from": ALPHA, "to": GAMMA, "k": 5}
    via = client.get("/api/paths", params={**base, "via": "Project,Organisation"}).json()
    assert path_ids(via) == [[ALPHA, P1, BETA, P2, GAMMA]]
    avoid = client.get("/api/paths", params={**base, "avoid": BETA}).json()
    assert avoid["data"] == [] and avoid["count"] == 0
    assert "only through the avoided Beta Works" in avoid["reason"]
    programme = client.get(
        "/api/paths", params={**base, "avoid": BETA, "via": "Project,FundingProgramme"}
    ).json()
    assert path_ids(programme) == [[ALPHA, P1, G, P2, GAMMA]]
    short = client.get("/api/paths", params={**base, "max_hops": 3}).json()
    assert short["data"] == []
    assert short["reason"] == "no connection within 3 hops"


def test_cross_border_paths_cross_a_border(client: TestClient) -> None:
    body = client.get(
        "/api/paths", params={"from": ALPHA, "to": GAMMA, "k": 3, "cross_border": "true"}
    ).json()
    # Alpha and Gamma are both Belgian: only the paths through Beta (NL) cross a border.
    assert sorted(path_ids(body)) == sorted(
        [[ALPHA, P1, BETA, P2, GAMMA], [ALPHA, S1, BETA, P2, GAMMA]]
    )
    assert all(p["countries"] == ["BE", "NL", "BE"] and p["crosses_border"] for p in body["data"])


def test_cross_border_says_when_a_country_is_unknown(client: TestClient) -> None:
    body = client.get(
        "/api/paths", params={"from": EPSILON, "to": ZETA, "cross_border": "true"}
    ).json()
    assert body["data"] == []
    assert any("Zeta Partners" in note and "no known country" in note for note in body["notes"])
    plain = client.get("/api/paths", params={"from": EPSILON, "to": ZETA}).json()
    # Epsilon's country comes from its region's NUTS code
    assert plain["data"][0]["countries"] == ["NL", None]


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        (f"from={ALPHA}", 422, "to"),
        (f"from={ALPHA}&to={ALPHA}", 422, "same"),
        (f"from={ALPHA}&to=org-missing", 404, "to"),
        (f"from={ALPHA}&to={GAMMA}&via=Planet", 422, "Planet"),
        (f"from={ALPHA}&to={GAMMA}&avoid=Beta", 422, "avoid"),
        (f"from={ALPHA}&to={GAMMA}&k=11", 422, "k"),
        (f"from={ALPHA}&to={GAMMA}&max_hops=0", 422, "max_hops"),
        (f"from={ALPHA}&to={GAMMA}&cross_border=maybe", 422, "cross_border"),
    ],
)
def test_paths_bad_input(client: TestClient, query: str, status: int, names: str) -> None:
    response = client.get(f"/api/paths?{query}")
    assert response.status_code == status
    assert names in response.json()["error"]


# -- suggestions ---------------------------------------------------------------------------


def test_suggestions_ranked_with_plain_reasons(client: TestClient) -> None:
    body = client.get(f"/api/organisations/{GAMMA}/suggestions").json()
    # Alpha: a partner in common (Beta, 2 partners) and the programme; Epsilon and Zeta:
    # a partner in common (Delta, 3 partners) only. Existing partners never come back.
    assert ids(body["data"]) == [ALPHA, EPSILON, ZETA]
    alpha = body["data"][0]
    assert alpha["reason"] == ("1 shared partner: Beta Works; 1 shared programme: Programme Green")
    assert [n["id"] for n in alpha["common_partners"]] == [BETA]
    assert alpha["partners_in_common"] == 1
    assert body["data"][1]["reason"] == "1 shared partner: Delta Cluster"
    assert body["data"][0]["score"] > body["data"][1]["score"] == body["data"][2]["score"]


def test_cross_border_suggestions(client: TestClient) -> None:
    body = client.get(
        f"/api/organisations/{GAMMA}/suggestions", params={"cross_border": "true"}
    ).json()
    # Alpha is Belgian like Gamma, Zeta has no known country: only Epsilon (NL) is left
    assert ids(body["data"]) == [EPSILON]
    assert body["data"][0]["country"] == "NL"
    assert "based in NL" in body["data"][0]["reason"]
    unknown = client.get(
        f"/api/organisations/{ZETA}/suggestions", params={"cross_border": "true"}
    ).json()
    assert unknown["data"] == [] and "no known country" in unknown["note"]


def test_suggestions_as_csv_and_limit(client: TestClient) -> None:
    response = client.get(
        f"/api/organisations/{GAMMA}/suggestions", params={"format": "csv", "limit": 1}
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["rank"], r["id"]) for r in rows] == [("1", ALPHA)]


def test_suggestions_follow_graph_changes(client: TestClient, store: GraphStore) -> None:
    before = ids(client.get(f"/api/organisations/{ALPHA}/suggestions").json()["data"])
    assert before == [GAMMA]
    store.upsert_document(
        make_facts(
            "test://more",
            [
                ("a", "Organisation", "Alpha Labs"),
                ("c", "Organisation", "Gamma Institute"),
                ("p", "Project", "Project Four"),
            ],
            [("PARTICIPATES_IN", "a", "p"), ("PARTICIPATES_IN", "c", "p")],
        )
    )
    # Gamma is now a partner, and Gamma's partner Delta a suggestion: the cached
    # analytics follow the new graph version
    after = client.get(f"/api/organisations/{ALPHA}/suggestions").json()["data"]
    assert ids(after) == [DELTA]
    assert after[0]["reason"] == "1 shared partner: Gamma Institute"


def test_suggestions_bad_input(client: TestClient) -> None:
    assert client.get(f"/api/organisations/{G}/suggestions").status_code == 422
    assert client.get("/api/organisations/org-none/suggestions").status_code == 404
    assert client.get(f"/api/organisations/{GAMMA}/suggestions?limit=101").status_code == 422
