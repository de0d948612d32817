"""``innograph_weak_names_v1``: names that do not say what they are, typed by context.

- distinctive tokens — CamelCase ("GreenBridge"), letters with digits ("Chips4"),
  acronyms — typed by the nearest cue in the sentence ("project", "cluster" ...);
- in Dutch, French and German, capitalised words in mid-sentence (common nouns are not
  capitalised there) typed the same way;
- lists ("A, B, C en D"): every member gets the type of the cue before the list
  ("the projects A, B and C") or, failing that, the type the other members already have.

These spans have the lowest priority: any other component's span wins an overlap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from innograph.ingest.entities import kinds
from innograph.ingest.entities.coined_projects import (
    TITLE_FLAG,
    coined_project,
    coined_project_span,
    succeeded_title,
)
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    COMPANY_NOUNS,
    GENERIC_ACRONYMS,
    INTERREG_AREA_WORDS,
    LIST_CUES,
    ORG_HEADS,
    OWNER_LINKS,
    REGION_HEADS,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.german import german_ordinary
from innograph.ingest.entities.headings import heading_word
from innograph.ingest.entities.listed_towns import names_a_role, town_after_listed_name
from innograph.ingest.entities.name_runs import body_name, name_runs
from innograph.ingest.entities.patterns import type_of_run
from innograph.ingest.entities.persons import person_spans
from innograph.ingest.entities.quoted import cluster_partnership, head_type, is_project_word
from innograph.ingest.entities.records import project_field
from innograph.ingest.entities.spans import (
    SPAN_GAZETTEER,
    SPAN_NER,
    SPAN_PATTERNS,
    SPAN_WEAK,
    is_acronym,
)
from innograph.ingest.entities.spans import cached_fold as fold

_LIST_GLUE = {",", "en", "and", "et", "und", "/", ";"}
# Articles that may follow a list's comma or coordinator before the next member
# ("A, B en de C", "A and the B", "A und die B").
_GLUE_ARTICLES = frozenset("the de het die der den dem das la le les".split())
_CUE_SKIP = {
    ":",
    "(",
    "the",
    "de",
    "het",
    "les",
    "la",
    "le",
    "die",
    "following",
    "volgende",
    "suivants",
    "“",
    '"',
    "‘",
    "four",
    "three",
    "two",
    "vier",
    "drie",
    "twee",
    "of",
    "van",
    "these",
    "deze",
    "ces",
    "several",
    "verschillende",
    "other",
    "andere",
}
# Endings of Dutch/French/German adjectives made from names ("Vlaams-Nederlandse").
_ADJECTIVE_ENDINGS = ("se", "sche", "ische", "ienne", "aise", "ais", "ischen", "ische")
_WINDOW = 6


def is_distinctive(text: str) -> bool:
    """CamelCase, letters mixed with digits, or a (non-generic) acronym of 3+ letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or text in GENERIC_ACRONYMS:
        return False
    lower_head = len(text) - len(text.lstrip("abcdefghijklmnopqrstuvwxyz"))
    camel = lower_head <= 2 and any(
        a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False)
    )
    mixed = any(c.isdigit() for c in text) and text[:1].isalpha() and text[:1].isupper()
    return camel or mixed or is_acronym(text) and len(letters) >= 3


def shouted_words(words: list[str]) -> bool:
    """Capitals without a cue that make no name: a heading line in capitals ("TWENTY YEARS
    OF INNOVATION") or one ordinary word in capitals ("GOLD", "SUMMARY")."""
    alpha = [w for w in words if any(c.isalpha() for c in w)]
    if not alpha or not all(w.isupper() for w in alpha):
        return False
    if len(alpha) >= 3:
        return True
    return (
        len(alpha) == 1
        and len(alpha[0]) >= 4
        and alpha[0].isalpha()
        and gazetteer().is_common_word(alpha[0])
    )


def _place_in_capitals(word: str) -> bool:
    """A word in capitals that the gazetteer knows as a place when written as a name."""
    return any(e.type == "Region" for e in gazetteer().lookup(word.title()))


def _adjacent_programme_cue(doc: Doc, start: int, end: int) -> str | None:
    """ "het innovatieprogramma X", "the X programme": a programme named right there;
    "X is co-financed by ...": what is funded is a project."""
    before = start - 1
    while before > 0 and doc[before].is_punct:  # "het programma ‘X’"
        before -= 1
    for i in (before, end):
        word = fold(doc[i].text) if 0 <= i < len(doc) else ""
        if word.endswith(("programma", "programme", "program")):
            # A programme of work is a project; a funding programme says so.
            return "FundingProgramme" if word.startswith(_FUNDING_WORDS) else "Project"
    after = [fold(t.text) for t in doc[end : end + 3]]
    if after[:1] in (["is"], ["wordt"], ["est"], ["was"]) and any(
        w.startswith(_FUNDED) for w in after[1:]
    ):
        return "Project"
    return None


_FUNDING_WORDS = (
    "subsidie",
    "efro",
    "erdf",
    "feder",
    "funding",
    "financ",
    "fonds",
    "steun",
    "operation",
    "interreg",
)
_FUNDED = (
    "funded",
    "co-funded",
    "cofunded",
    "financed",
    "co-financed",
    "cofinanced",
    "gefinancierd",
    "medegefinancierd",
    "gesubsidieerd",
    "financé",
    "cofinancé",
    "co",
)


def context_type(doc: Doc, start: int, end: int) -> str | None:
    """The type announced by the nearest cue word within the sentence."""
    sent = doc[start].sent
    best: tuple[int, str] | None = None
    for i in range(max(sent.start, start - _WINDOW), min(sent.end, end + _WINDOW)):
        if start <= i < end:
            continue
        found = head_type(doc[i].text)
        if (
            found == "Cluster"
            and i + 1 < sent.end
            and cluster_partnership(doc[i].text, doc[i + 1].text)
        ):
            found = "Project"  # "the X Cluster Partnership": a joint project of clusters
        if found:
            distance = start - i if i < start else i - end + 1
            if best is None or distance < best[0]:
                best = (distance, found)
    return best[1] if best else None


def _owner_position(doc: Doc, start: int, words: list[str]) -> str | None:
    """A name in a place that says whose something is, not what it is: after a word for
    a firm ("die Firma X": an organisation) or after projects and "of" ("the projects of
    X", "EU-projecten van X": the owner, so a project cue nearby does not type it).
    Returns "Organisation", "" (no cue counts) or None (not such a place)."""
    if start >= 1 and fold(doc[start - 1].text) in COMPANY_NOUNS:
        return "Organisation"
    if any(is_project_word(w) for w in words):
        return None  # "des Rahmenprojekts": the name is itself a project's
    link = fold(doc[start - 1].text).rstrip("'’") if start >= 1 else ""
    if start >= 2 and link in OWNER_LINKS and is_project_word(doc[start - 2].text):
        return ""
    return None


def _own_type(words: list[str], lang: str) -> str | None:
    """The type a multi-word name's own words announce: a head noun, a funding word."""
    if len(words) < 2:
        return None
    if any(fold(w).endswith(_FUNDING_ENDINGS) for w in words):
        return "FundingProgramme"
    return type_of_run(words, lang)


def _default_type(words: list[str]) -> str:
    """Letters mixed with digits ("H2Hub", "Wave4") name projects more often than
    organisations; any other name without a cue is taken for an organisation."""
    mixed = any(any(c.isdigit() for c in w) and any(c.isalpha() for c in w) for w in words)
    if len(words) == 2 and fold(words[-1]) in _COMPASS:
        return "Region"  # "Grand Est", "Flandre Occidentale": a point of the compass
    if len(words) >= 2 and any(fold(w).endswith(_FUNDING_ENDINGS) for w in words):
        return "FundingProgramme"  # "Drents Innovatiefonds", "Fonds für ...", "Actieprogramma X"
    return "Project" if mixed or coined_word(words) else "Organisation"


def coined_word(words: list[str]) -> bool:
    """A word in capitals that can be spoken, not spelled, of five letters or more, its
    hyphenated parts two or more ("SOLMARA", "BLUE-TIDE", "VERANOVA"): what projects are
    called far more often than organisations, whose capitals are their initials ("RWTH",
    "KVB"). A kind of organisation or an area word in capitals ("EUREGIO") stays one."""
    parts = [w for w in words if w not in {"-", "–"}]
    if not parts or not all(p.isalpha() and p.isupper() and len(p) >= 2 for p in parts):
        return False
    letters = "".join(parts).lower()
    if len(letters) < 5 or len(parts) != (len(words) + 1) // 2:
        return False
    if any(fold(p) in ORG_HEADS or fold(p) in INTERREG_AREA_WORDS for p in parts):
        return False
    return sum(c in "aeiouy" for c in letters) / len(letters) >= 0.3


_COMPASS = {"est", "ouest", "nord", "sud", "occidentale", "orientale", "occidental", "oriental"}
# Ends of words (Dutch/German compounds too) that make a name a funding programme.
_FUNDING_ENDINGS = ("fonds", "fund", "programma", "programm", "programme")


_PLACE_WORDS = {
    "nl": {"in", "te", "uit", "naar", "vanuit", "rond", "nabij"},
    "fr": {"à", "en", "près", "depuis"},
    "de": {"in", "aus", "nach", "bei"},
}


# A preposition and article before the name of a sea, river or landscape, which Dutch
# writes with its article ("rond de Noordzee", "langs de Maas", "in de Kempen").
_PLACE_WORDS_WITH_ARTICLE = {"nl": ({"in", "rond", "langs"}, {"de"})}


def _after_place_word(doc: Doc, start: int, end: int, lang: str) -> bool:
    """ "staat in Zwolle", "vanuit Geel": a one-word name after a place preposition;
    "rond de Noordzee": with the article a landscape's name takes."""
    if end - start != 1 or start == 0 or doc[start].is_sent_start:
        return False
    word = doc[start].text
    if not word[:1].isupper() or word.isupper() or is_distinctive(word):
        return False
    if doc[start - 1].lower_ in _PLACE_WORDS.get(lang, set()):
        return True
    prepositions, articles = _PLACE_WORDS_WITH_ARTICLE.get(lang, (set(), set()))
    return (
        start >= 2
        and doc[start - 1].lower_ in articles
        and doc[start - 2].lower_ in prepositions
        and not doc[start - 1].is_sent_start
        and not fold(word).endswith(tuple(REGION_HEADS))  # "in de Brainportregio"
    )


# Prepositions that place what comes before them in the town after them ("X in Velderdam",
# "X aus Velderdam", "X uit Velderdam").
_LOCATING_WORDS = {
    "nl": {"in", "te", "uit"},
    "de": {"in", "aus"},
    "fr": {"à"},
    "en": {"in", "from"},
}


def _before_place(doc: Doc, start: int, end: int, typed: dict[tuple[int, int], str]) -> bool:
    """ "X in Velderdam", "X aus Velderdam": a one-word proper name (no word of the
    language, no place) right before a preposition and a known place is what is there,
    an organisation."""
    lang = doc.lang_
    if end - start != 1 or start == 0 or doc[start].is_sent_start or end + 1 >= len(doc):
        return False
    word = doc[start].text
    if not word[:1].isupper() or word.isupper() or fold(word) in STOP_CAPITALISED:
        return False
    if doc[end].lower_ not in _LOCATING_WORDS.get(lang, set()):
        return False
    if not any(k[0] == end + 1 and label == "Region" for k, label in typed.items()):
        return False
    if gazetteer().is_common_word(word) or gazetteer().lookup(word):
        return False
    return not (lang == "de" and german_ordinary(word))


def _typed_elsewhere(doc: Doc) -> dict[tuple[int, int], str]:
    typed: dict[tuple[int, int], str] = {}
    for group in (SPAN_GAZETTEER, SPAN_PATTERNS, SPAN_NER):
        for span in doc.spans.get(group, []):
            if span.label_ != "?":
                typed.setdefault((span.start, span.end), span.label_)
    return typed


def _field_label(doc: Doc, start: int, end: int) -> bool:
    """The run is the label of a project's field ("EFRE-Förderung: 1,2 Mio. Euro", also
    inside a line: "- Acme, EFRE-Mittel: 1 Mio. Euro"); a label may hold a name ("Acme
    PI: Jane Doe"), so only a field's own words count."""
    return end < len(doc) and doc[end].text == ":" and project_field(doc[start:end].text)


def _lists(doc: Doc, runs: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Chains of name runs separated by commas and a final coordinator."""
    chain: list[tuple[int, int]] = []
    for run in runs:
        if chain:
            gap = doc[chain[-1][1] : run[0]]
            glue = [t.text.lower() for t in gap if not t.is_space]
            if len(glue) >= 2 and glue[-1] in _GLUE_ARTICLES:
                glue = glue[:-1]
            if 1 <= len(glue) <= 2 and all(g in _LIST_GLUE for g in glue) and "\n" not in gap.text:
                chain.append(run)
                continue
            if len(chain) >= 2:
                yield chain
        chain = [run]
    if len(chain) >= 2:
        yield chain


def _lone_proper_word(doc: Doc, start: int, end: int) -> bool:
    """One capitalised word, not sentence-initial, that is no ordinary word of any of the
    languages (nor a frequent German noun) and no known name of another kind: a name."""
    if end - start != 1 or doc[start].is_sent_start:
        return False
    word = doc[start].text
    if not (word[:1].isupper() and word[1:].islower()) or fold(word) in STOP_CAPITALISED:
        return False
    if gazetteer().is_common_word(word) or gazetteer().lookup(word):
        return False
    return not (doc.lang_ == "de" and german_ordinary(word))


def _tail_types(chain: list[tuple[int, int]], typed: dict[tuple[int, int], str]) -> list[str]:
    """The types other components gave the chain's members, a member counting also
    through a longer name that ends with it ("het ministerie van X")."""
    return [
        label
        for run in chain
        for (start, end), label in typed.items()
        if end == run[1] and start <= run[0]
    ]


def _list_cue(doc: Doc, start: int) -> str | None:
    i = start - 1
    while i >= 0 and i >= start - 5 and (doc[i].lower_ in _CUE_SKIP or doc[i].like_num):
        i -= 1
    if i < 0:
        return None
    return LIST_CUES.get(doc[i].lower_) or head_type(doc[i].text)


# Words for a government; after an adjective of a place ("Vlaamse regering", "Dutch
# government", "nordrhein-westfälische Landesregierung") they name one organisation.
_GOVERNMENT_WORDS = frozenset(
    "regering overheid government landesregierung staatsregierung bundesregierung".split()
)
# Endings of adjectives made from place names: Dutch "-se", German "-ische(n)", English
# demonyms ("Dutch", "Flemish", "Belgian", "German", "Walloon", "Chinese").
_PLACE_ADJECTIVE_ENDINGS = {
    "nl": ("se",),
    "de": ("ische", "ischen"),
    "en": ("ch", "ish", "ian", "an", "ese", "oon"),
}
GOVERNMENT_FLAG = "gov|cue"


def government_spans(doc: Doc) -> Iterator[Span]:
    """Governments named by their place: an adjective of a place before a government word
    ("de Vlaamse regering"), and the Dutch state as "het Rijk" (always capitalised)."""
    endings = _PLACE_ADJECTIVE_ENDINGS.get(doc.lang_, ())
    for token in doc[1:]:
        i = token.i
        if doc.lang_ == "nl" and token.text == "Rijk" and doc[i - 1].lower_ == "het":
            yield Span(doc, i - 1, i + 1, label="Organisation", kb_id=GOVERNMENT_FLAG)
            continue
        if token.lower_ not in _GOVERNMENT_WORDS:
            continue
        adjective = doc[i - 1].text
        # German place adjectives are lower case, Dutch and English ones capitalised.
        capital_ok = doc.lang_ == "de" or adjective[:1].isupper()
        if not (
            capital_ok
            and adjective.isalpha()
            and len(adjective) > 3
            and fold(adjective).endswith(endings)
            and fold(adjective) not in STOP_CAPITALISED
        ):
            continue
        start = i - 1
        # A hyphenated adjective ("nordrhein-westfälische") is one word.
        while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_alpha:
            if doc[start - 2].whitespace_ or doc[start - 1].whitespace_:
                break
            start -= 2
        yield Span(doc, start, i + 1, label="Organisation", kb_id=GOVERNMENT_FLAG)


AFFILIATION_FLAG = "weak|affiliation"
LOCATED_FLAG = "weak|located"


def _bracketed_affiliation(doc: Doc, person: Span) -> Span | None:
    """An acronym in brackets right after a person's name is the person's organisation
    ("Marta Keldens (PVX)", "Joris Aalbers (KTB)"): a party, company or institution, even when
    the letters also abbreviate a common term."""
    i = person.end
    if i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    text = doc[i + 1].text
    letters = [c for c in text if c.isalpha()]
    if not (is_acronym(text) and 2 <= len(letters) <= 6) or doc[i + 1].like_num:
        return None
    return Span(doc, i + 1, i + 2, label="Organisation", kb_id=AFFILIATION_FLAG)


class WeakNames:
    """Finds untyped names and types them by their context."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang: str = nlp.lang or "en"

    def __call__(self, doc: Doc) -> Doc:
        typed = _typed_elsewhere(doc)
        spans: dict[tuple[int, int], Span] = {}
        all_runs = name_runs(doc)
        runs = [r for r in all_runs if self._plausible(doc, *r)]
        for start, end in runs:
            words = [t.text for t in doc[start:end]]
            distinctive = any(is_distinctive(w) for w in words)
            mid_sentence = self.lang != "en" and (
                not doc[start].is_sent_start or body_name(doc, start, end)
            )
            if not (distinctive or mid_sentence and len(words) >= 2):
                if coined_project(doc, start, end):
                    spans[(start, end)] = coined_project_span(doc, start, end)
                continue
            # A cue right at the name, then the name's own head word ("Fonds für X"),
            # then the nearest cue word in the sentence; that last only for a name with
            # a word of its own: capitalised ordinary words near "Projekte" are more
            # often an adjective and a noun, an owner or a place than a project.
            owner = _owner_position(doc, start, words)
            label = (
                _adjacent_programme_cue(doc, start, end)
                or _own_type(words, self.lang)
                or owner
                or (context_type(doc, start, end) if owner is None and distinctive else None)
            )
            if label is None and end - start == 1 and heading_word(doc, start):
                # A place in capitals opens a dateline ("ACMEVILLE, 3 May"); any other
                # ordinary word in capitals at a line's edge is a heading's.
                if not _place_in_capitals(words[0]):
                    continue
                label = "Region"
            if label is None and (shouted_words(words) or _field_label(doc, start, end)):
                continue
            flag = "weak|multi" if mid_sentence and len(words) >= 2 else "weak"
            flag += "|cue" if label else "|default"
            spans[(start, end)] = Span(
                doc, start, end, label=label or _default_type(words), kb_id=flag
            )
        for start, _end in all_runs:
            title_end = succeeded_title(doc, start)
            if title_end is not None:
                spans[(start, title_end)] = Span(
                    doc, start, title_end, label="Project", kb_id=TITLE_FLAG
                )
        if self.lang != "en":
            for start, end in runs:
                if (
                    (start, end) not in spans
                    and (start, end) not in typed
                    and _after_place_word(doc, start, end, self.lang)
                ):
                    spans[(start, end)] = Span(doc, start, end, label="Region", kb_id="weak|cue")
        for start, end in runs:
            if (start, end) not in spans and (start, end) not in typed:
                if _before_place(doc, start, end, typed):
                    spans[(start, end)] = Span(
                        doc, start, end, label="Organisation", kb_id=LOCATED_FLAG
                    )
        # Common words too: a small town is often one ("Assen", "Leer").
        names = [(s, e, span.label_) for (s, e), span in spans.items()]
        names += [(s, e, label) for (s, e), label in typed.items()]
        towns = {
            (start, end)
            for start, end in all_runs
            if (start, end) not in spans
            and (start, end) not in typed
            and town_after_listed_name(doc, start, end, names)
        }
        for start, end in towns:
            spans[(start, end)] = Span(doc, start, end, label="Region", kb_id="weak|cue")
        for chain in _lists(doc, all_runs):
            cue = _list_cue(doc, chain[0][0])
            if not cue:
                chain = [r for r in chain if r in runs]
            votes = Counter(typed[r] for r in chain if r in typed)
            top = votes.most_common(2)
            label = cue or (top[0][0] if top and top[0][1] >= 2 and len(top) == 1 else None)
            # One organisation named in the list vouches only for one-word proper names
            # beside it ("Acme, Globex en Initech"), not for phrases of capitals.
            lone = label is None and set(_tail_types(chain, typed)) == {"Organisation"}
            if lone:
                label = "Organisation"
            if label is None:
                continue
            for start, end in chain:
                if not cue and (start, end) in typed or (start, end) in towns:
                    continue  # a listed organisation's town is no member of the list
                if lone and not _lone_proper_word(doc, start, end):
                    continue
                if names_a_role(doc, start, end):
                    continue  # "- Acme BV, Coordinator": a role beside a member
                spans[(start, end)] = Span(
                    doc, start, end, label=label, kb_id="list|cue" if cue else ""
                )
        for span in government_spans(doc):
            spans[(span.start, span.end)] = span
        # A person's name is evidence of its own: it replaces a default-typed run.
        for span in person_spans(doc):
            spans[(span.start, span.end)] = span
            affiliation = _bracketed_affiliation(doc, span)
            if affiliation is not None:
                spans[(affiliation.start, affiliation.end)] = affiliation
        found = list(doc.spans.get(SPAN_PATTERNS, []))
        doc.spans[SPAN_WEAK] = kinds.without_kind_nouns(list(spans.values()), found)
        return doc

    def _plausible(self, doc: Doc, start: int, end: int) -> bool:
        words = [fold(t.text) for t in doc[start:end]]
        if all(w in STOP_CAPITALISED for w in words):
            return False
        if (
            self.lang != "en"
            and words[-1].endswith(_ADJECTIVE_ENDINGS)
            and end < len(doc)
            and (doc[end].is_lower)
        ):
            return False  # "de Vlaams-Nederlandse grensregio"
        if all(p.upper() in GENERIC_ACRONYMS for p in doc[start:end].text.split("/")):
            return False
        if end - start == 1 and doc[start].text in GENERIC_ACRONYMS:
            return False
        return not (
            end - start == 1
            and gazetteer().is_common_word(words[0], self.lang)
            and not is_distinctive(doc[start].text)
        )


@Language.factory("innograph_weak_names_v1", assigns=["doc.spans"])
def make_weak_names(nlp: Language, name: str) -> WeakNames:
    """Build the weak-name finder for ``nlp.lang``."""
    return WeakNames(nlp, name)
