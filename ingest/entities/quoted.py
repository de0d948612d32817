"""Names in quotation marks typed by a cue word next to them.

Writers put the name of a project, event or cluster in quotes when its words are
ordinary words ("het project ‘Groene Haven’", „Wärme für alle“, « Maison verte »), so a
quoted phrase next to a project/event/cluster word is a name whatever its words are:
the quotes are the evidence that the dictionary-word test would otherwise throw away.
A list of quoted names after one cue ("Zu den Projekten gehören „A“, „B“ und „C“") takes
the cue's type for every member.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer_lexicon import (
    CALL_CUES,
    CLUSTER_CUES,
    EVENT_CUES,
    EVENT_HEADS,
    PROJECT_STEMS,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.kind_lexicon import PARTNERSHIP_HEADS
from innograph.ingest.entities.spans import COORDINATORS, NAME_CONNECTORS, is_acronym
from innograph.ingest.entities.spans import cached_fold as fold

# Opening quote -> the closing quotes that may end it (typography varies by language
# and by how careful the page is: „X“, „X”, “X”, "X", « X », ‘X’, 'X', ‚X‘).
_QUOTES: dict[str, frozenset[str]] = {
    "„": frozenset('“”"'),
    "“": frozenset('”“"'),
    '"': frozenset('"”“'),
    "«": frozenset("»"),
    "‘": frozenset("’‘'"),
    "'": frozenset("'’"),
    "‚": frozenset("‘’'"),
}
_MAX_TOKENS = 12  # a quoted name, not a quoted sentence
_CUE_WINDOW = 6  # ordinary words allowed between a cue and its quoted name
_LIST_GLUE = frozenset({",", ";", "&", "/", *COORDINATORS})
FLAG = "list|quoted"


def quoted_phrases(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(open, start, end, close) token indices of quoted phrases on one line."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        closers = _QUOTES.get(doc[i].text)
        if closers is None:
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= _MAX_TOKENS + 1 and doc[j].text not in closers:
            if "\n" in doc[j].text:
                break
            j += 1
        if j < n and doc[j].text in closers and j - i - 1 >= 1 and j - i - 1 <= _MAX_TOKENS:
            out.append((i, i + 1, j, j))
            i = j + 1
            continue
        i += 1
    return out


def quoted_whole(doc: Doc, start: int, end: int) -> bool:
    """The tokens from ``start`` to ``end`` are exactly one quoted phrase ("« Acme Vox »")."""
    if start == 0 or end >= len(doc):
        return False
    closers = _QUOTES.get(doc[start - 1].text)
    return closers is not None and doc[end].text in closers


def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """Starts with a capital, a digit or a bracket; is not a quoted sentence."""
    first = doc[start].text
    if not (first[:1].isupper() or first[:1].isdigit() or first[:1] in "[("):
        return False
    words = [fold(t.text) for t in doc[start:end] if not t.is_punct]
    if not words or all(w in STOP_CAPITALISED for w in words):
        return False
    # A descriptive title ("Demonstration einer effizienten, anaeroben Vergärung von ..."),
    # not a name: names have few lower-case words besides their connectors.
    lower = [t for t in doc[start:end] if t.is_lower and t.lower_ not in NAME_CONNECTORS]
    if len(lower) > 3:
        return False
    # A sentence ends inside: "„Wir freuen uns. Das ...“".
    return not any(
        t.text in {".", "?"} and k + 1 < end for k, t in enumerate(doc[start:end], start)
    )


# A word that ends in "project" ("Pilotprojekt", "EU-project", "projets"); a compound
# that only starts with it names something else ("Projektpartner", "projectleider").
_PROJECT_WORD = re.compile(r"(?:project|projet|projekt)(?:s|e|en|es|n)?$")


def is_project_word(word: str) -> bool:
    """A word whose head is "project" (a compound ending in it, or a plural of it)."""
    return bool(_PROJECT_WORD.search(fold(word)))


def head_type(word: str) -> str | None:
    """The type a kind noun's head announces: a project ("Pilotprojekt", "projecten") or a
    cluster ("Biocluster"); "platform" and "partnership" are too common to type a name."""
    w = fold(word)
    if is_project_word(w):
        return "Project"
    if w in CLUSTER_CUES or w.endswith("cluster"):
        return "Cluster"
    return None


def cluster_partnership(word: str, following: str) -> bool:
    """A cluster word that only modifies the partnership noun after it ("Cluster
    Partnership", "clusterpartnerschap" written apart): the pair names a project."""
    w = fold(word)
    return (w in CLUSTER_CUES or w.endswith(("cluster", "clusters"))) and fold(
        following
    ) in PARTNERSHIP_HEADS


def cue_type(word: str) -> str | None:
    """The type a cue word announces for a quoted name next to it."""
    w = fold(word).strip("-")
    if w.endswith(CALL_CUES):
        return "FundingProgramme"
    if any(stem in w for stem in PROJECT_STEMS):
        return "Project"
    if w in CLUSTER_CUES or w.endswith("cluster"):
        return "Cluster"
    if w in EVENT_HEADS or w in EVENT_CUES:
        return "Event"
    return None


def own_head_type(name: Span) -> str | None:
    """The type a quoted name's own capitalised head word gives it ("‘Open Call 2024’",
    "„DIGITAL SUMMIT X“"): the last capitalised word that is an event head, a call or a
    project (in the singular: "Samenwerkingsprojecten" names a kind, not one project)."""
    for tok in reversed(name):
        if not tok.text[:1].isupper():
            continue
        w = fold(tok.text)
        if w in EVENT_HEADS:
            return "Event"
        if w.endswith(CALL_CUES):
            return "FundingProgramme"
        if is_project_word(w) and w.endswith(PROJECT_STEMS):
            return "Project"
    return None


def _cue_before(doc: Doc, opener: int, closes: dict[int, int]) -> tuple[int, str] | None:
    """The nearest cue before ``opener`` in its sentence: over at most ``_CUE_WINDOW``
    words, or over a chain of other quoted names ("Projekte „A“, „B“ und „C“")."""
    i = opener - 1
    words = 0
    while i >= 0 and words <= _CUE_WINDOW:
        tok = doc[i]
        if i in closes:  # skip an earlier quoted name of the same list
            i = closes[i] - 1
            continue
        if "\n" in tok.text or tok.text in {".", "!", "?"}:
            return None
        found = cue_type(tok.text)
        if found:
            return words, found
        if tok.lower_ not in _LIST_GLUE and not tok.is_punct:
            words += 1
        i -= 1
    return None


_SUBJECT_WORDS = 2  # words before the subject's noun: "Zwei Projekte", "Ein anderes Projekt"


def _projects_are_subject(doc: Doc, opener: int) -> bool:
    """The sentence of the quoted name at ``opener`` is about projects: it opens with
    one ("Twee projecten richten zich op ...: ‘A’ en ‘B’", "Ein anderes Projekt setzt sich
    für ... ein - „C“"), so the names it quotes, however far on, are the projects."""
    sent = doc[opener].sent
    before = doc[opener - 1] if opener > sent.start else None
    if before is None or not (before.is_punct or before.lower_ in COORDINATORS):
        return False  # "het plan ‘X’": a noun right before the quotes says what X is
    words = 0
    for tok in doc[sent.start : opener]:
        if tok.is_punct or tok.is_space:
            continue
        if is_project_word(tok.text):
            return True
        words += 1
        if words > _SUBJECT_WORDS or not tok.is_alpha:
            return False
    return False


def _cue_after(doc: Doc, close: int) -> tuple[int, str] | None:
    """A cue right after the quotes: "„X“-Projekt", "‘X’ project", "the 'X' event"."""
    k = close + 1
    while k < len(doc) and doc[k].text in {"-", "–"}:
        k += 1
    if k < len(doc) and "\n" not in doc[k].text:
        found = cue_type(doc[k].text)
        if found:
            return 0, found
    return None


def quoted_spans(doc: Doc) -> Iterator[Span]:
    """Quoted names with a project, cluster or event cue before or right after them."""
    phrases = quoted_phrases(doc)
    closes = {close: opener for opener, _s, _e, close in phrases}
    for opener, start, end, close in phrases:
        if not _looks_like_name(doc, start, end):
            continue
        cues = [c for c in (_cue_before(doc, opener, closes), _cue_after(doc, close)) if c]
        own = None if cues else own_head_type(doc[start:end])
        if own is not None:  # no cue around it: the name's own head word types it
            cues.append((0, own))
        if not cues and _projects_are_subject(doc, opener):
            cues.append((0, "Project"))
        if not cues:
            continue
        label = min(cues)[1]
        start = _skip_cue_word(doc, start, end)
        # "‘Long Form (LF)’": the long form, with the acronym as its alias.
        if end - start >= 4 and doc[end - 1].text == ")" and doc[end - 3].text == "(":
            acronym = doc[end - 2].text
            if is_acronym(acronym):
                yield Span(doc, start, end - 3, label=label, kb_id=f"acronym|{acronym}")
                yield Span(doc, end - 2, end - 1, label=label, kb_id=FLAG)
                continue
        while end > start and doc[end - 1].text in {",", ":", ";", "-", "–"}:
            end -= 1
        if end > start:
            yield Span(doc, start, end, label=label, kb_id=FLAG)


def _skip_cue_word(doc: Doc, start: int, end: int) -> int:
    """„Projekt X“ is the project X: the cue word is not part of the name."""
    if end - start >= 2 and cue_type(doc[start].text) == "Project":
        return start + 1
    return start
