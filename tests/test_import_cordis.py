"""``innograph import cordis`` on a slice of the ECSEL CORDIS extract."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from innograph.graph.embedded.store import EmbeddedStore
from innograph.ingest.importers.common import ISO_COUNTRIES
from innograph.tests.import_helpers import open_graph, read_rows, run_import, write_rows

PROJECTS = 12  # the first projects of the extract


@dataclass(frozen=True)
class EcselSlice:
    store: Path
    rows: list[dict[str, str]]
    projects: list[dict[str, str]]
    files: dict[str, Path]


@pytest.fixture(scope="module")
def ecsel_slice(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> EcselSlice:
    data = shared_dir / "data" / "structured"
    p_header, projects = read_rows(data / "ecsel_h2020_projects.csv")
    a_header, participants = read_rows(data / "ecsel_h2020_participants.csv")
    ids = [p["projectID"] for p in projects[:PROJECTS]]
    part = [r for r in participants if r["projectID"] in ids]
    folder = tmp_path_factory.mktemp("ecsel")
    files = {
        "projects": write_rows(folder / "projects.csv", p_header, projects[:PROJECTS]),
        "participants": write_rows(folder / "participants.csv", a_header, part),
    }
    store = folder / "store"
    code, out, err = run_import(
        "cordis",
        "--projects",
        str(files["projects"]),
        "--participants",
        str(files["participants"]),
        "--store",
        str(store),
    )
    assert code == 0, err
    return EcselSlice(store=store, rows=part, projects=projects[:PROJECTS], files=files)


def _identity(graph: EmbeddedStore) -> dict[str, str]:
    """PIC -> organisation node id; every PIC is one node and no node has two PICs."""
    nodes = list(graph.iter_nodes(types=["Organisation"]))
    by_pic = {str(n.properties["pic"]): n.id for n in nodes if n.properties.get("pic")}
    assert len(by_pic) == len(nodes)
    return by_pic


def test_counts_match_the_csv(ecsel_slice: EcselSlice) -> None:
    rows = ecsel_slice.rows
    valid = [r for r in rows if r["name"] and r["country"].split(";")[0] in ISO_COUNTRIES]
    with open_graph(ecsel_slice.store) as graph:
        stats = graph.stats()
        same = _identity(graph)

    def org(row: dict[str, str]) -> str:
        return same[row["organisationID"]]

    coordinators = {(org(r), r["projectID"]) for r in valid if r["role"] == "coordinator"}
    others = {(org(r), r["projectID"]) for r in valid if r["role"] != "coordinator"}
    assert stats.nodes["Project"] == PROJECTS
    assert stats.relationships["FUNDED_BY"] == PROJECTS
    assert stats.relationships["LEADS"] == len(coordinators)
    assert stats.relationships["PARTICIPATES_IN"] == len(others - coordinators)
    assert stats.documents == PROJECTS + len(valid)
    assert stats.nodes["Organisation"] == len({r["organisationID"] for r in valid})


def test_collaborators_of_one_organisation_equal_the_csv(ecsel_slice: EcselSlice) -> None:
    rows = ecsel_slice.rows
    with open_graph(ecsel_slice.store) as graph:
        same = _identity(graph)
    projects_of: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        projects_of[same[r["organisationID"]]].add(r["projectID"])
    # The organisation in most projects of the slice.
    name, mine = max(projects_of.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(mine) >= 2
    expected = Counter(
        other for other, theirs in projects_of.items() if other != name for _ in theirs & mine
    )
    with open_graph(ecsel_slice.store) as graph:
        found = graph.collaborators(name, limit=10_000)
    assert {c.organisation.id: c.score for c in found} == dict(expected)


def test_contributions_and_pic_are_kept(ecsel_slice: EcselSlice) -> None:
    rows = ecsel_slice.rows
    row = next(r for r in rows if r["role"] == "coordinator" and r["ecContribution"])
    with open_graph(ecsel_slice.store) as graph:
        org = graph.search(row["name"], types=["Organisation"], limit=1)[0]
        detail = graph.get_entity(org.id)
    assert org.properties["pic"] == row["organisationID"]
    leads = [e for e in detail.outgoing if e.type == "LEADS"]
    amounts = {round(e.properties["amount_eur"], 2) for e in leads}
    assert round(float(row["ecContribution"]), 2) in amounts


def test_importing_twice_changes_nothing(ecsel_slice: EcselSlice) -> None:
    files = ecsel_slice.files
    store = ecsel_slice.store
    with open_graph(store) as graph:
        before, version = graph.stats(), graph.version()
    code, out, _ = run_import(
        "cordis",
        "--projects",
        str(files["projects"]),
        "--participants",
        str(files["participants"]),
        "--store",
        str(store),
    )
    assert code == 0
    assert "0 created, 0 updated" in out
    with open_graph(store) as graph:
        after = graph.stats()
        assert graph.version() == version
    assert (after.nodes, after.relationships, after.documents) == (
        before.nodes,
        before.relationships,
        before.documents,
    )


HEADER = ["projectID", "projectAcronym", "organisationID", "name", "country", "role",
          "ecContribution"]  # fmt: skip


def test_bad_rows_are_skipped_with_a_report(tmp_path: Path) -> None:
    rows = [
        {"projectID": "1", "projectAcronym": "ALPHA", "organisationID": "9", "name": "Good Org",
         "country": "BE", "role": "coordinator", "ecContribution": "1.234,50"},
        {"projectID": "1", "projectAcronym": "ALPHA", "organisationID": "8", "name": "",
         "country": "BE", "role": "participant", "ecContribution": "10"},
        {"projectID": "1", "projectAcronym": "ALPHA", "organisationID": "7", "name": "Odd Amount",
         "country": "NL", "role": "participant", "ecContribution": "twelve"},
        {"projectID": "1", "projectAcronym": "ALPHA", "organisationID": "6", "name": "Nowhere Ltd",
         "country": "QQ", "role": "participant", "ecContribution": "5"},
    ]  # fmt: skip
    path = write_rows(tmp_path / "bad.csv", HEADER, rows)
    code, out, err = run_import("cordis", "--participants", str(path), "--store", str(tmp_path))
    assert code == 0
    assert "imported 1 of 4 rows" in out
    assert "missing organisation name" in err
    assert "unparsable amount in ecContribution" in err
    assert "unknown country code" in err
    with open_graph(tmp_path) as graph:
        stats = graph.stats()
        edge = next(iter(graph.iter_edges(types=["LEADS"])))
    assert stats.nodes["Organisation"] == 1
    assert edge.properties["amount_eur"] == 1234.5


def test_full_export_layout_with_semicolons(tmp_path: Path) -> None:
    header = ["id", "acronym", "title", "startDate", "endDate", "totalCost",
              "ecMaxContribution", "frameworkProgramme", "fundingScheme"]  # fmt: skip
    row = {"id": "101000001", "acronym": "TESTPROJ", "title": "A test project",
           "startDate": "2023-01-01", "endDate": "2025-12-31", "totalCost": "1000000",
           "ecMaxContribution": "750000,5", "frameworkProgramme": "HORIZON",
           "fundingScheme": "HORIZON-RIA"}  # fmt: skip
    path = write_rows(tmp_path / "project.csv", header, [row], delimiter=";")
    code, out, err = run_import("cordis", "--projects", str(path), "--store", str(tmp_path))
    assert code == 0, err
    with open_graph(tmp_path) as graph:
        edge = next(iter(graph.iter_edges(types=["FUNDED_BY"])))
        programme = graph.get_node(edge.target)
        project = graph.get_node(edge.source)
    assert programme is not None and programme.name == "Horizon Europe"
    assert edge.properties["amount_eur"] == 750000.5
    assert project is not None and project.properties["end_date"] == "2025-12-31"


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run_import("cordis", "--projects", str(tmp_path / "nope.csv"))
    assert code == 2
    assert err.strip().count("\n") == 0 and "no such file" in err


def test_import_help_lists_every_importer() -> None:
    code, out, _ = run_import("--help")
    assert code == 0
    for command in ("cordis", "esif", "efro-nl", "erdf-flanders", "summaries", "rdf"):
        assert f" {command} " in out
