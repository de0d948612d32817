"""Each entity component on short sentences written here (EN and NL).

Component tests run a blank pipeline plus the component under test where the component
works alone; the grouping tests run the full language pipeline.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import innograph.ingest.entities  # noqa: F401  (registers the factories)
from innograph.ingest.entities.gazetteer_ruler import hyphen_variants
from innograph.ingest.entities.interreg import InterregName, generation_of_year
from innograph.ingest.entities.spans import SPAN_ENTITIES, SPAN_GAZETTEER, SPAN_PATTERNS
from innograph.ingest.nlp import pipeline
from innograph.tests.entity_spans import entity_spans, groups_of


def _blank_with(lang: str, *names: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    for name in names:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="module")
def gazetteer_nl() -> Language:
    return _blank_with("nl", "innograph_gazetteer_v1")


@pytest.fixture(scope="module")
def patterns_en() -> Language:
    return _blank_with("en", "innograph_patterns_v1")


def _found(doc: spacy.tokens.Doc, group: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in doc.spans[group]}


_KEEP: list[spacy.tokens.Doc] = []  # the spans of a Doc live only as long as the Doc


# -- gazetteer -------------------------------------------------------------------------


def test_gazetteer_finds_regions_funds_and_their_keys(gazetteer_nl: Language) -> None:
    doc = gazetteer_nl("Het EFRO investeert in Noord-Brabant en in de provincie Friesland.")
    keys = {(s.text, s.label_, s.kb_id_) for s in doc.spans[SPAN_GAZETTEER]}
    assert ("EFRO", "FundingProgramme", "european-regional-development-fund") in keys
    assert ("Noord-Brabant", "Region", "NL41") in keys
    assert ("Friesland", "Region", "NL12") in keys


def test_gazetteer_is_case_sensitive_for_one_word_names(gazetteer_nl: Language) -> None:
    doc = gazetteer_nl("De efro-regels gelden ook voor zeeland, zei men.")
    assert not doc.spans[SPAN_GAZETTEER]


def test_gazetteer_marks_ambiguous_region_names(gazetteer_nl: Language) -> None:
    doc = gazetteer_nl("Het bedrijf verhuist naar Limburg.")
    (span,) = [s for s in doc.spans[SPAN_GAZETTEER] if s.text == "Limburg"]
    assert span.label_ == "Region" and span.kb_id_ == "?NL42|BE22"  # decided by context later


def test_gazetteer_finds_hyphenated_names_written_with_spaces(gazetteer_nl: Language) -> None:
    doc = gazetteer_nl("Partners uit Ile de France, uit Schleswig Holstein en uit Rheinland Pfalz.")
    keys = {(s.text, s.kb_id_) for s in doc.spans[SPAN_GAZETTEER]}
    assert ("Ile de France", "FR1") in keys
    assert ("Schleswig Holstein", "DEF") in keys
    assert ("Rheinland Pfalz", "DEB") in keys


def test_gazetteer_knows_towns_named_often_only_at_home(gazetteer_nl: Language) -> None:
    doc = gazetteer_nl("Het bedrijf verhuist van Roosendaal naar Heerenveen en Tübingen.")
    found = {(s.text, s.label_) for s in doc.spans[SPAN_GAZETTEER]}
    assert {("Roosendaal", "Region"), ("Heerenveen", "Region"), ("Tübingen", "Region")} <= found


def test_a_town_after_a_glued_hyphen_is_part_of_a_double_name() -> None:
    spans = entity_spans("nl", "De campussen liggen in Roosendaal- Heerenveen en in Tilburg.")
    found = {s.text for s in spans}
    assert "Heerenveen" not in found  # part of "Roosendaal- Heerenveen", written with a space


def test_spaced_variants_of_a_hyphenated_name() -> None:
    assert hyphen_variants("Ile-de-France") == [
        "Ile-de-France",
        "Ile-de France",
        "Ile de-France",
        "Ile de France",
    ]
    assert hyphen_variants("Acmeland") == ["Acmeland"]
    assert hyphen_variants("H-2020") == ["H-2020"]  # a hyphen before a digit is kept


# -- rules ---------------------------------------------------------------------------------


def test_head_nouns_make_organisations_and_events(patterns_en: Language) -> None:
    doc = patterns_en(
        "The Alpine Institute of Robotics hosted the Mountain Mobility Summit 2025 with the "
        "Valley Battery Cluster."
    )
    found = _found(doc, SPAN_PATTERNS)
    assert ("Alpine Institute of Robotics", "Organisation") in found
    assert ("Mountain Mobility Summit 2025", "Event") in found
    assert ("Valley Battery Cluster", "Cluster") in found


def test_project_cues_before_and_after_a_name(patterns_en: Language) -> None:
    doc = patterns_en("The SeaBridge project builds on the project Harbour Twin.")
    found = _found(doc, SPAN_PATTERNS)
    assert ("SeaBridge", "Project") in found
    assert ("Harbour Twin", "Project") in found


def test_person_after_a_role_word(patterns_en: Language) -> None:
    doc = patterns_en("The fund was presented by Minister of Economy Hilde Vermeulen today.")
    assert ("Hilde Vermeulen", "Person") in _found(doc, SPAN_PATTERNS)


def test_dutch_person_after_role_with_portfolio() -> None:
    nlp = _blank_with("nl", "innograph_patterns_v1")
    doc = nlp("Vlaams minister van Economie Pieter Janssens opende de dag.")
    assert ("Pieter Janssens", "Person") in _found(doc, SPAN_PATTERNS)


@pytest.mark.parametrize(
    ("text", "generation", "strand", "ref"),
    [
        ("Interreg V-A Belgium-Germany-The Netherlands", "V", "A", "2014TC16RFCB001"),
        ("Interreg VA Flanders - the Netherlands programme", "V", "A", "2014TC16RFCB046"),
        ("Interreg VI France-Wallonie-Vlaanderen", "VI", None, "2014TC16RFCB044"),
        ("Interreg Europe", None, "Europe", "2014TC16RFIR001"),
        ("Interreg Vlaanderen-Nederland 2014-2020", "V", None, "2014TC16RFCB046"),
    ],
)
def test_interreg_names_are_parsed_into_generation_strand_and_area(
    patterns_en: Language, text: str, generation: str | None, strand: str | None, ref: str
) -> None:
    doc = patterns_en(f"The project was approved by {text} last year.")
    programmes = [s for s in doc.spans[SPAN_PATTERNS] if s.kb_id_.startswith("interreg|")]
    assert len(programmes) == 1
    name = InterregName.from_key(programmes[0].kb_id_)
    assert name is not None
    assert (name.generation, name.strand, name.ref) == (generation, strand, ref)


def test_interreg_generation_of_a_year() -> None:
    assert generation_of_year(2016) == "V"
    assert generation_of_year(2023) == "VI"
    assert generation_of_year(2010) == "IV"
    assert generation_of_year(1950) is None


# -- weak names, lists and grouping (full pipelines) ------------------------------------


def test_list_members_take_the_type_of_the_cue_before_the_list() -> None:
    spans = entity_spans(
        "en",
        "Partners work in the following platforms: Circular Plastics, Blue Biotech, Space Data.",
    )
    assert {(s.text, s.label_) for s in spans} == {
        ("Circular Plastics", "S3Platform"),
        ("Blue Biotech", "S3Platform"),
        ("Space Data", "S3Platform"),
    }


def test_dutch_project_list_after_cue() -> None:
    spans = entity_spans("nl", "Het gaat om de projecten Zeeslag, Windkracht en Duinrand.")
    assert {(s.text, s.label_) for s in spans} == {
        ("Zeeslag", "Project"),
        ("Windkracht", "Project"),
        ("Duinrand", "Project"),
    }


def test_adjectives_from_place_names_are_not_entities_in_dutch() -> None:
    spans = entity_spans("nl", "Er gaat geld naar de Vlaams-Nederlandse grensstreek.")
    assert not [s for s in spans if "Vlaams" in s.text]


def test_acronym_and_long_form_are_one_entity() -> None:
    spans = entity_spans(
        "en",
        "The Walloon Agency for Digital Transformation (WADT) signed the deal. "
        "Later that year WADT opened an office in Namur.",
    )
    groups = groups_of(spans)
    assert {"Walloon Agency for Digital Transformation", "WADT"} in groups.values()


def test_short_form_joins_the_full_name_seen_earlier() -> None:
    spans = entity_spans(
        "en",
        "Hartwell Polytechnic Institute leads the consortium. Next year Hartwell Polytechnic "
        "will host the partners.",
    )
    assert {"Hartwell Polytechnic Institute", "Hartwell Polytechnic"} in groups_of(spans).values()


def test_language_variants_share_a_registry_key_and_group() -> None:
    spans = entity_spans(
        "nl",
        "Het Europees Fonds voor Regionale Ontwikkeling (EFRO) steunt het project. "
        "Zonder EFRO was dit niet gelukt.",
    )
    groups = groups_of(spans)
    assert {"Europees Fonds voor Regionale Ontwikkeling", "EFRO"} in groups.values()


def test_numbered_successor_is_not_the_same_project() -> None:
    spans = entity_spans(
        "en",
        "The GreenPort project is funded by the ERDF. GreenPort 2 starts next year.",
    )
    groups = groups_of(spans)
    assert {"GreenPort"} in groups.values()
    assert {"GreenPort 2"} in groups.values()
    labels = {s.text: s.label_ for s in spans}
    assert labels["GreenPort 2"] == "Project"  # typed like the family it belongs to


def test_mid_sentence_capitalised_dutch_names_are_organisations() -> None:
    spans = entity_spans(
        "nl",
        "Met dit plan willen Regionale Impuls Drenthe, Kennispoort Noord en Campus Kolderveen "
        "ondernemers helpen.",
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("Regionale Impuls Drenthe", "Organisation") in found
    assert ("Kennispoort Noord", "Organisation") in found


def test_a_body_named_at_the_start_of_a_sentence_keeps_its_first_word() -> None:
    spans = entity_spans(
        "nl", "Gedeputeerde Staten van Gelderland steunen het fonds van Acme Robotics."
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("Gedeputeerde Staten van Gelderland", "Organisation") in found


def test_a_dateline_ends_before_the_first_sentence() -> None:
    spans = entity_spans("nl", "date 2024-05 Sinds Europa betaalt, groeit Acme Robotics snel.")
    found = {(s.text, s.label_) for s in spans}
    assert ("Europa", "Region") in found
    assert not any(s.text.startswith("Sinds") for s in spans)


def test_generic_terms_and_continents_are_not_entities() -> None:
    spans = entity_spans("en", "Africa invests in Industry 4.0 and AI for SMEs.")
    assert not spans


def test_europe_as_a_place_is_a_region() -> None:
    spans = entity_spans("nl", "Het bedrijf verkoopt zijn pompen in heel Europa.")
    assert ("Europa", "Region") in {(s.text, s.label_) for s in spans}


def test_the_line_after_a_role_heading_is_an_organisation() -> None:
    spans = entity_spans(
        "en", "Project summary\n\nLead partner\nBrightwater Textiles\nGhent, Belgium"
    )
    assert ("Brightwater Textiles", "Organisation") in {(s.text, s.label_) for s in spans}


def test_what_is_co_financed_is_a_project() -> None:
    spans = entity_spans("en", "ReLoom is co-financed by the ERDF.")
    assert ("ReLoom", "Project") in {(s.text, s.label_) for s in spans}


def test_a_generic_registry_name_is_not_in_the_gazetteer(gazetteer_nl: Language) -> None:
    # A registry lists it as one school's name; its words are ordinary English words.
    doc = gazetteer_nl("Zij studeert aan een University of Applied Sciences in Vlissingen.")
    assert not [s for s in doc.spans[SPAN_GAZETTEER] if "University" in s.text]


def test_a_dutch_name_after_a_place_preposition_is_a_place() -> None:
    spans = entity_spans("nl", "De nieuwe fabriek staat in Oosterwolde en het kantoor in Dalfsen.")
    found = {(s.text, s.label_) for s in spans}
    assert ("Oosterwolde", "Region") in found and ("Dalfsen", "Region") in found


def test_long_form_after_the_short_name_joins_it() -> None:
    spans = entity_spans(
        "en",
        "SeaLink (Sea Logistics Integrated Network) will build a data platform. "
        "SeaLink is led by a port authority.",
    )
    assert {"SeaLink", "Sea Logistics Integrated Network"} in groups_of(spans).values()


def test_glued_words_are_not_names() -> None:
    spans = entity_spans("en", "The plan covers many sectorsWaveNet and more healthTech ideas.")
    assert not [s for s in spans if s.text in {"sectorsWaveNet", "healthTech"}]


def test_the_same_name_is_one_entity_whatever_the_ner_says() -> None:
    spans = entity_spans(
        "en", "TideGrid4 builds sensors. In Europe, TideGrid4 partners with ports in Spain."
    )
    assert len({s.id_ for s in spans if s.text == "TideGrid4"}) == 1


def test_german_noun_before_a_genitive_is_not_part_of_the_name() -> None:
    spans = entity_spans(
        "de",
        "Gestern sprach der Sprecher der Hochschule Waldbrück mit dem Ministerium des "
        "Landes Kolderland über den Umfang des Vorhabens.",
    )
    texts = {s.text for s in spans}
    assert "Hochschule Waldbrück" in texts
    assert not any(t.startswith("Sprecher") or t.startswith("Umfang") for t in texts)
    assert any(t.startswith("Ministerium des Landes") for t in texts)


def test_french_elided_article_is_not_part_of_a_name() -> None:
    spans = entity_spans(
        "fr", "Le rapport a été rédigé par l’Agence Wallonne du Numérique. L’OKTAVIA aide les PME."
    )
    texts = {s.text for s in spans}
    assert not any(t.lower().startswith(("l’", "l'")) for t in texts)
    assert "PME" not in texts
    assert all(s.label_ != "Person" for s in spans)


def test_headings_and_ordinary_words_in_capitals_are_not_names() -> None:
    spans = entity_spans(
        "fr",
        "TRENTE ANNÉES DE RECHERCHE EN MONTAGNE\nLe centre a reçu en mai le label GARDEN.",
    )
    texts = {s.text for s in spans}
    assert not any("RECHERCHE" in t or "MONTAGNE" in t for t in texts)
    assert "GARDEN" not in texts


def test_a_name_with_a_fund_compound_is_a_funding_programme() -> None:
    spans = entity_spans(
        "nl", "Het bedrijf kreeg geld uit het Kolderlands Groeifonds voor de bouw."
    )
    assert ("Kolderlands Groeifonds", "FundingProgramme") in {(s.text, s.label_) for s in spans}


def test_french_name_ending_in_a_compass_point_is_a_region() -> None:
    spans = entity_spans("fr", "La délégation a visité la Picardie Orientale en mai.")
    assert ("Picardie Orientale", "Region") in {(s.text, s.label_) for s in spans}


def test_a_lower_case_registry_acronym_counts_only_as_a_sentence_subject() -> None:
    for text in (
        "adimec, the camera maker from Eindhoven, supplies sensors.",
        "adimec was set up.",
    ):
        spans = entity_spans("en", text)
        assert ("adimec", "Organisation") in {(s.text, s.label_) for s in spans}
    spans = entity_spans("en", "The firm met adimec staff in May.")
    assert "adimec" not in {s.text for s in spans}


def test_a_flagship_is_a_project_even_of_ordinary_words() -> None:
    doc = pipeline("en")("The Quantum Flagship was launched with many partners in 2018.")
    typed = {s.text: s.label_ for s in doc.spans[SPAN_ENTITIES]}
    assert typed.get("Quantum Flagship") == "Project"


def test_a_long_form_with_and_that_spells_its_acronym_stays_one_name() -> None:
    doc = pipeline("en")("It was set up by the Marine and Coastal Research Board (MCRB) in 2001.")
    names = [s.text for s in doc.spans[SPAN_ENTITIES]]
    assert "Marine and Coastal Research Board" in names
    assert "Marine" not in names


def test_capitalised_parts_joined_by_a_tilde_are_one_name() -> None:
    spans = entity_spans("nl", "Water~Werken steunt sinds 2015 onderzoek naar dijken.")
    assert "Water~Werken" in {s.text for s in spans}


def test_an_acronym_with_a_qualifying_prefix_names_its_long_form() -> None:
    doc = pipeline("nl")("Het plan komt van de Dienst Bodem en Water (NLDBW) in Utrecht.")
    _KEEP.append(doc)
    flagged = {s.text: s.kb_id_ for s in doc.spans[SPAN_PATTERNS] if s.kb_id_}
    assert flagged.get("Dienst Bodem en Water") == "acronym|NLDBW"


def test_a_short_interreg_area_in_brackets_is_the_same_programme() -> None:
    doc = pipeline("en")(
        "Interreg Upper Rhine (Interreg UR) links three countries. "
        "Projects funded by Interreg UR share their results."
    )
    _KEEP.append(doc)
    keys = {s.text: s.kb_id_ for s in doc.spans[SPAN_PATTERNS] if s.text.startswith("Interreg")}
    assert keys["Interreg UR"] == keys["Interreg Upper Rhine"]


def test_a_head_word_name_capitalised_mid_sentence_twice_is_a_name() -> None:
    spans = entity_spans(
        "en",
        "The partners met the Green Port Hub in May. Later the Green Port Hub signed the deal.",
    )
    assert "Green Port Hub" in {s.text for s in spans}


def test_a_confirmed_lower_case_brand_is_found_mid_sentence_too() -> None:
    spans = entity_spans("en", "adimec was set up in 1992. The board of adimec met in May.")
    assert [s.text for s in spans if s.text == "adimec"] == ["adimec", "adimec"]


def test_a_fund_compound_heads_the_name_it_opens() -> None:
    spans = entity_spans("nl", "Het bedrijf krijgt steun van het Groeifonds Drenthe en de bank.")
    assert ("Groeifonds Drenthe", "FundingProgramme") in {(s.text, s.label_) for s in spans}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("nl", "Daarvoor betaalt het Rijk de helft van de kosten.", "het Rijk"),
        ("nl", "De proeftuin krijgt geld van de Vlaamse regering.", "Vlaamse regering"),
        ("en", "The scheme was launched by the Danish government last year.", "Danish government"),
        (
            "de",
            "Die baden-württembergische Landesregierung fördert das Labor.",
            "baden-württembergische Landesregierung",
        ),
    ],
)
def test_a_government_named_by_its_place_is_an_organisation(
    lang: str, text: str, name: str
) -> None:
    spans = entity_spans(lang, text)
    assert (name, "Organisation") in {(s.text, s.label_) for s in spans}


def test_a_government_word_alone_is_not_a_name() -> None:
    spans = entity_spans("en", "The local government and the national government agreed.")
    assert not [s for s in spans if "government" in s.text]


def test_number_words_and_quantities_do_not_continue_a_name() -> None:
    spans = entity_spans(
        "nl",
        "Het fonds kent in Nederland vier loketten. Daarvoor trok Groeiplan Noord 40 miljoen uit.",
    )
    texts = {s.text for s in spans}
    assert "Nederland" in texts
    assert not any(t.endswith(("vier", "40")) for t in texts)


def test_a_number_in_digits_continues_a_name() -> None:
    spans = entity_spans("en", "The call is part of Horizon 2020 and of Brightport 2030.")
    assert "Brightport 2030" in {s.text for s in spans}


def test_eu_recovery_and_grant_schemes_are_funding_programmes() -> None:
    spans = entity_spans(
        "en", "The lab got an ERC Starting Grant, and the city used REACT-EU money for it."
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("ERC Starting Grant", "FundingProgramme") in found
    assert ("REACT-EU", "FundingProgramme") in found


def test_label_words_before_a_name_are_not_part_of_it() -> None:
    spans = entity_spans(
        "de",
        "Er arbeitet mit der Firma Meyer Solar Systems. "
        "Der Lead Partner Hochschule Rheinland wird es leiten.",
    )
    texts = {s.text for s in spans}
    assert {"Meyer Solar Systems", "Hochschule Rheinland"} <= texts


def test_a_ministry_keeps_its_whole_portfolio() -> None:
    spans = entity_spans(
        "de",
        "Es zahlen das Ministerium für Verkehr, Bau und Umwelt des Landes Niedersachsen "
        "und das Ministerium für Kultur, Sport und Jugend BW.",
    )
    texts = {s.text for s in spans}
    assert "Ministerium für Verkehr, Bau und Umwelt des Landes Niedersachsen" in texts
    assert "Ministerium für Kultur, Sport und Jugend BW" in texts


def test_a_ministry_does_not_swallow_the_next_partner() -> None:
    spans = entity_spans(
        "de", "Partner sind das Ministerium für Verkehr, Provinz Drenthe und die Stadt Lingen."
    )
    assert "Ministerium für Verkehr" in {s.text for s in spans}


def test_the_inflected_german_erdf_name_is_found_whole() -> None:
    spans = entity_spans(
        "de", "Das Labor wird aus dem Europäischen Fonds für regionale Entwicklung bezahlt."
    )
    found = {(s.text, s.label_) for s in spans}
    assert ("Europäischen Fonds für regionale Entwicklung", "FundingProgramme") in found


def test_a_known_name_inside_a_hyphenated_name_is_not_an_entity() -> None:
    spans = entity_spans(
        "de", "Die Region Südholstein-Lippe und die Stadt Lippe-Nordwald sind Partner."
    )
    assert "Lippe" not in {s.text for s in spans}


def test_europe_inside_a_longer_name_is_not_the_place() -> None:
    spans = entity_spans("en", "The Biotech5 Europe network meets in Europe.")
    found = [(s.text, s.label_) for s in spans]
    assert found.count(("Europe", "Region")) == 1
