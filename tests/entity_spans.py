"""The entity spans of a text through a language's pipeline, for the entity tests."""

from __future__ import annotations

import spacy

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import join_wrapped_lines, pipeline

_KEPT_DOCS: list[spacy.tokens.Doc] = []  # the spans of a Doc live only as long as the Doc


def entity_spans(lang: str, text: str) -> list[spacy.tokens.Span]:
    """The final entity spans of ``text`` through the language's pipeline (Doc kept alive)."""
    doc = pipeline(lang)(join_wrapped_lines(text))
    _KEPT_DOCS.append(doc)
    return list(doc.spans[SPAN_ENTITIES])


def groups_of(spans: list[spacy.tokens.Span]) -> dict[str, set[str]]:
    """The texts of the spans per document-level group (``Span.id_``)."""
    out: dict[str, set[str]] = {}
    for span in spans:
        out.setdefault(span.id_, set()).add(span.text)
    return out
