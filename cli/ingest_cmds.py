"""``innograph extract`` and ``innograph ingest``: documents -> facts -> graph.

Exit status: 0 when every document went through, 1 when any failed (the others are
still printed or written), 2 for usage errors such as a path that does not exist.
Folders are read without their README, SOURCES, LICENSE and CHANGELOG files (any
extension, any case), each named on stderr; a file named on the command line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innograph.cli.common import StoreOption, fail, settings_from
from innograph.ingest.batch import Outcome, run_batch
from innograph.ingest.reading.formats import (
    DEFAULT_MAX_BYTES,
    MEDIA_TYPES,
    ContainerLimits,
    iter_document_paths,
)
from innograph.ingest.reading.language import SUPPORTED_LANGUAGES

if TYPE_CHECKING:
    from innograph.config import Settings
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
MaxCharsOption = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        min=1,
        help="Longest text of one document, in characters; longer ones are refused "
        "(default: $INNOGRAPH_MAX_TEXT_CHARS or 2000000).",
        show_default=False,
    ),
]


def extract(
    paths: PathsArgument,
    workers: WorkersOption = 1,
    lang: LangOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / (1024 * 1024),
    max_chars: MaxCharsOption = None,
) -> None:
    """Extract entities and relations; print one contract JSON object per document.

    Failures go to stderr, one line each; the exit status is 1 if any document failed.
    """
    from innograph.ingest.extractor import Extractor

    _check_paths(paths, lang)
    extractor = Extractor()
    failed = 0
    limits = _Limits.of(settings_from(None), max_size, max_chars)
    for outcome in _run(paths, extractor, workers, lang, limits):
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
    max_chars: MaxCharsOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per store transaction.")
    ] = DEFAULT_BATCH_SIZE,
) -> None:
    """Extract facts from documents and write them into the graph store.

    New mentions resolve to the entities already in the graph. Each document is written
    whole or not at all. Folders are read without their README, SOURCES, LICENSE and
    CHANGELOG files (named on stderr); name one to read it.

    Exit status: 0 all documents done, 1 some document failed or the store failed,
    2 usage error (a path that does not exist, an unknown --lang).
    """
    from innograph.graph.errors import StoreUnavailable
    from innograph.graph.factory import open_store
    from innograph.service import extractor_for

    _check_paths(paths, lang)
    settings = settings_from(store)
    try:
        graph = open_store(settings)
    except StoreUnavailable as err:
        fail(str(err))
    summary = IngestSummary()
    try:
        stored = {d.source: d.content_hash for d in graph.documents()}
        extractor = extractor_for(graph)

        def extracted() -> Iterator[tuple[Path, DocumentFacts]]:
            limits = _Limits.of(settings, max_size, max_chars)
            for outcome in _run(paths, extractor, workers, lang, limits, stored):
                if outcome.unchanged:
                    summary.statuses["unchanged"] += 1
                elif outcome.facts is None:
                    summary.failed += 1
                else:
                    yield outcome.path, outcome.facts

        _write(graph, extracted(), summary, batch_size=batch_size)
    except StoreUnavailable as err:
        typer.echo(summary.line() + " before the store failed", err=True)
        fail(str(err))
    finally:
        graph.close()
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)


def _write(
    graph: GraphStore,
    documents: Iterable[tuple[Path, DocumentFacts]],
    summary: IngestSummary,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> None:
    """Write documents through the service's one path (batches, each document all or
    nothing); a document with an invalid fact is reported and left out."""
    from innograph.service import write_all

    paths_of: dict[str, Path] = {}

    def facts() -> Iterator[DocumentFacts]:
        for path, document in documents:
            paths_of[document.source] = path
            yield document

    def not_written(source: str, why: str) -> None:
        summary.failed += 1
        _report(paths_of.get(source, Path(source)), f"not written: {why}")

    def written(results: list[IngestResult]) -> None:
        for result in results:
            summary.add(result)

    write_all(graph, facts(), on_invalid=not_written, on_written=written, batch_size=batch_size)


@dataclass(frozen=True)
class _Limits:
    """What one document may be: file size, text length, its parser's memory and time."""

    max_bytes: int
    max_chars: int
    containers: ContainerLimits

    @classmethod
    def of(cls, settings: Settings, max_size: float, max_chars: int | None) -> _Limits:
        """The limits from the flags, else the settings (environment)."""
        return cls(
            max_bytes=int(max_size * 1024 * 1024),
            max_chars=max_chars if max_chars is not None else settings.max_text_chars,
            containers=ContainerLimits.within(settings.parse_memory_mb, settings.parse_seconds),
        )


def _run(
    paths: list[Path],
    extractor: Extractor,
    workers: int,
    lang: str | None,
    limits: _Limits,
    stored: dict[str, str] | None = None,
) -> Iterator[Outcome]:
    """The batch's outcomes; failures reported on stderr as they come."""
    for outcome in run_batch(
        paths,
        extractor,
        workers=workers,
        lang=lang,
        max_bytes=limits.max_bytes,
        max_chars=limits.max_chars,
        containers=limits.containers,
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
    bookkeeping: list[Path] = []
    # The whole walk (not just the first document): every skipped file is named.
    documents = list(iter_document_paths(paths, skipped=bookkeeping))
    named = {p.resolve() for p in paths if p.is_file()}
    for path in bookkeeping:
        if path.resolve() not in named:
            _report(path, "skipped: a README/SOURCES/LICENSE/CHANGELOG file (name it to read it)")
    if not documents:
        kinds = " ".join(sorted(set(MEDIA_TYPES)))
        fail(f"no documents ({kinds}) under {' '.join(map(str, paths))}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(extract)
    app.command()(ingest)
