"""Institutions written with a lower-case head word in running text.

Dutch and French write the kind of a ministry or university in lower case in the middle
of a sentence, and only the part after it with capitals: "het ministerie van Economische
Zaken", "l'université de Liège", "université catholique de Louvain". The capitalised part
alone would be a portfolio or a town; the name, as written, starts at the head word.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.spans import COORDINATORS, is_name_token

# Head words of institutions, in the lower case of running text (EN/NL/FR/DE).
_HEADS = frozenset(
    """ministerie ministry ministère ministerium université universiteit university
    universität""".split()
)
# Words between the head and the name: "van", "de", "of", "für"; French adjectives
# of a university's kind ("catholique", "libre").
_LINKS = frozenset("van of de du des d' d’ für voor".split())
_KIND_ADJECTIVES = frozenset("catholique libre".split())
FLAG = "head|lower"


def _name_end(doc: Doc, i: int) -> int:
    """End of a capitalised name starting at ``i``; a portfolio list joins its parts
    ("Onderwijs, Cultuur en Wetenschap")."""
    end = i
    j = i
    while j < len(doc) and "\n" not in doc[j].text:
        tok = doc[j]
        if is_name_token(tok) and (tok.text[:1].isupper() or tok.text.isupper()):
            j += 1
            end = j
            continue
        if end > i and _joins_portfolio(doc, j, i):
            j += 1
            continue
        break
    return end


def _joins_portfolio(doc: Doc, j: int, start: int) -> bool:
    """Does the comma or "en" at ``j`` join portfolio words ("Cultuur en Wetenschap"),
    not a next name ("ministerie van LNV, Acme")? Portfolio words are capitalised words,
    not codes, and a comma must lead to a further comma or a coordinator."""
    tok = doc[j]
    if tok.text != "," and tok.lower_ not in COORDINATORS:
        return False
    if any(t.text.isupper() and len(t.text) > 1 for t in doc[start:j]):
        return False
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if nxt is None or not (nxt.text[:1].isupper() and is_name_token(nxt)) or nxt.text.isupper():
        return False
    if tok.text == ",":
        after = doc[j + 2] if j + 2 < len(doc) else None
        return after is not None and (after.text == "," or after.lower_ in COORDINATORS)
    return True


def lower_head_spans(doc: Doc) -> Iterator[Span]:
    """Organisation names that open with a lower-case institution head word."""
    for tok in doc:
        if tok.text not in _HEADS or tok.is_sent_start:
            continue
        if tok.i > 0 and is_name_token(doc[tok.i - 1]) and doc[tok.i - 1].text[:1].isupper():
            continue  # "Acme university": part of a longer name
        j = tok.i + 1
        if j < len(doc) and doc[j].text in _KIND_ADJECTIVES:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in _LINKS:
            continue
        j += 1
        end = _name_end(doc, j)
        if end > j:
            yield Span(doc, tok.i, end, label="Organisation", kb_id=FLAG)
