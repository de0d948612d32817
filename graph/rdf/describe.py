"""The graph as RDF: a stream of subject blocks following innograph's RDF data model.

``describe(store, options)`` walks the store once (nodes, then relationships, then the
documents they cite) and yields one ``(subject, [(predicate, object), ...])`` block per
resource, every term already in N-Triples form (``graph.rdf.terms``). Writers in
``graph.rdf.writers`` turn the blocks into N-Triples, Turtle, RDF/XML or JSON-LD without
ever holding the graph: memory stays flat whatever its size.

The model (validated by ``ontology/shapes.ttl``):

- entity ``{base}/id/{canonical_id}``: ``a ig:<Class>`` and the EURIO (or FOAF) class it
  is equivalent to, ``ig:name``, ``rdfs:label`` tagged with the language of the
  documents it comes from (untagged when unknown), ``ig:alias``*, ``ig:countryCode``,
  ``ig:nutsCode`` (+ ``skos:exactMatch`` the NUTS IRI, for real NUTS codes only),
  ``ig:budgetEur``, ``ig:startDate``/``ig:endDate``, ``foaf:homepage`` (absolute http(s)
  URLs only), ``prov:wasDerivedFrom`` documents, ``owl:sameAs`` the IRIs merged variant
  names would mint (they dereference to the entity) and Wikidata/ROR, registry codes,
  the CORDIS fields in EURIO's terms (``graph.rdf.eurio``);
- each relation ``<s> ig:leads <o>`` plus one reified ``rdf:Statement`` per supporting
  document (evidence, confidence, amount);
- each document ``a ig:Document, prov:Entity`` with source, hash, language, time, title;
- optionally the EURIO-qualified form of relations (OrganisationRole, Grant, MonetaryAmount).

A block that opens with ``rdf:type`` introduces its subject; a block that only adds a link
to a subject described already does not (``export.tallied`` counts resources by it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from innograph.graph.errors import EntityNotFound
from innograph.graph.rdf.eurio import (
    CONTRIBUTION_GRANT,
    CORDIS_MARKERS,
    cordis_form,
    eurio_blocks,
    has_cordis_fields,
)
from innograph.graph.rdf.iris import document_id, entity_iri, statement_id
from innograph.graph.rdf.sources import EntitySources
from innograph.graph.rdf.terms import (
    NS,
    NUTS_NS,
    ROR_NS,
    WIKIDATA_NS,
    date_literal,
    datetime_literal,
    decimal,
    iri,
    string,
    tagged,
    web_iri,
)
from innograph.graph.store import GraphStore
from innograph.graph.types import DocumentInfo, Edge, Node
from innograph.ontology.ids import make_canonical_id
from innograph.ontology.nuts import is_nuts_code
from innograph.ontology.terms import ClassTerm, ontology

Pair = tuple[str, str]
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
Block = tuple[str, list[Pair]]

# Registry codes written as adms:Identifier nodes (``<entity>#pic``); the agency names
# the register the code belongs to, so that an importer can tell them apart.
IDENTIFIER_AGENCIES: dict[str, str] = {
    "pic": "European Commission Participant Identification Code (PIC)",
    "cci": "Common Commission Identifier (CCI) of an EU programme",
}
# Identifiers that are IRIs of other linked-data sets: owl:sameAs links, written only for
# codes of the authority's form (an IRI that cannot exist there is no link).
SAME_AS_NAMESPACES: dict[str, str] = {"wikidata": WIKIDATA_NS, "ror": ROR_NS}
SAME_AS_CODES: dict[str, re.Pattern[str]] = {
    "wikidata": re.compile(r"^Q[1-9][0-9]*$"),
    "ror": re.compile(r"^0[a-z0-9]{6}[0-9]{2}$"),
}
# What the per-entity hot path tests properties against, and pairs built once.
_IDENTIFIER_KEYS = frozenset(IDENTIFIER_AGENCIES)
_SAME_AS_KEYS = frozenset(SAME_AS_NAMESPACES)
_DATE_KEYS = (("start_date", NS.ig_start), ("end_date", NS.ig_end))
_STATEMENT_TYPE: Pair = (NS.type, NS.statement)
_DOCUMENT_TYPES: tuple[Pair, ...] = ((NS.type, NS.ig_document), (NS.type, NS.prov_entity))


@dataclass(frozen=True, slots=True)
class Selection:
    """Which part of the graph to export; empty means all of it. Criteria combine with AND."""

    types: tuple[str, ...] = ()
    programme: str | None = None  # canonical id of a FundingProgramme
    region: str | None = None  # canonical id of a Region

    @property
    def everything(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.types or self.programme or self.region)


@dataclass(slots=True)
class DumpTally:
    """What a dump held, counted as it streams: its VoID figures and its sources."""

    triples: int = 0
    resources: int = 0  # resources minted under {base}/id/
    cordis: bool = False  # some entity carries CORDIS fields (the dataset credits CORDIS)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to describe the graph: IRI base, selection and the optional EURIO form."""

    base: str
    selection: Selection = field(default_factory=Selection)
    eurio: bool = False


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _first(props: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = props.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


@lru_cache(maxsize=64)
def _type_pairs(name: str) -> tuple[Pair, ...]:
    """The ``rdf:type`` pairs of a class name: the class, its innograph superclasses and
    the classes of other vocabularies these are equivalent to (eurio:Project)."""
    return tuple((NS.type, cls) for cls in class_iris(ontology().classes[name]))


def class_iris(term: ClassTerm) -> list[str]:
    """The ``<iri>`` of a class, of every innograph superclass (Cluster -> Organisation),
    then of their equivalent classes in other vocabularies (Organisation -> eurio:Organisation)."""
    chain = [term]
    while chain[-1].parent:
        chain.append(ontology().classes[str(chain[-1].parent)])
    out = [iri(t.iri) for t in chain]
    out += [iri(eq) for t in chain for eq in t.equivalents if iri(eq) not in out]
    return out


_UNKNOWN_LANGUAGES = frozenset({"", "und", "unknown", "xx"})


def entity_language(sources: Sequence[str], langs: dict[str, str]) -> str | None:
    """The language of an entity's name: that of its documents when they agree, else of
    the last in source order (whose name the store keeps); None when unknown."""
    known = [langs.get(s, "") for s in sorted(set(sources))]
    known = [lang for lang in known if lang.lower() not in _UNKNOWN_LANGUAGES]
    return known[-1] if known else None


def entity_blocks(
    node: Node,
    base: str,
    sources: Sequence[str],
    variants: Iterable[str] = (),
    lang: str | None = None,
) -> list[Block]:
    """The blocks of one entity: its own, then its registry identifiers and the resources
    its CORDIS fields point at (fragments of its IRI)."""
    block = entity_block(node, base, sources, variants, lang)
    blocks = [block]
    props = node.properties
    if not _IDENTIFIER_KEYS.isdisjoint(props):
        blocks += identifier_blocks(node, base)
    if has_cordis_fields(props):
        pairs, extra = cordis_form(node.id, node.type, props, base, lang)
        block[1].extend(pairs)
        blocks += extra
    return blocks


def entity_block(
    node: Node,
    base: str,
    sources: Sequence[str],
    variants: Iterable[str] = (),
    lang: str | None = None,
) -> Block:
    """The triples of one entity node (see the module docstring); ``lang`` tags its label."""
    # The hot path of a dump (one call per entity): empty properties are skipped with
    # one test each, and terms come from caches.
    subject = f"<{base}/id/{node.id}>"
    props = node.properties
    pairs: list[Pair] = [
        *_type_pairs(node.type),
        (NS.ig_name, string(node.name)),
        (NS.label, tagged(node.name, lang)),
    ]
    aliases = props.get("aliases")
    if aliases is not None and aliases != []:
        for alias in sorted(set(_as_list(aliases)) - {node.name}):
            pairs.append((NS.ig_alias, string(alias)))
    country = str(_first(props, "country", "country_code") or "").strip().upper()
    if _COUNTRY.match(country):
        pairs.append((NS.ig_country, _string_term(country)))
    nuts = str(_first(props, "nuts_id", "nuts_code", "nuts") or "").strip().upper()
    if _NUTS.match(nuts) and is_nuts_code(nuts):
        pairs.append((NS.ig_nuts, _string_term(nuts)))
        pairs.append((NS.exact_match, iri(NUTS_NS + nuts)))
    budget = props.get("budget_eur")
    if budget not in (None, ""):
        pairs.append((NS.ig_budget, decimal(budget)))
    for key, predicate in _DATE_KEYS:
        value = props.get(key)
        literal = date_literal(str(value)) if value else None
        if literal:
            pairs.append((predicate, literal))
    url = props.get("url")
    if url:
        homepage = web_iri(url)  # "www.example.org" has no scheme: no IRI can be made of it
        if homepage is not None:
            pairs.append((NS.homepage, homepage))
    if not _SAME_AS_KEYS.isdisjoint(props):
        for key, namespace in SAME_AS_NAMESPACES.items():
            for code in _as_list(props.get(key)):
                code = code.strip().rstrip("/").rsplit("/", 1)[-1]
                if SAME_AS_CODES[key].match(code):
                    pairs.append((NS.same_as, iri(namespace + code)))
    if variants:
        for variant in sorted(set(variants)):
            if variant != node.id:
                pairs.append((NS.same_as, iri(entity_iri(base, variant))))
    if not _IDENTIFIER_KEYS.isdisjoint(props):
        for key in IDENTIFIER_AGENCIES:
            if _as_list(props.get(key)):
                pairs.append((NS.identifier, iri(f"{entity_iri(base, node.id)}#{key}")))
    if sources:
        terms = _terms(base)
        documents, derived_from = terms.documents, NS.derived_from
        pairs += [
            (derived_from, documents.get(s) or terms.document(s)) for s in sorted(set(sources))
        ]
    return subject, pairs


def identifier_blocks(node: Node, base: str) -> Iterator[Block]:
    """The adms:Identifier nodes of an entity's registry codes (PIC, CCI)."""
    for key, agency in IDENTIFIER_AGENCIES.items():
        codes = _as_list(node.properties.get(key))
        if codes:
            pairs = [(NS.type, NS.identifier_class)]
            pairs += [(NS.notation, string(code)) for code in codes]
            pairs.append((NS.schema_agency, string(agency)))
            yield iri(f"{entity_iri(base, node.id)}#{key}"), pairs


@lru_cache(maxsize=64)
def _predicate(relation: str) -> str:
    return iri(ontology().properties[relation].iri)


class _Terms:
    """Terms a dump builds over and over (documents, evidence, confidences) under one base.

    Plain dicts, read inline as ``table.get(key) or terms.method(key)``: a dict lookup is a
    third of an lru_cache hit keyed on (base, source). A table is emptied when full, so
    memory stays bounded whatever the graph's size.
    """

    LIMIT = 65_536

    def __init__(self, base: str) -> None:
        self.base = base
        self.documents: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.confidences: dict[float, str] = {}

    def document(self, source: str) -> str:
        """The IRI term of the document whose identity is ``source``."""
        if len(self.documents) >= self.LIMIT:
            self.documents.clear()
        term = self.documents[source] = iri(entity_iri(self.base, document_id(source)))
        return term

    def string(self, text: str) -> str:
        """A plain literal (evidence sentences repeat: "row" for every CSV fact)."""
        if len(self.strings) >= self.LIMIT // 16:
            self.strings.clear()
        term = self.strings[text] = string(text)
        return term

    def confidence(self, value: float) -> str:
        """The xsd:decimal literal of a confidence, rounded to 6 places."""
        if len(self.confidences) >= self.LIMIT:
            self.confidences.clear()
        term = self.confidences[value] = decimal(round(float(value), 6))
        return term


@lru_cache(maxsize=8)
def _terms(base: str) -> _Terms:
    return _Terms(base)


# Short literals that repeat (country and NUTS codes, languages): built once each.
_string_term = lru_cache(maxsize=4096)(string)


def _id_term(base: str, canonical_id: str) -> str:
    # Canonical ids are [a-z0-9-]: the IRI needs no escaping check.
    return f"<{base}/id/{canonical_id}>"


def _statement_groups(edge: Edge) -> dict[str, tuple[list[str], float]]:
    """Provenance grouped by document: (evidence sentences, highest confidence)."""
    groups: dict[str, tuple[list[str], float]] = {}
    for prov in edge.provenance:
        group = groups.get(prov.document)
        if group is None:
            groups[prov.document] = ([prov.evidence] if prov.evidence else [], prov.confidence)
            continue
        evidence, confidence = group
        if prov.evidence and prov.evidence not in evidence:
            evidence.append(prov.evidence)
        groups[prov.document] = (evidence, max(confidence, prov.confidence))
    return groups


def edge_blocks(
    edge: Edge, base: str, eurio: bool = False, contribution_grants: set[str] | None = None
) -> list[Block]:
    """A relation: the direct triple, its reified statements and optionally the EURIO form.

    ``contribution_grants``: projects whose CORDIS EC contribution is a grant already
    (``cordis_form``); their first funding names that grant's scheme instead of minting a
    second grant for the same money."""
    # The hot path of a dump (one call per relation), hence a list rather than a
    # generator, pairs shared by the relation's statements, and cached terms.
    terms = _terms(base)
    predicate = _predicate(edge.type)
    subject = f"<{base}/id/{edge.source}>"
    obj = f"<{base}/id/{edge.target}>"
    blocks: list[Block] = [(subject, [(predicate, obj)])]
    # A grant's amount belongs to the funding relation only (the shapes check this).
    amount_term = None
    if edge.type == "FUNDED_BY":
        amount = edge.properties.get("amount_eur")
        if amount not in (None, ""):
            amount_term = decimal(amount)
    provenance = edge.provenance
    if len(provenance) == 1:  # the usual case, without the grouping
        prov = provenance[0]
        groups = {prov.document: ([prov.evidence] if prov.evidence else [], prov.confidence)}
    else:
        groups = _statement_groups(edge)
    head = (_STATEMENT_TYPE, (NS.subject, subject), (NS.predicate, predicate), (NS.object, obj))
    documents, strings, confidences = terms.documents, terms.strings, terms.confidences
    for source in sorted(groups) if len(groups) > 1 else groups:
        evidence, confidence = groups[source]
        stmt = _id_term(base, statement_id(edge.source, edge.type, edge.target, source))
        document = documents.get(source) or terms.document(source)
        pairs: list[Pair] = [*head, (NS.derived_from, document)]
        for text in sorted(evidence) if len(evidence) > 1 else evidence:
            pairs.append((NS.ig_evidence, strings.get(text) or terms.string(text)))
        confidence_term = confidences.get(confidence) or terms.confidence(confidence)
        pairs.append((NS.ig_confidence, confidence_term))
        if amount_term is not None:
            pairs.append((NS.ig_amount, amount_term))
        blocks.append((stmt, pairs))
    if eurio:
        if edge.type == "FUNDED_BY" and contribution_grants and edge.source in contribution_grants:
            contribution_grants.discard(edge.source)
            grant = iri(entity_iri(base, edge.source) + CONTRIBUTION_GRANT)
            blocks.append((grant, [(NS.eurio_scheme, obj)]))
            return blocks
        amount = edge.properties.get("amount_eur") if edge.type == "FUNDED_BY" else None
        role = edge.properties.get("role")  # CORDIS's own word (thirdParty, partner, ...)
        blocks += eurio_blocks(
            edge.source, edge.type, edge.target, amount, base, role=role if role else None
        )
    return blocks


def document_block(doc: DocumentInfo, base: str) -> Block:
    """The triples of one source document.

    Its hash is published only when it is the SHA-256 the ontology promises; a document
    stored with another digest (an older importer's SHA-1) goes without ``ig:contentHash``.
    """
    pairs: list[Pair] = [
        *_DOCUMENT_TYPES,
        (NS.source, string(doc.source)),
        (NS.language, _string_term(doc.lang)),
    ]
    if _SHA256.match(doc.content_hash):
        pairs.insert(3, (NS.ig_content_hash, string(doc.content_hash)))
    if doc.ingested_at:
        pairs.append((NS.generated_at, datetime_literal(doc.ingested_at)))
    if doc.title:
        lang = doc.lang if doc.lang.lower() not in _UNKNOWN_LANGUAGES else None
        pairs.append((NS.title, tagged(doc.title, lang)))
    terms = _terms(base)
    return terms.documents.get(doc.source) or terms.document(doc.source), pairs


def merge_variants(store: GraphStore) -> dict[str, set[str]]:
    """canonical id -> ids the merged variant names would mint (for owl:sameAs).

    Only ids that name nothing else: not an entity of the graph, and not minted by the
    variants of two entities (``owl:sameAs`` would make those one). Such an IRI
    dereferences to its entity (``/id/{variant}`` answers 303 to it), so every
    ``owl:sameAs`` to one of our IRIs resolves.
    """
    nodes_type: dict[str, str] = {}
    variants: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, str] = {}
    shared: set[str] = set()
    for record in store.merges():
        etype = nodes_type.get(record.canonical_id)
        if etype is None:
            node = store.get_node(record.canonical_id)
            if node is None:
                continue
            etype = nodes_type[record.canonical_id] = node.type
        try:
            variant = make_canonical_id(etype, record.name)
        except ValueError:
            continue  # a name with no letters or digits mints no IRI
        if variant == record.canonical_id or store.get_node(variant) is not None:
            continue
        if owners.setdefault(variant, record.canonical_id) != record.canonical_id:
            shared.add(variant)
        variants[record.canonical_id].add(variant)
    if shared:
        for canonical_id in {owners[v] for v in shared} | {
            c for c, vs in variants.items() if vs & shared
        }:
            variants[canonical_id] -= shared
    return variants


def variant_owners(store: GraphStore) -> dict[str, str]:
    """variant id -> the canonical id it is owl:sameAs (the inverse of merge_variants)."""
    return {v: cid for cid, vs in merge_variants(store).items() for v in vs}


def selected_ids(store: GraphStore, selection: Selection) -> set[str] | None:
    """The canonical ids a selection keeps; None when it keeps everything.

    - ``types``: the entities of those types;
    - ``programme``: the programme, the projects it funds and everything linked to them;
    - ``region``: the region, the regions inside it, what is located there and the
      projects, platforms and events those take part in.
    """
    if selection.everything:
        return None
    keep: set[str] | None = None
    if selection.types:
        keep = {node.id for node in store.iter_nodes(types=selection.types)}
    if selection.programme:
        keep = _intersect(keep, _programme_ids(store, selection.programme))
    if selection.region:
        keep = _intersect(keep, _region_ids(store, selection.region))
    return keep if keep is not None else set()


def _intersect(keep: set[str] | None, other: set[str]) -> set[str]:
    return other if keep is None else keep & other


def _require(store: GraphStore, entity_id: str, etype: str) -> None:
    node = store.get_node(entity_id)
    if node is None:
        raise EntityNotFound(entity_id)
    if node.type != etype:
        raise ValueError(f"{entity_id} is a {node.type}, not a {etype}")


def _programme_ids(store: GraphStore, programme: str) -> set[str]:
    _require(store, programme, "FundingProgramme")
    projects = {e.source for e in store.iter_edges(types=["FUNDED_BY"]) if e.target == programme}
    keep = {programme} | projects
    for edge in store.iter_edges():
        if edge.source in projects:
            keep.add(edge.target)
        if edge.target in projects:
            keep.add(edge.source)
    return keep


def _region_ids(store: GraphStore, region: str) -> set[str]:
    _require(store, region, "Region")
    located: dict[str, set[str]] = defaultdict(set)  # region -> things located in it
    for edge in store.iter_edges(types=["LOCATED_IN"]):
        located[edge.target].add(edge.source)
    regions, todo = {region}, [region]
    members: set[str] = set()
    while todo:  # regions inside regions (a city in a province in a country)
        for inside in located.get(todo.pop(), ()):
            members.add(inside)
            if inside in located and inside not in regions:
                regions.add(inside)
                todo.append(inside)
    keep = regions | members
    for edge in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"]):
        if edge.source in members:
            keep.add(edge.target)
    return keep


def describe(
    store: GraphStore, options: ExportOptions, tally: DumpTally | None = None
) -> Iterator[Block]:
    """Every block of the (selected) graph, streamed: entities, relations, documents.
    ``tally``, when given, learns whether CORDIS data is among them."""
    base, eurio = options.base, options.eurio
    keep = selected_ids(store, options.selection)
    variants = merge_variants(store)
    documents = store.documents()
    langs = {doc.source: doc.lang for doc in documents}
    # The documents cited, to write only those of a selection (a whole dump writes all).
    cited: set[str] | None = None if keep is None else set()
    sources_of = EntitySources(store)
    contribution_grants: set[str] = set()  # projects whose EC contribution is a grant
    try:
        for node in store.iter_nodes():
            if keep is not None and node.id not in keep:
                continue
            sources = sources_of(node)
            if cited is not None:
                cited.update(sources)
            lang = entity_language(sources, langs)
            yield from entity_blocks(node, base, sources, variants.get(node.id, ()), lang)
            if not CORDIS_MARKERS.isdisjoint(node.properties):
                if tally is not None:
                    tally.cordis = True
                if eurio and node.type == "Project" and "ec_contribution" in node.properties:
                    contribution_grants.add(node.id)
    finally:
        sources_of.close()
    for edge in store.iter_edges():
        if keep is not None and cited is not None:
            if edge.source not in keep or edge.target not in keep:
                continue
            cited.update(prov.document for prov in edge.provenance)
        yield from edge_blocks(edge, base, eurio, contribution_grants)
    for doc in documents:
        if cited is None or doc.source in cited:
            yield document_block(doc, base)


def describe_entity(store: GraphStore, entity_id: str, base: str) -> Iterator[Block]:
    """The blocks of one entity's description (for dereferencing): the entity, its
    relations both ways with their statements, and the documents it derives from.
    EntityNotFound if there is no such entity."""
    detail = store.get_entity(entity_id)
    variants = merge_variants(store).get(entity_id, ())
    sources = [doc.source for doc in detail.documents]
    lang = entity_language(sources, {doc.source: doc.lang for doc in detail.documents})
    yield from entity_blocks(detail.node, base, sources, variants, lang)
    cited = set(sources)
    for edge in [*detail.outgoing, *detail.incoming]:
        cited.update(prov.document for prov in edge.provenance)
        yield from edge_blocks(edge, base)
    for other in detail.neighbours.values():
        # Name and type of each neighbour, so a client can label the links.
        term = ontology().classes[other.type]
        name = string(other.name)
        yield (
            iri(entity_iri(base, other.id)),
            [
                (NS.type, iri(term.iri)),
                (NS.ig_name, name),
                (NS.label, name),
            ],
        )
    for doc in detail.documents:
        if doc.source in cited:
            yield document_block(doc, base)
