"""``innograph serve`` for real: a uvicorn process answering on a free port, and a
one-line error when the port is taken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


def test_serve_refuses_a_bad_base_iri_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [INNOGRAPH, "serve", "--store", empty_store(tmp_path), "--port", str(free_port())]
        + ["--base-iri", "ftp://data.example"],
        env=embedded_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "innograph: error: base IRI must start with http:// or https://, got 'ftp://data.example'"
    ]


def test_the_base_iri_is_configured_or_derived_once(capsys: pytest.CaptureFixture[str]) -> None:
    from innograph.cli.serve_cmd import _base_iri

    assert _base_iri("https://data.example/", "127.0.0.1", 8000) == "https://data.example"
    assert capsys.readouterr().err == ""
    assert _base_iri(None, "127.0.0.1", 8123) == "http://127.0.0.1:8123"
    err = capsys.readouterr().err
    assert "base IRI http://127.0.0.1:8123" in err and "loopback" in err
    assert _base_iri(None, "192.0.2.7", 80) == "http://192.0.2.7:80"
    assert "warning" not in capsys.readouterr().err


@contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[int]:
    """``innograph serve`` with ``args`` on a free port, answering; yields the port."""
    port = free_port()
    server = subprocess.Popen(
        [INNOGRAPH, "serve", "--store", empty_store(tmp_path), "--port", str(port), *args],
        env=embedded_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                httpx.get(f"http://127.0.0.1:{port}/version", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.communicate(timeout=30)


@pytest.mark.slow
def test_serve_cuts_off_a_client_that_never_finishes_its_headers(tmp_path: Path) -> None:
    with serving(tmp_path, "--header-timeout", "1") as port:
        with socket.create_connection(("127.0.0.1", port)) as slow:
            # A request line and one header, then nothing: the head never ends.
            slow.sendall(b"GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.settimeout(60)  # only so that a server that never closes fails the test
            assert slow.recv(1024) == b"", "the server answered or kept waiting"
        # A client that sends its request whole is still served.
        assert httpx.get(f"http://127.0.0.1:{port}/version", timeout=5).status_code == 200


@pytest.mark.slow
def test_serve_refuses_a_request_head_over_its_cap(tmp_path: Path) -> None:
    from innograph.cli.http_limits import MAX_HEAD_BYTES

    # A header timeout far longer than the wait below: only the cap can end this.
    with serving(tmp_path, "--header-timeout", "600") as port:
        with socket.create_connection(("127.0.0.1", port)) as greedy:
            greedy.settimeout(60)
            head = b"GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            head += b"X-Pad: " + b"a" * (MAX_HEAD_BYTES * 2) + b"\r\n"  # and no end
            try:
                greedy.sendall(head)
                answer = greedy.recv(1024)
            except ConnectionResetError:
                answer = b""
            assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), answer
        padded = {"X-Pad": "a" * 1000}  # an ordinary head is still served
        assert httpx.get(f"http://127.0.0.1:{port}/version", headers=padded).status_code == 200
