"""Neo4jStore.bulk_load: an empty graph loaded with CREATE only ends exactly as upserts
leave it, refuses what it cannot do, and cleans up after itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import GraphError, InvalidFact, StoreUnavailable
from innograph.graph.neo4j import bulk as neo4j_bulk
from innograph.graph.neo4j.cypher import BULK_MARK, META_LABEL
from innograph.graph.neo4j.store import Neo4jStore
from innograph.tests.builders import make_facts
from innograph.tests.import_helpers import open_graph, read_rows, run_import, write_rows

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_neo4j_store import (
        answers,
        cypher,
        embedded,
        neo,
        neo4j_only,
        random_documents,
    )
else:
    from test_neo4j_store import answers, cypher, embedded, neo, neo4j_only, random_documents

__all__ = ["embedded", "neo"]  # fixtures used by name below


def raw_graph() -> dict[str, Any]:
    """Every node and relationship with labels and properties, as Cypher sees them
    (``ingested_at`` aside: each write stamps its own time)."""
    nodes = cypher(
        f"MATCH (n) WHERE NOT n:{META_LABEL} "
        "RETURN COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } AS labels, "
        "properties(n) AS props"
    )
    for node in nodes:
        node["props"].pop("ingested_at", None)
    rels = cypher(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.source) AS a, type(r) AS type, "
        "b.id AS b, properties(r) AS props"
    )
    key = repr
    return {"nodes": sorted(nodes, key=key), "rels": sorted(rels, key=key)}


def with_a_second_version(docs: list[Any]) -> list[Any]:
    """The documents, then new versions of two of them and one repeated unchanged."""
    newer = random_documents(seed=9, count=2)
    return docs + newer + [docs[5]]


@neo4j_only
def test_bulk_load_gives_the_graph_upserts_give(neo: Neo4jStore) -> None:
    docs = with_a_second_version(random_documents(seed=4, count=80))
    upserted = neo.upsert_documents(docs)
    expected = raw_graph()
    version = int(neo.version())
    neo.wipe()
    loaded = neo.bulk_load(docs, workers=2, rows_per_tx=7)  # many small chunks
    assert raw_graph() == expected
    assert [(r.source, r.status) for r in loaded] == [(r.source, r.status) for r in upserted]
    assert int(neo.version()) > version  # readers see a new graph
    assert cypher(f"MATCH (m:{META_LABEL}) RETURN m.{BULK_MARK} AS mark") == [{"mark": None}]


@neo4j_only
def test_after_a_bulk_load_the_graph_answers_and_updates_like_the_embedded_store(
    neo: Neo4jStore, embedded: EmbeddedStore
) -> None:
    docs = random_documents(seed=6, count=60)
    neo.bulk_load(docs)
    embedded.upsert_documents(docs)
    assert answers(neo) == answers(embedded)
    changed = random_documents(seed=7, count=20)  # new facts for the first 20 sources
    for store in (neo, embedded):
        assert {r.status for r in store.upsert_documents(changed)} == {"updated"}
        assert store.remove_source(docs[30].source)
    assert answers(neo) == answers(embedded)


@neo4j_only
def test_bulk_load_refuses_a_graph_that_holds_data(neo: Neo4jStore) -> None:
    docs = random_documents(seed=4, count=10)
    neo.upsert_documents(docs[:3])
    before = raw_graph()
    with pytest.raises(GraphError, match="empty graph"):
        neo.bulk_load(docs[3:])
    assert raw_graph() == before
    neo.upsert_documents(docs[3:])  # no mark left behind: writers go on


@neo4j_only
def test_an_invalid_document_stops_the_load_before_anything_is_written(
    neo: Neo4jStore,
) -> None:
    # FUNDED_BY between two organisations: the ontology does not allow it.
    bad = make_facts(
        "mem://bad.txt",
        [("a", "Organisation", "A"), ("b", "Organisation", "B")],
        [("FUNDED_BY", "a", "b")],
    )
    with pytest.raises(InvalidFact, match="mem://bad.txt"):
        neo.bulk_load([*random_documents(seed=4, count=5), bad])
    assert raw_graph() == {"nodes": [], "rels": []}


@neo4j_only
def test_a_failure_part_way_leaves_the_empty_graph_it_found(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = neo4j_bulk._create

    def failing(tx: Any, query: str, rows: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 12:
            raise RuntimeError("the server fell over mid-load")
        return real(tx, query, rows)

    monkeypatch.setattr(neo4j_bulk, "_create", failing)
    with pytest.raises(RuntimeError, match="mid-load"):
        neo.bulk_load(random_documents(seed=4, count=40), rows_per_tx=5)
    assert calls["n"] >= 12
    assert raw_graph() == {"nodes": [], "rels": []}
    monkeypatch.undo()
    neo.upsert_documents(random_documents(seed=4, count=3))  # the mark is gone


@neo4j_only
def test_an_interrupted_bulk_load_holds_off_other_writers_until_reset(neo: Neo4jStore) -> None:
    neo.upsert_documents(random_documents(seed=4, count=2))
    # What a bulk load killed mid-way leaves: its mark on the version node.
    cypher(f"MATCH (m:{META_LABEL}) SET m.{BULK_MARK} = '2026-01-01T00:00:00Z'")
    with pytest.raises(StoreUnavailable, match="bulk load started at 2026-01-01.*reset"):
        neo.upsert_documents(random_documents(seed=5, count=1))
    with pytest.raises(StoreUnavailable, match="bulk load started"):
        neo.bulk_load(random_documents(seed=5, count=1))
    neo.wipe()  # `innograph neo4j reset --yes`
    assert [r.status for r in neo.bulk_load(random_documents(seed=5, count=1))] == ["created"]


@neo4j_only
def test_a_bulk_import_into_neo4j_gives_the_graph_of_an_embedded_import(
    neo: Neo4jStore, shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header, rows = read_rows(
        shared_dir / "data" / "structured" / "esif_beneficiaries_2007_2020_harmonised.csv.gz", 400
    )
    path = write_rows(tmp_path / "esif.csv", header, rows)
    code, out, err = run_import("esif", str(path), "--bulk")  # to Neo4j: the URI is set
    assert code == 0, err
    monkeypatch.delenv("INNOGRAPH_NEO4J_URI")  # the same import into an embedded store
    code, expected_out, err = run_import("esif", str(path), "--store", str(tmp_path / "s"))
    assert code == 0, err
    assert out == expected_out
    with open_graph(tmp_path / "s") as upserted:
        assert list(neo.iter_nodes()) == list(upserted.iter_nodes())
        assert list(neo.iter_edges()) == list(upserted.iter_edges())
