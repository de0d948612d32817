"""One type for the names of one list (``ingest/entities/list_types.py``), on made-up lists."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from innograph.ingest.entities.grouping import Group
from innograph.ingest.entities.list_types import harmonise_lists


def _listed(text: str, typed: list[tuple[str, str, float]]) -> list[tuple[Span, Group]]:
    """The list's mentions, each its own group with one vote of the given weight."""
    doc = spacy.blank("en")(text)
    final = []
    for k, (name, label, weight) in enumerate(typed):
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None
        group = Group(f"e{k}", label)
        group.add(span, weight)
        final.append((span, group))
    return final


def test_an_acronym_only_the_ner_typed_takes_the_type_of_its_list() -> None:
    final = _listed(
        "Acme coordinates NORDLICHT, ZEPHYR, KOMET and POLARIS.",
        [
            ("NORDLICHT", "Project", 0.3),
            ("ZEPHYR", "Organisation", 1.0),
            ("KOMET", "Project", 0.3),
            ("POLARIS", "Project", 0.3),
        ],
    )
    harmonise_lists(final)
    assert [g.type for _s, g in final] == ["Project"] * 4


def test_a_rule_typed_member_and_a_short_list_keep_their_types() -> None:
    final = _listed(
        "Partners are Velderdam, Acme Robotics, Nordhaven and Ostmark.",
        [
            ("Velderdam", "Region", 3.0),
            ("Acme Robotics", "Organisation", 2.0),
            ("Nordhaven", "Region", 3.0),
            ("Ostmark", "Region", 3.0),
        ],
    )
    harmonise_lists(final)
    assert final[1][1].type == "Organisation"  # a rule's vote stands
    short = _listed(
        "Velderdam and Ostmark", [("Velderdam", "Region", 3.0), ("Ostmark", "Person", 1.0)]
    )
    harmonise_lists(short)
    assert short[1][1].type == "Person"  # two names and no comma make no list


def test_a_person_among_regions_is_a_region_when_only_the_ner_said_person() -> None:
    final = _listed(
        "Velderdam, Nordhaven, Kappa Ostmark, Lindau",
        [
            ("Velderdam", "Region", 3.0),
            ("Nordhaven", "Region", 3.0),
            ("Kappa Ostmark", "Person", 1.0),
            ("Lindau", "Region", 3.0),
        ],
    )
    harmonise_lists(final)
    assert final[2][1].type == "Region"


def test_a_german_compound_opening_a_name_types_it() -> None:
    from innograph.ingest.entities.german import german_head_type
    from innograph.ingest.entities.patterns import type_of_run

    assert german_head_type("grenzgebiet") == "Region"
    assert german_head_type("metropolregion") == "Region"
    assert german_head_type("forschungsinstituts") == "Organisation"  # genitive
    assert german_head_type("euregion") is None  # a body as well as an area
    assert type_of_run(["Grenzgebiet", "Nordmark"], "de") == "Region"
    assert type_of_run(["Großregion", "Velder-Ost"], "de") == "Region"
    assert type_of_run(["Forschungsinstituts", "KOMET"], "de") == "Organisation"


def test_a_name_before_a_plural_project_word_is_not_called_a_project() -> None:
    from innograph.ingest.entities.spans import SPAN_PATTERNS
    from innograph.ingest.nlp import join_wrapped_lines, pipeline

    def projects(text: str) -> set[str]:
        doc = pipeline("en")(join_wrapped_lines(text))
        return {s.text for s in doc.spans.get(SPAN_PATTERNS, []) if s.label_ == "Project"}

    assert "Nordlicht" in projects("Acme Robotics leads the Nordlicht project in Velderdam.")
    assert "Nordlicht" not in projects("Acme Robotics leads the Nordlicht projects in Velderdam.")


def test_a_nearby_project_word_types_only_a_name_with_a_word_of_its_own() -> None:
    from innograph.ingest.entities.spans import SPAN_WEAK
    from innograph.ingest.nlp import join_wrapped_lines, pipeline

    doc = pipeline("de")(
        join_wrapped_lines(
            "Mit Partnern hat die Westliche Grenzgemeinschaft bislang 30 Projekte umgesetzt, "
            "darunter NORDLICHT als drittes Projekt."
        )
    )
    typed = {s.text: s.label_ for s in doc.spans.get(SPAN_WEAK, [])}
    assert typed.get("Westliche Grenzgemeinschaft") != "Project", typed
    assert typed.get("NORDLICHT") == "Project", typed
