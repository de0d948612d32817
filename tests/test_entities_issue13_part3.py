"""Entity rules of issue #13 part 3 (pages from unseen sites), on sentences written here.

Each test asserts the type and the exact span of what a rule finds.
"""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans, groups_of


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_record_headings_take_the_type_the_page_announces() -> None:
    text = (
        "Four innovation clusters\n\n"
        "The region supports its clusters for ten years.\n\n"
        "Harbourline: moving goods along the coast\n\n"
        "Harbourline connects the ports of the region.\n\n"
        "Grainwise: better bread from local wheat\n\n"
        "Grainwise helps millers and bakers.\n"
    )
    found = _found("en", text)
    assert ("Harbourline", "Cluster") in found
    assert ("Grainwise", "Cluster") in found


def test_record_headings_after_a_german_intro_are_projects() -> None:
    text = (
        "Im Begleitausschuss wurden fünf Projekte ausgewählt. Die Projekte laufen drei Jahre.\n"
        "WaterMill - Hier arbeiten Kommunen an der Nutzung von Grauwasser zusammen.\n"
        "KLARWEG - Die Partner entwickeln Radwege über die Grenze hinweg.\n"
    )
    found = _found("de", text)
    assert ("WaterMill", "Project") in found
    assert ("KLARWEG", "Project") in found


def test_repeated_field_labels_are_no_record_names() -> None:
    text = (
        "Our projects\n\n"
        "Lead PI: Anna de Wit\n"
        "Summary: the project studies sleep in older adults.\n"
        "Lead PI: Mark Jansen\n"
        "Summary: the project studies heart failure in women.\n"
    )
    found = _found("en", text)
    assert not [t for t, _ in found if t in {"Lead PI", "Summary"}], found


def test_a_university_glued_to_its_town_is_an_organisation() -> None:
    spans = entity_spans(
        "en",
        "The consortium brings together UTilburg, UniKassel and the University of Namur. "
        "Engineers from UNamur lead the work package.",
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("UTilburg", "Organisation") in found
    assert ("UniKassel", "Organisation") in found
    assert ("UNamur", "Organisation") in found
    assert {"University of Namur", "UNamur"} in groups_of(spans).values()


def test_a_french_contracted_university_joins_its_full_name() -> None:
    spans = entity_spans(
        "fr",
        "L’UCNamur et l’UArlon rejoignent une alliance. L’Université d’Arlon coordonne "
        "le réseau avec l’Université catholique de Namur.",
    )
    groups = list(groups_of(spans).values())
    assert {"UArlon", "Université d’Arlon"} in groups, groups
    assert {"UCNamur", "Université catholique de Namur"} in groups, groups
    assert all(s.label_ == "Organisation" for s in spans if s.text.startswith("U"))


def test_a_contraction_joins_the_plainest_university_name_of_its_town() -> None:
    spans = entity_spans(
        "en", "Arnhem University (UArnhem) opened the Arnhem University Science Park."
    )
    groups = list(groups_of(spans).values())
    assert {"Arnhem University", "UArnhem"} in groups, groups


def test_an_acronym_with_the_initials_of_an_english_name_in_another_order() -> None:
    spans = entity_spans(
        "en",
        "The plan was presented by Tilburg University (UT) and the port authority. "
        "UT will use the funds for new courses.",
    )
    groups = list(groups_of(spans).values())
    assert any({"Tilburg University", "UT"} <= g for g in groups), groups
    assert ("Tilburg University", "Organisation") in {(s.text, s.label_) for s in spans}


def test_themes_listed_after_a_theme_word_are_no_names() -> None:
    found = _found(
        "de",
        "Die Förderschwerpunkte sind klar. Unsere Schwerpunktthemen lauten: Wasser & Boden, "
        "Mobilität & Logistik, Bildung & Kultur. Die Stadt Kleve ist Partner.",
    )
    assert not [t for t, _ in found if "&" in t], found
    assert ("Stadt Kleve", "Region") in found or ("Kleve", "Region") in found, found


def test_french_themes_keep_no_name_but_a_place_stays() -> None:
    found = _found(
        "fr",
        "Les projets couvrent quatre thèmes retenus : Santé & Bien-être, "
        "Transition énergétique, Patrimoine & Tourisme et Gouvernance. Le siège est à Namur.",
    )
    assert not [t for t, _ in found if t != "Namur"], found


def test_a_bulleted_list_of_sectors_is_no_list_of_organisations() -> None:
    text = (
        "Het fonds investeert in vier topsectoren:\n"
        "  • Water & Maritiem\n"
        "  • Chemie & Materialen\n"
        "  • Logistiek\n"
        "De aanvragen gaan naar Stichting Noorderwind in Groningen.\n"
    )
    found = _found("nl", text)
    assert not [t for t, _ in found if "&" in t or t == "Logistiek"], found
    assert ("Stichting Noorderwind", "Organisation") in found


def test_a_french_place_and_its_compass_adjective_are_one_region() -> None:
    found = _found("fr", "Le réseau relie le Hainaut occidental et la province de Namur.")
    assert ("Hainaut occidental", "Region") in found
    assert ("Hainaut", "Region") not in found
    found = _found("fr", "Les écoles partenaires viennent du Hainaut Occidental et Oriental.")
    assert {("Hainaut Occidental", "Region"), ("Oriental", "Region")} <= found, found


def test_english_compass_parts_of_one_place_are_two_regions() -> None:
    found = _found(
        "en", "The network spans Zeeland, Northern and Southern Limburg and Liège in Belgium."
    )
    assert {("Northern", "Region"), ("Southern Limburg", "Region")} <= found, found


def test_a_programme_area_with_its_area_word_is_a_region() -> None:
    found = _found("en", "Our members share one goal for the 3 Seas area.")
    assert ("3 Seas area", "Region") in found, found
    found = _found("en", "We want a greener and fairer 3 Seas area, where farms and towns prosper.")
    assert ("3 Seas area", "Region") in found, found
    found = _found("nl", "De partners bouwen aan een sterk 3 Zeeën-gebied, met schone havens.")
    assert ("3 Zeeën-gebied", "Region") in found, found


def test_a_name_headed_by_a_fund_compound_is_a_funding_programme() -> None:
    found = _found(
        "nl",
        "Het bedrijf kreeg een lening uit het Groeifonds Noordwest (GFN) van de provincie. "
        "Daarna investeerde ook het Drenthe Starters GroeiFonds.",
    )
    assert ("Groeifonds Noordwest", "FundingProgramme") in found, found
    assert ("Drenthe Starters GroeiFonds", "FundingProgramme") in found, found


def test_an_english_term_in_capitals_in_a_dutch_text_is_no_name() -> None:
    found = _found(
        "nl",
        "Het prototype moet minstens Technology Readiness Level 6 halen, zegt de "
        "Stichting Brabantse Waterkracht in Breda.",
    )
    assert not [t for t, _ in found if "Readiness" in t], found
    assert ("Stichting Brabantse Waterkracht", "Organisation") in found, found


def test_a_german_plural_place_word_is_no_part_of_the_place() -> None:
    found = _found(
        "de",
        "Schon im Frühjahr hatten die Städte Nijmegen und Kleve eine Absprache getroffen. "
        "Die Regionen Twente und Achterhoek arbeiten zusammen.",
    )
    assert ("Nijmegen", "Region") in found, found
    assert ("Twente", "Region") in found, found
    assert not [t for t, _ in found if t.startswith(("Städte", "Regionen"))], found


def test_an_acronym_in_brackets_after_a_person_is_the_persons_organisation() -> None:
    found = _found(
        "fr",
        "Le plan a été présenté par le ministre Pierre Lambert (CV) et commenté par "
        "Sophie Dumont (IBX), directrice du centre.",
    )
    assert {("CV", "Organisation"), ("IBX", "Organisation")} <= found, found
    assert ("Pierre Lambert", "Person") in found, found
    found = _found("en", "The network was founded by Anna Jansen (KVL) in Delft.")
    assert ("KVL", "Organisation") in found, found


def test_a_euregio_named_by_its_rivers_is_a_region_in_any_case() -> None:
    found = _found(
        "de",
        "Die Vereine möchten die euregio maas-mosel-ost als Sportregion stärken. "
        "Auch die Euregio Mosel-Nord macht mit.",
    )
    assert ("euregio maas-mosel-ost", "Region") in found, found
    assert ("Euregio Mosel-Nord", "Region") in found, found
    found = _found("en", "Libraries across the Moselle-Meuse Euregion share their catalogues.")
    assert ("Moselle-Meuse Euregion", "Region") in found, found


def test_a_german_compass_compound_of_a_river_or_sea_is_a_region() -> None:
    found = _found(
        "de",
        "Das Fördergebiet reicht von der Ostseeküste bis zum Oberrhein, "
        "das Projekt „lernen-Venlo/Niederrhein“ läuft weiter.",
    )
    assert {("Ostseeküste", "Region"), ("Oberrhein", "Region")} <= found, found
    assert ("Niederrhein", "Region") not in found, found


def test_a_programme_body_named_by_its_function_is_no_name() -> None:
    found = _found(
        "nl",
        "Het Comité van Toezicht keurde het verslag goed. De Stuurgroep van de "
        "Provincie Zeeland vergadert in Middelburg.",
    )
    assert not [t for t, _ in found if t in {"Comité van Toezicht", "Stuurgroep"}], found
    found = _found("en", "The Monitoring Committee approved ten projects in Breda.")
    assert ("Monitoring Committee", "Organisation") not in found, found


def test_a_kind_of_document_is_no_name() -> None:
    found = _found(
        "en",
        "In the MoU, Noordkamp University and Hollandstad College agree to exchange staff; "
        "the ToR of the call are online.",
    )
    assert not [t for t, _ in found if t in {"MoU", "ToR"}], found
    found = _found(
        "de", "Die Städte unterzeichneten einen Letter of Intent mit der Hochschule Emden."
    )
    assert not [t for t, _ in found if "Letter" in t], found


def test_a_german_province_is_a_region() -> None:
    found = _found("de", "Gefördert wird das Projekt von der Provinz Gelderland und dem Land NRW.")
    assert ("Provinz Gelderland", "Region") in found, found


def test_a_capitalised_particle_in_mid_sentence_opens_the_name() -> None:
    found = _found(
        "nl",
        "Aan het project werken de bedrijven Brandt, Van Holtmans en Kerstens mee, samen "
        "met bakkerij De Molenwiek uit Gent.",
    )
    assert {("Van Holtmans", "Organisation"), ("De Molenwiek", "Organisation")} <= found, found
    assert ("Kerstens", "Organisation") in found, found


def test_a_german_compound_of_ordinary_parts_is_no_name_hyphens_or_not() -> None:
    found = _found(
        "de",
        "Die Partner wollen die CO2-Bilanz senken, wie die Covid-19-Krise gezeigt "
        "hat, und Bestands-Windanlagen erneuern; in der Förderperiode 2021 läuft das Projekt "
        "WattWerk mit der Stadt Kleve.",
    )
    texts = {t for t, _ in found}
    assert not [t for t in texts if "-" in t or "Förderperiode" in t], found
    assert ("WattWerk", "Project") in found, found


def test_a_german_project_word_in_the_genitive_introduces_the_project() -> None:
    for text in (
        "Sie stellte die Ergebnisse des Projekts Korvalink vor.",
        "Die Ergebnisse des Projektes Korvalink sind gut.",
    ):
        found = _found("de", text)
        assert ("Korvalink", "Project") in found, found
        assert not [t for t, _ in found if t.startswith("Projekt")], found


def test_a_german_name_in_the_genitive_is_the_same_entity() -> None:
    text = (
        "Der Landkreis Velderholm leitet das Vorhaben. Anna Meyer, Landrätin des "
        "Landkreises Velderholm, eröffnete die Tagung."
    )
    groups = groups_of(entity_spans("de", text))
    assert {"Landkreis Velderholm", "Landkreises Velderholm"} in groups.values(), groups


def test_interreg_north_west_europe_in_french_is_not_interreg_europe() -> None:
    text = "Le projet est financé par le programme Interreg Europe du Nord-Ouest."
    spans = entity_spans("fr", text)
    names = {s.text: s.kb_id_ for s in spans}
    assert "Interreg Europe du Nord-Ouest" in names, names
    assert "2014TC16RFIR001" not in names["Interreg Europe du Nord-Ouest"]  # Interreg Europe
    other = entity_spans("fr", "Le projet est financé par Interreg Europe.")
    found = {s.text: s.kb_id_ for s in other}
    assert "2014TC16RFIR001" in found["Interreg Europe"]


def test_a_project_heading_over_its_programme_then_its_lead_field() -> None:
    # The record's first fields need not be a project's own ("Programma", "Prioriteit");
    # a lead field a few lines down still makes the heading a project's name, and the
    # tagline after the dash is no part of it.
    text = (
        "Projectpagina\n\n"
        "Zeewering – verzilting van polders tegengaan\n\n"
        "Programma: Interreg Noordkust\n"
        "Prioriteit: Klimaat\n"
        "Penvoerder: Waterschap Kustland\n"
        "Looptijd: 2024 – 2027\n"
    )
    found = _found("nl", text)
    assert ("Zeewering", "Project") in found, found
    assert not [t for t, _ in found if "verzilting" in t], found


def test_a_heading_over_fields_of_no_project_is_no_project() -> None:
    text = (
        "Contact\n\n"
        "Stadsloket Noord\n\n"
        "Adres: Kerkstraat 12\n"
        "Telefoon: 010 123 45 67\n"
        "Openingstijden: maandag tot vrijdag\n"
    )
    found = _found("nl", text)
    assert ("Stadsloket Noord", "Project") not in found, found


def test_a_listed_name_is_read_again_where_a_paragraph_opens_with_it() -> None:
    # The list vouches for the name; opening a paragraph, its capitals prove nothing and
    # the gazetteer reads only the place at its end.
    text = (
        "Le comité a retenu deux projets :\n"
        "• TransVélo Nord\n"
        "• Aquaval\n\n"
        "TransVélo Nord relie les pistes cyclables des deux côtés de la frontière.\n"
    )
    spans = entity_spans("fr", text)
    names = [(s.text, s.label_) for s in spans]
    assert names.count(("TransVélo Nord", "Project")) == 2, names
    assert ("Nord", "Region") not in names, names
    assert len(groups_of([s for s in spans if s.text == "TransVélo Nord"])) == 1


def test_a_name_of_ordinary_words_at_a_project_cue_is_a_project() -> None:
    found = _found("en", "The Solar Bridge project brings together twelve partners.")
    assert ("Solar Bridge", "Project") in found, found
    found = _found("de", "Im Projekt Sonnenbrücke arbeiten zwölf Partner zusammen.")
    assert ("Sonnenbrücke", "Project") in found, found


def test_a_german_project_compound_is_a_project_cue() -> None:
    # "Forschungsprojekt", "Pilotprojekt": the head "Projekt" says what the name after is
    found = _found("de", "Auch das Pilotprojekt Wärmewende läuft seit dem Frühjahr.")
    assert ("Wärmewende", "Project") in found, found
    found = _found("de", "Wir suchen für das Forschungsprojekt Partner aus der Region.")
    assert not [t for t, label in found if "Partner" in t], found


def test_a_frequent_german_noun_after_projekt_is_no_name() -> None:
    # "für das Projekt Partner finden": the noun is the verb's object, not a name
    found = _found("de", "Wir wollen für das Projekt Partner aus der Region gewinnen.")
    assert not [t for t, label in found if t == "Partner"], found


def test_a_name_after_the_project_word_is_no_place_adjective() -> None:
    # "-se" ends Dutch adjectives of places ("het Limburgse project"); after the noun,
    # Dutch has a name there, not an adjective
    found = _found("nl", "Acme Robotics treedt toe tot het project Tidewise. Het project loopt.")
    assert ("Tidewise", "Project") in found, found
