"""``innograph stats`` and ``innograph remove`` on the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.database import DB_NAME
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.builders import make_facts

runner = CliRunner()


@pytest.fixture(autouse=True)
def _embedded_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about the embedded store, whatever the developer's shell says.
    monkeypatch.delenv("INNOGRAPH_NEO4J_URI", raising=False)
    monkeypatch.delenv("INNOGRAPH_STORE", raising=False)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store with two documents that share an organisation and a relationship."""
    folder = tmp_path / "store"
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    with EmbeddedStore(folder) as store:
        store.upsert_documents(
            [
                make_facts(
                    "mem://one.txt",
                    [("a", "Organisation", "Anvil"), ("p", "Project", "Pylon")],
                    [("LEADS", "a", "p")],
                ),
                make_facts(
                    "mem://two.txt",
                    [
                        ("a", "Organisation", "Anvil"),
                        ("p", "Project", "Pylon"),
                        ("c", "Cluster", "Cogwheel"),
                    ],
                    [("LEADS", "a", "p"), ("PARTICIPATES_IN", "c", "p")],
                ),
                make_facts(str(docs_dir / "three.txt"), [("e", "Event", "Expo Nine")]),
                make_facts(str(docs_dir / "sub" / "four.txt"), [("e", "Event", "Expo Nine")]),
            ]
        )
    return folder


def test_stats_json(store_dir: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 4
    assert data["nodes"] == {"Cluster": 1, "Event": 1, "Organisation": 1, "Project": 1}
    assert data["relationships"] == {"LEADS": 1, "PARTICIPATES_IN": 1}
    assert (data["total_nodes"], data["total_relationships"]) == (4, 2)
    assert data["last_update"]


def test_stats_text(store_dir: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["documents", "4"] in lines
    assert ["nodes", "4"] in lines and ["Cluster", "1"] in lines
    assert ["relationships", "2"] in lines and ["LEADS", "1"] in lines


def test_stats_uses_innograph_store(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOGRAPH_STORE", str(store_dir))
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 4


def test_remove_keeps_what_other_documents_support(store_dir: Path) -> None:
    result = runner.invoke(app, ["remove", "mem://two.txt", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "removed mem://two.txt"
    with EmbeddedStore(store_dir) as store:
        assert store.stats().nodes == {"Event": 1, "Organisation": 1, "Project": 1}
        edges = list(store.iter_edges())
        assert [(e.type, [p.document for p in e.provenance]) for e in edges] == [
            ("LEADS", ["mem://one.txt"])
        ]


def test_remove_a_missing_source_fails_clearly(store_dir: Path) -> None:
    result = runner.invoke(
        app, ["remove", "mem://one.txt", "mem://nope.txt", "--store", str(store_dir)]
    )
    assert result.exit_code == 1
    assert "removed mem://one.txt" in result.stdout
    assert result.stderr.strip().splitlines() == [
        "innograph: error: not in the graph: mem://nope.txt (see the sources with: innograph stats)"
    ]
    assert "Traceback" not in result.output


def test_remove_a_relative_path_and_a_folder(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["remove", "docs/three.txt", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"removed {tmp_path / 'docs' / 'three.txt'}"
    result = runner.invoke(app, ["remove", "docs", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"removed {tmp_path / 'docs' / 'sub' / 'four.txt'}"
    with EmbeddedStore(store_dir) as store:
        assert "Event" not in store.stats().nodes
    result = runner.invoke(app, ["remove", "docs", "--store", str(store_dir)])
    assert result.exit_code == 1  # nothing left below docs/


def test_store_unavailable_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"garbage" * 500)
    for args in (["stats"], ["remove", "x"]):
        result = runner.invoke(app, [*args, "--store", str(broken)])
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("innograph: error: ")
        assert str(broken) in lines[0]
        # Nothing was overwritten.
        assert (broken / DB_NAME).read_bytes() == b"garbage" * 500


def test_remove_by_absolute_path_finds_the_relative_source(tmp_path: Path) -> None:
    """Ingest stores "corpus/a.txt" for /anywhere/corpus/a.txt: remove finds it from the
    path, and a folder removes what lies below it, not another folder's namesakes."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        for source in ("corpus/a.txt", "corpus/sub/b.txt", "a.txt", "other/a.txt"):
            store.upsert_document(make_facts(source, [("x", "Organisation", f"Org {source}")]))
    result = runner.invoke(app, ["remove", str(corpus / "a.txt"), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "removed corpus/a.txt"  # the most specific name only
    result = runner.invoke(app, ["remove", str(corpus), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "removed corpus/sub/b.txt"
    with EmbeddedStore(store_dir) as store:
        assert {d.source for d in store.documents()} == {"a.txt", "other/a.txt"}
