"""Documents in, clean text out: .txt, .md, .html, .pdf and .docx, encoding detected.

Every way a file can be unreadable (empty, binary, too large, undecodable, a PDF
without text layer, an unknown extension, a zip bomb, a symbolic link loop) is a
:class:`ReadError` with a one-line reason, so that a batch can report it and go on.
PDF and DOCX are parsed in a child process with memory and time limits
(``containers``); the decoded text is capped (``max_chars``), so that what the
extractor is given is bounded whatever the file.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from innograph.ingest.reading.containers import DOCX, PDF, ContainerLimits, parse_isolated
from innograph.ingest.reading.errors import ReadError
from innograph.ingest.reading.html import html_to_text
from innograph.ingest.reading.markdown import markdown_to_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "ContainerLimits",
    "MEDIA_TYPES",
    "ReadError",
    "SourceText",
    "is_bookkeeping",
    "iter_document_paths",
    "iter_documents",
    "read_bytes",
    "read_document",
    "source_name",
]

# Larger files are refused before a byte is read: no document of interest is this big.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Longer decoded texts are refused: extraction takes about a minute per million
# characters (a 300-page report has about one million).
DEFAULT_MAX_CHARS = 2_000_000

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": PDF,
    ".docx": DOCX,
}


@dataclass(frozen=True)
class SourceText:
    """A document's clean text and identity, as the extractor takes it."""

    source: str  # its name relative to what was ingested ("examples/a.md"), or its URL
    doc: str  # the file's name (the contract's "doc")
    text: str  # clean UTF-8 text; hard line breaks inside sentences kept as "\n"
    content_hash: str  # sha256 of the raw bytes
    media_type: str
    title: str | None = None


# A folder's bookkeeping files (README, SOURCES, LICENSE, CHANGELOG, with any extension,
# in any case) describe the documents and are not among them.
BOOKKEEPING_NAMES = frozenset({"readme", "sources", "license", "licence", "changelog"})


def is_bookkeeping(path: Path) -> bool:
    """True for a README, SOURCES, LICENSE or CHANGELOG file ("ReadMe.md", "LICENSE")."""
    return path.name.split(".", 1)[0].lower() in BOOKKEEPING_NAMES


def iter_document_paths(
    paths: Iterable[Path | str], skipped: list[Path] | None = None
) -> Iterator[Path]:
    """The documents under ``paths``: folders are walked recursively (supported
    extensions only, hidden and bookkeeping files skipped, sorted); files named
    explicitly are yielded as given, so that an unsupported one is reported rather than
    silently skipped. Bookkeeping files left out of a folder are added to ``skipped``."""
    for path, _ in iter_documents(paths, skipped):
        yield path


def iter_documents(
    paths: Iterable[Path | str], skipped: list[Path] | None = None
) -> Iterator[tuple[Path, str]]:
    """The documents under ``paths`` (as :func:`iter_document_paths`), each with the
    source name it is stored and published under (:func:`source_name`).

    An entry that cannot be followed (a symbolic link loop, a folder that cannot be
    listed) is yielded too, so that reading it reports why, one line per path, and the
    rest of the batch goes on."""
    seen: set[Path] = set()
    named: dict[str, Path] = {}  # source name -> the file it names in this run
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for p in sorted(_documents_under(path)):
                if not is_bookkeeping(p):
                    found.append(p)
                elif skipped is not None:
                    skipped.append(p)
        else:
            found = [path]
        for p in found:
            try:
                key = p.resolve()
            except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before 3.13)
                key = Path(os.path.abspath(p))
            if key not in seen:
                seen.add(key)
                name = source_name(p, path)
                # Two files of one run with one name (a/docs/x.md and b/docs/x.md): the
                # later one is named from further up its path until the names differ.
                depth = len(Path(name).parts)
                while name in named and depth < len(key.parts) - 1:
                    depth += 1
                    name = "/".join(key.parts[-depth:])
                named[name] = key
                yield p, name


def source_name(path: Path, root: Path) -> str:
    """The name a document is known by: its path relative to what was ingested.

    A folder given to ingest names its documents from the folder's own name down
    (``innograph ingest /srv/data/examples`` stores ``examples/seeds/a.md``); a file given
    by itself is its file name. The machine's absolute paths stay out of the graph, so
    that no id, IRI, API answer or dump shows where the server keeps its files.
    """
    if path == root or not root.is_dir():
        return path.name
    # Absolute, without following links: a link is named where it lies (and a link loop
    # is named at all, for reading it to report).
    folder = Path(os.path.abspath(root))
    try:
        inside = Path(os.path.abspath(path)).relative_to(folder)
    except ValueError:
        return path.name
    top = folder.name
    return f"{top}/{inside.as_posix()}" if top else inside.as_posix()


def _documents_under(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``; hidden folders (.git, .venv) are not entered.
    A sub-folder that cannot be listed is yielded itself (reading it says why)."""
    unlistable: list[Path] = []

    def note(err: OSError) -> None:
        if err.filename is not None:
            unlistable.append(Path(err.filename))

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in MEDIA_TYPES:
                yield Path(root, name)
    yield from unlistable


def read_document(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    containers: ContainerLimits | None = None,
    source: str | None = None,
) -> SourceText:
    """Read one document file into a :class:`SourceText`; ReadError if it cannot be.

    ``source`` is the name it is known by (:func:`iter_documents` gives it); by default
    the file's name, never its absolute path."""
    path = Path(path)
    try:
        if path.is_symlink() and _is_loop(path):
            raise ReadError(path, "symbolic link loop")
        if path.is_dir():
            os.listdir(path)  # a folder given where a document was expected: say why
            raise ReadError(path, "is a folder")
        media_type = _media_type(path)
        if not path.exists():
            raise ReadError(path, "no such file")
        if not path.is_file():
            raise ReadError(path, "not a regular file")
        size = path.stat().st_size
        # Checked before reading: a 50 MB file is refused without loading it.
        if size > max_bytes:
            raise ReadError(path, f"too large ({_mb(size)}; the limit is {_mb(max_bytes)})")
        raw = path.read_bytes()
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(path, "symbolic link loop") from None
        raise ReadError(path, f"cannot be read ({exc.strerror or exc})") from None
    return read_bytes(
        raw,
        path.name,
        source=source or path.name,
        media_type=media_type,
        max_bytes=max_bytes,
        max_chars=max_chars,
        containers=containers,
        label=str(path),
    )


def _is_loop(path: Path) -> bool:
    """True when following the symbolic link ``path`` never ends."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def read_bytes(
    raw: bytes,
    name: str,
    *,
    source: str | None = None,
    media_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    containers: ContainerLimits | None = None,
    label: str | None = None,
) -> SourceText:
    """Read a document given as bytes (an upload): ``name`` gives its file name and
    format; ``source`` its identity (default: the name); ReadError if unreadable.

    PDF and DOCX are parsed in a child process within ``containers`` (default limits
    when None); a text longer than ``max_chars`` characters is refused (None: no cap).
    """
    where = label or name
    media_type = media_type or _media_type(Path(name), label=where)
    if not raw:
        raise ReadError(where, "empty file")
    if len(raw) > max_bytes:
        raise ReadError(where, f"too large ({_mb(len(raw))}; the limit is {_mb(max_bytes)})")
    if media_type in _PARSERS:
        text, title = _PARSERS[media_type](raw, where)
    else:
        text, title = parse_isolated(media_type, raw, where, containers or ContainerLimits())
    text = _clean(text)
    if not text.strip():
        raise ReadError(where, "no text in the document")
    if max_chars is not None and len(text) > max_chars:
        raise ReadError(
            where,
            f"text too long ({len(text):,} characters; the limit is {max_chars:,}, "
            "--max-chars or INNOGRAPH_MAX_TEXT_CHARS)",
        )
    return SourceText(
        source=source or name,
        doc=Path(name).name,
        text=text,
        content_hash=hashlib.sha256(raw).hexdigest(),
        media_type=media_type,
        title=title,
    )


def _media_type(path: Path, *, label: str | None = None) -> str:
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    supported = ", ".join(sorted({s for s in MEDIA_TYPES if s not in (".text", ".xhtml")}))
    what = f"'{suffix}'" if suffix else "(no extension)"
    raise ReadError(label or path, f"unsupported file type {what}; supported: {supported}")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# -- text decoding -------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings tried when the bytes are not UTF-8: the documents are Western European.
_WESTERN_ENCODINGS = ["cp1252", "iso8859_15", "latin_1"]
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(raw: bytes, where: str) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else a Western encoding that
    charset-normalizer finds plausible; ReadError for binary or undecodable bytes."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(encoding), where)
            except UnicodeDecodeError:
                raise ReadError(where, f"undecodable: not valid {encoding.upper()}") from None
    if b"\x00" in raw[:65536]:
        raise ReadError(where, "binary file, not text (it contains NUL bytes)")
    try:
        return _check_text(raw.decode("utf-8"), where)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_WESTERN_ENCODINGS).best()
    if best is None:
        raise ReadError(where, "undecodable: not valid UTF-8, nor any Western text encoding")
    return _check_text(str(best), where)


def _check_text(text: str, where: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ReadError(where, "binary file, not text (it is full of control characters)")
    return text


def _clean(text: str) -> str:
    """Unicode NFC, "\n" line ends, no soft hyphens or zero-width characters, no trailing
    spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\f", "\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# -- formats ---------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _read_plain(raw: bytes, where: str) -> tuple[str, str | None]:
    return decode_text(raw, where), None


def _read_markdown(raw: bytes, where: str) -> tuple[str, str | None]:
    return markdown_to_text(decode_text(raw, where))


def _read_html(raw: bytes, where: str) -> tuple[str, str | None]:
    html: str | None = None
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            html = raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html = decode_text(raw, where)
    return html_to_text(html)


_PARSERS: dict[str, Callable[[bytes, str], tuple[str, str | None]]] = {
    "text/plain": _read_plain,
    "text/markdown": _read_markdown,
    "text/html": _read_html,
}  # PDF and DOCX: containers.parse_isolated
