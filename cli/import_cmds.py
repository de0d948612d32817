"""``innograph import ...``: structured sources (CORDIS, ESIF, EFRO lists, RDF) -> graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from innograph.cli.common import StoreOption, fail, not_available, settings_from

import_app = typer.Typer(help="Import structured sources into the graph.", no_args_is_help=True)


@import_app.command("cordis")
def import_cordis() -> None:
    """Import a CORDIS projects + participants export."""
    not_available("import cordis")


@import_app.command("rdf")
def import_rdf(
    file: Annotated[
        Path,
        typer.Argument(help="RDF following the innograph ontology (.ttl .nt .rdf .jsonld[.gz])."),
    ],
    store: StoreOption = None,
) -> None:
    """Import RDF that follows the innograph ontology (e.g. an `innograph export` dump).

    Facts are grouped per ig:Document and relations read from their reified statements,
    so export -> import -> export gives the same graph.
    """
    # Imported here so `innograph --help` does not load rdflib and the store.
    from innograph.graph.errors import GraphError
    from innograph.graph.factory import open_store
    from innograph.ingest.rdf_import import RdfImportError, read_rdf

    if not file.is_file():
        fail(f"no such file: {file}")
    try:
        report = read_rdf(file)
    except RdfImportError as err:
        fail(str(err))
    try:
        graph = open_store(settings_from(store))
    except GraphError as err:
        fail(str(err))
    try:
        results = graph.upsert_documents(report.documents)
    except GraphError as err:
        fail(f"{file.name}: {err}")
    finally:
        graph.close()
    changed = sum(1 for r in results if r.status != "unchanged")
    typer.echo(
        f"imported {report.entities} entities and {report.statements} relation statements "
        f"from {len(report.documents)} documents ({changed} new or changed)"
    )
    if report.unsupported_relations:
        typer.echo(
            f"{report.unsupported_relations} relations had no rdf:Statement: "
            f"credited to {file.name}",
            err=True,
        )
    for line in report.skipped[:20]:
        typer.echo(f"skipped {line}", err=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(import_app, name="import")
