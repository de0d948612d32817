"""A name that opens a sentence and is then said to be a kind of thing takes that kind
(``entities/copula.py``), on sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_said_to_be_a_cluster_or_a_project_is_one() -> None:
    found = _found("nl", "Velderchem is de speerpuntcluster voor de chemie in Vlaanderen.")
    assert ("Velderchem", "Cluster") in found
    found = _found("en", "Brakwater is a cross-border project on clean harbours.")
    assert ("Brakwater", "Project") in found
    found = _found("de", "Nordkamm ist ein Projekt der Grenzregion.")
    assert ("Nordkamm", "Project") in found


def test_a_sentence_opening_word_of_the_language_is_no_name() -> None:
    found = _found("nl", "Hiervoor is het project binnen het programma opgezet.")
    assert not [t for t, _ in found if t == "Hiervoor"], found
    found = _found("de", "Als Partner ist die Region an dem Projekt beteiligt.")
    assert not [t for t, _ in found if "Als" in t], found


def test_a_name_with_digits_or_two_capitalised_words_is_a_name() -> None:
    found = _found("nl", "Zeelicht2 is een grensoverschrijdend project voor schone havens.")
    assert ("Zeelicht2", "Project") in found
    found = _found("en", "Harbour Lantern is a cross-border project of four ports.")
    assert ("Harbour Lantern", "Project") in found


def test_a_frequent_word_opening_a_sentence_is_no_name() -> None:
    found = _found("en", "Additionally, the project will train forty engineers.")
    assert not [t for t, _ in found if t == "Additionally"], found


def test_an_apposition_names_a_project() -> None:
    found = _found("nl", "De subsidie gaat naar Kustlicht, een nieuw project van drie havens.")
    assert ("Kustlicht", "Project") in found
    found = _found("en", "Blue Harbour Labs, the project coordinator, presented the results.")
    assert ("Blue Harbour Labs", "Project") not in found


def test_a_description_outweighs_a_cue_word_next_to_the_name() -> None:
    text = "Het programma Kustwind3 opent.\n\nKustwind3 is een innovatieproject voor havens."
    assert ("Kustwind3", "Project") in _found("nl", text)


def test_a_clause_after_a_comma_is_no_apposition() -> None:
    found = _found("de", "Das Netz reicht zum Kaltenbach, das Projekt „Grenzlicht“ läuft weiter.")
    assert ("Kaltenbach", "Project") not in found, found
    found = _found("en", "The money went to Seabright, the project Harbour Lantern and others.")
    assert ("Seabright", "Project") not in found, found


def test_a_name_described_as_a_fund_is_a_funding_programme() -> None:
    found = _found(
        "en",
        "News. Acme Capital and Velder Bank have launched Norvale Ventures, a venture "
        "capital fund targeting start-ups. Norvale Ventures will invest in ten firms.",
    )
    assert ("Norvale Ventures", "FundingProgramme") in found, found
    found = _found("nl", "Nieuws. Groeiland is een investeringsfonds voor jonge bedrijven.")
    assert ("Groeiland", "FundingProgramme") in found, found


def test_a_name_described_as_a_consortium_is_a_project() -> None:
    found = _found(
        "nl",
        "Nieuws. De winnaar van de call is Solvanta, een consortium van 40 partners uit "
        "12 landen, waaronder Acme BV.",
    )
    assert ("Solvanta", "Project") in found, found
    found = _found("de", "Aktuelles. Gewonnen hat Korvex, ein Konsortium aus 30 Partnern.")
    assert ("Korvex", "Project") in found, found


def test_a_body_named_after_a_fund_stays_an_organisation() -> None:
    found = _found("en", "News. Velder Fund Management, a company from Leeds, manages it.")
    assert ("Velder Fund Management", "Organisation") in found, found


def test_a_longer_description_before_the_kind_noun_still_types_the_name() -> None:
    # numbers, hyphenated durations, a programme's name and nouns qualify the kind noun
    found = _found(
        "en",
        "Velder University will coordinate KORVAN, a three-year research project on "
        "heat pumps. It builds on Tidelink, a Horizon 2020 project that ended in 2022.",
    )
    assert ("KORVAN", "Project") in found, found
    assert ("Tidelink", "Project") in found, found
    found = _found("nl", "De subsidie gaat naar Zeelicht2, een vierjarig onderzoeksproject.")
    assert ("Zeelicht2", "Project") in found, found


def test_a_verb_or_a_preposition_ends_the_description() -> None:
    # the kind noun after a verb is not what the name is ("a company that runs a project")
    found = _found(
        "en", "The money went to Korvana Labs, a firm that runs a project on heat pumps."
    )
    assert ("Korvana Labs", "Project") not in found, found
    found = _found("nl", "Het geld gaat naar Brakveld, een bedrijf dat een project leidt.")
    assert ("Brakveld", "Project") not in found, found
