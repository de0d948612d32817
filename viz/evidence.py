"""The evidence of a relation as the pages show it: a sentence with its document, or an
imported row as its fields and its source.

An importer's evidence names the row and the fields a fact rests on
(``ontology.evidence``): it is shown as a small definition list under "file.csv, row 7",
never as the file and row twice. Rows of one file with the same fields (a CSV that
repeats a row) are shown once, with all their row numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from innograph.graph.types import Provenance
from innograph.ontology.evidence import parse_row_evidence
from innograph.viz.model import MAX_EVIDENCE_CHARS, MAX_EVIDENCE_LINES
from innograph.viz.templating import environment


@dataclass(slots=True)
class RowItem:
    """One imported row (or several identical ones) of a file."""

    doc: str
    rows: list[int]
    fields: tuple[tuple[str, str], ...]
    kind: str = "row"


@dataclass(slots=True)
class SentenceItem:
    """A sentence of a document, with how sure the extractor was."""

    text: str
    document: str
    confidence: float
    kind: str = "sentence"


EvidenceItem = RowItem | SentenceItem


def _shorten(text: str, limit: int = MAX_EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence_items(provenance: Sequence[Provenance]) -> list[EvidenceItem]:
    """The provenance of a relation as items to show, in order; identical rows of a file
    (same fields) and repeated sentences of a document are one item."""
    items: list[EvidenceItem] = []
    rows: dict[tuple[str, tuple[tuple[str, str], ...]], RowItem] = {}
    sentences: set[tuple[str, str]] = set()
    for prov in provenance:
        row = parse_row_evidence(prov.evidence, prov.document) if prov.evidence else None
        if row is not None:
            key = (row.doc, row.fields)
            same = rows.get(key)
            if same is None:
                rows[key] = RowItem(row.doc, [row.row], row.fields)
                items.append(rows[key])
            elif row.row not in same.rows:
                same.rows.append(row.row)
            continue
        if (prov.evidence, prov.document) in sentences:
            continue
        sentences.add((prov.evidence, prov.document))
        items.append(SentenceItem(_shorten(prov.evidence), prov.document, prov.confidence))
    return items


@dataclass(slots=True)
class EvidenceView:
    """What a page shows of a relation's evidence: the first items and how many more."""

    items: list[EvidenceItem]
    more: int = 0


def evidence_view(
    provenance: Sequence[Provenance], *, limit: int = MAX_EVIDENCE_LINES
) -> EvidenceView:
    """The first ``limit`` evidence items of a relation, for the ``evidence`` macro of
    ``templates/evidence.html`` (a page renders all its relations' evidence in one go)."""
    items = evidence_items(provenance)
    return EvidenceView(items[:limit], max(0, len(items) - limit))


def evidence_html(
    provenance: Sequence[Provenance], *, limit: int = MAX_EVIDENCE_LINES, compact: bool = False
) -> Markup:
    """The evidence of one relation as HTML on its own (the macro, autoescaped);
    ``compact`` folds a row's fields under its source (``<details>``)."""
    macro = environment().get_template("evidence.html").module.evidence  # type: ignore[attr-defined]
    html: str = macro(evidence_view(provenance, limit=limit), compact=compact)
    return Markup(html.strip())


def evidence_text(prov: Provenance) -> str:
    """One provenance as one line of plain text (for tooltips): an imported row as its
    evidence says it ("file.csv row 7: role=coordinator; ..."), a sentence in quotes with
    its document and confidence."""
    if prov.evidence and parse_row_evidence(prov.evidence, prov.document) is not None:
        return _shorten(prov.evidence)
    sentence = _shorten(prov.evidence) if prov.evidence else "(no sentence recorded)"
    return f"“{sentence}” — {prov.document} ({prov.confidence:.2f})"
