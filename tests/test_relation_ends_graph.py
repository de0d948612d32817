"""Relations ending at a place or programme that acts as an organisation (decision 0016):
the graph stores them, the API shows them, the RDF export writes them and the SHACL
shapes accept the dump; an end outside the decision is still refused, and a partnership
path still never passes through a place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyshacl
import pytest
import rdflib
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import InvalidFact
from innograph.graph.exchange.export import export_to_path
from innograph.graph.partnership import partnership_relations
from innograph.graph.rdf.describe import ExportOptions, Selection
from innograph.graph.store import GraphStore
from innograph.ontology.ids import make_canonical_id
from innograph.ontology.terms import IG, shapes_path
from innograph.tests.builders import make_facts

BASE = "http://ends.test"
MAYOR = make_canonical_id("Person", "Wendela Kroonstee")
DIRECTOR = make_canonical_id("Person", "Pieter Ostaver")
TOWN = make_canonical_id("Region", "Velderdam")
PROVINCE = make_canonical_id("Region", "Oostmere")
FUND = make_canonical_id("FundingProgramme", "Interreg Kustland")
LAB = make_canonical_id("Organisation", "Kustlab Research")
NETWORK = make_canonical_id("Organisation", "Kuststeden Netwerk")

ENDS_GRAPH = make_facts(
    "test://ends",
    [
        ("m", "Person", "Wendela Kroonstee"),
        ("d", "Person", "Pieter Ostaver"),
        ("v", "Region", "Velderdam"),
        ("o", "Region", "Oostmere"),
        ("f", "FundingProgramme", "Interreg Kustland"),
        ("l", "Organisation", "Kustlab Research"),
        ("n", "Organisation", "Kuststeden Netwerk"),
    ],
    [
        ("AFFILIATED_WITH", "m", "v", {"evidence": "Wendela Kroonstee, mayor of Velderdam."}),
        ("AFFILIATED_WITH", "d", "f", {"evidence": "Pieter Ostaver heads its secretariat."}),
        ("MEMBER_OF", "v", "n"),
        ("COLLABORATES_WITH", "o", "l"),
        ("COLLABORATES_WITH", "v", "o"),
        ("COLLABORATES_WITH", "l", "v"),
    ],
)


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(ENDS_GRAPH)
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def test_the_api_shows_an_office_held_in_a_place(client: TestClient) -> None:
    body = client.get(f"/api/entities/{MAYOR}").json()
    (office,) = body["relations"]["AFFILIATED_WITH"]
    assert office["other"]["id"] == TOWN
    town = client.get(f"/api/entities/{TOWN}").json()
    assert {"AFFILIATED_WITH", "MEMBER_OF", "COLLABORATES_WITH"} <= set(town["relations"])
    director = client.get(f"/api/entities/{DIRECTOR}").json()
    assert director["relations"]["AFFILIATED_WITH"][0]["other"]["id"] == FUND


def test_an_end_outside_the_decision_is_refused(store: GraphStore) -> None:
    refused = make_facts(
        "test://refused",
        [("v", "Region", "Velderdam"), ("l", "Organisation", "Kustlab Research")],
        [("MEMBER_OF", "l", "v")],  # a place is never what one is a member of
    )
    with pytest.raises(InvalidFact):
        store.upsert_document(refused)
    assert store.stats().documents == 0


def test_a_partnership_path_never_passes_through_a_place(store: GraphStore) -> None:
    """Kustlab and the network are linked only through Velderdam: no partnership path by
    default, one when places are named in ``via``; collaborations stay partnerships."""
    assert "COLLABORATES_WITH" in partnership_relations()
    store.upsert_document(ENDS_GRAPH)
    assert store.paths(LAB, NETWORK) == []
    (path,) = store.paths(LAB, NETWORK, via=["Organisation", "Region"], k=1)
    assert [n.id for n in path.nodes] == [LAB, TOWN, NETWORK]


def test_the_rdf_export_writes_the_widened_ends_and_conforms(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.upsert_document(ENDS_GRAPH)
        options = ExportOptions(base=BASE, selection=Selection(), eurio=True)
        out = tmp_path / "ends.ttl"
        export_to_path(store, "ttl", out, options, licence="", publisher="tests")
    finally:
        store.close()
    data = rdflib.Graph().parse(out, format="turtle")

    def iri(cid: str) -> rdflib.URIRef:
        return rdflib.URIRef(f"{BASE}/id/{cid}")

    assert (iri(MAYOR), IG.affiliatedWith, iri(TOWN)) in data
    assert (iri(DIRECTOR), IG.affiliatedWith, iri(FUND)) in data
    assert (iri(TOWN), IG.memberOf, iri(NETWORK)) in data
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report
