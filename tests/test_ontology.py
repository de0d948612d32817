"""The ontology: it parses, is consistent under OWL RL, covers the extraction contract
term for term, speaks English and Dutch, and is aligned with the standard vocabularies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from innograph.ontology.terms import (
    IG,
    ONTOLOGY_IRI,
    UnknownTermError,
    check_relation,
    entity_type,
    ontology,
    ontology_graph,
    ontology_path,
    relation_type,
    shapes_path,
)

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "valid_sample.ttl"
SAMPLE_BASE = "http://127.0.0.1:8000/id/"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# Vocabularies the ontology aligns with (issue #2): a term points into at least one.
STANDARD_NAMESPACES = (
    "http://data.europa.eu/s66#",  # EURIO
    "http://www.w3.org/ns/org#",
    "https://schema.org/",
    "http://xmlns.com/foaf/0.1/",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/dcat#",
    "http://www.w3.org/ns/dqv#",
    "http://spdx.org/rdf/terms#",
    "http://www.w3.org/2000/01/rdf-schema#",
)
ALIGNMENT_PREDICATES = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.relatedMatch,
    SKOS.broadMatch,
)


# --- helpers -----------------------------------------------------------------------


def _ig_terms(types: tuple[URIRef, ...] = TERM_TYPES) -> list[URIRef]:
    g = ontology_graph()
    terms = {
        s
        for t in types
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(IG))
    }
    return sorted(terms)


def _closure(graph: Graph) -> Graph:
    """The OWL RL closure of the ontology plus ``graph`` (a new graph)."""
    closed = Graph()
    closed += ontology_graph()
    closed += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    return closed


def _inconsistencies(closed: Graph) -> list[str]:
    """owlrl's error messages plus any instance of owl:Nothing."""
    errors = [str(m) for m in closed.objects(None, ERRNS.error)]
    errors += [f"{s} is an owl:Nothing" for s in closed.subjects(RDF.type, OWL.Nothing)]
    return errors


def _spec_table(spec: str, heading: str) -> list[list[str]]:
    """The body rows of the first markdown table under ``## heading``."""
    section = spec.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return [r for r in cells[2:] if r and r[0]]  # skip header and separator


@pytest.fixture(scope="module")
def spec_text(shared_dir: Path) -> str:
    """The extraction contract (../shared/spec/extraction.md)."""
    return (shared_dir / "spec" / "extraction.md").read_text(encoding="utf-8")


# --- parsing and syntax ------------------------------------------------------------


def test_ontology_parses_and_declares_itself() -> None:
    g = Graph().parse(ontology_path(), format="turtle")
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in g
    version_iri = g.value(onto, OWL.versionIRI)
    version = g.value(onto, OWL.versionInfo)
    assert version_iri is not None and version is not None
    assert str(version_iri) == f"{ONTOLOGY_IRI}/{version}"


RDF_FILES = [Path(ontology_path()), Path(shapes_path()), SAMPLE]


def _rapper() -> str:
    exe = shutil.which("rapper")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian raptor2-utils) is missing; scripts/test-setup installs it")
        pytest.skip("rapper (Debian raptor2-utils) is not installed; scripts/test-setup adds it")
    return exe


def _rapper_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_rapper(), "-i", "turtle", "-c", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("path", RDF_FILES, ids=lambda p: p.name)
def test_rapper_reports_no_errors(path: Path) -> None:
    result = _rapper_check(path)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    assert re.search(r"returned [1-9]\d* triples", result.stderr), result.stderr


def test_rapper_check_would_catch_a_syntax_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(Path(ontology_path()).read_text(encoding="utf-8") + "\nig:oops ig:x .\n")
    result = _rapper_check(broken)
    assert result.returncode != 0 or "error" in result.stderr.lower()


# --- OWL RL consistency ------------------------------------------------------------


def test_ontology_is_consistent_under_owl_rl() -> None:
    closed = _closure(Graph())
    assert _inconsistencies(closed) == []
    # The closure did run: subclass reasoning reached the aligned vocabularies.
    assert (IG.Cluster, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in closed


def test_sample_data_is_consistent_under_owl_rl() -> None:
    closed = _closure(Graph().parse(SAMPLE, format="turtle"))
    assert _inconsistencies(closed) == []


def test_owl_rl_flags_funding_by_an_organisation() -> None:
    """The consistency check can fail: Organisation and FundingProgramme are disjoint."""
    data = Graph().parse(SAMPLE, format="turtle")
    project, organisation = (
        URIRef(SAMPLE_BASE + n) for n in ("project-smartfab", "org-lumen-labs")
    )
    data.add((project, IG.fundedBy, organisation))
    errors = _inconsistencies(_closure(data))
    assert any("Disjoint" in e and "org-lumen-labs" in e for e in errors), errors


def test_eurio_qualified_form_implies_the_direct_relations() -> None:
    """The property chains derive participatesIn and fundedBy from EURIO roles and grants."""
    data = Graph().parse(SAMPLE, format="turtle")
    project = URIRef(SAMPLE_BASE + "project-smartfab")
    partner = URIRef(SAMPLE_BASE + "org-kempen-hogeschool")
    programme = URIRef(SAMPLE_BASE + "programme-interreg-example")
    data.remove((partner, IG.participatesIn, project))
    data.remove((project, IG.fundedBy, programme))
    closed = _closure(data)
    assert (partner, IG.participatesIn, project) in closed
    assert (project, IG.fundedBy, programme) in closed
    # A participant's role gives participation, never leadership.
    assert (partner, IG.leads, project) not in closed
    assert (URIRef(SAMPLE_BASE + "org-lumen-labs"), IG.leads, project) in closed


# --- the contract, term for term ---------------------------------------------------


def test_every_contract_entity_type_maps_to_exactly_one_class(spec_text: str) -> None:
    spec_types = [row[0] for row in _spec_table(spec_text, "Entity types")]
    assert len(spec_types) >= 8
    g = ontology_graph()
    for name in spec_types:
        holders = list(g.subjects(IG.contractName, Literal(name)))
        assert len(holders) == 1, f"{name}: {holders}"
        assert (holders[0], RDF.type, OWL.Class) in g
        assert entity_type(name).iri == str(holders[0])
    assert set(ontology().entity_types) == set(spec_types)


def test_every_contract_relation_type_maps_to_exactly_one_property(spec_text: str) -> None:
    rows = _spec_table(spec_text, "Relation types (directed: source -> target)")
    spec_relations = {row[0]: row[1] for row in rows}
    assert len(spec_relations) >= 8
    g = ontology_graph()
    for name, ends in spec_relations.items():
        holders = list(g.subjects(IG.contractName, Literal(name)))
        assert len(holders) == 1, f"{name}: {holders}"
        assert (holders[0], RDF.type, OWL.ObjectProperty) in g
        term = relation_type(name)
        assert term.iri == str(holders[0])
        # The ontology allows at least the ends the contract names.
        sources, targets = re.split(r"\s*<?->\s*", ends.replace("(symmetric)", "").strip())
        assert set(sources.split("/")) <= set(term.domain), (name, term.domain)
        assert set(targets.strip().split("/")) <= set(term.range), (name, term.range)
        assert term.symmetric == ("<->" in ends)
    assert set(ontology().relation_types) == set(spec_relations)


def test_no_contract_name_is_used_twice() -> None:
    g = ontology_graph()
    names = [str(o) for o in g.objects(None, IG.contractName)]
    assert len(names) == len(set(names))
    labels = [t.neo4j_label for t in ontology().classes.values()]
    types = [t.neo4j_type for t in ontology().properties.values()]
    assert len(labels) == len(set(labels)) and len(types) == len(set(types))


def test_terms_reject_what_the_ontology_lacks() -> None:
    with pytest.raises(UnknownTermError):
        entity_type("Company")
    with pytest.raises(UnknownTermError):
        relation_type("OWNS")
    with pytest.raises(UnknownTermError):
        check_relation("FUNDED_BY", "Project", "Organisation")
    check_relation("MEMBER_OF", "Organisation", "Cluster")
    check_relation("COLLABORATES_WITH", "Cluster", "Organisation")


# Decision 0016: a Region (its government) or a FundingProgramme (its managing body) may
# stand where an organisation acts, for these relations and ends only.
WIDENED_ENDS = [
    ("AFFILIATED_WITH", "Person", "Region"),
    ("AFFILIATED_WITH", "Person", "FundingProgramme"),
    ("COLLABORATES_WITH", "Region", "Region"),
    ("COLLABORATES_WITH", "Region", "Organisation"),
    ("COLLABORATES_WITH", "Cluster", "Region"),
    ("MEMBER_OF", "Region", "Organisation"),
    ("MEMBER_OF", "Region", "Cluster"),
]
STILL_FORBIDDEN = [
    ("FUNDED_BY", "Region", "Organisation"),
    ("FUNDED_BY", "Project", "Region"),
    ("MEMBER_OF", "Organisation", "Region"),  # a place is never what one is a member of
    ("PARTICIPATES_IN", "Organisation", "FundingProgramme"),
    ("COLLABORATES_WITH", "FundingProgramme", "Organisation"),
    ("AFFILIATED_WITH", "Region", "Person"),
    ("LOCATED_IN", "Person", "Region"),
]


@pytest.mark.parametrize(("relation", "source", "target"), WIDENED_ENDS)
def test_regions_and_programmes_act_at_the_widened_ends(
    relation: str, source: str, target: str
) -> None:
    check_relation(relation, source, target)


@pytest.mark.parametrize(("relation", "source", "target"), STILL_FORBIDDEN)
def test_ends_outside_the_decision_stay_forbidden(relation: str, source: str, target: str) -> None:
    with pytest.raises(UnknownTermError):
        check_relation(relation, source, target)


def test_a_region_acting_as_an_organisation_is_consistent_under_owl_rl() -> None:
    """Region and Organisation stay disjoint: a region at a widened end is not inferred to
    be an ig:Organisation, so OWL RL finds nothing wrong, while a region at an end outside
    the decision still is."""
    data = Graph().parse(SAMPLE, format="turtle")
    region, person, org = (
        URIRef(SAMPLE_BASE + n) for n in ("region-be24", "person-an-verhoeven", "org-lumen-labs")
    )
    data.add((person, IG.affiliatedWith, region))
    data.add((region, IG.memberOf, org))
    data.add((region, IG.collaboratesWith, org))
    closed = _closure(data)
    assert _inconsistencies(closed) == []
    assert (region, RDF.type, IG.Organisation) not in closed
    data.add((URIRef(SAMPLE_BASE + "project-smartfab"), IG.fundedBy, region))
    errors = _inconsistencies(_closure(data))
    assert any("Disjoint" in e and "region-be24" in e for e in errors), errors


def test_cluster_is_an_organisation_with_the_same_id_prefix() -> None:
    cluster = ontology().classes["Cluster"]
    assert cluster.parent == "Organisation"
    assert cluster.neo4j_labels == ("Organisation", "Cluster")
    assert cluster.id_prefix == ontology().classes["Organisation"].id_prefix


# --- labels, definitions, alignments ----------------------------------------------


@pytest.mark.parametrize("term", _ig_terms(), ids=lambda t: str(t).split("#")[1])
def test_every_term_has_english_and_dutch_label_and_definition(term: URIRef) -> None:
    g = ontology_graph()
    for predicate in (RDFS.label, SKOS.definition):
        languages = {o.language for o in g.objects(term, predicate) if isinstance(o, Literal)}
        assert {"en", "nl"} <= languages, f"{term} {predicate}: {languages}"


def test_term_list_is_complete() -> None:
    """Every contract class and property is among the terms checked for labels above."""
    checked = {str(t) for t in _ig_terms()}
    assert {t.iri for t in ontology().classes.values()} <= checked
    assert {t.iri for t in ontology().properties.values()} <= checked
    assert str(IG.theme) in checked and str(IG.name) in checked


@pytest.mark.parametrize(
    "term",
    _ig_terms((OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)),
    ids=lambda t: str(t).split("#")[1],
)
def test_every_class_and_property_is_aligned_with_a_standard_vocabulary(term: URIRef) -> None:
    g = ontology_graph()
    targets = {str(o) for p in ALIGNMENT_PREDICATES for o in g.objects(term, p)}
    assert any(t.startswith(STANDARD_NAMESPACES) for t in targets), f"{term}: {targets}"


def test_eurio_alignment_of_the_qualified_form() -> None:
    g = ontology_graph()
    eurio = "http://data.europa.eu/s66#"
    assert (IG.Organisation, OWL.equivalentClass, URIRef(eurio + "Organisation")) in g
    assert (IG.Project, OWL.equivalentClass, URIRef(eurio + "Project")) in g
    assert (IG.FundingProgramme, OWL.equivalentClass, URIRef(eurio + "FundingScheme")) in g
    # leads has a role label but no chain (a chain would make every participant a leader).
    assert relation_type("LEADS").role_label == "coordinator"
    assert relation_type("PARTICIPATES_IN").role_label == "participant"
    assert g.value(IG.leads, OWL.propertyChainAxiom) is None
    assert g.value(IG.participatesIn, OWL.propertyChainAxiom) is not None
    assert g.value(IG.fundedBy, OWL.propertyChainAxiom) is not None


def test_theme_ranges_over_skos_concepts() -> None:
    g = ontology_graph()
    assert (IG.theme, RDFS.range, SKOS.Concept) in g
