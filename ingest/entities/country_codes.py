"""Country codes written as the country's name in running text: "naar het VK", "in den
NL", "the US agency", "Velderdam (NL)".

A two-letter code in capitals is a name of its country only where the words around it
are ordinary words: next to another capitalised word it is part of a name ("Acme NL",
"Robotics NL"), glued to a dash it is part of a pair ("DE-NL"), and in a heading written
in capitals it may be an ordinary word ("ET DE RECHERCHE"). The code takes the
country's registry key, so it groups with the country's name elsewhere in the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.name_runs import DASHES
from innograph.ingest.entities.spans import is_name_token

# Code as written -> the country's registry key (the gazetteer's: NUTS writes UK; the
# Dutch write VK for "Verenigd Koninkrijk").
COUNTRY_CODES: dict[str, str] = {
    "NL": "NL",
    "BE": "BE",
    "FR": "FR",
    "LU": "LU",
    "UK": "UK",
    "VK": "UK",
    "US": "US",
}
_MIN_LOWER = 3  # lower-case words in the sentence: not a heading in capitals


def _glued_dash(doc: Doc, i: int) -> bool:
    """A dash with no space between it and the token at ``i`` ("DE-NL", "NL-Limburg")."""
    before = i > 0 and doc[i - 1].text in DASHES and not doc[i - 1].whitespace_
    after = i + 1 < len(doc) and doc[i + 1].text in DASHES and not doc[i].whitespace_
    return before or after


def country_code_spans(doc: Doc) -> Iterator[Span]:
    """Country codes standing alone among ordinary words, as the country (Region)."""
    for tok in doc:
        key = COUNTRY_CODES.get(tok.text)
        if key is None or _glued_dash(doc, tok.i):
            continue
        i = tok.i
        prev = doc[i - 1] if i > 0 and not tok.is_sent_start else None
        nxt = doc[i + 1] if i + 1 < len(doc) and not doc[i + 1].is_sent_start else None
        if any(t is not None and is_name_token(t) for t in (prev, nxt)):
            continue  # part of a longer name
        if sum(t.is_lower and t.is_alpha for t in tok.sent) < _MIN_LOWER:
            continue
        yield Span(doc, i, i + 1, label="Region", kb_id=key)
