"""``innograph export``: the graph as RDF, GraphML, GEXF or neo4j-admin CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from innograph.cli.common import StoreOption, existing_store_settings, fail
from innograph.graph.errors import GraphError
from innograph.graph.exchange.export import export_to_path
from innograph.graph.factory import open_store
from innograph.graph.rdf.describe import ExportOptions, Selection
from innograph.graph.rdf.iris import normalise_base
from innograph.ontology.terms import ontology


class ExportFormat(StrEnum):
    """The formats ``innograph export`` writes."""

    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    rdfxml = "rdfxml"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


def export(
    out: Annotated[
        Path, typer.Argument(help="Output file (for csv: a folder of neo4j-admin files).")
    ],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExportFormat.ttl
    ),
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only entities of this type (repeatable), e.g. Project."),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(help="Only this funding programme (canonical id), its projects and partners."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="Only this region (canonical id), what is located there and its projects."
        ),
    ] = None,
    eurio: Annotated[
        bool, typer.Option("--eurio", help="Add the EURIO-qualified form (roles, grants).")
    ] = False,
    compress: Annotated[bool, typer.Option("--gzip", help="gzip the output.")] = False,
    base_iri: Annotated[
        str | None,
        typer.Option("--base-iri", help="Base of the IRIs (default: $INNOGRAPH_BASE_IRI)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph (or a selection of it) to RDF, GraphML, GEXF or neo4j-admin CSV.

    RDF dumps end with their VoID/DCAT description and validate against
    ontology/shapes.ttl. Output is streamed: memory does not grow with the graph.

    Exit status: 0 written, 1 a bad option, the store or the output failed, 2 the
    --store folder holds no store.
    """
    known = ontology().entity_types
    for name in types or []:
        if name not in known:
            fail(f"unknown type {name!r} (known: {', '.join(sorted(known))})")
    settings = existing_store_settings(store)
    try:
        base = normalise_base(base_iri or settings.base_iri)
    except ValueError as err:
        fail(str(err))
    options = ExportOptions(
        base=base,
        selection=Selection(types=tuple(types or ()), programme=programme, region=region),
        eurio=eurio,
    )
    try:
        graph = open_store(settings)
    except GraphError as err:
        fail(str(err))
    try:
        result = export_to_path(
            graph,
            fmt.value,
            out,
            options,
            licence=settings.licence,
            publisher=settings.publisher,
            compress=compress,
        )
    except (GraphError, ValueError) as err:
        fail(str(err))
    except OSError as err:
        fail(f"cannot write {out}: {err.strerror or err}")
    finally:
        graph.close()
    if result.triples is not None:
        typer.echo(f"wrote {result.triples} triples (+ dataset description) to {result.path}")
    elif fmt is ExportFormat.csv:
        typer.echo(f"wrote {result.files} neo4j-admin import files to {result.path}/")
    else:
        typer.echo(f"wrote {fmt.value} to {result.path}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(export)
