"""Money amounts, dates and periods in English, Dutch, French and German notation.

spaCy's MONEY entities leave out the "€" and misread European numbers ("24.8 miljoen
euro" becomes a bare number), so amounts get their own exact parser here. Numbers are
parsed from their digits, never through float arithmetic on strings, and the decision
between a decimal and a thousands separator follows fixed rules:

* both "." and "," present: the last one is the decimal mark ("1.234,56", "1,234.56");
* one kind, several times: thousands separators ("10.091.625", "1,234,567");
* one kind, once, followed by exactly three digits: thousands ("250.000", "1,500"),
  unless the integer part is 0 ("0.125");
* otherwise a decimal mark ("24.8", "1,2", "1090141.18").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

__all__ = [
    "DateSpan",
    "MoneySpan",
    "PeriodSpan",
    "find_dates",
    "find_money",
    "find_periods",
    "parse_money",
    "parse_number",
]


@dataclass(frozen=True)
class MoneySpan:
    """A money amount found in a text; ``value`` is in ``currency`` (always EUR here)."""

    start: int
    end: int
    text: str
    value: float
    currency: str = "EUR"
    percent: float | None = None  # a share written right after it: "(49.54%)"


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text; ``value`` is ISO 8601 at the precision written."""

    start: int
    end: int
    text: str
    value: str  # "2023-01-01", "2018-09" or "2018"


@dataclass(frozen=True)
class PeriodSpan:
    """A period "from ... to ..."; ``begin`` and ``end_value`` are ISO 8601 dates."""

    start: int
    end: int
    text: str
    begin: str
    end_value: str


# -- numbers ---------------------------------------------------------------------------

# Spaces that may group thousands: plain, no-break, narrow no-break, thin.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_NUMBER_CORE = r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
# Trailing ",-" / ",--" / ".-" of whole amounts ("€ 135.000,-").
_WHOLE_SUFFIX = r"(?:[.,][-\u2013\u2014]{1,2}(?![\d\w]))?"
_THOUSANDS_GROUPS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def parse_number(text: str) -> float | None:
    """The number written in ``text``, or None if it is not a well-formed number.

    Accepts English ("1,234.56"), European ("1.234,56", "1 234,56") and plain
    ("1090141.18") notation, a leading sign and a trailing ",-" of whole amounts.
    """
    value = _parse_decimal(text)
    return float(value) if value is not None else None


def _parse_decimal(text: str) -> Decimal | None:
    s = text.strip()
    s = re.sub(r"[.,][-\u2013\u2014]{1,2}$", "", s)  # "135.000,-"
    sign = ""
    if s and s[0] in "+-\u2212":
        sign = "-" if s[0] != "+" else ""
        s = s[1:].strip()
    if not s:
        return None
    if any(c in _GROUP_SPACES for c in s):
        groups = re.split(r"[ \u00a0\u202f\u2009]", s)
        last = groups[-1]
        # "1 234 567,89": the spaces group thousands, the rest decides the decimals.
        if not re.fullmatch(r"\d{1,3}", groups[0]) or not all(
            re.fullmatch(r"\d{3}", g) for g in groups[1:-1]
        ):
            return None
        m = re.fullmatch(r"(\d{3})([.,]\d+)?", last)
        if not m:
            return None
        s = "".join(groups[:-1]) + m.group(1) + (("." + m.group(2)[1:]) if m.group(2) else "")
        return _to_decimal(sign + s)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", s):
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, frac = s.rpartition(decimal_mark)
        if thousands in frac or decimal_mark in whole:
            return None
        if not _THOUSANDS_GROUPS.match(whole) and not whole.isdigit():
            return None
        return _to_decimal(sign + whole.replace(thousands, "") + "." + frac)
    mark = "." if dots else "," if commas else ""
    if not mark:
        return _to_decimal(sign + s)
    parts = s.split(mark)
    if len(parts) > 2:  # "10.091.625": thousands only
        return _to_decimal(sign + "".join(parts)) if _THOUSANDS_GROUPS.match(s) else None
    whole, frac = parts
    if len(frac) == 3 and whole.lstrip("0") and len(whole) <= 3:
        return _to_decimal(sign + whole + frac)  # "250.000", "1,500": thousands
    return _to_decimal(sign + whole + "." + frac)


def _to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


# -- money -------------------------------------------------------------------------------

# Scale words and their factors, in EN/NL/FR/DE (abbreviations with an optional dot).
# Scale words of the languages that write a decimal comma ("millions" is also English).
_CONTINENTAL_SCALES = frozenset(
    "duizend mille tausend tsd miljoen miljoenen millionen mio miljard miljarden milliard"
    " milliards milliarde milliarden".split()
)

_ENGLISH_SCALES = frozenset("million millions billion billions mln bn mn".split())

_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "duizend": 10**3,
    "mille": 10**3,
    "tausend": 10**3,
    "k": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "miljoen": 10**6,
    "miljoenen": 10**6,
    "millionen": 10**6,
    "mln": 10**6,
    "mio": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "miljard": 10**9,
    "miljarden": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "bn": 10**9,
    "mn": 10**6,
    "tsd": 10**3,
    "mld": 10**9,
    "mrd": 10**9,
    "md": 10**9,
}
_SCALE_RE = (
    r"(?:(?P<scale>thousand|duizend|mille|tausend|millions?|miljoenen|miljoen|millionen|"
    r"billions?|miljarden|miljard|milliards?|milliarden?|mln|mio|mld|mrd|bn|md|mn|tsd|k|m)"
    r"(?:\.(?!\d))?(?![\w])"
    # "850 TEUR", "850 T€": thousands of euros (German)
    r"|(?P<kilo>t)(?=€|eur(?:o|os)?(?![a-z])))"
)
# "TEUR 450", "T€ 450": thousands of euros (German), read before the plain currency.
_CURRENCY_BEFORE = (
    r"(?:(?P<tcur>(?<![A-Za-z])T(?:EUR|€))(?![A-Za-z])"
    r"|(?P<cur1>€|(?<![A-Za-z])EUR(?![A-Za-z])|(?<![A-Za-z])euros?(?![A-Za-z])))"
)
_CURRENCY_AFTER = (
    r"(?P<cur2>€|EUR\b|euros?\b|Euro\b|EURO\b|(?:d|de)\s?['\u2019]\s?euros?\b|de\s+euros?\b)"
)
_NUMBER = rf"(?P<num>[-\u2212]?(?:{_NUMBER_CORE}){_WHOLE_SUFFIX})"
_SP = r"[ \u00a0\u202f\u2009]?"
_WS = r"[ \u00a0\u202f\u2009]*"

# € 10.091.625,55 | EUR 1,2 mln | €2m | euro 3 miljoen
_MONEY_PREFIXED = re.compile(
    rf"{_CURRENCY_BEFORE}{_WS}{_NUMBER}(?:{_SP}{_SCALE_RE})?", re.IGNORECASE
)
# 24.8 miljoen euro | 3,5 millions d'euros | 250.000 € | 500 k€ | 100 million
_MONEY_SUFFIXED = re.compile(
    rf"(?<![\w.,])\$?{_NUMBER}(?:{_WS}{_SCALE_RE})?(?:{_WS}{_CURRENCY_AFTER})?",
    re.IGNORECASE,
)
# "twee miljoen euro", "zwei Millionen Euro", "half a million euros": a number written
# as a word, always with a scale word and a currency (a word alone counts nothing).
_NUMBER_WORDS: dict[str, Decimal] = {
    **dict.fromkeys("a an one een één ein eine einer un une".split(), Decimal(1)),
    **dict.fromkeys("two twee zwei deux".split(), Decimal(2)),
    **dict.fromkeys("three drie drei trois".split(), Decimal(3)),
    **dict.fromkeys("four vier quatre".split(), Decimal(4)),
    **dict.fromkeys("five vijf fünf cinq".split(), Decimal(5)),
    **dict.fromkeys("six zes sechs".split(), Decimal(6)),
    **dict.fromkeys("seven zeven sieben sept".split(), Decimal(7)),
    **dict.fromkeys("eight acht huit".split(), Decimal(8)),
    **dict.fromkeys("nine negen neun neuf".split(), Decimal(9)),
    **dict.fromkeys("ten tien zehn dix".split(), Decimal(10)),
    **dict.fromkeys(["half a", "een half", "eine halbe", "un demi"], Decimal("0.5")),
    **dict.fromkeys(
        ["anderhalf", "anderthalb", "eineinhalb", "one and a half", "een en een half"],
        Decimal("1.5"),
    ),
}
_WORD_SCALES: dict[str, int] = {
    **dict.fromkeys("million millions miljoen millionen".split(), 10**6),
    **dict.fromkeys(
        "billion billions miljard milliard milliards milliarde milliarden".split(), 10**9
    ),
}
_MONEY_WORDS = re.compile(
    r"(?<![\w])(?P<word>"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _NUMBER_WORDS), key=len, reverse=True))
    + r")\s+(?P<wscale>"
    + "|".join(sorted(_WORD_SCALES, key=len, reverse=True))
    + r")\s+(?P<wcur>euros?|€|eur|(?:d|de)\s?['\u2019]\s?euros?|de\s+euros?)(?![\w])",
    re.IGNORECASE,
)
# An amount in another currency is no amount in euros: "£ 3 million", "US$ 5 million",
# "CHF 2 Mio.", "5 million dollars", "3 millions de francs suisses".
_FOREIGN_BEFORE = re.compile(
    r"(?:[£$¥]|\b(?:USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|HUF|JPY|CNY|CAD|AUD|ISK|RON|BGN))\s*$"
)
_FOREIGN_AFTER = re.compile(
    r"\s*(?:of\s+|de\s+|d['\u2019]\s*)?(?:(?:US|Canadian|Australian|american|amerikaanse|"
    r"us-)?\s*dollars?|pounds?(?:\s+sterling)?|pond|livres?(?:\s+sterling)?|francs?|"
    r"franken|pfund|kronor|kroner|kronen|kroon|zlot(?:y|ys|ych)|yen|yuan|"
    r"USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|HUF|JPY|CNY|CAD|AUD)\b",
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"\s*\(\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%\s*\)")
# A bare "<number> <scale>" without a currency is money unless it counts something else.
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:people|persons|inhabitants|residents|citizens|jobs|users|patients|visitors|"
    r"tonnes|tons|km|kilomet|inwoners|mensen|personen|banen|gebruikers|bezoekers|"
    r"habitants|personnes|emplois|einwohner|menschen|years|jaar|ans|jahre)\b",
    re.IGNORECASE,
)


def find_money(text: str) -> list[MoneySpan]:
    """Every money amount in ``text``, in order, with its exact value in EUR.

    An amount needs a currency ("€", "EUR", "euro", "d'euros") or a scale word
    ("million", "miljoen", "mln", "miljard", "milliards"); a bare number is not money.
    A share in brackets right after it ("(49.54%)") is kept as ``percent``.
    """
    found: list[MoneySpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MONEY_PREFIXED, _MONEY_SUFFIXED):
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = m.groupdict()
            has_currency = bool(groups.get("cur1") or groups.get("cur2") or groups.get("tcur"))
            scale_word = (groups.get("scale") or ("tsd" if groups.get("kilo") else "")).lower()
            if not has_currency:
                # "100 million" is money; "100 m", "5 k", "45 mn" (minutes) or "2 Tsd."
                # alone is too ambiguous.
                if not scale_word or scale_word in ("m", "k", "mn", "tsd"):
                    continue
                if _NOT_MONEY_AFTER.match(text, end):
                    continue
            if text[start] == "$":
                continue  # dollars are not euros
            if not has_currency and (
                _FOREIGN_BEFORE.search(text, max(0, start - 6), start)
                or _FOREIGN_AFTER.match(text, end)
            ):
                continue
            value = _parse_decimal(groups["num"])
            if value is None:
                continue
            # "1,125 milliard", "2,500 miljoen": before a Dutch, French or German scale
            # word the comma is the decimal mark, not a thousands separator.
            if scale_word in _CONTINENTAL_SCALES and re.fullmatch(r"\d{1,3},\d{3}", groups["num"]):
                value = Decimal(groups["num"].replace(",", "."))
            # "2.415 billion euros", "3.120 million": before an English scale word the
            # point is the decimal mark (English writes no thousands point).
            elif scale_word in _ENGLISH_SCALES and re.fullmatch(r"\d{1,3}\.\d{3}", groups["num"]):
                value = Decimal(groups["num"])
            # "2.420.300,46 miljoen euro": a full figure with a scale word after it is
            # a writing slip; the figure is the amount (no project gets trillions).
            if scale_word and value < 1_000_000:
                value *= _SCALES[scale_word]
            if groups.get("tcur") and not scale_word:
                value *= 1000
            # Keep the span tight: no trailing spaces, nor the full stop after "mln.".
            stripped = text[start:end].rstrip(" \u00a0\u202f\u2009")
            if stripped.endswith(".") and not groups.get("cur2"):
                stripped = stripped[:-1]
            end = start + len(stripped)
            percent = None
            pm = _PERCENT_AFTER.match(text, end)
            if pm:
                percent = parse_number(pm.group("pct"))
            taken.append((start, end))
            found.append(
                MoneySpan(
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=float(value),
                    currency="EUR",
                    percent=percent,
                )
            )
    for m in _MONEY_WORDS.finditer(text):
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        number = _NUMBER_WORDS[" ".join(m.group("word").lower().split())]
        value = number * _WORD_SCALES[m.group("wscale").lower()]
        taken.append((start, end))
        found.append(MoneySpan(start, end, text[start:end], float(value), "EUR"))
    found.sort(key=lambda span: span.start)
    return found


def parse_money(text: str) -> float | None:
    """The amount of a single money string ("€ 1.234,56", "24.8 miljoen euro",
    "1090141.18", "€ 135.000,-"), or None when it is not one amount."""
    s = text.strip()
    if not s:
        return None
    value = parse_number(s)
    if value is not None:
        return value
    stripped = re.sub(r"^(?:€|EUR|euro)\s*|\s*(?:€|EUR|euros?)$", "", s, flags=re.IGNORECASE)
    value = parse_number(stripped)
    if value is not None:
        return value
    spans = find_money(s)
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end >= len(s.rstrip(". ")):
        return spans[0].value
    return None


# -- dates ---------------------------------------------------------------------------------

# Month names and abbreviations in EN, NL, FR and DE (accents optional).
_MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januari janvier janv januar jänner",
        "february feb febr februari fevrier février fevr févr februar",
        "march mar maart mrt mars märz marz maerz mär",
        "april apr avril avr",
        "may mei mai",
        "june jun juni juin",
        "july jul juli juillet juil",
        "august aug augustus aout août",
        "september sep sept septembre",
        "october oct oktober okt octobre",
        "november nov novembre",
        "december dec decembre décembre dez dezember déc",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_NAMES[_name] = _number

_MONTH = (
    r"(?P<{g}>"
    + "|".join(sorted((re.escape(n) for n in _MONTH_NAMES), key=len, reverse=True))
    + r")\.?"
)
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th|er|e|\.)?"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 1 September 2018 | 1er septembre 2018 | 1. September 2018 | 1st of September 2018
    (
        "dmy_name",
        re.compile(
            rf"(?<![\w]){_DAY.format(g='d')}\s+(?:of\s+)?{_MONTH.format(g='m')}"
            rf",?\s+{_YEAR.format(g='y')}",
            re.IGNORECASE,
        ),
    ),
    # September 1, 2018 | Sept. 1st 2018
    (
        "mdy_name",
        re.compile(
            rf"(?<![\w]){_MONTH.format(g='m')}\s+{_DAY.format(g='d')},?\s+{_YEAR.format(g='y')}",
            re.IGNORECASE,
        ),
    ),
    # September 2018 | sept. 2018
    (
        "my_name",
        re.compile(rf"(?<![\w]){_MONTH.format(g='m')},?\s+{_YEAR.format(g='y')}", re.IGNORECASE),
    ),
    # 2023-01-01
    ("iso", re.compile(r"(?<![\w.,/-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")),
    # 31/12/2029 | 31-12-2029 | 31.12.2029 (day first, as in Europe)
    (
        "dmy_num",
        re.compile(
            r"(?<![\w.,/-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)"
            r"(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
    ),
    # 09/2018 | 09-2018
    ("my_num", re.compile(r"(?<![\w.,/-])(?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?!\d)")),
    # 2018
    ("year", re.compile(r"(?<![\w.,/\u20ac$])(?P<y>(?:19|20)\d\d)(?![\w]|[.,]\d)")),
]


def _month_number(name: str) -> int | None:
    return _MONTH_NAMES.get(name.lower().rstrip("."))


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateSpan]:
    """Every date in ``text``, in order: with a day, a month or just a year.

    Month names in EN/NL/FR/DE, numeric dates day first ("31/12/2029", "31-12-2029",
    "31.12.2029"), ISO dates, and years from 1900 to 2099 on their own.
    """
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"])
            if kind in ("dmy_name", "mdy_name", "my_name"):
                month = _month_number(groups["m"])
            else:
                month = int(groups["m"]) if groups.get("m") else None
            day = int(groups["d"]) if groups.get("d") else None
            value = _iso(year, month, day)
            if value is None:
                continue
            taken.append((start, end))
            found.append(DateSpan(start=start, end=end, text=text[start:end], value=value))
    found.sort(key=lambda span: span.start)
    return found


# Words between two dates that make them a period, and words that may open one.
_PERIOD_JOIN = re.compile(
    r"\s*(?:[-\u2010-\u2015/]|to|until|till|through|thru|tot\s+en\s+met|tot|t/m|"
    r"t\.e\.m\.|en|and|au|à|a|et|jusqu['\u2019]?\s*(?:au|à|en)|bis|und)\s*$",
    re.IGNORECASE,
)
_PERIOD_OPEN = re.compile(
    r"(?:from|between|van|vanaf|tussen|du|de|d['\u2019]|entre|von|vom|zwischen)\s*$",
    re.IGNORECASE,
)
# "2021-27": a year range with a two-digit end.
_SHORT_YEAR_RANGE = re.compile(
    r"(?<![\w.,/])(?P<a>(?:19|20)\d\d)\s*[-\u2010-\u2015/]\s*(?P<b>\d\d)(?![\w]|[.,/]\d)"
)
# Joining words that need an opener ("between 2018 and 2020", not "2018 and 2020").
_NEEDS_OPENER = {"en", "and", "et", "und", "a", "à"}


def find_periods(text: str) -> list[PeriodSpan]:
    """Every period in ``text``: two dates joined by a dash or "to"/"tot"/"au"/"bis",
    optionally opened by "from"/"van"/"du"/"von" ("01/01/2023 – 31/12/2029",
    "2014-2020", "from September 2018 to June 2022", "van 2021 tot 2027")."""
    dates = find_dates(text)
    periods: list[PeriodSpan] = []
    used_until = -1
    for first, second in zip(dates, dates[1:], strict=False):
        if first.start < used_until:
            continue
        between = text[first.end : second.start]
        if len(between) > 24 or not _PERIOD_JOIN.fullmatch(between):
            continue
        word = between.strip().lower()
        start = first.start
        opener = _PERIOD_OPEN.search(text, max(0, first.start - 12), first.start)
        if opener and (opener.start() == 0 or not text[opener.start() - 1].isalnum()):
            start = opener.start()
        elif word in _NEEDS_OPENER:
            continue
        if _end_of(second.value) < first.value:
            continue
        periods.append(
            PeriodSpan(
                start=start,
                end=second.end,
                text=text[start : second.end],
                begin=first.value,
                end_value=second.value,
            )
        )
        used_until = second.end
    for m in _SHORT_YEAR_RANGE.finditer(text):
        if any(p.start <= m.start() < p.end for p in periods):
            continue
        begin = int(m.group("a"))
        end_year = begin - begin % 100 + int(m.group("b"))
        if end_year <= begin:
            continue
        periods.append(
            PeriodSpan(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                begin=str(begin),
                end_value=str(end_year),
            )
        )
    periods.sort(key=lambda span: span.start)
    return periods


def _end_of(value: str) -> str:
    """The last day a partial ISO date can mean, for ordering ("2020" -> "2020-12-31")."""
    return value + "-12-31"[len(value) - 4 :] if len(value) < 10 else value
