"""Run the extractor over many documents: one bad file is reported, the batch goes on.

Documents are read lazily and handed to ``Extractor.extract_many`` as one stream (so
that its worker processes start once); outcomes come back in the order of the paths,
each either the document's facts or the one-line reason it failed.
"""

from __future__ import annotations

import inspect
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from innograph.ingest.reading.formats import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    ContainerLimits,
    ReadError,
    SourceText,
    iter_documents,
    read_document,
)
from innograph.ontology.facts import DocumentFacts

# Below this many documents a run is short: no progress bar even on a terminal.
PROGRESS_MIN_DOCUMENTS = 20


class DocumentExtractor(Protocol):
    """What the batch needs of an extractor (``innograph.ingest.extractor.Extractor``)."""

    def extract(self, source: SourceText, *, lang: str | None = None) -> DocumentFacts:
        """Facts of one document."""
        ...

    def extract_many(
        self, sources: Iterable[SourceText], *, workers: int = 1
    ) -> Iterator[DocumentFacts]:
        """Facts of many documents, in order."""
        ...


@dataclass(frozen=True)
class Outcome:
    """What became of one document: its facts, or the reason it failed."""

    path: Path
    facts: DocumentFacts | None = None
    error: str | None = None
    # Already stored with the same content: not extracted again (see ``stored``).
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        """True when the document was read and extracted (or is stored unchanged)."""
        return self.error is None


def run_batch(
    paths: Sequence[Path],
    extractor: DocumentExtractor,
    *,
    workers: int = 1,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    containers: ContainerLimits | None = None,
    progress: bool | None = None,
    stored: Mapping[str, str] | None = None,
) -> Iterator[Outcome]:
    """Read and extract every document under ``paths`` (files or folders), in order.

    ``max_bytes``, ``max_chars`` and ``containers`` bound what one document may be
    (file size, decoded text length, the PDF/DOCX parser's memory and time); a document
    past them fails with the reason, and the batch goes on.

    ``progress`` None shows a bar on stderr for long runs when stderr is a terminal.
    ``stored`` maps sources already in the graph to their content hash: a document
    read with the same source and hash is not extracted again (``unchanged``).
    """
    documents = list(iter_documents(paths))
    show = _progress_wanted(progress, len(documents))
    bar = _progress_bar(len(documents)) if show else None
    try:
        reader = _Reader(max_bytes, max_chars, containers)
        for outcome in _outcomes(documents, extractor, workers, lang, reader, stored or {}):
            if bar is not None:
                bar.update(1)
            yield outcome
    finally:
        if bar is not None:
            bar.close()


@dataclass(frozen=True)
class _Reader:
    """``read_document`` with the batch's limits."""

    max_bytes: int
    max_chars: int | None
    containers: ContainerLimits | None

    def read(self, path: Path, *, source: str | None = None) -> SourceText:
        """The document at ``path``, known as ``source``; ReadError if it cannot be read
        within the limits."""
        return read_document(
            path,
            max_bytes=self.max_bytes,
            max_chars=self.max_chars,
            containers=self.containers,
            source=source,
        )


def _progress_wanted(progress: bool | None, count: int) -> bool:
    if progress is not None:
        return progress
    return count >= PROGRESS_MIN_DOCUMENTS and sys.stderr.isatty()


class _ProgressBar(Protocol):
    """What the import uses of a tqdm bar."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


def _progress_bar(total: int) -> _ProgressBar:
    from tqdm import tqdm

    bar: _ProgressBar = tqdm(
        total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False
    )
    return bar


def _outcomes(
    documents: list[tuple[Path, str]],
    extractor: DocumentExtractor,
    workers: int,
    lang: str | None,
    reader: _Reader,
    stored: Mapping[str, str],
) -> Iterator[Outcome]:
    # Read failures (and unchanged documents) wait here until the documents before
    # them have come out.
    failed: deque[tuple[int, Outcome]] = deque()
    # Sources handed to the extractor and not yet answered, in order.
    pending: deque[tuple[int, Path, SourceText]] = deque()

    def sources(start: int) -> Iterator[SourceText]:
        for index in range(start, len(documents)):
            path, name = documents[index]
            try:
                source = reader.read(path, source=name)
            except ReadError as err:
                failed.append((index, Outcome(path, error=err.reason)))
                continue
            except Exception as err:  # noqa: BLE001 - a parser's surprise is this file's failure
                failed.append((index, Outcome(path, error=f"cannot be read ({_describe(err)})")))
                continue
            if stored.get(source.source) == source.content_hash:
                failed.append((index, Outcome(path, unchanged=True)))
                continue
            pending.append((index, path, source))
            yield source

    def release_failures(before: int) -> Iterator[Outcome]:
        while failed and failed[0][0] < before:
            yield failed.popleft()[1]

    feed = sources(0)
    streamed = True  # did the last stream give at least one document?
    while True:
        if not streamed:
            # The stream failed before giving anything: go on one document at a time.
            for source in feed:
                index, path, _ = pending.popleft()
                yield from release_failures(index)
                yield _extract_one(extractor, path, source, lang)
            break
        streamed = False
        try:
            for facts in _extract_stream(extractor, feed, workers, lang):
                streamed = True
                index, path, _ = pending.popleft()
                yield from release_failures(index)
                yield Outcome(path, facts=facts)
            break
        except Exception:  # noqa: BLE001 - one document's crash must not end the batch
            # The stream broke somewhere among the pending documents: redo them one by
            # one to find the culprit, then go on with a fresh stream.
            while pending:
                index, path, source = pending.popleft()
                yield from release_failures(index)
                outcome = _extract_one(extractor, path, source, lang)
                streamed = streamed or outcome.ok
                yield outcome
    yield from release_failures(len(documents) + 1)


def _extract_stream(
    extractor: DocumentExtractor,
    sources: Iterator[SourceText],
    workers: int,
    lang: str | None,
) -> Iterator[DocumentFacts]:
    if lang is None:
        return extractor.extract_many(sources, workers=workers)
    if "lang" in inspect.signature(extractor.extract_many).parameters:
        return extractor.extract_many(sources, workers=workers, lang=lang)  # type: ignore[call-arg]
    return (extractor.extract(source, lang=lang) for source in sources)


def _extract_one(
    extractor: DocumentExtractor, path: Path, source: SourceText, lang: str | None
) -> Outcome:
    try:
        return Outcome(path, facts=extractor.extract(source, lang=lang))
    except Exception as err:  # noqa: BLE001 - reported as this document's failure
        return Outcome(path, error=f"extraction failed ({_describe(err)})")


def _describe(err: BaseException) -> str:
    """An exception in one line: its type and the start of its message."""
    message = " ".join(str(err).split())
    return f"{type(err).__name__}: {message[:160]}" if message else type(err).__name__
