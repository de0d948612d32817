"""The event loop never waits on the store: with the Neo4j JVM paused (SIGSTOP), /version
still answers at once, the store routes answer 503 with Retry-After within their budget,
and once the JVM runs again (SIGCONT) no abandoned call is left in the driver.

The server is one of this test's own (scripts/neo4j-server in a temporary state folder,
a small heap): pausing the shared test server would stall the other Neo4j tests.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import FrameType

import httpx2
import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.api.limits import ID_CHECK_BUDGET_SECONDS, QUERY_BUDGET_SECONDS
from innograph.api.routes.meta import HEALTH_BUDGET_SECONDS
from innograph.config import Settings
from innograph.graph.neo4j.store import Neo4jStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-server"
ALPHA = make_canonical_id("Organisation", "Hang Alpha")
BETA = make_canonical_id("Organisation", "Hang Beta")

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

# /version while the store hangs: the issue asks for under 100 ms, which the median of a
# few calls must meet; every call within half a second, for a loaded CI machine (before
# the fix a call waited as long as the server stayed paused).
VERSION_MEDIAN_S = 0.1
VERSION_BOUND_S = 0.5
# Slack on a route's budget: the 503 itself, the thread hand-offs, a loaded machine.
SLACK_S = 2.0


def _server(state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INNOGRAPH_NEO4J_STATE": str(state), "NEO4J_HEAP": "384m"}
    env.setdefault("VENV", str(Path(sys.executable).parent.parent))
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture
def paused_store(tmp_path: Path) -> Iterator[tuple[Neo4jStore, int]]:
    """A Neo4j store on a server of this test's own, and that server's pid."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs the Neo4j tests: java is missing")
        pytest.skip("no java here: scripts/neo4j-server cannot run")
    state = tmp_path / "neo4j-state"
    try:
        started = _server(state, "start")
        assert started.returncode == 0, started.stderr
        env = dict(re.findall(r"^export (INNOGRAPH_NEO4J_\w+)=(\S+)$", started.stdout, re.M))
        pid = int((state / "run" / "neo4j.pid").read_text())
        store = Neo4jStore(
            env["INNOGRAPH_NEO4J_URI"],
            env["INNOGRAPH_NEO4J_USER"],
            env["INNOGRAPH_NEO4J_PASSWORD"],
        )
        try:
            yield store, pid
        finally:
            store.close()
    finally:
        _server(state, "stop")


def _in_driver() -> list[str]:
    """Threads (other than this one) with a frame inside the neo4j driver."""
    me = threading.get_ident()
    busy = []
    for ident, frame in sys._current_frames().items():
        walk: FrameType | None = frame
        while walk is not None and ident != me:
            if f"{os.sep}neo4j{os.sep}" in walk.f_code.co_filename:
                busy.append(f"{ident}: {walk.f_code.co_name}")
                break
            walk = walk.f_back
    return busy


def _timed_get(client: TestClient, url: str) -> tuple[httpx2.Response, float]:
    start = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - start  # the TestClient answers with httpx2


def test_a_paused_neo4j_never_stalls_the_event_loop(
    paused_store: tuple[Neo4jStore, int],
) -> None:
    store, pid = paused_store
    store.upsert_document(
        make_facts(
            "mem://hang.txt",
            [("a", "Organisation", "Hang Alpha"), ("b", "Organisation", "Hang Beta"),
             ("p", "Project", "Hang Project")],
            [("LEADS", "a", "p"), ("PARTICIPATES_IN", "b", "p")],
        )
    )  # fmt: skip
    app = create_app(Settings(), store=store)
    with TestClient(app) as client, ThreadPoolExecutor(max_workers=4) as pool:
        assert client.get(f"/api/paths?from={ALPHA}&to={BETA}").json()["count"] == 1
        os.kill(pid, signal.SIGSTOP)
        try:
            store_calls: dict[str, Future[tuple[httpx2.Response, float]]] = {
                url: pool.submit(_timed_get, client, url)
                for url in (
                    f"/api/organisations/{ALPHA}/collaborators",
                    f"/api/paths?from={ALPHA}&to={BETA}",
                    f"/api/entities/{ALPHA}",
                    "/health",
                )
            }
            time.sleep(1.0)  # every store call is now waiting on the paused server
            assert not any(f.done() for f in store_calls.values())
            version_times = []
            for _ in range(5):
                response, seconds = _timed_get(client, "/version")
                assert response.status_code == 200
                version_times.append(seconds)
            assert statistics.median(version_times) < VERSION_MEDIAN_S, version_times
            assert max(version_times) < VERSION_BOUND_S, version_times
            budgets = {
                f"/api/organisations/{ALPHA}/collaborators": ID_CHECK_BUDGET_SECONDS,
                f"/api/paths?from={ALPHA}&to={BETA}": QUERY_BUDGET_SECONDS,
                f"/api/entities/{ALPHA}": QUERY_BUDGET_SECONDS,
                "/health": HEALTH_BUDGET_SECONDS,
            }
            for url, future in store_calls.items():
                response, seconds = future.result(timeout=QUERY_BUDGET_SECONDS + 30)
                assert response.status_code == 503, (url, response.text)
                assert response.headers["Retry-After"].isdigit()
                assert "budget" in response.json()["error"]
                assert seconds < budgets[url] + SLACK_S, (url, seconds)
        finally:
            os.kill(pid, signal.SIGCONT)
        # The abandoned calls end once the server answers; none goes on retrying.
        deadline = time.monotonic() + QUERY_BUDGET_SECONDS
        while _in_driver() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _in_driver() == []
        assert client.get("/health").status_code == 200
        assert client.get(f"/api/paths?from={ALPHA}&to={BETA}").json()["count"] == 1
