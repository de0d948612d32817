"""Programme pages that list approved projects as blocks: a name alone on a line, then
the project's fields ("Leadpartner: X", "Partners: A, B", "EFRO-bijdrage: ..."). The name
is the project the fields describe, whatever its words; the partners are organisations.

Pages written for these tests in Dutch and German; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.extractor import Extractor
from innograph.tests.entity_spans import entity_spans

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_extractor import _source, extractor
else:
    from test_extractor import _source, extractor

__all__ = ["extractor"]  # the module-scoped fixture, shared with the end-to-end tests

NL_PAGE = """Programma keurt twee nieuwe projecten goed

Het programma heeft op zijn laatste vergadering twee projecten goedgekeurd.

Velderwater
Leadpartner: Hogeschool Velderdam
Partners: Gemeente Brakstad, Acme Robotics BV, Stichting Kustlab
Totale begroting: € 2.400.000

Noordlicht
Leadpartner: Universiteit van Brakstad
Partners: Zorgnet Oost, Stichting Kustlab
Totale begroting: € 3.100.000
"""

DE_PAGE = """Zwei neue Projekte bewilligt

Projekt GrenzWasser
Lead-Partner: Hochschule Velderstadt
Projektpartner: Stadtwerke Brakhausen GmbH, Universität Nordheim
Gesamtbudget: 2,4 Mio. Euro
EFRE-Förderung: 1,2 Mio. Euro
"""


def _triples(extractor: Extractor, text: str, lang: str) -> set[tuple[str, str, str]]:
    facts = extractor.extract(_source(text, f"records-{lang}.txt"), lang=lang)
    name = {e.key: e.name for e in facts.entities}
    return {(name[r.source], r.type, name[r.target]) for r in facts.relations}


def test_a_name_alone_above_a_projects_fields_is_that_project() -> None:
    found = {(s.text, s.label_) for s in entity_spans("nl", NL_PAGE)}
    assert ("Velderwater", "Project") in found
    assert ("Noordlicht", "Project") in found


EN_TAGLINES = """Three projects approved

The committee approved three projects in May.

Brinewatch
Monitoring salt water in coastal polders
Lead partner: Velderdam Water Board
Grant: EUR 1.2 million

Kelpwise
The project builds on earlier trials with seaweed farms near Brakstad.
Lead partner: Acme Marine Ltd
Partners: Nordheim University

Tidemark – mapping the tides of the Wadden
Duration: 2024-2027
Partners: Brakstad Port Authority
"""


def test_a_name_above_its_tagline_or_paragraph_and_its_fields_is_that_project() -> None:
    found = {(s.text, s.label_) for s in entity_spans("en", EN_TAGLINES)}
    assert ("Brinewatch", "Project") in found, found
    assert ("Kelpwise", "Project") in found, found
    assert ("Tidemark", "Project") in found, found
    # the tagline is no name, nor is the page's title
    assert not [t for t, _ in found if "Monitoring" in t or "Three" in t], found


def test_a_heading_above_other_fields_or_a_section_title_is_no_project() -> None:
    organisation = "Hogeschool Velderdam\nContact: info at the desk\n\n"
    page = organisation + "Projectgegevens\nLeadpartner: Acme BV\n"
    found = {(s.text, s.label_) for s in entity_spans("nl", page)}
    assert ("Hogeschool Velderdam", "Project") not in found
    assert not [t for t, _ in found if "Projectgegevens" in t]


def test_each_block_relates_its_own_lead_and_partners(extractor: Extractor) -> None:
    triples = _triples(extractor, NL_PAGE, "nl")
    assert ("Hogeschool Velderdam", "LEADS", "Velderwater") in triples
    assert ("Acme Robotics BV", "PARTICIPATES_IN", "Velderwater") in triples
    assert ("Universiteit van Brakstad", "LEADS", "Noordlicht") in triples
    assert ("Zorgnet Oost", "PARTICIPATES_IN", "Noordlicht") in triples
    assert ("Zorgnet Oost", "PARTICIPATES_IN", "Velderwater") not in triples


def test_partners_after_a_project_compound_label_are_organisations(extractor: Extractor) -> None:
    found = {(s.text, s.label_) for s in entity_spans("de", DE_PAGE)}
    assert ("Stadtwerke Brakhausen GmbH", "Organisation") in found
    assert ("Universität Nordheim", "Organisation") in found
    # the words of a sum and a field's label are no organisations
    assert not [t for t, _ in found if "Mio" in t or t == "EFRE-Förderung"], found
    triples = _triples(extractor, DE_PAGE, "de")
    assert ("Stadtwerke Brakhausen GmbH", "PARTICIPATES_IN", "GrenzWasser") in triples
    assert ("Hochschule Velderstadt", "LEADS", "GrenzWasser") in triples


NL_BULLETS = """Drie nieuwe projecten

De stuurgroep keurde de volgende projecten goed:

• Velderwater (penvoerder: Hogeschool Velderdam) – € 1.200.000 EFRO
• Noordlicht (penvoerder: Universiteit van Brakstad) – € 950.000 EFRO
"""

DE_ITEMS = """Neue Projekte

Folgende Projekte wurden bewilligt:
- GrenzWasser, Lead-Partner: Hochschule Velderstadt, EFRE-Mittel: 1,2 Mio. Euro
- KlimaBrücke, Lead-Partner: Universität Nordheim, EFRE-Mittel: 0,9 Mio. Euro
"""


def test_listed_projects_with_their_fields_in_brackets_or_after_a_comma(
    extractor: Extractor,
) -> None:
    found = {(s.text, s.label_) for s in entity_spans("nl", NL_BULLETS)}
    assert ("Velderwater", "Project") in found and ("Noordlicht", "Project") in found
    found = {(s.text, s.label_) for s in entity_spans("de", DE_ITEMS)}
    assert ("GrenzWasser", "Project") in found and ("KlimaBrücke", "Project") in found
    assert not [t for t, _ in found if t == "EFRE-Mittel"], found
    triples = _triples(extractor, NL_BULLETS, "nl")
    assert ("Hogeschool Velderdam", "LEADS", "Velderwater") in triples
    assert ("Universiteit van Brakstad", "LEADS", "Noordlicht") in triples


def test_an_organisation_named_only_in_one_projects_block_is_not_anothers(
    extractor: Extractor,
) -> None:
    triples = _triples(extractor, DE_ITEMS, "de")
    assert ("Hochschule Velderstadt", "LEADS", "GrenzWasser") in triples
    assert ("Universität Nordheim", "LEADS", "KlimaBrücke") in triples
    assert not {t for t in triples if t[0] == "Universität Nordheim" and t[2] == "GrenzWasser"}
    assert not {t for t in triples if t[0] == "Hochschule Velderstadt" and t[2] == "KlimaBrücke"}
