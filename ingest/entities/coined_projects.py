"""One made-up word that the text gives a sum or calls the predecessor or successor of a
project is a project's name: "Dakwacht ontvangt 420.000 euro", "Solvigo reçoit 300 000
euros", "bouwt voort op Veenkaart", "Veenkaart is een vervolg op ...".

Undertakings are often called by one invented word ("Dakwacht", "Solvigo"), which, written
as an ordinary word is (a capital, then lower case), is no candidate of its own: a capital
opening a sentence proves nothing, and single capitalised words in mid-sentence are as
often adjectives, nouns or places. The word is read as a name only where a construction of
projects stands around it (a verb of receiving and a sum after it; a phrase of succession
before it, or "is a follow-up to" after it) and the word is no ordinary word of any of the
languages, no name the registries know and never written in lower case on the page. Not in
German: every German noun is capitalised, and a compound no dictionary lists reads as
invented.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import STOP_CAPITALISED
from innograph.ingest.entities.receiving import receives_sum
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.succession import continues_or_continued

COINED_FLAG = "weak|coined"
# Shorter words are more often initials or abbreviations than invented names.
_MIN_LETTERS = 4


def _invented_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a capitalised word of no language and no registry that the
    page never writes in lower case."""
    if doc.lang_ == "de":
        return False  # every German noun is capitalised (see the module's docstring)
    word = doc[i].text
    if len(word) < _MIN_LETTERS or not word.isalpha() or not word[:1].isupper():
        return False
    if word.isupper() or fold(word) in STOP_CAPITALISED:
        return False
    if gazetteer().is_common_word(word) or gazetteer().lookup(word):
        return False
    lowered = word.lower()
    return not any(t.text == lowered for t in doc)


def _title_goes_on(doc: Doc, end: int) -> bool:
    """Whether the words after the name continue a title: a lower-case function word,
    then a capitalised word ("Zorg over de Grens", "Wohnen im Alter"): the word only
    opens it."""
    sent_end = doc[end - 1].sent.end
    # a function word, not a verb: "X ontvangt Europese steun" continues no title
    if end >= sent_end or not (doc[end].is_lower and doc[end].is_stop):
        return False
    return any(t.is_title for t in doc[end + 1 : min(end + 3, sent_end)])


def coined_project(doc: Doc, start: int, end: int) -> bool:
    """Whether the one word ``doc[start:end]`` is an invented name a project construction
    stands around (see the module's docstring)."""
    if end - start != 1 or not _invented_word(doc, start) or _title_goes_on(doc, end):
        return False
    span = doc[start:end]
    return receives_sum(doc, span) or continues_or_continued(span)


def coined_project_span(doc: Doc, start: int, end: int) -> Span:
    """The project span of a word for which ``coined_project`` holds."""
    return Span(doc, start, end, label="Project", kb_id=COINED_FLAG)


TITLE_FLAG = "weak|multi|title"
# How many function words may join two capitalised words of a title ("Warmte uit de Kas").
_MAX_JOINERS = 2


def _title_end(doc: Doc, start: int) -> int | None:
    """The end of a title from ``start`` whose capitalised words function words join
    ("Zorg over de Grens", "Licht in Huis"); None if no function word joins two."""
    sent_end = doc[start].sent.end
    end, joined = start + 1, False
    while end < sent_end:
        if doc[end].is_title and doc[end].is_alpha:
            end += 1
            continue
        j = end
        while j < sent_end and j - end < _MAX_JOINERS and doc[j].is_lower and doc[j].is_stop:
            j += 1
        if j == end or j >= sent_end or not (doc[j].is_title and doc[j].is_alpha):
            break
        end, joined = j + 1, True
    return end if joined else None


def succeeded_title(doc: Doc, start: int) -> int | None:
    """The end of a title with function words between its capitalised words that a phrase
    of succession introduces ("bouwt voort op Zorg over de Grens"): an earlier project's
    name, written as a title; None if there is none at ``start``."""
    if doc.lang_ == "de" or not (doc[start].is_title and doc[start].is_alpha):
        return None
    span = doc[start : start + 1]
    before = doc.text[span.sent.start_char : span.start_char]
    if not before.strip() or not continues_or_continued(span):
        return None
    return _title_end(doc, start)
