"""Words of person names in EN/NL/FR/DE: titles before a name and surname particles.

General knowledge of how names are written, kept apart from the code that uses it
(``components/persons.py``). First names come from ``data/first_names.tsv`` (built by
``scripts/build-gazetteers``, see ``data/SOURCES.md``).
"""

from __future__ import annotations

# Titles and forms of address that put a person's name right after them ("Herr Dr.
# Jansen", "Mevr. Peeters", "Mme Dupont"); compared folded and without the full stop.
PERSON_TITLES: dict[str, frozenset[str]] = {
    "en": frozenset("mr mrs ms miss dr prof professor sir".split()),
    "nl": frozenset("dhr heer mevr mevrouw meneer dr prof ir ing drs mr".split()),
    "de": frozenset("herr herrn frau dr prof professor dipl ing".split()),
    "fr": frozenset("mme mlle monsieur madame dr pr prof professeur".split()),
}

# Particles between the given name and the surname, longest first ("van der", "de la").
# German articles ("der", "den") are particles only after "von"/"van".
NAME_PARTICLES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "van",
                "van der",
                "van den",
                "van de",
                "van het",
                "van 't",
                "vande",
                "vanden",
                "vander",
                "de",
                "den",
                "der",
                "ter",
                "ten",
                "te",
                "in 't",
                "von",
                "von der",
                "von dem",
                "zu",
                "von und zu",
                "du",
                "de la",
                "de l'",
                "des",
                "le",
                "la",
                "d'",
                "di",
                "da",
                "del",
                "della",
                "dos",
                "das",
                "mc",
                "mac",
            )
        ),
        key=len,
        reverse=True,
    )
)

# Particles that are articles in German running text ("Scheipers den Bescheid").
GERMAN_ARTICLES: frozenset[str] = frozenset("der den die das des dem".split())

# Lower-case words that never start a surname although a particle may precede them.
LEGAL_FORM_WORDS: frozenset[str] = frozenset(
    """bv nv vzw asbl gmbh ag sa sas sarl ltd plc llc inc ev e.v. kg ug cvba bvba""".split()
)

# Endings of the words for a post held by a person, not by a partner organisation (which
# may be a "coordinator" or a "lead partner"): "programmamanager", "Senior Grant
# Consultant", "beleidsadviseur", "Projektleiterin" after "<name>, ".
PERSONAL_POST_ENDINGS: tuple[str, ...] = (
    "manager",
    "managerin",
    "leider",
    "leiter",
    "leiterin",
    "consultant",
    "adviseur",
    "adviser",
    "advisor",
    "berater",
    "beraterin",
    "officer",
    "directeur",
    "director",
    "directrice",
)

# Endings of German compound nouns that name a post ("Projektleiter",
# "Forschungsteamleiterin", "Pressesprecher"): the word before a surname, like a title.
GERMAN_ROLE_ENDINGS: tuple[str, ...] = tuple(
    stem + ending
    for stem in ("leiter", "sprecher", "direktor", "minister", "präsident", "koordinator")
    for ending in ("", "in")
)

# Words for a body, not a person, that may follow a post ("Gedeputeerde Staten",
# "Minister Council"): after a post they name the body.
BODY_WORDS: frozenset[str] = frozenset(
    "staten raad rat conseil council board bestuur kabinett cabinet".split()
)

# Endings of English abstract nouns ("Declaration", "Training", "Status") with the least
# English Zipf frequency from which such a word is an ordinary noun, not a surname: a
# surname may end so ("Sterling", "Darling") but is rarely that frequent a word.
ABSTRACT_ENDINGS: dict[str, float] = {
    "tion": 4.0,
    "sion": 4.0,
    "ment": 4.0,
    "ness": 4.0,
    "ity": 4.0,
    "ship": 4.0,
    "status": 4.0,
    "ing": 4.5,
}
