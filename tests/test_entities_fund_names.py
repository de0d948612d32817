"""Funding programmes the entity stage tells by their words, on sentences written here:
a "Region Deal" is a programme, not a region, and a name made of fund names only
("ERDF-ESF+", "EU FP7") is a programme, not a project."""

from __future__ import annotations

from innograph.ingest.entities.grouping import _fund_words_only
from innograph.ingest.entities.patterns import type_of_run
from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_region_deal_is_a_funding_programme() -> None:
    assert type_of_run(["Twente", "Region", "Deal"], "en") == "FundingProgramme"
    assert type_of_run(["Regio", "Deal", "Noord-Oost"], "nl") == "FundingProgramme"
    assert type_of_run(["Regio", "Noord-Oost"], "nl") == "Region"
    found = _found("en", "Nordlicht receives 2 million from the Twente Region Deal.")
    assert ("Twente Region Deal", "FundingProgramme") in found, found


def test_a_name_of_fund_names_only_is_a_funding_programme() -> None:
    assert _fund_words_only("ERDF-ESF+")
    assert _fund_words_only("EU FP7")
    assert not _fund_words_only("EU")
    assert not _fund_words_only("EFRO Oost-Nederland")
    assert not _fund_words_only("INTERREG VA Rahmenprojekt")
    found = _found("en", "Acme Robotics applied in the ERDF-ESF+ call with Projekt Nordlicht.")
    assert ("ERDF-ESF+", "FundingProgramme") in found, found


def test_a_name_written_once_in_the_plural_is_the_same_entity() -> None:
    from innograph.ingest.entities.grouping import _number_variant

    assert _number_variant("cluster go global", "clusters go global")
    assert _number_variant("grenzparks maas nette", "grenzpark maas nette")
    assert not _number_variant("acme go global", "acme go local")
    assert not _number_variant("open calls", "open call")  # two words: too short to tell
    spans = entity_spans(
        "en",
        'The call "Nordlicht Go Global" opened in May. Ten projects came from the call '
        '"Nordlichts Go Global" that Acme Robotics manages.',
    )
    keys = {s.id_ for s in spans if s.text.startswith("Nordlicht")}
    assert len(keys) == 1, [(s.text, s.label_, s.id_) for s in spans]


def test_a_fund_with_eu_before_it_is_the_fund() -> None:
    from innograph.ingest.entities.grouping import _without_eu

    assert _without_eu("EU FP7") == "fp7"
    assert _without_eu("EU Acme") is None
    spans = entity_spans(
        "en", "Acme Robotics joined 12 EU FP7 projects. In FP7, Projekt Nordlicht ran."
    )
    keys = {s.id_ for s in spans if "FP7" in s.text}
    assert len(keys) == 1, [(s.text, s.label_, s.id_) for s in spans]


def test_an_acronym_written_once_in_the_plural_is_the_same_entity() -> None:
    spans = entity_spans(
        "en",
        "The Nordic cluster project NCP-2 started in May in Tarnby. "
        "The NCPs-2 partners meet every year.",
    )
    keys = {s.id_ for s in spans if s.text.startswith("NCP")}
    assert len(keys) == 1, [(s.text, s.label_, s.id_) for s in spans]
