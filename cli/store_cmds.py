"""``innograph stats``, ``remove`` and ``neo4j``: looking after the graph store."""

from __future__ import annotations

from typing import Annotated

import typer
from innograph.cli.common import StoreOption, not_available

neo4j_app = typer.Typer(
    help="Neo4j helpers: create constraints and indexes, check the connection.",
    no_args_is_help=True,
)


@neo4j_app.command("init")
def neo4j_init() -> None:
    """Create innograph's uniqueness constraints and indexes in Neo4j."""
    not_available("neo4j init")


def stats(
    store: StoreOption = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Counts of nodes by type, relationships by type, and documents."""
    not_available("stats")


def remove(
    sources: Annotated[list[str], typer.Argument(help="Document sources (paths or URLs).")],
    store: StoreOption = None,
) -> None:
    """Retract documents' facts, keeping what other documents still support."""
    not_available("remove")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(stats)
    app.command()(remove)
    app.add_typer(neo4j_app, name="neo4j")
