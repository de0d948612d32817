"""Canonical identifiers: stable, URL-safe ids minted from a type and a name.

An id is ``<prefix>-<slug>`` where the prefix comes from the ontology class
(``ig:idPrefix``: org, project, platform, programme, region, person, event, doc) and
the slug is the name case-folded, accent-free, with runs of other characters turned
into single hyphens. Ids never change on re-ingest: the same type and name always
give the same id, and the RDF IRIs are minted from them.
"""

from __future__ import annotations

import re
import unicodedata

from innograph.ontology.terms import ontology

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z0-9]+-[a-z0-9][a-z0-9-]*$")
MAX_SLUG = 80


def fold(text: str) -> str:
    """Case-folded, accent-free text (``Kortrijk`` == ``kortrijk``; ``Liège`` -> ``liege``)."""
    if text.isascii():  # the common case, same result: ASCII has nothing to decompose
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    """A lowercase ASCII slug of ``text``; empty if the text has no letters or digits."""
    slug = _NON_SLUG.sub("-", fold(text.replace("&", " and "))).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


def id_prefix(entity_type: str) -> str:
    """The id prefix of a contract entity type (Cluster shares Organisation's)."""
    return ontology().classes[entity_type].id_prefix


def make_canonical_id(entity_type: str, key: str) -> str:
    """Mint the canonical id of an entity of ``entity_type`` whose identifying key is ``key``.

    ``key`` is a canonical name or a registry code (a NUTS id, a CCI, a PIC).
    """
    slug = slugify(key)
    if not slug:
        raise ValueError(f"cannot mint an id from {key!r}: it has no letters or digits")
    return f"{id_prefix(entity_type)}-{slug}"


def is_canonical_id(value: str) -> bool:
    """True when ``value`` has the form of a canonical id."""
    return bool(ID_PATTERN.match(value))
