"""No local path is published (issue #17): documents ingested from an absolute path are
known by their name relative to what was ingested, in the store and therefore in every
API answer, HTML page, RDF document, dump, SPARQL result and network export."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from innograph.api.app import create_app
from innograph.cli.main import app
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.exchange.export import EXPORT_FORMATS, export_to_path
from innograph.graph.rdf.describe import ExportOptions
from innograph.graph.rdf.iris import document_id
from innograph.viz.routes import router

BASE = "http://paths.test"
# A folder name that must never come out again.
PRIVATE = "private-area-7f3"
TEXTS = {
    "a.txt": "Thomas More University and Acme Robotics lead the project BRIDGE-X in Ghent, "
    "funded by Interreg Vlaanderen-Nederland.",
    "sub/b.md": "# Harbour news\n\nThe Port of Antwerp joins the project BRIDGE-X with "
    "Ghent University.",
}


@pytest.mark.slow
def test_no_absolute_path_in_any_published_answer(tmp_path: Path) -> None:
    corpus = (tmp_path / PRIVATE / "corpus").resolve()
    for name, text in TEXTS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output

    forbidden = (str(tmp_path), PRIVATE)
    texts: dict[str, str] = {}
    with EmbeddedStore(store_dir) as graph:
        sources = {doc.source for doc in graph.documents()}
        assert sources == {"corpus/a.txt", "corpus/sub/b.md"}
        nodes = [node.id for node in graph.iter_nodes()]
        assert nodes, "the extractor found nothing: the test would prove nothing"
        settings = load_settings(store_dir=store_dir, base_iri=BASE)
        with TestClient(create_app(settings, store=graph, routers=[router])) as client:
            urls = ["/api/stats", "/api/search?q=bridge", "/.well-known/void"]
            urls += [f"/dumps/innograph.{ext}" for ext in ("ttl", "nt", "jsonld", "rdf")]
            for node in nodes:
                urls += [f"/api/entities/{node}", f"/entity/{node}", f"/doc/{node}.ttl"]
            for source in sources:
                urls += [f"/doc/{document_id(source)}.ttl", f"/doc/{document_id(source)}.jsonld"]
            urls.append("/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D")
            for url in urls:
                answer = client.get(url)
                assert answer.status_code == 200, (url, answer.text[:200])
                texts[url] = answer.text
        out = tmp_path / "exports"
        for fmt in EXPORT_FORMATS:
            written = export_to_path(
                graph,
                fmt,
                out / f"all.{fmt}",
                ExportOptions(base=BASE, eurio=True),
                licence="https://creativecommons.org/licenses/by/4.0/",
                publisher="tests",
            ).path
            files = sorted(written.iterdir()) if written.is_dir() else [written]
            for file in files:
                texts[str(file.relative_to(out))] = file.read_text(encoding="utf-8")
    assert any("corpus/a.txt" in text for text in texts.values())
    for where, text in texts.items():
        for bad in forbidden:
            assert bad not in text, f"{where} shows {bad!r}"
