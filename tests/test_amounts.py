"""Amounts, dates and periods in EN/NL/FR/DE notation, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innograph.ingest.amounts import (
    find_dates,
    find_money,
    find_periods,
    parse_money,
    parse_number,
)


def money(text: str) -> list[tuple[str, float]]:
    return [(span.text, span.value) for span in find_money(text)]


# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", 1234.56),  # European
        ("1,234.56", 1234.56),  # English
        ("10.091.625,55", 10091625.55),
        ("3,141,592", 3141592),
        ("250.000", 250000),  # one separator + three digits: thousands
        ("7,500", 7500),
        ("24.8", 24.8),
        ("1,2", 1.2),
        ("0.125", 0.125),  # a zero integer part: decimals
        ("1090141.18", 1090141.18),  # structured data, no grouping
        ("1 234 567,89", 1234567.89),
        ("1\u00a0234,5", 1234.5),
        ("88.000,-", 88000),
        ("42", 42),
        ("-3,5", -3.5),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3,4.5", "1,23,4", "12 34", "€", "1..2"])
def test_parse_number_rejects_malformed(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", 1234.56),
        ("€ 1090141.18", 1090141.18),
        ("1090141.18", 1090141.18),
        ("1,234.56", 1234.56),
        ("€ 88.000,-", 88000),
        ("EUR 2.750.000", 2750000),
        ("6,3 miljoen euro", 6300000),
        ("12 500 €", 12500),
    ],
)
def test_parse_money(text: str, value: float) -> None:
    assert parse_money(text) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("text", ["", "about a million", "€ 5 and € 6", "n/a"])
def test_parse_money_rejects_non_amounts(text: str) -> None:
    assert parse_money(text) is None


# -- money in sentences: EN ---------------------------------------------------------------


def test_english_amounts() -> None:
    text = (
        "The pilot line costs €7.250.480,90, of which € 3.100.200,45 (42.76%) comes from "
        "the fund; a further 1.5 billion euros and 100 million are planned, plus €2m."
    )
    spans = find_money(text)
    assert [(s.text, s.value) for s in spans] == [
        ("€7.250.480,90", 7250480.90),
        ("€ 3.100.200,45", 3100200.45),
        ("1.5 billion euros", 1.5e9),
        ("100 million", 1e8),
        ("€2m", 2e6),
    ]
    assert spans[1].percent == pytest.approx(42.76)
    assert spans[0].percent is None
    assert all(s.currency == "EUR" for s in spans)
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_english_notation_with_comma_thousands() -> None:
    assert money("A grant of EUR 1,234,567.89 was signed.") == [("EUR 1,234,567.89", 1234567.89)]
    assert money("They received 45,000 euros.") == [("45,000 euros", 45000)]


@pytest.mark.parametrize(
    ("sentence", "written", "value"),
    [
        ("The board approved EUR1.2 million for it.", "EUR1.2 million", 1.2e6),
        ("A seed fund of EUR 500k opens.", "EUR 500k", 5e5),
        ("They spent €20.5m on labs.", "€20.5m", 20.5e6),
        ("Het fonds bedraagt € 2,5 mld.", "€ 2,5 mld", 2.5e9),
        ("Een lening van EUR 10 000 000 in totaal.", "EUR 10 000 000", 1e7),
        ("Het kost € 98.000,00 per jaar.", "€ 98.000,00", 98000),
        ("Entre 5 et 12 millions d’euros.", "12 millions d’euros", 12e6),
        ("Europe 2020 set a target of 3 million.", "3 million", 3e6),
    ],
)
def test_one_amount_per_sentence(sentence: str, written: str, value: float) -> None:
    assert money(sentence) == [(written, value)]


def test_counts_and_dollars_are_not_euros() -> None:
    assert money("The region has 100 million inhabitants and 5 km of coast.") == []
    assert money("The US agency paid $4 million.") == []
    assert money("In 2021, 350 companies joined.") == []


# -- NL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "£ 3 million",
        "US$ 5 million",
        "CHF 2 Mio.",
        "NOK 12 million",
        "5 million dollars",
        "4 miljoen pond",
        "3 millions de francs suisses",
        "7 Millionen Franken",
    ],
)
def test_other_currencies_are_not_euros(written: str) -> None:
    assert find_money(f"Acme Robotics receives {written} for the project.") == []


@pytest.mark.parametrize(
    ("written", "value"),
    [("TEUR 450", 450_000.0), ("450 TEUR", 450_000.0), ("T€ 120", 120_000.0)],
)
def test_thousands_of_euros(written: str, value: float) -> None:
    found = find_money(f"Projekt Nordlicht erhält {written}.")
    assert [(m.text, m.value) for m in found] == [(written, value)]


def test_dutch_amounts() -> None:
    text = (
        "De provincie trekt 13.5 miljoen euro uit; het consortium krijgt € 480.000 en "
        "de stichting € 62.500,- . In totaal gaat het om ruim 2 miljard, of EUR 1,2 mln."
    )
    assert money(text) == [
        ("13.5 miljoen euro", 13.5e6),
        ("€ 480.000", 480000),
        ("€ 62.500,-", 62500),
        ("2 miljard", 2e9),
        ("EUR 1,2 mln", 1.2e6),
    ]


def test_dutch_decimal_comma_with_percent() -> None:
    spans = find_money("Subsidie: €1.999.999,99 (50,00 %) uit het EFRO.")
    assert [(s.value, s.percent) for s in spans] == [(1999999.99, 50.0)]


# -- FR / DE ----------------------------------------------------------------------------------


def test_french_amounts() -> None:
    text = "Le projet dispose de 3,5 millions d'euros, dont 250 000 € et 500 k€ de l'Etat."
    assert money(text) == [
        ("3,5 millions d'euros", 3.5e6),
        ("250 000 €", 250000),
        ("500 k€", 500000),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Le fonds répartit 2,375 milliards d'euros.", 2.375e9),
        ("Er gaat 1,250 miljoen euro naar de regio.", 1.25e6),
        ("Das Land gibt 3,125 Millionen Euro.", 3.125e6),
        ("The fund spends 1,250 million euros.", 1.25e9),  # English: a thousands comma
        ("They represent a total investment of 4.125 billion euros.", 4.125e9),  # a point
    ],
)
def test_decimal_comma_before_a_continental_scale_word(text: str, value: float) -> None:
    assert [v for _, v in money(text)] == [value]


def test_german_amounts() -> None:
    assert money("Die Förderung beträgt 2,4 Mio. Euro und 1.234,56 Euro.") == [
        ("2,4 Mio. Euro", 2.4e6),
        ("1.234,56 Euro", 1234.56),
    ]


# -- property tests: a number written in any notation parses back ------------------------------


def _group(digits: str, sep: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sep.join(groups)


def notations(cents: int) -> list[str]:
    """The same amount written in English, European, spaced and plain notation."""
    whole, frac = divmod(cents, 100)
    digits = str(whole)
    return [
        f"{_group(digits, ',')}.{frac:02d}",
        f"{_group(digits, '.')},{frac:02d}",
        f"{_group(digits, ' ')},{frac:02d}",
        f"{digits}.{frac:02d}",
        f"{digits},{frac:02d}",
    ]


@given(st.integers(min_value=0, max_value=10**13))
def test_any_notation_parses_back(cents: int) -> None:
    for written in notations(cents):
        assert parse_number(written) == pytest.approx(cents / 100, abs=1e-6), written
        assert parse_money(f"€ {written}") == pytest.approx(cents / 100, abs=1e-6), written


@given(st.integers(min_value=1000, max_value=10**12))
def test_whole_amounts_with_grouping_parse_back(whole: int) -> None:
    for sep in (".", ",", " "):
        written = _group(str(whole), sep)
        assert parse_number(written) == whole, written
        assert money(f"Er is € {written} toegekend.")[0][1] == whole
        assert money(f"Er is € {written},- toegekend.")[0][1] == whole


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(
        [("million", 10**6), ("miljoen", 10**6), ("millions", 10**6), ("miljard", 10**9)]
    ),
)
def test_scaled_amounts_parse_back(units: int, tenth: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    for mark in (".", ","):
        text = f"Budget: {units}{mark}{tenth} {word} euro."
        assert money(text) == [
            (f"{units}{mark}{tenth} {word} euro", (units * 10 + tenth) * factor / 10)
        ]


# -- dates ------------------------------------------------------------------------------------


def dates(text: str) -> list[str]:
    return [span.value for span in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The kick-off was on 3 March 2021 in the town hall.", ["2021-03-03"]),
        ("Signed on April 7, 2019 by both parties.", ["2019-04-07"]),
        ("It ran until Sept. 2020.", ["2020-09"]),
        ("De aftrap was op 12 mei 2022.", ["2022-05-12"]),
        ("Gestart in oktober 2017, afgerond in mrt 2019.", ["2017-10", "2019-03"]),
        ("Lancé le 1er février 2023 à Lille.", ["2023-02-01"]),
        ("Am 1. März 2020 begann es.", ["2020-03-01"]),
        (
            "Deadline 28/02/2024, then 15-06-2024 and 2025-01-31.",
            ["2024-02-28", "2024-06-15", "2025-01-31"],
        ),
        ("Founded in 1998.", ["1998"]),
    ],
)
def test_find_dates(text: str, expected: list[str]) -> None:
    assert dates(text) == expected


def test_impossible_dates_are_not_dates() -> None:
    assert dates("Reference 31/02/2024 and 45/13/2020.") == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_numeric_dates_round_trip(day: date) -> None:
    for written in (
        day.strftime("%d/%m/%Y"),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d.%m.%Y"),
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
    ):
        assert dates(f"Op {written} begint het.") == [day.isoformat()], written


_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(sorted(_MONTHS)),
)
def test_month_name_dates_round_trip(day: date, lang: str) -> None:
    month = _MONTHS[lang].split()[day.month - 1]
    assert dates(f"x {day.day} {month} {day.year} y") == [day.isoformat()]
    assert dates(f"x {month} {day.year} y") == [day.isoformat()[:7]]


# -- periods ----------------------------------------------------------------------------------


def periods(text: str) -> list[tuple[str, str, str]]:
    return [(p.text, p.begin, p.end_value) for p in find_periods(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Looptijd: 01/07/2022 – 30/06/2026.",
            [("01/07/2022 – 30/06/2026", "2022-07-01", "2026-06-30")],
        ),
        ("The 2021-2027 period", [("2021-2027", "2021", "2027")]),
        ("the 2021–27 programme", [("2021–27", "2021", "2027")]),
        (
            "It runs from March 2019 to August 2023.",
            [("from March 2019 to August 2023", "2019-03", "2023-08")],
        ),
        ("Het loopt van 2024 tot 2028.", [("van 2024 tot 2028", "2024", "2028")]),
        ("Het loopt van 2024 t/m 2028.", [("van 2024 t/m 2028", "2024", "2028")]),
        (
            "Du 1er mars 2022 au 28 février 2025.",
            [("Du 1er mars 2022 au 28 février 2025", "2022-03-01", "2025-02-28")],
        ),
        ("between 2015 and 2019", [("between 2015 and 2019", "2015", "2019")]),
    ],
)
def test_find_periods(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert periods(text) == expected


def test_not_periods() -> None:
    assert periods("In 2019 and 2021 the fair was held.") == []  # a list, not a range
    assert periods("From 2025 to 2020") == []  # ends before it begins
