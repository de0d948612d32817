"""Collaboration map benchmark: time to the first stable render of a 2,000-organisation map
in headless Chromium, with the layout precomputed on the server and without it. The app
runs as ``innograph serve`` in its own process.

A synthetic collaboration graph (by default 2,000 organisations in 12 countries, 900
projects with 2–8 partners each, mostly from the project's home country, chosen with
preferential attachment so a few organisations are hubs) is written to an embedded store.
The map of all of it (``cap`` 2,000) is then opened in Debian's Chromium via Playwright:

* ``server``: the layout computed by ``viz.layout.precompute_layout`` and physics off;
* ``browser`` (the baseline): no positions, vis-network's own physics until it stabilises
  (what pyvis does), with a time limit.

"First stable render" is the time from the start of navigation until the page's script
says the network is drawn and still (``window.innographReadyAt``). Each mode is measured
``--rounds`` times, interleaved; the best of each is kept. Also recorded: the server's
share (the HTML answer, which includes the layout) and the machine's load average.

    python -m bench.bench_viz [--orgs 2000] [--rounds 3]

Writes ``bench/results/viz.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.facts import DocumentFacts, EntityFact, RelationFact
from innograph.ontology.ids import make_canonical_id

RESULTS = Path(__file__).resolve().parent / "results" / "viz.json"
COUNTRIES = ("BE", "NL", "DE", "FR", "LU", "DK", "SE", "FI", "EE", "PL", "ES", "IT")
BROWSER_LIMIT_SECONDS = 300.0


def _entity(key: str, etype: str, name: str, **attributes: Any) -> EntityFact:
    return EntityFact(
        key=key,
        type=etype,
        name=name,
        canonical_id=make_canonical_id(etype, name),
        canonical_name=name,
        attributes=attributes,
    )


def synthetic_documents(
    orgs: int, projects: int, seed: int = 11, home_share: float = 0.8, countries: int = 12
) -> list[DocumentFacts]:
    """One document per project: the project and 2–8 partners. Each project has a home
    country and takes ``home_share`` of its partners from there (so countries form
    communities and cross-border pairs are the exception), chosen with preferential
    attachment (a few organisations become hubs); every organisation gets a project."""
    rng = random.Random(seed)
    names = [f"Synthetic Organisation {i:05d}" for i in range(orgs)]
    codes = COUNTRIES[: max(1, min(countries, len(COUNTRIES)))]
    country = [codes[i % len(codes)] for i in range(orgs)]
    members = {c: [i for i in range(orgs) if country[i] == c] for c in codes}
    weights = [1.0] * orgs
    # Organisations not yet in a project, per country: each project starts with some.
    unused = {c: list(members[c]) for c in codes}
    for waiting in unused.values():
        rng.shuffle(waiting)
    docs: list[DocumentFacts] = []
    for p in range(projects):
        size = rng.randint(2, 8)
        left = [c for c in codes if unused[c]]
        home = rng.choice(left) if left else rng.choice(codes)
        chosen: set[int] = set()
        while unused[home] and len(chosen) < max(1, size // 2):
            chosen.add(unused[home].pop())
        while len(chosen) < size:
            pool = members[home] if rng.random() < home_share else range(orgs)
            chosen.add(rng.choices(pool, weights=[weights[i] for i in pool])[0])
        for i in chosen:
            weights[i] += 1.0
        title = f"SYNTH-{p:04d}"
        entities = [_entity("p", "Project", title)]
        relations = []
        for n, i in enumerate(sorted(chosen)):
            entities.append(_entity(f"o{n}", "Organisation", names[i], country=country[i]))
            relations.append(
                RelationFact(
                    type="PARTICIPATES_IN",
                    source=f"o{n}",
                    target="p",
                    evidence=f"{names[i]} is a partner of {title}.",
                    confidence=0.9,
                )
            )
        source = f"bench://viz/{title}"
        docs.append(
            DocumentFacts(
                doc=title,
                source=source,
                content_hash=hashlib.sha256(source.encode()).hexdigest(),
                lang="en",
                entities=entities,
                relations=relations,
            )
        )
    return docs


def build_store(folder: Path, orgs: int, projects: int, countries: int = 12) -> EmbeddedStore:
    """An embedded store holding the synthetic graph."""
    store = EmbeddedStore(folder)
    docs = synthetic_documents(orgs, projects, countries=countries)
    for start in range(0, len(docs), 500):
        store.upsert_documents(docs[start : start + 500])
    return store


def _render(browser: Any, url: str, limit: float) -> dict[str, Any]:
    """Open ``url`` in a fresh context; seconds to the stable render, node count."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(url, timeout=limit * 1000)
        page.wait_for_function("window.innographReady === true", timeout=limit * 1000)
        timing = page.evaluate(
            """() => ({ready: window.innographReadyAt,
                      response: performance.getEntriesByType('navigation')[0].responseEnd,
                      nodes: window.innographNetwork.body.data.nodes.length})"""
        )
        return {
            "seconds": round(timing["ready"] / 1000, 3),
            "server_seconds": round(timing["response"] / 1000, 3),
            "nodes": timing["nodes"],
            "finished": True,
        }
    except Exception as err:  # a time-out: say so rather than report a number
        return {"seconds": None, "finished": False, "error": str(err).splitlines()[0]}
    finally:
        context.close()


@contextmanager
def _served(store_dir: Path, port: int) -> Iterator[str]:
    """`innograph serve` on the store, on a loopback port; stopped on exit."""
    command = [sys.executable, "-m", "innograph", "serve", "--store", str(store_dir)]
    env = {k: v for k, v in os.environ.items() if k != "INNOGRAPH_NEO4J_URI"}
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("innograph serve did not start")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=2000)
    parser.add_argument("--projects", type=int, default=900)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=BROWSER_LIMIT_SECONDS)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from innograph.testing.serving import free_port, launch_chromium

    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        build_store(Path(tmp) / "store", args.orgs, args.projects).close()
        built = time.monotonic() - started
        runs: dict[str, list[dict[str, Any]]] = {"server": [], "browser": []}
        # The app in its own process, as `innograph serve` runs it: the browser driver in
        # this process then takes no interpreter time from the server.
        with _served(Path(tmp) / "store", free_port()) as base, sync_playwright() as pw:
            browser = launch_chromium(pw)
            # One warm-up load: builds the analytics index and caches, for both modes.
            _render(browser, f"{base}/map?cap=10", args.limit)
            for _ in range(args.rounds):
                for mode in ("server", "browser"):
                    url = f"{base}/map?cap={args.orgs}&layout={mode}"
                    runs[mode].append(_render(browser, url, args.limit))
                    print(mode, runs[mode][-1])
            browser.close()

    def best(mode: str) -> dict[str, Any] | None:
        done = [r for r in runs[mode] if r["finished"]]
        return min(done, key=lambda r: r["seconds"]) if done else None

    server, baseline = best("server"), best("browser")
    result = {
        "benchmark": "collaboration map, time to first stable render (headless Chromium)",
        "organisations": args.orgs,
        "projects": args.projects,
        "store_build_seconds": round(built, 1),
        "precomputed_layout": server,
        "browser_physics_baseline": baseline,
        "browser_physics_limit_seconds": args.limit,
        "speedup": round(baseline["seconds"] / server["seconds"], 1)
        if server and baseline
        else None,
        "target_seconds": 2.0,
        "runs": runs,
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=2))


if __name__ == "__main__":
    main()
