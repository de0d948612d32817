"""Reading that keeps structure: wraps joined; headings, items and fields kept apart."""

from __future__ import annotations

import pytest

from innograph.ingest.nlp import pipeline
from innograph.ingest.reading import (
    field_label,
    is_bullet,
    join_wrapped_lines,
    read_blocks,
)
from innograph.ingest.reading.doc import block_of, heading_of


def _kinds(text: str) -> list[tuple[str, str]]:
    joined = join_wrapped_lines(text)
    return [(b.kind, joined[b.start : b.end]) for b in read_blocks(joined)]


def test_long_lines_before_bullets_are_not_joined() -> None:
    text = (
        "The programme supports three kinds of projects across the border region:\n"
        "- applied research carried out by universities and research centres together,\n"
        "- pilot lines for small and medium-sized enterprises in the manufacturing industry\n"
        "• Acme Robotics\n"
        "2) Beta Instruments"
    )
    assert _kinds(text) == [
        ("paragraph", "The programme supports three kinds of projects across the border region:"),
        (
            "item",
            "- applied research carried out by universities and research centres together,",
        ),
        (
            "item",
            "- pilot lines for small and medium-sized enterprises in the manufacturing industry",
        ),
        ("item", "• Acme Robotics"),
        ("item", "2) Beta Instruments"),
    ]


def test_a_list_item_takes_its_lower_case_continuation() -> None:
    text = "• een proeftuin voor slimme logistiek die samen met de haven wordt\n  opgezet\n• Acme"
    assert join_wrapped_lines(text) == (
        "• een proeftuin voor slimme logistiek die samen met de haven wordt opgezet\n• Acme"
    )


def test_a_long_line_without_full_stop_before_a_capital_is_a_block() -> None:
    # A long heading-like line on a web page is not a wrap just because it is long.
    text = (
        "Laufende Verbundprojekte der Hochschule mit Partnern aus der Grenzregion Twente\n"
        "Das Projekt Grenzenlos Lernen verbindet Schulen in Enschede und Gronau."
    )
    assert join_wrapped_lines(text) == text


def test_wrapped_prose_is_joined_in_every_language() -> None:
    cases = [
        (
            "Het project wordt uitgevoerd door een consortium onder leiding van de\n"
            "Universiteit Voorbeeld en wordt gefinancierd door het programma.",
            "onder leiding van de Universiteit Voorbeeld",
        ),
        (
            "Le projet est porté par un consortium de six partenaires, dont\n"
            "Acme Robotique, et soutenu par le Fonds européen.",
            "dont Acme Robotique",
        ),
        (
            "Die Hochschule arbeitet in dem Vorhaben eng zusammen mit der\n"
            "Stadt Musterhausen und zwei Unternehmen.",
            "mit der Stadt Musterhausen",
        ),
        (
            "The consortium that builds the new facility is led by the regional\n"
            "development agency, with Acme Robotics and Beta Instruments as partners,\n"
            "Gamma Labs and the university.",
            "as partners, Gamma Labs",
        ),
    ]
    for text, expected in cases:
        joined = join_wrapped_lines(text)
        assert expected in joined
        assert "\n" not in joined


def test_a_sentence_end_keeps_the_break_even_inside_quotes() -> None:
    text = '"We are proud of this result," said Jan de Vries.\nThe project starts in May.'
    assert join_wrapped_lines(text) == text
    text = "Het resultaat is er, zegt Jan de Vries: “een mooie stap.”\nDe aanvraag loopt."
    assert join_wrapped_lines(text) == text


def test_fields_stay_alone_and_carry_their_label() -> None:
    text = (
        "Acme Robotics krijgt een subsidie voor het onderzoek naar zachte grijpers.\n"
        "Projectleider: Jan de Vries\n"
        "Looptijd : 2024-2027\n"
        "Partenaires : Acme Robotique, Beta Instruments\n"
        "We starten om 10:30 in de grote zaal."
    )
    joined = join_wrapped_lines(text)
    blocks = read_blocks(joined)
    fields = [(b.label, joined[b.value_start : b.end]) for b in blocks if b.kind == "field"]
    assert fields == [
        ("Projectleider", "Jan de Vries"),
        ("Looptijd", "2024-2027"),
        ("Partenaires", "Acme Robotique, Beta Instruments"),
    ]
    assert [b.kind for b in blocks] == ["paragraph", "field", "field", "field", "paragraph"]


def test_a_line_dangling_on_a_function_word_joins_even_a_field_shape() -> None:
    text = "De subsidie komt van het Comité van\nToezicht: een fonds van de provincie."
    assert "\n" not in join_wrapped_lines(text)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Lead partner: Acme Robotics", "Lead partner"),
        ("Federführung: Hochschule Musterstadt", "Federführung"),
        ("Budget total : 2,5 millions d'euros", "Budget total"),
        ("the lead partner: Acme Robotics", ""),  # a label is capitalised
        ("Meeting at 10:30 in room 4", ""),
        ("See https://example.org for the call", ""),
        ("In the end the consortium of six partners decided: go", ""),  # more than 4 words
    ],
)
def test_field_labels(line: str, label: str) -> None:
    assert field_label(line) == label


@pytest.mark.parametrize(
    ("line", "bullet"),
    [
        ("- Acme", True),
        ("• Acme", True),
        ("· Acme", True),
        ("– Acme", True),
        ("1. Acme", True),
        ("a) Acme", True),
        ("(iii) Acme", True),
        ("2024. Het jaar van de waarheid", False),
        ("-Acme", False),
        ("Acme - Beta", False),
    ],
)
def test_bullets(line: str, bullet: bool) -> None:
    assert is_bullet(line) is bullet


def test_headings_and_what_sits_under_them() -> None:
    text = (
        "Unsere Projekte\n"
        "\n"
        "Die Hochschule Musterstadt koordiniert zwei Verbundprojekte.\n"
        "Partner:\n"
        "- Acme Robotik GmbH\n"
        "- Stadt Musterhausen\n"
        "Kontakt\n"
        "Jan de Vries"
    )
    joined = join_wrapped_lines(text)
    blocks = read_blocks(joined)
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "paragraph", "heading", "item", "item", "heading", "heading"]
    assert [b.heading for b in blocks] == [None, 0, None, 2, 2, None, None]
    assert joined[blocks[2].start : blocks[2].end] == "Partner:"


def test_a_short_line_going_on_in_lower_case_is_a_wrapped_title() -> None:
    text = "La coopération transfrontalière\nen matière de santé\n\nLe programme finance."
    assert _kinds(text) == [
        ("heading", "La coopération transfrontalière en matière de santé"),
        ("paragraph", "Le programme finance."),
    ]


def test_the_layout_of_a_laid_out_text_is_the_same() -> None:
    text = (
        "Acme Robotics\n"
        "Het bedrijf ontwikkelt robots voor de zorg en werkt daarbij samen met\n"
        "de Hogeschool Voorbeeld.\n"
        "- Looptijd: 2024-2026\n"
        "Budget: 1,2 miljoen euro"
    )
    once = join_wrapped_lines(text)
    assert join_wrapped_lines(once) == once


@pytest.mark.parametrize("lang", ["en", "nl", "de", "fr"])
def test_sentences_follow_blocks_in_every_pipeline(lang: str) -> None:
    text = (
        "Acme Robotics and Beta Instruments\n"
        "Partners: Acme Robotics, Beta Instruments\n"
        "- Acme Robotics builds grippers for the logistics sector and works with\n"
        "- Beta Instruments on the sensors that go into them\n"
        "Acme Robotics leads the project with Gamma Labs. The project runs until 2027."
    )
    doc = pipeline(lang)(join_wrapped_lines(text))
    blocks = doc._.blocks
    assert [b.kind for b in blocks] == ["heading", "field", "item", "item", "paragraph"]
    for sent in doc.sents:
        inside = [b for b in blocks if b.start < sent.end_char and sent.start_char < b.end]
        assert len(inside) <= 1, sent.text
    starts = {t.idx for t in doc if t.is_sent_start}
    assert {b.start for b in blocks} <= starts


def test_block_of_and_heading_of_a_span() -> None:
    text = "Partners\n- Acme Robotics\n- Beta Instruments\n\nAbout us\nJan de Vries leads Acme."
    doc = pipeline("en")(join_wrapped_lines(text))
    beta = doc.char_span(doc.text.index("Beta"), doc.text.index("Beta") + len("Beta Instruments"))
    assert beta is not None
    block = block_of(beta)
    assert block is not None and block.kind == "item"
    heading = heading_of(beta)
    assert heading is not None and doc.text[heading.start : heading.end] == "Partners"
    last = heading_of(doc[-1])
    assert last is not None and doc.text[last.start : last.end] == "About us"
    newline = next(t for t in doc if t.is_space)
    assert block_of(newline) is None


def test_a_hard_wrapped_text_joins_full_lines_before_a_capital() -> None:
    # Wrapped at about 60 characters: the lower-case wraps give the width, and a full
    # line whose next word would not have fitted is a wrap even before a capital.
    text = (
        "De provincie en de gemeenten in de regio werken al jaren\n"
        "samen om bedrijven te helpen bij het vinden van partners over\n"
        "de grens. Met het nieuwe project willen de partners Acme\n"
        "Robotics en de Hogeschool Voorbeeld verbinden met bedrijven\n"
        "in de hele regio, zodat nieuwe producten sneller op de markt\n"
        "komen.\n"
        "Contact\n"
        "Jan de Vries"
    )
    joined = join_wrapped_lines(text)
    assert "partners Acme Robotics en" in joined
    assert joined.endswith("op de markt komen.\nContact\nJan de Vries")


def test_a_text_with_long_lines_is_not_hard_wrapped() -> None:
    text = (
        "Acme Robotics builds soft grippers for the food industry with partners in three\n"
        "Beta Instruments joins the consortium as a supplier of sensors and cameras"
    )
    assert join_wrapped_lines(text) == text
