"""``innograph import esif`` on a slice of the harmonised ESIF beneficiary list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from innograph.ingest.amounts import parse_money
from innograph.tests.import_helpers import open_graph, read_rows, run_import, write_rows

SLICE = 1500


@dataclass(frozen=True)
class EsifSlice:
    store: Path
    rows: list[dict[str, str]]
    path: Path
    out: str


@pytest.fixture(scope="module")
def esif_slice(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> EsifSlice:
    header, rows = read_rows(
        shared_dir / "data" / "structured" / "esif_beneficiaries_2007_2020_harmonised.csv.gz",
        SLICE,
    )
    folder = tmp_path_factory.mktemp("esif")
    path = write_rows(folder / "esif.csv", header, rows)
    store = folder / "store"
    code, out, err = run_import("esif", str(path), "--store", str(store))
    assert code == 0, err
    return EsifSlice(store=store, rows=rows, path=path, out=out)


def _amount_ok(text: str) -> bool:
    return not text.strip() or parse_money(text) is not None


def test_every_valid_row_is_one_document(esif_slice: EsifSlice) -> None:
    rows = esif_slice.rows
    valid = [
        r
        for r in rows
        if r["beneficiary_name"].strip()
        and _amount_ok(r["eu_cofinancing_amount"])
        and _amount_ok(r["total_amount"])
    ]
    with open_graph(esif_slice.store) as graph:
        stats = graph.stats()
    assert stats.documents == len(valid)
    # Every row: its beneficiary leads its operation and is located in its country.
    assert f"imported {len(valid)} of {len(rows)} rows" in esif_slice.out


def test_operations_of_one_beneficiary_equal_the_csv(esif_slice: EsifSlice) -> None:
    rows = esif_slice.rows
    operations: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        if r["beneficiary_name"].strip():
            operations[r["beneficiary_name"].strip()].add((r["project_id"], r["project_name"]))
    name, mine = max(operations.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(mine) >= 3
    with open_graph(esif_slice.store) as graph:
        org = graph.search(name, types=["Organisation"], limit=1)[0]
        assert org.name == name
        detail = graph.get_entity(org.id)
    led = {e.target for e in detail.outgoing if e.type == "LEADS"}
    assert len(led) == len(mine)


def test_programme_by_cci_with_its_eu_amounts(esif_slice: EsifSlice) -> None:
    rows = esif_slice.rows
    amounts: dict[str, float] = defaultdict(float)
    for r in rows:
        if r["beneficiary_name"].strip() and r["eu_cofinancing_amount"].strip():
            amounts[r["cci_program_code"]] += parse_money(r["eu_cofinancing_amount"]) or 0.0
    with open_graph(esif_slice.store) as graph:
        funded = list(graph.iter_edges(types=["FUNDED_BY"]))
        programmes = {n.id: n for n in graph.iter_nodes(types=["FundingProgramme"])}
    by_cci: dict[str, float] = defaultdict(float)
    for edge in funded:
        cci = str(programmes[edge.target].properties.get("cci", ""))
        # One FUNDED_BY per operation: the sum over rows counts each row's amount once
        # only when operations do not repeat, which the slice's rows do not.
        by_cci[cci] += float(edge.properties.get("amount_eur") or 0.0)
    for cci, total in amounts.items():
        if total:
            assert by_cci[cci] == pytest.approx(total, rel=1e-9), cci


def test_importing_twice_changes_nothing(esif_slice: EsifSlice) -> None:
    with open_graph(esif_slice.store) as graph:
        version = graph.version()
    code, out, _ = run_import("esif", str(esif_slice.path), "--store", str(esif_slice.store))
    assert code == 0 and "0 created, 0 updated" in out
    with open_graph(esif_slice.store) as graph:
        assert graph.version() == version


def test_a_bulk_import_into_an_empty_store_gives_the_same_graph(
    esif_slice: EsifSlice, tmp_path: Path
) -> None:
    store = tmp_path / "bulk"
    code, out, err = run_import("esif", str(esif_slice.path), "--store", str(store), "--bulk")
    assert code == 0, err
    assert out == esif_slice.out  # the same closing line: rows, created, skipped
    with open_graph(store) as bulk, open_graph(esif_slice.store) as upserted:
        assert list(bulk.iter_nodes()) == list(upserted.iter_nodes())
        assert list(bulk.iter_edges()) == list(upserted.iter_edges())
        version = bulk.version()
    # Once the graph holds data, a bulk import is refused plainly and changes nothing.
    code, out, err = run_import("esif", str(esif_slice.path), "--store", str(store), "--bulk")
    assert code != 0
    assert "empty graph" in out + err and "nothing was written" in out + err
    assert "Traceback" not in out + err
    with open_graph(store) as bulk:
        assert bulk.version() == version


def test_bad_rows_are_skipped(esif_slice: EsifSlice, tmp_path: Path) -> None:
    rows = esif_slice.rows
    header = list(rows[0])
    good = dict(rows[0], beneficiary_name="Testbedrijf Een BV", country="AT")
    bad = [
        dict(good, beneficiary_name=""),
        dict(good, beneficiary_name="Testbedrijf Twee", eu_cofinancing_amount="1,2,3,x"),
        dict(good, beneficiary_name="Testbedrijf Drie", beneficiary_country="", country="ZZ"),
    ]
    path = write_rows(tmp_path / "bad.csv", header, [good, *bad])
    code, out, err = run_import("esif", str(path), "--store", str(tmp_path / "s"))
    assert code == 0
    assert "imported 1 of 4 rows" in out
    for reason in ("missing beneficiary name", "unparsable amount", "unknown country code"):
        assert reason in err


def test_amounts_in_other_currencies_are_not_taken_for_euro(
    esif_slice: EsifSlice, tmp_path: Path
) -> None:
    rows = esif_slice.rows
    row = dict(
        rows[0],
        country="UK",
        beneficiary_country="",
        beneficiary_name="Test Works Ltd",
        currency_code="GBP",
        eu_cofinancing_amount="120,000.00",
        total_amount="250,000.00",
    )
    path = write_rows(tmp_path / "gbp.csv", list(rows[0]), [row])
    code, out, err = run_import("esif", str(path), "--store", str(tmp_path / "s"))
    assert code == 0 and "imported 1 of 1 rows" in out, err
    with open_graph(tmp_path / "s") as graph:
        edge = next(iter(graph.iter_edges(types=["FUNDED_BY"])))
        project = graph.get_node(edge.source)
    assert edge.properties.get("amount_eur") is None
    assert edge.properties["currency"] == "GBP" and edge.properties["amount"] == "120,000.00"
    assert project is not None and "budget_eur" not in project.properties


def test_names_in_greek_script_are_imported(esif_slice: EsifSlice, tmp_path: Path) -> None:
    rows = esif_slice.rows
    base = dict(rows[0], country="CY", beneficiary_country="", currency_code="EUR")
    first = dict(base, beneficiary_name="Δοκιμαστικό Τμήμα", project_name="Έργο Ένα")
    second = dict(base, beneficiary_name="Δοκιμαστικό Τμήμα", project_name="Έργο Δύο")
    other = dict(base, beneficiary_name="Άλλος Φορέας", project_name="Έργο Ένα")
    path = write_rows(tmp_path / "cy.csv", list(rows[0]), [first, second, other])
    code, out, err = run_import("esif", str(path), "--store", str(tmp_path / "s"))
    assert code == 0 and "imported 3 of 3 rows" in out, err
    with open_graph(tmp_path / "s") as graph:
        orgs = {n.name: n.id for n in graph.iter_nodes(types=["Organisation"])}
        projects = list(graph.iter_nodes(types=["Project"]))
    assert set(orgs) == {"Δοκιμαστικό Τμήμα", "Άλλος Φορέας"}
    assert len(set(orgs.values())) == 2
    assert len(projects) == 3
