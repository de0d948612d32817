"""``bench/run.py`` puts each figure next to its same-run baseline, and says when a
module's results come from an earlier run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run_under_test", ROOT / "bench/run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "RESULTS_DIR", tmp_path)
    return module


def test_figure_baseline_and_ratio(runner: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "import.json").write_text(
        json.dumps({"import": {"seconds": 120.0, "csv_read_baseline_s": 4.0}}), encoding="utf-8"
    )
    module = next(m for m in runner.MODULES if m.name == "import")
    text, collected = runner.table([module], {"import": {"status": "ok"}})
    assert "| import | import all files (embedded) | 120 s | plain csv read | 4 s | 30.00 |" in text
    # A figure the results do not have is a dash, never a made-up number.
    assert "| import | imported nodes | – |" in text
    assert collected["import"]["results"]["import"]["seconds"] == 120.0


def test_results_from_an_earlier_run_are_stamped(runner: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "viz.json").write_text(
        json.dumps({"precomputed_layout": {"seconds": 2.0}, "browser_physics_baseline": {
            "seconds": 8.0}}), encoding="utf-8"
    )  # fmt: skip
    module = next(m for m in runner.MODULES if m.name == "viz")
    text, _ = runner.table([module], {})
    line = next(line for line in text.splitlines() if "first stable render" in line)
    assert line.startswith("| viz (") and "UTC)" in line and line.endswith("| 0.25 |")


def test_missing_results_say_so(runner: ModuleType) -> None:
    module = next(m for m in runner.MODULES if m.name == "store")
    text, collected = runner.table([module], {"store": {"status": "failed (exit 1)"}})
    assert "| store | no results (failed (exit 1)) |" in text
    assert collected["store"]["results"] is None


def test_api_throughput_on_both_stores_side_by_side(runner: ModuleType, tmp_path: Path) -> None:
    def loads(search: int, partners: int) -> dict[str, object]:
        return {
            "search_throughput": {"clients": 50, "requests_per_s": search,
                                  "under_load": {"p95_ms": 200.0}},
            "collaborators_throughput": {"clients": 50, "requests_per_s": partners,
                                         "under_load": {"p95_ms": 400.0}},
            "health_throughput": {"clients": 50, "requests_per_s": 1000},
        }  # fmt: skip

    module = next(m for m in runner.MODULES if m.name == "api")
    (tmp_path / "api.json").write_text(
        json.dumps({**loads(400, 200), "neo4j": loads(100, 50)}), encoding="utf-8"
    )
    text, _ = runner.table([module], {"api": {"status": "ok"}})
    assert "| api | API collaborators, 50 clients | 200 req/s | same clients on /health |" in text
    neo4j_search = "| api | API search, 50 clients, Neo4j | 100 req/s | embedded | 400 req/s |"
    assert f"{neo4j_search} 0.25 |" in text
    assert "| api | API collaborators p95, 50 clients, Neo4j | 400 ms | embedded | 400 ms |" in text
    # Without a Neo4j server the run says so in the JSON; the table shows dashes.
    (tmp_path / "api.json").write_text(
        json.dumps({**loads(400, 200), "neo4j": "skipped: INNOGRAPH_NEO4J_URI not set"}),
        encoding="utf-8",
    )
    text, _ = runner.table([module], {"api": {"status": "ok"}})
    assert "| api | API search, 50 clients, Neo4j | – |" in text
