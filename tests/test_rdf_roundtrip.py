"""export -> import rdf -> export gives an isomorphic graph; the CLI around it."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from rdflib import RDF, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore
from innograph.ingest.rdf_import import RdfImportError, read_rdf
from innograph.ontology.ids import make_canonical_id

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_rdf_sample import sample_store
else:
    from test_rdf_sample import sample_store

PROV = Namespace("http://www.w3.org/ns/prov#")
IG = Namespace("https://w3id.org/innograph/ontology#")
BASE = "http://lod.test"
runner = CliRunner()


def comparable(path: Path) -> rdflib.Graph:
    """The data of a dump, without what depends on when it was loaded: the ingest times of
    documents and the dataset description (last modified)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    fmt = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".jsonld": "json-ld"}[
        Path(path.name.removesuffix(".gz")).suffix
    ]
    graph = rdflib.Graph().parse(data=data, format=fmt)
    graph.remove((None, PROV.generatedAtTime, None))
    for subject in {s for s in graph.subjects() if "/.well-known/void" in str(s)}:
        graph.remove((subject, None, None))
    return graph


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"INNOGRAPH_BASE_IRI": BASE})
    assert result.exit_code == 0, result.output
    return result.output


def explain(a: rdflib.Graph, b: rdflib.Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only before: {sorted(only_a)[:5]}\nonly after: {sorted(only_b)[:5]}"


@pytest.mark.parametrize("ext", ["ttl", "nt", "rdf", "jsonld"])
@pytest.mark.parametrize("eurio", [False, True], ids=["direct", "eurio"])
def test_export_import_export_is_isomorphic(tmp_path: Path, ext: str, eurio: bool) -> None:
    sample_store(tmp_path / "one").close()
    fmt = {"rdf": "rdfxml"}.get(ext, ext)
    flags = ["--eurio"] if eurio else []
    first, second = tmp_path / f"first.{ext}", tmp_path / f"second.{ext}"
    cli("export", "--store", str(tmp_path / "one"), "-f", fmt, str(first), *flags)
    out = cli("import", "rdf", str(first), "--store", str(tmp_path / "two"))
    assert "imported 9 entities" in out
    cli("export", "--store", str(tmp_path / "two"), "-f", fmt, str(second), *flags)
    before, after = comparable(first), comparable(second)
    assert len(before) > 100
    assert isomorphic(before, after), explain(before, after)


def test_round_trip_through_gzip_keeps_the_graph_stats(tmp_path: Path) -> None:
    original = sample_store(tmp_path / "one")
    stats_before = original.stats()
    original.close()
    cli("export", "--store", str(tmp_path / "one"), "-f", "nt", "--gzip", str(tmp_path / "d.nt"))
    cli("import", "rdf", str(tmp_path / "d.nt.gz"), "--store", str(tmp_path / "two"))
    copy = EmbeddedStore(tmp_path / "two")
    stats_after = copy.stats()
    assert stats_after.nodes == stats_before.nodes
    assert stats_after.relationships == stats_before.relationships
    assert stats_after.documents == stats_before.documents
    # The merge comes back as a name minting the same variant IRI (owl:sameAs keeps the
    # IRI, not the spelling).
    merges = {(m.canonical_id, make_canonical_id("Organisation", m.name)) for m in copy.merges()}
    assert merges == {("org-northwind-lab", "org-nw-lab")}
    copy.close()


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    sample_store(tmp_path / "one").close()
    dump = tmp_path / "d.ttl"
    cli("export", "--store", str(tmp_path / "one"), str(dump))
    cli("import", "rdf", str(dump), "--store", str(tmp_path / "two"))
    out = cli("import", "rdf", str(dump), "--store", str(tmp_path / "two"))
    assert "(0 new or changed)" in out


def test_facts_without_documents_are_credited_to_the_file(tmp_path: Path) -> None:
    """Hand-written RDF: a relation with no statement, an entity with no provenance."""
    path = tmp_path / "hand.ttl"
    path.write_text(
        f"""@prefix ig: <{IG}> .
<{BASE}/id/org-acme> a ig:Organisation ; ig:name "Acme" ; ig:leads <{BASE}/id/project-rocket> .
<{BASE}/id/project-rocket> a ig:Project ; ig:name "Rocket" .
<http://other.example/thing> a ig:Project ; ig:name "Not ours" .
""",
        encoding="utf-8",
    )
    report = read_rdf(path)
    assert report.entities == 2 and report.unsupported_relations == 1
    assert any("other.example" in line for line in report.skipped)
    (facts,) = report.documents
    assert facts.source == "hand.ttl"  # the file's name, never its absolute path
    assert [(r.type, r.source, r.target) for r in facts.relations] == [
        ("LEADS", "org-acme", "project-rocket")
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.ttl", "<a> <b> .", "not valid turtle RDF"),
        ("data.csv", "a,b\n", "unknown RDF file type"),
    ],
)
def test_bad_rdf_is_one_clear_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RdfImportError, match=message):
        read_rdf(path)
    result = runner.invoke(app, ["import", "rdf", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_export_cli_errors_are_one_line(tmp_path: Path) -> None:
    sample_store(tmp_path / "s").close()
    for args, message in (
        (["--type", "Nope"], "unknown type 'Nope'"),
        (["--programme", "programme-nope"], "no entity with id 'programme-nope'"),
        (["--base-iri", "ftp://x"], "base IRI must start with http"),
    ):
        result = runner.invoke(
            app, ["export", "--store", str(tmp_path / "s"), str(tmp_path / "o.ttl"), *args]
        )
        assert result.exit_code == 1, args
        assert message in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "o.ttl").exists()  # nothing half-written


def test_export_cli_writes_each_format(tmp_path: Path) -> None:
    sample_store(tmp_path / "s").close()
    out = cli(
        "export", "--store", str(tmp_path / "s"), "-f", "graphml", str(tmp_path / "g.graphml")
    )
    assert "wrote graphml" in out and (tmp_path / "g.graphml").stat().st_size > 0
    out = cli("export", "--store", str(tmp_path / "s"), "-f", "csv", str(tmp_path / "csv"))
    assert "neo4j-admin import files" in out
    out = cli("export", "--store", str(tmp_path / "s"), "-f", "ttl", str(tmp_path / "a.ttl"))
    assert "triples" in out
    graph = rdflib.Graph().parse(tmp_path / "a.ttl")
    assert (URIRef(f"{BASE}/id/org-northwind-lab"), RDF.type, IG.Organisation) in graph
