"""The NUTS region codes that exist (NUTS 2013, levels 0 to 3).

A region gets ``skos:exactMatch <http://data.europa.eu/nuts/code/CODE>`` only for a code
in this list: a country outside the NUTS (EG, IL, US) or a made-up code has no NUTS IRI.
The list (``nuts_codes.txt``) is read from the Eurostat reference the importers link
regions with.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def nuts_codes() -> frozenset[str]:
    """Every NUTS 2013 code (AT, AT1, AT11, AT111, ...)."""
    text = resources.files("innograph.ontology").joinpath("nuts_codes.txt").read_text("utf-8")
    listed = {
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    }
    # The reference lacks the level-0 row of some countries (NL, ES, HU, ...) while listing
    # their regions: such a country's code is a NUTS code all the same.
    return frozenset(listed | {code[:2] for code in listed})


def is_nuts_code(code: str) -> bool:
    """True when ``code`` (upper case) is a NUTS 2013 region code."""
    return code in nuts_codes()
