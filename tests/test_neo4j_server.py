"""scripts/neo4j-server: a second server in a state folder of its own, started from the
cache, answering with its generated password, and stopped without leaving a JVM behind."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-server"

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def run(*args: str, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INNOGRAPH_NEO4J_STATE": str(state)}
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def state(tmp_path: Path) -> Iterator[Path]:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs the Neo4j tests: java is missing")
        pytest.skip("no java here: scripts/neo4j-server cannot run")
    folder = tmp_path / "neo4j-state"
    yield folder
    run("stop", state=folder)  # whatever the test did


def test_start_status_stop(state: Path) -> None:
    assert run("status", state=state).returncode == 3
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "innograph"
    cached = any(cache.glob("neo4j-*/.complete"))
    started = run("start", state=state)
    assert started.returncode == 0, started.stderr
    if cached:  # once fetched, a start downloads nothing
        assert "fetching" not in started.stderr
    exports = dict(re.findall(r"^export (INNOGRAPH_NEO4J_\w+)=(\S+)$", started.stdout, re.M))
    assert set(exports) == {
        "INNOGRAPH_NEO4J_URI",
        "INNOGRAPH_NEO4J_USER",
        "INNOGRAPH_NEO4J_PASSWORD",
    }
    uri = exports["INNOGRAPH_NEO4J_URI"]
    assert re.fullmatch(r"bolt://127\.0\.0\.1:\d+", uri)
    assert len(exports["INNOGRAPH_NEO4J_PASSWORD"]) >= 24
    assert (state / "password").stat().st_mode & 0o077 == 0  # only the owner reads it
    auth = (exports["INNOGRAPH_NEO4J_USER"], exports["INNOGRAPH_NEO4J_PASSWORD"])
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("RETURN 40 + 2 AS answer")
        assert records[0]["answer"] == 42
    status = run("status", state=state)
    assert status.returncode == 0 and uri in status.stdout
    # Starting again reuses the running server.
    again = run("start", state=state)
    assert again.returncode == 0 and f"INNOGRAPH_NEO4J_URI={uri}" in again.stdout
    pid = int((state / "run" / "neo4j.pid").read_text())
    stopped = run("stop", state=state)
    assert stopped.returncode == 0, stopped.stderr
    assert not alive(pid), "the JVM is still running after stop"
    assert run("status", state=state).stdout.strip() == "not running"


def test_bad_command_says_how_to_use_it(state: Path) -> None:
    result = run("restart-everything", state=state)
    assert result.returncode == 2 and "usage: scripts/neo4j-server" in result.stderr
