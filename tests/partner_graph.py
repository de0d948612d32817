"""A small graph for the partner search, with what each organisation is, in plain Python.

``ORGS`` says of every organisation its country, activity type, NUTS regions and the items
it takes part in; :func:`partner_facts` writes that as one document's facts, and
:func:`expected` selects from the same table by hand, so the tests compare the search
with a selection computed without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from innograph.graph.search import normalise
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import EntitySpec, RelationSpec, make_facts

HOSTILE = "=HYPERLINK(\"x\") <img src=x onerror=alert(1)> <script>alert('p')</script>"


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    type: str = "Organisation"
    country: str | None = None
    activity: str | None = None
    regions: tuple[str, ...] = ()  # NUTS codes of the regions it is located in
    items: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return make_canonical_id(self.type, self.name)


# Regions by NUTS code: name and country.
REGIONS = {
    "NL41": "Noord-Brabant",
    "NL42": "Limburg (NL)",
    "NL33": "Zuid-Holland",
    "BE21": "Prov. Antwerpen",
}
# Countries as the importers write them (a Region with the country's id); DE and FR have none.
COUNTRIES = {"NL": "Netherlands", "BE": "Belgium"}
PROGRAMMES = {"h2020": "Horizon 2020", "erdf": "European Regional Development Fund"}
# key: (type, name, topics, programme)
ITEMS = {
    "p1": ("Project", "Project One", "ECSEL-2016-1; Hydrogen", "h2020"),
    "p2": ("Project", "Project Two", "hydrogen", "erdf"),
    "p3": ("Project", "Project Three", "", "erdf"),
    "p4": ("Project", "Project Four", "Photonics", None),
    "s1": ("S3Platform", "Platform Smart Grids", "Smart grids", None),
}
ORGS = (
    Org(
        "a", "Alpha University", country="NL", activity="HES", regions=("NL41",), items=("p1", "p2")
    ),
    Org(
        "b", "Beta Robotics BV", country="NL", activity="PRC", regions=("NL42",), items=("p1", "p3")
    ),
    Org(
        "c", "Gamma Research Centre", country="BE", activity="REC", regions=("BE21",), items=("p1",)
    ),
    Org("d", "Delta Council", country="BE", activity="PUB", items=("p2",)),
    Org("e", "Epsilon Cluster", type="Cluster", country="DE", items=("s1",)),
    Org("f", "Zeta Partners", items=("p3",)),
    Org("g", HOSTILE, country="FR", activity="OTH", items=("p2", "p4")),
    Org("h", "Eta Systems", country="NL", activity="PRC", regions=("NL33",), items=("p3", "s1")),
    Org("i", "Theta Labs", country="DE", activity="PRC"),
    Org(
        "j", "Iota Instituut", activity="REC", regions=("NL41",), items=("p4",)
    ),  # NL by its region
)
BY_KEY = {o.key: o for o in ORGS}


def programme_id(key: str) -> str:
    return make_canonical_id("FundingProgramme", PROGRAMMES[key])


def partner_facts() -> DocumentFacts:
    """The graph as one document's facts."""
    entities: list[EntitySpec] = []
    relations: list[RelationSpec] = []
    for code, name in REGIONS.items():
        entities.append((f"r-{code}", "Region", name, {"nuts_id": code, "country": code[:2]}))
    for code, name in COUNTRIES.items():
        country = {
            "canonical_id": make_canonical_id("Region", code),
            "nuts_id": code,
            "country": code,
        }
        entities.append((f"c-{code}", "Region", name, country))
    for key, name in PROGRAMMES.items():
        entities.append((f"g-{key}", "FundingProgramme", name))
    for key, (kind, name, topics, programme) in ITEMS.items():
        item: dict[str, Any] = {"topics": topics} if kind == "Project" and topics else {}
        if kind == "S3Platform":
            item = {"themes": [topics]}
        entities.append((key, kind, name, item))
        if programme:
            relations.append(("FUNDED_BY", key, f"g-{programme}"))
    for org in ORGS:
        attrs: dict[str, Any] = {}
        if org.country:
            attrs["country"] = org.country
        if org.activity:
            attrs["activity_type"] = org.activity
        entities.append((org.key, org.type, org.name, attrs))
        for n, item_key in enumerate(org.items):
            relations.append(
                ("LEADS" if n == 0 and item_key == "p1" else "PARTICIPATES_IN", org.key, item_key)
            )
        relations.extend(("LOCATED_IN", org.key, f"r-{code}") for code in org.regions)
    return make_facts("test://partners", entities, relations)


# -- the selection by hand ---------------------------------------------------------------


def country_of(org: Org) -> str | None:
    return org.country or (org.regions[0][:2] if org.regions else None)


def kind_of(org: Org) -> str:
    return org.activity or org.type


def programmes_of(org: Org) -> set[str]:
    return {programme_id(p) for i in org.items if (p := ITEMS[i][3])}


def themes_of(org: Org) -> set[str]:
    return {t.strip().casefold() for i in org.items for t in ITEMS[i][2].split(";") if t.strip()}


def projects_of(org: Org) -> int:
    return sum(1 for i in org.items if ITEMS[i][0] == "Project")


def matches(org: Org, facet: str, value: str) -> bool:
    """Whether ``org`` has ``value`` for ``facet``, decided from the table."""
    if facet == "country":
        return country_of(org) == value.upper()
    if facet == "region":
        country = country_of(org)
        codes = {*org.regions, *([country] if country else [])}
        return any(code.startswith(value.upper()) for code in codes)
    if facet == "type":
        return kind_of(org).casefold() == value.casefold()
    if facet == "programme":
        return value in programmes_of(org)
    if facet == "theme":
        return value.casefold() in themes_of(org)
    if facet == "q":
        return normalise(value) in normalise(org.name)
    raise ValueError(facet)


def expected(filters: dict[str, list[str]]) -> set[str]:
    """The ids of the organisations the filters select: any value of a facet, every facet."""
    return {
        org.id
        for org in ORGS
        if all(any(matches(org, f, v) for v in values) for f, values in filters.items() if values)
    }
