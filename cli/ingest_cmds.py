"""``innograph extract`` and ``innograph ingest``: documents -> facts -> graph.

Exit status: 0 when every document went through, 1 when any failed (the others are
still printed or written), 2 for usage errors such as a path that does not exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from innograph.cli.common import StoreOption, fail, settings_from
from innograph.ingest.batch import Outcome, run_batch
from innograph.ingest.language import SUPPORTED_LANGUAGES
from innograph.ingest.readers import DEFAULT_MAX_BYTES, MEDIA_TYPES, iter_document_paths

if TYPE_CHECKING:
    from innograph.graph.store import GraphStore
    from innograph.graph.types import IngestResult
    from innograph.ingest.extractor import Extractor
    from innograph.ontology.facts import DocumentFacts

# Documents written to the store per transaction.
DEFAULT_BATCH_SIZE = 50

PathsArgument = Annotated[
    list[Path],
    typer.Argument(help=f"Files or folders of documents ({' '.join(sorted(MEDIA_TYPES))})."),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, max=64, help="Processes for extraction.")
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=f"Language of every document ({', '.join(SUPPORTED_LANGUAGES)}); "
        "detected per document if not given.",
        show_default=False,
    ),
]
MaxSizeOption = Annotated[
    float,
    typer.Option("--max-size", min=0.001, help="Largest document to read, in MB."),
]


def extract(
    paths: PathsArgument,
    workers: WorkersOption = 1,
    lang: LangOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / (1024 * 1024),
) -> None:
    """Extract entities and relations; print one contract JSON object per document.

    Failures go to stderr, one line each; the exit status is 1 if any document failed.
    """
    _check_paths(paths, lang)
    extractor = _extractor(None)
    failed = 0
    for outcome in _run(paths, extractor, workers, lang, max_size):
        if outcome.facts is None:
            failed += 1
            continue
        typer.echo(json.dumps(outcome.facts.to_contract(), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@dataclass
class IngestSummary:
    """What an ``ingest`` run did, for its closing line."""

    statuses: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    failed: int = 0
    nodes: int = 0
    relationships: int = 0

    def add(self, result: IngestResult) -> None:
        """Count one document's write."""
        self.statuses[result.status] = self.statuses.get(result.status, 0) + 1
        self.nodes += result.nodes
        self.relationships += result.relationships

    def line(self) -> str:
        """The summary, in one line."""
        done = sum(self.statuses.values())
        counts = ", ".join(f"{n} {status}" for status, n in self.statuses.items())
        return (
            f"ingested {done} document{'s' if done != 1 else ''} ({counts}, "
            f"{self.failed} failed): {self.nodes} node mentions and "
            f"{self.relationships} relationships written"
        )


def ingest(
    paths: PathsArgument,
    store: StoreOption = None,
    workers: WorkersOption = 1,
    lang: LangOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / (1024 * 1024),
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per store transaction.")
    ] = DEFAULT_BATCH_SIZE,
) -> None:
    """Extract facts from documents and write them into the graph store.

    New mentions resolve to the entities already in the graph. Each document is written
    whole or not at all; the exit status is 1 if any document failed.
    """
    from innograph.graph.errors import StoreUnavailable
    from innograph.graph.factory import open_store

    _check_paths(paths, lang)
    settings = settings_from(store)
    try:
        graph = open_store(settings)
    except StoreUnavailable as err:
        fail(str(err))
    summary = IngestSummary()
    try:
        extractor = _extractor(graph)
        stored = {d.source: d.content_hash for d in graph.documents()}
        pending: list[tuple[Path, DocumentFacts]] = []
        for outcome in _run(paths, extractor, workers, lang, max_size, stored):
            if outcome.unchanged:
                summary.statuses["unchanged"] += 1
                continue
            if outcome.facts is None:
                summary.failed += 1
                continue
            pending.append((outcome.path, outcome.facts))
            if len(pending) >= batch_size:
                _write(graph, pending, summary)
                pending = []
        _write(graph, pending, summary)
    except StoreUnavailable as err:
        typer.echo(summary.line() + " before the store failed", err=True)
        fail(str(err))
    finally:
        graph.close()
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)


def _write(
    graph: GraphStore, batch: list[tuple[Path, DocumentFacts]], summary: IngestSummary
) -> None:
    """Write a batch in one transaction; if a fact is invalid, write the documents one by
    one so that only the invalid ones are left out (each is all-or-nothing)."""
    from innograph.graph.errors import InvalidFact

    if not batch:
        return
    try:
        results = graph.upsert_documents([facts for _, facts in batch])
    except InvalidFact:
        results = []
        for path, facts in batch:
            try:
                results.append(graph.upsert_document(facts))
            except InvalidFact as err:
                summary.failed += 1
                _report(path, f"not written: {_one_line(str(err))}")
    for result in results:
        summary.add(result)


def _run(
    paths: list[Path],
    extractor: Extractor,
    workers: int,
    lang: str | None,
    max_size: float,
    stored: dict[str, str] | None = None,
) -> Iterator[Outcome]:
    """The batch's outcomes; failures reported on stderr as they come."""
    for outcome in run_batch(
        paths,
        extractor,
        workers=workers,
        lang=lang,
        max_bytes=int(max_size * 1024 * 1024),
        stored=stored,
    ):
        if outcome.error is not None:
            _report(outcome.path, outcome.error)
        yield outcome


def _report(path: Path, reason: str) -> None:
    typer.echo(f"innograph: {path}: {reason}", err=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_paths(paths: list[Path], lang: str | None) -> None:
    """Usage errors (exit 2): a path that does not exist, an unknown --lang."""
    for path in paths:
        if not path.exists():
            fail(f"{path}: no such file or folder", code=2)
    if lang is not None and lang not in SUPPORTED_LANGUAGES:
        fail(f"--lang {lang!r}: not one of {', '.join(SUPPORTED_LANGUAGES)}", code=2)
    if next(iter_document_paths(paths), None) is None:
        kinds = " ".join(sorted(set(MEDIA_TYPES)))
        fail(f"no documents ({kinds}) under {' '.join(map(str, paths))}")


def _extractor(graph: GraphStore | None) -> Extractor:
    """The extractor; with a graph, its resolver knows the entities already stored."""
    try:
        from innograph.ingest.extractor import Extractor
        from innograph.ingest.resolution import KnownEntity, Resolver
    except ImportError as err:  # the NLP pipeline is an optional part during development
        fail(f"the extraction pipeline is not available ({err})")
    if graph is None:
        return Extractor()
    known = [
        KnownEntity(
            canonical_id=node.id,
            type=node.type,
            name=node.name,
            aliases=tuple(node.properties.get("aliases") or ()),
        )
        for node in graph.iter_nodes()
    ]
    return Extractor(resolver=Resolver(known=known))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(extract)
    app.command()(ingest)
