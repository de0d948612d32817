"""The ``innograph`` command line: one sub-module per group of commands."""

from __future__ import annotations

from typing import Annotated

import typer

from innograph import __version__

app = typer.Typer(
    name="innograph",
    help="A knowledge graph of the regional innovation ecosystem: extract facts from "
    "documents, import EU project data, store them in Neo4j or the embedded store, and "
    "serve them as an API, linked open data and network views.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"innograph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """innograph: documents and EU project data in; a knowledge graph, API and views out."""


def _register() -> None:
    # Each module adds its commands to ``app``; importing them here keeps main.py small.
    from innograph.cli import export_cmds, import_cmds, ingest_cmds, serve_cmd, store_cmds

    for module in (ingest_cmds, store_cmds, import_cmds, serve_cmd, export_cmds):
        module.register(app)


_register()
