"""An honest command line (issue #14): an import that takes no row fails, read commands
refuse a store that does not exist, folders are ingested without their README, SOURCES,
LICENSE and CHANGELOG files; each failure one line on stderr with its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.import_helpers import read_rows, run_import, write_rows

runner = CliRunner()


@pytest.fixture(autouse=True)
def _embedded_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INNOGRAPH_NEO4J_URI", raising=False)
    monkeypatch.delenv("INNOGRAPH_STORE", raising=False)


def _one_error_line(stderr: str) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("innograph: error: ")]
    assert len(errors) == 1, stderr
    assert "Traceback" not in stderr
    return errors[0]


def test_an_import_of_no_valid_row_fails_with_the_reason(shared_dir: Path, tmp_path: Path) -> None:
    # The projects file given as the participants file: no row names an organisation.
    data = shared_dir / "data" / "structured"
    header, projects = read_rows(data / "ecsel_h2020_projects.csv", limit=8)
    wrong = write_rows(tmp_path / "projects.csv", header, projects)
    store = tmp_path / "store"
    code, out, err = run_import("cordis", "--participants", str(wrong), "--store", str(store))
    assert code == 1
    assert "imported 0 of 8 rows" in out
    line = _one_error_line(err)
    assert "none of the 8 rows could be imported (8 missing organisation name)" in line
    # The same rows as projects import, and importing them again (all unchanged) is fine.
    code, out, err = run_import("cordis", "--projects", str(wrong), "--store", str(store))
    assert code == 0, err
    code, out, err = run_import("cordis", "--projects", str(wrong), "--store", str(store))
    assert code == 0, err
    assert "8 unchanged" in out


def test_an_import_of_a_header_only_file_fails(tmp_path: Path) -> None:
    empty = tmp_path / "efro.csv"
    empty.write_text("Begunstigde,Titel van het project (naam van de concrete actie)\n")
    code, _, err = run_import("efro-nl", str(empty), "--store", str(tmp_path / "store"))
    assert code == 1
    assert "no data rows" in _one_error_line(err)


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["stats", "--json"],
        ["export", "OUT"],
        ["remove", "some.txt"],
    ],
)
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "no-store"
    argv = [str(tmp_path / a) if a == "OUT" else a for a in args]
    result = runner.invoke(app, [*argv, "--store", str(missing)])
    assert result.exit_code == 2
    line = _one_error_line(result.stderr)
    assert f"store {missing}: no such folder" in line
    assert not missing.exists()  # no empty store made on the spot
    assert not (tmp_path / "OUT").exists()
    # A folder without a store in it is refused the same way, and left as it was.
    missing.mkdir()
    result = runner.invoke(app, [*argv, "--store", str(missing)])
    assert result.exit_code == 2
    assert "no innograph store in it" in _one_error_line(result.stderr)
    assert list(missing.iterdir()) == []


def test_read_commands_take_an_existing_empty_store(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()
    result = runner.invoke(app, ["stats", "--json", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert '"documents": 0' in result.stdout


def test_ingest_skips_readme_sources_licence_and_changelog(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    note = "The Harbour Robotics Lab in Ghent coordinates the Crane Pilot project."
    (docs / "note.txt").write_text(note, encoding="utf-8")
    bookkeeping = ["README.md", "sources.txt", "LICENSE", "sub/ChangeLog.md", "Licence.txt"]
    for name in bookkeeping:
        (docs / name).write_text("The Harbour Robotics Lab, see https://example.org", "utf-8")
    # Not bookkeeping: the name only begins like one.
    (docs / "readme_of_the_lab.txt").write_text(note, encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(docs), "--store", str(store), "--lang", "en"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if "skipped: a README" in line]
    # Named on stderr, each once; "LICENSE" has no extension the reader knows, so the
    # folder walk never offered it.
    assert sorted(Path(line.split(": ")[1]).name for line in skipped) == sorted(
        Path(n).name for n in bookkeeping if n != "LICENSE"
    )
    with EmbeddedStore(store) as graph:
        stored = sorted(Path(d.source).name for d in graph.documents())
    assert stored == ["note.txt", "readme_of_the_lab.txt"]
    # Named on the command line, a README is read (even beside its folder).
    result = runner.invoke(
        app, ["ingest", str(docs), str(docs / "README.md"), "--store", str(store), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if "skipped: a README" in line]
    assert len(skipped) == 3 and not [line for line in skipped if "README.md" in line]
    with EmbeddedStore(store) as graph:
        assert "README.md" in {Path(d.source).name for d in graph.documents()}


def test_a_folder_of_only_bookkeeping_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("About these documents.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "skipped: a README" in result.stderr
    assert "no documents" in _one_error_line(result.stderr)


def test_summaries_decode_entities_and_fail_when_none_is_written(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Titel,Samenvatting,Leeg\n"
        '"Bakker &amp;amp; Zonen","Onderzoek &amp; ontwikkeling, &quot;groen&quot;",\n',
        encoding="utf-8",
    )
    out = tmp_path / "texts"
    code, _, err = run_import(
        "summaries", str(sheet), "--column", "Samenvatting", "--title-column", "Titel",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    text = (out / "sheet-row-1.txt").read_text(encoding="utf-8")
    assert text == 'Bakker & Zonen\n\nOnderzoek & ontwikkeling, "groen"\n'
    code, out_text, err = run_import(
        "summaries", str(sheet), "--column", "Leeg", "--out", str(tmp_path / "none")
    )
    assert code == 1
    assert "wrote 0 summaries of 1 rows" in out_text
    assert "none of the 1 rows could be imported (1 empty summary)" in _one_error_line(err)


def test_an_rdf_import_of_no_innograph_fact_fails(tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    store = tmp_path / "store"
    code, _, err = run_import("rdf", str(other), "--store", str(store))
    assert code == 1
    assert "no entity or relation of the innograph ontology" in _one_error_line(err)
    assert not store.exists()
    code, _, err = run_import("rdf", str(tmp_path / "missing.ttl"), "--store", str(store))
    assert code == 2 and "no such file" in _one_error_line(err)
