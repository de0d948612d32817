"""Street names in address lines: not names of organisations.

An address line writes a street and a house number after an organisation ("Acme GmbH,
Lindenweg 7, 12345 Velderdam", "Acme Rue des Tilleuls, 5 B-1000 Velderdam"). Capitalised,
the street joins the name runs and is taken for an organisation, or for the end of the
organisation's name; it then also stands between the organisation and its town, which
hides the address. A street is recognised by its word (per language) and the house
number right after it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.spans import cached_fold as fold

# Words that open a street's name ("Rue des Tilleuls 5", "Avenue Foch 12").
STREET_OPENERS: dict[str, frozenset[str]] = {
    "fr": frozenset("rue avenue boulevard chaussee quai chemin allee impasse".split()),
    "nl": frozenset("rue avenue boulevard chaussee".split()),  # Brussels addresses
    "en": frozenset("rue avenue boulevard chaussee".split()),
    "de": frozenset(),
}
# Words that close a street's name ("Lindenweg 7", "Lange Straße 3", "Kerklaan 12").
STREET_CLOSERS: dict[str, frozenset[str]] = {
    "de": frozenset("strasse straße str weg allee platz gasse ring damm ufer".split()),
    "nl": frozenset("straat laan weg plein dreef steenweg kade gracht singel".split()),
    "en": frozenset("street road lane avenue square".split()),
    "fr": frozenset(),
}
# Dutch and German write the street word as the end of one compound ("Lindenweg").
_COMPOUND_ENDS: dict[str, tuple[str, ...]] = {
    "de": ("strasse", "straße", "weg", "allee", "platz", "gasse", "damm"),
    "nl": ("straat", "laan", "weg", "plein", "dreef", "steenweg", "kade", "gracht", "singel"),
}


def _house_number(doc: Doc, i: int) -> bool:
    """A house number at token ``i``, a comma before it allowed ("Rue X, 5"): one to four
    digits, a letter after them allowed ("12a")."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc):
        return False
    text = doc[i].text
    digits = text.rstrip("abcdefgh")
    return digits.isdigit() and 1 <= len(digits) <= 4


def _closer(word: str, lang: str) -> bool:
    folded = fold(word).rstrip(".")
    if folded in STREET_CLOSERS.get(lang, frozenset()):
        return True
    ends = _COMPOUND_ENDS.get(lang, ())
    return any(folded.endswith(e) and len(folded) >= len(e) + 3 for e in ends)


def street_start(span: Span) -> int | None:
    """Where a street name followed by its house number starts inside ``span`` (a token
    index of the doc), or ``None`` when the span holds no street."""
    doc, lang = span.doc, span.doc.lang_
    openers = STREET_OPENERS.get(lang, frozenset())
    for tok in span:
        if fold(tok.text) in openers and tok.text[:1].isupper():
            # "Rue des Tilleuls, 5": the number after the street's last word
            if _house_number(doc, span.end) or _house_number(doc, tok.i + 1):
                return tok.i
        if tok.text[:1].isupper() and _closer(tok.text, lang) and _house_number(doc, tok.i + 1):
            # "Lange Straße 3": an adjective before a separate street word is its own
            separate = fold(tok.text).rstrip(".") in STREET_CLOSERS.get(lang, frozenset())
            if separate and tok.i > span.start and doc[tok.i - 1].text[:1].isupper():
                return tok.i - 1
            return tok.i
    return None


def without_street(span: Span) -> Span | None:
    """``span`` cut before the street of an address line; ``None`` if all of it is the
    street ("Lindenweg 7"), the span itself if it holds none."""
    start = street_start(span)
    if start is None:
        return span
    if start <= span.start:
        return None
    return Span(span.doc, span.start, start, label=span.label_, kb_id=span.kb_id_)


POSTCODE_FLAG = "place|postcode"  # a flag, not a registry key
_POSTCODE_DIGITS = (4, 5)
_DUTCH_POSTCODE_LETTERS = 2
# Tokens an address line may hold after its town: ", Belgium", "(BE)", a full stop.
_MAX_AFTER_TOWN = 3


def _postcode_before(doc: Doc, i: int) -> bool:
    """A postcode right before token ``i`` where an address line writes it: after a comma,
    a house number or a post box number, or opening its line ("Kerklaan 4, 1234 Velderdam",
    "Postbus 77 1234 Velderdam")."""
    if i < 1 or not doc[i - 1].is_digit or len(doc[i - 1].text) not in _POSTCODE_DIGITS:
        return False
    code = i - 1
    if _opens_line(doc, code):
        return True
    before = doc[code - 1]
    return before.text == "," or _house_number(doc, code - 1)


def _opens_line(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the first of its line."""
    return i == 0 or "\n" in doc[i - 1].text_with_ws


def _closes_line(span: Span) -> bool:
    """Whether little but a country or a full stop follows ``span`` on its line
    ("6800 Bastogne", "6800 Bastogne, Belgium"): a line opening on a postcode is an
    address line only then, not a timeline's "2024 Acme opened a plant"."""
    doc, after = span.doc, 0
    for token in doc[span.end :]:
        if "\n" in doc[token.i - 1].text_with_ws or token.is_space:
            break
        after += 1
        if after > _MAX_AFTER_TOWN:
            return False
    return True


def town_after_postcode(span: Span) -> Span:
    """The town of an address line after its postcode is a place, and the two capitals
    of a Dutch postcode ("1234 AB Velderdam") are no part of its name; other spans are
    returned unchanged."""
    doc, start = span.doc, span.start
    if not _postcode_before(doc, start):
        return span
    letters = doc[start].text
    dutch = len(doc[start - 1].text) == 4 and len(letters) == _DUTCH_POSTCODE_LETTERS
    if dutch and len(span) > 1 and letters.isalpha() and letters.isupper():
        start += 1  # "1234 AB": the letters close the Dutch postcode
    if not doc[start].text[:1].isupper():
        return span
    if _opens_line(doc, span.start - 1) and not _closes_line(span):
        return span  # a year opening a timeline's line, not a postcode
    return Span(doc, start, span.end, label="Region", kb_id=POSTCODE_FLAG)
