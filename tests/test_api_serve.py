"""``innograph serve`` for real: a uvicorn process answering on a free port, and a
one-line error when the port is taken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from innograph.graph.embedded.store import EmbeddedStore

INNOGRAPH = str(Path(sys.executable).with_name("innograph"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def embedded_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("INNOGRAPH_NEO4J")}


def empty_store(tmp_path: Path) -> str:
    """An existing, empty embedded store (serve refuses a folder that holds none)."""
    EmbeddedStore(tmp_path / "store").close()
    return str(tmp_path / "store")


@pytest.mark.slow
def test_serve_answers_over_http(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [INNOGRAPH, "serve", "--store", empty_store(tmp_path), "--port", str(port)],
        env=embedded_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200, server.stderr
        assert health.json()["store"] == "EmbeddedStore"
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").json()["info"]["title"]
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in out


def test_serve_on_a_taken_port_fails_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [INNOGRAPH, "serve", "--store", empty_store(tmp_path), "--port", str(port)],
            env=embedded_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"innograph: error: cannot listen on 127.0.0.1:{port}: the port is in use"
    ]


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = subprocess.run(
        [INNOGRAPH, "serve", "--store", str(tmp_path / "nothing"), "--port", str(free_port())],
        env=embedded_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"innograph: error: store {tmp_path}")
    assert not (tmp_path / "nothing").exists()  # no empty store made on the spot


def test_serve_takes_the_fast_event_loop_and_http_parser() -> None:
    # httptools and uvloop are dependencies (as in uvicorn[standard]): serve's "auto"
    # must find them, or every request pays the pure-Python parser and loop again.
    import uvicorn

    from innograph.cli.serve_cmd import UVICORN_SPEED

    async def app(scope: object, receive: object, send: object) -> None:
        """Nothing: the configuration is what is looked at."""

    config = uvicorn.Config(app, **UVICORN_SPEED)  # type: ignore[arg-type]
    config.load()
    assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()
