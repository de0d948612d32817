"""The command line: --version, --help on every command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from innograph import __version__
from innograph.cli.main import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"innograph {__version__}"


@pytest.mark.parametrize(
    "command", ["extract", "ingest", "import", "serve", "export", "neo4j", "stats", "remove"]
)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
