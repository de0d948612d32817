"""What every command shares: settings from flags and environment, and clean failures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from innograph.config import Settings, load_settings
from innograph.redaction import redact

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Folder of the embedded store (default: $INNOGRAPH_STORE or "
        "~/.local/share/innograph/store). Ignored when INNOGRAPH_NEO4J_URI is set.",
        show_default=False,
    ),
]


def settings_from(store: Path | None = None) -> Settings:
    """Settings from the environment with the --store flag applied."""
    return load_settings(store_dir=store)


def existing_store_settings(store: Path | None = None) -> Settings:
    """Settings for a command that only reads the graph: the embedded store must already
    exist (a folder holding its database), else a one-line error and exit 2, instead of
    an empty store made on the spot. Neo4j (INNOGRAPH_NEO4J_URI) is checked on connect."""
    settings = settings_from(store)
    if not settings.uses_neo4j:
        from innograph.graph.embedded.database import DB_NAME

        folder = settings.store_dir
        if not (folder / DB_NAME).is_file():
            what = "no such folder" if not folder.exists() else "no innograph store in it"
            fail(
                f"store {folder}: {what} (fill one with `innograph ingest` or "
                "`innograph import`, or name it with --store / INNOGRAPH_STORE)",
                code=2,
            )
    return settings


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error to stderr and exit non-zero (never a traceback)."""
    typer.echo(f"innograph: error: {redact(message)}", err=True)
    raise typer.Exit(code)


def not_available(command: str) -> NoReturn:
    """Say plainly that a command is not built yet, and exit 2."""
    typer.echo(f"innograph {command}: not available yet in this version.", err=True)
    raise typer.Exit(2)
