"""``innograph_gazetteer_v1``: every name of a known thing, found with PhraseMatchers.

One-word names and acronyms match case-sensitively (an "Agoria" is not "agoria");
longer names match case-insensitively but must start with a capital or a digit, so that
Dutch running text ("de punt") does not match a registry name ("De Punt").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.spans import SPAN_GAZETTEER, is_acronym


class GazetteerRuler:
    """Marks gazetteer names as spans labelled with their type; ``kb_id_`` is the key."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}
        for entry in gazetteer().names():
            if entry.common_in and (
                nlp.lang in entry.common_in
                or nlp.lang not in ("en", "nl")
                or " " in entry.name  # "University of Applied Sciences": generic anywhere
            ):
                continue
            label = f"{entry.type}\t{entry.key}"
            if " " not in entry.name.strip() and "-" not in entry.name or is_acronym(entry.name):
                variants = {entry.name, entry.name[:1].upper() + entry.name[1:]}
                if entry.name.isupper() and len(entry.name) > 5:
                    variants.add(entry.name.title())
                exact.setdefault(label, []).extend(variants)
            else:
                folded.setdefault(label, []).append(entry.name)
        for target, table in ((self.exact, exact), (self.folded, folded)):
            for label, names in table.items():
                target.add(label, [nlp.make_doc(name) for name in names])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher, check_case in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                first = doc[start].text
                if check_case and not (first[:1].isupper() or first[:1].isdigit()):
                    continue
                entity_type, key = doc.vocab.strings[match_id].split("\t", 1)
                spans.append(Span(doc, start, end, label=entity_type, kb_id=key))
        doc.spans[SPAN_GAZETTEER] = spans
        return doc


@Language.factory("innograph_gazetteer_v1", assigns=["doc.spans"])
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """Build the gazetteer component (the matchers are built once, from ``gazetteer()``)."""
    return GazetteerRuler(nlp, name)
