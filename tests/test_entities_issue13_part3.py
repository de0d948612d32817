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
        "Im Begleitausschuss wurden neue Projekte genehmigt. Die Projekte laufen drei Jahre.\n"
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
        "The consortium brings together UHasselt, UniBonn and the University of Liège. "
        "Engineers from ULiège lead the work package.",
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("UHasselt", "Organisation") in found
    assert ("UniBonn", "Organisation") in found
    assert ("ULiège", "Organisation") in found
    assert {"University of Liège", "ULiège"} in groups_of(spans).values()


def test_a_french_contracted_university_joins_its_full_name() -> None:
    spans = entity_spans(
        "fr",
        "L’UCLouvain et l’ULiège rejoignent une alliance. L’Université de Liège coordonne "
        "le réseau avec l’Université catholique de Louvain.",
    )
    groups = list(groups_of(spans).values())
    assert {"ULiège", "Université de Liège"} in groups, groups
    assert {"UCLouvain", "Université catholique de Louvain"} in groups, groups
    assert all(s.label_ == "Organisation" for s in spans if s.text.startswith("U"))


def test_a_contraction_joins_the_plainest_university_name_of_its_town() -> None:
    spans = entity_spans(
        "en", "Utrecht University (UUtrecht) opened the Utrecht University Science Park."
    )
    groups = list(groups_of(spans).values())
    assert {"Utrecht University", "UUtrecht"} in groups, groups


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
        "Die Förderschwerpunkte sind klar. Die Fokusthemen sind: Wasser & Boden, "
        "Mobilität & Logistik, Bildung & Kultur. Die Stadt Kleve ist Partner.",
    )
    assert not [t for t, _ in found if "&" in t], found
    assert ("Stadt Kleve", "Region") in found or ("Kleve", "Region") in found, found


def test_french_themes_keep_no_name_but_a_place_stays() -> None:
    found = _found(
        "fr",
        "Les projets couvrent quatre thèmes prioritaires : Santé & Bien-être, "
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
    found = _found("fr", "Le programme couvre la Flandre occidentale et le Hainaut.")
    assert ("Flandre occidentale", "Region") in found
    assert ("Flandre", "Region") not in found
    found = _found("fr", "Les partenaires viennent de la Flandre Occidentale et Orientale.")
    assert {("Flandre Occidentale", "Region"), ("Orientale", "Region")} <= found, found


def test_english_compass_parts_of_one_place_are_two_regions() -> None:
    found = _found(
        "en", "The programme covers Hainaut, Western and Eastern Flanders and Nord in France."
    )
    assert {("Western", "Region"), ("Eastern Flanders", "Region")} <= found, found


def test_a_programme_area_with_its_area_word_is_a_region() -> None:
    found = _found("en", "The partners tackle a shared challenge in the 2 Seas area.")
    assert ("2 Seas area", "Region") in found, found
    found = _found(
        "en", "The aim is a sustainable and inclusive 2 Seas area, where nature thrives."
    )
    assert ("2 Seas area", "Region") in found, found
    found = _found("nl", "Het programma wil een duurzaam 2 Zeeën-gebied, met een groene economie.")
    assert ("2 Zeeën-gebied", "Region") in found, found


def test_a_name_headed_by_a_fund_compound_is_a_funding_programme() -> None:
    found = _found(
        "nl",
        "Het bedrijf kreeg een lening uit het Groeifonds Noordwest (GFN) van de provincie. "
        "Ook het Zeeland Startup DevelopmentFonds investeerde.",
    )
    assert ("Groeifonds Noordwest", "FundingProgramme") in found, found
    assert ("Zeeland Startup DevelopmentFonds", "FundingProgramme") in found, found


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
        "Le plan a été présenté par le ministre Pierre Lambert (PS) et commenté par "
        "Sophie Dumont (IBX), directrice du centre.",
    )
    assert {("PS", "Organisation"), ("IBX", "Organisation")} <= found, found
    assert ("Pierre Lambert", "Person") in found, found
    found = _found("en", "The network was founded by Anna Jansen (TNO) in Delft.")
    assert ("TNO", "Organisation") in found, found


def test_a_euregio_named_by_its_rivers_is_a_region_in_any_case() -> None:
    found = _found(
        "de",
        "Die Schulen wollen die euregio maas-rhein-süd als Lernregion stärken. "
        "Auch die Euregio Rhein-Waal ist dabei.",
    )
    assert ("euregio maas-rhein-süd", "Region") in found, found
    assert ("Euregio Rhein-Waal", "Region") in found, found
    found = _found("en", "Hospitals across the Meuse-Rhine Euregion share their data.")
    assert ("Meuse-Rhine Euregion", "Region") in found, found


def test_a_german_compass_compound_of_a_river_or_sea_is_a_region() -> None:
    found = _found(
        "de",
        "Das Fördergebiet reicht von der Ostseeküste bis zum Oberrhein, "
        "das Projekt „campus-Limburg/Niederrhein“ läuft weiter.",
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
        "In the MoU, Ghent University and Hasselt University agree to exchange staff; "
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
        "Aan het project werken de bedrijven Boskalis, Van Oord en Smulders mee, samen "
        "met brouwerij De Klaproos uit Gent.",
    )
    assert {("Van Oord", "Organisation"), ("De Klaproos", "Organisation")} <= found, found
    assert ("Smulders", "Organisation") in found, found


def test_a_german_compound_of_ordinary_parts_is_no_name_hyphens_or_not() -> None:
    found = _found(
        "de",
        "Die Partner wollen eine CO2-Reduktion erreichen, wie die Covid-19-Pandemie gezeigt "
        "hat, und Bestands-Windanlagen erneuern; in der Förderperiode 2021 läuft das Projekt "
        "WattWerk mit der Stadt Kleve.",
    )
    texts = {t for t, _ in found}
    assert not [t for t in texts if "-" in t or "Förderperiode" in t], found
    assert ("WattWerk", "Project") in found, found
