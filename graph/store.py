"""The one interface of the graph store; the embedded and the Neo4j backends implement it.

Both backends must give the same answers: ``tests/test_store_contract.py`` runs one
suite against each. Ids are canonical ids (``innograph.ontology.ids``); types are the
contract's names (``innograph.ontology.terms``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from innograph.graph.types import (
    CollaboratorPage,
    DocumentInfo,
    Edge,
    EntityDetail,
    GraphStats,
    IngestResult,
    Node,
    PartnershipPath,
    Subgraph,
)
from innograph.ontology.facts import DocumentFacts, MergeRecord

# Node types that make two organisations partners when both are linked to one of them.
SHARED_ITEM_TYPES: tuple[str, ...] = ("Project", "S3Platform", "Event")
# Relations that link an organisation to a shared item.
PARTNERSHIP_RELATIONS: tuple[str, ...] = ("LEADS", "PARTICIPATES_IN")
# Told of each document a bulk load leaves out: (source, reason).
OnInvalid = Callable[[str, str], None]


@runtime_checkable
class GraphStore(Protocol):
    """What every backend offers. All methods are safe to call from several threads."""

    # -- writing ---------------------------------------------------------------
    def upsert_document(self, facts: DocumentFacts) -> IngestResult:
        """Write one document's facts with provenance, in one transaction.

        Unchanged content hash: nothing changes ("unchanged"). Changed content: the
        document's previous facts are replaced by these, and only those ("updated").
        Raises InvalidFact (writing nothing) if a type or relation is not in the ontology.
        """
        ...

    def upsert_documents(self, batch: Sequence[DocumentFacts]) -> list[IngestResult]:
        """Write many documents; each is all-or-nothing."""
        ...

    def bulk_load(
        self, documents: Iterable[DocumentFacts], *, on_invalid: OnInvalid | None = None
    ) -> list[IngestResult]:
        """Load many documents into an empty graph, the fastest way the backend has.

        The graph ends as upserting the documents in order would leave it (a source given
        twice keeps its last version) and the results are the ones upserts would give. A
        graph that holds data is refused (GraphError). An invalid document raises
        InvalidFact before anything is written, or, given ``on_invalid``, is reported to
        it as (source, reason) and left out.
        """
        ...

    def remove_source(self, source: str) -> bool:
        """Retract one document's facts; nodes and relationships that other documents
        still support stay. False if the source was not in the graph."""
        ...

    # -- reading ---------------------------------------------------------------
    def get_entity(self, entity_id: str) -> EntityDetail:
        """An entity with its relations and provenance; EntityNotFound if absent."""
        ...

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        ...

    def search(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[Node]:
        """Entities by name or alias: case- and accent-insensitive, exact, then prefix,
        then substring, then fuzzy; ranked best first."""
        ...

    def neighbourhood(
        self, entity_id: str, *, depth: int = 1, types: Sequence[str] = (), limit: int = 200
    ) -> Subgraph:
        """Nodes within ``depth`` hops (edges in either direction), optionally only nodes
        of ``types`` (the centre always included), capped at ``limit`` nodes nearest first."""
        ...

    def collaborators(
        self,
        org_id: str,
        *,
        country: str | None = None,
        org_types: Sequence[str] = (),
        programme: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = "-shared",
        offset: int = 0,
        limit: int | None = 50,
    ) -> CollaboratorPage:
        """Organisations sharing a project, S3 platform or event with ``org_id``: the page
        at ``offset``, ``limit`` long (None: the rest), with the total that match.

        Each with the shared items, how many are projects, the first and last year of
        their dates, and the partner's summed EC contribution to them (the ``amount_eur``
        of its LEADS/PARTICIPATES_IN edges) where known. ``country`` keeps partners of
        that country, ``org_types`` partners of those types (ontology types or CORDIS
        activity types: PRC, HES ...); ``programme`` keeps shared projects funded by
        that programme id, ``since``/``until`` (ISO dates) items active then. ``sort``:
        shared (the default, most first), name, country, first_year, last_year or
        contribution, ``-`` before it for descending; unknown values last, ties by shared
        items then name (see :mod:`innograph.graph.collaborators`); ValueError for
        another ``sort``."""
        ...

    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        k: int = 3,
        max_hops: int = 4,
        via: Sequence[str] = (),
        avoid: Sequence[str] = (),
        relations: Sequence[str] = (),
    ) -> list[PartnershipPath]:
        """The k shortest simple paths (edges in either direction) between two entities, at
        most ``max_hops`` long; never through ``avoid`` ids. Shortest first; ties in a
        stable order (by node ids).

        Partnership paths by default: intermediate nodes only of the partnership types
        (organisations, projects, S3 platforms, events) along the partnership relations
        (LEADS, PARTICIPATES_IN, MEMBER_OF, COLLABORATES_WITH), never a Region or a
        FundingProgramme. ``via`` names the intermediate types instead, and opens the
        relations that reach them; ``relations`` names the relations exactly (see
        :func:`innograph.graph.partnership.path_scope`)."""
        ...

    def stats(self) -> GraphStats:
        """Counts of nodes by type, relationships by type, and documents."""
        ...

    def documents(self) -> list[DocumentInfo]:
        """All source documents in the graph."""
        ...

    def merges(self, *, refusals: bool = False) -> list[MergeRecord]:
        """The merge log: every name taken to be an existing canonical entity; with
        ``refusals`` also every refusal to merge (``MergeRecord.refused``), with its reason."""
        ...

    # -- streaming, for export and analytics -------------------------------------
    def iter_nodes(self, *, types: Sequence[str] = ()) -> Iterator[Node]:
        """Every entity node (optionally of some types), streamed."""
        ...

    def iter_edges(self, *, types: Sequence[str] = ()) -> Iterator[Edge]:
        """Every relationship (optionally of some types), streamed, with provenance."""
        ...

    def version(self) -> str:
        """An opaque token that changes whenever the graph changes (for caches)."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...
