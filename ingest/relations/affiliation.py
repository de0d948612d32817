"""Guards on the affiliations the learned model adds without a rule's word for them.

The model pairs a person with an organisation named near him; these structures of a
sentence say the pairing is not what the text states:

* the person holds a role that the sentence ties to another organisation ("Jane Doe
  (director of Acme) and Beta ...", "Acme rector Jane Doe told Beta"): within that
  sentence the person is affiliated with the organisation of the role only;
* the person holds an office of a place's government ("Mayor Jane Doe opened the new
  Acme school"): the office is the person's affiliation, not an organisation of the
  sentence that no role phrase ties to the person;
* the "person" has no known first name and no title in any of its mentions (a theme or
  a programme read as a name: "Fresh Harvest", "Kennis-Pad"): no affiliation is guessed
  for it;
* a quotation mark stands between the two ("... at Beta", says Jane Doe): the
  organisation is named in what the person says, not where the person works, unless
  the person says "we" of it (Jane Doe: "As Beta we ...");
* the person is said to come from another organisation of the sentence right after his
  name ("A brings expertise from Acme and B comes from Beta": Acme is not B's); on train
  half B this removed 1 wrong tie and blocked 3 more wrong candidates (2 documents of 2
  sites), no right one;
* no sentence names the two together and a sentence of the organisation names another
  person ("The guests were A and B. Mayor C opened the new Acme school."): the person
  the organisation is named with is the one the text ties to it, not one named apart
  (on train: 10 wrong ties removed in 6 documents of 6 sites, 1 right one lost).
"""

from __future__ import annotations

import re
from functools import cache

from innograph.ingest.entities.person_lexicon import PERSON_TITLES
from innograph.ingest.entities.persons import is_first_name
from innograph.ingest.relations.lexicon import LANGS
from innograph.ingest.relations.text import DocView, Ref

ORG_TYPES = ("Organisation", "Cluster")
# How far (characters) a role phrase may run between a person and its organisation.
ROLE_REACH = 60
_QUOTES = re.compile(r"[\"“”„«»]")
# ", Prof. Dr. " between an organisation and the person its role phrase names
_TITLES_ONLY = re.compile(r"^\s*,\s*(?:[\w.]+\.\s*){0,3}$")


def _words(lang: str, name: str) -> str:
    """The language data's alternation ``name`` (PERSON_ROLES, PLACE_OFFICES, WE), the
    English one where the language has none."""
    words: str = getattr(LANGS.get(lang, LANGS["en"]), name, "") or getattr(LANGS["en"], name)
    return words


@cache
def _role_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The role tying a person to the organisation after him ("Jane Doe, director of")
    and the one before him ("Acme rector Jane Doe", "director of Acme, Jane Doe")."""
    role = rf"(?<![\w-])(?:{_words(lang, 'PERSON_ROLES')})(?![\w-])"
    after = re.compile(rf"^\s*[,(]\s*[^,.;:()\"“”„]{{0,50}}?{role}[^.;:()\"“”„]{{0,40}}$", re.I)
    before = re.compile(rf"{role}\s*[,:]?\s*(?:[\w.]+\.\s*){{0,3}}$", re.I)
    return after, before


def _role_orgs(view: DocView, person: Ref, lang: str) -> set[str]:
    """Keys of the organisations that a role phrase touching ``person`` names in its
    sentence: "Jane Doe, director of Acme", "Jane Doe (CEO Acme)", "Acme rector Jane
    Doe", "Rector of Acme, Prof. Jane Doe"."""
    after, before = _role_patterns(lang)
    seg = view.segments[view.segment_index_at(person.start)]
    out: set[str] = set()
    for org in seg.refs:
        if org.type not in ORG_TYPES:
            continue
        if org.start >= person.end:
            gap = view.text[person.end : org.start]
            if len(gap) <= ROLE_REACH and not view.refs_in(person.end, org.start):
                if after.match(gap):
                    out.add(org.key)
        elif org.end <= person.start:
            gap = view.text[org.end : person.start]
            if len(gap) > ROLE_REACH or view.refs_in(org.end, person.start):
                continue
            lead_in = view.text[max(seg.start, org.start - ROLE_REACH) : org.start]
            # "Acme rector Jane Doe" / "rector of Acme, Prof. Jane Doe"
            if before.search(gap) or (_TITLES_ONLY.match(gap) and _role_before(lead_in, lang)):
                out.add(org.key)
    return out


def is_role_word(word: str, lang: str) -> bool:
    """Whether ``word`` is one of the language's words for a role a person holds in an
    organisation ("director", "voorzitter", "Rektorin", "chercheuse")."""
    return bool(_role_word_pattern(lang).fullmatch(word))


@cache
def _role_word_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{_words(lang, 'PERSON_ROLES')})", re.I)


def _role_before(text: str, lang: str) -> bool:
    """Whether ``text`` ends with a role and its "of" ("rector of the", "Rektor der")."""
    return bool(_role_of_pattern(lang).search(text))


@cache
def _role_of_pattern(lang: str) -> re.Pattern[str]:
    roles = _words(lang, "PERSON_ROLES")
    return re.compile(rf"(?<![\w-])(?:{roles})\s+\w{{1,4}}\s+(?:\w{{1,4}}\s+)?$", re.I)


def _place_office(view: DocView, person: Ref, lang: str) -> bool:
    """Whether ``person`` is named with an office of a place's government ("Mayor Jane
    Doe", "Jane Doe, mayor", "Lindaus Oberbürgermeister Prof. Jane Doe")."""
    line_start = view.text.rfind("\n", 0, person.start) + 1
    before = view.text[max(line_start, person.start - ROLE_REACH) : person.start]
    after = view.text[person.end : person.end + ROLE_REACH]
    office_before, office_after = _office_patterns(lang)
    return bool(office_before.search(before) or office_after.match(after))


@cache
def _office_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    office = rf"(?<![\w-])(?:{_words(lang, 'PLACE_OFFICES')})(?![\w-])"
    return (
        re.compile(rf"{office}\s*,?\s*(?:[\w.]+\.\s*){{0,3}}$", re.I),
        re.compile(rf"^\s*,\s*(?:\w+\s+)?{office}", re.I),
    )


def looks_like_person(view: DocView, key: str, lang: str) -> bool:
    """Whether one of the mentions of entity ``key`` opens with a known first name
    ("Jane", "Jan" of "Jan-Willem") or follows a title ("Dr.", "Herr", "Mme")."""
    titles = PERSON_TITLES.get(lang, PERSON_TITLES["en"])
    for ref in view.refs:
        if ref.key != key:
            continue
        words = view.text[ref.start : ref.end].split()
        before = re.findall(r"[^\W\d_]+", view.text[max(0, ref.start - 12) : ref.start])
        if (before and before[-1].lower() in titles) or (
            words and words[0].rstrip(".").lower() in titles
        ):
            return True
        if words and is_first_name(re.split(r"[-‐]", words[0])[0], lang):
            return True
    return False


def _says_we(text: str, lang: str) -> bool:
    """Whether ``text`` holds the language's word for "we" ("... as we at Acme ...")."""
    return bool(_we_pattern(lang).search(text))


@cache
def _we_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_words(lang, 'WE')})(?![\w-])", re.I)


def _from_orgs(view: DocView, person: Ref, lang: str) -> set[str]:
    """Keys of the organisations a person is said to come from right after his name
    ("Jane Doe of Acme", "Jane Doe comes from Acme", "Jana Muster von der Acme")."""
    seg = view.segments[view.segment_index_at(person.start)]
    tie = _from_pattern(lang)
    return {
        org.key
        for org in seg.refs
        if org.type in ORG_TYPES
        and org.start >= person.end
        and not view.refs_in(person.end, org.start)
        and tie.match(view.text[person.end : org.start])
    }


@cache
def _from_pattern(lang: str) -> re.Pattern[str]:
    words = _words(lang, "PERSON_FROM")
    return re.compile(
        rf"^\s*,?\s*(?:[^\W\d_]+\s+){{0,2}}?(?:{words})\s+(?:[^\W\d_]{{1,3}}\s+)?$", re.I
    )


def unstated_affiliation(view: DocView, person: Ref, org: Ref, lang: str) -> bool:
    """Whether the sentence of ``person`` and ``org`` says the person's affiliation is
    elsewhere: a role or a "from" ties the person to another organisation of the
    sentence, or a quotation mark separates the two, or the two are named apart and the
    organisation with another person (see the module's docstring)."""
    if view.paired_elsewhere(org.key, person.key, ("Person",)):
        return True
    if view.segment_index_at(person.start) != view.segment_index_at(org.start):
        return False
    lo, hi = (person.end, org.start) if person.start < org.start else (org.end, person.start)
    gap = view.text[lo:hi]
    quote = _QUOTES.search(gap)
    if quote is not None:
        # a speaker who says "we" of the organisation speaks for it
        return not _says_we(gap[quote.end() :] if person.start < org.start else "", lang)
    own = _from_orgs(view, person, lang)
    if own and org.key not in own:
        return True  # "A brings expertise from X and B comes from Y": X is not B's
    roles = _role_orgs(view, person, lang)
    if org.key in roles:
        return False
    return bool(roles) or _place_office(view, person, lang)
