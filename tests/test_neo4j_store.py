"""What only the Neo4j backend has to show: the graph as Cypher users see it, the schema,
failures of the server, and the same answers as the embedded store on bigger graphs.

The GraphStore contract itself runs on both backends in tests/test_store_contract.py.
"""

from __future__ import annotations

import os
import random
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import StoreUnavailable
from innograph.graph.neo4j.store import Neo4jStore
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

Test = TypeVar("Test", bound=Callable[..., None])


def neo4j_only(test: Test) -> Test:
    """Needs the real server; the Neo4j tests share it and wipe it, so under xdist they
    run in one worker (--dist loadgroup)."""
    # pytest types a mark applied to a function as Any.
    marked: Test = pytest.mark.xdist_group("neo4j")(pytest.mark.neo4j(test))
    return marked


SORTED_LABELS = "COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } AS labels"


@pytest.fixture
def neo(neo4j_store_session: Neo4jStore) -> Neo4jStore:
    """The session's Neo4jStore, wiped."""
    neo4j_store_session.wipe()
    return neo4j_store_session


def cypher(query: str, **params: Any) -> list[dict[str, Any]]:
    """Run Cypher on the test server with a driver of its own (what a Cypher user sees)."""
    uri = os.environ["INNOGRAPH_NEO4J_URI"]
    auth = (os.environ.get("INNOGRAPH_NEO4J_USER", "neo4j"), os.environ["INNOGRAPH_NEO4J_PASSWORD"])
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(query, params)
    return [r.data() for r in records]


def org(name: str) -> str:
    return make_canonical_id("Organisation", name)


def project(name: str) -> str:
    return make_canonical_id("Project", name)


def two_documents() -> list[DocumentFacts]:
    one = make_facts(
        "mem://one.txt",
        [
            ("h", "Cluster", "Harbour Cluster", {"country": "BE"}),
            ("w", "Organisation", "Wharf Works"),
            ("p", "Project", "Pier Project", {"start_date": "2021-01-01"}),
        ],
        [
            ("LEADS", "h", "p", {"evidence": "Harbour leads Pier.", "confidence": 0.8}),
            ("PARTICIPATES_IN", "w", "p", {"amount_eur": 25000.0}),
        ],
    )
    two = make_facts(
        "mem://two.txt",
        [("h", "Organisation", "Harbour Cluster"), ("p", "Project", "Pier Project")],
        [("LEADS", "h", "p", {"evidence": "Pier is led by Harbour.", "confidence": 0.95})],
    )
    return [one, two]


# -- the graph as Cypher shows it --------------------------------------------------------


@neo4j_only
def test_nodes_carry_ontology_labels_and_merged_properties(neo: Neo4jStore) -> None:
    for facts in two_documents():
        neo.upsert_document(facts)
    rows = cypher(
        f"MATCH (n {{id: $id}}) RETURN {SORTED_LABELS}, n.name AS name, n.country AS country",
        id=org("Harbour Cluster"),
    )
    assert rows == [
        {"labels": ["Cluster", "Organisation"], "name": "Harbour Cluster", "country": "BE"}
    ]
    # The document saying "Cluster" goes: the node is a plain Organisation again.
    neo.remove_source("mem://one.txt")
    rows = cypher(
        f"MATCH (n {{id: $id}}) RETURN {SORTED_LABELS}, n.country AS country",
        id=org("Harbour Cluster"),
    )
    assert rows == [{"labels": ["Organisation"], "country": None}]


@neo4j_only
def test_documents_mention_entities_and_relationships_carry_provenance(neo: Neo4jStore) -> None:
    for facts in two_documents():
        neo.upsert_document(facts)
    mentioned = cypher(
        "MATCH (d:Document)-[m:MENTIONS]->(n {id: $id}) "
        "RETURN d.source AS source, d.lang AS lang, m.type AS type ORDER BY source",
        id=org("Harbour Cluster"),
    )
    assert mentioned == [
        {"source": "mem://one.txt", "lang": "en", "type": "Cluster"},
        {"source": "mem://two.txt", "lang": "en", "type": "Organisation"},
    ]
    leads = cypher(
        "MATCH (a)-[r:LEADS]->(b) RETURN a.id AS a, b.id AS b, r.sources AS sources, "
        "r.evidence AS evidence, r.confidence AS confidence"
    )
    assert leads == [
        {
            "a": org("Harbour Cluster"),
            "b": project("Pier Project"),
            "sources": ["mem://one.txt", "mem://two.txt"],
            "evidence": ["Harbour leads Pier.", "Pier is led by Harbour."],
            "confidence": 0.95,
        }
    ]
    amount = cypher("MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.amount_eur AS amount")
    assert amount == [{"amount": 25000.0}]
    # Retracting one supporting document keeps the relationship with the other's support.
    neo.remove_source("mem://two.txt")
    assert cypher("MATCH ()-[r:LEADS]->() RETURN r.sources AS s, r.confidence AS c") == [
        {"s": ["mem://one.txt"], "c": 0.8}
    ]


@neo4j_only
def test_values_never_become_cypher(neo: Neo4jStore) -> None:
    sly = "Sly' }) DETACH DELETE n // `x`:Label {"
    neo.upsert_document(two_documents()[0])
    neo.upsert_document(
        make_facts(
            "mem://sly'`.txt",
            [("s", "Organisation", sly), ("p", "Project", "Pier Project")],
            [("PARTICIPATES_IN", "s", "p", {"evidence": "'); MATCH (n) DETACH DELETE n; //"})],
        )
    )
    node = neo.get_node(org(sly))
    assert node is not None and node.name == sly
    assert neo.stats().total_nodes == 4
    assert [d.source for d in neo.documents()] == ["mem://one.txt", "mem://sly'`.txt"]


# -- schema ------------------------------------------------------------------------------


@neo4j_only
def test_schema_constraints_exist_and_hold(neo: Neo4jStore) -> None:
    assert neo.init_schema() == []  # all in place already: nothing to create
    assert neo.schema_ready()
    names = {r["name"] for r in cypher("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"innograph_organisation_id", "innograph_project_id", "innograph_document_source"} <= (
        names
    )
    indexes = cypher("SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name")
    assert {"name": "innograph_names"} in indexes
    neo.upsert_document(two_documents()[0])
    with pytest.raises(ConstraintError):
        cypher("CREATE (:Organisation {id: $id})", id=org("Wharf Works"))
    hits = cypher(
        "CALL db.index.fulltext.queryNodes('innograph_names', 'wharf') YIELD node "
        "RETURN node.id AS id"
    )
    assert hits == [{"id": org("Wharf Works")}]


# -- failures ----------------------------------------------------------------------------


@neo4j_only
def test_wrong_password_is_one_line_naming_the_uri() -> None:
    uri = os.environ["INNOGRAPH_NEO4J_URI"]
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(uri, "neo4j", "not-the-password")
    message = str(err.value)
    assert uri in message and "\n" not in message and "unauthorized" in message.lower()


def test_server_down_is_one_line_naming_the_uri() -> None:
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore("bolt://127.0.0.1:9", "neo4j", "x")
    assert "bolt://127.0.0.1:9" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "bolt://[oops"])
def test_bad_uris_are_refused_plainly(uri: str) -> None:
    with pytest.raises(StoreUnavailable, match="Neo4j"):
        Neo4jStore(uri, "neo4j", "x")


def test_cli_names_the_unreachable_server() -> None:
    result = CliRunner().invoke(app, ["stats"], env={"INNOGRAPH_NEO4J_URI": "neo4j://127.0.0.1:9"})
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "neo4j://127.0.0.1:9" in lines[0]
    assert "Traceback" not in result.output


@neo4j_only
def test_failed_batch_leaves_nothing_half_written(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from innograph.graph.neo4j.writer import Writer

    neo.upsert_document(two_documents()[0])
    before = (list(neo.iter_nodes()), list(neo.iter_edges()), neo.documents(), neo.version())

    def broken(self: object) -> None:
        raise RuntimeError("the server fell over mid-batch")

    # Everything is written, then the last step of the transaction fails.
    monkeypatch.setattr(Writer, "remerge", broken)
    with pytest.raises(RuntimeError):
        neo.upsert_documents(two_documents()[1:] + [make_facts("mem://x", [("x", "Event", "X")])])
    assert (list(neo.iter_nodes()), list(neo.iter_edges()), neo.documents(), neo.version()) == (
        before
    )


@neo4j_only
def test_two_clients_ingesting_one_document_give_one_result(neo: Neo4jStore) -> None:
    uri = os.environ["INNOGRAPH_NEO4J_URI"]
    password = os.environ["INNOGRAPH_NEO4J_PASSWORD"]
    clients = [Neo4jStore(uri, "neo4j", password) for _ in range(2)]
    facts = two_documents()[0]
    statuses: list[str] = []
    barrier = threading.Barrier(2)

    def ingest(client: Neo4jStore) -> None:
        barrier.wait()
        statuses.append(client.upsert_document(facts).status)

    try:
        threads = [threading.Thread(target=ingest, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for client in clients:
            client.close()
    assert sorted(statuses) == ["created", "unchanged"]
    assert cypher("MATCH (n:Organisation) RETURN count(n) AS n") == [{"n": 2}]
    assert cypher("MATCH ()-[r:MENTIONS]->() RETURN count(r) AS n") == [{"n": 3}]


# -- the same answers as the embedded store on a bigger random graph -----------------------


def random_documents(seed: int, count: int) -> list[DocumentFacts]:
    """Documents about overlapping organisations, projects, platforms and events."""
    rng = random.Random(seed)
    orgs = [f"Org {i:03d}" for i in range(60)]
    items = [("Project", f"Proj {i:02d}") for i in range(25)] + [
        ("S3Platform", f"Platform {i}") for i in range(4)
    ]
    items += [("Event", f"Fair {i}") for i in range(5)]
    programmes = [f"Programme {i}" for i in range(3)]
    docs = []
    for d in range(count):
        entities: list[Any] = []
        relations: list[Any] = []
        kind, item = rng.choice(items)
        dates = {"start_date": f"20{rng.randint(10, 24)}-01-01"} if kind != "S3Platform" else {}
        entities.append(("i", kind, item, dates))
        members = rng.sample(orgs, rng.randint(2, 6))
        for n, name in enumerate(members):
            key = f"o{n}"
            entity_type = "Cluster" if name.endswith("7") and rng.random() < 0.5 else "Organisation"
            entities.append((key, entity_type, name, {"country": rng.choice(["BE", "NL", "FR"])}))
            rel = "LEADS" if n == 0 and kind != "Event" else "PARTICIPATES_IN"
            relations.append((rel, key, "i", {"confidence": round(rng.random(), 2)}))
        if kind == "Project":
            entities.append(("f", "FundingProgramme", rng.choice(programmes)))
            relations.append(("FUNDED_BY", "i", "f", {"amount_eur": float(rng.randint(1, 99))}))
        if rng.random() < 0.3:
            relations.append(("COLLABORATES_WITH", "o1", "o0"))
        if rng.random() < 0.2:
            relations.append(("MEMBER_OF", "o1", "o0"))
        docs.append(make_facts(f"mem://random/{d:03d}.txt", entities, relations))
    return docs


def answers(store: GraphStore) -> dict[str, Any]:
    """Everything the interface answers about the random graph, for comparison."""
    out: dict[str, Any] = {
        "nodes": list(store.iter_nodes()),
        "edges": list(store.iter_edges()),
        "stats": (store.stats().nodes, store.stats().relationships, store.stats().documents),
        "merges": store.merges(),
        "search": [store.search(q) for q in ("org 01", "proj", "platfrom", "fair 3", "0")],
    }
    for name in ("Org 001", "Org 017", "Org 042"):
        oid = org(name)
        if store.get_node(oid) is None:
            continue
        out[f"collab {name}"] = store.collaborators(oid)
        out[f"collab BE since {name}"] = store.collaborators(oid, country="be", since="2018")
        out[f"hood {name}"] = store.neighbourhood(oid, depth=2, limit=40)
        out[f"paths {name}"] = store.paths(oid, org("Org 055"), k=4, via=["Project"])
        detail = store.get_entity(oid)
        out[f"entity {name}"] = (detail.node, detail.outgoing, detail.incoming, detail.neighbours)
    return out


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "embedded")
    yield store
    store.close()


@neo4j_only
def test_same_answers_as_embedded_through_updates_and_removals(
    neo: Neo4jStore, embedded: EmbeddedStore
) -> None:
    docs = random_documents(seed=4, count=80)
    for store in (neo, embedded):
        store.upsert_documents(docs[:50])
        store.upsert_documents(docs[50:])
    assert answers(neo) == answers(embedded)
    changed = random_documents(seed=5, count=30)  # new facts for the first 30 sources
    for store in (neo, embedded):
        results = store.upsert_documents(changed)
        assert {r.status for r in results} == {"updated"}
        for source in [d.source for d in docs[60:70]]:
            assert store.remove_source(source)
    assert answers(neo) == answers(embedded)


@neo4j_only
def test_paths_equal_the_embedded_stores_for_every_length_and_filter(
    neo: Neo4jStore, embedded: EmbeddedStore
) -> None:
    """Neo4j searches two balls around the ends instead of the whole graph: odd and even
    hop limits, via and avoid must still give exactly the embedded store's paths."""
    docs = random_documents(seed=8, count=70)
    for store in (neo, embedded):
        store.upsert_documents(docs)
    rng = random.Random(3)
    orgs = sorted(n.id for n in embedded.iter_nodes(types=["Organisation"]))
    found_some = 0
    for _ in range(12):
        source, target = rng.sample(orgs, 2)
        avoid = [rng.choice(orgs)] if rng.random() < 0.5 else []
        for max_hops in (1, 2, 3, 4, 5):
            for via in ((), ("Project",), ("Project", "Organisation")):
                query = dict(k=3, max_hops=max_hops, via=via, avoid=avoid)
                expected = embedded.paths(source, target, **query)  # type: ignore[arg-type]
                assert neo.paths(source, target, **query) == expected, (source, target, query)  # type: ignore[arg-type]
                found_some += bool(expected)
    assert found_some > 20  # the pairs are connected often enough to mean something


# -- the seeds, through `innograph ingest`, on both backends ---------------------------------


@neo4j_only
@pytest.mark.slow
def test_seeds_give_the_same_graph_on_both_backends(
    neo: Neo4jStore, seeds_dir: Path, seeds_store: EmbeddedStore
) -> None:
    runner = CliRunner()

    def ingest() -> str:
        result = runner.invoke(app, ["ingest", str(seeds_dir)])
        assert result.exit_code == 0, result.output
        return result.output

    ingest()
    expected = answers(seeds_store)
    assert answers(neo) == expected
    version = neo.version()
    ingest()  # twice: nothing changes
    assert neo.version() == version and answers(neo) == expected
    for doc in neo.documents():
        assert neo.remove_source(doc.source)
    assert neo.stats().total_nodes == 0
    ingest()  # remove, then re-ingest: the same graph again
    assert answers(neo) == expected


# -- the commands ------------------------------------------------------------------------


@neo4j_only
def test_neo4j_init_and_reset_commands(neo: Neo4jStore) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["neo4j", "init"])
    assert result.exit_code == 0 and "already in place" in result.output
    neo.upsert_document(two_documents()[0])
    refused = runner.invoke(app, ["neo4j", "reset"])
    assert refused.exit_code == 1 and "--yes" in refused.output
    assert neo.stats().documents == 1
    done = runner.invoke(app, ["neo4j", "reset", "--yes"])
    assert done.exit_code == 0, done.output
    assert neo.stats().documents == 0 and neo.stats().total_nodes == 0


def test_neo4j_init_without_a_server_configured() -> None:
    result = CliRunner().invoke(app, ["neo4j", "init"], env={"INNOGRAPH_NEO4J_URI": None})
    assert result.exit_code == 1 and "INNOGRAPH_NEO4J_URI" in result.output


# -- query plans that do not depend on the statistics ----------------------------------------

SCANS = {"AllNodesScan", "NodeByLabelScan", "NodeIndexScan", "UnionNodeByLabelsScan"}


def _operators(plan: Any) -> set[str]:
    names = {plan["operatorType"].split("@")[0]}
    for child in plan.get("children", []):
        names |= _operators(child)
    return names


KEYED_NODE = re.compile(r"(MERGE )?[(-](\w+):(\w+) \{(id|source): ")


@neo4j_only
def test_writer_lookups_are_pinned_to_index_seeks(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plans are cached with the statistics of their first run, and with some statistics
    (a small label, just after a wipe) Neo4j planned a lookup by id as a scan of the whole
    label for every row: a bulk load went 4x slower. So every node the writer looks up by
    its key carries a ``USING INDEX SEEK`` hint, and every statement, planned by the
    server, seeks."""
    from innograph.graph.neo4j.writer import Writer

    sent: list[tuple[str, dict[str, Any]]] = []
    run = Writer.run

    def recording(self: Any, query: str, **params: Any) -> list[list[Any]]:
        sent.append((query, params))
        return run(self, query, **params)

    monkeypatch.setattr(Writer, "run", recording)
    docs = random_documents(5, 12)
    neo.upsert_documents(docs[:6])
    neo.upsert_documents(docs[6:])
    neo.upsert_document(
        make_facts(docs[0].source, [("o", "Organisation", "Org 001")], content="changed")
    )
    neo.remove_source(docs[1].source)
    unhinted, scanning = [], []
    for query, params in {q: p for q, p in sent}.items():
        for merge, var, label, key in KEYED_NODE.findall(query):
            if not merge and f"USING INDEX SEEK {var}:{label}({key})" not in query:
                unhinted.append(query)
        if _operators(cypher_plan("EXPLAIN " + query, params)) & SCANS:
            scanning.append(query)
    assert len(sent) > 20
    assert not unhinted, unhinted
    assert not scanning, scanning


def cypher_plan(query: str, params: dict[str, Any]) -> Any:
    """The plan Neo4j makes for ``query``."""
    uri = os.environ["INNOGRAPH_NEO4J_URI"]
    auth = (os.environ.get("INNOGRAPH_NEO4J_USER", "neo4j"), os.environ["INNOGRAPH_NEO4J_PASSWORD"])
    with GraphDatabase.driver(uri, auth=auth) as driver, driver.session() as session:
        return session.run(query, params).consume().plan
