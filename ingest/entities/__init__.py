"""Entities: the spaCy components that find, type and group names, one small job each,
with the gazetteers and lexicons they read.

Importing this package registers the factories (``innograph_<name>_v1``); the order
in which a pipeline runs them is set in ``innograph.ingest.nlp``. Each component
reads and writes span groups on the one shared ``Doc``:

- ``innograph_line_sentences_v1``: each layout block (heading, list item, field, paragraph;
  ``innograph.ingest.reading``) starts a sentence; the blocks go to ``doc._.blocks``.
- ``innograph_gazetteer_v1``: names of known regions, programmes, organisations -> ``ig_gazetteer``.
- ``innograph_patterns_v1``: rule-found names (Interreg programmes, head nouns, events,
  long forms with acronyms, project cues, persons after role words) -> ``ig_patterns``.
- ``innograph_ner_candidates_v1``: the statistical NER's entities re-typed -> ``ig_ner``.
- ``innograph_weak_names_v1``: distinctive or mid-sentence capitalised names and list
  members, typed by their context -> ``ig_weak``.
- ``innograph_entities_v1`` (``assemble``; the grouping in ``grouping``): one
  non-overlapping set of typed mentions -> ``ig_entities``, grouped within the document
  (acronyms, short forms, variants): ``Span.id_`` is the group.
"""

from innograph.ingest.entities import (  # noqa: F401  (registers the factories)
    assemble,
    gazetteer_ruler,
    ner_candidates,
    patterns,
    sentences,
    weak,
)
from innograph.ingest.entities.spans import (  # noqa: E402
    SPAN_ENTITIES,
    SPAN_GAZETTEER,
    SPAN_NER,
    SPAN_PATTERNS,
    SPAN_WEAK,
)

__all__ = ["SPAN_ENTITIES", "SPAN_GAZETTEER", "SPAN_NER", "SPAN_PATTERNS", "SPAN_WEAK"]
