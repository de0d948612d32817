"""Gazetteers: names of real regions, places, programmes and organisations.

Built from the data files under ``ingest/data/`` (see ``data/SOURCES.md``; rebuilt by
``scripts/build-gazetteers``) and the hand-written lexicons of ``gazetteer_lexicon``.
Every entry carries the identifying key used for cross-document resolution: a NUTS code
for regions, a CCI code or a fund key for programmes, a slug for places and organisations.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from innograph.ingest.entities import gazetteer_lexicon as lex
from innograph.ontology.ids import fold

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm_name(name: str) -> str:
    """Case-folded, accent-free, punctuation-free form of a name (the scorer's normal form)."""
    text = fold(name.replace("&", " and "))
    text = re.sub(r"[’'`´]", "", text)
    text = _NON_ALNUM.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One name of one known thing."""

    name: str
    type: str  # contract entity type
    key: str  # identifying key: NUTS code, CCI code, lexicon key or slug
    country: str | None = None
    source: str = ""
    level: int = 9  # NUTS level (0 = country); 9 for non-NUTS entries
    ambiguous: tuple[str, ...] = ()  # other keys the same name may denote
    common_in: tuple[str, ...] = ()  # languages in which the one-word name is an ordinary word


def _data_rows(file_name: str) -> Iterator[dict[str, str]]:
    text = resources.files("innograph.ingest").joinpath("data", file_name).read_text("utf-8")
    yield from csv.DictReader(text.split("\n"), delimiter="\t", quoting=csv.QUOTE_NONE)


def _nuts_variants(raw: str) -> Iterator[str]:
    """Prose spellings of a NUTS label: "Prov. Limburg (BE)" -> "Prov. Limburg", "Limburg"."""
    for part in raw.split(" / "):
        part = re.sub(r"\s*\((?:[A-Z]{2})\)$", "", part.strip())
        if part.isupper():
            part = "-".join(w.capitalize() for w in part.title().split("-"))
        yield part
        stripped = re.sub(r"^(Prov\.|Arr\.|Bezirk|Kreis|Landkreis)\s+", "", part)
        if stripped != part:
            yield stripped


class Gazetteer:
    """All names, indexed by normal form; built once per process (see :func:`gazetteer`)."""

    def __init__(self) -> None:
        self._by_norm: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self._by_key: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self.common_words: dict[str, tuple[str, ...]] = {
            row["word"]: tuple(row["langs"].split(",")) for row in _data_rows("common_words.tsv")
        }
        self.nuts: dict[str, tuple[int, str, str]] = {}  # id -> (level, country, label)
        # id -> every spelling of its labels (``_nuts_variants``), none left out for
        # clashing with another region's name: structured importers match per country.
        self.nuts_names: dict[str, tuple[str, ...]] = {}
        self.programmes: dict[str, tuple[str, str]] = {}  # cci -> (country, title)
        self._load_lexicons()
        self._load_nuts()
        self._load_programmes()
        self._load_places()
        self._load_organisations()

    # -- building -------------------------------------------------------------------
    def add(self, entry: GazetteerEntry) -> None:
        """Index one entry under the normal form of its name (duplicates are ignored)."""
        key = norm_name(entry.name)
        if key and entry not in self._by_norm[key]:
            self._by_norm[key].append(entry)
            self._by_key[entry.key].append(entry)

    def _load_lexicons(self) -> None:
        for code, names in lex.COUNTRIES.items():
            for name in names:
                self.add(GazetteerEntry(name, "Region", code, code, "lexicon", 0))
        for code, names in lex.REGION_ALIASES.items():
            for name in names:
                self.add(GazetteerEntry(name, "Region", code, code[:2], "lexicon", len(code) - 2))
        for name, codes in lex.AMBIGUOUS_REGIONS.items():
            key = "?" + "|".join(codes)  # an ambiguous name has a key of its own
            self.add(GazetteerEntry(name, "Region", key, None, "lexicon", 2, codes))
        for key, names in lex.AREAS.items():
            for name in names:
                self.add(GazetteerEntry(name, "Region", key, None, "lexicon", 0))
        for key, (country, names) in lex.CITIES.items():
            for name in names:
                self.add(GazetteerEntry(name, "Region", key, country, "lexicon", 4))
        for key, names in lex.FUNDS.items():
            key = lex.FUND_CCI.get(key, key)  # a fund that is one operational programme
            for name in names:
                self.add(GazetteerEntry(name, "FundingProgramme", key, None, "lexicon"))
        for key, names in lex.INSTITUTIONS.items():
            for name in names:
                self.add(GazetteerEntry(name, "Organisation", key, None, "lexicon"))

    def _load_nuts(self) -> None:
        for row in _data_rows("nuts_regions.tsv"):
            level, code, country = int(row["level"]), row["nuts_id"], row["country"]
            labels = row["names"].split("|")
            self.nuts[code] = (level, country, labels[0])
            variants = (v for label in labels for v in _nuts_variants(label))
            self.nuts_names[code] = tuple(dict.fromkeys(variants))
            if level == 0:
                continue  # country names come from the lexicon, in four languages
            for label in labels:
                for name in _nuts_variants(label):
                    taken = [e for e in self.lookup(name) if e.type == "Region"]
                    if len(name) < 3 or any(e.source == "lexicon" for e in taken):
                        continue
                    common = self._common_in(name)
                    self.add(
                        GazetteerEntry(
                            name, "Region", code, country, "nuts", level, common_in=common
                        )
                    )

    def _load_programmes(self) -> None:
        for row in _data_rows("programmes.tsv"):
            self.programmes[row["cci"]] = (row["country"], row["title"])
            title = row["title"]
            if title.startswith(("Interreg", "PEACE")):
                continue  # Interreg names are parsed by the programme component
            self.add(GazetteerEntry(title, "FundingProgramme", row["cci"], row["country"], "cci"))
            match = re.match(r"^(.+?)\s*-\s*(ERDF|ESF|ERDF/ESF|ESF/YEI|CF|YEI)$", title)
            if match and len(match.group(1)) <= 40:
                area, fund = match.group(1).strip(), match.group(2).split("/")[0]
                # The area as the region gazetteer knows it, in every language it has.
                areas = {area} | {
                    e.name
                    for r in self.lookup(area)
                    if r.type == "Region" and r.country == row["country"]
                    for e in self.by_key(r.key)
                }
                variants = [
                    v
                    for a in sorted(areas)
                    for v in (
                        f"{fund} {a}",
                        f"{a} {fund}",
                        f"{fund} {a} programme",
                        f"{fund} {a} program",
                        f"OP {a}",
                        f"Operational Programme {a}",
                        f"Operationeel Programma {a}",
                        f"Programme opérationnel {a}",
                    )
                ]
                for variant in variants:
                    self.add(
                        GazetteerEntry(
                            variant, "FundingProgramme", row["cci"], row["country"], "cci"
                        )
                    )

    def _load_places(self) -> None:
        for row in _data_rows("places.tsv"):
            name = row["name"]
            if len(name) < 3 or any(e.type == "Region" for e in self.lookup(name)):
                continue
            key = f"{row['country'].lower()}-{norm_name(name)}"
            self.add(
                GazetteerEntry(
                    name,
                    "Region",
                    key,
                    row["country"],
                    "places",
                    4,
                    common_in=self._common_in(name),
                )
            )

    def _load_organisations(self) -> None:
        for row in _data_rows("organisations.tsv"):
            name = row["name"]
            if len(name) < 3 or self.lookup(name):
                continue
            entry = GazetteerEntry(
                name,
                self._org_type(name),
                norm_name(name),
                row["country"],
                "registry",
                common_in=self._common_in(name),
            )
            self.add(entry)
            for short in filter(None, row["short_names"].split("|")):
                if len(short) >= 3 and not self.lookup(short):
                    self.add(
                        GazetteerEntry(
                            short,
                            entry.type,
                            entry.key,
                            entry.country,
                            "registry",
                            common_in=self._common_in(short),
                        )
                    )

    def _common_in(self, name: str) -> tuple[str, ...]:
        """The languages in which every word of the name is also an ordinary word."""
        langs: set[str] | None = None
        for word in re.findall(r"[^\W\d_]+", fold(name)):
            found = set(self.common_words.get(word, ()))
            langs = found if langs is None else langs & found
        return tuple(sorted(langs or ()))

    @staticmethod
    def _org_type(name: str) -> str:
        return "Cluster" if set(fold(name).split()) & lex.CLUSTER_CUES else "Organisation"

    # -- querying -------------------------------------------------------------------
    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose name has the same normal form as ``name`` (best first)."""
        entries = self._by_norm.get(norm_name(name), [])
        return sorted(entries, key=_entry_rank)

    def by_key(self, key: str) -> list[GazetteerEntry]:
        """Every name recorded for one identifying key (best first)."""
        return sorted(self._by_key.get(key, []), key=_entry_rank)

    def names(self) -> Iterator[GazetteerEntry]:
        """One entry per distinct name (the best-ranked), for building matchers."""
        for entries in self._by_norm.values():
            seen: set[str] = set()
            for entry in sorted(entries, key=_entry_rank):
                if entry.name not in seen:
                    seen.add(entry.name)
                    yield entry

    def context_places(self) -> Iterator[GazetteerEntry]:
        """Towns named as places only where a sentence puts something in them ("aus
        Singen", "from Tartu"; ``places_in_context.tsv``), and the registries' towns whose
        name is also an ordinary word of some language ("Kampen")."""
        for entries in self._by_norm.values():
            for entry in entries:
                if entry.source == "places" and entry.common_in:
                    yield entry
        for row in _data_rows("places_in_context.tsv"):
            name = row["name"]
            if name and not self.lookup(name):
                key = f"{row['country'].lower()}-{norm_name(name)}"
                yield GazetteerEntry(name, "Region", key, row["country"], "context")

    def is_common_word(self, word: str, lang: str | None = None) -> bool:
        """True when ``word`` is written in lower case in ordinary running text (of ``lang``)."""
        langs = self.common_words.get(fold(word), ())
        return bool(langs) if lang is None else lang in langs


_SOURCE_RANK = {"lexicon": 0, "cci": 1, "nuts": 2, "places": 3, "registry": 4}


def _entry_rank(entry: GazetteerEntry) -> tuple[int, int]:
    return _SOURCE_RANK.get(entry.source, 9), entry.level


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use, about a second)."""
    return Gazetteer()
