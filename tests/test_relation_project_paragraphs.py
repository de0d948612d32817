"""Pages that approve or describe several projects, one paragraph each: what a paragraph
says goes to its own project, an earlier project a new one builds on gets nothing of the
new one, the subject of "X is penvoerder" leads, and a person quoted is no partner.

Short texts in English, Dutch, German and French written for these tests; the names are
invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import extract_relations
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations, triples
else:
    from test_relations import Entities, make_doc, relations, triples

ENTS: Entities = {
    "Zeewind": ("zw", "Project"),
    "Kustlicht": ("kl", "Project"),
    "Havenbrug": ("hb", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Instruments": ("beta", "Organisation"),
    "Gamma Hochschule": ("gamma", "Organisation"),
    "Delta Agency": ("delta", "Organisation"),
    "Jan Modderman": ("jan", "Person"),
    "Interreg Nordland-Südmark": ("inm", "FundingProgramme"),
    "EFRO": ("efro", "FundingProgramme"),
}

_APPROVALS = {
    "en": (
        "Three projects approved\n\n"
        "The Interreg Nordland-Südmark committee approved three projects.\n\n"
        "The Zeewind project builds sensors. It is led by Delta Agency.\n\n"
        "The Kustlicht project connects small ports. Partners include Acme Robotics and "
        "Beta Instruments.\n"
    ),
    "nl": (
        "Drie projecten goedgekeurd\n\n"
        "Het comité van Interreg Nordland-Südmark keurde drie projecten goed.\n\n"
        "Het project Zeewind bouwt sensoren. Het wordt geleid door Delta Agency.\n\n"
        "Het project Kustlicht verbindt kleine havens. Projectpartners zijn Acme Robotics "
        "en Beta Instruments.\n"
    ),
    "de": (
        "Drei Projekte bewilligt\n\n"
        "Der Ausschuss von Interreg Nordland-Südmark hat drei Projekte bewilligt.\n\n"
        "Das Projekt Zeewind baut Sensoren. Es wird von Delta Agency koordiniert.\n\n"
        "Das Projekt Kustlicht verbindet kleine Häfen. Projektpartner sind Acme Robotics "
        "und Beta Instruments.\n"
    ),
    "fr": (
        "Trois projets approuvés\n\n"
        "Le comité d'Interreg Nordland-Südmark a approuvé trois projets.\n\n"
        "Le projet Zeewind construit des capteurs. Il est piloté par Delta Agency.\n\n"
        "Le projet Kustlicht relie les petits ports. Les partenaires sont Acme Robotics et "
        "Beta Instruments.\n"
    ),
}


def test_partners_of_a_project_paragraph_are_that_projects() -> None:
    for lang, text in _APPROVALS.items():
        found = triples(relations(text, ENTS, lang=lang))
        assert ("PARTICIPATES_IN", "acme", "kl") in found, lang
        assert ("PARTICIPATES_IN", "acme", "zw") not in found, lang


def test_a_paragraph_opened_by_a_project_is_its_record() -> None:
    doc, mentions = make_doc(_APPROVALS["nl"], ENTS, lang="nl")
    view = DocView(doc, mentions)
    partners = _APPROVALS["nl"].index("Projectpartners")
    record = view.record_at(partners, ("Project",))
    assert record is not None and record.head.key == "kl"
    # a paragraph opened by an organisation is no project's record
    assert view.record_at(_APPROVALS["nl"].index("Het comité"), ("Project",)) is None


_SUCCESSION = {
    "en": "The Zeewind project builds on the earlier Havenbrug project. The project is "
    "coordinated by Acme Robotics.",
    "nl": "Het project Zeewind bouwt voort op het eerdere project Havenbrug. Het project "
    "wordt gecoördineerd door Acme Robotics.",
    "de": "Das Projekt Zeewind baut auf dem früheren Projekt Havenbrug auf. Das Projekt wird "
    "koordiniert von Acme Robotics.",
    "fr": "Le projet Zeewind est le successeur du projet Havenbrug. Le projet est "
    "coordonné par Acme Robotics.",
}


def test_the_project_after_a_predecessor_is_the_new_one() -> None:
    for lang, text in _SUCCESSION.items():
        found = triples(relations(text, ENTS, lang=lang))
        assert ("SUCCESSOR_OF", "zw", "hb") in found, lang
        assert ("LEADS", "acme", "zw") in found, lang
        assert ("LEADS", "acme", "hb") not in found, lang


def test_a_project_named_only_as_a_predecessor() -> None:
    for lang, text in _SUCCESSION.items():
        doc, mentions = make_doc(text, ENTS, lang=lang)
        assert DocView(doc, mentions).predecessors == {"hb"}, lang


def test_the_predecessor_gets_nothing_of_the_new_project() -> None:
    text = (
        "Zeewind approved\n\n"
        "Interreg Nordland-Südmark approved the Zeewind project. Zeewind builds on the "
        "earlier Havenbrug project. Acme Robotics and Beta Instruments are partners.\n"
    )
    doc, mentions = make_doc(text, ENTS)
    found = triples(extract_relations(doc, mentions, lang="en"))
    assert not {r for r in found if "hb" in r[1:] and r[0] != "SUCCESSOR_OF"}


_LEAD_SUBJECT = {
    "en": "The Zeewind project builds sensors. Acme Robotics is the lead partner and works "
    "with Beta Instruments and Delta Agency.",
    "nl": "Het project Zeewind bouwt sensoren. Acme Robotics is penvoerder en werkt samen "
    "met Beta Instruments en Delta Agency.",
    "de": "Das Projekt Zeewind baut Sensoren. Acme Robotics ist Leadpartner und arbeitet "
    "mit Beta Instruments und Delta Agency zusammen.",
    "fr": "Le projet Zeewind construit des capteurs. Acme Robotics est chef de file et "
    "travaille avec Beta Instruments et Delta Agency.",
}


def _leads(text: str, lang: str) -> set[tuple[str, str, str]]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    return {r for r in triples(extract_relations(doc, mentions, lang=lang)) if r[0] == "LEADS"}


def test_the_subject_of_a_lead_copula_leads() -> None:
    for lang, text in _LEAD_SUBJECT.items():
        assert _leads(text, lang) == {("LEADS", "acme", "zw")}, lang


# A role verb as copula ("acts as lead partner"), and a lead phrase that opens its
# sentence before the project it leads, on a page whose first project is another one.
_LEAD_ROLE_VERB = {
    "en": "The Kustlicht project starts. Acme Robotics acts as lead partner and works "
    "with Beta Instruments on the Zeewind project.",
    "nl": "Het project Kustlicht start. Acme Robotics treedt op als penvoerder en werkt samen "
    "met Beta Instruments aan het project Zeewind.",
    "de": "Das Projekt Kustlicht startet. Acme Robotics fungiert als Leadpartner und arbeitet "
    "mit Beta Instruments im Projekt Zeewind zusammen.",
    "fr": "Le projet Kustlicht démarre. Acme Robotics agit en tant que chef de file et "
    "travaille avec Beta Instruments sur le projet Zeewind.",
}
_LEAD_OPENING = {
    "en": "The Kustlicht project starts.\n\nUnder the leadership of Acme Robotics, the "
    "Zeewind project will test sensors.",
    "nl": "Het project Kustlicht start.\n\nOnder leiding van Acme Robotics gaat het project "
    "Zeewind sensoren testen.",
    "de": "Das Projekt Kustlicht startet.\n\nUnter der Leitung von Acme Robotics testet das "
    "Projekt Zeewind Sensoren.",
    "fr": "Le projet Kustlicht démarre.\n\nSous la coordination de Acme Robotics, le projet "
    "Zeewind testera des capteurs.",
}


def test_a_role_verb_says_the_lead_of_its_subject() -> None:
    for lang, text in _LEAD_ROLE_VERB.items():
        leads = _leads(text, lang)
        assert ("LEADS", "beta", "zw") not in leads and ("LEADS", "beta", "kl") not in leads, lang
        assert leads <= {("LEADS", "acme", "zw"), ("LEADS", "acme", "kl")} and leads, lang


def test_a_lead_phrase_opening_the_sentence_leads_the_project_after_it() -> None:
    for lang, text in _LEAD_OPENING.items():
        assert _leads(text, lang) == {("LEADS", "acme", "zw")}, lang


def test_a_german_passive_with_the_verb_last_names_the_lead() -> None:
    text = "Das Projekt Kustlicht startet. Das Projekt Zeewind wird von Acme Robotics geleitet."
    assert _leads(text, "de") == {("LEADS", "acme", "zw")}


def test_a_person_quoted_is_no_partner() -> None:
    text = (
        "Het project Zeewind bouwt sensoren.\n\n"
        '"We zijn blij met onze partners", zegt Jan Modderman, directeur van Acme Robotics.\n'
    )
    doc, mentions = make_doc(text, ENTS, lang="nl")
    found = triples(extract_relations(doc, mentions, lang="nl"))
    assert ("AFFILIATED_WITH", "jan", "acme") in found
    assert not {r for r in found if r[0] == "PARTICIPATES_IN" and r[1] == "jan"}


def test_a_paragraph_about_two_projects_is_no_record() -> None:
    text = (
        "Nieuws\n\nHet project Zeewind en het project Kustlicht starten.\n\n"
        "Penvoerder: Delta Agency\n"
    )
    doc, mentions = make_doc(text, ENTS, lang="nl")
    assert DocView(doc, mentions).record_at(text.index("Penvoerder"), ("Project",)) is None


def test_a_successor_named_by_the_project_is_as_sure_as_by_its_name() -> None:
    named = "Het project Zeewind bouwt sensoren. Zeewind bouwt voort op het project Havenbrug."
    referred = (
        "Het project Zeewind bouwt sensoren. Het project bouwt voort op het project Havenbrug."
    )
    sure = {
        text: next(
            r.confidence
            for r in relations(text, ENTS, lang="nl")
            if (r.type, r.source, r.target) == ("SUCCESSOR_OF", "zw", "hb")
        )
        for text in (named, referred)
    }
    assert sure[referred] == sure[named] >= 0.75
