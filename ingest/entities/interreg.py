"""Interreg programme names: parse "Interreg VA Flanders - the Netherlands" into parts.

Interreg names are written in many ways (generation IV/V/VI, strand A/B/C/Europe, the
area in any language, "programme"/"programma"/"Cross-border Cooperation Programme" and a
period). The parts are matched against the 2014-2020 reference list of Interreg
programmes by the *set of countries* the area names, so that "Vlaanderen-Nederland",
"Flanders - the Netherlands" and "Belgium-The Netherlands" are the same programme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from innograph.ingest.entities.gazetteer import gazetteer, norm_name
from innograph.ingest.entities.gazetteer_lexicon import COUNTRIES

GENERATIONS = ("III", "IV", "V", "VI")
_GEN_TOKEN = re.compile(r"^(III|IV|VI|V)(?:-?([ABC]))?$")
# 2014-2020 is generation V; the generation of a period is that of its first year.
_PERIOD_GENERATION = ((2000, "III"), (2007, "IV"), (2014, "V"), (2021, "VI"), (2028, "VII"))


def generation_of_year(year: int) -> str | None:
    """The Interreg generation running in ``year`` (2014-2020 -> "V")."""
    found = None
    for first, gen in _PERIOD_GENERATION:
        if year >= first:
            found = gen
    return found if 2000 <= year <= 2034 else None


@dataclass(frozen=True, slots=True)
class InterregName:
    """The parts of one Interreg programme name."""

    generation: str | None  # "V", "VI" ... or None when the text does not say
    strand: str | None  # "A", "B", "C", "Europe" or None
    ref: str | None  # the reference programme's CCI (a 2014-2020 programme of that area)
    area: str  # normalised area words, "" for a bare "Interreg"

    def to_key(self) -> str:
        """Serialised into a span's kb_id: ``interreg|V|A|2014TC16RFCB046|vlaanderen nederland``."""
        return "|".join(
            ["interreg", self.generation or "", self.strand or "", self.ref or "", self.area]
        )

    @classmethod
    def from_key(cls, key: str) -> InterregName | None:
        """The inverse of :meth:`to_key` (None for other keys)."""
        parts = key.split("|")
        if len(parts) != 5 or parts[0] != "interreg":
            return None
        return cls(parts[1] or None, parts[2] or None, parts[3] or None, parts[4])

    def canonical_key(self, default_generation: str | None) -> str:
        """The identifying key: the CCI for a 2014-2020 programme, else a descriptive key."""
        gen = self.generation or default_generation
        if self.ref and gen == "V":
            return self.ref
        if self.strand == "Europe":
            return f"interreg europe {gen or ''}".strip()
        area = self.ref_title() or self.area
        if not area and not self.strand:
            return "interreg"
        if not area:
            return f"interreg {gen or ''} {self.strand}".replace("  ", " ")
        return f"interreg {gen or ''} {self.strand or ''} {area}".replace("  ", " ")

    def ref_title(self) -> str:
        """The area part of the reference programme's title (e.g. "belgium the netherlands")."""
        if not self.ref:
            return ""
        title = gazetteer().programmes[self.ref][1]
        return norm_name(re.sub(r"^Interreg\s+(?:V-?[ABC]?\s*-\s*)?", "", title))


@dataclass(frozen=True, slots=True)
class _Reference:
    cci: str
    strand: str
    countries: frozenset[str]
    names: frozenset[str]  # normalised alternative names (sub-area names, B-strand areas)


_COUNTRY_BY_NAME = {norm_name(n): code for code, names in COUNTRIES.items() for n in names}


def country_of(name: str) -> str | None:
    """The country a place or region name lies in (via the lexicon and the gazetteer)."""
    folded = norm_name(name)
    if folded in _COUNTRY_BY_NAME:
        return _COUNTRY_BY_NAME[folded]
    for entry in gazetteer().lookup(name):
        if entry.type == "Region" and entry.country and not entry.ambiguous:
            return entry.country
    return None


@cache
def _references() -> tuple[_Reference, ...]:
    refs = []
    for cci, (_country, title) in gazetteer().programmes.items():
        match = re.match(r"^Interreg (V-[ABC]|Europe)(?: - (.*))?$", title)
        if not match:
            continue
        strand = "Europe" if match.group(1) == "Europe" else match.group(1)[-1]
        rest = match.group(2) or ""
        main, _, paren = rest.partition("(")
        countries = {c for part in re.split(r"[-–/]", main) if (c := country_of(part.strip()))}
        names = {norm_name(rest), norm_name(main)}
        if paren:
            names.add(norm_name(paren.rstrip(")")))
        refs.append(_Reference(cci, strand, frozenset(countries), frozenset(n for n in names if n)))
    return tuple(refs)


@cache
def reference_words() -> frozenset[str]:
    """Every (folded) word of the reference programmes' area names."""
    return frozenset(w for r in _references() for name in r.names for w in name.split())


def match_reference(area_parts: list[str], strand: str | None) -> str | None:
    """The CCI of the 2014-2020 programme whose area the parts name, if exactly one fits."""
    if strand == "Europe":
        return next((r.cci for r in _references() if r.strand == "Europe"), None)
    area = norm_name(" ".join(area_parts))
    if not area:
        return None
    by_name = [r for r in _references() if area in r.names]
    if len(by_name) == 1:
        return by_name[0].cci
    countries = [country_of(p) for p in area_parts]
    if not all(countries) or len(set(countries)) < 2:
        return None
    wanted = frozenset(c for c in countries if c)
    fits = [r for r in _references() if r.countries == wanted and r.strand in (strand or "A")]
    return fits[0].cci if len(fits) == 1 else None


def parse_generation(text: str) -> tuple[str | None, str | None] | None:
    """ "VA" -> ("V", "A"); "VI" -> ("VI", None); "A" -> (None, "A"); else None."""
    match = _GEN_TOKEN.match(text)
    if match:
        return match.group(1), match.group(2)
    if text in {"A", "B", "C"}:
        return None, text
    return None
