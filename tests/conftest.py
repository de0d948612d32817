"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from innograph.graph.embedded.store import EmbeddedStore
    from innograph.graph.neo4j.store import Neo4jStore
    from innograph.graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (read-only); INNOGRAPH_SHARED_DIR overrides it.
SHARED = Path(os.environ.get("INNOGRAPH_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (seeds, corpus, gold, data); skips when absent."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared folder at {SHARED}")
        pytest.skip(f"no shared folder at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed documents."""
    return shared_dir / "seeds"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (--dist loadgroup) every test on the one shared Neo4j server runs
    in the same worker, since they wipe its database."""
    for item in items:
        if item.get_closest_marker("neo4j") is not None:
            item.add_marker(pytest.mark.xdist_group("neo4j"))


# scripts/run-tests exports INNOGRAPH_NEO4J_* for the whole run. Taken out of the
# environment here, before any fixture of any scope runs, so that every command a test
# runs uses its own --store; only tests marked ``neo4j`` get the connection back.
NEO4J_ENV = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("INNOGRAPH_NEO4J_")}


@pytest.fixture(autouse=True)
def _neo4j_connection_only_for_neo4j_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Give the Neo4j connection back to tests marked ``neo4j``."""
    if request.node.get_closest_marker("neo4j") is not None:
        for key, value in NEO4J_ENV.items():
            monkeypatch.setenv(key, value)


# -- the graph store, on both backends (tests/test_store_contract.py) ----------------------

STORE_BACKENDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param("neo4j", id="neo4j", marks=[pytest.mark.neo4j, pytest.mark.xdist_group("neo4j")]),
]


@pytest.fixture(scope="session")
def neo4j_store_session() -> Iterator[Neo4jStore]:
    """One Neo4jStore for the session, on the server INNOGRAPH_NEO4J_URI names."""
    if not NEO4J_ENV.get("INNOGRAPH_NEO4J_URI"):
        reason = 'INNOGRAPH_NEO4J_URI is unset (run: eval "$(scripts/neo4j-server start)")'
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Neo4j tests: {reason}")
        pytest.skip(reason)
    from innograph.config import load_settings
    from innograph.graph.neo4j.store import Neo4jStore

    neo4j = Neo4jStore.from_settings(
        load_settings(
            neo4j_uri=NEO4J_ENV["INNOGRAPH_NEO4J_URI"],
            neo4j_user=NEO4J_ENV.get("INNOGRAPH_NEO4J_USER"),
            neo4j_password=NEO4J_ENV.get("INNOGRAPH_NEO4J_PASSWORD"),
            neo4j_database=NEO4J_ENV.get("INNOGRAPH_NEO4J_DATABASE"),
        )
    )
    yield neo4j
    neo4j.close()


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty graph store: a fresh embedded one, or the Neo4j one wiped."""
    if request.param == "embedded":
        from innograph.graph.embedded.store import EmbeddedStore

        embedded = EmbeddedStore(tmp_path / "store")
        yield embedded
        embedded.close()
    else:
        neo4j = request.getfixturevalue("neo4j_store_session")
        neo4j.wipe()
        yield neo4j


# -- the seeds, ingested through the real `innograph ingest` (API, viz and LOD tests) ------


@pytest.fixture(scope="session")
def seeds_store_dir(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of an embedded store holding the seeds, written by `innograph ingest`."""
    from typer.testing import CliRunner

    from innograph.cli.main import app

    folder = tmp_path_factory.mktemp("seeds-store") / "store"
    # Always the embedded store, even when the environment names a Neo4j server.
    result = CliRunner().invoke(
        app, ["ingest", str(seeds_dir), "--store", str(folder)], env={"INNOGRAPH_NEO4J_URI": None}
    )
    if result.exit_code != 0:
        pytest.fail(f"ingesting the seeds failed ({result.exit_code}): {result.output}")
    return folder


@pytest.fixture(scope="session")
def seeds_store(seeds_store_dir: Path) -> Iterator[EmbeddedStore]:
    """An EmbeddedStore with the seeds ingested; shared by the session: read it, never
    write to it (copy ``seeds_store_dir`` for a store to change)."""
    from innograph.graph.embedded.store import EmbeddedStore

    store = EmbeddedStore(seeds_store_dir)
    yield store
    store.close()
