"""Helpers of the importer tests: slices of the real files, the CLI, the store."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from pathlib import Path

from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore

runner = CliRunner()


def read_rows(path: Path, limit: int | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """Header and the first ``limit`` rows of a CSV (gz by suffix), plain csv module."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = []
        for row in reader:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
        return list(reader.fieldnames or []), rows


def write_rows(
    path: Path, header: list[str], rows: Iterable[dict[str, str]], delimiter: str = ","
) -> Path:
    """Write rows as a CSV with ``header``."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, header, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(*args: str) -> tuple[int, str, str]:
    """``innograph import ARGS``: exit code, stdout, stderr."""
    result = runner.invoke(app, ["import", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def open_graph(store: Path) -> EmbeddedStore:
    """The embedded store a test imported into."""
    return EmbeddedStore(store)
