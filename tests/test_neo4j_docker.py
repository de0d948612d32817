"""docker-compose.yml and the Dockerfile, checked without a Docker engine: the compose file
parses, pins the Neo4j 5.26 LTS community image, and hands the API exactly the settings
innograph reads; the Dockerfile serves the real command on the port compose publishes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.config import ENV_PREFIX, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(
        (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    )
    return config


def test_compose_runs_neo4j_lts_community_and_the_api(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"neo4j", "api"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert services["api"]["build"] == "."
    assert services["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    # Published on loopback only: exposing them further is the deployer's choice.
    for service in services.values():
        assert all(str(p).startswith("127.0.0.1:") for p in service["ports"])


def test_compose_wires_the_settings_innograph_reads(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = compose["services"]["api"]["environment"]
    assert env["INNOGRAPH_NEO4J_URI"] == "bolt://neo4j:7687"
    # The API's password is the one Neo4j is started with.
    neo4j_auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert neo4j_auth.split("/", 1)[1] == env["INNOGRAPH_NEO4J_PASSWORD"]
    for name, value in env.items():
        assert name.startswith(ENV_PREFIX)
        monkeypatch.setenv(name, "x" if "${" in str(value) else str(value))
    settings = load_settings()  # every variable is one innograph knows
    assert settings.uses_neo4j and settings.neo4j_uri == "bolt://neo4j:7687"
    assert settings.neo4j_user == "neo4j"


def test_dockerfile_serves_the_api_on_the_published_port(compose: dict[str, Any]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)
    assert cmd is not None
    argv = yaml.safe_load(cmd.group(1))  # a JSON array
    assert argv[:2] == ["innograph", "serve"]
    port = argv[argv.index("--port") + 1]
    assert f"127.0.0.1:{port}:{port}" in compose["services"]["api"]["ports"]
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    # The command and its options exist.
    result = CliRunner().invoke(app, [*argv[1:2], "--help"])
    assert result.exit_code == 0 and "--host" in result.output and "--port" in result.output
    assert re.search(r"^FROM python:3\.1[1-9]", dockerfile, re.M)
    assert "constraints.txt" in dockerfile  # the pinned versions


def test_dockerignore_keeps_local_state_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "var"} <= set(ignored)
