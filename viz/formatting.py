"""How the pages write amounts and dates: euro as CORDIS writes them in English, days in
words. Plain functions, unit-tested (tests/test_project_view.py)."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def format_eur(amount: float | None) -> str:
    """An amount in euro as CORDIS writes one in English: "€ 21,707,010", with cents only
    when there are some ("€ 6,548,524.39", half a cent rounded up as written: 0.125 is
    0.13); "" for None."""
    if amount is None or not math.isfinite(amount):
        return ""
    # From the float's shortest repr, so that 255922.125 rounds as it reads.
    cents = int((abs(Decimal(repr(float(amount)))) * 100).quantize(Decimal(1), ROUND_HALF_UP))
    whole, part = divmod(cents, 100)
    sign = "-" if amount < 0 and cents else ""
    text = f"{whole:,}" + (f".{part:02d}" if part else "")
    return f"{sign}€ {text}"


def format_date(text: str | None) -> str:
    """An ISO date as "1 June 2021"; anything else as written; "" for None."""
    if not text:
        return ""
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {day:%B} {day.year}"
