"""A kind noun before a name types the name ("het cluster X", "die Firma X", "le pôle X"),
and a cluster apposition types the name before it (``entities/kinds.py``); sentences
written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_after_a_cluster_noun_is_a_cluster() -> None:
    found = _found("nl", "Nieuws. Bedrijven werken samen met het cluster Kalibra aan materialen.")
    assert ("Kalibra", "Cluster") in found, found
    found = _found("en", "News. We work with the innovation cluster Seaforge on wind.")
    assert ("Seaforge", "Cluster") in found, found
    found = _found(
        "fr",
        "Actualités. Le projet est labellisé par le pôle de compétitivité Aquavera.",
    )
    assert ("Aquavera", "Cluster") in found, found


def test_a_german_kind_noun_is_not_part_of_the_name() -> None:
    found = _found("de", "Aktuelles. Mitglieder des Clusters Glutwerk sind zwanzig Firmen.")
    assert ("Glutwerk", "Cluster") in found, found
    assert not [t for t, _ in found if t.startswith("Cluster")], found


def test_a_company_name_takes_its_glued_lower_case_part() -> None:
    found = _found("de", "Aktuelles. Der Preis ging an die Firma ZKT-consult aus Gronau.")
    assert ("ZKT-consult", "Organisation") in found, found


def test_an_ordinary_word_after_a_kind_noun_is_no_name() -> None:
    found = _found("en", "News. At the meeting the cluster Members voted on the plan.")
    assert not [t for t, _ in found if "Members" in t], found
    found = _found("fr", "Actualités. Le réseau Entreprendre aide les créateurs.")
    assert ("Entreprendre", "Organisation") not in found, found


def test_a_cluster_apposition_types_the_name_and_is_no_name() -> None:
    found = _found("en", "News. Greenspark, the Scottish cluster for hydrogen, leads the work.")
    assert ("Greenspark", "Cluster") in found, found
    assert not [t for t, _ in found if "Scottish" in t], found
    found = _found("en", "News. Moreover, the Welsh cluster grew.")
    assert not [t for t, _ in found if t == "Moreover"], found


def test_the_kind_noun_and_its_article_leave_the_name_of_every_source() -> None:
    found = _found("de", "Aktuelles. Mitglieder im Netzwerk Zinnkamm sind zwanzig Firmen.")
    assert ("Zinnkamm", "Organisation") in found, found
    assert not [t for t, _ in found if t.startswith("Netzwerk")], found


def test_an_acronym_that_spells_the_kind_noun_keeps_it_in_the_name() -> None:
    found = _found("de", "Aktuelles. Das Cluster Robotik Nordost (CRN) hat 120 Mitglieder.")
    assert ("Cluster Robotik Nordost", "Cluster") in found, found


def test_a_plural_kind_noun_types_the_names_it_lists() -> None:
    found = _found("en", "News. Research centres such as Velmar and KTRI joined the consortium.")
    assert {("Velmar", "Organisation"), ("KTRI", "Organisation")} <= found, found
    found = _found(
        "en", "News. Funding comes from schemes such as GreenStart (a loan) and ScaleNow."
    )
    assert {("GreenStart", "FundingProgramme"), ("ScaleNow", "FundingProgramme")} <= found, found
    found = _found("nl", "Nieuws. De gemeenten Oudwater, Hesselby en Marken steunen het plan.")
    assert ("Hesselby", "Region") in found, found
    found = _found("de", "Aktuelles. Beteiligt sind Unternehmen wie Holtmann und Kressler.")
    assert ("Kressler", "Organisation") in found, found


def test_one_name_after_a_plural_without_such_as_may_start_a_clause() -> None:
    found = _found("en", "News. The companies Zentrix funds grow quickly.")
    assert ("Zentrix", "Organisation") not in found, found


def test_clusters_listed_after_a_plural_or_a_colon_are_clusters() -> None:
    found = _found(
        "fr", "Actualités. Les pôles de compétitivité Aquavera, Mecanova et Lumivex signent."
    )
    assert {("Mecanova", "Cluster"), ("Lumivex", "Cluster")} <= found, found
    found = _found("nl", "Nieuws. Er zijn vijf speerpuntclusters: Velora, Tandemo en Kalibra.")
    assert {("Velora", "Cluster"), ("Kalibra", "Cluster")} <= found, found


def test_a_cluster_organisation_names_a_cluster() -> None:
    found = _found("en", "News. The cluster organisation Medbridge supports start-ups.")
    assert ("Medbridge", "Cluster") in found, found


def test_a_german_cluster_apposition_types_the_name_before_it() -> None:
    found = _found("de", "Aktuelles. Tidewell, das niederländische Cluster für Schiffbau, wächst.")
    assert ("Tidewell", "Cluster") in found, found


def test_a_compound_kind_noun_that_opens_the_acronym_stays_in_the_name() -> None:
    found = _found("de", "Aktuelles. Der Nordcluster Agrartechnik (NCA) begrüßt neue Mitglieder.")
    assert ("Nordcluster Agrartechnik", "Cluster") in found, found


def test_a_common_compound_after_a_kind_noun_is_no_cluster() -> None:
    found = _found("nl", "Nieuws. Het cluster Nieuwsbrief 2023 staat online.")
    assert ("Nieuwsbrief", "Cluster") not in found, found


def test_a_plural_kind_noun_opening_the_sentence_lists_names_too() -> None:
    found = _found("nl", "Nieuws. Bedrijven zoals Dronix en Aerolift zijn lid van de cluster.")
    assert {("Dronix", "Organisation"), ("Aerolift", "Organisation")} <= found, found


def test_german_plural_kind_nouns_list_names_and_descriptions_are_no_names() -> None:
    found = _found(
        "de", "Aktuelles. Außerdem werden die Netzwerke Agrilink und Packweis gefördert."
    )
    assert {("Agrilink", "Cluster"), ("Packweis", "Cluster")} <= found, found
    found = _found("de", "Aktuelles. Flux90, das Energie-Cluster des Landes, wächst.")
    assert ("Flux90", "Cluster") in found, found
    assert not [t for t, _ in found if "Energie" in t], found


def test_a_frequent_word_and_a_kind_noun_name_no_cluster() -> None:
    found = _found("fr", "Actualités. Chaque pôle reçoit des moyens de la Région.")
    assert not [t for t, _ in found if "Chaque" in t], found


def test_a_cluster_partnership_is_a_project_not_a_cluster() -> None:
    # "Cluster" only modifies "partnership": the name it cues is the clusters' joint project.
    found = _found(
        "en",
        "News. In May NMCP-2 started as a Cluster Partnership of ten firms. "
        "BALTOWAVE – European Cluster Partnership for tidal energy.",
    )
    assert ("NMCP-2", "Project") in found, found
    assert ("BALTOWAVE", "Project") in found, found
    found = _found("en", "News. The Seaforge cluster hosts forty firms in Tarnby.")
    assert ("Seaforge cluster", "Cluster") in found, found


def test_a_kind_noun_at_one_mention_outweighs_the_ners_person_at_others() -> None:
    # The English NER takes this invented name for a person at each of its mentions.
    found = _found(
        "en",
        "Organisers: NovaMed Euregio and Velderdam University\n\n"
        "The day is hosted by the health cluster NovaMed Euregio at its premises in Aachen.\n\n"
        "Programme\n09:30 Welcome – Dr. Anna Smit, managing director of NovaMed Euregio\n",
    )
    assert ("NovaMed Euregio", "Cluster") in found, found
    assert ("NovaMed Euregio", "Person") not in found, found
    assert ("Anna Smit", "Person") in found, found


def test_a_compound_company_noun_types_the_name_and_stays_out_of_it() -> None:
    # nl: the compound opens the sentence, capitalised only for that.
    found = _found("nl", "Nieuws. Softwarebedrijf Velmora Data uit Assen sluit zich aan.")
    assert ("Velmora Data", "Organisation") in found, found
    assert not [t for t, _ in found if t.startswith("Softwarebedrijf")], found
    found = _found("de", "Aktuelles. Das Softwareunternehmen Dravos Technik aus Kassel ist dabei.")
    assert ("Dravos Technik", "Organisation") in found, found
    assert not [t for t, _ in found if t.startswith("Softwareunternehmen")], found


def test_a_capitalised_word_inside_a_sentence_is_no_kind_noun() -> None:
    # Mid-sentence, "Ingenieursbureau Talvenkamp" is the name as written.
    found = _found("nl", "Nieuws. De opdracht ging naar Ingenieursbureau Talvenkamp in Zwolle.")
    assert [t for t, _ in found if t.startswith("Ingenieursbureau Talvenkamp")], found
