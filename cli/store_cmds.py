"""``innograph stats``, ``remove`` and ``neo4j``: looking after the graph store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innograph.cli.common import StoreOption, existing_store_settings, fail, settings_from
from innograph.graph.errors import GraphError
from innograph.graph.factory import open_store
from innograph.graph.store import GraphStore

if TYPE_CHECKING:  # imported where it is used
    from innograph.graph.neo4j.store import Neo4jStore

neo4j_app = typer.Typer(
    help="Neo4j helpers: create constraints and indexes, check the connection.",
    no_args_is_help=True,
)


def _neo4j_store(ensure_schema: bool) -> Neo4jStore:
    """The Neo4j store the environment names; a one-line error when none is or it is down."""
    from innograph.graph.neo4j.store import Neo4jStore

    settings = settings_from(None)
    if not settings.uses_neo4j:
        fail(
            "INNOGRAPH_NEO4J_URI is not set: name a Neo4j server "
            '(for a local one: eval "$(scripts/neo4j-server start)")'
        )
    try:
        return Neo4jStore(
            settings.neo4j_uri or "",
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            ensure_schema=ensure_schema,
        )
    except GraphError as err:
        fail(str(err))


@neo4j_app.command("init")
def neo4j_init() -> None:
    """Create innograph's uniqueness constraints and indexes in Neo4j."""
    graph = _neo4j_store(ensure_schema=False)
    try:
        created = graph.init_schema()
    except GraphError as err:
        fail(str(err))
    finally:
        graph.close()
    if created:
        typer.echo(f"created in {graph.uri}: {', '.join(created)}")
    else:
        typer.echo(f"constraints and indexes already in place in {graph.uri}")


@neo4j_app.command("reset")
def neo4j_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False,
) -> None:
    """Delete every document, entity and relationship in Neo4j (keeps the schema)."""
    if not yes:
        fail("neo4j reset deletes the whole graph: repeat with --yes to do it")
    graph = _neo4j_store(ensure_schema=True)
    try:
        graph.wipe()
    except GraphError as err:
        fail(str(err))
    finally:
        graph.close()
    typer.echo(f"deleted every document, entity and relationship in {graph.uri}")


@contextmanager
def _opened(store_dir: Path | None) -> Iterator[GraphStore]:
    """The configured store, which must exist, closed afterwards; a one-line error if it
    cannot be opened."""
    try:
        graph = open_store(existing_store_settings(store_dir))
    except GraphError as err:
        fail(str(err))
    try:
        yield graph
    except GraphError as err:
        fail(str(err))
    finally:
        graph.close()


def stats(
    store: StoreOption = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Counts of nodes by type, relationships by type, and documents.

    Exit status: 0 done, 1 the store failed, 2 the --store folder holds no store.
    """
    with _opened(store) as graph:
        counts = graph.stats()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "documents": counts.documents,
                    "nodes": counts.nodes,
                    "relationships": counts.relationships,
                    "total_nodes": counts.total_nodes,
                    "total_relationships": counts.total_relationships,
                    "last_update": counts.last_update,
                },
                indent=2,
            )
        )
        return
    typer.echo(f"documents      {counts.documents}")
    for title, table, total in (
        ("nodes", counts.nodes, counts.total_nodes),
        ("relationships", counts.relationships, counts.total_relationships),
    ):
        typer.echo(f"{title:<14} {total}")
        for name, count in table.items():
            typer.echo(f"  {name:<20} {count}")
    if counts.last_update:
        typer.echo(f"last update    {counts.last_update}")


def _candidates(source: str) -> list[str]:
    """How a source given on the command line may be stored, most specific first: as
    typed, as an absolute path (stores written before sources were relative), then as
    the name ingest gives it, relative to the folder that was ingested
    (``/srv/data/examples/a.md`` may be stored as ``examples/a.md`` or ``a.md``)."""
    found = [source]
    if "://" not in source and "#" not in source:
        absolute = Path(source).expanduser().resolve()
        parts = absolute.parts[1:]  # without the root "/"
        for name in [str(absolute)] + ["/".join(parts[i:]) for i in range(len(parts))]:
            if name and name not in found:
                found.append(name)
    return found


def remove(
    sources: Annotated[
        list[str],
        typer.Argument(help="Document sources (paths or URLs); a folder removes all below it."),
    ],
    store: StoreOption = None,
) -> None:
    """Retract documents' facts, keeping what other documents still support.

    Exit status: 0 all removed, 1 some source not in the graph or the store failed,
    2 the --store folder holds no store.
    """
    missing: list[str] = []
    with _opened(store) as graph:
        known: list[str] | None = None
        for source in sources:
            # The most specific stored name only: "a.md" may be another folder's file.
            removed = next(([c] for c in _candidates(source) if graph.remove_source(c)), [])
            if not removed and Path(source).is_dir():
                if known is None:
                    known = [d.source for d in graph.documents()]
                for candidate in _candidates(source):
                    prefix = candidate.rstrip("/") + "/"
                    removed = [k for k in known if k.startswith(prefix) and graph.remove_source(k)]
                    if removed:
                        break
            for done in removed:
                typer.echo(f"removed {done}")
            if not removed:
                missing.append(source)
    if missing:
        fail(f"not in the graph: {', '.join(missing)} (see the sources with: innograph stats)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(stats)
    app.command()(remove)
    app.add_typer(neo4j_app, name="neo4j")
