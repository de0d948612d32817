"""Domain helpers over entities, shared by analytics and the views: which entity types
are organisations, and which country an entity is in.

Part of the store core so that analytics (:mod:`innograph.graph.analytics`) and the API
and web views reach them without importing one another.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from innograph.graph.types import Node
from innograph.ontology.terms import ontology


@cache
def organisation_types() -> tuple[str, ...]:
    """Entity types that are organisations: Organisation and its subclasses (Cluster)."""
    classes = ontology().entity_types

    def is_org(name: str | None) -> bool:
        while name:
            if name == "Organisation":
                return True
            name = classes[name].parent if name in classes else None
        return False

    return tuple(name for name in classes if is_org(name))


def _country_code(value: Any) -> str | None:
    if isinstance(value, str) and len(value.strip()) == 2 and value.strip().isalpha():
        return value.strip().upper()
    return None


def _first(properties: dict[str, Any], *keys: str) -> Any:
    return next((properties[k] for k in keys if properties.get(k)), None)


def country_of(entity: Node, regions: Iterable[Node] = ()) -> str | None:
    """An entity's ISO country code: its own ``country``, else the first of ``regions``
    (the regions it is located in) with a ``country`` or a NUTS code (its first two
    letters); None when unknown."""
    own = _country_code(_first(entity.properties, "country", "country_code"))
    if own:
        return own
    for region in regions:
        code = _country_code(_first(region.properties, "country", "country_code"))
        nuts = _first(region.properties, "nuts_id", "nuts_code", "nuts")
        if not code and isinstance(nuts, str) and len(nuts) >= 2:
            code = _country_code(nuts[:2])
        if code:
            return code
    return None


# CORDIS activity types (a participant's ``activityType``, ig:activityType) in words.
ACTIVITY_TYPES: dict[str, str] = {
    "HES": "Higher or secondary education",
    "REC": "Research organisation",
    "PRC": "Private for-profit entity",  # as CORDIS names it
    "PUB": "Public body",
    "OTH": "Other",
}


def organisation_kind(entity: Node) -> str:
    """What kind of organisation an entity is: its CORDIS activity type (HES, REC, PRC,
    PUB, OTH) when it has one of those, else its entity type (Organisation, Cluster)."""
    code = entity.properties.get("activity_type")
    if isinstance(code, str) and code.strip().upper() in ACTIVITY_TYPES:
        return code.strip().upper()
    return entity.type


def kind_label(kind: str) -> str:
    """A kind in words: "REC" -> "Research organisation"; an entity type as it is, and a
    plain Organisation says that no more is known."""
    if kind == "Organisation":
        return "Organisation (type unknown)"
    return ACTIVITY_TYPES.get(kind, kind)
