"""Short names that stand for one organisation: "ASML" for ASML Netherlands, "TU/e" ...

Read from the registry organisations of the gazetteer (``ingest/data/organisations.tsv``:
each name with the short names the sources give it). A short name counts only when it
belongs to one organisation there and is no organisation's own name: "NXP" is the short
name of three NXP companies and stands for none of them; nor does anything under 3 letters.

A brand stands for an organisation, too, when the registry names it "<brand> <descriptive
apposition>", its short name keeps the brand with other words ("SIRRIS HET COLLECTIEF
CENTRUM VAN DE TECHNOLOGISCHE INDUSTRIE", short name "SIRRIS LE CENTRE COLLECTIF ..."),
and another register writes the brand alone ("SIRRIS" in ESIF): registries write the
legal name in full, texts and other funds the brand. Only a distinctive brand counts: a
word of at least 4 letters that opens one organisation's name only and is a word of no
other name in the registry, so "Philips", "NXP" or "Siemens" (several companies of one
group) stay nobody's. Without the other register's word, common words would count
("ORANGE QUANTUM SYSTEMS", short name "Orange QS", would own "Orange").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from innograph.ingest.identity.legal_forms import LEADING_ARTICLES, UNIVERSITY_WORDS
from innograph.ingest.identity.names import (
    has_dash_short_form,
    organisation_key,
    organisation_keys,
)

ORGANISATIONS = Path(__file__).resolve().parents[1] / "data" / "organisations.tsv"


_DIGITS = re.compile(r"\d+")

# The shortest brand that counts; shorter words are too often initials of several.
MIN_BRAND_LETTERS = 4


@lru_cache(maxsize=1)
def _registry_rows() -> tuple[tuple[str, str], ...]:
    """The registry's organisations as written: (name, its short names joined by "|")."""
    with ORGANISATIONS.open(encoding="utf-8", newline="") as stream:
        return tuple(
            (row["name"], row["short_names"]) for row in csv.DictReader(stream, delimiter="\t")
        )


@lru_cache(maxsize=1)
def _registry() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The registry's organisations: (identity key of the name, keys of its short names)."""
    return tuple(
        (organisation_key(name), tuple(organisation_key(s) for s in shorts.split("|") if s))
        for name, shorts in _registry_rows()
    )


@lru_cache(maxsize=1)
def _owners() -> dict[str, str]:
    """Identity key of a short name (or brand) -> identity key of the one organisation
    it names."""
    owners: dict[str, set[str]] = {}
    names: set[str] = set()
    for long_key, shorts in _registry():
        names.add(long_key)
        for short_key in shorts:
            if len(short_key) >= 3 and short_key != long_key:
                owners.setdefault(short_key, set()).add(long_key)
    # A short name that is another organisation's own name ("X-Celeprint", the short name
    # of X Display Company and the name of X-Celeprint Limited) stands for neither.
    found = {
        short: next(iter(keys))
        for short, keys in owners.items()
        if len(keys) == 1 and short not in names
    }
    for brand, owner in brands_in(_registry()).items():
        found.setdefault(brand, owner)
    # A register name that writes its short form after a dash ("Long Name - LN Tail")
    # says itself that the two are one: the short form stands for the long one even
    # where another row of the registry is named by the short form alone.
    stated: dict[str, set[str]] = {}
    for short_key, long_key in _dash_short_forms():
        stated.setdefault(short_key, set()).add(long_key)
    for short_key, keys in stated.items():
        if len(keys) == 1 and short_key not in found:
            found[short_key] = next(iter(keys))
    return found


@lru_cache(maxsize=1)
def _dash_short_forms() -> tuple[tuple[str, str], ...]:
    """(short key, long key) of each registry name written "Long - Short"."""
    pairs = []
    for name, _ in _registry_rows():
        keys = organisation_keys(name)
        if len(keys) == 2 and has_dash_short_form(name):
            pairs.append((keys[0], keys[1]))
    return tuple(pairs)


def brands_in(registry: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Distinctive first word -> the one organisation whose registry name and short name
    both open with it while another register writes the word alone (module doc);
    ``registry`` holds (key of a name, keys of its short names) as ``_registry`` does."""
    names = {long_key for long_key, _ in registry}
    openers: dict[str, set[str]] = {}
    holders: dict[str, set[str]] = {}
    for long_key in names:
        words = long_key.split()
        if words:
            openers.setdefault(words[0], set()).add(long_key)
        for word in set(words):
            holders.setdefault(word, set()).add(long_key)
    brands: dict[str, str] = {}
    for long_key, shorts in registry:
        brand, *apposition = long_key.split() or [""]
        if (
            len(apposition) < 2  # "Amber Nederland": a national company, no apposition
            or len(brand) < MIN_BRAND_LETTERS
            or not brand.isalpha()
            or brand in UNIVERSITY_WORDS
            or brand in LEADING_ARTICLES
            or brand not in names  # no other register writes the brand alone
            or not any(_cut_at_brand(brand, short, apposition) for short in shorts)
        ):
            continue
        # The brand's own row names this organisation; any other name that opens with or
        # holds the word makes it nobody's.
        if openers[brand] - {brand} == {long_key} and holders[brand] - {brand} == {long_key}:
            brands[brand] = long_key
    return brands


def _cut_at_brand(brand: str, short: str, apposition: list[str]) -> bool:
    """Whether a short name keeps the brand and words of its own after it: "SIRRIS LE
    CENTRE COLLECTIF" for "SIRRIS HET COLLECTIEF CENTRUM". One that goes on with the
    apposition ("GRASS VALLEY" for "GRASS VALLEY NEDERLAND") says the brand is longer."""
    first, *rest = short.split() or [""]
    return first == brand and bool(rest) and rest[0] != apposition[0]


def short_name_owner(key: str) -> str | None:
    """The identity key of the organisation whose unique short name (or distinctive
    brand) has ``key``."""
    return _owners().get(key)


# A document's misspelling of a registry name ("Vrije Universiteit Brussels"): only long
# names, very close, one candidate, digits equal. Against the fixed registry (never the
# names seen so far), so the answer is the same whatever came first.
MIN_SPELLING_CHARS = 15
SPELLING_SIMILARITY = 95.0


@lru_cache(maxsize=1)
def _registry_keys() -> tuple[str, ...]:
    return tuple(sorted({long_key for long_key, _ in _registry() if long_key}))


@lru_cache(maxsize=16384)
def registry_spelling(key: str) -> str | None:
    """The identity key of the one registry organisation whose name ``key`` misspells
    (edit similarity >= 95 on 15+ characters, the same digits), or None: for names read
    from documents, never for a key the registry holds itself."""
    if len(key) < MIN_SPELLING_CHARS or key in _owners():
        return None
    if key in _registry_key_set():
        return None
    keys = _registry_keys()
    close = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=SPELLING_SIMILARITY, limit=2)
    if len(close) != 1:
        return None
    found: str = close[0][0]
    return found if _DIGITS.findall(found) == _DIGITS.findall(key) else None


@lru_cache(maxsize=1)
def _registry_key_set() -> frozenset[str]:
    return frozenset(_registry_keys())


def regional_branch(key: str, regions: frozenset[str]) -> str | None:
    """The identity key of the one registry organisation named ``key`` followed by a
    region the document names, or None.

    Bodies with one branch per province or region ("Provinciale Havenmaatschappij
    Oostland", "... Westland"; chambers of commerce) are written without the region
    on a page about that region. ``regions`` holds the folded names of the regions the
    document names; only a name the registry does not hold by itself is read so, and
    only when exactly one of its branches is in a named region."""
    held = _registry_key_set()
    if not key or not regions or key in held or key in _owners():
        return None
    found = {f"{key} {region}" for region in regions} & held
    return next(iter(found)) if len(found) == 1 else None
