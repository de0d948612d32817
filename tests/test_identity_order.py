"""The graph is the same whatever the order of ingest and import (a real slice)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.import_helpers import read_rows, write_rows

runner = CliRunner()
PROJECTS = ("IMOCO4.E", "SILENSE")
DOCUMENTS = (
    "corpus/039_cordis-ecsel-imoco4e-objective.txt",
    "corpus/040_cordis-ecsel-silense-objective.txt",
    "corpus2/211_innovationorigins-regio-deal-brainport-udi.txt",
)
EFRO_NAMES = ("Brainport Development", "TNO", "Philips", "Technische Universiteit Eindhoven")


def _slice(shared: Path, folder: Path) -> dict[str, Path]:
    data = shared / "data" / "structured"
    p_header, projects = read_rows(data / "ecsel_h2020_projects.csv")
    a_header, participants = read_rows(data / "ecsel_h2020_participants.csv")
    ids = {p["projectID"] for p in projects if p["acronym"] in PROJECTS}
    efro = data / "nl_structural_funds_efro_esf_2007_2016.csv"
    with efro.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        e_header = list(reader.fieldnames or [])
        e_rows = [r for r in reader if any(n in r["Begunstigde"] for n in EFRO_NAMES)]
    docs = folder / "docs"
    docs.mkdir()
    for name in DOCUMENTS:
        source = shared / name
        (docs / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return {
        "projects": write_rows(
            folder / "projects.csv", p_header, [p for p in projects if p["projectID"] in ids]
        ),
        "participants": write_rows(
            folder / "participants.csv",
            a_header,
            [r for r in participants if r["projectID"] in ids],
        ),
        "efro": write_rows(folder / "efro.csv", e_header, e_rows[:12]),
        "docs": docs,
    }


def _run(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stdout + result.stderr


def _graph(store: Path) -> tuple[dict[str, tuple[str, str]], set[tuple[str, str, str]]]:
    with EmbeddedStore(store) as graph:
        nodes = {n.id: (n.type, n.name) for n in graph.iter_nodes()}
        edges = {(e.source, e.type, e.target) for e in graph.iter_edges()}
    return nodes, edges


@pytest.mark.slow
def test_ingest_and_import_in_two_orders_give_one_graph(shared_dir: Path, tmp_path: Path) -> None:
    files = _slice(shared_dir, tmp_path)
    cordis = [
        "import", "cordis", "--projects", str(files["projects"]),
        "--participants", str(files["participants"]),
    ]  # fmt: skip
    steps = {
        "ingest": ["ingest", str(files["docs"])],
        "cordis": cordis,
        "efro": ["import", "efro-nl", str(files["efro"])],
    }
    graphs = []
    for order in (("ingest", "cordis", "efro"), ("efro", "cordis", "ingest")):
        store = tmp_path / "-".join(order)
        for step in order:
            _run(*steps[step], "--store", str(store))
        graphs.append(_graph(store))
    (nodes_a, edges_a), (nodes_b, edges_b) = graphs
    assert nodes_a == nodes_b
    assert edges_a == edges_b
    # The documents' projects are the CORDIS projects, and the names are the best written.
    projects = [name for kind, name in nodes_a.values() if kind == "Project"]
    assert projects.count("IMOCO4.E") == 1 and projects.count("SILENSE") == 1
    assert nodes_a["project-imoco4e"] == ("Project", "IMOCO4.E")
    brainport = nodes_a["org-brainport-development"][1]
    assert brainport.startswith("Brainport Development")  # mixed case, never ALL CAPS
    tue = [name for kind, name in nodes_a.values() if "Eindhoven" in name and "Techn" in name]
    assert not any(name.isupper() for name in tue)
