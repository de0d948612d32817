"""Backend-independent graph logic, shared by the embedded and the Neo4j store.

Both backends must give identical answers, so every rule that decides an answer lives
here as a pure function over plain data: how a node is merged from the documents that
mention it, how a relationship is keyed and merged, k shortest paths and neighbourhoods
(collaborator ranking has its own module, graph/collaborators.py, as search ranking has
graph/search.py). A backend only has to supply the data (a neighbour function, node
lookups, the mentions of a node ...).

Conventions both backends follow (the contract suite checks them):

* One relationship per ``(source, type, target)``; a symmetric relation
  (COLLABORATES_WITH) is stored with its two ends in id order (:func:`edge_key`).
* A node's type is the most specific type any document gives it (Cluster beats
  Organisation); its attributes come from the mentions ordered by document source, the
  last one that sets a key wins (so the ingest order does not matter); its name is the
  last so ordered of those written in mixed case (the best-written form), else of those
  not in capitals, else the last;
  ``properties["aliases"]`` is the sorted union of all aliases and other names.
* A type filter includes subtypes (``Organisation`` also selects Clusters).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from innograph.graph.errors import InvalidFact
from innograph.graph.types import Edge, Node, Provenance
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.homepages import URL_KEY, checked_homepage
from innograph.ontology.ids import fold, is_canonical_id
from innograph.ontology.terms import (
    ClassTerm,
    UnknownTermError,
    check_relation,
    entity_type,
    ontology,
)

# -- types ---------------------------------------------------------------------------


@cache
def _depth(type_name: str) -> int:
    classes = ontology().classes
    depth, parent = 0, classes[type_name].parent if type_name in classes else None
    while parent:
        depth += 1
        parent = classes[parent].parent
    return depth


def expand_types(types: Iterable[str]) -> frozenset[str]:
    """The given entity types with all their subtypes (Organisation -> + Cluster)."""
    wanted = set(types)
    classes = ontology().classes
    changed = True
    while changed:
        changed = False
        for term in classes.values():
            if term.parent in wanted and term.name not in wanted:
                wanted.add(term.name)
                changed = True
    return frozenset(wanted)


def types_by_specificity() -> list[str]:
    """All entity types, most specific first: the order :func:`most_specific_type` uses."""
    return sorted(ontology().entity_types, key=lambda t: (-_depth(t), t))


def most_specific_type(types: Iterable[str]) -> str:
    """The deepest type in the ontology's hierarchy (ties: alphabetical)."""
    return min(set(types), key=lambda t: (-_depth(t), t))


# -- merging nodes and relationships ---------------------------------------------------


# Not frozen: these are built by the hundred thousand when a store loads.
@dataclass(slots=True)
class Mention:
    """What one document says about one node."""

    source: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict)


def merge_mentions(node_id: str, mentions: Iterable[Mention]) -> Node:
    """The node as all its mentions make it (deterministic whatever the ingest order)."""
    ordered = sorted(mentions, key=lambda m: m.source)
    if not ordered:
        raise ValueError(f"{node_id} has no mentions")
    if len(ordered) == 1:  # the common case, kept cheap
        only = ordered[0]
        props = {k: v for k, v in only.attributes.items() if k not in ("aliases", "name", "id")}
        props["aliases"] = sorted(set(only.aliases) - {only.name})
        return Node(node_id, only.type, only.name, props)
    attributes: dict[str, Any] = {}
    names: set[str] = set()
    for mention in ordered:
        attributes.update(mention.attributes)
        names.add(mention.name)
        names.update(mention.aliases)
    # The best-written name: the last in source order of those written in mixed case
    # ("Brainport Development" over "BRAINPORT DEVELOPMENT NV"), else of those not in
    # capitals (a brand written in lower case, "imec", over a register's capitals), else
    # the last.
    mixed = [m.name for m in ordered if m.name != m.name.upper() and m.name != m.name.lower()]
    lower = [m.name for m in ordered if m.name != m.name.upper()]
    name = mixed[-1] if mixed else lower[-1] if lower else ordered[-1].name
    names.discard(name)
    properties = {k: v for k, v in attributes.items() if k not in ("aliases", "name", "id")}
    properties["aliases"] = sorted(names)
    return Node(
        id=node_id,
        type=most_specific_type(m.type for m in ordered),
        name=name,
        properties=properties,
    )


# One encoder for every row: json.dumps with options builds a new one per call, a sixth
# of preparing a bulk import's rows.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, allow_nan=False).encode


def stable_json(value: Any) -> str:
    """Plain data as the JSON both stores keep (sorted keys, no NaN: ValueError);
    TypeError for what is not plain data."""
    if not value and isinstance(value, dict | list):  # the common case, without the encoder
        return "[]" if isinstance(value, list) else "{}"
    return _ENCODE(value)


@dataclass(slots=True)
class Support:
    """One document's support for a relationship."""

    source: str
    evidence: str
    confidence: float
    amount_eur: float | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@cache
def _symmetric_relations() -> frozenset[str]:
    return frozenset(n for n, p in ontology().relation_types.items() if p.symmetric)


def edge_key(rel_type: str, source: str, target: str) -> tuple[str, str, str]:
    """``(source, type, target)`` with a symmetric relation's ends in id order."""
    if source > target and rel_type in _symmetric_relations():
        source, target = target, source
    return (source, rel_type, target)


def merge_supports(key: tuple[str, str, str], supports: Iterable[Support]) -> Edge:
    """The relationship as its supporting documents make it, provenance ordered by source."""
    ordered = sorted(supports, key=lambda s: s.source)
    properties: dict[str, Any] = {}
    for support in ordered:
        properties.update(support.attributes)
        if support.amount_eur is not None:
            properties["amount_eur"] = support.amount_eur
    return Edge(
        source=key[0],
        target=key[2],
        type=key[1],
        properties=properties,
        provenance=[Provenance(s.source, s.evidence, s.confidence) for s in ordered],
    )


def edge_order(edge: Edge) -> tuple[str, str, str]:
    """The stable order of relationships in every answer: source, type, target."""
    return (edge.source, edge.type, edge.target)


def pick_edge(edges: Iterable[Edge]) -> Edge:
    """The relationship shown for a hop when several link the same two nodes."""
    return min(edges, key=lambda e: (e.type, e.source, e.target))


EdgeKey = tuple[str, str, str]
_PLAIN = (str, int, float, bool)


@dataclass(slots=True)
class NormalisedDocument:
    """One document's facts, validated and keyed by canonical ids.

    ``nodes``: canonical id -> this document's mention (several local keys resolving to one
    id are merged); ``edges``: :func:`edge_key` -> this document's support (a relationship
    stated twice keeps its surest statement; one whose ends resolve to the same entity is
    dropped).
    """

    facts: DocumentFacts
    nodes: dict[str, Mention]
    edges: dict[EdgeKey, Support]


@cache
def _entity_term(name: str) -> ClassTerm:
    return entity_type(name)


@cache
def _relation_problem(relation: str, source_type: str, target_type: str) -> str | None:
    try:
        check_relation(relation, source_type, target_type)
    except UnknownTermError as err:
        return str(err)
    return None


def _check_plain(values: Mapping[str, Any], where: str) -> None:
    for key, value in values.items() if values else ():
        ok = isinstance(value, _PLAIN) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
        if not ok or (isinstance(value, float) and value != value):
            raise InvalidFact(f"{where}: attribute {key!r} is not plain data ({value!r})")


def normalise_document(facts: DocumentFacts) -> NormalisedDocument:
    """Validate a document's facts against the ontology and key them by canonical ids.

    Raises InvalidFact, naming the document and the fact, for an unknown entity type or
    relation, a relation whose end types the ontology does not allow, a relation to a
    missing entity key, or a canonical id that does not fit its type.
    """
    src = facts.source
    if not isinstance(src, str) or not src.strip():
        raise InvalidFact("a document needs a non-empty source")
    where = f"document {src!r}"
    if not facts.content_hash:
        raise InvalidFact(f"{where}: no content hash")
    _check_plain(facts.attributes, where)
    types_by_key: dict[str, str] = {}
    id_by_key: dict[str, str] = {}
    nodes: dict[str, Mention] = {}
    for ent in facts.entities:
        try:
            term = _entity_term(ent.type)
        except UnknownTermError as err:
            raise InvalidFact(f"{where}, entity {ent.key!r}: {err}") from None
        cid = ent.canonical_id
        if not is_canonical_id(cid) or not cid.startswith(term.id_prefix + "-"):
            raise InvalidFact(
                f"{where}, entity {ent.key!r}: {cid!r} is not a canonical id of a {ent.type} "
                f"(expected '{term.id_prefix}-<slug>')"
            )
        name = (ent.canonical_name or ent.name).strip()
        if not name:
            raise InvalidFact(f"{where}, entity {ent.key!r}: empty name")
        if ent.key in id_by_key and id_by_key[ent.key] != cid:
            raise InvalidFact(f"{where}: entity key {ent.key!r} names two entities")
        if ent.attributes:
            _check_plain(ent.attributes, f"{where}, entity {ent.key!r}")
        types_by_key[ent.key] = ent.type
        id_by_key[ent.key] = cid
        aliases = {a for a in ent.aliases if a}
        if ent.name:
            aliases.add(ent.name)
        # A homepage is published as an IRI: only an absolute one is kept as ``url``.
        attrs: dict[str, Any] = (
            checked_homepage(ent.attributes) if URL_KEY in ent.attributes else dict(ent.attributes)
        )
        mtype = ent.type
        previous = nodes.get(cid)
        if previous is not None:
            attrs = {**previous.attributes, **attrs}
            aliases |= set(previous.aliases) | {previous.name}
            mtype = most_specific_type([previous.type, ent.type])
        aliases.discard(name)
        nodes[cid] = Mention(src, mtype, name, tuple(sorted(aliases)), attrs)
    edges: dict[EdgeKey, Support] = {}
    for rel in facts.relations:
        for end in (rel.source, rel.target):
            if end not in types_by_key:
                raise InvalidFact(f"{where}, relation {rel.type}: no entity with key {end!r}")
        problem = _relation_problem(rel.type, types_by_key[rel.source], types_by_key[rel.target])
        if problem is not None:
            raise InvalidFact(f"{where}, relation {rel.source}->{rel.target}: {problem}")
        if rel.attributes:
            _check_plain(rel.attributes, f"{where}, relation {rel.source}->{rel.target}")
        key = edge_key(rel.type, id_by_key[rel.source], id_by_key[rel.target])
        if key[0] == key[2]:
            continue  # both ends resolved to one entity: nothing to relate
        amount = float(rel.amount_eur) if rel.amount_eur is not None else None
        support = Support(src, rel.evidence or "", float(rel.confidence), amount, rel.attributes)
        old = edges.get(key)
        if old is None or support.confidence > old.confidence:
            if old is not None and amount is None and old.amount_eur is not None:
                support = Support(
                    src, support.evidence, support.confidence, old.amount_eur, support.attributes
                )
            edges[key] = support
    return NormalisedDocument(facts, nodes, edges)


# -- neighbourhood -----------------------------------------------------------------------


# A node's weight in a neighbourhood beyond its links to the nearer layer: its degree
# (distinct neighbours) and its name; given for a batch of ids (one query on Neo4j).
NodeWeights = Callable[[Sequence[str]], Mapping[str, tuple[int, str]]]


def neighbourhood_ids(
    neighbours: Callable[[str], Iterable[str]],
    centre: str,
    *,
    depth: int,
    keep: Callable[[str], bool] | None = None,
    limit: int,
    weights: NodeWeights | None = None,
) -> tuple[list[str], int]:
    """Nodes within ``depth`` hops, nearest first, heaviest first within a hop, and how
    many there were.

    Within a hop a node ranks by its links to the hop before (at depth 2 from an
    organisation: the projects it shares with it), then by its degree (``weights``; by
    default counted from ``neighbours``), then by name, then id: a cut keeps the hubs,
    never the alphabetically first. Traversal goes through every node; ``keep`` only
    filters what is returned (the centre always is). The list is capped at ``limit``; the
    count is before the cap. ``weights`` is asked only for the nodes the order needs:
    those returned and those competing for the last places.
    """
    if weights is None:
        weights = lambda ids: {n: (len(set(neighbours(n))), n) for n in ids}  # noqa: E731
    seen = {centre}
    layers: list[dict[str, int]] = []  # per hop: node -> its links to the hop before
    frontier = [centre]
    for _ in range(max(depth, 0)):
        layer: dict[str, int] = {}
        for node in frontier:
            for other in set(neighbours(node)):
                if other not in seen:
                    layer[other] = layer.get(other, 0) + 1
        seen.update(layer)
        layers.append(
            layer if keep is None else {n: links for n, links in layer.items() if keep(n)}
        )
        frontier = list(layer)
        if not frontier:
            break
    total = 1 + sum(len(layer) for layer in layers)
    room = max(limit, 0) - 1
    if room < 0:
        return [], total
    # The nodes whose order matters: whole hops while they fit, then in the hop the cut
    # falls in those with at least as many links as the last one that fits.
    needed: list[str] = []
    for layer in layers:
        if room <= 0:
            break
        if len(layer) <= room:
            needed.extend(layer)
            room -= len(layer)
        else:
            threshold = heapq.nlargest(room, layer.values())[-1]
            needed.extend(n for n, links in layer.items() if links >= threshold)
            room = 0
    weight = weights(needed) if needed else {}
    found = [centre]
    for layer in layers:
        candidates = [n for n in layer if n in weight]
        candidates.sort(
            key=lambda n: (-layer[n], -weight[n][0], fold(weight[n][1]), weight[n][1], n)
        )
        found.extend(candidates)
    return found[: max(limit, 0)], total


# -- paths -------------------------------------------------------------------------------


def intermediate_filter(
    node_type: Callable[[str], str | None], via: Sequence[str] = (), avoid: Sequence[str] = ()
) -> Callable[[str], bool]:
    """Which nodes a path may pass through: of a ``via`` type (if given), not avoided."""
    allowed_types = expand_types(via) if via else None
    avoided = frozenset(avoid)

    def allowed(node: str) -> bool:
        if node in avoided:
            return False
        return allowed_types is None or node_type(node) in allowed_types

    return allowed


def k_shortest_paths(
    neighbours: Callable[[str], Iterable[str]],
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 4,
    allowed: Callable[[str], bool] = lambda _n: True,
) -> list[list[str]]:
    """The ``k`` shortest simple paths from ``source`` to ``target`` (node id lists).

    Edges count in either direction (``neighbours`` must be symmetric). Paths are at most
    ``max_hops`` edges long and their intermediate nodes satisfy ``allowed``. Order:
    fewer hops first, then the sequence of node ids. Exact: paths are enumerated length
    by length in lexicographic order. The search meets in the middle: a BFS from the
    target, half a path deep, prunes the second half of every path walked from the source.
    """
    if k <= 0 or max_hops <= 0 or source == target:
        return []
    # Exact distance to the target through allowed intermediates, one BFS layer at a time.
    dist = {target: 0}
    frontier = [target]
    layers_done = 0  # every node within this distance is in ``dist``

    def deepen() -> None:
        nonlocal frontier, layers_done
        following: list[str] = []
        for node in frontier:
            if node != target and (node == source or not allowed(node)):
                continue  # an end point or a barred node: not a way through
            for other in neighbours(node):
                if other not in dist:
                    dist[other] = layers_done + 1
                    following.append(other)
        frontier = following
        layers_done += 1

    found: list[list[str]] = []
    path = [source]
    on_path = {source}

    def walk(node: str, remaining: int) -> bool:
        """Extend ``path`` by exactly ``remaining`` hops; True once ``k`` paths are found."""
        if remaining == 1:
            if target in neighbours(node):
                found.append([*path, target])
                return len(found) >= k
            return False
        need = remaining - 1
        # A node the BFS has not reached may still be close enough, unless the BFS went
        # that deep already or ran out of nodes.
        unknown_ok = need > layers_done and bool(frontier)
        steps = sorted(
            o
            for o in set(neighbours(node))
            if o != target and o not in on_path and (dist[o] <= need if o in dist else unknown_ok)
        )
        for other in steps:
            if not allowed(other):
                continue
            path.append(other)
            on_path.add(other)
            done = walk(other, remaining - 1)
            path.pop()
            on_path.discard(other)
            if done:
                return True
        return False

    for length in range(1, max_hops + 1):
        while layers_done < length // 2 and frontier:
            deepen()
        if source in dist:
            if dist[source] > length:
                continue
        elif not frontier:
            return found  # the target's component is exhausted without the source
        elif layers_done >= length:
            continue
        if walk(source, length):
            break
    return found
