"""The batch runner: order kept, bad files reported, a crashing document isolated.

These tests use a small recording extractor so that the batch logic (ordering, failure
isolation, stream restarts) is checked exactly; the real extractor is exercised
through the CLI in test_cli_ingest.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from innograph.ingest.batch import Outcome, run_batch
from innograph.ingest.reading.formats import SourceText
from innograph.ontology.facts import DocumentFacts


class RecordingExtractor:
    """Facts with the document's text as title; raises on texts containing "BOOM"."""

    def __init__(self) -> None:
        self.stream_calls = 0
        self.single_calls: list[str] = []
        self.langs: list[str | None] = []

    def _facts(self, source: SourceText, lang: str | None) -> DocumentFacts:
        if "BOOM" in source.text:
            raise RuntimeError("the parser\nfell over")
        self.langs.append(lang)
        return DocumentFacts(
            doc=source.doc,
            source=source.source,
            content_hash=source.content_hash,
            lang=lang or "en",
            title=source.text,
        )

    def extract(self, source: SourceText, *, lang: str | None = None) -> DocumentFacts:
        self.single_calls.append(source.doc)
        return self._facts(source, lang)

    def extract_many(
        self, sources: Iterable[SourceText], *, workers: int = 1
    ) -> Iterator[DocumentFacts]:
        self.stream_calls += 1
        batch: list[SourceText] = []
        # Reads ahead like nlp.pipe does, so that failures and results interleave.
        for source in sources:
            batch.append(source)
            if len(batch) == 2:
                yield from (self._facts(s, None) for s in batch)
                batch = []
        yield from (self._facts(s, None) for s in batch)


def summary(outcomes: list[Outcome]) -> list[tuple[str, str]]:
    return [
        (o.path.name, o.facts.title or "" if o.facts is not None else f"ERR {o.error}")
        for o in outcomes
    ]


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_order_is_kept_and_bad_files_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "alpha")
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.txt", "gamma")
    write(tmp_path, "d.txt", b"\x00\x01")
    write(tmp_path, "e.txt", "epsilon")
    extractor = RecordingExtractor()
    outcomes = list(run_batch([tmp_path], extractor, progress=False))
    assert summary(outcomes) == [
        ("a.txt", "alpha"),
        ("b.txt", "ERR empty file"),
        ("c.txt", "gamma"),
        ("d.txt", "ERR binary file, not text (it contains NUL bytes)"),
        ("e.txt", "epsilon"),
    ]
    assert extractor.stream_calls == 1  # one stream for the whole batch
    assert [o.ok for o in outcomes] == [True, False, True, False, True]


def test_a_crashing_document_is_isolated(tmp_path: Path) -> None:
    for name, text in [("1.txt", "one"), ("2.txt", "two"), ("3.txt", "BOOM"), ("4.txt", "four")]:
        write(tmp_path, name, text)
    write(tmp_path, "5.txt", "five")
    extractor = RecordingExtractor()
    outcomes = list(run_batch([tmp_path], extractor, progress=False))
    names = summary(outcomes)
    assert [n for n, _ in names] == ["1.txt", "2.txt", "3.txt", "4.txt", "5.txt"]
    assert names[2][1] == "ERR extraction failed (RuntimeError: the parser fell over)"
    assert [t for _, t in names[:2] + names[3:]] == ["one", "two", "four", "five"]
    assert "3.txt" in extractor.single_calls


def test_all_failures_only(tmp_path: Path) -> None:
    write(tmp_path, "x.txt", b"")
    write(tmp_path, "y.txt", "BOOM")
    outcomes = list(run_batch([tmp_path], RecordingExtractor(), progress=False))
    assert [o.ok for o in outcomes] == [False, False]


def test_lang_is_passed_on(tmp_path: Path) -> None:
    write(tmp_path, "nl.txt", "tekst")
    extractor = RecordingExtractor()
    outcomes = list(run_batch([tmp_path], extractor, lang="nl", progress=False))
    assert outcomes[0].facts is not None and outcomes[0].facts.lang == "nl"
    assert extractor.langs == ["nl"]


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(3):
        write(tmp_path, f"{i}.txt", f"doc {i}")
    list(run_batch([tmp_path], RecordingExtractor(), progress=True))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0/3 [" in captured.err  # tqdm, drawn on stderr


def test_no_progress_bar_when_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(25):
        write(tmp_path, f"{i:02d}.txt", f"doc {i}")
    assert len(list(run_batch([tmp_path], RecordingExtractor()))) == 25
    assert capsys.readouterr().err == ""  # captured stderr is no terminal


def test_documents_stored_unchanged_are_not_extracted_again(tmp_path: Path) -> None:
    import hashlib

    write(tmp_path, "same.txt", "kept as it was")
    write(tmp_path, "edited.txt", "new words")
    stored = {  # stored under their names relative to the folder given
        f"{tmp_path.name}/same.txt": hashlib.sha256(b"kept as it was").hexdigest(),
        f"{tmp_path.name}/edited.txt": hashlib.sha256(b"old words").hexdigest(),
    }
    extractor = RecordingExtractor()
    outcomes = list(run_batch([tmp_path], extractor, progress=False, stored=stored))
    assert [(o.path.name, o.unchanged, o.ok) for o in outcomes] == [
        ("edited.txt", False, True),
        ("same.txt", True, True),
    ]
    assert outcomes[1].facts is None
    assert extractor.langs == [None]  # only the edited document went through extraction
