"""Peak memory of extracting one document, per MB of its text (issue #17).

    python -m bench.bench_input_memory [--sizes 0.25,0.5,1,2] [--shared ../shared]

Each size is one English text document of that many MB, built from the shared seeds
and corpus texts repeated; each is extracted (``Extractor.extract``, the pipeline
already loaded) in a fresh child process, whose own peak resident memory (``VmHWM``;
Linux keeps ``ru_maxrss`` across exec, which would report a large parent's peak) is
reported next to that of a child that only loads the pipeline. Memory should not grow
with the text: the extractor runs spaCy one piece of the text at a time. Results go to
bench/results/input_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "input_memory.json"

# Run in the child: load the pipeline (and, given a file, extract it); print peak RSS.
CHILD = """
import sys, time
from innograph.ingest.extractor import Extractor
from innograph.ingest.nlp import pipeline
from innograph.ingest.reading.containers import own_peak_bytes
from innograph.ingest.reading.formats import read_document
pipeline("en")
started = time.perf_counter()
if len(sys.argv) > 1:
    source = read_document(sys.argv[1], max_chars=None)
    facts = Extractor().extract(source, lang="en")
print(own_peak_bytes() // 1024, time.perf_counter() - started)
"""


def text_of_size(shared: Path, megabytes: float) -> str:
    """English-ish text of ``megabytes`` MB: the shared texts, repeated."""
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("seeds", "corpus")
        for p in sorted((shared / folder).glob("*.txt"))
    ]
    if not texts:
        sys.exit(f"bench_input_memory: no texts under {shared}/seeds and {shared}/corpus")
    target = int(megabytes * 1024 * 1024)
    parts, size = [], 0
    while size < target:
        for text in texts:
            parts.append(text)
            size += len(text.encode())
            if size >= target:
                break
    return "\n\n".join(parts).encode()[:target].decode(errors="ignore")


def peak_of(path: Path | None) -> tuple[float, float]:
    """(peak RSS in MB, seconds of extraction) of a child extracting ``path``."""
    args = [sys.executable, "-c", CHILD] + ([str(path)] if path else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    kib, seconds = out.split()
    return int(kib) / 1024, float(seconds)


def main() -> None:
    """Measure and write bench/results/input_memory.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,2", help="MB of text, comma-separated")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    baseline, _ = peak_of(None)
    print(f"pipeline loaded, no document: {baseline:.0f} MB")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in (float(s) for s in args.sizes.split(",")):
            path = Path(tmp, f"text-{megabytes}.txt")
            path.write_text(text_of_size(args.shared, megabytes), encoding="utf-8")
            peak, seconds = peak_of(path)
            row = {
                "text_mb": megabytes,
                "peak_mb": round(peak),
                "added_mb": round(peak - baseline),
                "added_mb_per_text_mb": round((peak - baseline) / megabytes),
                "seconds": round(seconds, 1),
            }
            rows.append(row)
            print(
                f"{megabytes:5.2f} MB text: peak {peak:6.0f} MB (+{peak - baseline:4.0f} MB, "
                f"{row['added_mb_per_text_mb']} MB per MB of text), {seconds:.0f} s"
            )
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": os.getloadavg()[0],
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "baseline_mb": round(baseline),
        "sizes": rows,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
