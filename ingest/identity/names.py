"""Identity keys of organisation and project names.

An organisation's key is its name folded so that the ways sources write one organisation
agree: case, accents (German umlauts as their "ae"/"oe"/"ue" spelling, as CORDIS writes
them), punctuation, ``&``/and/en/und, a leading article, legal-form suffixes of every EU
country ("NV", "GmbH", "e.V.", "Sp. z o.o."), a trailing acronym that repeats the words
before it ("Nederlandse Organisatie ... Onderzoek TNO", "Hogeschool van Arnhem en
Nijmegen (HAN)"), and the known other names (``legal_forms.KNOWN_NAMES``). The key is a
function of the name alone, so two sources that name an organisation the same way reach
the same node whichever is read first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from innograph.ingest.identity.legal_forms import (
    CONNECTIVES,
    GOVERNMENT_ADJECTIVES,
    KNOWN_NAMES,
    LEADING_ARTICLES,
    LEADING_LEGAL_FORMS,
    LEGAL_FORMS,
    SPELLED_LEGAL_FORMS,
    UNIVERSITY_WORDS,
)

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"[’'`´]")
_BRACKETED = re.compile(r"\(([^()]*)\)")
# "Long name - Short name": registers append the short form after a spaced dash.
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
# Legal forms written with dots or spaces between letters ("e. V.", "S.p.A.", "B V").
_MAX_FORM_WORDS = 4
# The programme named after "vanuit" ("OPZuid", "OP Zuid", "Kansen voor West").
_MAX_NOTE_WORDS = 3
_MAX_SPELLED_WORDS = max(len(spelled) for spelled in SPELLED_LEGAL_FORMS)


def fold_words(name: str, *, connectives: bool = False) -> list[str]:
    """The words of ``name``: lower case, umlauts spelt out, accents and punctuation
    dropped; connectives ("and", "en", "und", "&") dropped unless ``connectives``."""
    text = unicodedata.normalize("NFC", name).lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    # An apostrophe separates words as CORDIS writes them: "d'Etalons" is "D ETALONS".
    text = _APOSTROPHES.sub(" ", text.replace("&", " and "))
    words = _NON_ALNUM.sub(" ", text).split()
    if connectives:
        return words
    return [w for w in words if w not in CONNECTIVES] or words


def strip_legal_forms(words: list[str]) -> list[str]:
    """``words`` without trailing (and leading) legal forms, spelt with or without dots
    ("b v", "bv"; "gmbh co kg"), or spelt out ("naamloze vennootschap"); never down to
    nothing."""
    words = abbreviate_legal_forms(words)
    # A form that stays (see below) is written one way: "Tritem Sp. z o.o." as "tritem spzoo".
    for size in range(min(_MAX_FORM_WORDS, len(words) - 1), 1, -1):
        if "".join(words[-size:]) in LEGAL_FORMS:
            words = [*words[:-size], "".join(words[-size:])]
            break
    changed = True
    # A one-word name keeps its legal form: "Philips GmbH" is not the "Philips" of a text.
    while changed and len(words) > 2:
        changed = False
        for size in range(min(_MAX_FORM_WORDS, len(words) - 2), 0, -1):
            tail = words[-size:]
            if "".join(tail) in LEGAL_FORMS or _is_co_form(tail) or tail == ["and"]:
                words = words[:-size]
                changed = True
                break
    for size in range(min(_MAX_FORM_WORDS, len(words) - 1), 0, -1):
        head = "".join(words[:size])
        if (head in LEGAL_FORMS and len(head) >= 2) or head in LEADING_LEGAL_FORMS:
            words = words[size:]  # "NV Nederlandse Gasunie", "N.V. Impuls", "Stichting Saxion"
            break
    if len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return words


def abbreviate_legal_forms(words: list[str]) -> list[str]:
    """``words`` with each spelt-out legal form ("gesellschaft mit beschraenkter haftung")
    replaced by its abbreviation ("gmbh"), wherever it stands: "Siemens Aktiengesellschaft
    Oesterreich" is "Siemens AG Oesterreich"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_SPELLED_WORDS, len(words) - i), 0, -1):
            form = SPELLED_LEGAL_FORMS.get(tuple(words[i : i + size]))
            if form is not None:
                out.append(form)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _is_co_form(words: list[str]) -> bool:
    # "GmbH & Co. KG" and friends, the "&" already dropped: "co kg", "co kgaa".
    return len(words) == 2 and words[0] == "co" and words[1] in LEGAL_FORMS


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is spelt by initials of ``words`` in order, ending at the
    last word and using at least two of them ("tno": toegepast natuurwetenschappelijk
    onderzoek; "han": hogeschool arnhem nijmegen)."""
    if not 2 <= len(acronym) <= 6 or not acronym.isalpha():
        return False
    initials = [w[0] for w in words]
    i = len(acronym) - 1
    for initial in reversed(initials):
        if i >= 0 and initial == acronym[i]:
            i -= 1
    return i < 0 and initials[-1] == acronym[-1]


def abbreviates(short: list[str], long: list[str]) -> bool:
    """Whether the folded words ``short`` abbreviate ``long``: an acronym, then the words
    ``long`` ends with ("pom west vlaanderen" for "provinciale ontwikkelingsmaatschappij
    west vlaanderen"). Every word of the abbreviated head gives its initial, in order, and
    the acronym's other letters come from inside those words in order (compound words:
    "ontwikkelingsmaatschappij" gives "o" and "m"), as Schwartz and Hearst align an
    abbreviation with its long form, but stricter: no word is skipped."""
    if not short or len(short) >= len(long):
        return False
    acronym, tail = short[0], short[1:]
    if not 2 <= len(acronym) <= 8 or not acronym.isalpha():
        return False
    if tail and long[-len(tail) :] != tail:
        return False
    head = [w for w in long[: len(long) - len(tail)] if w not in CONNECTIVES]
    if not head or len(acronym) < len(head):
        return False
    return _spelled_by(acronym, head)


def has_dash_short_form(name: str) -> bool:
    """Whether ``name`` is written "Long name - Short name", the short form abbreviating
    the long one (see ``abbreviates``)."""
    parts = _SPACED_DASH.split(name)
    if len(parts) != 2:
        return False
    long_words, short_words = (fold_words(p, connectives=True) for p in parts)
    return abbreviates(short_words, long_words)


def _spelled_by(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` opens with the initial of each word in turn, the letters
    between two initials taken in order from inside the earlier word."""
    if not words:
        return not acronym
    word, rest = words[0], words[1:]
    if not acronym or acronym[0] != word[0]:
        return False
    # The letters this word gives beyond its initial: any ordered pick from its inside.
    for taken in range(1, len(acronym) - len(rest) + 1):
        inside, later = acronym[1:taken], acronym[taken:]
        if _in_order(inside, word[1:]) and _spelled_by(later, rest):
            return True
    return False


def _in_order(letters: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in letters)


def _trailing_acronym(words: list[str], bracketed: str) -> str | None:
    """The acronym a name ends with when it abbreviates the words before it."""
    candidates = [bracketed] if bracketed else []
    if len(words) >= 3:
        candidates.append(words[-1])
    for acronym in candidates:
        body = words if acronym == bracketed else words[:-1]
        if (
            acronym
            and len(body) >= 2
            and (_initials_match(acronym, body) or _spelled_by(acronym, body))
        ):
            return acronym
    return None


def organisation_key(name: str) -> str:
    """The identity key of an organisation name ("" for a name without letters or digits).

    >>> organisation_key("Brainport Development N.V.")
    'brainport development'
    >>> organisation_key("Nederlandse Organisatie voor Toegepast Onderzoek TNO")
    'tno'
    """
    return organisation_keys(name)[0]


@lru_cache(maxsize=65536)
def organisation_keys(name: str) -> tuple[str, ...]:
    """The identity key of a name (first), then, for a long form ending in its acronym,
    the key of the long form alone: "Economische Raad voor Oost-Vlaanderen - EROV" is
    keyed "erov" and also found under "economische raad voor oost vlaanderen"; for a
    name that opens with a regional government's adjective, the key without it."""
    if has_dash_short_form(name):
        # "Provinciale Ontwikkelingsmaatschappij West-Vlaanderen - POM West-Vlaanderen"
        # is keyed as its short form and also found under its long form.
        long_part, short_part = _SPACED_DASH.split(name)
        short_key = _known(" ".join(fold_words(short_part, connectives=True)))
        return tuple(dict.fromkeys((short_key, *organisation_keys(long_part))))
    bracketed = ""
    match = _BRACKETED.search(name)
    if match:
        inner = fold_words(match.group(1))
        if len(inner) == 1:
            bracketed = inner[0]
        name = _BRACKETED.sub(" ", name)
    stripped = strip_legal_forms(_without_funding_note(fold_words(name, connectives=True)))
    words = [w for w in stripped if w not in CONNECTIVES] or stripped
    if not words:
        return ("",)
    acronym = _trailing_acronym(words, bracketed)
    body = words if acronym is None or acronym == bracketed else words[:-1]
    known = KNOWN_NAMES.get(" ".join(body))
    long_form = known if known else _known(" ".join(_university_order(body)))
    keys = (_known(acronym), long_form) if acronym else (long_form,)
    if len(body) >= 3 and body[0] in GOVERNMENT_ADJECTIVES:
        # "Vlaams Agentschap Ondernemen" is also found as "Agentschap Ondernemen": a
        # government's body is written with and without the government's adjective.
        keys = (*keys, _known(" ".join(body[1:])))
    return tuple(dict.fromkeys(keys))


def _without_funding_note(words: list[str]) -> list[str]:
    """``words`` without a trailing note of the programme that paid ("Chemelot Campus
    B.V. vanuit OPZuid": the Dutch EFRO register names the beneficiary, then where the
    grant came from); never down to fewer than two words."""
    for size in range(1, _MAX_NOTE_WORDS + 1):
        if len(words) - size - 1 >= 2 and words[-size - 1] == "vanuit":
            return words[: -size - 1]
    return words


def _university_order(words: list[str]) -> list[str]:
    """ "Maastricht University", "University of Maastricht" and "Universiteit Maastricht"
    as one: the word for university in one spelling, first, before the place."""
    if not any(w in UNIVERSITY_WORDS for w in words):
        return words
    rest = [w for w in words if w not in UNIVERSITY_WORDS and w not in ("of", "van", "de", "di")]
    if len(rest) != 1:  # only "<place> University" names: others keep their words
        return ["universiteit" if w in UNIVERSITY_WORDS else w for w in words]
    return ["universiteit", *rest]


def _known(folded: str) -> str:
    """The folded name, or the one the sources use for it when it is a known other name."""
    return KNOWN_NAMES.get(folded, folded)


def project_key(name: str) -> str:
    """The identity key of a project name: a one-word name (an acronym such as
    "IMOCO4.E" or "R3-PowerUP") folds to its letters and digits, so that "IMOCO4E" and
    "Imoco4.e" agree; longer names fold word by word."""
    words = fold_words(name, connectives=True)
    if len(name.split()) == 1:
        return "".join(words)
    return " ".join(words)


def is_mixed_case(name: str) -> bool:
    """Whether a name is written with both capitals and small letters (the better
    written form when sources disagree: "Brainport Development" over "BRAINPORT
    DEVELOPMENT")."""
    return name != name.upper() and name != name.lower()
