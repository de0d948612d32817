"""The SHACL shapes: they accept the sample graph, reject each kind of bad data, and say
the same about relation domains and ranges as the ontology does."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from innograph.ontology.terms import IG, ontology, ontology_graph, shapes_path

SH = Namespace("http://www.w3.org/ns/shacl#")
IGSH = Namespace("https://w3id.org/innograph/shapes#")
EURIO = Namespace("http://data.europa.eu/s66#")
SAMPLE = Path(__file__).parent / "data" / "valid_sample.ttl"

PREFIXES = """
PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX id: <http://127.0.0.1:8000/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX eurio: <http://data.europa.eu/s66#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@cache
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def _sample() -> Graph:
    return Graph().parse(SAMPLE, format="turtle")


def _violations(data: Graph) -> set[tuple[str, str | None]]:
    """(node shape local name, result path) for every validation result."""
    conforms, report, _ = validate(data, shacl_graph=_shapes(), inference="none")
    shapes = _shapes()
    found: set[tuple[str, str | None]] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        owner = shapes.value(None, SH.property, source) or source
        path = report.value(result, SH.resultPath)
        found.add((str(owner).removeprefix(str(IGSH)), str(path) if path else None))
    assert conforms == (not found)
    return found


# --- accepting and rejecting ---------------------------------------------------------


def test_shapes_accept_the_valid_sample() -> None:
    assert _violations(_sample()) == set()


def test_a_cluster_typed_only_as_cluster_is_accepted() -> None:
    data = _sample()
    data.update(PREFIXES + "DELETE DATA { id:org-delta-robotics-cluster a ig:Organisation }")
    assert _violations(data) == set()


def test_a_collaboration_stated_in_the_other_direction_is_accepted() -> None:
    data = _sample()
    data.update(
        PREFIXES
        + """DELETE DATA { id:org-kempen-hogeschool ig:collaboratesWith id:org-lumen-labs }
             ;
             INSERT DATA { id:org-lumen-labs ig:collaboratesWith id:org-kempen-hogeschool }"""
    )
    assert _violations(data) == set()


def _stated(subject: str, predicate: str, obj: str) -> str:
    """An INSERT DATA of a relation triple with its statement and provenance."""
    return (
        f"INSERT DATA {{ id:{subject} ig:{predicate} id:{obj} . "
        f"  [] a rdf:Statement ; rdf:subject id:{subject} ; rdf:predicate ig:{predicate} ; "
        f"     rdf:object id:{obj} ; prov:wasDerivedFrom id:doc-news-item-txt }}"
    )


# Decision 0016: a Region or FundingProgramme standing for its government or managing body.
WIDENED = {
    "a person affiliated with a region (its mayor)": (
        "person-an-verhoeven",
        "affiliatedWith",
        "region-be24",
    ),
    "a person affiliated with a programme (its secretariat)": (
        "person-an-verhoeven",
        "affiliatedWith",
        "programme-interreg-example",
    ),
    "a region member of an organisation": ("region-be24", "memberOf", "org-lumen-labs"),
    "a region collaborating with an organisation": (
        "region-be24",
        "collaboratesWith",
        "org-delta-robotics-cluster",
    ),
    "an organisation collaborating with a region": (
        "org-kempen-hogeschool",
        "collaboratesWith",
        "region-be24",
    ),
}


@pytest.mark.parametrize("case", sorted(WIDENED))
def test_shapes_accept_the_widened_ends(case: str) -> None:
    data = _sample()
    data.update(PREFIXES + _stated(*WIDENED[case]))
    assert _violations(data) == set()


# Each case changes the valid sample in one way; the shapes must report that change.
INVALID = {
    "missing name": (
        'DELETE DATA { id:project-smartfab ig:name "SmartFab" }',
        ("EntityShape", str(IG.name)),
    ),
    "empty name": (
        'DELETE DATA { id:person-an-verhoeven ig:name "An Verhoeven" } ;'
        ' INSERT DATA { id:person-an-verhoeven ig:name "" }',
        ("EntityShape", str(IG.name)),
    ),
    "name with a language tag instead of a string": (
        'DELETE DATA { id:event-robotics-matchmaking-day ig:name "Robotics Matchmaking Day" } ;'
        ' INSERT DATA { id:event-robotics-matchmaking-day ig:name "Robotics Matchmaking Day"@en }',
        ("EntityShape", str(IG.name)),
    ),
    "fundedBy pointing at an Organisation": (
        "DELETE { ?st rdf:object id:programme-interreg-example . "
        "         id:project-smartfab ig:fundedBy id:programme-interreg-example } "
        "INSERT { ?st rdf:object id:org-lumen-labs . "
        "         id:project-smartfab ig:fundedBy id:org-lumen-labs } "
        "WHERE { ?st rdf:predicate ig:fundedBy ; rdf:object id:programme-interreg-example }",
        ("FundedByShape", str(IG.fundedBy)),
    ),
    "leads from a Project": (
        "INSERT DATA { id:project-smartfab-2 ig:leads id:project-smartfab . "
        "  [] a rdf:Statement ; rdf:subject id:project-smartfab-2 ; rdf:predicate ig:leads ; "
        "     rdf:object id:project-smartfab ; prov:wasDerivedFrom id:doc-news-item-txt }",
        ("LeadsShape", None),
    ),
    "locatedIn pointing at an Organisation": (
        "INSERT DATA { id:org-kempen-hogeschool ig:locatedIn id:org-lumen-labs . "
        "  [] a rdf:Statement ; rdf:subject id:org-kempen-hogeschool ; "
        "     rdf:predicate ig:locatedIn ; "
        "     rdf:object id:org-lumen-labs ; prov:wasDerivedFrom id:doc-news-item-txt }",
        ("LocatedInShape", str(IG.locatedIn)),
    ),
    "negative grant amount": (
        'DELETE { ?st ig:amountEur ?a } INSERT { ?st ig:amountEur "-5.0"^^xsd:decimal } '
        "WHERE { ?st rdf:predicate ig:fundedBy ; ig:amountEur ?a }",
        ("AmountEurShape", str(IG.amountEur)),
    ),
    "negative budget": (
        "DELETE { id:project-smartfab ig:budgetEur ?b } "
        'INSERT { id:project-smartfab ig:budgetEur "-1.0"^^xsd:decimal } '
        "WHERE { id:project-smartfab ig:budgetEur ?b }",
        ("BudgetEurShape", str(IG.budgetEur)),
    ),
    "amount as a string": (
        "DELETE { ?st ig:amountEur ?a } INSERT { ?st ig:amountEur '1200000' } "
        "WHERE { ?st rdf:predicate ig:fundedBy ; ig:amountEur ?a }",
        ("AmountEurShape", str(IG.amountEur)),
    ),
    "negative EURIO value": (
        'DELETE { ?m eurio:value ?v } INSERT { ?m eurio:value "-3.5"^^xsd:decimal } '
        "WHERE { ?m a eurio:MonetaryAmount ; eurio:value ?v }",
        ("EurioValueShape", str(EURIO.value)),
    ),
    "monetary amount without a currency": (
        "DELETE { ?m eurio:currency ?c } WHERE { ?m a eurio:MonetaryAmount ; eurio:currency ?c }",
        ("MonetaryAmountShape", str(EURIO.currency)),
    ),
    "entity without provenance": (
        "DELETE WHERE { id:region-be24 prov:wasDerivedFrom ?doc }",
        ("EntityShape", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    ),
    "entity derived from something that is not a Document": (
        "DELETE WHERE { id:org-kempen-hogeschool prov:wasDerivedFrom ?doc } ; "
        "INSERT DATA { id:org-kempen-hogeschool prov:wasDerivedFrom id:org-lumen-labs }",
        ("EntityShape", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    ),
    "relation triple without a statement": (
        "DELETE WHERE { ?st rdf:predicate ig:memberOf ; ?p ?o }",
        ("RelationProvenanceShape", str(IG.memberOf)),
    ),
    "statement without provenance": (
        "DELETE WHERE { ?st rdf:predicate ig:successorOf ; prov:wasDerivedFrom ?doc }",
        ("StatementShape", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    ),
    "statement about a triple that is not in the graph": (
        "DELETE DATA { id:person-an-verhoeven ig:affiliatedWith id:org-kempen-hogeschool }",
        ("StatementShape", None),
    ),
    "statement with a predicate outside the contract": (
        "DELETE { ?st rdf:predicate ig:locatedIn } INSERT { ?st rdf:predicate ig:mentions } "
        "WHERE { ?st rdf:predicate ig:locatedIn }",
        ("StatementShape", str(RDF.predicate)),
    ),
    "amount on a statement that is not about funding": (
        "INSERT { ?st ig:amountEur 10.0 } WHERE { ?st rdf:predicate ig:leads }",
        ("StatementShape", None),
    ),
    "confidence above one": (
        "DELETE { ?st ig:confidence ?c } INSERT { ?st ig:confidence 1.5 } "
        "WHERE { ?st rdf:predicate ig:leads ; ig:confidence ?c }",
        ("StatementShape", str(IG.confidence)),
    ),
    "document without a content hash": (
        "DELETE WHERE { id:doc-project-page-md ig:contentHash ?h }",
        ("DocumentShape", str(IG.contentHash)),
    ),
    "region whose NUTS code has no NUTS IRI": (
        "DELETE WHERE { id:region-be24 skos:exactMatch ?nuts }",
        ("RegionShape", None),
    ),
    "malformed NUTS code": (
        'DELETE DATA { id:region-be24 ig:nutsCode "BE24" } ;'
        ' INSERT DATA { id:region-be24 ig:nutsCode "be-24" }',
        ("RegionShape", str(IG.nutsCode)),
    ),
    "role with an unknown label": (
        "DELETE { ?r eurio:roleLabel ?l } INSERT { ?r eurio:roleLabel 'boss' } "
        "WHERE { ?r eurio:roleLabel ?l }",
        ("OrganisationRoleShape", str(EURIO.roleLabel)),
    ),
    "grant with neither a funding scheme nor an amount": (
        "DELETE WHERE { ?g eurio:hasFundingScheme ?p } ;"
        " DELETE WHERE { ?g eurio:hasFundingAmount ?a }",
        ("GrantShape", None),
    ),
    "memberOf pointing at a Region": (
        _stated("org-lumen-labs", "memberOf", "region-be24"),
        ("MemberOfShape", str(IG.memberOf)),
    ),
    "affiliatedWith from a Region": (
        _stated("region-be24", "affiliatedWith", "org-lumen-labs"),
        ("AffiliatedWithShape", None),
    ),
    "collaboratesWith from a FundingProgramme": (
        _stated("programme-interreg-example", "collaboratesWith", "org-lumen-labs"),
        ("CollaboratesWithShape", None),
    ),
    "fundedBy from a Region": (
        _stated("region-be24", "fundedBy", "programme-interreg-example"),
        ("FundedByShape", None),
    ),
    "theme that is not a SKOS concept": (
        "DELETE DATA { id:theme-robotics a skos:Concept }",
        ("EntityShape", str(IG.theme)),
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_shapes_reject(case: str) -> None:
    update, expected = INVALID[case]
    data = _sample()
    before = set(data)
    data.update(PREFIXES + update)
    assert set(data) != before, "the change did not apply"
    assert expected in _violations(data)


# --- the shapes agree with the ontology ---------------------------------------------


def _list(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _or_classes(graph: Graph, shape: Node) -> set[str]:
    """The classes of a shape's ``sh:or ( [sh:class A] [sh:class B] ... )``."""
    return {
        str(graph.value(member, SH["class"]))
        for member in _list(graph, graph.value(shape, SH["or"]))
    }


def _iris(names: tuple[str, ...] | set[str]) -> set[str]:
    return {ontology().classes[n].iri for n in names}


def _equivalents(eurio_class: URIRef) -> set[str]:
    """Contract names of the classes innograph.ttl declares equivalent to a EURIO class,
    with their subclasses."""
    g = ontology_graph()
    direct = {str(c) for c in g.subjects(OWL.equivalentClass, eurio_class)}
    names = {t.name for t in ontology().classes.values() if t.iri in direct}
    return names | {t.name for t in ontology().classes.values() if t.parent in names}


@pytest.mark.parametrize("relation", sorted(ontology().relation_types))
def test_relation_shape_matches_the_ontology(relation: str) -> None:
    term = ontology().relation_types[relation]
    g = _shapes()
    node_shapes = list(g.subjects(SH.targetSubjectsOf, URIRef(term.iri)))
    owners = [s for s in node_shapes if g.value(s, SH["or"]) is not None]
    assert len(owners) == 1, f"{relation}: one domain/range shape expected, got {owners}"
    shape = owners[0]
    assert _or_classes(g, shape) == _iris(term.domain)
    ranges = [p for p in g.objects(shape, SH.property) if g.value(p, SH.path) == URIRef(term.iri)]
    assert len(ranges) == 1
    assert _or_classes(g, ranges[0]) == _iris(term.range)


def test_provenance_shapes_cover_every_relation() -> None:
    g = _shapes()
    relation_iris = {t.iri for t in ontology().relation_types.values()}
    provenance = IGSH.RelationProvenanceShape
    assert {str(o) for o in g.objects(provenance, SH.targetSubjectsOf)} == relation_iris
    select = str(g.value(g.value(provenance, SH.sparql), SH.select))
    in_list = re.search(r"IN \(([^)]*)\)", select)
    assert in_list, select
    named = {str(IG) + local for local in re.findall(r"ig:(\w+)", in_list.group(1))}
    assert named == relation_iris
    predicate_shapes = [
        p
        for p in g.objects(IGSH.StatementShape, SH.property)
        if g.value(p, SH.path) == RDF.predicate
    ]
    assert len(predicate_shapes) == 1
    allowed = {str(o) for o in _list(g, g.value(predicate_shapes[0], SH["in"]))}
    assert allowed == relation_iris
    symmetric = {t.local_name for t in ontology().relation_types.values() if t.symmetric}
    assert symmetric == set(re.findall(r"\?path = ig:(\w+)", select))


def test_entity_shape_targets_every_entity_type() -> None:
    g = _shapes()
    targets = {str(o) for o in g.objects(IGSH.EntityShape, SH.targetClass)}
    assert targets == {t.iri for t in ontology().entity_types.values()}


def test_eurio_shapes_match_the_ontology() -> None:
    g = _shapes()
    role_labels = {t.role_label for t in ontology().relation_types.values() if t.role_label}
    role_props = {
        p: g.value(p, SH.path) for p in g.objects(IGSH.OrganisationRoleShape, SH.property)
    }
    by_path = {str(path): p for p, path in role_props.items()}
    labels = {str(o) for o in _list(g, g.value(by_path[str(EURIO.roleLabel)], SH["in"]))}
    # The shapes allow the role labels the ontology lists on ig:role (CORDIS's thirdParty
    # among them), which include those of the direct relations.
    declared = {str(o) for o in ontology_graph().objects(IG.role, IG.qualifiedRoleLabel)}
    assert role_labels <= declared and "thirdParty" in declared
    assert labels == declared
    assert _or_classes(g, by_path[str(EURIO.isRoleOf)]) == _iris(_equivalents(EURIO.Organisation))
    assert _or_classes(g, IGSH.InvolvedPartyShape) == _iris(_equivalents(EURIO.Project))
    assert _or_classes(g, IGSH.FundedByGrantShape) == _iris(_equivalents(EURIO.Project))
    grant_props = {str(g.value(p, SH.path)): p for p in g.objects(IGSH.GrantShape, SH.property)}
    scheme = g.value(grant_props[str(EURIO.hasFundingScheme)], SH["class"])
    assert {str(scheme)} == _iris(_equivalents(EURIO.FundingScheme))


def test_sample_uses_every_relation_type() -> None:
    """The valid sample exercises each relation shape (so acceptance means something)."""
    data = _sample()
    used = {str(p) for p in data.predicates()}
    assert {t.iri for t in ontology().relation_types.values()} <= used
    assert Literal("coordinator") in set(data.objects(None, EURIO.roleLabel))
