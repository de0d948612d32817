"""Run every benchmark of the project and write one table: ``bench/RESULTS.md`` and
``bench/results.json``.

Each ``bench/bench_*.py`` runs in a process of its own (``python -m bench.<module>``, so
that its timings and peak memory are its own) and writes ``bench/results/<name>.json``;
this runner then reads those files and puts each figure next to the baseline the module
measured in the same run, with their ratio. The machine (CPU model, cores, memory, load)
is recorded with the results.

    python -m bench.run [--quick] [--only import store ...] [--skip viz ...] [--reuse]

``--quick`` runs each module at a small size; ``--reuse`` runs nothing and tabulates the
results files already present (each stamped with its file time); with ``--only``/
``--skip``, the modules not run are tabulated from their last results, marked as such.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS_DIR = BENCH / "results"
# Hours a module may take before the runner gives up on it.
TIMEOUT_S = 3 * 3600

# A row of the table: figure, value, unit, baseline label, baseline value.
Row = tuple[str, float | None, str, str, float | None]


@dataclass(frozen=True)
class Module:
    """How to run one benchmark module and read its results."""

    name: str  # bench/bench_<name>.py, results/<file>
    results: str
    full_args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ()
    rows: Callable[[dict[str, Any]], list[Row]] | None = None


def _get(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _num(data: dict[str, Any], path: str) -> float | None:
    value = _get(data, path)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _extract_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("extraction, 1 worker", _num(d, "words_per_second.extract_w1"), "words/s",
         "bare spaCy pipe", _num(d, "words_per_second.spacy_pipe")),
        ("extraction, 2 workers", _num(d, "words_per_second.extract_w2"), "words/s",
         "extraction, 1 worker", _num(d, "words_per_second.extract_w1")),
    ]  # fmt: skip


def _store_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("store: in-memory graph build", _num(d, "load.build_s"), "s",
         "networkx graph build", _num(d, "load.networkx_graph_build_baseline_s")),
        ("store: load", _num(d, "load.relationships_per_s"), "rels/s", "", None),
        ("store: collaborators p50", _num(d, "latency.collaborators.p50_ms"), "ms",
         "networkx 2-hop p50", _num(d, "latency.collaborators_networkx_baseline.p50_ms")),
        ("store: paths k=3 p50", _num(d, "latency.paths_k3.p50_ms"), "ms",
         "networkx shortest path p50",
         _num(d, "latency.shortest_path_networkx_baseline.p50_ms")),
        ("store: peak RSS", _num(d, "memory.peak_rss_mb"), "MB", "", None),
    ]  # fmt: skip


def _neo4j_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("Neo4j load, batched", _num(d, "batched.relationships_per_s"), "rels/s",
         "naive loader", _num(d, "naive.relationships_per_s")),
        ("Neo4j bulk load (empty graph)", _num(d, "bulk.relationships_per_s"), "rels/s",
         "batched load", _num(d, "batched.relationships_per_s")),
        ("Neo4j collaborators p95", _num(d, "latency_neo4j.collaborators.p95_ms"), "ms",
         "embedded p95", _num(d, "latency_embedded.collaborators.p95_ms")),
        ("Neo4j paths k=3 p95", _num(d, "latency_neo4j.paths_k3_max4.p95_ms"), "ms",
         "embedded p95", _num(d, "latency_embedded.paths_k3_max4.p95_ms")),
    ]  # fmt: skip


def _api_rows(d: dict[str, Any]) -> list[Row]:
    rows: list[Row] = [
        ("API round trip (GET /version) p50", _num(d, "latency.http_floor.p50_ms"), "ms",
         "", None),
    ]  # fmt: skip
    for query in ("search", "collaborators", "paths_k3_hops4", "suggestions"):
        for p in ("p50", "p95"):
            rows.append(
                (f"API {query} {p} over HTTP", _num(d, f"latency.{query}.http.{p}_ms"), "ms",
                 "same call on the store", _num(d, f"latency.{query}.direct.{p}_ms"))
            )  # fmt: skip
    clients = f"{_num(d, 'search_throughput.clients') or 50:.0f} clients"
    for query in ("search", "collaborators"):
        rows += [
            (f"API {query}, {clients}", _num(d, f"{query}_throughput.requests_per_s"),
             "req/s", "same clients on /health", _num(d, "health_throughput.requests_per_s")),
            (f"API {query} p95, {clients}", _num(d, f"{query}_throughput.under_load.p95_ms"),
             "ms", "", None),
        ]  # fmt: skip
    # Neo4j under the same clients in the same run (a dash when it was skipped), next to
    # the embedded store.
    for query in ("search", "collaborators"):
        rows += [
            (f"API {query}, {clients}, Neo4j", _num(d, f"neo4j.{query}_throughput.requests_per_s"),
             "req/s", "embedded", _num(d, f"{query}_throughput.requests_per_s")),
            (f"API {query} p95, {clients}, Neo4j",
             _num(d, f"neo4j.{query}_throughput.under_load.p95_ms"),
             "ms", "embedded", _num(d, f"{query}_throughput.under_load.p95_ms")),
        ]  # fmt: skip
    rows.append(("API search index build", _num(d, "search_index_build_s"), "s", "", None))
    return rows


def _export_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("export N-Triples", _num(d, "innograph-nt.triples_per_s"), "triples/s",
         "rdflib serialize", _num(d, "rdflib-nt.triples_per_s")),
        ("export Turtle", _num(d, "innograph-ttl.triples_per_s"), "triples/s",
         "rdflib serialize", _num(d, "rdflib-ttl.triples_per_s")),
    ]  # fmt: skip


def _viz_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("map first stable render", _num(d, "precomputed_layout.seconds"), "s",
         "browser physics", _num(d, "browser_physics_baseline.seconds")),
    ]  # fmt: skip


def _import_rows(d: dict[str, Any]) -> list[Row]:
    return [
        ("import all files (embedded)", _num(d, "import.seconds"), "s",
         "plain csv read", _num(d, "import.csv_read_baseline_s")),
        ("import rows/s", _num(d, "import.rows_per_s"), "rows/s", "", None),
        ("import peak RSS", _num(d, "import.peak_rss_mb"), "MB", "target", 2048.0),
        ("imported nodes", _num(d, "graph.nodes"), "", "", None),
        ("imported relationships", _num(d, "graph.relationships"), "", "", None),
        ("real graph: collaborators p50", _num(d, "queries.collaborators.p50_ms"), "ms",
         "networkx 2-hop p50", _num(d, "queries.collaborators_networkx_baseline.p50_ms")),
        ("real graph: collaborators p95", _num(d, "queries.collaborators.p95_ms"), "ms",
         "networkx 2-hop p95", _num(d, "queries.collaborators_networkx_baseline.p95_ms")),
        ("real graph: paths k=3 p95", _num(d, "queries.paths_k3_hops4.p95_ms"), "ms", "", None),
        ("real graph: suggestions p95", _num(d, "queries.suggestions.p95_ms"), "ms", "", None),
        ("real graph: analytics network index", _num(d, "analytics.index_s"), "s",
         "target", _num(d, "analytics.target_s")),
        *[(f"real graph: {m} centrality", _num(d, f"analytics.{m}.seconds"), "s",
           "target", _num(d, "analytics.target_s"))
          for m in ("degree", "betweenness", "eigenvector")],
        ("real graph: Louvain communities", _num(d, "analytics.communities.seconds"), "s",
         "target", _num(d, "analytics.target_s")),
        ("import all files (Neo4j)", _num(d, "neo4j.seconds"), "s",
         "same import, embedded", _num(d, "import.seconds")),
        ("Neo4j import client peak RSS", _num(d, "neo4j.client_peak_rss_mb"), "MB",
         "embedded import peak", _num(d, "import.peak_rss_mb")),
        ("Neo4j imported relationships", _num(d, "neo4j.relationships"), "",
         "embedded store", _num(d, "graph.relationships")),
        ("import all files (Neo4j, --bulk)", _num(d, "neo4j_bulk.seconds"), "s",
         "transactional (Neo4j)", _num(d, "neo4j.seconds")),
        ("Neo4j --bulk import client peak RSS", _num(d, "neo4j_bulk.client_peak_rss_mb"), "MB",
         "transactional (Neo4j)", _num(d, "neo4j.client_peak_rss_mb")),
    ]  # fmt: skip


def _paths_rows(d: dict[str, Any]) -> list[Row]:
    return [
        (f"real graph: partnership paths k=3 p95 ({store})",
         _num(d, f"{store}.partnership_k3_hops4.p95_ms"), "ms",
         "unrestricted paths p95", _num(d, f"{store}.unrestricted_baseline_k3_hops4.p95_ms"))
        for store in ("embedded", "neo4j")
    ] + [
        ("real graph: partnership paths p95, Neo4j", _num(d, "neo4j.partnership_k3_hops4.p95_ms"),
         "ms", "embedded p95", _num(d, "embedded.partnership_k3_hops4.p95_ms")),
    ]  # fmt: skip


MODULES = [
    Module("extract", "extract.json", (), ("--words", "20000"), _extract_rows),
    Module("store", "store.json", (), ("--scale", "0.05", "--queries", "50"), _store_rows),
    Module("neo4j_load", "neo4j_load.json", (), ("--scale", "0.05", "--naive-docs", "50"),
           _neo4j_rows),
    Module("api", "api.json", (), ("--scale", "0.05", "--queries", "50", "--clients", "10"),
           _api_rows),
    Module("export", "export.json", (), ("--scale", "0.02",), _export_rows),
    Module("viz", "viz.json", (), ("--orgs", "300", "--projects", "150", "--rounds", "1"),
           _viz_rows),
    Module("import", "import.json", (), ("--quick",), _import_rows),
    Module("paths", "paths.json", (), ("--esif-rows", "5000", "--pairs", "20"), _paths_rows),
]  # fmt: skip


def discover() -> list[Module]:
    """The known modules present in bench/, then any other bench_*.py (run bare)."""
    known = {m.name: m for m in MODULES}
    present = sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))
    out = [m for m in MODULES if m.name in present]
    out += [Module(name, f"{name}.json") for name in present if name not in known]
    return out


def machine() -> dict[str, Any]:
    """The machine the results were measured on."""
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg": [round(x, 1) for x in os.getloadavg()],
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return info


def run_module(module: Module, quick: bool) -> dict[str, Any]:
    """Run one module in its own process; its status and wall time."""
    args = module.quick_args if quick else module.full_args
    command = [sys.executable, "-m", f"bench.bench_{module.name}", *args]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
        status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
        tail = done.stderr.strip().splitlines()[-1:] if done.returncode else []
    except subprocess.TimeoutExpired:
        status, tail = f"timed out after {TIMEOUT_S} s", []
    return {
        "command": " ".join(["python", *command[1:]]),
        "status": status,
        "seconds": round(time.perf_counter() - start, 1),
        "error": tail[0] if tail else "",
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def table(modules: list[Module], runs: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The markdown table and the JSON of every module's results."""
    lines = [
        "| benchmark | figure | value | baseline (same run) | baseline value | ratio |",
        "|---|---|---|---|---|---|",
    ]
    collected: dict[str, Any] = {}
    for module in modules:
        path = RESULTS_DIR / module.results
        run = runs.get(module.name, {"status": "not run in this invocation"})
        if not path.is_file():
            collected[module.name] = {"run": run, "results": None}
            lines.append(f"| {module.name} | no results ({run['status']}) | | | | |")
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M")
        collected[module.name] = {"run": run, "results_file_time": stamp, "results": data}
        rows = module.rows(data) if module.rows else []
        label = module.name if run.get("status") == "ok" else f"{module.name} ({stamp} UTC)"
        for figure, value, unit, base_label, base in rows:
            ratio = f"{value / base:.2f}" if value is not None and base else ""
            unit_text = f" {unit}" if unit and value is not None else ""
            base_text = _fmt(base) + (f" {unit}" if unit and base is not None else "")
            lines.append(
                f"| {label} | {figure} | {_fmt(value)}{unit_text} | {base_label} | "
                f"{base_text if base_label else ''} | {ratio} |"
            )
        if not rows:
            lines.append(f"| {label} | see results/{module.results} | | | | |")
    return "\n".join(lines), collected


def write_report(
    modules: list[Module], runs: dict[str, dict[str, Any]], quick: bool, host: dict[str, Any]
) -> None:
    """Write bench/RESULTS.md and bench/results.json."""
    body, collected = table(modules, runs)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    run_lines = [
        f"- `{name}`: {r['status']} in {r['seconds']} s — `{r['command']}`"
        + (f" — {r['error']}" if r.get("error") else "")
        for name, r in runs.items()
    ]
    text = f"""# Benchmark results

Written by `make bench` (`python -m bench.run{" --quick" if quick else ""}`) on {now}.
Each figure stands next to the baseline its module measured in the same run; ratio =
value / baseline (for times lower is better, for rates higher is better). Modules not run
in this invocation are shown from their last results file, stamped with its time.

Machine: {host.get("cpu", "unknown CPU")}, {host["cores"]} cores,
{host.get("memory_gb", "?")} GB memory, Python {host["python"]}; load average at the end
{host["load_avg"]} (the machine is shared: timings are wall-clock under that load).

{body}

Modules run:

{chr(10).join(run_lines) if run_lines else "- none (tabulated from existing results)"}

Full figures: `bench/results.json` and `bench/results/*.json`.
"""
    (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")
    payload = {"written": now, "quick": quick, "machine": host, "benchmarks": collected}
    (BENCH / "results.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description="Run every benchmark; write RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", nargs="*", default=None, help="run only these modules")
    parser.add_argument("--skip", nargs="*", default=[], help="do not run these modules")
    parser.add_argument("--reuse", action="store_true", help="run nothing; tabulate results")
    args = parser.parse_args(argv)
    modules = discover()
    names = {m.name for m in modules}
    for name in [*(args.only or []), *args.skip]:
        if name not in names:
            parser.error(f"no benchmark {name!r} (have: {', '.join(sorted(names))})")
    runs: dict[str, dict[str, Any]] = {}
    if not args.reuse:
        for module in modules:
            if (args.only is not None and module.name not in args.only) or module.name in args.skip:
                continue
            print(f"bench: {module.name} ...", file=sys.stderr, flush=True)  # noqa: T201
            runs[module.name] = run_module(module, args.quick)
            print(f"bench: {module.name} {runs[module.name]['status']}", file=sys.stderr)  # noqa: T201
    write_report(modules, runs, args.quick, machine())
    print(f"wrote {BENCH / 'RESULTS.md'} and {BENCH / 'results.json'}")  # noqa: T201


if __name__ == "__main__":
    main()
