"""The VoID + DCAT-AP description of the dataset: served at /.well-known/void and appended
to every dump (after the data, once its triples are counted).

It conforms to the DCAT-AP 3.0.1 shapes (tests/test_rdf_conformance.py validates it with
pyshacl): a ``dcat:Catalog`` holding the ``dcat:Dataset`` and the SPARQL endpoint as a
``dcat:DataService``; one ``dcat:Distribution`` per dump format with its access and
download URL, IANA media type and EU file type; licences typed ``dct:LicenseDocument``.
Its VoID figures are those of the dump it describes: ``void:triples`` counts every
triple of the file, this description's own included, and ``void:entities`` every
resource minted under ``void:uriSpace``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

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
    VCARD_NS,
    VOID_NS,
    datetime_literal,
    english,
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
KEYWORDS = ("regional innovation", "research projects", "collaboration", "knowledge graph")
# Vocabularies whose terms a dump uses.
VOCABULARIES = (IG_NS, RDFS_NS, OWL_NS, PROV_NS, DCTERMS_NS, SKOS_NS, EURIO_NS, FOAF_NS)
DUMP_PATH = "/dumps/innograph"
# DCAT-AP asks for media types from IANA's register and formats from the EU's
# file-type authority table.
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPES: dict[str, str] = {
    "nt": "RDF_N_TRIPLES",
    "ttl": "RDF_TURTLE",
    "rdfxml": "RDF_XML",
    "jsonld": "JSON_LD",
}
SPARQL_PROTOCOL = "http://www.w3.org/TR/sparql11-protocol/"
# CORDIS, credited as a source when the graph holds its data: its data is published by
# the Publications Office under CC BY 4.0 (Commission Decision 2011/833/EU on reuse,
# and (EU) 2019/1372), attribution "© European Union".
CORDIS_LANDING_PAGE = "https://cordis.europa.eu/"
CORDIS_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
CORDIS_ATTRIBUTION = "© European Union, CORDIS (https://cordis.europa.eu/)"
PUBLICATIONS_OFFICE = "http://publications.europa.eu/resource/authority/corporate-body/PUBL"
_DCT = DCTERMS_NS
_DCAT = DCAT_NS


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """What the description says: counts and dates come from the graph, the rest from Settings."""

    base: str
    licence: str
    publisher: str
    triples: int | None = None  # every triple of the dump, the description's included
    entities: int | None = None  # resources minted under {base}/id/
    modified: str | None = None  # ISO 8601 dateTime of the last change
    selection_note: str | None = None  # when a dump holds only part of the graph
    cordis: bool = False  # the dump holds CORDIS data: credit the source and its licence
    dump_formats: tuple[str, ...] = field(default_factory=lambda: tuple(RDF_FORMATS))


def _is_iri(text: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://\S+$", text, re.IGNORECASE))


def licence_iri(info: DatasetInfo) -> str:
    """The licence document's IRI: the licence itself when it is an IRI (the default),
    else a node of the description that carries its name."""
    if _is_iri(info.licence):
        return info.licence
    return f"{info.base}/.well-known/void#licence"


def dataset_iri(base: str) -> str:
    """The IRI of the dataset itself."""
    return f"{base}/.well-known/void#dataset"


def dump_url(base: str, fmt: str) -> str:
    """The download URL of the whole-graph dump in one RDF format."""
    return f"{base}{DUMP_PATH}.{RDF_FORMATS[fmt][1]}"


def void_blocks(info: DatasetInfo) -> Iterator[Block]:
    """The description as subject blocks: catalog, dataset, SPARQL service, publisher,
    contact, licence, standards and one distribution per dump format."""
    base = info.base
    here = f"{base}/.well-known/void#"
    dataset, catalog = iri(dataset_iri(base)), iri(here + "catalog")
    service, publisher, contact = (
        iri(here + "sparql"),
        iri(here + "publisher"),
        iri(here + "contact"),
    )
    licence = iri(licence_iri(info))
    theme = iri(EU_DATA_THEME + "TECH")  # science and technology
    title, description = english(TITLE), english(info.selection_note or DESCRIPTION)
    modified = [(iri(_DCT + "modified"), datetime_literal(info.modified))] if info.modified else []
    yield (
        catalog,
        [
            (NS.type, iri(_DCAT + "Catalog")),
            (iri(_DCT + "title"), title),
            (iri(_DCT + "description"), english(DESCRIPTION)),
            (iri(_DCT + "publisher"), publisher),
            (iri(_DCT + "license"), licence),
            (iri(FOAF_NS + "homepage"), iri(f"{base}/")),
            (iri(_DCAT + "dataset"), dataset),
            (iri(_DCAT + "service"), service),
            (iri(_DCAT + "themeTaxonomy"), iri(EU_DATA_THEME.rstrip("/"))),
            *modified,
        ],
    )
    pairs: list[Pair] = [
        (NS.type, iri(VOID_NS + "Dataset")),
        (NS.type, iri(_DCAT + "Dataset")),
        (iri(_DCT + "title"), title),
        (iri(_DCT + "description"), description),
        (iri(_DCT + "license"), licence),
        (iri(_DCT + "publisher"), publisher),
        (iri(_DCAT + "contactPoint"), contact),
        (iri(_DCT + "conformsTo"), iri(ONTOLOGY_IRI)),
        (iri(_DCAT + "theme"), theme),
        (iri(OWL_NS + "versionInfo"), string(__version__)),
        (iri(VOID_NS + "uriSpace"), string(f"{base}/id/")),
        (iri(VOID_NS + "sparqlEndpoint"), iri(f"{base}/sparql")),
        (iri(VOID_NS + "rootResource"), iri(ONTOLOGY_IRI)),
        *modified,
    ]
    pairs += [(iri(_DCAT + "keyword"), english(word)) for word in KEYWORDS]
    pairs += [(iri(VOID_NS + "vocabulary"), iri(ns)) for ns in VOCABULARIES]
    if info.triples is not None:
        pairs.append((iri(VOID_NS + "triples"), integer(info.triples)))
    if info.entities is not None:
        pairs.append((iri(VOID_NS + "entities"), integer(info.entities)))
    for fmt in info.dump_formats:
        pairs.append((iri(VOID_NS + "dataDump"), iri(dump_url(base, fmt))))
        pairs.append((iri(_DCAT + "distribution"), iri(f"{dataset_iri(base)}-{fmt}")))
    if info.cordis:
        pairs.append((iri(_DCT + "source"), iri(here + "cordis")))
    yield dataset, pairs
    if info.cordis:
        yield from _cordis_blocks(here)
    yield (
        service,
        [
            (NS.type, iri(_DCAT + "DataService")),
            (iri(_DCT + "title"), english("innograph SPARQL endpoint")),
            (iri(_DCAT + "endpointURL"), iri(f"{base}/sparql")),
            (iri(_DCAT + "servesDataset"), dataset),
            (iri(_DCT + "conformsTo"), iri(SPARQL_PROTOCOL)),
            (iri(_DCT + "publisher"), publisher),
            (iri(_DCAT + "contactPoint"), contact),
            (iri(_DCAT + "theme"), theme),
            (iri(_DCT + "license"), licence),
        ],
    )
    yield (
        publisher,
        [(NS.type, iri(FOAF_NS + "Agent")), (iri(FOAF_NS + "name"), string(info.publisher))],
    )
    yield (
        contact,
        [
            (NS.type, iri(VCARD_NS + "Kind")),
            (NS.type, iri(VCARD_NS + "Organization")),
            (iri(VCARD_NS + "fn"), string(info.publisher)),
            (iri(VCARD_NS + "hasURL"), iri(f"{base}/")),
        ],
    )
    licence_pairs: list[Pair] = [(NS.type, iri(_DCT + "LicenseDocument"))]
    if not _is_iri(info.licence):
        licence_pairs.append((NS.label, string(info.licence)))
    yield licence, licence_pairs
    if info.cordis and licence != iri(CORDIS_LICENCE):
        yield iri(CORDIS_LICENCE), [(NS.type, iri(_DCT + "LicenseDocument"))]
    # The shapes check the classes of these values; they are typed here (no inference).
    yield iri(f"{base}/"), [(NS.type, iri(FOAF_NS + "Document"))]
    yield iri(f"{base}/sparql"), [(NS.type, iri(RDFS_NS + "Resource"))]
    yield (
        theme,
        [
            (NS.type, iri(SKOS_NS + "Concept")),
            (iri(SKOS_NS + "prefLabel"), english("Science and technology")),
        ],
    )
    yield (
        iri(EU_DATA_THEME.rstrip("/")),
        [(NS.type, iri(SKOS_NS + "ConceptScheme")), (iri(_DCT + "title"), english("Data theme"))],
    )
    yield iri(ONTOLOGY_IRI), [(NS.type, iri(_DCT + "Standard"))]
    yield iri(SPARQL_PROTOCOL), [(NS.type, iri(_DCT + "Standard"))]
    for fmt in info.dump_formats:
        media_type, ext = RDF_FORMATS[fmt]
        yield iri(IANA_MEDIA_TYPES + media_type), [(NS.type, iri(_DCT + "MediaType"))]
        yield iri(EU_FILE_TYPE + FILE_TYPES[fmt]), [(NS.type, iri(_DCT + "MediaTypeOrExtent"))]
        yield (
            iri(f"{dataset_iri(base)}-{fmt}"),
            [
                (NS.type, iri(_DCAT + "Distribution")),
                (iri(_DCT + "title"), english(f"innograph dump ({ext})")),
                (iri(_DCT + "description"), english(f"The whole graph in {media_type}.")),
                (iri(_DCAT + "accessURL"), iri(dump_url(base, fmt))),
                (iri(_DCAT + "downloadURL"), iri(dump_url(base, fmt))),
                (iri(_DCAT + "mediaType"), iri(IANA_MEDIA_TYPES + media_type)),
                (iri(_DCT + "format"), iri(EU_FILE_TYPE + FILE_TYPES[fmt])),
                (iri(_DCT + "license"), licence),
            ],
        )


def _cordis_blocks(here: str) -> Iterator[Block]:
    """CORDIS as the source dataset of the EU project data, with licence and attribution."""
    publisher = iri(PUBLICATIONS_OFFICE)
    yield (
        iri(here + "cordis"),
        [
            (NS.type, iri(_DCAT + "Dataset")),
            (iri(_DCT + "title"), english("CORDIS: EU research projects and their participants")),
            (
                iri(_DCT + "description"),
                english(
                    "The European Commission's records of the projects it funds "
                    "(Horizon 2020, Horizon Europe) and of the organisations in them."
                ),
            ),
            (iri(_DCT + "publisher"), publisher),
            (iri(_DCT + "rightsHolder"), publisher),
            (iri(_DCT + "license"), iri(CORDIS_LICENCE)),
            (iri(_DCT + "bibliographicCitation"), string(CORDIS_ATTRIBUTION)),
            (iri(_DCAT + "landingPage"), iri(CORDIS_LANDING_PAGE)),
        ],
    )
    yield (
        publisher,
        [
            (NS.type, iri(FOAF_NS + "Agent")),
            (iri(FOAF_NS + "name"), english("Publications Office of the European Union")),
        ],
    )
    yield iri(CORDIS_LANDING_PAGE), [(NS.type, iri(FOAF_NS + "Document"))]


def description_size(info: DatasetInfo) -> int:
    """How many triples the description of ``info`` holds (its figures' values do not
    change it; whether they are present does)."""
    return sum(len(pairs) for _, pairs in void_blocks(info))


def with_figures(
    info: DatasetInfo, data_triples: int, resources: int, *, cordis: bool = False
) -> DatasetInfo:
    """``info`` with the VoID figures of a dump of ``data_triples`` data triples and
    ``resources`` minted resources (``void:triples`` includes the description itself);
    ``cordis``: the dump holds CORDIS data."""
    counted = replace(info, triples=data_triples, entities=resources, cordis=cordis)
    return replace(counted, triples=data_triples + description_size(counted))
