"""Acronyms spelled by the beginnings of words, and the brackets that join them to a name
(invented names and sentences)."""

from __future__ import annotations

from innograph.ingest.entities.abbreviations import name_words, spelled_by
from innograph.tests.entity_spans import entity_spans, groups_of


def test_a_word_may_give_more_than_its_first_letter() -> None:
    assert spelled_by("NOVL", name_words("Noord-Oost-Vlakte"))
    assert spelled_by("KUNIB", name_words("Kestrel University Bergmark"))


def test_a_numeral_stays_whole_and_connectors_may_give_nothing() -> None:
    assert spelled_by("PGKKII", name_words("provinciaal groeifonds Kempen Koers II"))
    assert spelled_by("AHV", name_words("Agentschap voor Havens en Vaarten"))
    assert spelled_by("AvHV", name_words("Agentschap voor Havens en Vaarten"))


def test_every_word_that_is_no_connector_gives_a_letter_in_order() -> None:
    assert not spelled_by("NV", name_words("Noord-Oost-Vlakte"))  # "Oost" gives nothing
    assert not spelled_by("VON", name_words("Noord-Oost-Vlakte"))  # another order
    assert not spelled_by("N", name_words("Noord"))  # one letter is no acronym
    assert not spelled_by("NOVLX", name_words("Noord-Oost-Vlakte"))  # a letter left over


def test_an_acronym_in_brackets_may_spell_lower_case_words_before_the_name() -> None:
    groups = groups_of(
        entity_spans(
            "nl",
            "Het geld gaat naar het provinciaal groei fonds Kempen Koers II (PGFKKII) en "
            "naar de Stichting Veldwerk. Ook bedrijven uit Tilburg doen mee.",
        )
    )
    assert {"Kempen Koers II", "PGFKKII"} in groups.values()


def test_an_acronym_in_brackets_with_a_period_spells_the_end_of_the_name() -> None:
    groups = groups_of(
        entity_spans(
            "nl",
            "Het programma Kempen Noord-Oost-Vallei (NOV 2021-2027) is groot. "
            "Ook Acme Labs uit Tilburg doet mee.",
        )
    )
    assert {"Kempen Noord-Oost-Vallei", "NOV"} in groups.values()


def test_an_acronym_in_brackets_that_the_words_do_not_spell_stays_apart() -> None:
    groups = groups_of(
        entity_spans(
            "nl",
            "Het programma Kempen Noord-Oost-Vallei (KVN 2021-2027) is groot. "
            "Ook Acme Labs uit Tilburg doet mee.",
        )
    )
    # Its letters start the name's words, but not in their order.
    assert {"KVN"} in groups.values()
    assert {"Kempen Noord-Oost-Vallei"} in groups.values()
