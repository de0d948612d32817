"""``innograph import ...``: structured sources (CORDIS, ESIF, EFRO lists, RDF) -> graph."""

from __future__ import annotations

import typer
from innograph.cli.common import not_available

import_app = typer.Typer(help="Import structured sources into the graph.", no_args_is_help=True)


@import_app.command("cordis")
def import_cordis() -> None:
    """Import a CORDIS projects + participants export."""
    not_available("import cordis")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(import_app, name="import")
