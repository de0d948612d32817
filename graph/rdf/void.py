"""The VoID + DCAT description of the dataset: served at /.well-known/void and appended to
every dump (after the data, once its triples are counted)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from innograph import __version__
from innograph.graph.rdf.describe import Block, Pair
from innograph.graph.rdf.terms import (
    DCAT_NS,
    DCTERMS_NS,
    EURIO_NS,
    FOAF_NS,
    IG_NS,
    NS,
    OWL_NS,
    PROV_NS,
    RDFS_NS,
    SKOS_NS,
    VOID_NS,
    datetime_literal,
    integer,
    iri,
    string,
)
from innograph.graph.rdf.writers import RDF_FORMATS
from innograph.ontology.terms import ONTOLOGY_IRI

TITLE = "innograph: the regional innovation ecosystem as linked open data"
DESCRIPTION = (
    "Organisations, clusters, projects, Smart Specialisation platforms, funding "
    "programmes, regions, people and events, and who works with whom, extracted from "
    "documents and EU project data; every relation carries the document and sentence "
    "it comes from (PROV-O)."
)
# Vocabularies whose terms a dump uses.
VOCABULARIES = (IG_NS, RDFS_NS, OWL_NS, PROV_NS, DCTERMS_NS, SKOS_NS, EURIO_NS, FOAF_NS)
DUMP_PATH = "/dumps/innograph"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """What the description says: counts and dates come from the graph, the rest from Settings."""

    base: str
    licence: str
    publisher: str
    triples: int | None = None
    entities: int | None = None
    modified: str | None = None  # ISO 8601 dateTime of the last change
    selection_note: str | None = None  # when a dump holds only part of the graph
    dump_formats: tuple[str, ...] = field(default_factory=lambda: tuple(RDF_FORMATS))


def _licence(licence: str) -> str:
    """The licence as an IRI when it is one (the default), else as its name."""
    if re.match(r"^[a-z][a-z0-9+.-]*://\S+$", licence, re.IGNORECASE):
        return iri(licence)
    return string(licence)


def dataset_iri(base: str) -> str:
    """The IRI of the dataset itself."""
    return f"{base}/.well-known/void#dataset"


def dump_url(base: str, fmt: str) -> str:
    """The download URL of the whole-graph dump in one RDF format."""
    return f"{base}{DUMP_PATH}.{RDF_FORMATS[fmt][1]}"


def void_blocks(info: DatasetInfo) -> Iterator[Block]:
    """The description as subject blocks (dataset, publisher, one distribution per format)."""
    dataset = iri(dataset_iri(info.base))
    publisher = iri(f"{info.base}/.well-known/void#publisher")
    pairs: list[Pair] = [
        (NS.type, iri(VOID_NS + "Dataset")),
        (NS.type, iri(DCAT_NS + "Dataset")),
        (iri(DCTERMS_NS + "title"), string(TITLE)),
        (iri(DCTERMS_NS + "description"), string(info.selection_note or DESCRIPTION)),
        (iri(DCTERMS_NS + "license"), _licence(info.licence)),
        (iri(DCTERMS_NS + "publisher"), publisher),
        (iri(DCTERMS_NS + "conformsTo"), iri(ONTOLOGY_IRI)),
        (iri(OWL_NS + "versionInfo"), string(__version__)),
        (iri(VOID_NS + "uriSpace"), string(f"{info.base}/id/")),
        (iri(VOID_NS + "sparqlEndpoint"), iri(f"{info.base}/sparql")),
        (iri(VOID_NS + "rootResource"), iri(ONTOLOGY_IRI)),
        (iri(DCAT_NS + "accessURL"), iri(f"{info.base}/sparql")),
    ]
    pairs += [(iri(VOID_NS + "vocabulary"), iri(ns)) for ns in VOCABULARIES]
    if info.triples is not None:
        pairs.append((iri(VOID_NS + "triples"), integer(info.triples)))
    if info.entities is not None:
        pairs.append((iri(VOID_NS + "entities"), integer(info.entities)))
    if info.modified:
        pairs.append((iri(DCTERMS_NS + "modified"), datetime_literal(info.modified)))
    for fmt in info.dump_formats:
        pairs.append((iri(VOID_NS + "dataDump"), iri(dump_url(info.base, fmt))))
        pairs.append((iri(DCAT_NS + "distribution"), iri(f"{dataset_iri(info.base)}-{fmt}")))
    yield dataset, pairs
    yield (
        publisher,
        [
            (NS.type, iri(FOAF_NS + "Agent")),
            (iri(FOAF_NS + "name"), string(info.publisher)),
        ],
    )
    for fmt in info.dump_formats:
        media_type, _ = RDF_FORMATS[fmt]
        yield (
            iri(f"{dataset_iri(info.base)}-{fmt}"),
            [
                (NS.type, iri(DCAT_NS + "Distribution")),
                (iri(DCAT_NS + "downloadURL"), iri(dump_url(info.base, fmt))),
                (iri(DCAT_NS + "mediaType"), iri(IANA_MEDIA_TYPES + media_type)),
                (iri(DCTERMS_NS + "license"), _licence(info.licence)),
            ],
        )
