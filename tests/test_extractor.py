"""The Extractor end to end on documents written here (EN and NL)."""

from __future__ import annotations

import hashlib

import pytest

from innograph.ingest.extractor import Extractor
from innograph.ingest.reading.formats import SourceText
from innograph.ingest.resolution import KnownEntity, Resolver
from innograph.ontology.ids import is_canonical_id
from innograph.ontology.terms import ontology

EN_TEXT = (
    "The HarbourTwin project builds a digital twin of the port. HarbourTwin is co-financed "
    "by the European Regional Development Fund and led by the Delta Institute of Technology "
    "in Rotterdam, the Netherlands. Partners include the Scheldt Logistics Cluster."
)
NL_TEXT = (
    "Het project HavenTweeling bouwt een digitale kopie van de haven. Het project krijgt "
    "steun uit het EFRO en wordt geleid door de Hogeschool Deltastad in Vlissingen, "
    "Zeeland."
)


def _source(text: str, name: str) -> SourceText:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceText(f"/tmp/{name}", name, text, digest, "text/plain")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_english_document_gives_typed_entities_with_canonical_ids(extractor: Extractor) -> None:
    facts = extractor.extract(_source(EN_TEXT, "en.txt"), lang="en")
    assert facts.doc == "en.txt" and facts.lang == "en"
    found = {(e.name, e.type) for e in facts.entities}
    assert ("HarbourTwin", "Project") in found
    assert ("European Regional Development Fund", "FundingProgramme") in found
    assert ("Delta Institute of Technology", "Organisation") in found
    assert ("Rotterdam", "Region") in found
    assert ("Scheldt Logistics Cluster", "Cluster") in found
    types = set(ontology().entity_types)
    for entity in facts.entities:
        assert entity.type in types
        assert is_canonical_id(entity.canonical_id), entity
    fund = next(e for e in facts.entities if e.type == "FundingProgramme")
    assert fund.canonical_id == "programme-european-regional-development-fund"


def test_dutch_document_is_read_by_the_dutch_pipeline(extractor: Extractor) -> None:
    facts = extractor.extract(_source(NL_TEXT, "nl.txt"))
    assert facts.lang == "nl"
    found = {(e.name, e.type) for e in facts.entities}
    assert ("HavenTweeling", "Project") in found
    assert ("Hogeschool Deltastad", "Organisation") in found
    assert ("Zeeland", "Region") in found
    efro = next(e for e in facts.entities if e.name == "EFRO")
    assert efro.canonical_id == "programme-european-regional-development-fund"


def test_relations_have_evidence_and_confidence(extractor: Extractor) -> None:
    facts = extractor.extract(_source(EN_TEXT, "en.txt"), lang="en")
    keys = {e.key for e in facts.entities}
    assert facts.relations, "the funding and lead sentences give relations"
    for relation in facts.relations:
        assert relation.source in keys and relation.target in keys
        assert relation.evidence and 0 < relation.confidence <= 1


def test_every_mention_of_a_thing_is_one_entity(extractor: Extractor) -> None:
    facts = extractor.extract(_source(EN_TEXT, "en.txt"), lang="en")
    names = [e.name for e in facts.entities]
    assert names.count("HarbourTwin") == 1


def test_the_same_things_in_two_documents_share_canonical_ids() -> None:
    extractor = Extractor()
    en, nl = extractor.extract_many([_source(EN_TEXT, "en.txt"), _source(NL_TEXT, "nl.txt")])
    ids_en = {e.canonical_id for e in en.entities}
    ids_nl = {e.canonical_id for e in nl.entities}
    assert "programme-european-regional-development-fund" in ids_en & ids_nl
    assert "region-nl" in ids_en  # the Netherlands, by its NUTS/ISO code
    assert extractor.resolver.merges, "registry decisions are recorded"
    assert en.merges and all(m.canonical_id for m in en.merges)


def test_known_entities_from_the_graph_are_reused() -> None:
    known = [KnownEntity("org-delta-tech", "Organisation", "Delta Institute of Technology")]
    facts = Extractor(resolver=Resolver(known)).extract(_source(EN_TEXT, "en.txt"), lang="en")
    org = next(e for e in facts.entities if e.name == "Delta Institute of Technology")
    assert org.canonical_id == "org-delta-tech"


def test_extract_many_keeps_order() -> None:
    sources = [_source(NL_TEXT, "b.txt"), _source(EN_TEXT, "a.txt"), _source(NL_TEXT, "c.txt")]
    docs = [f.doc for f in Extractor().extract_many(sources)]
    assert docs == ["b.txt", "a.txt", "c.txt"]


@pytest.mark.slow
def test_two_workers_give_the_same_facts_as_one() -> None:
    sources = [_source(EN_TEXT, f"en{i}.txt") for i in range(3)]
    sources += [_source(NL_TEXT, f"nl{i}.txt") for i in range(3)]
    one = [f.to_contract() for f in Extractor().extract_many(sources, workers=1)]
    two = [f.to_contract() for f in Extractor().extract_many(sources, workers=2)]
    assert one == two


def test_long_documents_are_read_in_pieces_and_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    from innograph.ingest import extractor as extractor_module

    monkeypatch.setattr(extractor_module, "MAX_PIECE_CHARS", 600)
    text = "\n\n".join([EN_TEXT] * 6)  # about 1,600 characters: several pieces
    assert len(extractor_module._pieces(text)) > 1
    facts = Extractor().extract(_source(text, "long.txt"), lang="en")
    names = [e.name for e in facts.entities]
    assert names.count("HarbourTwin") == 1
    assert names.count("Rotterdam") == 1
    keys = {e.key for e in facts.entities}
    assert all(r.source in keys and r.target in keys for r in facts.relations)
    triples = [(r.type, r.source, r.target) for r in facts.relations]
    assert len(triples) == len(set(triples))


def test_region_with_an_administrative_prefix_resolves_to_its_nuts_code(
    extractor: Extractor,
) -> None:
    text = "La Région wallonne et la Province de Hainaut soutiennent le projet."
    facts = extractor.extract(_source(text, "fr.txt"), lang="fr")
    ids = {e.name: e.canonical_id for e in facts.entities}
    assert ids["Province de Hainaut"] == "region-be32"
    assert ids["Région wallonne"] == "region-be3"


def test_german_project_noun_is_a_cue_not_part_of_the_name(extractor: Extractor) -> None:
    text = "Die Hochschule Kehl koordiniert das Projekt GrenzNetz, gefördert durch den EFRE."
    facts = extractor.extract(_source(text, "de.txt"), lang="de")
    found = {(e.name, e.type) for e in facts.entities}
    assert ("GrenzNetz", "Project") in found
    assert ("Hochschule Kehl", "Organisation") in found


def test_interreg_generation_comes_from_the_latest_period_named() -> None:
    old = "The TideWatch project ran from 2016-2020 under Interreg Flanders-Netherlands."
    new = (
        "After the first edition (2016-2020), the new TideWatch 2 project runs from "
        "01/01/2023 – 31/12/2028 under Interreg Flanders-Netherlands."
    )
    first, second = Extractor().extract_many([_source(old, "old.txt"), _source(new, "new.txt")])
    programme = {
        f.doc: next(e for e in f.entities if e.type == "FundingProgramme").canonical_id
        for f in (first, second)
    }
    assert programme["old.txt"] == "programme-2014tc16rfcb046"  # the 2014-2020 CCI
    assert programme["new.txt"] != programme["old.txt"]


def test_a_german_name_in_the_genitive_is_named_in_the_nominative(extractor: Extractor) -> None:
    text = (
        "Im Rahmen des Interreg-Programms Nordsee wird das Projekt Nordlicht gefördert. "
        "Die Partner kommen aus Emden und Groningen."
    )
    facts = extractor.extract(_source(text, "de.txt"), lang="de")
    programme = next(e for e in facts.entities if e.type == "FundingProgramme")
    assert programme.name.startswith("Interreg-Programm")
    assert "Programms" not in programme.name
    assert any("Programms" in alias for alias in programme.aliases)


def test_two_governments_of_one_sentence_are_two_entities(extractor: Extractor) -> None:
    text = "De Vlaamse overheid en de Waalse regering tekenden een akkoord."
    facts = extractor.extract(_source(text, "gov.txt"), lang="nl")
    names = {e.name for e in facts.entities if e.type == "Organisation"}
    assert {"Vlaamse overheid", "Waalse regering"} <= names, facts.entities
