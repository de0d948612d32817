"""Clean imports (issue #14): homepages as valid IRIs, decoded HTML entities, warned
mojibake, NUTS links only for NUTS codes, every CORDIS role and field, SHA-256 hashes.

Real rows of ../shared/data/structured where the files have them, invented rows for the
edge cases they lack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, URIRef

from innograph.cli.main import app
from innograph.graph.store import GraphStore
from innograph.ingest.importers.common import (
    ImportReport,
    NameResolver,
    decode_entities,
    mangled,
    row_hash,
)
from innograph.ingest.importers.cordis import iter_participants, iter_projects
from innograph.ingest.importers.efro_nl import BENEFICIARY, TITLE
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.homepages import checked_homepage, homepage_iri
from innograph.service import name_resolver_for, write_all
from innograph.tests.builders import make_facts
from innograph.tests.import_helpers import open_graph, read_rows, run_import, runner, write_rows

FOAF_HOMEPAGE = URIRef("http://xmlns.com/foaf/0.1/homepage")
SKOS_EXACT = URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")
IG_ORGANISATION = URIRef("https://w3id.org/innograph/ontology#Organisation")
NUTS_NS = "http://data.europa.eu/nuts/code/"

Importer = Callable[[NameResolver, ImportReport], Iterator[DocumentFacts]]


def import_into(store: GraphStore, documents: Importer) -> ImportReport:
    """Run an importer into ``store`` through the service's write path."""
    report = ImportReport()
    summary = write_all(store, documents(name_resolver_for(store), report))
    assert summary.failed == 0
    return report


def _parses_as_iri(value: str) -> bool:
    """True when rdflib reads ``<value>`` in N-Triples and pyoxigraph takes it as an IRI."""
    line = f"<http://example.org/s> <http://example.org/p> <{value}> .\n"
    graph = rdflib.Graph().parse(data=line, format="nt")
    pyoxigraph.NamedNode(value)
    return str(next(iter(graph.objects()))) == value


# -- homepages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iri"),
    [
        ("www.example.org", "http://www.example.org"),
        ("WWW.Example.ORG/Pages/About", "http://www.example.org/Pages/About"),
        ("https://www.tno.nl/en/", "https://www.tno.nl/en/"),
        ("HTTP://EXAMPLE.ORG", "http://example.org"),
        ("example.org:8080/x", "http://example.org:8080/x"),
        ("//cdn.example.org/a", "http://cdn.example.org/a"),
        ("http://example.org/a b?q={x}", "http://example.org/a%20b?q=%7Bx%7D"),
        ("http://example.org/100%", "http://example.org/100%25"),
        ("www.müller-technik.de", "http://www.müller-technik.de"),
    ],
)
def test_a_homepage_becomes_an_absolute_iri(written: str, iri: str) -> None:
    assert homepage_iri(written) == iri
    assert _parses_as_iri(iri)


@pytest.mark.parametrize(
    "written",
    ["n/a", "info@example.org", "mailto:info@example.org", "ftp://example.org", "http://",
     "http://exa mple.org", "see website", "localhost.", "javascript:alert(1)"],
)  # fmt: skip
def test_what_is_no_homepage_stays_a_literal(written: str) -> None:
    assert homepage_iri(written) is None
    assert checked_homepage({"url": written, "pic": "1"}) == {"url_text": written, "pic": "1"}


def test_a_cell_of_several_homepages_keeps_the_first_and_the_text() -> None:
    # A real ECSEL cell (FABMATICS GMBH).
    cell = "www.hap-dresden.de; www.hap.eu"
    assert checked_homepage({"url": cell}) == {"url": "http://www.hap-dresden.de", "url_text": cell}


def test_the_store_checks_every_homepage(store: GraphStore) -> None:
    # Whatever writes a homepage (an upload, an RDF import, an importer) meets this check.
    store.upsert_document(
        make_facts(
            "mem://homepages.txt",
            [
                ("a", "Organisation", "Anvil Works", {"url": "www.anvil.example/a b"}),
                ("b", "Organisation", "Bellows Ltd", {"url": "call us: 555 0100"}),
            ],
        )
    )
    anvil = store.get_node("org-anvil-works")
    bellows = store.get_node("org-bellows-ltd")
    assert anvil is not None and bellows is not None
    assert anvil.properties["url"] == "http://www.anvil.example/a%20b"
    assert "url" not in bellows.properties
    assert bellows.properties["url_text"] == "call us: 555 0100"


@pytest.fixture(scope="module")
def ecsel(shared_dir: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The real ECSEL participants file: header and rows."""
    return read_rows(shared_dir / "data" / "structured" / "ecsel_h2020_participants.csv")


def test_scheme_less_cordis_homepages_export_as_valid_iris(
    ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = ecsel
    bare = [r for r in rows if r["organizationURL"].startswith("www.")][:40]
    several = [r for r in rows if ";" in r["organizationURL"]][:1]
    assert len(bare) == 40 and several
    invented = {**bare[0], "name": "NOWHERE BV", "organizationURL": "n/a", "organisationID": "1"}
    path = write_rows(tmp_path / "participants.csv", header, [*bare, *several, invented])
    store = tmp_path / "store"
    code, _, err = run_import("cordis", "--participants", str(path), "--store", str(store))
    assert code == 0, err
    dump = tmp_path / "dump.nt"
    result = runner.invoke(app, ["export", "-f", "nt", str(dump), "--store", str(store)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(dump, format="nt")
    pyoxigraph.Store().load(path=str(dump), format=pyoxigraph.RdfFormat.N_TRIPLES)
    organisations = set(graph.subjects(RDF.type, IG_ORGANISATION))
    homepages = {str(o) for s, o in graph.subject_objects(FOAF_HOMEPAGE) if s in organisations}
    expected = {homepage_iri(r["organizationURL"]) for r in bare} | {"http://www.hap-dresden.de"}
    assert homepages == expected
    assert all(h.startswith("http://www.") for h in homepages)
    with open_graph(store) as stored:
        nowhere = next(
            n for n in stored.iter_nodes(types=["Organisation"]) if n.name == "NOWHERE BV"
        )
    assert "url" not in nowhere.properties and nowhere.properties["url_text"] == "n/a"


# -- text fields --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("Bakker &amp; Zonen", "Bakker & Zonen"),
        ("&quot;Groen&quot; bouwen", '"Groen" bouwen'),
        ("Stichting R&amp;amp;D", "Stichting R&D"),  # encoded twice, as the EFRO list has
        ("&#38; &#x26; &bdquo;x&ldquo;", "& & \u201ex\u201c"),
        ("R&D, AT&T & Co", "R&D, AT&T & Co"),  # a bare "&" is text
        ("Wind&nothing", "Wind&nothing"),  # no semicolon: no reference
    ],
)
def test_html_character_references_are_decoded(written: str, text: str) -> None:
    assert decode_entities(written) == text


def test_mangled_characters_are_told_apart() -> None:
    assert mangled("Caf\u00c3\u00a9 de Paris") == "mojibake"
    assert mangled("Research\ufffd\ufffdcentre") == "U+FFFD"
    assert mangled("GEST\u00c3O DE PROJETOS") is None  # Portuguese, written right
    assert mangled("Café Zürich, Łódź") is None


@pytest.fixture(scope="module")
def efro(shared_dir: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The real Dutch EFRO/ESF list: header and rows."""
    return read_rows(
        shared_dir / "data" / "structured" / "nl_structural_funds_efro_esf_2007_2016.csv"
    )


def test_efro_names_lose_their_entities_and_mangled_rows_are_warned(
    efro: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = efro
    encoded = [r for r in rows if "&amp;" in r[BENEFICIARY] + r[TITLE]][:6]
    broken = [r for r in rows if "\ufffd" in r["Samenvatting"] and r not in encoded][:4]
    assert len(encoded) == 6 and len(broken) == 4
    mojibake = {**broken[0], BENEFICIARY: "Caf\u00c3\u00a9 Groningen BV", TITLE: "Nieuw terras"}
    path = write_rows(tmp_path / "efro.csv", header, [*encoded, *broken, mojibake])
    store = tmp_path / "store"
    code, out, err = run_import("efro-nl", str(path), "--store", str(store))
    assert code == 0, err
    assert "imported 11 of 11 rows" in out  # nothing dropped
    warned = re.search(
        r"warning: (\d+) rows with U\+FFFD in 'Samenvatting' .*: rows ([\d, ]+)", err
    )
    assert warned is not None, err
    assert int(warned[1]) >= 4
    assert {7, 8, 9, 10} <= {int(n) for n in warned[2].split(", ")}
    assert re.search(r"warning: 1 rows with mojibake in 'Begunstigde' .*: rows 11\b", err), err
    with open_graph(store) as graph:
        texts = [n.name for n in graph.iter_nodes()] + [
            a for n in graph.iter_nodes() for a in n.properties.get("aliases", [])
        ]
    assert not [t for t in texts if re.search(r"&(amp|quot|lt|gt|#\d+);", t)]
    decoded = {decode_entities(decode_entities(r[BENEFICIARY])) for r in encoded}
    assert any("&" in d for d in decoded)
    assert decoded <= set(texts)


# -- NUTS links, roles and fields of CORDIS ------------------------------------------------


def test_non_nuts_countries_get_no_nuts_link(
    ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = ecsel
    picked = [next(r for r in rows if r["country"] == c) for c in ("EG", "IL", "US", "TW", "NL")]
    path = write_rows(tmp_path / "participants.csv", header, picked)
    store = tmp_path / "store"
    code, _, err = run_import("cordis", "--participants", str(path), "--store", str(store))
    assert code == 0, err
    with open_graph(store) as graph:
        regions = {n.id: n.properties for n in graph.iter_nodes(types=["Region"])}
    for code_ in ("eg", "il", "us", "tw"):
        assert "nuts_id" not in regions[f"region-{code_}"]
        assert regions[f"region-{code_}"]["country"] == code_.upper()
    assert regions["region-nl"]["nuts_id"] == "NL"
    dump = tmp_path / "dump.nt"
    result = runner.invoke(app, ["export", "-f", "nt", str(dump), "--store", str(store)])
    assert result.exit_code == 0, result.output
    nuts = {str(o) for o in rdflib.Graph().parse(dump).objects(None, SKOS_EXACT)}
    assert nuts == {NUTS_NS + "NL"}


def test_third_parties_stay_third_parties(
    store: GraphStore, ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = ecsel
    project = next(r["projectID"] for r in rows if r["role"] == "thirdParty")
    picked = [r for r in rows if r["projectID"] == project]
    path = write_rows(tmp_path / "participants.csv", header, picked)
    import_into(store, lambda names, report: iter_participants(path, report, names))
    roles = sorted(
        e.properties["role"] for e in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"])
    )
    by_type = {e.properties["role"]: e.type for e in store.iter_edges() if "role" in e.properties}
    third = sum(1 for r in picked if r["role"] == "thirdParty")
    assert third and roles.count("thirdParty") >= 1
    assert set(roles) == {r["role"] for r in picked}
    assert by_type["thirdParty"] == "PARTICIPATES_IN" and by_type["coordinator"] == "LEADS"


def test_every_cordis_field_is_kept(
    store: GraphStore, ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = ecsel
    coordinator = next(r for r in rows if r["role"] == "coordinator" and r["organizationURL"])
    part_path = write_rows(tmp_path / "participants.csv", header, [coordinator])
    # The full H2020 export's layout (";", id, endDate, frameworkProgramme), one row.
    projects = tmp_path / "projects.csv"
    projects.write_text(
        "id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;"
        "frameworkProgramme;fundingScheme;topics\n"
        f'{coordinator["projectID"]};{coordinator["projectAcronym"]};CLOSED;"A &amp; B pilot";'
        "2021-06-01;2024-11-30;21707010;6548524,39;H2020;ECSEL-RIA;ECSEL-2020-2-RIA\n",
        encoding="utf-8",
    )

    def documents(names: NameResolver, report: ImportReport) -> Iterator[DocumentFacts]:
        yield from iter_projects(projects, report, names)
        yield from iter_participants(part_path, report, names)

    import_into(store, documents)
    project = next(store.iter_nodes(types=["Project"]))
    pid = coordinator["projectID"]
    assert {k: project.properties.get(k) for k in (
        "cordis_id", "acronym", "title", "start_date", "end_date", "budget_eur", "cordis_url",
        "status", "topics",
    )} == {
        "cordis_id": pid, "acronym": coordinator["projectAcronym"], "title": "A & B pilot",
        "start_date": "2021-06-01", "end_date": "2024-11-30", "budget_eur": 21707010.0,
        "cordis_url": f"https://cordis.europa.eu/project/id/{pid}", "status": "CLOSED",
        "topics": "ECSEL-2020-2-RIA",
    }  # fmt: skip
    organisation = next(store.iter_nodes(types=["Organisation"]))
    assert organisation.properties["legal_name"] == coordinator["name"]
    assert organisation.properties["activity_type"] == coordinator["activityType"]
    assert organisation.properties["pic"] == coordinator["organisationID"]
    assert organisation.properties["url"] == homepage_iri(coordinator["organizationURL"])
    leads = next(store.iter_edges(types=["LEADS"]))
    assert leads.properties["role"] == "coordinator"
    assert leads.properties["amount_eur"] == float(coordinator["ecContribution"])
    funded = next(store.iter_edges(types=["FUNDED_BY"]))
    assert funded.properties["amount_eur"] == 6548524.39
    assert funded.properties["funding_scheme"] == "ECSEL-RIA"


# -- hashes -------------------------------------------------------------------------------


def test_imported_rows_carry_sha256_hashes(
    ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", row_hash(["a", "b"]))
    header, rows = ecsel
    path = write_rows(tmp_path / "participants.csv", header, rows[:30])
    store = tmp_path / "store"
    code, _, err = run_import("cordis", "--participants", str(path), "--store", str(store))
    assert code == 0, err
    with open_graph(store) as graph:
        hashes = [d.content_hash for d in graph.documents()]
    assert len(hashes) == 30
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)


@pytest.mark.slow
def test_a_real_cordis_slice_conforms_to_the_shapes(
    shared_dir: Path, ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    # A project with an Egyptian partner, one with third parties: scheme-less homepages,
    # a non-NUTS country, the EURIO form. Before: every row's SHA-1 hash was a violation.
    from pyshacl import validate

    from innograph.ontology.terms import shapes_path

    header, rows = ecsel
    ids = {
        next(r["projectID"] for r in rows if r["country"] == "EG"),
        next(r["projectID"] for r in rows if r["role"] == "thirdParty"),
    }
    picked = [r for r in rows if r["projectID"] in ids]
    assert any(r["organizationURL"].startswith("www.") for r in picked)
    p_header, projects = read_rows(shared_dir / "data" / "structured" / "ecsel_h2020_projects.csv")
    files = (
        write_rows(
            tmp_path / "projects.csv", p_header, [p for p in projects if p["projectID"] in ids]
        ),
        write_rows(tmp_path / "participants.csv", header, picked),
    )
    store = tmp_path / "store"
    code, _, err = run_import(
        "cordis",
        "--projects",
        str(files[0]),
        "--participants",
        str(files[1]),
        "--store",
        str(store),
    )
    assert code == 0, err
    dump = tmp_path / "dump.ttl"
    result = runner.invoke(app, ["export", str(dump), "--eurio", "--store", str(store)])
    assert result.exit_code == 0, result.output
    data = rdflib.Graph().parse(dump)
    shapes = rdflib.Graph().parse(shapes_path())
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_third_parties_and_cordis_numbers_reach_the_eurio_form(
    ecsel: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    header, rows = ecsel
    project = next(r["projectID"] for r in rows if r["role"] == "thirdParty")
    picked = [r for r in rows if r["projectID"] == project]
    path = write_rows(tmp_path / "participants.csv", header, picked)
    store = tmp_path / "store"
    code, _, err = run_import("cordis", "--participants", str(path), "--store", str(store))
    assert code == 0, err
    dump = tmp_path / "dump.nt"
    args = ["export", "-f", "nt", str(dump), "--eurio", "--store", str(store)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(dump)
    eurio = "http://data.europa.eu/s66#"
    labels = [str(o) for o in graph.objects(None, URIRef(eurio + "roleLabel"))]
    assert set(labels) == {r["role"] for r in picked} and "thirdParty" in labels
    assert project in {str(o) for o in graph.objects(None, URIRef(eurio + "identifier"))}
