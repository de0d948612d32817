"""The mapping derived from ``innograph.ttl``: contract names <-> IRIs <-> Neo4j names.

The ontology file is the single source of truth; this module reads it once when first
asked and never keeps a second hand-written list. Every other room asks here which
entity and relation types exist, what they are called in Neo4j and in RDF, and which
source and target types a relation allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

IG = Namespace("https://w3id.org/innograph/ontology#")
ONTOLOGY_IRI = "https://w3id.org/innograph/ontology"
SKOS_DEFINITION = URIRef("http://www.w3.org/2004/02/skos/core#definition")


class UnknownTermError(ValueError):
    """A type or relation name that the ontology does not define."""


@dataclass(frozen=True, slots=True)
class ClassTerm:
    """An ontology class: an entity type of the contract (or Document)."""

    name: str  # contract name, e.g. "Organisation"; "Document" has no contract name
    iri: str
    neo4j_label: str
    id_prefix: str
    parent: str | None  # contract name of the innograph superclass, e.g. Cluster -> Organisation
    labels: dict[str, str]
    definitions: dict[str, str]
    in_contract: bool
    # IRIs of other vocabularies' classes it is owl:equivalentClass to (eurio:Project):
    # written next to the innograph class, so queries in their terms find the entities
    # without a reasoner.
    equivalents: tuple[str, ...] = ()

    @property
    def neo4j_labels(self) -> tuple[str, ...]:
        """All labels a node of this type carries in Neo4j: its own and its superclasses'."""
        chain = [self.neo4j_label]
        parent = self.parent
        while parent:
            term = ontology().classes[parent]
            chain.insert(0, term.neo4j_label)
            parent = term.parent
        return tuple(chain)


@dataclass(frozen=True, slots=True)
class PropertyTerm:
    """An ontology object property: a relation type of the contract (or MENTIONS)."""

    name: str  # contract name, e.g. "LEADS", or the Neo4j type for non-contract properties
    iri: str
    neo4j_type: str
    local_name: str  # e.g. "leads"
    domain: tuple[str, ...]  # contract names of allowed source types
    range: tuple[str, ...]  # contract names of allowed target types
    symmetric: bool
    role_label: str | None  # eurio:roleLabel in the qualified form, if any
    labels: dict[str, str]
    definitions: dict[str, str]
    in_contract: bool


@dataclass(frozen=True, slots=True)
class Ontology:
    """Everything the package needs to know about the ontology's terms."""

    classes: dict[str, ClassTerm]
    properties: dict[str, PropertyTerm]

    @property
    def entity_types(self) -> dict[str, ClassTerm]:
        """The contract's entity types, by contract name."""
        return {k: v for k, v in self.classes.items() if v.in_contract}

    @property
    def relation_types(self) -> dict[str, PropertyTerm]:
        """The contract's relation types, by contract name."""
        return {k: v for k, v in self.properties.items() if v.in_contract}


def ontology_path() -> str:
    """File system path of the packaged ``innograph.ttl``."""
    return str(resources.files("innograph.ontology").joinpath("innograph.ttl"))


def shapes_path() -> str:
    """File system path of the packaged ``shapes.ttl``."""
    return str(resources.files("innograph.ontology").joinpath("shapes.ttl"))


@cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph (parsed once; do not mutate)."""
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g


def _lang_map(g: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    return {
        (o.language or ""): str(o) for o in g.objects(subject, predicate) if isinstance(o, Literal)
    }


def _one(g: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = [str(o) for o in g.objects(subject, predicate)]
    if len(values) > 1:
        raise ValueError(f"{subject} has {len(values)} values for {predicate}; expected one")
    return values[0] if values else None


def _class_names(g: Graph, node: Node | None, by_iri: dict[str, str]) -> tuple[str, ...]:
    """Contract names of a domain/range: a class or an owl:unionOf of classes."""
    if node is None:
        return ()
    if isinstance(node, URIRef):
        return (by_iri[str(node)],) if str(node) in by_iri else ()
    union = g.value(node, OWL.unionOf)
    if union is None:
        return ()
    return tuple(by_iri[str(m)] for m in Collection(g, union) if str(m) in by_iri)


def _with_subclasses(names: tuple[str, ...], classes: dict[str, ClassTerm]) -> tuple[str, ...]:
    out = list(names)
    for term in classes.values():
        if term.parent in out and term.name not in out:
            out.append(term.name)
    return tuple(out)


@cache
def ontology() -> Ontology:
    """The term mapping, derived from the ontology file (cached)."""
    g = ontology_graph()
    classes: dict[str, ClassTerm] = {}
    iri_to_name: dict[str, str] = {}
    for cls in g.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(IG)):
            continue
        label = _one(g, cls, IG.neo4jLabel)
        if label is None:
            continue
        contract = _one(g, cls, IG.contractName)
        name = contract or label
        iri_to_name[str(cls)] = name
    for cls_iri, name in iri_to_name.items():
        cls = URIRef(cls_iri)
        parents = [
            iri_to_name[str(p)] for p in g.objects(cls, RDFS.subClassOf) if str(p) in iri_to_name
        ]
        classes[name] = ClassTerm(
            name=name,
            iri=cls_iri,
            neo4j_label=_one(g, cls, IG.neo4jLabel) or name,
            id_prefix=_one(g, cls, IG.idPrefix) or name.lower(),
            parent=parents[0] if parents else None,
            labels=_lang_map(g, cls, RDFS.label),
            definitions=_lang_map(g, cls, SKOS_DEFINITION),
            in_contract=_one(g, cls, IG.contractName) is not None,
            equivalents=tuple(
                sorted(
                    str(o)
                    for o in g.objects(cls, OWL.equivalentClass)
                    if isinstance(o, URIRef) and not str(o).startswith(str(IG))
                )
            ),
        )
    properties: dict[str, PropertyTerm] = {}
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(prop, URIRef) or not str(prop).startswith(str(IG)):
            continue
        neo4j_type = _one(g, prop, IG.neo4jType)
        if neo4j_type is None:
            continue
        contract = _one(g, prop, IG.contractName)
        name = contract or neo4j_type
        properties[name] = PropertyTerm(
            name=name,
            iri=str(prop),
            neo4j_type=neo4j_type,
            local_name=str(prop)[len(str(IG)) :],
            domain=_with_subclasses(
                _class_names(g, g.value(prop, RDFS.domain), iri_to_name), classes
            ),
            range=_with_subclasses(
                _class_names(g, g.value(prop, RDFS.range), iri_to_name), classes
            ),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            role_label=_one(g, prop, IG.qualifiedRoleLabel),
            labels=_lang_map(g, prop, RDFS.label),
            definitions=_lang_map(g, prop, SKOS_DEFINITION),
            in_contract=contract is not None,
        )
    return Ontology(classes=classes, properties=properties)


def entity_type(name: str) -> ClassTerm:
    """The class for a contract entity type name; UnknownTermError if the ontology lacks it."""
    term = ontology().entity_types.get(name)
    if term is None:
        known = ", ".join(sorted(ontology().entity_types))
        raise UnknownTermError(f"unknown entity type {name!r} (the ontology defines: {known})")
    return term


def relation_type(name: str) -> PropertyTerm:
    """The property for a contract relation type name; UnknownTermError if the ontology lacks it."""
    term = ontology().relation_types.get(name)
    if term is None:
        known = ", ".join(sorted(ontology().relation_types))
        raise UnknownTermError(f"unknown relation type {name!r} (the ontology defines: {known})")
    return term


def check_relation(relation: str, source_type: str, target_type: str) -> None:
    """Raise UnknownTermError when a relation type does not allow these end types."""
    term = relation_type(relation)
    entity_type(source_type)
    entity_type(target_type)
    ok_source = source_type in term.domain or (term.symmetric and source_type in term.range)
    ok_target = target_type in term.range or (term.symmetric and target_type in term.domain)
    if not (ok_source and ok_target):
        raise UnknownTermError(
            f"{relation} does not go from {source_type} to {target_type} "
            f"(allowed: {'/'.join(term.domain)} -> {'/'.join(term.range)})"
        )
