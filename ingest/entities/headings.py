"""Heading text in capitals is no name: "HOW RESEARCH MAKES A DIFFERENCE".

A title, a section heading or a banner written in capitals puts ordinary words in
capitals, and the name finders read any run of capitals as a name. A candidate that
contains, or touches, three ordinary words in capitals in a row is a piece of such a
heading; an acronym or a name in capitals is rarely three ordinary words in a row. A
quoted title ("Projekt „NACH DER STUNDE NULL“") keeps its words.
"""

from __future__ import annotations

from functools import cache

import wordfreq
from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer_lexicon import STOP_CAPITALISED
from innograph.ingest.entities.quoted import FLAG as QUOTED_FLAG
from innograph.ingest.entities.spans import cached_fold as fold

# Zipf frequency from which a word in capitals is an ordinary word of the language or of
# English (the usual language of headings in capitals on these pages).
_ORDINARY_ZIPF = 3.0
# Consecutive ordinary words in capitals that make a heading.
_RUN = 3
_KEPT_FLAGS = ("interreg|", QUOTED_FLAG, "list|quoted", "acronym|")


@cache
def _ordinary(word: str, lang: str) -> bool:
    low = word.lower()
    if fold(word) in STOP_CAPITALISED:
        return True
    zipf = max(wordfreq.zipf_frequency(low, lang), wordfreq.zipf_frequency(low, "en"))
    return zipf >= _ORDINARY_ZIPF


def heading_word(doc: Doc, i: int) -> bool:
    """One ordinary word of four letters or more in capitals that opens or closes its line
    ("OVERVIEW", "NEWS – ..."): a title's or a label's word, not an acronym. Acronyms
    that spell a word ("HARVEST") stand in running text."""
    text = doc[i].text
    if not (text.isalpha() and text.isupper() and len(text) >= 4 and _ordinary(text, doc.lang_)):
        return False
    opens = i == 0 or "\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text
    closes = "\n" in doc[i].whitespace_ or i + 1 == len(doc) or "\n" in doc[i + 1].text
    return opens or closes


def _shouted(doc: Doc, i: int) -> bool:
    text = doc[i].text
    return text.isalpha() and text.isupper() and len(text) >= 2 and _ordinary(text, doc.lang_)


def shouted_heading(span: Span) -> bool:
    """Does ``span`` lie in a run of three or more ordinary words in capitals?"""
    if span.kb_id_.startswith(_KEPT_FLAGS):
        return False
    doc = span.doc
    for i in range(span.start, span.end):
        if not _shouted(doc, i):
            continue
        lo = hi = i
        while lo > 0 and _shouted(doc, lo - 1) and "\n" not in doc[lo - 1].whitespace_:
            lo -= 1
        while hi + 1 < len(doc) and _shouted(doc, hi + 1) and "\n" not in doc[hi].whitespace_:
            hi += 1
        if hi - lo + 1 >= _RUN:
            return True
    return False
