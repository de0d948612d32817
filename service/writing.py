"""Facts into the graph: resolution against what it holds, batched all-or-nothing writes."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from innograph.gc_pause import collector_paused
from innograph.graph.errors import InvalidFact
from innograph.graph.store import GraphStore
from innograph.graph.types import IngestResult
from innograph.ontology.facts import DocumentFacts

if TYPE_CHECKING:  # ingest loads spaCy and the gazetteers: imported when first needed
    from innograph.ingest.extractor import Extractor
    from innograph.ingest.importers.common import ImportReport, NameResolver
    from innograph.ingest.resolution import KnownEntity

# Documents written per store transaction: large enough to amortise a commit (a batch's
# rows land all over the store's indexes, so each commit rewrites thousands of pages;
# fewer, larger batches rewrite fewer in all), small enough to keep memory flat.
BATCH_SIZE = 5000

OnInvalid = Callable[[str, str], None]
# Node properties that identify what a node is: two different values are two things.
IDENTIFIER_SCHEMES = ("pic", "cordis_id")


@dataclass
class WriteSummary:
    """Counts of the documents written, by status, and of those left out."""

    statuses: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    failed: int = 0

    def count(self, results: Iterable[IngestResult]) -> None:
        """Count written documents (the stores' IngestResults) by status."""
        for result in results:
            self.statuses[result.status] = self.statuses.get(result.status, 0) + 1

    def reject(self, source: str, why: str, on_invalid: OnInvalid | None) -> None:
        """Count a document left out as invalid and tell ``on_invalid`` why, in one line."""
        self.failed += 1
        if on_invalid is not None:
            on_invalid(source, " ".join(why.split()))

    def line(self, report: ImportReport) -> str:
        """The closing line of an import."""
        statuses = dict(self.statuses)
        statuses["unchanged"] = statuses.get("unchanged", 0) + report.unchanged
        counts = ", ".join(f"{n} {status}" for status, n in statuses.items())
        skipped = sum(report.skipped.values())
        return (
            f"imported {report.documents + report.unchanged} of {report.rows} rows ({counts}; "
            f"{skipped} skipped, {self.failed} not written)"
        )


def known_entities(store: GraphStore) -> Iterator[KnownEntity]:
    """The graph's entities as the resolver knows them (id, type, name, aliases)."""
    from innograph.ingest.resolution import KnownEntity

    for node in store.iter_nodes():
        props = node.properties
        aliases = tuple(props.get("aliases") or ())
        identifiers = tuple(
            (scheme, str(props[scheme])) for scheme in IDENTIFIER_SCHEMES if props.get(scheme)
        )
        yield KnownEntity(
            canonical_id=node.id,
            type=node.type,
            name=node.name,
            aliases=aliases,
            identifiers=identifiers,
            country=str(props.get("country") or ""),
        )


def extractor_for(store: GraphStore | None) -> Extractor:
    """An extractor; with a store, its resolver knows the entities already stored, so
    that a new document's names join the existing nodes."""
    from innograph.ingest.extractor import Extractor
    from innograph.ingest.resolution import Resolver

    if store is None:
        return Extractor()
    return Extractor(resolver=Resolver(known=list(known_entities(store))))


def name_resolver_for(store: GraphStore) -> NameResolver:
    """The importers' resolver: the graph's entities with their PICs and countries;
    identifiers, identity keys and acronyms, no fuzzy scan."""
    from innograph.ingest.importers.common import NameResolver
    from innograph.ingest.resolution import Resolver

    return NameResolver(Resolver(known=known_entities(store), fuzzy=False))


def write_all(
    store: GraphStore,
    documents: Iterable[DocumentFacts],
    *,
    on_invalid: OnInvalid | None = None,
    on_written: Callable[[list[IngestResult]], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> WriteSummary:
    """Write ``documents`` in batches, each in one transaction.

    A batch with an invalid fact is written document by document so that only the
    invalid ones stay out (each all or nothing); ``on_invalid(source, why)`` hears of
    each. ``on_written`` gets every batch's results as they are stored.
    """
    summary = WriteSummary()
    batch: list[DocumentFacts] = []

    def flush() -> None:
        if not batch:
            return
        try:
            results = store.upsert_documents(batch)
        except InvalidFact:
            results = []
            for facts in batch:
                try:
                    results.append(store.upsert_document(facts))
                except InvalidFact as err:
                    summary.reject(facts.source, str(err), on_invalid)
        summary.count(results)
        if on_written is not None:
            on_written(results)
        batch.clear()
        gc.collect(1)

    # A batch holds tens of thousands of live objects; the collector would rescan the
    # gazetteer and the resolver's names over and over (a quarter of an import's time).
    # Each batch still ends with a young collection, so a cycle made by a row cannot pile up.
    with collector_paused():
        for facts in documents:
            batch.append(facts)
            if len(batch) >= batch_size:
                flush()
        flush()
    return summary


def bulk_write(
    store: GraphStore,
    documents: Iterator[DocumentFacts],
    *,
    on_invalid: OnInvalid | None = None,
) -> WriteSummary:
    """Write ``documents`` into an empty store with its bulk load; invalid ones are
    reported and left out, as :func:`write_all` does."""
    summary = WriteSummary()
    summary.count(
        store.bulk_load(
            documents, on_invalid=lambda source, why: summary.reject(source, why, on_invalid)
        )
    )
    return summary
