"""Names listed after a colon that follows a project word.

Pages announce approved or selected projects as a list after a colon, in the sentence
("twee projecten goedgekeurd: A en B", "two projects were selected: A, B and C") or as
items on the following lines ("The selected projects are:" / "- A: what it does" /
"- B – what it does"). Every listed name is a project, whatever its words.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import STOP_CAPITALISED
from innograph.ingest.entities.name_runs import is_distinctive_word, name_runs
from innograph.ingest.entities.quoted import is_project_word
from innograph.ingest.entities.spans import COORDINATORS, is_acronym
from innograph.ingest.entities.spans import cached_fold as fold

_CUE_WINDOW = 15  # tokens between the project word and the colon
_BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪", ".", ")"})
# What ends an item's name: its tagline's colon or dash, or a bracket or comma before
# the item's fields ("- A (lead: X) – € ...", "- A, Lead partner: X").
_ITEM_ENDS = frozenset({":", "-", "–", "—", "(", ","})
_GLUE = frozenset({",", ";", *COORDINATORS})
FLAG = "list|cue"  # weighs like any other cued list member


def _project_cue_before(doc: Doc, colon: int) -> bool:
    """A project word earlier in the colon's sentence, on its line."""
    i = colon - 1
    while i >= 0 and colon - i <= _CUE_WINDOW:
        tok = doc[i]
        if "\n" in tok.text or tok.text in {".", "!", "?"}:
            return False
        if is_project_word(tok.text):  # not "Projektpartner: A, B"
            return True
        i -= 1
    return False


def _line_end(doc: Doc, i: int) -> int:
    while i < len(doc) and "\n" not in doc[i].text:
        i += 1
    return i


def _inline_list(doc: Doc, start: int, runs: dict[int, int]) -> list[tuple[int, int]]:
    """A chain of names "A, B en C" from ``start`` up to the sentence's end, or nothing."""
    chain: list[tuple[int, int]] = []
    i = start
    while i < len(doc) and i in runs:
        chain.append((i, runs[i]))
        i = runs[i]
        if i < len(doc) and doc[i].lower_ in _GLUE:
            i += 1
            continue
        break
    ends_sentence = i >= len(doc) or "\n" in doc[i].text or doc[i].text in {".", ";", "!"}
    return chain if ends_sentence else []


def _item(doc: Doc, start: int, end: int, runs: dict[int, int]) -> tuple[int, int] | None:
    """The name that opens a list item line: "- A: ...", "• A – ...", "1A - A",
    "- A (lead: X)", "- A, lead: X", "- A develops ..."."""
    i = start
    while i < end and (doc[i].text in _BULLETS or doc[i].is_space):
        i += 1
    # A numbering code before the name ("1.", "2)", "1A -").
    if i < end and any(c.isdigit() for c in doc[i].text) and len(doc[i].text) <= 3:
        i += 1
        while i < end and doc[i].text in _BULLETS:
            i += 1
    if i in runs and runs[i] <= end:
        name_end = runs[i]
    else:
        # A name the run finder does not take ("iHEAT@Home"): a few words up to the
        # item's colon or dash, each with a capital letter.
        name_end = i
        while name_end < end and not _ends_item_name(doc[name_end]):
            name_end += 1
        words = doc[i:name_end]
        if not 1 <= len(words) <= 4 or not all(any(c.isupper() for c in t.text) for t in words):
            return None
    if name_end < end and doc[name_end].text not in _ITEM_ENDS:
        # "- A pilots ...": a sentence the name opens, when the name is coined (a theme
        # or an article opens such sentences too: "Circulaire bouw ...", "De ...")
        if not (_ends_item_name(doc[name_end]) and all(_coined(t) for t in doc[i:name_end])):
            return None
    return (i, name_end)


def _ends_item_name(tok: Token) -> bool:
    """The item's separator, or the lower-case word of a sentence the name opens
    ("- A brings together ...", "- A pilots ...")."""
    return tok.text in _ITEM_ENDS or tok.is_alpha and tok.is_lower


def _coined(tok: Token) -> bool:
    """A word no dictionary holds as written: CamelCase, digits, capitals, a "+"."""
    text = tok.text
    return is_distinctive_word(text) or is_acronym(text) or text.endswith("+") or tok.is_punct


def _item_lines(doc: Doc, after: int, runs: dict[int, int]) -> Iterator[tuple[int, int]]:
    """The names opening the item lines after a line that ends with a colon."""
    i = after
    while i < len(doc):
        while i < len(doc) and (doc[i].is_space or "\n" in doc[i].text):
            i += 1  # blank lines between the items
        end = _line_end(doc, i)
        if end == i:
            return
        item = _item(doc, i, end, runs)
        if item is None:
            return
        yield item
        i = end


def _generic(doc: Doc, start: int, end: int) -> bool:
    """Only stop words, or one ordinary word (a theme in a list of priorities)."""
    words = [fold(t.text) for t in doc[start:end] if not t.is_punct]
    if not words or all(w in STOP_CAPITALISED for w in words):
        return True
    lang = doc.lang_ if doc.lang_ in ("en", "nl") else None
    text = doc[start].text
    return (
        len(words) == 1
        and not (is_distinctive_word(text) or is_acronym(text))
        and gazetteer().is_common_word(text, lang)
    )


def colon_list_spans(doc: Doc) -> Iterator[Span]:
    """Projects listed after "<project word> ... :" in the sentence or on the next lines."""
    runs = dict(name_runs(doc))
    for tok in doc:
        if tok.text != ":" or not _project_cue_before(doc, tok.i):
            continue
        nxt = tok.i + 1
        if nxt < len(doc) and "\n" in doc[nxt].text:
            names = list(_item_lines(doc, nxt, runs))
        else:
            names = _inline_list(doc, nxt, runs)
        for start, end in names:
            if not _generic(doc, start, end):
                yield Span(doc, start, end, label="Project", kb_id=FLAG)
