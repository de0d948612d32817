"""The evidence of an imported row: its fields and source, written by the importers,
parsed back exactly, shown once per row (identical rows together), stable on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innograph.graph.types import Provenance
from innograph.ontology.evidence import (
    MAX_VALUE_CHARS,
    RowEvidence,
    parse_row_evidence,
    row_evidence,
)
from innograph.tests.cordis_fixture import HOSTILE, CordisFixture, build_cordis_fixture
from innograph.tests.import_helpers import open_graph, run_import
from innograph.viz.evidence import RowItem, SentenceItem, evidence_html, evidence_items
from innograph.viz.network import evidence_lines

# Names and values as a row holds them: no whitespace at the ends or in runs (folded), and
# shorter than MAX_VALUE_CHARS (4 words of at most 30 characters).
_word = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
)
_cell = st.lists(_word, min_size=1, max_size=4).map(" ".join)


@settings(deadline=None)  # a loaded machine is no failure
@given(st.lists(st.tuples(_cell, _cell), max_size=6), st.integers(1, 10**6))
def test_row_evidence_parses_back_to_its_fields(fields: list[tuple[str, str]], n: int) -> None:
    assert all(len(v) < MAX_VALUE_CHARS for pair in fields for v in pair)
    text = row_evidence("participants.csv", n, fields)
    parsed = parse_row_evidence(text, f"participants.csv#row={n}")
    assert parsed == RowEvidence("participants.csv", n, tuple(fields))


def test_separators_in_values_are_escaped_and_come_back() -> None:
    fields = [("title", "Kade; sensing = fast"), ("path", "C:\\data"), ("empty", "  ")]
    text = row_evidence("p.csv", 3, fields)
    assert text == "p.csv row 3: title=Kade\\; sensing \\= fast; path=C:\\\\data"
    parsed = parse_row_evidence(text, "p.csv#row=3")
    assert parsed == RowEvidence("p.csv", 3, (fields[0], fields[1]))


def test_whitespace_is_folded_and_long_values_cut() -> None:
    text = row_evidence("p.csv", 1, [("co", "A\nB  C"), ("objective", "x" * 500)])
    parsed = parse_row_evidence(text)
    assert parsed is not None
    assert parsed.fields[0] == ("co", "A B C")
    assert len(parsed.fields[1][1]) == MAX_VALUE_CHARS and parsed.fields[1][1].endswith("…")


def test_sentences_and_other_rows_are_not_row_evidence() -> None:
    assert parse_row_evidence("Imec leads the NanoIC pilot line.", "doc.md") is None
    # The source must be the row the evidence names.
    assert parse_row_evidence("p.csv row 3: role=x", "p.csv#row=4") is None
    assert parse_row_evidence("p.csv row 3: role=x", "q.csv#row=3") is None
    # What an importer wrote before rows had fields: the row alone.
    assert parse_row_evidence("p.csv row 745", "p.csv#row=745") == RowEvidence("p.csv", 745)


def _prov(doc: str, n: int, fields: list[tuple[str, str]]) -> Provenance:
    return Provenance(f"{doc}#row={n}", row_evidence(doc, n, fields), 1.0)


def test_identical_rows_are_one_item_and_sentences_stay_apart() -> None:
    same = [("name", "Kade Labs"), ("role", "participant")]
    items = evidence_items(
        [
            _prov("p.csv", 4, same),
            _prov("p.csv", 9, same),
            _prov("p.csv", 12, [("name", "Kade Labs"), ("role", "coordinator")]),
            Provenance("doc.md", "Kade Labs joins.", 0.8),
            Provenance("doc.md", "Kade Labs joins.", 0.8),
        ]
    )
    assert items == [
        RowItem("p.csv", [4, 9], tuple(same)),
        RowItem("p.csv", [12], (("name", "Kade Labs"), ("role", "coordinator"))),
        SentenceItem("Kade Labs joins.", "doc.md", 0.8),
    ]


def test_row_evidence_html_is_a_definition_list_with_its_source_once() -> None:
    prov = _prov("participants.csv", 745, [("name", HOSTILE), ("role", "coordinator")])
    html = str(evidence_html([prov]))
    assert html.count("participants.csv") == 1 and "row 745" in html
    assert "<dt>role</dt><dd>coordinator</dd>" in html
    assert HOSTILE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # The tooltip line of the network views: the row with its fields, once.
    (line,) = evidence_lines([prov])
    assert line.startswith("participants.csv row 745: name=") and "#row=" not in line


@pytest.fixture(scope="module")
def cordis(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> CordisFixture:
    return build_cordis_fixture(shared_dir, tmp_path_factory.mktemp("row-evidence"))


def test_imported_participation_names_its_row_fields(cordis: CordisFixture) -> None:
    row = next(r for r in cordis.participants if r["role"] == "coordinator")
    n = cordis.participants.index(row) + 1
    with open_graph(cordis.store) as graph:
        org = next(
            o
            for o in graph.iter_nodes(types=["Organisation"])
            if o.properties.get("pic") == row["organisationID"]
        )
        leads = [e for e in graph.get_entity(org.id).outgoing if e.type == "LEADS"]
        located = [e for e in graph.get_entity(org.id).outgoing if e.type == "LOCATED_IN"]
    prov = next(p for e in leads for p in e.provenance if p.document == f"participants.csv#row={n}")
    parsed = parse_row_evidence(prov.evidence, prov.document)
    assert parsed is not None
    fields = dict(parsed.fields)
    assert fields["role"] == "coordinator"
    assert fields["ecContribution"] == row["ecContribution"]
    assert fields["projectAcronym"] == row["projectAcronym"]
    assert fields["organisationID"] == row["organisationID"]
    # A location rests on the address fields only.
    where = parse_row_evidence(located[0].provenance[0].evidence, located[0].provenance[0].document)
    assert where is not None and "role" not in dict(where.fields)


def test_repeated_row_is_shown_once_with_both_row_numbers(cordis: CordisFixture) -> None:
    hostile = [i + 1 for i, r in enumerate(cordis.participants) if r["name"] == HOSTILE]
    assert len(hostile) == 2
    with open_graph(cordis.store) as graph:
        org = graph.search(HOSTILE, types=["Organisation"], limit=1)[0]
        (edge,) = [e for e in graph.get_entity(org.id).outgoing if e.type == "PARTICIPATES_IN"]
    assert len(edge.provenance) == 2
    (item,) = evidence_items(edge.provenance)
    assert isinstance(item, RowItem) and item.rows == hostile


def test_reimport_of_unchanged_files_changes_nothing(cordis: CordisFixture) -> None:
    with open_graph(cordis.store) as graph:
        version = graph.version()
    code, out, _ = run_import(
        "cordis",
        "--projects",
        str(cordis.files["projects"]),
        "--participants",
        str(cordis.files["participants"]),
        "--store",
        str(cordis.store),
    )
    assert code == 0 and "0 created, 0 updated" in out
    with open_graph(cordis.store) as graph:
        assert graph.version() == version
