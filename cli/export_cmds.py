"""``innograph export``: the graph as RDF, GraphML, GEXF or CSV."""

from __future__ import annotations

import typer
from innograph.cli.common import not_available


def export() -> None:
    """Export the graph (RDF, GraphML, GEXF, neo4j-admin CSV)."""
    not_available("export")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(export)
