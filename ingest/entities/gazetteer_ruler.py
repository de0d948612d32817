"""``innograph_gazetteer_v1``: every name of a known thing, found with PhraseMatchers.

One-word names and acronyms match case-sensitively (an "Agoria" is not "agoria");
longer names match case-insensitively but must start with a capital or a digit, so that
Dutch running text ("de punt") does not match a registry name ("De Punt"). A registry
acronym written in lower case, as some brands write themselves, counts only as the
first word of a sentence or heading followed by a verb or a comma: a sentence does not
start in lower case unless its first word is written so on purpose.
"""

from __future__ import annotations

import re
from itertools import product

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from innograph.ingest.entities.countries import COUNTRIES
from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.gazetteer import gazetteer, norm_name
from innograph.ingest.entities.spans import SPAN_GAZETTEER, is_acronym
from innograph.ingest.relations.lexicon import place_preposition_before


class GazetteerRuler:
    """Marks gazetteer names as spans labelled with their type; ``kb_id_`` is the key."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.brands = PhraseMatcher(nlp.vocab, attr="ORTH")
        # towns that are names only where a sentence puts something in them
        self.in_context = PhraseMatcher(nlp.vocab, attr="ORTH")
        in_context: dict[str, list[str]] = {}
        for entry in gazetteer().context_places():
            in_context.setdefault(f"{entry.type}\t{entry.key}", []).append(entry.name)
        brands: dict[str, list[str]] = {}
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}
        for entry in gazetteer().names():
            if _brand_acronym(entry.name, entry.source):
                brands.setdefault(f"{entry.type}\t{entry.key}", []).append(entry.name.lower())
            if entry.common_in and (
                nlp.lang in entry.common_in
                or nlp.lang not in ("en", "nl")
                or " " in entry.name  # "University of Applied Sciences": generic anywhere
            ):
                continue
            if _french_word(entry.name, entry.source, nlp.lang or ""):
                continue
            label = f"{entry.type}\t{entry.key}"
            if " " not in entry.name.strip() and "-" not in entry.name or is_acronym(entry.name):
                variants = {entry.name, entry.name[:1].upper() + entry.name[1:]}
                if entry.name.isupper() and len(entry.name) > 5:
                    variants.add(entry.name.title())
                exact.setdefault(label, []).extend(variants)
                if " " in entry.name.strip():
                    # A registry writes a short name in capitals ("ACME DELFT"), prose
                    # keeps the code and writes the place ("ACME Delft").
                    folded.setdefault(label, []).append(entry.name)
            else:
                folded.setdefault(label, []).extend(hyphen_variants(entry.name))
        tables = (
            (self.exact, exact),
            (self.folded, folded),
            (self.brands, brands),
            (self.in_context, in_context),
        )
        for target, table in tables:
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
        brands = self.brands(doc)
        # Once a brand opens a clause, its other mentions in the text are the brand too.
        confirmed = {
            match_id for match_id, start, end in brands if _opens_a_clause(doc, start, end)
        }
        for match_id, start, end in brands:
            if match_id in confirmed:
                entity_type, key = doc.vocab.strings[match_id].split("\t", 1)
                spans.append(Span(doc, start, end, label=entity_type, kb_id=key))
        places = self.in_context(doc)
        if places:
            lowered = doc.text.lower()
            for match_id, start, end in places:
                if _placed(doc, lowered, start, end):
                    entity_type, key = doc.vocab.strings[match_id].split("\t", 1)
                    spans.append(Span(doc, start, end, label=entity_type, kb_id=key))
        doc.spans[SPAN_GAZETTEER] = spans
        return doc


def _placed(doc: Doc, lowered: str, start: int, end: int) -> bool:
    """Whether the words ``start:end`` stand where a text names a place: after a place
    preposition ("aus Singen", "from Tartu", "à Tours") or in brackets ("Acme (Kampen)"),
    and not followed by another capitalised word that would make them part of a name."""
    if end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
        return False
    if start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")":
        return True
    if start > 0 and doc[start - 1].text in (",", "(") and _country_follows(doc, end):
        return True  # an address in a list: "Acme Oy, Vaasa, Finland", "Acme (Vaasa, Finland)"
    return place_preposition_before(lowered, doc[start].idx, doc.lang_) is not None


_COUNTRY_NAMES = frozenset(norm_name(name) for names in COUNTRIES.values() for name in names)
_MAX_COUNTRY_WORDS = 4


def _country_follows(doc: Doc, end: int) -> bool:
    """Whether a comma or an opening bracket at ``end`` leads to a country's name that ends
    the list item ("..., Finland;", "... (Estonia)")."""
    if end >= len(doc) or doc[end].text not in (",", "("):
        return False
    for stop in range(end + 2, min(len(doc), end + 2 + _MAX_COUNTRY_WORDS) + 1):
        if norm_name(doc[end + 1 : stop].text) in _COUNTRY_NAMES:
            return stop == len(doc) or not doc[stop].is_alpha or "\n" in doc[stop - 1].text_with_ws
    return False


# Hyphens between the words of a name that a text may write as spaces, and the other way.
_JOINING_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_MAX_HYPHENS = 3


def hyphen_variants(name: str) -> list[str]:
    """A name and its spellings with any of its word-joining hyphens written as spaces:
    a text may write "Schleswig Holstein" or "Rheinland Pfalz" for the registry's
    "Schleswig-Holstein" and "Rheinland-Pfalz"."""
    parts = _JOINING_HYPHEN.split(name)
    if not 1 < len(parts) <= _MAX_HYPHENS + 1 or any(len(p) < 2 for p in parts):
        return [name]  # "E-Mobility": a letter's hyphen stays
    variants = []
    for joints in product("- ", repeat=len(parts) - 1):
        variants.append(parts[0] + "".join(j + p for j, p in zip(joints, parts[1:], strict=True)))
    return variants


def _french_word(name: str, source: str, lang: str) -> bool:
    """A one-word registry name that is a French word ("Projet", "Atrium"), in a French
    text: the project texts that give ``common_in`` hold too little French to know it."""
    return (
        lang == "fr"
        and source == "registry"
        and " " not in name.strip()
        and "-" not in name
        and not name.isupper()
        and dictionary_word(name, "fr")
    )


def _brand_acronym(name: str, source: str) -> bool:
    """A registry short name of 4 to 6 capitals, which a brand may write in lower case."""
    return source == "registry" and 4 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _opens_a_clause(doc: Doc, start: int, end: int) -> bool:
    """Does the lower-case name at ``start`` open a sentence or heading as its subject?"""
    first = doc[start]
    if first.is_stop or end >= len(doc):
        return False
    opens = start == 0 or first.is_sent_start or "\n" in doc[start - 1].text_with_ws
    if not opens:
        return False
    after = doc[end]
    if after.text == ",":
        return True
    return doc.has_annotation("POS") and after.pos_ in ("VERB", "AUX")


@Language.factory("innograph_gazetteer_v1", assigns=["doc.spans"])
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """Build the gazetteer component (the matchers are built once, from ``gazetteer()``)."""
    return GazetteerRuler(nlp, name)
