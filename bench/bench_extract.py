"""Words per second of extraction next to the bare spaCy pipeline it runs on.

    python -m bench.bench_extract [--words 200000] [--repeat 1] [--shared ../shared] [--cli]

The corpus is the shared seeds and corpus texts, repeated (each copy a document of its
own) until it has at least ``--words`` words. Measured in the same run, on the same
texts:

- ``spacy_pipe``: ``nlp.pipe`` of each language's pipeline (``ingest.nlp``) alone;
- ``extract_w1`` / ``extract_w2``: ``Extractor.extract_many`` with 1 and 2 workers,
  plus turning each document into its contract JSON line, as ``innograph extract`` does;
- with ``--cli``: the ``innograph extract`` command itself over the files, 1 and 2 workers;
- per language (the real pages of corpus2, by the language SOURCES.md gives): words per
  second of that language's bare pipeline and of extraction on one core (issue #13:
  at least 1,500 words/s for English and Dutch).

The targets of issue #3: the extraction layer adds at most 30% on top of the pipeline
(``overhead_w1 <= 0.30``), and 2 workers beat 1 (``speedup_w2 > 1``). Results go to
bench/results/extract.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from innograph.ingest.reading.formats import SourceText

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "extract.json"


def build_corpus(shared: Path, min_words: int) -> list[SourceText]:
    """The shared texts, repeated as separate documents until there are ``min_words``."""
    from innograph.ingest.reading.formats import iter_document_paths, read_document

    originals = [
        read_document(p)
        for p in iter_document_paths([shared / "seeds", shared / "corpus"])
        if p.suffix == ".txt"
    ]
    if not originals:
        sys.exit(f"bench_extract: no texts under {shared}/seeds and {shared}/corpus")
    corpus, words, copy = [], 0, 0
    while words < min_words:
        for src in originals:
            corpus.append(
                dataclasses.replace(
                    src,
                    source=f"{src.source}#copy={copy}",
                    doc=f"c{copy:04d}_{src.doc}",
                    content_hash=f"{src.content_hash}-{copy}",
                )
            )
            words += len(src.text.split())
        copy += 1
    return corpus


def corpus_by_language(shared: Path, min_words: int) -> dict[str, list[str]]:
    """corpus2's texts per language, repeated until each has at least ``min_words`` words."""
    from innograph.ingest.reading.formats import read_document

    lang_of: dict[str, str] = {}
    for line in (shared / "corpus2" / "SOURCES.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].endswith(".txt"):
            lang_of[cells[0]] = cells[1]
    texts: dict[str, list[str]] = defaultdict(list)
    for name, lang in sorted(lang_of.items()):
        path = shared / "corpus2" / name
        if path.exists():
            texts[lang].append(read_document(path).text)
    out: dict[str, list[str]] = {}
    for lang, originals in texts.items():
        corpus: list[str] = []
        while sum(len(t.split()) for t in corpus) < min_words:
            corpus.extend(originals)
        out[lang] = corpus
    return out


def per_language(shared: Path, min_words: int) -> dict[str, dict[str, float]]:
    """Words/s per language: the bare pipeline and extraction, one process, same texts."""
    from innograph.ingest.extractor import Extractor
    from innograph.ingest.nlp import join_wrapped_lines, pipeline
    from innograph.ingest.reading.formats import SourceText

    out: dict[str, dict[str, float]] = {}
    for lang, texts in sorted(corpus_by_language(shared, min_words).items()):
        words = sum(len(t.split()) for t in texts)
        nlp = pipeline(lang)
        list(nlp.pipe([join_wrapped_lines(texts[0])]))  # warm up
        sources = [
            SourceText(f"d{i}.txt", f"d{i}.txt", t, str(i), "text/plain")
            for i, t in enumerate(texts)
        ]
        extractor = Extractor()
        extractor.extract(sources[0], lang=lang)
        started = time.perf_counter()
        list(nlp.pipe(join_wrapped_lines(t) for t in texts))
        bare = time.perf_counter() - started
        started = time.perf_counter()
        for source in sources:
            extractor.extract(source, lang=lang)
        full = time.perf_counter() - started
        out[lang] = {
            "words": words,
            "spacy_words_per_second": round(words / bare),
            "extract_words_per_second": round(words / full),
            "extract_over_spacy": round(full / bare, 2),
        }
    return out


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def spacy_pipe(corpus: list[SourceText]) -> None:
    """The pipelines alone: every text through its language's nlp.pipe."""
    from innograph.ingest.nlp import join_wrapped_lines, pipeline
    from innograph.ingest.reading.language import detect_language

    by_lang: dict[str, list[str]] = defaultdict(list)
    for src in corpus:
        by_lang[detect_language(src.text)].append(join_wrapped_lines(src.text))
    for lang, texts in by_lang.items():
        for _ in pipeline(lang).pipe(texts, batch_size=64):
            pass


def extract(corpus: list[SourceText], workers: int) -> None:
    """What ``innograph extract`` does in process: extract, then one JSON line each."""
    from innograph.ingest.extractor import Extractor

    with open(os.devnull, "w", encoding="utf-8") as sink:
        for facts in Extractor().extract_many(iter(corpus), workers=workers):
            sink.write(json.dumps(facts.to_contract(), ensure_ascii=False) + "\n")


def cli(corpus: list[SourceText], workers: int) -> float:
    """Seconds of the ``innograph extract`` command over the corpus written as files."""
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        for src in corpus:
            Path(tmp, src.doc).write_text(src.text, encoding="utf-8")
        exe = Path(sys.executable).with_name("innograph")
        command = [str(exe), "extract", tmp, "--workers", str(workers)]
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cli", action="store_true", help="also time the command itself")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best of each counts")
    parser.add_argument(
        "--language-words", type=int, default=20_000, help="words per language (0: skip)"
    )
    args = parser.parse_args(argv)

    corpus = build_corpus(args.shared, args.words)
    words = sum(len(src.text.split()) for src in corpus)
    # Warm up: load every pipeline once, so that no timing includes model loading.
    first_copy = [src for src in corpus if src.doc.startswith("c0000_")]
    spacy_pipe(first_copy)
    extract(first_copy, workers=1)

    runs: dict[str, Callable[[], object]] = {
        "spacy_pipe": lambda: spacy_pipe(corpus),
        "extract_w1": lambda: extract(corpus, workers=1),
        "extract_w2": lambda: extract(corpus, workers=2),
    }
    # Interleaved rounds, best of each: a busy machine slows every measure alike.
    seconds: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            seconds[name] = min(seconds.get(name, float("inf")), timed(run))
    if args.cli:
        seconds["cli_w1"] = cli(corpus, workers=1)
        seconds["cli_w2"] = cli(corpus, workers=2)
    result = {
        "benchmark": "extract",
        "words": words,
        "documents": len(corpus),
        "rounds": args.repeat,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "words_per_second": {k: round(words / v) for k, v in seconds.items()},
        # Ratios against the baseline measured in this same run.
        "overhead_w1": round(seconds["extract_w1"] / seconds["spacy_pipe"] - 1, 3),
        "speedup_w2": round(seconds["extract_w1"] / seconds["extract_w2"], 3),
        "targets": {
            "overhead_w1": "<= 0.30",
            "speedup_w2": "> 1.0",
            "extract_words_per_second (en, nl)": ">= 1500",
        },
    }
    if args.language_words:
        result["per_language"] = per_language(args.shared, args.language_words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
