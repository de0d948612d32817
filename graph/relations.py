"""An entity's relations, by type, the heaviest first: what its page and the API list.

A region or a programme has thousands of relations of one type; a page shows the first of
each type and links to the rest, so the order decides what is seen. It is the relation's
weight, never the alphabet: the documents that support it (the most evidenced first),
then the amount it carries (a grant, a contribution), then the extractor's confidence;
the other end's name and id only break ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from innograph.graph.types import Edge, EntityDetail, Node
from innograph.ontology.ids import fold

Direction = Literal["out", "in"]


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of an entity, seen from it: its direction, the other end, the edge."""

    direction: Direction
    other: Node
    edge: Edge


def _amount(edge: Edge) -> float:
    value = edge.properties.get("amount_eur")
    return float(value) if isinstance(value, int | float) else 0.0


def relation_weight(relation: Relation) -> tuple[float, float, float, str, str, str]:
    """The sort key of a relation: the heaviest first (see the module's docstring)."""
    edge = relation.edge
    documents = len({p.document for p in edge.provenance})
    confidence = max((p.confidence for p in edge.provenance), default=0.0)
    other = relation.other
    return (-documents, -_amount(edge), -confidence, fold(other.name), other.id, relation.direction)


def relations_by_type(detail: EntityDetail) -> dict[str, list[Relation]]:
    """Each relation type of the entity (in name order) with its relations, heaviest first.
    An other end the store did not return is named by its id."""
    groups: dict[str, list[Relation]] = {}
    directions: tuple[tuple[Direction, list[Edge]], ...] = (
        ("out", detail.outgoing),
        ("in", detail.incoming),
    )
    for direction, edges in directions:
        for edge in edges:
            other_id = edge.target if direction == "out" else edge.source
            other = detail.neighbours.get(other_id) or Node(other_id, "", other_id)
            groups.setdefault(edge.type, []).append(Relation(direction, other, edge))
    return {kind: sorted(groups[kind], key=relation_weight) for kind in sorted(groups)}
