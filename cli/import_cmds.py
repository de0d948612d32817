"""``innograph import ...``: structured sources (CORDIS, ESIF, EFRO lists, RDF) -> graph."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innograph.cli.common import StoreOption, fail, settings_from

if TYPE_CHECKING:
    from innograph.ingest.importers.common import ImportReport, NameResolver
    from innograph.ontology.facts import DocumentFacts

EXIT_STATUS = (
    "Exit status: 0 rows imported (skipped rows and warnings are counted on stderr), 1 no "
    "valid row in the file, an unreadable file or a store failure, 2 usage error (a file "
    "that does not exist, no file given)."
)
import_app = typer.Typer(
    help=f"Import structured sources into the graph.\n\n{EXIT_STATUS}", no_args_is_help=True
)


FileArgument = Annotated[Path, typer.Argument(help="The CSV file (.csv or .csv.gz).")]
BulkOption = Annotated[
    bool,
    typer.Option(
        "--bulk",
        help="Into an empty graph only, the fastest way (Neo4j: CREATE only, two sessions; "
        "about twice the speed); refused when the graph holds data.",
    ),
]


@import_app.command("cordis", epilog=EXIT_STATUS)
def import_cordis(
    projects: Annotated[
        Path | None, typer.Option("--projects", help="CORDIS projects CSV (, or ; separated).")
    ] = None,
    participants: Annotated[
        Path | None,
        typer.Option("--participants", help="CORDIS participants (organizations) CSV."),
    ] = None,
    programme: Annotated[
        str,
        typer.Option(help="Framework programme when the file has no frameworkProgramme."),
    ] = "H2020",
    store: StoreOption = None,
    bulk: BulkOption = False,
) -> None:
    """Import a CORDIS projects + participants export (ECSEL, H2020, Horizon Europe).

    Coordinators LEAD their projects, other participants PARTICIPATE_IN them, with their EC
    contribution; projects are FUNDED_BY the framework programme (ecMaxContribution).
    """
    from innograph.ingest.importers.cordis import iter_participants, iter_projects

    if projects is None and participants is None:
        fail("give --projects FILE, --participants FILE or both", code=2)
    files = [f for f in (projects, participants) if f is not None]
    _check_files(files)

    def documents(names: NameResolver, report: ImportReport) -> Iterator[DocumentFacts]:
        if projects is not None:
            yield from iter_projects(projects, report, names, programme=programme)
        if participants is not None:
            yield from iter_participants(participants, report, names)

    _import(documents, store, " + ".join(f.name for f in files), bulk=bulk)


@import_app.command("esif", epilog=EXIT_STATUS)
def import_esif(file: FileArgument, store: StoreOption = None, bulk: BulkOption = False) -> None:
    """Import the ESIF beneficiary list (beneficiary LEADS operation, FUNDED_BY programme)."""
    from innograph.ingest.importers.esif import iter_esif

    _check_files([file])
    _import(lambda names, report: iter_esif(file, report, names), store, file.name, bulk=bulk)


@import_app.command("efro-nl", epilog=EXIT_STATUS)
def import_efro_nl(file: FileArgument, store: StoreOption = None, bulk: BulkOption = False) -> None:
    """Import the Dutch EFRO/ESF project list (Dutch columns)."""
    from innograph.ingest.importers.efro_nl import iter_efro_nl

    _check_files([file])
    _import(lambda names, report: iter_efro_nl(file, report, names), store, file.name, bulk=bulk)


@import_app.command("erdf-flanders", epilog=EXIT_STATUS)
def import_erdf_flanders(
    file: FileArgument, store: StoreOption = None, bulk: BulkOption = False
) -> None:
    """Import a Flemish ERDF list (2007-2013 overview or the 2014-2020 call sheet)."""
    from innograph.ingest.importers.erdf_flanders import iter_erdf_flanders

    _check_files([file])
    _import(
        lambda names, report: iter_erdf_flanders(file, report, names), store, file.name, bulk=bulk
    )


@import_app.command("summaries", epilog=EXIT_STATUS)
def import_summaries(
    file: FileArgument,
    column: Annotated[str, typer.Option("--column", help="The column of summary texts.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the text files.")],
    title_column: Annotated[
        str | None, typer.Option("--title-column", help="Column written as the first line.")
    ] = None,
) -> None:
    """Write a file's project summaries as text documents for `innograph ingest OUT`.

    Example: innograph import summaries nl_structural_funds_efro_esf_2007_2016.csv
    --column Samenvatting --title-column "Titel van het project (naam van de concrete
    actie)" --out summaries/ && innograph ingest summaries/ --lang nl
    """
    from innograph.ingest.importers.summaries import UnknownColumn, export_summaries

    _check_files([file])
    try:
        report = export_summaries(file, column, out, title_column=title_column)
    except UnknownColumn as err:
        fail(str(err), code=2)
    except OSError as err:
        fail(f"{out}: {err.strerror or err}")
    typer.echo(f"wrote {report.documents} summaries of {report.rows} rows to {out}")
    for line in report.lines():
        typer.echo(line, err=True)
    if report.documents == 0:
        fail(f"{file.name}: {_nothing_imported(report, 0)}")


def _check_files(files: list[Path]) -> None:
    for file in files:
        if not file.is_file():
            fail(f"no such file: {file}", code=2)


def _import(
    documents: Callable[[NameResolver, ImportReport], Iterator[DocumentFacts]],
    store: Path | None,
    label: str,
    *,
    bulk: bool = False,
) -> None:
    """Open the store, resolve against what it holds, write the rows (with the store's
    bulk load when ``bulk``), report."""
    from innograph.graph.errors import GraphError
    from innograph.graph.factory import open_store
    from innograph.ingest.importers.common import ImportReport
    from innograph.service import bulk_write, name_resolver_for, write_all

    try:
        graph = open_store(settings_from(store))
    except GraphError as err:
        fail(str(err))
    report = ImportReport()
    try:
        report.stored = {d.source: d.content_hash for d in graph.documents()}
        names = name_resolver_for(graph)

        def not_written(source: str, why: str) -> None:
            typer.echo(f"not written {source}: {why}", err=True)

        if bulk:
            summary = bulk_write(graph, documents(names, report), on_invalid=not_written)
        else:
            summary = write_all(graph, documents(names, report), on_invalid=not_written)
    except GraphError as err:
        kept = "nothing was written" if bulk else "rows written before this stay"
        fail(f"{label}: {err} ({kept})")
    except (OSError, UnicodeError, csv.Error) as err:
        fail(f"{label}: cannot read: {err}")
    finally:
        graph.close()
    typer.echo(summary.line(report))
    for line in report.lines():
        typer.echo(line, err=True)
    for example in report.examples[:5]:
        typer.echo(f"  e.g. {example}", err=True)
    if report.documents - summary.failed + report.unchanged == 0:
        fail(f"{label}: {_nothing_imported(report, summary.failed)}")


def _nothing_imported(report: ImportReport, refused: int) -> str:
    """Why an import took no row, in one line."""
    if report.rows == 0:
        return "no data rows (is it the right file, with a header line?)"
    reasons = ", ".join(f"{n} {why}" for why, n in report.skipped.most_common(3))
    if refused:
        reasons = ", ".join(filter(None, [reasons, f"{refused} refused by the store"]))
    return f"none of the {report.rows} rows could be imported ({reasons})"


@import_app.command("rdf", epilog=EXIT_STATUS)
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
        fail(f"no such file: {file}", code=2)
    try:
        report = read_rdf(file)
    except RdfImportError as err:
        fail(str(err))
    if not report.documents:
        # Refused before the store is opened: nothing is created for a file of no facts.
        fail(f"{file.name}: no entity or relation of the innograph ontology in it")
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
