"""PDF and DOCX: untrusted containers, read in a child process with memory and time limits.

A container can hold far more than its size says: a 1 MB .docx can unpack to 1 GB of
text (a zip bomb), a PDF's compressed streams likewise, and the parsers then need
gigabytes and minutes. So a .docx's declared unpacked sizes and compression ratios
are checked before anything is parsed (``check_zip``), and both formats are parsed by
``python -m innograph.ingest.reading.containers`` in a child process whose address
space is capped (``RLIMIT_AS``) and which is killed when its time is up
(``parse_isolated``). Whatever goes wrong in there comes back as one ReadError line;
the parsers' own log lines (pypdf's "incorrect startxref pointer") stay in the child.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import resource
import subprocess
import sys
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from innograph.ingest.reading.errors import ReadError, one_line

__all__ = [
    "DOCX",
    "PDF",
    "ContainerLimits",
    "check_zip",
    "own_peak_bytes",
    "parse_isolated",
    "read_docx",
    "read_pdf",
]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ContainerLimits:
    """How much a container may unpack to, and what its parser may use."""

    # All members of a .docx together, as their headers declare (a 20 MB .docx of text
    # unpacks to well under this; the parser's time grows with it).
    max_unpacked_bytes: int = 64 * 1024 * 1024
    # Unpacked size over packed size of one member larger than RATIO_FLOOR: XML of
    # real documents packs 5-20 to 1; bombs of repeated paragraphs 300-1000 to 1.
    max_ratio: int = 100
    # Address space of the parsing child (Python and the parsers take about 100 MB).
    memory_bytes: int = 1024 * 1024 * 1024
    # Wall-clock seconds of the parsing child, then it is killed.
    seconds: float = 60.0

    @classmethod
    def within(cls, memory_mb: int, seconds: float) -> ContainerLimits:
        """The default unpacking limits with the child's memory (MB) and time (s) given
        (INNOGRAPH_PARSE_MEMORY_MB, INNOGRAPH_PARSE_SECONDS)."""
        return cls(memory_bytes=memory_mb * 1024 * 1024, seconds=seconds)


# Members smaller than this unpacked are never a bomb, whatever their ratio.
RATIO_FLOOR = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_zip(raw: bytes, where: str, limits: ContainerLimits) -> None:
    """Refuse a .docx whose members declare too much unpacked data, or pack too tightly.

    Only the central directory is read (``infolist``); nothing is unpacked. The
    declared sizes bind: ``zipfile`` never unpacks a member past its declared size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ReadError(where, f"not a readable .docx file ({one_line(exc)})") from None
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and member.file_size > limits.max_ratio * packed:
            raise ReadError(
                where,
                f"refused as a zip bomb: {member.filename} unpacks {_mb(packed)} to "
                f"{_mb(member.file_size)} (more than {limits.max_ratio} to 1)",
            )
    if total > limits.max_unpacked_bytes:
        raise ReadError(
            where,
            f"refused: unpacks to {_mb(total)}; the limit is {_mb(limits.max_unpacked_bytes)}",
        )


def parse_isolated(
    media_type: str, raw: bytes, where: str, limits: ContainerLimits
) -> tuple[str, str | None]:
    """(text, title) of a PDF or DOCX, parsed in a child process within ``limits``."""
    if media_type == DOCX:
        check_zip(raw, where, limits)
    elif media_type == PDF and not raw.lstrip()[:5].startswith(b"%PDF-"):
        raise ReadError(where, "not a PDF file (no %PDF header)")
    command = [
        sys.executable,
        "-m",
        "innograph.ingest.reading.containers",
        media_type,
        str(limits.memory_bytes),
        str(int(limits.seconds) + 1),
    ]
    try:
        done = subprocess.run(
            command,
            input=raw,
            capture_output=True,
            timeout=limits.seconds,
            check=False,
            env=_child_environment(),
        )
    except subprocess.TimeoutExpired:
        raise ReadError(
            where, f"took longer than {limits.seconds:g} s to read (INNOGRAPH_PARSE_SECONDS)"
        ) from None
    if done.returncode != 0 or not done.stdout:
        if b"MemoryError" in done.stderr or done.returncode in (-9, -6, 134, 137):
            raise ReadError(where, _needs_more_memory(limits))
        if done.returncode in (-24, 152):  # SIGXCPU: its CPU time ran out
            raise ReadError(
                where, f"took longer than {limits.seconds:g} s to read (INNOGRAPH_PARSE_SECONDS)"
            )
        last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise ReadError(where, f"the reader failed (exit {done.returncode}: {last[0][:120]})")
    answer = json.loads(done.stdout)
    if "refused" in answer:
        raise ReadError(where, str(answer["refused"]))
    return str(answer["text"]), answer.get("title")


def _child_environment() -> dict[str, str]:
    """This environment, with the folder this innograph is imported from first on
    PYTHONPATH: the child imports the same code whatever put it on ``sys.path`` here."""
    import innograph

    package = Path(innograph.__file__).parent
    paths = list(filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep)))
    # Imported from a folder named innograph (installed, or a checkout linked as such):
    # its parent is what puts it on the path. Otherwise an editable install's finder,
    # which the same interpreter also has, finds it.
    if package.name == "innograph":
        paths.insert(0, str(package.parent))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _needs_more_memory(limits: ContainerLimits) -> str:
    return (
        f"needs more than {limits.memory_bytes // (1024 * 1024)} MB of memory to read "
        "(INNOGRAPH_PARSE_MEMORY_MB)"
    )


# -- the parsers (run in the child) ---------------------------------------------------------

_LINE_END_HYPHEN = re.compile(r"([^\W\d_])-\n([^\W\d_A-ZÀ-Þ])")


def read_pdf(raw: bytes, where: str) -> tuple[str, str | None]:
    """(text, title) of a PDF's text layer; ReadError if it has none or is damaged."""
    if not raw.lstrip()[:5].startswith(b"%PDF-"):
        raise ReadError(where, "not a PDF file (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs (and warns about) the small defects of real-world PDFs: not the user's
    # error, and never a second line next to the one reason.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadError(where, "encrypted PDF (needs a password)")
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata else None
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(where, f"damaged PDF ({one_line(exc)})") from None
    # Words hyphenated across a line end come back whole ("innova-\ntion");
    # a capital after the hyphen is a real compound ("Vlaanderen-\nNederland").
    text = _LINE_END_HYPHEN.sub(r"\1\2", "\n\n".join(page.strip() for page in pages))
    if not text.strip():
        raise ReadError(where, "PDF has no text layer (scanned?)")
    return text, (str(title).strip() or None) if title else None


def read_docx(raw: bytes, where: str) -> tuple[str, str | None]:
    """(text, title) of a .docx: paragraphs and table rows, the title or first heading."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        heading: str | None = None
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
                style = block.style.name if block.style is not None else ""
                titled = style.startswith(("Title", "Heading"))
                if heading is None and block.text.strip() and titled:
                    heading = block.text.strip()
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
        title = document.core_properties.title or heading
    except Exception as exc:  # noqa: BLE001 - zip, XML (lxml), package: all this file's fault
        raise ReadError(where, f"not a readable .docx file ({one_line(exc)})") from None
    return "\n".join(lines), (title.strip() or None) if title else None


def _table_lines(table: object) -> list[str]:
    """One line per table row, cells joined by " | " (merged cells once)."""
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def own_peak_bytes() -> int:
    """This process's own peak resident size. Linux keeps ``ru_maxrss`` across exec, so
    a child of a large process (a server with its language models loaded) would seem to
    have used the parent's memory; the memory map's high-water mark starts afresh."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(media_type: str, memory_bytes: int, cpu_seconds: int) -> int:
    """The child: limits first, then parse stdin; one JSON answer on stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    raw = sys.stdin.buffer.read()
    parse = read_pdf if media_type == PDF else read_docx
    out_of_memory = _needs_more_memory(ContainerLimits(memory_bytes=memory_bytes))
    try:
        text, title = parse(raw, "-")
        answer: dict[str, str | None] = {"text": text, "title": title}
    except ReadError as err:
        # lxml reports an allocation that failed as a syntax error ("unknown error"):
        # a parse that had filled half its address space ran out of memory.
        peak = own_peak_bytes()
        answer = {"refused": out_of_memory if peak > memory_bytes // 2 else err.reason}
    except MemoryError:
        answer = {"refused": out_of_memory}
    except RecursionError:
        answer = {"refused": "too deeply nested to read"}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
