"""The NUTS region a structured row names: by a code, or by a region name of its country.

The lists write regions in many ways: NUTS codes; local codes that begin with one (the
UK's local authority codes "UKG3100" lie in NUTS 3 "UKG31"); the reference list's names
in Latin or national script, with or without an administrative word ("Provincie
West-Vlaanderen" is "Prov. West-Vlaanderen", "OSJEČKO-BARANJSKA" is "Osječko-baranjska
županija"); numbered ("130 - WIEN (NUTS)"). A name resolves only when it names one region
of the row's country, or several nested in one another (then the smallest: "Wien" is
AT13 and AT130); "Osnabrück" (a city and the district around it) stays unresolved, and so
does anything the reference list (NUTS 2013) does not name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import cache, lru_cache

from innograph.ingest.entities.gazetteer import gazetteer, norm_name

# Leading words that say what kind of area a name is, in the lists' languages; tried
# only when the name as written is not a region's name ("Région wallonne" is one).
_KIND_WORDS = re.compile(
    r"^(?:provincie|province(?: de| du| of)?|provinz|provincia(?: de| di)?|stad|stadt|"
    r"ville de|city of|county|region|regio)\s+"
)
# "130 - WIEN (NUTS)", "40101 - Linz": a local number in front, a remark behind.
_NUMBERED = re.compile(r"^\d+\s*-\s*|\s*\((?:nuts)\)\s*$", re.IGNORECASE)


class _Index:
    """Normal forms of the NUTS names (level 1 and below), per country."""

    def __init__(self) -> None:
        g = gazetteer()
        self.codes: dict[tuple[str, str], set[str]] = defaultdict(set)
        names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for code, (level, country, _) in g.nuts.items():
            if level == 0:
                continue  # countries are linked from the country column
            spellings = set(g.nuts_names.get(code, ()))
            spellings |= {e.name for e in g.by_key(code) if e.type == "Region"}
            for spelling in spellings:
                folded = norm_name(spelling)
                if folded:
                    self.codes[(country, folded)].add(code)
                    names[country].add((folded, code))
        # Sorted per country, for the names that begin with a given one.
        self.sorted: dict[str, list[tuple[str, str]]] = {c: sorted(v) for c, v in names.items()}

    def starting_with(self, country: str, folded: str) -> set[str]:
        """Codes of the names of ``country`` that begin with the words of ``folded``."""
        entries = self.sorted.get(country, [])
        prefix = folded + " "
        found: set[str] = set()
        for name, code in entries[bisect_left(entries, (prefix, "")) :]:
            if not name.startswith(prefix):
                break
            found.add(code)
        return found


@cache
def _index() -> _Index:
    return _Index()


def _smallest(codes: set[str]) -> str | None:
    """The one region of ``codes`` that all others contain; None if they are apart."""
    if not codes:
        return None
    deepest = max(codes, key=len)
    return deepest if all(deepest.startswith(c) for c in codes) else None


def nuts_code(text: str, country: str | None = None) -> str | None:
    """The NUTS region a code names: the code itself or the longest NUTS code it begins
    with (of ``country`` when given); None when it begins with none."""
    code = text.strip().upper().replace(" ", "")
    nuts = gazetteer().nuts
    while len(code) > 2:
        found = nuts.get(code)
        if found is not None and (country is None or found[1] == country):
            return code
        code = code[:-1]
    return None


@lru_cache(maxsize=8192)
def nuts_of_name(text: str, country: str) -> str | None:
    """The NUTS code of a region name of ``country``; None if unknown or ambiguous."""
    text = _NUMBERED.sub("", text.strip())
    if not text:
        return None
    first = text.split()[0]
    if nuts_code(first, country) == first.upper():
        return first.upper()  # "BE223 Arr. Tongeren"
    index = _index()
    folded = norm_name(text)
    found = _smallest(index.codes.get((country, folded), set()))
    if found is None:
        bare = _KIND_WORDS.sub("", folded)
        if bare != folded:
            found = _smallest(index.codes.get((country, bare), set()))
        folded = bare
    if found is None and len(folded) >= 4:
        found = _smallest(index.starting_with(country, folded))
    return found


def row_region(country: str, code: str = "", names: tuple[str, ...] = ()) -> str | None:
    """The region of a row: its code if it has a known one, else the first of ``names``
    that resolves; a later name of a region inside that one makes it more precise."""
    found = nuts_code(code, country) if code.strip() else None
    for name in names:
        if not name:
            continue
        other = nuts_of_name(name, country)
        if other is None:
            continue
        if found is None or (other != found and other.startswith(found)):
            found = other
    return found
