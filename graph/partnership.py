"""What a partnership path may pass through, and why a search found none.

A partnership path links two organisations through what partners share: projects, S3
platforms and events they lead or take part in, clusters they are members of, and
direct collaborations. A country or a funding programme is not a partnership: two
organisations located in Belgium, or funded by Horizon 2020, are not partners. So by
default a path passes only through the partnership types (:data:`PARTNERSHIP_TYPES`)
along the partnership relations (:func:`partnership_relations`); naming other types in
``via`` opens them, with the relations that reach them.

Both stores take their scope from :func:`path_scope` and explain an empty answer with
:func:`why_no_paths`, so they answer alike (the contract suite checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from innograph.graph.algorithms import expand_types
from innograph.graph.store import SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import PartnershipPath
from innograph.ontology.terms import ontology

# What partners share, and the partners themselves (a Cluster is an Organisation).
PARTNERSHIP_TYPES: tuple[str, ...] = ("Organisation", *SHARED_ITEM_TYPES)


@cache
def partnership_node_types() -> frozenset[str]:
    """The partnership types with their subtypes (Organisation -> + Cluster)."""
    return expand_types(PARTNERSHIP_TYPES)


@cache
def partnership_relations() -> frozenset[str]:
    """Relations that make a partnership, read from the ontology: those from an
    organisation to an organisation or a shared item (LEADS, PARTICIPATES_IN, MEMBER_OF,
    COLLABORATES_WITH). LOCATED_IN (to a Region), FUNDED_BY (a project's programme),
    SUCCESSOR_OF (project to project) and AFFILIATED_WITH (a person's) are not.

    A relation counts when an organisation may be its source and an organisation or a
    shared item its target: other ends it also allows (a Region acting through its
    government, decision 0016) do not make it less of a partnership, and a path still
    passes through no Region, since the node types keep it out."""
    orgs = expand_types(["Organisation"])
    shared = partnership_node_types()
    return frozenset(
        name
        for name, term in ontology().relation_types.items()
        if set(term.domain) & orgs and set(term.range) & shared
    )


@cache
def all_relations() -> frozenset[str]:
    """Every relation of the ontology."""
    return frozenset(ontology().relation_types)


@cache
def all_node_types() -> frozenset[str]:
    """Every entity type of the ontology."""
    return frozenset(ontology().entity_types)


@dataclass(frozen=True, slots=True)
class PathScope:
    """The intermediate node types and the relations a path may use."""

    node_types: frozenset[str]
    relations: frozenset[str]

    @property
    def partnership(self) -> bool:
        """True for the default scope: partnership types and relations only."""
        return self == default_scope()


@cache
def default_scope() -> PathScope:
    """Partnership types along partnership relations."""
    return PathScope(partnership_node_types(), partnership_relations())


@cache
def widest_scope() -> PathScope:
    """Every type along every relation (what ``via=all`` asks for)."""
    return PathScope(all_node_types(), all_relations())


def path_scope(via: Sequence[str] = (), relations: Sequence[str] = ()) -> PathScope:
    """The scope of a path search.

    ``via`` empty: the partnership types; else those types (with subtypes). ``relations``
    empty: the partnership relations plus every relation that reaches a type named in
    ``via`` outside the partnership types (``via=Organisation,Region`` walks LOCATED_IN
    too); else exactly those relations.
    """
    types = expand_types(via) if via else partnership_node_types()
    if relations:
        return PathScope(types, frozenset(relations))
    extra = types - partnership_node_types()
    walkable = set(partnership_relations())
    for name, term in ontology().relation_types.items():
        if extra & (set(term.domain) | set(term.range)):
            walkable.add(name)
    return PathScope(types, frozenset(walkable))


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def why_no_paths(
    witness: PartnershipPath | None,
    *,
    max_hops: int,
    scope: PathScope,
    avoid: Iterable[str] = (),
) -> str:
    """One line saying why a search in ``scope`` found no path within ``max_hops``.

    ``witness`` is the shortest path of the same length bound in the widest scope and
    without ``avoid`` (None when there is none): what on it the search left out is what
    removed the connection.
    """
    if witness is None:
        return f"no connection within {max_hops} hops"
    avoided = set(avoid)
    reasons: list[str] = []
    for node in witness.nodes[1:-1]:
        if node.id in avoided:
            reasons.append(f"the avoided {node.name} ({node.id})")
        elif node.type not in scope.node_types:
            reasons.append(f"{_article(node.type)} {node.type} ({node.name})")
    named = {n.id for n in witness.nodes[1:-1] if n.id in avoided or n.type not in scope.node_types}
    for edge in witness.edges:
        # A relation to a node named above is explained by that node.
        if edge.type not in scope.relations and not {edge.source, edge.target} & named:
            reasons.append(f"{edge.type} ({edge.source} -> {edge.target})")
    left_out = " and ".join(dict.fromkeys(reasons)) or "what the filters leave out"
    hint = (
        "via names the types a path may pass through (via=all: any)"
        if scope.partnership
        else "widen via (via=all: any type) or avoid less"
    )
    return (
        f"no path within {max_hops} hops through the types and relations asked for; "
        f"connected within {witness.hops} hops only through {left_out} ({hint})"
    )


def explain_no_paths(
    store: GraphStore,
    source_id: str,
    target_id: str,
    *,
    max_hops: int,
    scope: PathScope,
    avoid: Sequence[str] = (),
) -> str:
    """Why ``store`` has no path in ``scope`` within ``max_hops`` (see :func:`why_no_paths`):
    one more search, for the shortest path in the widest scope and avoiding nothing."""
    widest = widest_scope()
    if scope == widest and not avoid:
        return why_no_paths(None, max_hops=max_hops, scope=scope)
    found = store.paths(
        source_id,
        target_id,
        k=1,
        max_hops=max_hops,
        via=sorted(widest.node_types),
        relations=sorted(widest.relations),
    )
    return why_no_paths(found[0] if found else None, max_hops=max_hops, scope=scope, avoid=avoid)
