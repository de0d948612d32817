"""``innograph extract`` and ``innograph ingest`` with the real extractor, on files made here.

Every bad input of issue #3 gives one line on stderr and no traceback, while the good
files of the same batch are still extracted; exit codes 0 / 1 / 2 as documented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from typer.testing import CliRunner

from innograph.cli import ingest_cmds
from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import StoreUnavailable
from innograph.tests.builders import make_facts

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_readers import blank_pdf, text_pdf
else:
    from test_readers import blank_pdf, text_pdf

runner = CliRunner()

EN_TEXT = (
    "The Harbour Robotics Lab is based in Liège. It coordinates a pilot project on "
    "autonomous cranes together with a shipping company, funded with € 1.250.000,50."
)
NL_TEXT = (
    "De hogeschool werkt samen met de provincie aan een nieuw project over waterstof.\n"
    "Het project krijgt 2,5 miljoen euro subsidie en loopt van 2024 tot 2027."
)


def good_files(folder: Path) -> list[Path]:
    """One good document of each format."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / "a_note.txt"
    txt.write_text(EN_TEXT, encoding="utf-8")
    md = folder / "b_nieuws.md"
    md.write_text("# Nieuws\n\n" + NL_TEXT, encoding="utf-8")
    html = folder / "c_page.html"
    html.write_text(
        f"<html><body><nav>Menu</nav><main><p>{EN_TEXT}</p></main></body></html>",
        encoding="utf-8",
    )
    word = folder / "d_report.docx"
    document = docx.Document()
    document.add_paragraph(EN_TEXT)
    document.save(str(word))
    pdf = folder / "e_report.pdf"
    pdf.write_bytes(text_pdf(["The Harbour Robotics Lab is based in Ghent."]))
    return [txt, md, html, word, pdf]


def bad_files(folder: Path) -> dict[Path, str]:
    """Each bad input of issue #3, with a word its message must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "f_empty.txt"
    empty.write_bytes(b"")
    binary = folder / "g_binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    huge = folder / "h_huge.txt"
    with huge.open("wb") as fh:  # 50 MB, sparse: made instantly, refused without reading
        fh.truncate(50 * 1024 * 1024)
    latin = folder / "i_invalid.txt"
    latin.write_bytes(bytes(range(0x80, 0x100)) * 8)
    scan = blank_pdf(folder / "j_scan.pdf")
    unknown = folder / "k_sheet.xyz"
    unknown.write_text("not a document format")
    return {
        empty: "empty file",
        binary: "binary file",
        huge: "too large",
        latin: "undecodable",
        scan: "PDF has no text layer (scanned?)",
        unknown: "unsupported file type '.xyz'",
    }


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_extract_good_and_bad_files_in_one_batch(tmp_path: Path) -> None:
    good = good_files(tmp_path / "docs")
    bad = bad_files(tmp_path / "docs")
    # The unknown extension is named explicitly (folders only yield supported files).
    unknown = next(p for p in bad if p.suffix == ".xyz")
    result = runner.invoke(app, ["extract", str(tmp_path / "docs"), str(unknown)])
    assert result.exit_code == 1, result.output
    out = [json.loads(line) for line in lines(result.stdout)]
    assert [d["doc"] for d in out] == [p.name for p in good]
    for document in out:
        assert set(document) >= {"doc", "lang", "entities", "relations"}
        for entity in document["entities"]:
            assert entity["canonical_id"] and entity["type"] and entity["name"]
    assert [d["lang"] for d in out] == ["en", "nl", "en", "en", "en"]
    errors = lines(result.stderr)
    assert len(errors) == len(bad)
    for path, word in bad.items():
        (line,) = [e for e in errors if e.startswith(f"innograph: {path}: ")]
        assert word in line
    assert "Traceback" not in result.output


def test_extract_all_good_exits_zero_and_keeps_unicode(tmp_path: Path) -> None:
    good_files(tmp_path)
    result = runner.invoke(app, ["extract", str(tmp_path / "a_note.txt")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    (line,) = lines(result.stdout)
    assert "Liège" in line and "\\u00e8" not in line  # ensure_ascii=False
    document = json.loads(line)
    assert document["doc"] == "a_note.txt"
    # the name relative to what was given, never the machine's absolute path
    assert document["source"] == "a_note.txt"


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "/no/such/folder"],
        ["extract", "--lang", "xx", "."],
        ["extract", "--workers", "0", "."],
        ["ingest", "/no/such/file.txt"],
    ],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_missing_path_is_named_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert lines(result.stderr) == [f"innograph: error: {missing}: no such file or folder"]


def test_lang_option_forces_the_language(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(EN_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--lang", "nl", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lang"] == "nl"


@pytest.mark.slow
def test_extract_with_two_workers_gives_the_same_output(tmp_path: Path) -> None:
    good_files(tmp_path)
    one = runner.invoke(app, ["extract", str(tmp_path)])
    two = runner.invoke(app, ["extract", "--workers", "2", str(tmp_path)])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


# -- ingest ---------------------------------------------------------------------------------


def test_ingest_writes_reports_and_is_idempotent(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    good = good_files(docs)
    (docs / "z_empty.md").write_bytes(b"")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(docs), "--store", str(store)])
    assert result.exit_code == 1, result.output  # the empty file failed
    assert lines(result.stderr) == [f"innograph: {docs / 'z_empty.md'}: empty file"]
    assert f"ingested {len(good)} documents ({len(good)} created, 0 updated" in result.stdout
    assert "1 failed" in result.stdout
    with EmbeddedStore(store) as graph:
        stats = graph.stats()
        assert stats.documents == len(good)
        assert stats.total_nodes > 0
        assert {d.doc for d in graph.documents()} == {p.name for p in good}

    (docs / "z_empty.md").unlink()
    again = runner.invoke(app, ["ingest", str(docs), "--store", str(store)])
    assert again.exit_code == 0, again.output
    assert f"(0 created, 0 updated, {len(good)} unchanged, 0 failed)" in again.stdout
    with EmbeddedStore(store) as graph:
        assert graph.stats().total_nodes == stats.total_nodes

    (docs / "a_note.txt").write_text(EN_TEXT + " A second pilot follows in 2026.")
    edited = runner.invoke(app, ["ingest", str(docs), "--store", str(store)])
    assert edited.exit_code == 0, edited.output
    assert f"(0 created, 1 updated, {len(good) - 1} unchanged, 0 failed)" in edited.stdout


def test_ingest_resolves_against_entities_already_in_the_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = tmp_path / "a_note.txt"
    path.write_text(EN_TEXT, encoding="utf-8")
    first = runner.invoke(app, ["extract", str(path)])
    entities = json.loads(first.stdout)["entities"]
    assert entities, "the extractor found nothing to resolve"
    target = entities[0]
    # The graph already knows this entity under another id (from a registry, say).
    existing_id = target["canonical_id"].split("-", 1)[0] + "-registry-entry-42"
    with EmbeddedStore(store) as graph:
        graph.upsert_document(
            make_facts(
                "registry.csv#row=1",
                [("r1", target["type"], target["canonical_name"], {"canonical_id": existing_id})],
            )
        )
    result = runner.invoke(app, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(store) as graph:
        detail = graph.get_entity(existing_id)
        assert path.name in {d.source for d in detail.documents}
        assert graph.get_node(target["canonical_id"]) is None


def test_ingest_store_unavailable_is_one_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    good_files(docs)
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["ingest", str(docs), "--store", str(blocker / "store")])
    assert result.exit_code == 1
    (line,) = lines(result.stderr)
    assert line.startswith("innograph: error: cannot open the embedded store")
    assert "Traceback" not in result.output


def test_ingest_store_failing_mid_run_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    good_files(docs)

    def broken(self: EmbeddedStore, batch: object) -> list[object]:
        raise StoreUnavailable("embedded store at X: disk I/O error")

    monkeypatch.setattr(EmbeddedStore, "upsert_documents", broken)
    result = runner.invoke(app, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert lines(result.stderr)[-1] == "innograph: error: embedded store at X: disk I/O error"
    assert "Traceback" not in result.output


def test_invalid_facts_leave_the_valid_documents_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = make_facts("a.txt", [("e1", "Organisation", "Dock Union")])
    bad = make_facts("b.txt", [("e1", "Organisation", "Quay Partners")])
    bad.entities[0].type = "Spaceship"  # not in the ontology
    also_good = make_facts("c.txt", [("e1", "Region", "Scheldt Valley")])
    summary = ingest_cmds.IngestSummary()
    with EmbeddedStore(tmp_path / "store") as graph:
        ingest_cmds._write(
            graph,
            [(Path("a.txt"), good), (Path("b.txt"), bad), (Path("c.txt"), also_good)],
            summary,
        )
        assert {d.source for d in graph.documents()} == {"a.txt", "c.txt"}
    assert summary.statuses["created"] == 2
    assert summary.failed == 1
    (line,) = lines(capsys.readouterr().err)
    assert line.startswith("innograph: b.txt: not written: ") and "Spaceship" in line


def test_seeds_store_fixture_holds_the_seeds(seeds_store: EmbeddedStore, seeds_dir: Path) -> None:
    seeds = sorted(p.name for p in seeds_dir.iterdir() if p.suffix == ".txt")
    assert sorted(d.doc for d in seeds_store.documents()) == seeds
    stats = seeds_store.stats()
    assert stats.nodes.get("Organisation", 0) > 0 and stats.total_relationships > 0


def test_a_folder_without_documents_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_bytes(b"x")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    (line,) = lines(result.stderr)
    assert line.startswith("innograph: error: no documents (") and str(tmp_path) in line
