"""Which programme funds a project on a page that names several: the features that tell
a programme named only apart from the page's projects (its background) and a sum from a
programme in a project's own record. The names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import candidates
from innograph.ingest.relations.lexicon import project_noun

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

APART = "FUNDED_BY|t_apart_from_projects"
PAGE: Entities = {
    "Nordwind Programme": ("nwp", "FundingProgramme"),
    "Coastal Development Fund": ("cdf", "FundingProgramme"),
    "Tidal Futures": ("tf", "FundingProgramme"),
    "Seabridge": ("sb", "Project"),
}
TEXT = (
    "News from the harbour\n\n"
    "Seabridge receives support from the Nordwind Programme. "
    "Since 2014 the Nordwind Programme has put EUR 96 million of the Coastal Development "
    "Fund into the region. "
    "Its successor will be Tidal Futures."
)


def _apart(text: str, ents: Entities, lang: str = "en") -> set[str]:
    doc, mentions = make_doc(text, ents, lang=lang)
    return {
        c.target
        for c in candidates(doc, mentions, lang=lang)
        if c.type == "FUNDED_BY" and APART in c.features
    }


def test_a_programme_named_only_apart_from_projects_is_the_pages_background() -> None:
    assert _apart(TEXT, PAGE) == {"cdf", "tf"}


def test_a_project_noun_or_the_title_ties_a_programme_to_the_projects() -> None:
    # a project noun outside the programme's name, in any of the languages
    text = (
        "Rückblick\n\n"
        "Der Küstenfonds unterstützt zahlreiche Kleinprojekte. "
        "Seabridge ist eines davon. Der Nordwind Programme wird vom Coastal Development "
        "Fund getragen."
    )
    ents: Entities = {**PAGE, "Küstenfonds": ("kf", "FundingProgramme")}
    assert _apart(text, ents, lang="de") == {"nwp", "cdf"}
    # a programme named in the title is the page's subject
    assert "nwp" not in _apart("Nordwind Programme: a good year\n\n" + TEXT, PAGE)
    # the noun inside the programme's own name does not count
    ents = {**PAGE, "Small Projects Fund": ("spf", "FundingProgramme")}
    text = "Seabridge started in May.\n\nThe Small Projects Fund closed its call."
    assert "spf" in _apart(text, ents)


def test_a_sentence_speaking_again_of_the_projects_before_it_ties_its_programme() -> None:
    # "together they": the projects of the sentence before receive the fund's money
    ents: Entities = {**PAGE, "Harbour Link": ("hl", "Project")}
    text = (
        "Approved\n\n"
        "The committee approved Seabridge and Harbour Link. "
        "Together they receive EUR 4 million from the Coastal Development Fund."
    )
    assert "cdf" not in _apart(text, ents)
    for lang, sentence in (
        ("nl", "Samen krijgen ze 4 miljoen euro uit het Coastal Development Fund."),
        ("fr", "Ensemble, ils reçoivent 4 millions d'euros du Coastal Development Fund."),
        ("de", "Gemeinsam erhalten sie 4 Millionen Euro aus dem Coastal Development Fund."),
    ):
        page = "Approved\n\nSeabridge and Harbour Link were approved. " + sentence
        assert "cdf" not in _apart(page, ents, lang=lang), lang
    # without a word that refers back, the sentence after is background as before
    text = (
        "Approved\n\n"
        "The committee approved Seabridge and Harbour Link. "
        "The Coastal Development Fund was set up in 2014."
    )
    assert "cdf" in _apart(text, ents)


def test_the_project_noun_is_read_inside_compounds() -> None:
    for word in ("projects", "Kleinprojekten", "projectoproep", "microprojets", "Vorhaben"):
        assert project_noun().search(f"die {word} hier"), word
    assert not project_noun().search("the programme and its partners")


def test_a_sum_from_a_programme_in_a_projects_record_ties_them() -> None:
    ents: Entities = {
        "Coastal Development Fund": ("cdf", "FundingProgramme"),
        "Seabridge": ("sb", "Project"),
        "Harbour Data": ("hd", "Project"),
    }
    text = (
        "New projects approved\n\n"
        "Seabridge\n"
        "Seabridge builds a ferry link between two ports. The work runs until 2027, and "
        "EUR 90,000 of the budget comes from the Coastal Development Fund.\n\n"
        "Harbour Data\n"
        "Harbour Data maps the traffic of the port.\n"
    )
    doc, mentions = make_doc(text, ents)
    tied = {
        c.source
        for c in candidates(doc, mentions, lang="en")
        if c.type == "FUNDED_BY" and "FUNDED_BY|t_grant_in_s_record" in c.features
    }
    assert tied == {"sb"}
    # without a sum the sentence gives nothing from the programme
    doc, mentions = make_doc(text.replace("EUR 90,000 of the budget comes", "help comes"), ents)
    assert not any(
        "FUNDED_BY|t_grant_in_s_record" in c.features for c in candidates(doc, mentions, lang="en")
    )
