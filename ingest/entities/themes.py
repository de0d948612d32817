"""Names of themes, sectors and priorities: words in capitals that name no entity.

Programme and policy pages list what they fund by theme: "Die Fokusthemen sind: Energie
& Klima, High Tech Systems & Materials, ...", "cinq thèmes prioritaires : Recherche &
Innovation, Climat & Environnement, ...", "de negen topsectoren zijn:" and a bulleted
list. Written in capitals and joined by "&", such names look like organisations, but
the word that introduces the list says they are fields of work. The members of a list
right after a theme, sector or priority word are not taken for names.
"""

from __future__ import annotations

from spacy.tokens import Doc

from innograph.ingest.entities.name_runs import name_runs
from innograph.ingest.entities.spans import COORDINATORS
from innograph.ingest.entities.spans import cached_fold as fold

# Folded endings of the plural words that introduce themes, sectors or priorities (EN/NL/
# FR/DE, compounds included: "topsectoren", "Fokusthemen", "Schwerpunktthemen").
_THEME_WORDS = (
    "themes",
    "thema's",
    "themas",
    "themen",
    "sectors",
    "sectoren",
    "sektoren",
    "secteurs",
    "priorities",
    "prioriteiten",
    "prioritaten",
    "priorites",
    "domeinen",
    "domaines",
)
_GLUE = frozenset({",", ";", "/", *COORDINATORS})
_BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪", ".", ")"})
_TO_COLON = 8  # words between the theme word and its colon ("sind:", "prioritaires :")
_ITEM_TOKENS = 10  # a bulleted theme, not a paragraph
_LOWER_TAIL = 2  # lower-case words that end a theme in French ("Cohésion sociale")


def _is_theme_word(text: str) -> bool:
    word = fold(text)
    return word.endswith(_THEME_WORDS) and len(word) <= 20


def _line_end(doc: Doc, i: int) -> int:
    while i < len(doc) and "\n" not in doc[i].text:
        i += 1
    return i


def _items(doc: Doc, i: int) -> list[tuple[int, int]]:
    """The bulleted or numbered lines from ``i`` on, each one whole."""
    out = []
    while i < len(doc):
        while i < len(doc) and (doc[i].is_space or "\n" in doc[i].text):
            i += 1
        end = _line_end(doc, i)
        start = i
        while start < end and (doc[start].text in _BULLETS or doc[start].like_num):
            start += 1
        if start == i or end - start > _ITEM_TOKENS or start >= end:
            break  # no bullet: the list is over
        out.append((start, end))
        i = end
    return out


def _inline(doc: Doc, i: int, runs: dict[int, int]) -> list[tuple[int, int]]:
    """The names of a list in the sentence from ``i`` on ("A & B, C, D en E")."""
    out = []
    n = len(doc)
    while i < n and doc[i].text in _GLUE:
        i += 1
    while i < n and i in runs and "\n" not in doc[i].text_with_ws[:-1]:
        end = runs[i]
        tail = 0
        while end < n and tail < _LOWER_TAIL and doc[end].is_lower and doc[end].is_alpha:
            if doc[end].lower_ in COORDINATORS:
                break
            end, tail = end + 1, tail + 1
        out.append((i, end))
        i = end
        if i < n and doc[i].text in _GLUE:
            i += 1
            continue
        break
    return out


def theme_tokens(doc: Doc) -> dict[int, tuple[int, int]]:
    """The tokens of every theme listed after a theme, sector or priority word, each
    with the (start, end) of its theme."""
    runs = dict(name_runs(doc))
    covered: dict[int, tuple[int, int]] = {}
    n = len(doc)
    for tok in doc:
        if not _is_theme_word(tok.text):
            continue
        j = tok.i + 1
        while j < n and j - tok.i <= _TO_COLON and doc[j].text not in {":", ".", ";", "!"}:
            if "\n" in doc[j].text:
                break
            j += 1
        members: list[tuple[int, int]] = []
        if j < n and doc[j].text == ":":
            nxt = j + 1
            if nxt < n and doc[nxt].is_space and "\n" in doc[nxt].text:
                members = _items(doc, nxt)  # the list is on the next lines
            else:
                members = _inline(doc, nxt, runs)
        else:
            members = _inline(doc, tok.i + 1, runs)
        if len(members) >= 2:
            for start, end in members:
                covered.update(dict.fromkeys(range(start, end), (start, end)))
    return covered
