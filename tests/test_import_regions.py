"""NUTS regions of imported rows: codes, region and county names, on slices of the real
ESIF and Flanders lists, with the expected links worked out here from the reference list
(``data/reference/nuts_2013_regions.csv``) by plain Python."""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from innograph.ingest.importers.regions import nuts_code, nuts_of_name, row_region
from innograph.tests.import_helpers import open_graph, run_import, write_rows

ESIF = "esif_beneficiaries_2007_2020_harmonised.csv.gz"
PER_COUNTRY = 150


def _key(text: str) -> str:
    """Case-, accent- and punctuation-free words (how names are compared here)."""
    plain = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[0-9a-z]+", re.sub(r"[’'`´]", "", plain)))


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> dict[str, tuple[int, str, set[str]]]:
    """NUTS id -> (level, country, name keys), straight from the reference CSV."""
    out: dict[str, tuple[int, str, set[str]]] = {}
    path = shared_dir / "data" / "reference" / "nuts_2013_regions.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            names = {row["name_latin"], row["name_national"], row["name_ascii"]}
            # "Friesland (DE)": the country in brackets is the list's, not the name's.
            names = {re.sub(r"\s*\([A-Z]{2}\)$", "", n) for n in names}
            keys = {_key(n) for n in names if n}
            out[row["nuts_id"]] = (int(row["level"]), row["country_code"], keys)
    return out


def _deepest_by_name(
    reference: dict[str, tuple[int, str, set[str]]], name: str, country: str
) -> str | None:
    codes = [
        c
        for c, (level, cc, keys) in reference.items()
        if level > 0 and cc == country and _key(name) in keys
    ]
    if not codes:
        return None
    deepest = max(codes, key=len)
    return deepest if all(deepest.startswith(c) for c in codes) else None


@dataclass(frozen=True)
class EsifRegions:
    store: Path
    expected: set[tuple[str, str]]
    unresolved: int


@pytest.fixture(scope="module")
def esif_regions(
    shared_dir: Path,
    reference: dict[str, tuple[int, str, set[str]]],
    tmp_path_factory: pytest.TempPathFactory,
) -> EsifRegions:
    """A slice: UK rows with a local code inside a NUTS 3 region, and Hungarian, Slovene and
    Danish rows that name their region; the expected (beneficiary, region) pairs."""
    path = shared_dir / "data" / "structured" / ESIF
    picked: dict[str, list[dict[str, str]]] = defaultdict(list)
    expected: set[tuple[str, str]] = set()
    unresolved = 0
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        header = list(reader.fieldnames or [])
        for row in reader:
            country, name = row["country"], row["beneficiary_name"].strip()
            if not name or len(picked[country]) >= PER_COUNTRY:
                continue
            if country == "UK" and row["beneficiary_nuts_code"].strip():
                code = row["beneficiary_nuts_code"].strip()
                prefixes = [code[:n] for n in range(len(code), 2, -1)]
                known = [p for p in prefixes if p in reference and reference[p][1] == "UK"]
                if not known or reference[known[0]][0] != 3:
                    continue  # NUTS 3 only: a region name could not make it more precise
                picked[country].append(row)
                expected.add((_key(name), known[0]))
            elif country in {"HU", "SI", "DK"} and row["beneficiary_nuts_region"].strip():
                picked[country].append(row)
                found = _deepest_by_name(reference, row["beneficiary_nuts_region"], country)
                if found is None:
                    unresolved += 1
                else:
                    expected.add((_key(name), found))
            if all(len(picked[c]) >= PER_COUNTRY for c in ("UK", "HU", "SI", "DK")):
                break
    rows = [r for c in ("UK", "HU", "SI", "DK") for r in picked[c]]
    folder = tmp_path_factory.mktemp("regions")
    csv_path = write_rows(folder / "esif.csv", header, rows)
    code, out, err = run_import("esif", str(csv_path), "--store", str(folder / "store"))
    assert code == 0, err
    assert f"imported {len(rows)} of {len(rows)} rows" in out
    return EsifRegions(store=folder / "store", expected=expected, unresolved=unresolved)


def _region_links(store: Path, kind: str) -> set[tuple[str, str]]:
    """(name key of the node, NUTS id) of every LOCATED_IN from a ``kind`` to a region
    below country level."""
    with open_graph(store) as graph:
        regions = {
            n.id: str(n.properties["nuts_id"])
            for n in graph.iter_nodes(types=["Region"])
            if len(str(n.properties.get("nuts_id", ""))) > 2
        }
        nodes = {n.id: n for n in graph.iter_nodes(types=[kind])}
        return {
            (_key(nodes[e.source].name), regions[e.target])
            for e in graph.iter_edges(types=["LOCATED_IN"])
            if e.target in regions and e.source in nodes
        }


def test_esif_beneficiaries_are_linked_to_their_nuts_regions(
    esif_regions: EsifRegions,
) -> None:
    expected = esif_regions.expected
    found = _region_links(esif_regions.store, "Organisation")
    assert len(expected) > 300  # the slice links hundreds of beneficiaries
    assert found == expected
    # Rows whose region name the reference list lacks stay linked to their country only.
    assert esif_regions.unresolved > 0


def test_regions_are_named_as_the_reference_list_names_them(
    esif_regions: EsifRegions, reference: dict[str, tuple[int, str, set[str]]]
) -> None:
    with open_graph(esif_regions.store) as graph:
        regions = [
            n
            for n in graph.iter_nodes(types=["Region"])
            if len(str(n.properties.get("nuts_id", ""))) > 2
        ]
    assert regions
    for region in regions:
        code = str(region.properties["nuts_id"])
        level, country, keys = reference[code]
        assert region.id == f"region-{code.lower()}"
        assert region.properties["country"] == country
        assert _key(region.name) in keys


@pytest.mark.parametrize(
    ("country", "code", "names", "region"),
    [
        ("UK", "UKG3100", (), "UKG31"),  # a local authority code inside NUTS 3 Birmingham
        ("UK", "UKI1106", (), "UKI"),  # NUTS 2010 London: only UKI is in the 2013 list
        ("UK", "NIR0007", ("Belfast", ""), "UKN01"),  # not a NUTS code: the name decides
        ("UK", "S30000019", ("Nowhere Shire", ""), None),
        ("AT", "", ("130 - WIEN (NUTS)", ""), "AT130"),  # AT13 and AT130: the smaller
        ("BE", "", ("Provincie West-Vlaanderen", ""), "BE25"),
        ("BE", "", ("Vlaams Gewest", "Gent"), "BE234"),  # the county inside the region
        ("BE", "", ("BE223 Arr. Tongeren", ""), "BE223"),
        ("HR", "", ("", "OSJEČKO-BARANJSKA"), "HR04B"),  # "... županija" in the list
        ("DE", "", ("", "Osnabrück"), None),  # the city or the district around it
        ("DE", "", ("", "Dresden, Kreisfreie Stadt"), "DED21"),
        ("SE", "", ("", "Blekinge, Skåne"), None),  # two regions
        ("DE", "", ("", "Wien"), None),  # a region of another country
    ],
)
def test_row_region(country: str, code: str, names: tuple[str, ...], region: str | None) -> None:
    assert row_region(country, code, names) == region


def test_codes_and_names_of_other_countries_are_not_taken() -> None:
    assert nuts_code("UKG3100", "IE") is None
    assert nuts_code("DE300") == "DE300"
    assert nuts_of_name("Limburg", "NL") == "NL42"
    assert nuts_of_name("Limburg", "BE") == "BE22"
    assert nuts_of_name("", "BE") is None


def test_flanders_projects_where_they_are_carried_out(
    shared_dir: Path, reference: dict[str, tuple[int, str, set[str]]], tmp_path: Path
) -> None:
    path = shared_dir / "data" / "structured" / "flanders_erdf_2007_2013.csv"
    code, out, err = run_import("erdf-flanders", str(path), "--store", str(tmp_path))
    assert code == 0, err
    # Places by their reference names: "Provincie X" is the province "Prov. X", "Stad X"
    # the arrondissement "Arr. X" (the city lies in the arrondissement named after it),
    # "BE223 Arr. Tongeren" has its code in front.
    belgian = {c: keys for c, (level, cc, keys) in reference.items() if cc == "BE" and level}
    expected: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            place = row["PLAATSUITVOERING"].strip()
            place = re.sub(r"^Provincie\s+", "Prov. ", re.sub(r"^Stad\s+", "Arr. ", place))
            place = re.sub(r"^BE\d+\s+", "", place)
            codes = [c for c, keys in belgian.items() if place and _key(place) in keys]
            if row["PROMOTOR_manueel"].strip() and len(codes) == 1:
                expected.add((_key(row["PROJECTNAAM_manueel"]), codes[0]))
    found = _region_links(tmp_path, "Project")
    assert len(expected) > 300
    assert found == expected
