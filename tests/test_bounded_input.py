"""Issue #17: what one document may cost is bounded whatever the file.

Zip bombs and malformed .docx files are refused in one line, in seconds, without the
parser's memory growing with what they unpack to; a damaged PDF says one line; a text
past the cap is refused; a symbolic link loop in a folder is reported and the rest of
the batch ingested; and the extractor's peak memory on 1 MB of text stays under 1 GB.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.ingest.reading.containers import ContainerLimits
from innograph.ingest.reading.formats import (
    ReadError,
    iter_document_paths,
    read_bytes,
    read_document,
)

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_readers import text_pdf
else:
    from test_readers import text_pdf

runner = CliRunner()
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "The Harbour Robotics Lab is based in Ghent. It leads the Dune Energy Pilot project."


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_document_xml(write: object) -> bytes:
    """A real .docx whose word/document.xml is written by ``write(member)``."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("x")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with archive.open(info.filename, "w") as member:
                    write(member)  # type: ignore[operator]
            else:
                archive.writestr(info, source.read(info))
    return out.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    """A small .docx whose document.xml unpacks to ``megabytes`` MB of paragraphs."""
    paragraph = b"<w:p><w:r><w:t>Polder Data Company is in Ghent.</w:t></w:r></w:p>" * 1000

    def write(member: io.BufferedIOBase) -> None:
        member.write(f'<w:document xmlns:w="{WORD_NS}"><w:body>'.encode())
        for _ in range(megabytes * 1024 * 1024 // len(paragraph)):
            member.write(paragraph)
        member.write(b"</w:body></w:document>")

    return with_document_xml(write)


def malformed_docx() -> bytes:
    return with_document_xml(lambda member: member.write(b"<w:document><w:bo"))


def test_docx_bomb_is_refused_from_its_zip_directory_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb(200))
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert time.monotonic() - started < 30  # generous: only the zip directory is read
    assert "\n" not in str(err.value) and str(err.value).startswith(str(path))
    assert "zip bomb" in err.value.reason and "word/document.xml" in err.value.reason


def test_bomb_past_the_zip_check_is_stopped_by_the_childs_memory_limit(tmp_path: Path) -> None:
    # Checks off: the parsing child's address-space limit alone must hold it.
    loose = ContainerLimits(
        max_unpacked_bytes=10**12, max_ratio=10**9, memory_bytes=500 * 1024 * 1024, seconds=60
    )
    with pytest.raises(ReadError) as err:
        read_bytes(docx_bomb(200), "bomb.docx", containers=loose)
    assert "\n" not in err.value.reason
    assert "needs more than 500 MB of memory" in err.value.reason


def test_parsing_child_is_stopped_when_its_time_is_up() -> None:
    quick = ContainerLimits(max_unpacked_bytes=10**12, max_ratio=10**9, seconds=0.05)
    with pytest.raises(ReadError) as err:
        read_bytes(docx_bytes(TEXT), "slow.docx", containers=quick)
    assert "took longer than 0.05 s" in err.value.reason


def test_malformed_docx_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(malformed_docx(), "broken.docx")
    assert err.value.reason.startswith("not a readable .docx file")
    assert "\n" not in str(err.value)


def test_damaged_pdf_writes_nothing_but_its_one_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(text_pdf(["Some words."])[:60])
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.reason.startswith("damaged PDF")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""  # pypdf's own log lines stay unseen


def test_text_longer_than_the_cap_is_refused_with_its_length() -> None:
    text = ("word " * 300).encode()
    assert read_bytes(text, "ok.txt", max_chars=2000).text
    with pytest.raises(ReadError) as err:
        read_bytes(text, "long.txt", max_chars=1000)
    assert "text too long (1,500 characters; the limit is 1,000" in err.value.reason


def bad_folder(folder: Path) -> dict[str, str]:
    """A folder of one good text and every bad entry of issue #17 (name -> reason word)."""
    folder.mkdir()
    (folder / "a_good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b_loop.txt").symlink_to("c_loop.txt")
    (folder / "c_loop.txt").symlink_to("b_loop.txt")
    (folder / "d_bomb.docx").write_bytes(docx_bomb(200))
    (folder / "e_broken.docx").write_bytes(malformed_docx())
    (folder / "f_cut.pdf").write_bytes(text_pdf(["Some words."])[:60])
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    return {
        "b_loop.txt": "symbolic link loop",
        "c_loop.txt": "symbolic link loop",
        "d_bomb.docx": "zip bomb",
        "e_broken.docx": "not a readable .docx file",
        "f_cut.pdf": "damaged PDF",
    }


def test_folder_with_a_symlink_loop_and_bad_containers(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    bad = bad_folder(folder)
    assert sorted(p.name for p in iter_document_paths([folder])) == sorted(["a_good.txt", *bad])
    result = runner.invoke(app, ["extract", str(folder), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["a_good.txt"]
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad), errors  # one line per bad path, no other line
    for name, reason in bad.items():
        (line,) = [e for e in errors if e.startswith(f"innograph: {folder / name}: ")]
        assert reason in line
    assert "Traceback" not in result.output


def test_ingest_goes_on_past_a_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    bad = bad_folder(folder)
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"ingested 1 document (1 created, 0 updated, 0 unchanged, {len(bad)} failed)" in (
        result.stdout
    )
    assert "Traceback" not in result.output


def test_max_chars_flag_refuses_a_long_text(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--max-chars", "100"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"innograph: {path}: text too long ({len(TEXT * 10):,} characters; the limit is 100, "
        "--max-chars or INNOGRAPH_MAX_TEXT_CHARS)"
    ]


# The child's own peak (KiB): Linux keeps ru_maxrss across exec, so a child of the test
# process (which holds every language's pipeline by then) would report the parent's peak.
PEAK_CHILD = """
import sys
from innograph.ingest.extractor import Extractor
from innograph.ingest.reading.containers import own_peak_bytes
from innograph.ingest.reading.formats import read_document
facts = Extractor().extract(read_document(sys.argv[1]), lang="en")
assert facts.entities
print(own_peak_bytes() // 1024)
"""


@pytest.mark.slow
def test_one_megabyte_of_text_extracts_under_one_gigabyte(tmp_path: Path) -> None:
    # English text of 1 MB, ten pieces for spaCy; 40 projects' names recur, as names do
    # in a long report (each paragraph's own names would make every piece a crowd of
    # entities whose pairs the relation stage weighs: slow, and not what is measured).
    paragraphs = [
        f"The Harbour Robotics Lab {i % 40} in Ghent leads the Dune Energy Pilot {i % 40} "
        f"project. Polder Data Company {i % 40} and Scheldt Marine Lab are partners, funded "
        "by the European Regional Development Fund from 2021 to 2027."
        for i in range(6000)
    ]
    text = "\n\n".join(paragraphs).encode()[: 1024 * 1024].decode(errors="ignore")
    path = tmp_path / "one-megabyte.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 1000 * 1024
    done = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    peak_mb = int(done.stdout.split()[-1]) / 1024
    assert peak_mb < 1024, f"peak {peak_mb:.0f} MB"


def test_a_broken_container_read_from_a_large_process_gives_its_own_reason(
    tmp_path: Path,
) -> None:
    # Linux keeps ru_maxrss across exec: a parse child of a server holding its language
    # models (here: a parent that touched 700 MB) must not blame the parent's memory.
    script = """
import sys
from pathlib import Path
big = bytearray(700 * 1024 * 1024)
for i in range(0, len(big), 4096):
    big[i] = 1
from innograph.ingest.reading.errors import ReadError
from innograph.ingest.reading.formats import read_document
try:
    read_document(Path(sys.argv[1]))
except ReadError as err:
    print(err.reason)
"""
    path = tmp_path / "broken.docx"
    path.write_bytes(malformed_docx())
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().startswith("not a readable .docx file"), done.stdout
