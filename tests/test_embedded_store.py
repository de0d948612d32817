"""What only the embedded store has to prove: durability, crash safety, several processes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from innograph.config import load_settings
from innograph.graph.embedded.database import DB_NAME
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import StoreUnavailable
from innograph.graph.factory import open_store
from innograph.ontology.facts import DocumentFacts
from innograph.tests.builders import make_facts

TESTS = Path(__file__).resolve().parent

# A child process that writes ``n`` batches of documents; doc i has ENTITIES entities and
# ENTITIES - 1 relations, so a complete document is easy to recognise afterwards.
WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from innograph.tests.builders import make_facts
    from innograph.graph.embedded.store import EmbeddedStore

    store = EmbeddedStore({path!r})
    for b in range({batches}):
        batch = []
        for d in range({per_batch}):
            i = b * {per_batch} + d
            ents = [("p", "Project", f"Crash Project {{i}}")] + [
                (f"o{{j}}", "Organisation", f"Crash Org {{i}} {{j}}") for j in range({ents} - 1)
            ]
            rels = [("PARTICIPATES_IN", f"o{{j}}", "p") for j in range({ents} - 1)]
            batch.append(make_facts(f"mem://crash/{{i}}", ents, rels))
        results = store.upsert_documents(batch)
        print(b, ",".join(r.status for r in results), flush=True)
    """
)
ENTITIES = 12


def writer_script(path: Path, batches: int, per_batch: int) -> str:
    return WRITER.format(
        tests=str(TESTS), path=str(path), batches=batches, per_batch=per_batch, ents=ENTITIES
    )


def run_python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def doc(i: int, *, extra: str = "") -> DocumentFacts:
    return make_facts(
        f"mem://docs/{i}",
        [
            ("o", "Organisation", f"Org {i % 7}", {"country": ["BE", "NL", "FR"][i % 3]}),
            ("p", "Project", f"Project {i % 5}{extra}"),
            ("q", "Organisation", f"Org {(i + 3) % 7}"),
        ],
        [("LEADS", "o", "p"), ("PARTICIPATES_IN", "q", "p"), ("COLLABORATES_WITH", "q", "o")],
    )


def snapshot(
    store: EmbeddedStore,
) -> tuple[list[object], list[object], list[tuple[str, str]]]:
    docs = [(d.source, d.content_hash) for d in store.documents()]
    return list(store.iter_nodes()), list(store.iter_edges()), docs


def test_graph_survives_reopening(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.upsert_documents([doc(i) for i in range(20)])
        before = snapshot(store)
        stats = store.stats()
    with EmbeddedStore(tmp_path) as again:
        assert snapshot(again) == before
        assert again.stats() == stats
        assert again.upsert_document(doc(3)).status == "unchanged"


def test_incremental_updates_equal_a_fresh_load(tmp_path: Path) -> None:
    """Patching the in-memory graph after each write gives what a full reload gives."""
    rng = random.Random(4)
    with EmbeddedStore(tmp_path / "live") as live:
        for _ in range(150):
            i = rng.randrange(30)
            action = rng.random()
            if action < 0.2:
                live.remove_source(f"mem://docs/{i}")
            else:
                live.upsert_document(doc(i, extra="" if action < 0.6 else " bis"))
            if rng.random() < 0.2:
                live.stats()  # interleave reads, so patches happen in between writes
        with EmbeddedStore(tmp_path / "live") as reopened:
            assert snapshot(reopened) == snapshot(live)
            assert reopened.stats().nodes == live.stats().nodes
        # stats() counts from the rows; the in-memory graph must agree with them.
        stats = live.stats()
        assert stats.nodes == dict(sorted(Counter(n.type for n in live.iter_nodes()).items()))
        assert stats.relationships == dict(
            sorted(Counter(e.type for e in live.iter_edges()).items())
        )
        assert stats.documents == len(live.documents())


def test_an_open_store_sees_another_process_write(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.upsert_document(doc(1))
        version = store.version()
        child = run_python(writer_script(tmp_path, batches=1, per_batch=2))
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert store.version() != version
        assert store.stats().documents == 3
        assert store.get_node("project-crash-project-1") is not None
        assert store.search("crash project 0")[0].name == "Crash Project 0"


def test_same_document_from_two_processes_gives_one_result(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).close()
    children = [run_python(writer_script(tmp_path, batches=3, per_batch=4)) for _ in range(2)]
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(out)
    statuses = [
        s for out in outputs for line in out.splitlines() for s in line.split(" ")[1].split(",")
    ]
    assert sorted(set(statuses)) == ["created", "unchanged"]
    assert statuses.count("created") == 12 and statuses.count("unchanged") == 12
    with EmbeddedStore(tmp_path) as store:
        stats = store.stats()
        assert stats.documents == 12
        assert stats.nodes == {"Organisation": 12 * (ENTITIES - 1), "Project": 12}
        assert stats.relationships == {"PARTICIPATES_IN": 12 * (ENTITIES - 1)}
        assert all(len(e.provenance) == 1 for e in store.iter_edges())


@pytest.mark.slow
def test_kill_9_mid_ingest_loses_nothing_committed_and_leaves_nothing_half(tmp_path: Path) -> None:
    per_batch = 50
    child = run_python(writer_script(tmp_path, batches=400, per_batch=per_batch))
    assert child.stdout is not None
    committed = -1
    for line in child.stdout:
        committed = int(line.split()[0])
        if committed >= 5:
            break
    time.sleep(0.05)  # somewhere inside a later batch's transaction
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    with EmbeddedStore(tmp_path) as store:
        documents = store.documents()
        count = len(documents)
        # Every batch reported committed is there; batches are all or nothing.
        assert count >= (committed + 1) * per_batch
        assert count % per_batch == 0 and count < 400 * per_batch
        stats = store.stats()
        assert stats.nodes == {"Organisation": count * (ENTITIES - 1), "Project": count}
        assert stats.relationships == {"PARTICIPATES_IN": count * (ENTITIES - 1)}
        numbers = sorted(int(d.source.rsplit("/", 1)[1]) for d in documents)
        assert numbers == list(range(count))
        # The store goes on working after the crash.
        assert store.upsert_document(doc(1)).status == "created"


def test_threads_writing_and_reading_together(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    with EmbeddedStore(tmp_path) as store:

        def write(start: int) -> None:
            try:
                for i in range(start, start + 25):
                    store.upsert_document(doc(i))
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)

        def read() -> None:
            try:
                for _ in range(50):
                    store.search("org")
                    store.stats()
                    list(store.iter_edges())
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)

        threads = [threading.Thread(target=write, args=(s,)) for s in (0, 25, 50)]
        threads += [threading.Thread(target=read) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert store.stats().documents == 75
        with EmbeddedStore(tmp_path) as again:
            assert snapshot(again) == snapshot(store)


def test_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="cannot open the embedded store"):
        EmbeddedStore(blocker)
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnavailable, match=str(corrupt)):
        EmbeddedStore(corrupt)


def test_open_store_gives_the_embedded_store_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INNOGRAPH_NEO4J_URI", raising=False)
    store = open_store(load_settings(store_dir=tmp_path / "s"))
    try:
        assert isinstance(store, EmbeddedStore)
        assert store.path == tmp_path / "s"
    finally:
        store.close()


def test_open_store_gives_neo4j_when_configured_and_names_a_dead_uri(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="bolt://127.0.0.1:1"):
        open_store(load_settings(neo4j_uri="bolt://127.0.0.1:1", store_dir=tmp_path))
    assert not (tmp_path / DB_NAME).exists()  # the embedded store was not touched


@pytest.mark.neo4j
def test_open_store_gives_the_configured_neo4j(neo4j_store_session: object) -> None:
    from innograph.graph.neo4j.store import Neo4jStore

    store = open_store(load_settings())
    try:
        assert isinstance(store, Neo4jStore)
    finally:
        store.close()


def test_store_files_stay_in_the_folder(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        store.upsert_document(doc(0))
    assert {p.name for p in (tmp_path / "s").iterdir()} <= {
        DB_NAME,
        DB_NAME + "-wal",
        DB_NAME + "-shm",
    }
    assert os.listdir(tmp_path) == ["s"]


def test_a_closed_store_fails_with_store_unavailable(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.upsert_document(doc(0))
    store.close()
    for call in (
        store.documents,
        store.merges,
        store.stats,
        store.version,
        lambda: store.get_entity("org-org-0"),
        lambda: store.upsert_document(doc(1)),
        lambda: store.remove_source("mem://docs/0"),
    ):
        with pytest.raises(StoreUnavailable, match=str(tmp_path)):
            call()


def test_an_open_store_catches_up_without_rebuilding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's small write is patched in from the change log, not rebuilt."""
    with EmbeddedStore(tmp_path) as reader, EmbeddedStore(tmp_path) as writer:
        writer.upsert_documents([doc(i) for i in range(10)])
        assert reader.get_node("org-org-1") is not None  # builds the reader's graph

        def no_rebuild() -> None:
            raise AssertionError("rebuilt the whole graph")

        monkeypatch.setattr(reader, "_reload", no_rebuild)
        writer.upsert_document(doc(3, extra=" bis"))
        writer.remove_source("mem://docs/4")
        assert reader.get_node("project-project-3-bis") is not None
        with EmbeddedStore(tmp_path) as fresh:
            assert snapshot(reader) == snapshot(fresh)


def test_a_reader_far_behind_or_after_a_wipe_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import innograph.graph.embedded.database as database

    monkeypatch.setattr(database, "_CHANGES_KEPT", 3)
    with EmbeddedStore(tmp_path) as reader, EmbeddedStore(tmp_path) as writer:
        writer.upsert_document(doc(0))
        assert reader.get_node("org-org-0") is not None
        for i in range(1, 8):  # more versions than the log keeps
            writer.upsert_document(doc(i))
        with EmbeddedStore(tmp_path) as fresh:
            assert snapshot(reader) == snapshot(fresh)
        writer.wipe()
        assert list(reader.iter_nodes()) == [] and reader.stats().documents == 0
