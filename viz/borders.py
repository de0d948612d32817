"""Which European countries are neighbours: what "cross-border" means on a map of a
whole EU programme, where almost every partnership joins two countries.

Country codes as the graph writes them (ISO 3166 alpha-2, with EL for Greece and UK for
the United Kingdom, as NUTS does). Two countries are neighbours when they share a land
border, or one of the two fixed links that Interreg treats as such (the Øresund bridge,
DK-SE, and the Channel Tunnel, FR-UK).
"""

from __future__ import annotations

from functools import cache

# Each country with the neighbours that sort after it (the table is made symmetric below).
_BORDERS: dict[str, str] = {
    "AD": "ES FR",
    "AL": "EL ME MK RS XK",
    "AT": "CH CZ DE HU IT LI SI SK",
    "BA": "HR ME RS",
    "BE": "DE FR LU NL",
    "BG": "EL MK RO RS TR",
    "BY": "LT LV PL RU UA",
    "CH": "DE FR IT LI",
    "CZ": "DE PL SK",
    "DE": "DK FR LU NL PL",
    "DK": "SE",
    "EE": "LV RU",
    "EL": "MK TR",
    "ES": "FR PT",
    "FI": "NO RU SE",
    "FR": "IT LU MC UK",
    "HR": "HU ME RS SI",
    "HU": "RO RS SI SK UA",
    "IE": "UK",
    "IT": "SI SM VA",
    "LT": "LV PL RU",
    "LV": "RU",
    "MD": "RO UA",
    "ME": "RS XK",
    "MK": "RS XK",
    "NO": "RU SE",
    "PL": "RU SK UA",
    "RO": "RS UA",
    "RS": "XK",
    "RU": "UA",
    "SK": "UA",
}


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """Every country code with the codes of its neighbours."""
    table: dict[str, set[str]] = {}
    for country, others in _BORDERS.items():
        for other in others.split():
            table.setdefault(country, set()).add(other)
            table.setdefault(other, set()).add(country)
    return {country: frozenset(others) for country, others in table.items()}


def are_neighbours(a: str | None, b: str | None) -> bool:
    """True when ``a`` and ``b`` are two different neighbouring countries."""
    return bool(a and b and a != b and b in neighbours().get(a, frozenset()))
