"""IRIs of the linked-data graph, minted from canonical ids under a configurable base.

Every entity ``org-thomas-more`` is ``{base}/id/org-thomas-more``: the IRI depends only on
the base and the canonical id, and canonical ids never change on re-ingest, so neither
do the IRIs. Documents get ids of their own (``doc-<slug of source>-<sha1>``), minted
from their source in the same way. Following the W3C note "Cool URIs for the Semantic
Web" (303 variant), ``/id/...`` names the thing and ``/doc/...`` the document about it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from innograph.ontology.ids import ID_PATTERN, is_canonical_id, slugify
from innograph.ontology.terms import ontology

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
ID_PATH = "/id/"
DOC_PATH = "/doc/"
# The slug part of a document id is cut so the whole id stays readable.
MAX_DOC_SLUG = 60


def default_base_iri(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The base IRI derived from the serve address (used when INNOGRAPH_BASE_IRI is unset)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 literal in a URL needs brackets
    return f"http://{shown}:{port}"


def normalise_base(base: str | None) -> str:
    """The base without a trailing slash; the default serve address when None or empty."""
    if not base:
        return default_base_iri()
    base = base.strip()
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must start with http:// or https://, got {base!r}")
    return base.rstrip("/")


def entity_iri(base: str, canonical_id: str) -> str:
    """The IRI of the thing with this canonical id (an entity, a document, a statement)."""
    return f"{base}{ID_PATH}{canonical_id}"


def describing_document_url(base: str, canonical_id: str) -> str:
    """The URL of the RDF/HTML document describing the thing (the 303 target)."""
    return f"{base}{DOC_PATH}{canonical_id}"


def id_from_iri(base: str, iri: str) -> str | None:
    """The canonical id an IRI was minted from, or None if it is not one of ours."""
    prefix = f"{base}{ID_PATH}"
    if not iri.startswith(prefix):
        return None
    candidate = iri[len(prefix) :]
    return candidate if ID_PATTERN.match(candidate) else None


@lru_cache(maxsize=65_536)
def document_id(source: str) -> str:
    """The canonical id of the Document whose identity is ``source`` (path, URL, file#row).

    ``doc-<slug>`` when the source is already a slug (the slug then says it exactly);
    otherwise a short sha1 of the source is appended, because slugging a path or URL loses
    characters and two sources could otherwise share an id.
    """
    prefix = ontology().classes["Document"].id_prefix
    slug = slugify(source)[:MAX_DOC_SLUG].rstrip("-")
    if slug and slug == source:
        return f"{prefix}-{slug}"
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def statement_id(subject_id: str, relation: str, object_id: str, source: str) -> str:
    """The id of the reified statement saying that one document supports one relation."""
    key = "\x1f".join((subject_id, relation, object_id, source))
    return f"stmt-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "default_base_iri",
    "describing_document_url",
    "document_id",
    "entity_iri",
    "id_from_iri",
    "is_canonical_id",
    "normalise_base",
    "statement_id",
]
