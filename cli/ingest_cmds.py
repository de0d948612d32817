"""``innograph extract`` and ``innograph ingest``: documents -> facts -> graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from innograph.cli.common import StoreOption, not_available


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
) -> None:
    """Extract entities and relations; print one contract JSON object per document."""
    not_available("extract")


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
    store: StoreOption = None,
) -> None:
    """Extract facts from documents and write them into the graph store."""
    not_available("ingest")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(extract)
    app.command()(ingest)
