"""Span-group names and small token tests shared by the components."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS
from innograph.ontology.ids import fold

SPAN_GAZETTEER = "ig_gazetteer"
SPAN_PATTERNS = "ig_patterns"
SPAN_NER = "ig_ner"
SPAN_WEAK = "ig_weak"
SPAN_ENTITIES = "ig_entities"

# Lower-case words allowed inside a multi-word name ("University of Bergen").
NAME_CONNECTORS = frozenset(
    "of for and & the on van voor en de der het du des de la le et für und".split()
)
# Coordinating words: inside a name only after a preposition ("Agency for Innovation and
# Entrepreneurship"), otherwise they separate two names ("Fraunhofer and TNO").
COORDINATORS = frozenset("and en et und".split())
DISJUNCTIONS = frozenset("or ou oder".split())  # Dutch "of" is also English "of"
PREPOSITIONS = frozenset("of for on van voor du des de für".split())
# Marks that open a list line ("- Acme", "• Beta").
BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪"})


_T = TypeVar("_T")


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], _T]) -> _T:
    """``compute(doc)``, worked out once per document and kept in its user data (several
    components ask; a document grown since is computed again)."""
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), compute(doc))
        doc.user_data[key] = cached
    value: _T = cached[1]
    return value


def is_name_token(token: Token) -> bool:
    """A token that can be part of a proper name: capitalised, all caps, CamelCase or a code."""
    text = token.text
    if (
        not text
        or ":" in text
        or "@" in text
        or token.is_space
        or token.is_punct
        and text not in {"&", "!", "*", "."}
    ):
        return False
    if any(c in text[1:-1] for c in "()[]"):
        return False  # glued text: "CO-CPS).SafeCOP"
    if text[0].isupper():
        return True
    lower_head = len(text) - len(text.lstrip("abcdefghijklmnopqrstuvwxyz0123456789"))
    if lower_head <= 2 and any(c.isupper() for c in text[1:]) and any(c.isalpha() for c in text):
        return True  # b2Match, eHealth (but not "healthTech" or glued "sectorsCPS")
    return False


def is_acronym(text: str) -> bool:
    """All-caps word of 2-10 letters, digits allowed ("ESA", "S3", "H2020", "ARTEMIS4.0")."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 12 and len(letters) >= 2 and all(c.isupper() for c in letters)


# kb_id prefixes that flag how a span was found, rather than naming a registry entry.
FLAG_PREFIXES = ("acronym|", "weak|", "list|", "head|", "gov|")


def registry_key(kb_id: str) -> str:
    """The registry key a span's ``kb_id`` carries, or "" when it only carries a flag."""
    return "" if kb_id.startswith(FLAG_PREFIXES) else kb_id


@lru_cache(maxsize=1 << 16)
def cached_fold(text: str) -> str:
    """``ontology.ids.fold`` with a cache: components fold the same words over and over."""
    return fold(text)


def capitalised_in_running_text(span: Span) -> bool:
    """English capitalises ordinary words after "the" in mid-sentence only in a name ("the
    Open Campus", "the Central Agency for X"): two or more words, each capitalised or a
    connector, one of them a head noun of organisations that ends the name or comes before
    a connector ("Smart Partnership Lead" is a post, not a body)."""
    doc = span.doc
    if len(span) < 2 or span.start == 0 or span[0].is_sent_start:
        return False
    if doc[span.start - 1].text != "the":
        return False
    if not all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in span if t.is_alpha):
        return False
    return any(
        cached_fold(t.text) in ORG_HEADS
        and (t.i + 1 == span.end or doc[t.i + 1].lower_ in NAME_CONNECTORS)
        for t in span
    )
