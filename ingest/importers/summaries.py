"""Project summaries of a structured file as text documents for ``innograph ingest``.

Each non-empty cell of the chosen column becomes ``<file stem>-row-<n>.txt`` (the title
column, when given, as its first line), so that extraction reads them like any other
document and its facts meet the imported ones in one graph.
"""

from __future__ import annotations

from pathlib import Path

from innograph.ingest.importers.common import ImportReport, clean_row, iter_rows


class UnknownColumn(ValueError):
    """The file has no column of that name."""


def export_summaries(
    path: Path, column: str, out_dir: Path, *, title_column: str | None = None
) -> ImportReport:
    """Write the summaries of ``column`` as text files in ``out_dir``; what was written."""
    report = ImportReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = path.name.split(".")[0]
    for n, raw in iter_rows(path):
        report.rows += 1
        # HTML entities decoded, mangled characters warned, as every importer does.
        row = clean_row(raw, n, report)
        if column not in row:
            raise UnknownColumn(f"{path.name} has no column {column!r}")
        if title_column is not None and title_column not in row:
            raise UnknownColumn(f"{path.name} has no column {title_column!r}")
        text = row[column].replace("\ufffd", " ").strip()
        if not text:
            report.skip(n, "empty summary")
            continue
        title = row.get(title_column or "", "").strip()
        body = f"{title}\n\n{text}\n" if title else f"{text}\n"
        target = out_dir / f"{stem}-row-{n}.txt"
        # Unchanged files keep their bytes, so a second ingest sees the same documents.
        if not target.exists() or target.read_text(encoding="utf-8") != body:
            target.write_text(body, encoding="utf-8")
        report.documents += 1
    return report
