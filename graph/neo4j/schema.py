"""The Neo4j store's schema: uniqueness constraints on ids and sources, the full-text index
on names and aliases, and the version node; checked and created idempotently."""

from __future__ import annotations

from neo4j import Session
from neo4j.exceptions import Forbidden

from innograph.graph.neo4j.cypher import FULLTEXT_INDEX, META_LABEL, document_label, entity_labels


def schema_statements() -> dict[str, str]:
    """Constraint/index name -> the statement creating it."""
    out: dict[str, str] = {}
    for label in entity_labels():
        name = f"innograph_{label.lower()}_id"
        out[name] = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    doc = document_label()
    out["innograph_document_source"] = (
        "CREATE CONSTRAINT innograph_document_source IF NOT EXISTS "
        f"FOR (d:{doc}) REQUIRE d.source IS UNIQUE"
    )
    out["innograph_meta_key"] = (
        "CREATE CONSTRAINT innograph_meta_key IF NOT EXISTS "
        f"FOR (m:{META_LABEL}) REQUIRE m.key IS UNIQUE"
    )
    out[FULLTEXT_INDEX] = (
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:{'|'.join(entity_labels())}) ON EACH [n.name, n.aliases]"
    )
    return out


def schema_ready(session: Session) -> bool:
    """True when every constraint and index of :func:`init_schema` exists (also when
    this user may not list them: then an administrator is trusted to have run init)."""
    try:
        names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        names |= {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
    except Forbidden:
        return True
    has_meta = session.run(f"MATCH (m:{META_LABEL} {{key: 'graph'}}) RETURN count(m) AS n").single()
    return set(schema_statements()) <= names and bool(has_meta and has_meta["n"])


def init_schema(session: Session) -> list[str]:
    """Create the uniqueness constraints, the full-text index on names and aliases, and
    the version node (idempotent); the names of what was missing."""
    existing = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
    existing |= {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
    created = []
    for name, statement in schema_statements().items():
        if name not in existing:
            session.run(statement).consume()
            created.append(name)
    session.run("CALL db.awaitIndexes(300)").consume()
    session.run(
        f"MERGE (m:{META_LABEL} {{key: 'graph'}}) ON CREATE SET m.version = 0, m.updated_at = null"
    ).consume()
    return created
