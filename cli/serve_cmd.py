"""``innograph serve``: the API and the web views."""

from __future__ import annotations

import typer
from innograph.cli.common import StoreOption, not_available


def serve(store: StoreOption = None) -> None:
    """Serve the API, the linked data and the network views over HTTP."""
    not_available("serve")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(serve)
