"""Reading documents: every format, every encoding case, every way a file can be bad."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from innograph.ingest.reading.formats import (
    DEFAULT_MAX_BYTES,
    ReadError,
    SourceText,
    iter_document_paths,
    iter_documents,
    read_bytes,
    read_document,
)


def text_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (Helvetica, built by hand)."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def blank_pdf(path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# -- formats ---------------------------------------------------------------------------------


def test_plain_text(tmp_path: Path) -> None:
    raw = b"The lab and the port authority\nsign a deal.\r\n\r\n\r\n\r\nNext paragraph.  \n"
    path = tmp_path / "note.txt"
    path.write_bytes(raw)
    src = read_document(path)
    assert isinstance(src, SourceText)
    assert src.text == "The lab and the port authority\nsign a deal.\n\nNext paragraph."
    assert src.doc == "note.txt"
    assert src.source == "note.txt"  # its name, not where the machine keeps it
    assert src.content_hash == hashlib.sha256(raw).hexdigest()
    assert src.media_type == "text/plain"
    assert src.title is None


def test_markdown_syntax_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(
        "---\nauthor: someone\n---\n"
        "# Smart Ports Alliance\n\n"
        "The **alliance** links _five_ harbours; see [our site](https://example.org).\n\n"
        "* Partner one\n* Partner two\n\n"
        "| Partner | Country |\n|---|---|\n| Dockworks | BE |\n\n"
        "```\nraw code line\n```\n"
        "Keeps snake_case_names and 2*3*4 intact.\n",
        encoding="utf-8",
    )
    src = read_document(path)
    assert src.title == "Smart Ports Alliance"
    assert src.media_type == "text/markdown"
    lines = src.text.splitlines()
    assert "Smart Ports Alliance" in lines
    assert "The alliance links five harbours; see our site." in lines
    assert "Partner one" in lines and "Partner two" in lines
    assert "Dockworks | BE" in lines
    assert "raw code line" in lines
    assert "Keeps snake_case_names and 2*3*4 intact." in lines
    assert "author" not in src.text and "https" not in src.text and "#" not in src.text


def test_html_boilerplate_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(
        """<!doctype html><html><head><title>Harbour news</title>
        <style>p { color: red }</style><script>var tracker = 1;</script></head>
        <body class="page has-sidebar">
          <header class="site-header"><a href="/">Home</a> Menu item Alpha</header>
          <nav><ul><li>About Beta</li></ul></nav>
          <div id="cookie-consent">We use cookies Gamma</div>
          <div id="CybotCookiebotDialog">Accept all Theta</div>
          <main><article>
            <header><h1>New dock opens</h1></header>
            <p>The port authority and the <b>maritime</b> college
               open a dock.<br>It cost a lot.</p>
            <ul><li>First point</li><li>Second point</li></ul>
            <table><tr><th>Partner</th><th>Role</th></tr>
                   <tr><td>Dockworks</td><td>lead</td></tr></table>
          </article></main>
          <aside>Related Delta</aside>
          <form>Subscribe Epsilon</form>
          <footer>Contact Zeta</footer>
        </body></html>""",
        encoding="utf-8",
    )
    src = read_document(path)
    assert src.title == "Harbour news"
    assert src.text.splitlines() == [
        "New dock opens",
        "The port authority and the maritime college open a dock.",
        "It cost a lot.",
        "First point",
        "Second point",
        "Partner | Role",
        "Dockworks | lead",
    ]
    for noise in (
        "Alpha",
        "Beta",
        "Gamma",
        "Delta",
        "Epsilon",
        "Zeta",
        "Theta",
        "tracker",
        "color",
    ):
        assert noise not in src.text


def test_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    html = '<html><head><meta charset="windows-1252"></head><body><p>Café à Liège</p></body></html>'
    path.write_bytes(html.encode("cp1252"))
    assert read_document(path).text == "Café à Liège"


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(["The wind farm consortium met in Ghent.", "Second line here."]))
    src = read_document(path)
    assert src.media_type == "application/pdf"
    assert "The wind farm consortium met in Ghent." in src.text
    assert "Second line here." in src.text


def test_pdf_words_split_at_line_ends_are_joined(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(
        text_pdf(["The consortium builds an innova-", "tion hub near the Kempen-", "Campus."])
    )
    text = read_document(path).text
    assert "an innovation hub" in text.replace("\n", " ")
    assert "Kempen-\nCampus" in text  # a capital after the hyphen: a real compound


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Annual review", level=1)
    document.add_paragraph("The incubator hosted twelve start-ups.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Partner"
    table.cell(0, 1).text = "Grant"
    table.cell(1, 0).text = "Brightlab"
    table.cell(1, 1).text = "€ 40.000"
    document.add_paragraph("Closing words.")
    path = tmp_path / "review.docx"
    document.save(str(path))
    src = read_document(path)
    assert src.text.splitlines() == [
        "Annual review",
        "The incubator hosted twelve start-ups.",
        "Partner | Grant",
        "Brightlab | € 40.000",
        "Closing words.",
    ]
    assert src.title == "Annual review"


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_unicode_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Coöperatie in Liège en Köln: één project, déjà vu."
    path = tmp_path / "u.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_document(path).text == text


def test_western_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = "Le pôle de compétitivité réunit des entreprises à Liège et à Namur, été comme hiver."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_document(path).text == text


# -- bad inputs: one clear line each --------------------------------------------------------


def assert_one_line(err: ReadError, path: Path, *words: str) -> None:
    message = str(err)
    assert "\n" not in message
    assert message.startswith(str(path))
    for word in words:
        assert word in err.reason


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("  \n\n \t\n")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "no text")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "binary")


def test_control_characters_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 100)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "binary")


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "undecodable", "UTF-8")


def test_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert time.perf_counter() - started < 5  # generous: reading it would not be instant
    assert_one_line(err.value, path, "too large", "50.0 MB", "20.0 MB")


def test_size_limit_is_settable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("A short note about the science park. " * 10)
    with pytest.raises(ReadError, match="too large"):
        read_document(path, max_bytes=100)
    assert read_document(path, max_bytes=DEFAULT_MAX_BYTES).text.startswith("A short note")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "PDF has no text layer (scanned?)")


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "encrypted PDF")


def test_not_really_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("just text")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "not a PDF")


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(text_pdf(["Some words."])[:60])
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert "\n" not in str(err.value)


def test_not_really_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is no zip")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, ".docx")


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"whatever")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert_one_line(err.value, path, "unsupported file type '.xlsx'", ".pdf", ".docx")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "gone.txt")


def test_read_bytes_for_uploads() -> None:
    src = read_bytes(b"<p>Hello <i>harbour</i></p>", "upload.html", source="upload:1")
    assert (src.text, src.source, src.doc) == ("Hello harbour", "upload:1", "upload.html")
    with pytest.raises(ReadError, match="unsupported"):
        read_bytes(b"x", "upload.exe")


# -- finding documents --------------------------------------------------------------------------


def test_iter_document_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.PDF").write_bytes(b"%PDF-")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.xlsx").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("h")
    explicit = tmp_path / "named.xyz"
    explicit.write_text("x")
    found = list(iter_document_paths([tmp_path, explicit, tmp_path / "a.md"]))
    assert found == [
        tmp_path / "a.md",
        tmp_path / "b" / "a.PDF",
        tmp_path / "b" / "z.txt",
        explicit,  # named explicitly: yielded, so that it is reported as unsupported
    ]


def test_sources_are_named_relative_to_what_was_given(tmp_path: Path) -> None:
    """No absolute path: a folder names its files from its own name down, a file given
    alone is its name, and two files of one run never share a name."""
    for folder in ("one/docs", "two/docs"):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "sub" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "alone.txt").write_text("y", encoding="utf-8")
    found = [
        name
        for _, name in iter_documents(
            [tmp_path / "one" / "docs", tmp_path / "two" / "docs", tmp_path / "alone.txt"]
        )
    ]
    assert found == ["docs/sub/x.md", "two/docs/sub/x.md", "alone.txt"]
    assert not any(str(tmp_path) in name for name in found)
