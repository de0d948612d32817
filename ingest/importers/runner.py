"""Writing imported rows: in batches, all-or-nothing per row, resolving against the graph.

The runner knows no store class: it takes any object with ``upsert_documents`` (the
GraphStore protocol lives in ``graph``, which ingest does not import).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from innograph.collector import collector_paused
from innograph.ingest.importers.common import ImportReport, NameResolver
from innograph.ingest.resolution import KnownEntity, Resolver
from innograph.ontology.facts import DocumentFacts

# Rows written per store transaction: large enough to amortise a commit (a batch's rows
# land all over the store's indexes, so each commit rewrites thousands of pages; fewer,
# larger batches rewrite fewer in all), small enough to keep memory flat.
BATCH_SIZE = 5000


class DocumentWriter(Protocol):
    """What the runner needs of a store."""

    def upsert_documents(self, batch: Sequence[DocumentFacts]) -> list[Any]: ...

    def upsert_document(self, facts: DocumentFacts) -> Any: ...


class BulkWriter(Protocol):
    """What a bulk import needs of a store."""

    def bulk_load(
        self, documents: Iterable[DocumentFacts], *, on_invalid: Callable[[str, str], None]
    ) -> list[Any]: ...


@dataclass
class WriteSummary:
    """Counts of the documents written, by status."""

    statuses: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    failed: int = 0

    def count(self, results: Iterable[Any]) -> None:
        """Count written documents (the stores' IngestResults) by status."""
        for result in results:
            self.statuses[result.status] = self.statuses.get(result.status, 0) + 1

    def reject(self, source: str, why: str, on_invalid: Callable[[str, str], None] | None) -> None:
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


def name_resolver(known: Iterable[KnownEntity]) -> NameResolver:
    """A resolver that knows the graph's entities; exact and acronym matches only."""
    return NameResolver(Resolver(known=known, fuzzy=False))


def write_all(
    store: DocumentWriter,
    documents: Iterator[DocumentFacts],
    *,
    invalid: type[Exception],
    on_invalid: Callable[[str, str], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> WriteSummary:
    """Write ``documents`` in batches. A batch with an invalid fact (``invalid`` is the
    store's InvalidFact) is written row by row so that only the invalid rows stay out."""
    summary = WriteSummary()
    batch: list[DocumentFacts] = []

    def flush() -> None:
        if not batch:
            return
        try:
            results = store.upsert_documents(batch)
        except invalid:
            results = []
            for facts in batch:
                try:
                    results.append(store.upsert_document(facts))
                except invalid as err:
                    summary.reject(facts.source, str(err), on_invalid)
        summary.count(results)
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
    store: BulkWriter,
    documents: Iterator[DocumentFacts],
    *,
    on_invalid: Callable[[str, str], None] | None = None,
) -> WriteSummary:
    """Write ``documents`` into an empty store with its bulk load; invalid rows are
    reported and left out, as :func:`write_all` does."""
    summary = WriteSummary()
    summary.count(
        store.bulk_load(
            documents, on_invalid=lambda source, why: summary.reject(source, why, on_invalid)
        )
    )
    return summary
