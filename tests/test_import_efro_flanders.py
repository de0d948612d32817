"""``innograph import efro-nl`` / ``erdf-flanders`` / ``summaries`` on the real lists, and
one organisation across sources."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from innograph.tests.import_helpers import open_graph, read_rows, run_import, write_rows

NL_FILE = "nl_structural_funds_efro_esf_2007_2016.csv"
FLANDERS_2014 = "flanders_erdf_2014_2020_call_detailhandel_kernversterking.csv"


@pytest.fixture(scope="module")
def data(shared_dir: Path) -> Path:
    return shared_dir / "data" / "structured"


def test_efro_nl_projects_of_one_beneficiary(data: Path, tmp_path: Path) -> None:
    header, rows = read_rows(data / NL_FILE, 300)
    path = write_rows(tmp_path / "efro.csv", header, rows)
    code, out, err = run_import("efro-nl", str(path), "--store", str(tmp_path / "s"))
    assert code == 0, err
    titles: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        title = r["Titel van het project (naam van de concrete actie)"].strip()
        if r["Begunstigde"].strip() and title:
            titles[r["Begunstigde"].strip()].add(title)
    name, mine = max(titles.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(mine) >= 2
    with open_graph(tmp_path / "s") as graph:
        org = graph.search(name, types=["Organisation"], limit=1)[0]
        detail = graph.get_entity(org.id)
        country = graph.get_node("region-nl")
    led = {detail.neighbours[e.target].name for e in detail.outgoing if e.type == "LEADS"}
    assert led == mine
    assert country is not None and country.name == "Netherlands"


def test_flanders_2014_co_promotors_and_title_rows(data: Path, tmp_path: Path) -> None:
    code, out, err = run_import(
        "erdf-flanders", str(data / FLANDERS_2014), "--store", str(tmp_path)
    )
    assert code == 0, err
    # Plain reading of the sheet: rows after the "Nr" header whose first cell is a number.
    import csv

    with (data / FLANDERS_2014).open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream))
    start = next(i for i, cells in enumerate(lines) if cells and cells[0] == "Nr")
    projects = [c for c in lines[start + 1 :] if c and c[0].replace(".", "").isdigit()]
    partners = sum(len([p for p in c[2].split("\n") if p.strip()]) for c in projects)
    with open_graph(tmp_path) as graph:
        stats = graph.stats()
    assert stats.relationships["LEADS"] == len(projects)
    assert stats.relationships["PARTICIPATES_IN"] == partners
    assert f"imported {len(projects)} of" in out


def test_flanders_2007_amounts_in_euro_notation(data: Path, tmp_path: Path) -> None:
    header, rows = read_rows(data / "flanders_erdf_2007_2013.csv", 40)
    path = write_rows(tmp_path / "flanders.csv", header, rows)
    code, _, err = run_import("erdf-flanders", str(path), "--store", str(tmp_path / "s"))
    assert code == 0, err
    first = rows[0]
    expected = float(first["EFRO_STEUN"].replace("€", "").strip())
    with open_graph(tmp_path / "s") as graph:
        node = graph.search(first["PROJECTNAAM_manueel"], types=["Project"], limit=1)[0]
        edge = next(e for e in graph.get_entity(node.id).outgoing if e.type == "FUNDED_BY")
    assert edge.properties["amount_eur"] == pytest.approx(expected)
    assert edge.target == "programme-2007be162po002"


def test_one_organisation_across_cordis_and_efro(tmp_path: Path) -> None:
    cordis = write_rows(
        tmp_path / "participants.csv",
        ["projectID", "projectAcronym", "name", "country", "role", "ecContribution"],
        [
            {
                "projectID": "42",
                "projectAcronym": "TESTAR",
                "name": "HOGESCHOOL VAN TESTSTAD",
                "country": "NL",
                "role": "coordinator",
                "ecContribution": "100",
            }
        ],  # fmt: skip
    )
    efro = write_rows(
        tmp_path / "efro.csv",
        [
            "Begunstigde",
            "Titel van het project (naam van de concrete actie)",
            "Fonds",
            "EU-subsidie in Euro's",
        ],  # fmt: skip
        [
            {
                "Begunstigde": "Hogeschool van Teststad",
                "Fonds": "EFRO",
                "Titel van het project (naam van de concrete actie)": "Proeftuin",
                "EU-subsidie in Euro's": "1.234,56",
            }
        ],  # fmt: skip
    )
    store = str(tmp_path / "s")
    assert run_import("cordis", "--participants", str(cordis), "--store", store)[0] == 0
    assert run_import("efro-nl", str(efro), "--store", store)[0] == 0
    with open_graph(tmp_path / "s") as graph:
        orgs = list(graph.iter_nodes(types=["Organisation"]))
        funded = next(iter(graph.iter_edges(types=["FUNDED_BY"])))
    assert len(orgs) == 1
    assert funded.properties["amount_eur"] == pytest.approx(1234.56)
    assert funded.target == "programme-european-regional-development-fund"


def test_summaries_become_text_documents(data: Path, tmp_path: Path) -> None:
    header, rows = read_rows(data / NL_FILE, 50)
    path = write_rows(tmp_path / "efro.csv", header, rows)
    out_dir = tmp_path / "texts"
    result = run_import("summaries", str(path), "--column", "Samenvatting", "--out", str(out_dir))
    assert result[0] == 0, result[2]
    filled = [r for r in rows if r["Samenvatting"].strip()]
    files = sorted(out_dir.glob("*.txt"))
    assert len(files) == len(filled)
    assert filled[0]["Samenvatting"].strip()[:40] in files[0].read_text(encoding="utf-8")
    code, _, err = run_import("summaries", str(path), "--column", "Nope", "--out", str(out_dir))
    assert code == 2 and "no column 'Nope'" in err
