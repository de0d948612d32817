"""Cypher's names for the ontology: labels and relationship types, checked before they
enter a query, and the query fragments built from them (label tests, index hints).

Labels and relationship types come only from :mod:`innograph.ontology.terms`; every one
passes :func:`checked` before it is written into a query (values always go in as
parameters). Shared by the store, its writer and the bulk load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from innograph.graph.algorithms import most_specific_type
from innograph.ontology.terms import ontology

# Bookkeeping label of the one node holding the version counter (not an ontology class:
# it is never part of the graph's answers).
META_LABEL = "InnographMeta"
# Property of the version node while a bulk load writes (its start time): other writers
# refuse until it is gone (see innograph.graph.neo4j.bulk).
BULK_MARK = "bulk_load_started"
FULLTEXT_INDEX = "innograph_names"
_LABEL_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
EdgeKey = tuple[str, str, str]

# -- the ontology's names, checked before they enter a query ---------------------------------


def checked(name: str) -> str:
    """A label or relationship type from the ontology, safe to write into Cypher."""
    if not _LABEL_OK.match(name):
        raise ValueError(f"{name!r} is not a plain Neo4j name")
    return name


@cache
def labels_of(type_name: str) -> tuple[str, ...]:
    """The Neo4j labels of a node of a contract type (Cluster -> Organisation, Cluster)."""
    return tuple(checked(label) for label in ontology().entity_types[type_name].neo4j_labels)


@cache
def type_by_label() -> dict[str, str]:
    """Neo4j label -> the entity type carrying it as its own label."""
    return {checked(t.neo4j_label): name for name, t in ontology().entity_types.items()}


@cache
def root_by_prefix() -> dict[str, str]:
    """id prefix -> the root label every node with that prefix carries."""
    return {
        t.id_prefix: labels_of(name)[0]
        for name, t in ontology().entity_types.items()
        if t.parent is None
    }


@cache
def root_labels() -> tuple[str, ...]:
    """The labels of the root entity types, sorted."""
    return tuple(sorted(set(root_by_prefix().values())))


@cache
def entity_labels() -> tuple[str, ...]:
    """Every entity type's own label, sorted."""
    return tuple(sorted(type_by_label()))


@cache
def rel_type_of(contract: str) -> str:
    """The Neo4j relationship type of a contract relation."""
    return checked(ontology().relation_types[contract].neo4j_type)


@cache
def contract_rel_by_type() -> dict[str, str]:
    """Neo4j relationship type -> contract relation."""
    return {checked(p.neo4j_type): name for name, p in ontology().relation_types.items()}


@cache
def all_rel_types() -> str:
    """``LEADS|PARTICIPATES_IN|...``: every contract relationship type, for patterns."""
    return "|".join(sorted(contract_rel_by_type()))


@cache
def mentions_type() -> str:
    """The relationship type from a Document to what it mentions."""
    return checked(ontology().properties["MENTIONS"].neo4j_type)


@cache
def document_label() -> str:
    """The label of Document nodes."""
    return checked(ontology().classes["Document"].neo4j_label)


def any_label(labels: Iterable[str], var: str = "n") -> str:
    """``(n:A OR n:B)`` for checked labels."""
    return "(" + " OR ".join(f"{var}:{checked(label)}" for label in labels) + ")"


def hint(var: str, label: str, key: str = "id") -> str:
    """`` USING INDEX SEEK var:label(key)``: lookups by a unique key stay index seeks.

    A plan is cached with the statistics of its first run; right after a wipe those say
    the label is empty, and an unhinted plan then scans the whole label for every row.
    """
    return f" USING INDEX SEEK {var}:{checked(label)}({key})"


def edge_hints(src_root: str, dst_root: str) -> str:
    """The hints of an ``(a:src {id})-[r]->(b:dst {id})`` lookup."""
    return hint("a", src_root) + hint("b", dst_root)


def root_of(entity_id: str) -> str | None:
    """The root label of an id (from its prefix), or None when no type has that prefix."""
    return root_by_prefix().get(entity_id.split("-", 1)[0])


def type_of(labels: Iterable[str]) -> str:
    """The entity type of a node with these labels (the most specific)."""
    known = type_by_label()
    return most_specific_type(known[label] for label in labels if label in known)
