"""RDF that follows innograph's ontology -> DocumentFacts, one per ig:Document.

The inverse of the graph's RDF export (``graph/rdf.py``): entities are the subjects typed
with an innograph class, their canonical id the last segment of ``.../id/<id>`` (whatever
the base, so a dump published elsewhere imports too); relations come from the reified
``rdf:Statement``s, each credited to the documents it ``prov:wasDerivedFrom``; merges come
back from ``owl:sameAs`` links between our own IRIs. Facts the file states without a
document (a relation with no statement, an entity without ``prov:wasDerivedFrom``) are
credited to the imported file itself, so nothing is dropped silently. The EURIO-qualified
form and the dataset description are derived data and are not read back.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from innograph.ontology.facts import DocumentFacts, EntityFact, MergeRecord, RelationFact
from innograph.ontology.ids import is_canonical_id, slugify
from innograph.ontology.terms import IG, ontology

PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
WIKIDATA_PREFIX = "http://www.wikidata.org/entity/"
ROR_PREFIX = "https://ror.org/"
ID_SEGMENT = "/id/"
MERGE_METHOD = "rdf:owl:sameAs"

# File suffix -> rdflib parser name.
PARSERS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
# adms:schemaAgency text -> attribute key (the exporter writes these agencies).
_AGENCY_KEYS = {"participant identification code": "pic", "common commission identifier": "cci"}


class RdfImportError(ValueError):
    """The file cannot be read as RDF, or says something the ontology does not allow."""


@dataclass(slots=True)
class ImportReport:
    """What an RDF file held: the documents' facts and counts of what was read."""

    documents: list[DocumentFacts]
    entities: int = 0
    statements: int = 0
    unsupported_relations: int = 0  # direct triples without a statement (credited to the file)
    skipped: list[str] = field(default_factory=list)  # one line per thing not imported


def canonical_id_of(iri: str) -> str | None:
    """The canonical id at the end of ``.../id/<id>``, or None."""
    if ID_SEGMENT not in iri:
        return None
    candidate = iri.rsplit(ID_SEGMENT, 1)[1]
    return candidate if is_canonical_id(candidate) else None


def parser_for(path: Path) -> str:
    """The rdflib parser name for a file, from its suffix (``.gz`` looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = PARSERS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        known = ", ".join(sorted(PARSERS))
        raise RdfImportError(f"{path.name}: unknown RDF file type (known suffixes: {known})")
    return fmt


def load_graph(path: Path) -> Graph:
    """Parse an RDF file (optionally gzip-compressed) into an rdflib Graph."""
    fmt = parser_for(path)
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except OSError as err:
        raise RdfImportError(f"{path}: cannot read ({err.strerror or err})") from None
    graph = Graph()
    try:
        graph.parse(io.BytesIO(data), format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RdfImportError(f"{path.name}: not valid {fmt} RDF: {first_line}") from None
    return graph


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal))
    return values[0] if values else None


def _number(graph: Graph, subject: Node, predicate: URIRef) -> float | None:
    text = _text(graph, subject, predicate)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _most_specific(names: Iterable[str]) -> str | None:
    names = set(names)
    classes = ontology().classes
    for name in sorted(names):
        if not any(classes[other].parent == name for other in names if other != name):
            return name
    return None


@dataclass(slots=True)
class _Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    attributes: dict[str, Any]
    documents: list[str]
    variants: list[str]


def _entity(graph: Graph, subject: URIRef, cid: str, etype: str) -> _Entity:
    name = _text(graph, subject, IG.name) or _text(graph, subject, RDFS.label) or cid
    aliases = sorted(str(o) for o in graph.objects(subject, IG.alias) if isinstance(o, Literal))
    attrs: dict[str, Any] = {}
    for predicate, key in ((IG.countryCode, "country"), (IG.nutsCode, "nuts_id")):
        value = _text(graph, subject, predicate)
        if value:
            attrs[key] = value
    for predicate, key in ((IG.startDate, "start_date"), (IG.endDate, "end_date")):
        value = _text(graph, subject, predicate)
        if value:
            attrs[key] = value
    budget = _number(graph, subject, IG.budgetEur)
    if budget is not None:
        attrs["budget_eur"] = budget
    homepage = next(iter(graph.objects(subject, FOAF.homepage)), None)
    if homepage is not None:
        attrs["url"] = str(homepage)
    variants: list[str] = []
    for other in graph.objects(subject, OWL.sameAs):
        text = str(other)
        if text.startswith(WIKIDATA_PREFIX):
            attrs["wikidata"] = text[len(WIKIDATA_PREFIX) :]
        elif text.startswith(ROR_PREFIX):
            attrs["ror"] = text[len(ROR_PREFIX) :]
        else:
            variant = canonical_id_of(text)
            if variant and variant != cid:
                variants.append(variant)
    for ident in graph.objects(subject, ADMS.identifier):
        agency = (_text(graph, ident, ADMS.schemaAgency) or "").lower()
        agency_key = next((k for label, k in _AGENCY_KEYS.items() if label in agency), None)
        code = _text(graph, ident, SKOS.notation)
        if agency_key and code:
            attrs[agency_key] = code
    documents = sorted(str(d) for d in graph.objects(subject, PROV.wasDerivedFrom))
    return _Entity(cid, etype, name, aliases, attrs, documents, sorted(variants))


def _variant_name(entity: _Entity, variant: str) -> str:
    """A name that mints ``variant``: an alias whose slug matches, else the slug's words."""
    slug = variant.split("-", 1)[1]
    for name in [*entity.aliases, entity.name]:
        if slugify(name) == slug:
            return name
    return slug.replace("-", " ")


def read_rdf(path: Path) -> ImportReport:
    """The DocumentFacts an RDF file states, grouped per ig:Document (see module docstring)."""
    graph = load_graph(path)
    return facts_from_graph(graph, fallback_source=path.name, raw=path.read_bytes())


def facts_from_graph(graph: Graph, *, fallback_source: str, raw: bytes = b"") -> ImportReport:
    """DocumentFacts from a parsed graph; facts without a document go to ``fallback_source``."""
    onto = ontology()
    class_by_iri = {URIRef(t.iri): t.name for t in onto.entity_types.values()}
    relation_by_iri = {URIRef(t.iri): t.name for t in onto.relation_types.values()}
    skipped: list[str] = []

    # Documents.
    docs: dict[str, DocumentFacts] = {}
    for doc in sorted(set(graph.subjects(RDF.type, IG.Document)), key=str):
        source = _text(graph, doc, DCTERMS.source) or str(doc)
        content_hash = (
            _text(graph, doc, IG.contentHash) or hashlib.sha256(source.encode()).hexdigest()
        )
        docs[str(doc)] = DocumentFacts(
            doc=source.rsplit("/", 1)[-1] or source,
            source=source,
            content_hash=content_hash,
            lang=_text(graph, doc, DCTERMS.language) or "und",
            title=_text(graph, doc, DCTERMS.title),
        )
    fallback_key = "__file__"

    def document(key: str) -> DocumentFacts:
        if key not in docs:
            if key == fallback_key:
                digest = hashlib.sha256(raw or fallback_source.encode()).hexdigest()
                docs[key] = DocumentFacts(
                    doc=Path(fallback_source).name,
                    source=fallback_source,
                    content_hash=digest,
                    lang="und",
                )
            else:  # a prov:wasDerivedFrom target the file does not describe
                docs[key] = DocumentFacts(
                    doc=key.rsplit("/", 1)[-1],
                    source=key,
                    content_hash=hashlib.sha256(key.encode()).hexdigest(),
                    lang="und",
                )
        return docs[key]

    # Entities.
    entities: dict[str, _Entity] = {}
    types_of: dict[URIRef, set[str]] = defaultdict(set)
    for cls_iri, name in class_by_iri.items():
        for subject in graph.subjects(RDF.type, cls_iri):
            if isinstance(subject, URIRef):
                types_of[subject].add(name)
    for subject, names in sorted(types_of.items()):
        cid = canonical_id_of(str(subject))
        etype = _most_specific(names)
        if cid is None or etype is None:
            skipped.append(f"{subject}: not an innograph entity IRI (.../id/<canonical id>)")
            continue
        entities[cid] = _entity(graph, subject, cid, etype)

    def mention(doc_key: str, cid: str) -> None:
        facts = document(doc_key)
        if any(e.key == cid for e in facts.entities):
            return
        ent = entities[cid]
        facts.entities.append(
            EntityFact(
                key=cid,
                type=ent.type,
                name=ent.name,
                canonical_id=cid,
                canonical_name=ent.name,
                aliases=list(ent.aliases),
                attributes=dict(ent.attributes),
            )
        )

    for cid, ent in entities.items():
        for doc_key in ent.documents or [fallback_key]:
            mention(doc_key, cid)
        if ent.variants:
            home = document((ent.documents or [fallback_key])[0])
            for variant in ent.variants:
                name = _variant_name(ent, variant)
                home.merges.append(MergeRecord(cid, name, MERGE_METHOD, 1.0))

    # Relations, from their statements.
    supported: set[tuple[str, str, str]] = set()
    statements = 0
    for stmt in sorted(set(graph.subjects(RDF.type, RDF.Statement)), key=str):
        predicate = graph.value(stmt, RDF.predicate)
        rel = relation_by_iri.get(predicate) if isinstance(predicate, URIRef) else None
        src = canonical_id_of(str(graph.value(stmt, RDF.subject) or ""))
        dst = canonical_id_of(str(graph.value(stmt, RDF.object) or ""))
        if rel is None or src not in entities or dst not in entities:
            skipped.append(f"{stmt}: statement about something that is not an innograph relation")
            continue
        assert src is not None and dst is not None
        statements += 1
        supported.add((src, rel, dst))
        evidence = sorted(str(o) for o in graph.objects(stmt, IG.evidence))
        confidence = _number(graph, stmt, IG.confidence)
        amount = _number(graph, stmt, IG.amountEur)
        derived = sorted(str(d) for d in graph.objects(stmt, PROV.wasDerivedFrom))
        for doc_key in derived or [fallback_key]:
            mention(doc_key, src)
            mention(doc_key, dst)
            document(doc_key).relations.append(
                RelationFact(
                    type=rel,
                    source=src,
                    target=dst,
                    evidence=evidence[0] if evidence else "",
                    confidence=confidence if confidence is not None else 1.0,
                    amount_eur=amount,
                )
            )

    # Direct relation triples nobody vouched for: credited to the file itself.
    unsupported = 0
    for predicate, rel in relation_by_iri.items():
        symmetric = onto.relation_types[rel].symmetric
        for s, o in graph.subject_objects(predicate):
            src, dst = canonical_id_of(str(s)), canonical_id_of(str(o))
            if src not in entities or dst not in entities:
                continue
            assert src is not None and dst is not None
            if (src, rel, dst) in supported or (symmetric and (dst, rel, src) in supported):
                continue
            unsupported += 1
            mention(fallback_key, src)
            mention(fallback_key, dst)
            document(fallback_key).relations.append(RelationFact(type=rel, source=src, target=dst))

    ordered = sorted(docs.values(), key=lambda d: d.source)
    return ImportReport(
        documents=ordered,
        entities=len(entities),
        statements=statements,
        unsupported_relations=unsupported,
        skipped=skipped,
    )
