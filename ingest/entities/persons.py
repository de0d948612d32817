"""Person names in any language: "Firstname [particles] Surname", titles, initials.

A name is a person's when its first word is a known first name (``data/first_names.tsv``)
and a plausible surname follows ("Jan van der Berg", "Jean-Luc Martin", "Hans Peter
Müller"), or when a title or form of address precedes a surname ("Herr Dr. Jansen",
"Mevr. Peeters"), or initials precede particles and a surname ("J. de Vries").
Organisation words inside or right after the name ("... Foundation", "... GmbH") and
known registry names veto it. The weak-name component stores these spans; the entity
stage lets them win over untyped or default-typed names. ``role_person_spans`` finds the
names a role word announces ("directeur Jan Peeters"), for the pattern finder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources

import wordfreq
from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    CLUSTER_CUES,
    EVENT_HEADS,
    ORG_HEADS,
    PERSON_ROLES,
    PROGRAMME_CUES,
    PROJECT_CUES,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.german import german_ordinary
from innograph.ingest.entities.name_runs import ELIDED
from innograph.ingest.entities.person_lexicon import (
    ABSTRACT_ENDINGS,
    BODY_WORDS,
    GERMAN_ARTICLES,
    GERMAN_ROLE_ENDINGS,
    LEGAL_FORM_WORDS,
    NAME_PARTICLES,
    PERSON_TITLES,
    PERSONAL_POST_ENDINGS,
)
from innograph.ingest.entities.spans import cached_fold as fold

PERSON_FLAG = "weak|person"
# First names rarer than this (nam_dict frequency 1..13) are not evidence on their own.
MIN_FREQUENCY = 1
# Words this common in English make a capitalised pair in another language's text an
# English phrase rather than a name; no person of the shared gold has only such words.
ENGLISH_PHRASE_ZIPF = 4.0
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")
_SURNAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
_DASHES = {"-", "‐"}
_MAX_GIVEN = 3
_PARTICLE_WORDS = frozenset(w for particle in NAME_PARTICLES for w in particle)


@cache
def first_names() -> dict[str, tuple[int, frozenset[str]]]:
    """First name -> (frequency 1..13, languages in which it is an ordinary word)."""
    text = resources.files("innograph.ingest").joinpath("data", "first_names.tsv")
    out: dict[str, tuple[int, frozenset[str]]] = {}
    for line in text.read_text("utf-8").splitlines()[1:]:
        name, freq, common = (line.split("\t") + ["", ""])[:3]
        out[name] = (int(freq or 0), frozenset(filter(None, common.split(","))))
    return out


def is_first_name(word: str, lang: str) -> bool:
    """A known first name that is not an ordinary word of ``lang`` ("Grant" in English)."""
    # Only as written: an all-caps word ("COSME", "ERC") is an acronym, not a first name.
    found = first_names().get(word) or first_names().get(_plain_capital(word))
    return found is not None and found[0] >= MIN_FREQUENCY and lang not in found[1]


def _plain_capital(word: str) -> str:
    """The name with its capital unaccented: the dictionary writes French names the way
    French capitals often are, without the accent ("Elodie" for "Élodie", "Eric")."""
    first = unicodedata.normalize("NFD", word[:1])[:1]
    return first + word[1:]


def _name_word(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper() and _SURNAME.match(text))


def _vetoed(word: str) -> bool:
    """Words that make a capitalised sequence something other than a person's name."""
    w = fold(word)
    return (
        w in STOP_CAPITALISED
        or w in ORG_HEADS
        or w in EVENT_HEADS
        or w in PROJECT_CUES
        or w in PROGRAMME_CUES
        or w in CLUSTER_CUES
        or w in LEGAL_FORM_WORDS
        or w.endswith(("cluster", "programma", "programm", "project", "projekt"))
        or abstract_noun(word)
    )


@cache
def abstract_noun(word: str) -> bool:
    """An English abstract noun ("Declaration", "Training", "Hub-Status"; the last part
    of a hyphenated word): it ends a document's, a course's or a status's name, not a
    person's, whatever first name comes before it ("Lena Declaration")."""
    last = word.replace("‐", "-").rsplit("-", 1)[-1].lower()
    if len(last) < 6 or not last.isalpha():
        return False
    return any(
        last.endswith(ending) and wordfreq.zipf_frequency(last, "en") >= zipf
        for ending, zipf in ABSTRACT_ENDINGS.items()
    )


@cache
def _english_word(word: str) -> bool:
    """A common English word (Zipf 4 or more: "key", "facts", "smart")."""
    return wordfreq.zipf_frequency(word.lower(), "en") >= ENGLISH_PHRASE_ZIPF


def _continues(doc: Doc, i: int) -> bool:
    """Does a longer capitalised name go on at ``i`` (same line, no punctuation)?"""
    token = doc[i]
    if "\n" in doc[i - 1].text + token.text or token.is_sent_start:
        return False
    return bool(token.text[:1].isupper() and token.is_alpha)


def _is_title(token: Token, lang: str) -> bool:
    return fold(token.text).rstrip(".") in PERSON_TITLES.get(lang, PERSON_TITLES["en"])


def _skip_stop(doc: Doc, i: int) -> int:
    """Past a full stop written as its own token ("Dr" ".")."""
    return i + 1 if i < len(doc) and doc[i].text == "." and not doc[i - 1].whitespace_ else i


def _initials_end(doc: Doc, i: int) -> int:
    """End of initials at ``i`` ("J.", "J.P.", "J" "."), or ``i`` if there are none."""
    n = len(doc)
    j = i
    while j < n and _INITIALS.match(doc[j].text):
        if doc[j].text.endswith("."):
            j += 1
        elif j + 1 < n and doc[j + 1].text == "." and not doc[j].whitespace_:
            j += 2
        else:
            break
    return j


def _particles_end(doc: Doc, i: int, lang: str) -> int:
    """End of the surname particles at ``i`` ("van der", "De", "d'"), or ``i``."""
    n = len(doc)
    for particle in NAME_PARTICLES:
        k = i + len(particle)
        if k > n:
            continue
        words = [doc[m].lower_ for m in range(i, k)]
        if words != list(particle):
            continue
        if lang == "de" and particle[0] in GERMAN_ARTICLES:
            continue  # "den", "der" are articles in German prose
        return k
    # A glued elision: "d'Alembert", "D'Hondt" are one token: no particle to skip.
    return i


def _given_names(doc: Doc, i: int, lang: str) -> int:
    """End of the given names at ``i``: first names, hyphenated first names, initials."""
    n = len(doc)
    j = i
    count = 0
    while j < n and count < _MAX_GIVEN:
        text = doc[j].text
        if not is_first_name(text, lang):
            break
        k = j + 1
        # "Jean-Claude", "Hans-Jürgen": tokenised at the hyphen.
        if (
            k + 1 < n
            and doc[k].text in _DASHES
            and not doc[j].whitespace_
            and not doc[k].whitespace_
            and is_first_name(doc[k + 1].text, lang)
        ):
            k += 2
        j = k
        count += 1
        after = _initials_end(doc, j)  # a middle initial: "John F. Kennedy"
        if after > j and after < n and _name_word(doc[after]):
            j = after
    return j


def _surname_end(doc: Doc, i: int, lang: str) -> int:
    """End of "[particles] Surname[-[particles] Surname]" at ``i``, or ``i``."""
    n = len(doc)
    j = _particles_end(doc, i, lang)
    if j >= n or _vetoed(doc[j].text):
        return i
    if not _name_word(doc[j]) and not _lower_surname(doc, i, j):
        return i
    if "\n" in doc[i : j + 1].text:
        return i
    end = j + 1
    # A double surname: "Dijk-van de Reijt".
    if end + 1 < n and doc[end].text in _DASHES and not doc[end - 1].whitespace_:
        k = _particles_end(doc, end + 1, lang)
        if k < n and _name_word(doc[k]) and _vetoed(doc[k].text):
            return i  # "Hub-Status": one hyphenated word, not a surname
        if k < n and _name_word(doc[k]):
            end = k + 1
    return end


def _lower_surname(doc: Doc, i: int, j: int) -> bool:
    """A lower-case surname after particles: "Van den hove", "van der meer".

    Only after a run of two particles or a capitalised one, and only a plain word that
    is no stop word and no legal form ("Jan de bv" is no name).
    """
    if j == i or (j - i < 2 and not doc[i].text[:1].isupper()):
        return False
    token = doc[j]
    return (
        token.is_alpha
        and token.text.islower()
        and len(token.text) >= 3
        and not token.is_stop
        and token.lower_ not in LEGAL_FORM_WORDS
        and token.lower_ not in _PARTICLE_WORDS
    )


def _is_role(token: Token, lang: str) -> bool:
    """A word for a post ("Minister", "Bürgermeister", "Projektleiterin")."""
    word = fold(token.text)
    return word in PERSON_ROLES or (
        lang == "de" and token.text.lower().endswith(GERMAN_ROLE_ENDINGS)
    )


def _surname_after_role(doc: Doc, i: int, lang: str) -> tuple[int, int] | None:
    """A post and a surname alone ("Minister Jansen", "Projektleiterin Kamps"): the
    surname names the person who holds it. Only one capitalised word that is no ordinary
    word of any language and no known name of anything else, so that a post before a
    portfolio or a body ("Minister Finance", "Gedeputeerde Staten") is no person."""
    n = len(doc)
    j = i + 1
    # Written as a title ("Minister X"), not as a post in running text ("director X",
    # where X is as often the body the director leads).
    if j >= n or not doc[i].text[:1].isupper() or not _is_role(doc[i], lang):
        return None
    token = doc[j]
    if "\n" in doc[i : j + 1].text or not _name_word(token) or token.text.isupper():
        return None
    if "-" in token.text or _vetoed(token.text) or token.lower_ in BODY_WORDS:
        return None
    if token.i + 1 < n and (_continues(doc, j + 1) or doc[j + 1].text in _DASHES):
        return None
    g = gazetteer()
    if g.is_common_word(token.lower_) or is_first_name(token.text, lang):
        return None
    if lang == "de" and german_ordinary(token.text):
        return None
    if g.lookup(token.text):
        return None
    return j, j + 1


def _person_at(doc: Doc, i: int, lang: str) -> tuple[int, int] | None:
    """The person's name starting at or after titles at ``i``: (start, end) or None."""
    n = len(doc)
    j = i
    after_role = _surname_after_role(doc, i, lang)
    if after_role is not None:
        return after_role
    titled = False
    while j < n and _is_title(doc[j], lang):
        j = _skip_stop(doc, j + 1)
        titled = True
    if j >= n:
        return None
    start = j
    given_end = _given_names(doc, start, lang)
    if given_end == start:
        given_end = _initials_end(doc, start)
        initials = given_end > start
        if initials and not titled and _particles_end(doc, given_end, lang) == given_end:
            return None  # "A. Smith" alone may be a list item; "J. de Vries" is a name
        if not initials and not titled:
            return None
    # The last given name may be the surname: "Koen Roman", "Hans Peter".
    end = _surname_end(doc, given_end, lang)
    if end == given_end:
        if given_end - start >= 2 and is_first_name(doc[given_end - 1].text, lang):
            end, given_end = given_end, given_end - 1
        else:
            return None
    if given_end == start and not titled and _INITIALS.match(doc[start].text) is None:
        return None
    words = [t.text for t in doc[start:end] if t.lower_ not in _PARTICLE_WORDS]
    if any(_vetoed(w) for w in words if w[:1].isupper()):
        return None
    if not titled and lang != "en" and all(_english_word(w) for w in words):
        return None  # "Key Facts" heading a German page: an English phrase, not a person
    if end < n and _continues(doc, end):
        return None  # "Jan Peeters Foundation", "Marie Curie Fellowships"
    before = doc[start - 1].text if start > 0 else ""
    if not titled and before[:1].isupper() and fold(before) in ORG_HEADS:
        return None  # "Stichting Anna Maria"

    if gazetteer().lookup(doc[start:end].text):
        return None  # a known organisation or place named after a person
    return start, end


def person_spans(doc: Doc) -> list[Span]:
    """Every person's name in ``doc``, labelled "Person" with kb_id ``PERSON_FLAG``."""
    lang = doc.lang_ if doc.lang_ in PERSON_TITLES else "en"
    spans = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        found = (
            _person_at(doc, i, lang) if token.text[:1].isupper() or _is_title(token, lang) else None
        )
        if found is None:
            i += 1
            continue
        start, end = found
        spans.append(Span(doc, start, end, label="Person", kb_id=PERSON_FLAG))
        i = end
    return spans


_BY = {"by", "door", "par", "von", "according"}
_ROLE_NAME_PARTICLES = {"van", "de", "der", "den", "von", "d'", "le", "la", "du", "ter", "ten"}


def _person_name_at(doc: Doc, j: int) -> int:
    """End of a person's name of 2-4 words starting at ``j`` (``j`` if there is none)."""
    n = len(doc)
    k = j
    while k < n and k - j < 4:
        tok = doc[k]
        if (
            tok.text[:1].isupper()
            and tok.is_alpha
            and not tok.is_upper
            or "’" in tok.text
            or ("'" in tok.text and tok.text[:1].isupper())
        ):
            k += 1
        elif tok.lower_ in _ROLE_NAME_PARTICLES and k > j:
            k += 1
        else:
            break
    while k > j and not doc[k - 1].text[:1].isupper():
        k -= 1
    if k - j < 2 or fold(doc[j].text) in STOP_CAPITALISED:
        return j
    if fold(doc[j].text) in BODY_WORDS:
        return j  # "Gedeputeerde Staten van X": a body after the role word, not a person
    if fold(doc[j].text).replace("’", "'") in ELIDED:
        return j  # "par l’Agence ...": an article, not a name like "O’Brien"
    if any(fold(t.text) in ORG_HEADS or fold(t.text) in EVENT_HEADS for t in doc[j:k]):
        return j
    if gazetteer().lookup(doc[j:k].text) or gazetteer().lookup(doc[j].text):
        return j
    return k


def role_person_spans(doc: Doc, lang: str) -> Iterator[Span]:
    """Persons after a role word ("minister (van Innovatie) Jan Peeters"), after "by" /
    "door" / "par" when a known first name follows, or followed by ", <role>"."""
    n = len(doc)
    for tok in doc:
        word = fold(tok.text).rstrip(".")
        if word in PERSON_ROLES or word in _BY:
            j = tok.i + 1
            while j < n and (
                doc[j].text in {".", ","} or fold(doc[j].text).rstrip(".") in PERSON_ROLES
            ):
                j += 1
            if (
                word in PERSON_ROLES
                and j + 2 < n
                and doc[j].lower_ in {"van", "of", "de", "du"}
                and fold(doc[j + 1].text) not in STOP_CAPITALISED
            ):
                # "minister van Innovatie Jan Peeters": skip the portfolio word.
                end = _person_name_at(doc, j + 2)
                if end > j + 2:
                    yield Span(doc, j + 2, end, label="Person")
                    continue
            end = _person_name_at(doc, j)
            # After "by" / "door" a company is as likely as a person ("door Acme
            # Robotics"): only a known first name makes the run a person there.
            if end > j and (word in PERSON_ROLES or is_first_name(doc[j].text, lang)):
                yield Span(doc, j, end, label="Person")
        elif tok.text == "," and _post_after(doc, tok.i + 1):
            start = tok.i - 2
            while start >= 0 and tok.i - start <= 4:
                if _person_name_at(doc, start) == tok.i:
                    if start == 0 or not doc[start - 1].text[:1].isupper():
                        yield Span(doc, start, tok.i, label="Person")
                    break
                start -= 1


def _post_after(doc: Doc, i: int) -> bool:
    """A post at ``i``, right after a comma: a role word ("directeur"), or a word for a
    post a person holds, alone or after up to two capitalised words ("programmamanager",
    "Senior Grant Consultant"): the name before the comma is the holder's."""
    for k in range(i, min(i + 3, len(doc))):
        word = fold(doc[k].text)
        if k == i and word in PERSON_ROLES:
            return True
        if doc[k].is_alpha and word.endswith(PERSONAL_POST_ENDINGS):
            return True
        if not (doc[k].is_alpha and doc[k].text[:1].isupper()):
            return False
    return False
