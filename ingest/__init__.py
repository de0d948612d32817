"""Documents and structured data in, facts out: the ingest pipeline.

It reads as the data flows:

- ``reading``: files of every format to clean text (``read_document``), the language,
  and the text's structure (headings, list items, "Label: value" fields);
- ``nlp``: the spaCy pipeline of each language, with the components of ``entities``;
- ``entities``: names found by gazetteers, rules and statistical NER, typed from their
  context, grouped into one entity per thing in a document;
- ``relations``: cue rules propose, a learned model decides which relations the text
  states, with their grants and budgets;
- ``resolution``: canonical ids across documents;
- ``importers``: CORDIS, ESIF, EFRO and ERDF rows as facts.

The entry point is :class:`Extractor` (one document, or many in worker processes) and
``run_batch`` for files and folders; writing facts into a graph is ``innograph.service``'s
job. Names are imported lazily, so that ``import innograph.ingest`` loads no spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from innograph.ingest.batch import Outcome, run_batch
    from innograph.ingest.extractor import Extractor
    from innograph.ingest.reading.formats import ReadError, SourceText, read_document

__all__ = ["Extractor", "Outcome", "ReadError", "SourceText", "read_document", "run_batch"]

_HOMES = {
    "Extractor": "innograph.ingest.extractor",
    "Outcome": "innograph.ingest.batch",
    "run_batch": "innograph.ingest.batch",
    "ReadError": "innograph.ingest.reading.formats",
    "SourceText": "innograph.ingest.reading.formats",
    "read_document": "innograph.ingest.reading.formats",
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use."""
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'innograph.ingest' has no attribute {name!r}")
