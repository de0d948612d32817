"""The application service: documents or rows in, facts resolved against the graph, written.

One path from facts to the graph, used by the command line (``innograph ingest``,
``innograph import``), the upload route (``POST /api/documents``) and the benchmarks:

- :func:`extractor_for` an Extractor whose resolver knows the graph's entities, and
  :func:`name_resolver_for` the resolver the importers use (identifiers, identity
  keys, no fuzzy scan);
- :func:`write_all` writes facts in batches, each document all or nothing, an invalid
  one reported and left out; :func:`bulk_write` loads an empty graph at once;
- :class:`WriteSummary` counts what was written.

It sits above ``ingest`` and ``graph`` (which know nothing of each other) and below
``api`` and ``cli``.
"""

from innograph.service.writing import (
    BATCH_SIZE,
    WriteSummary,
    bulk_write,
    extractor_for,
    known_entities,
    name_resolver_for,
    write_all,
)

__all__ = [
    "BATCH_SIZE",
    "WriteSummary",
    "bulk_write",
    "extractor_for",
    "known_entities",
    "name_resolver_for",
    "write_all",
]
