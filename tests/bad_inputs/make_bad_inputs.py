"""Build the bad-input collection: broken and hostile files, each with the outcome docket must give.

Most cases cannot be committed as they are (a zip bomb, a symlink loop, a FIFO, a 50 MB line),
so they are generated: ``python tests/bad_inputs/make_bad_inputs.py DIR`` writes them into DIR
and prints the expected outcomes. Tests call ``build(DIR)``.

An expected outcome is ``record`` (a document record comes out), ``failed:<reason>`` (a
failure with that reason code and a one-line message naming the file), or ``ignored`` (not a
document, never picked up when walking a folder).
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parent / "data" / "sources"
SEED_PDF = SOURCES / "neaspec-nfp-2021-concept-note.pdf"
SEED_DOCX = SOURCES / "neaspec-nfp-2021-concept-note.docx"
SEED_TXT = SOURCES / "neaspec-nfp-2021-concept-note.txt"


@dataclass(frozen=True)
class Case:
    name: str  # path relative to the collection folder
    expected: str  # "record" | "failed:<reason>" | "ignored"
    what: str  # one line for the README table


# --------------------------------------------------------------------------- tiny PDF writer
def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Assemble numbered objects into a PDF with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: list[str], font_size: float = 11, font: bytes | None = None) -> bytes:
    """A plain PDF: one Helvetica text line per page (or many lines when a page has newlines)."""
    n = len(pages)
    font_obj = 3 + 2 * n
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for i, text in enumerate(pages):
        page_no, content_no = 3 + 2 * i, 4 + 2 * i
        kids.append(b"%d 0 R" % page_no)
        lines = []
        y = 800.0
        for line in text.split("\n"):
            safe = (
                line.replace("\\", "\\\\")
                .replace("(", "\\(")
                .replace(")", "\\)")
                .encode("latin-1", "replace")
            )
            lines.append(b"BT /F1 %g Tf 40 %.1f Td (%s) Tj ET" % (font_size, y, safe))
            y -= font_size * 1.3
            if y < 20:
                y = 800.0
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_no, font_obj)
        )
        objects.append(_stream(b"\n".join(lines)))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    objects.append(font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf(objects)


def tiny_chars_pdf(count: int = 100_000) -> bytes:
    """One page holding ``count`` characters at 1 pt."""
    rows = []
    per_row = 500
    for r in range(count // per_row):
        rows.append(b"BT /F1 1 Tf 5 %.2f Td (%s) Tj ET" % (830 - r * 4.1, b"x" * per_row))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"\n".join(rows)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and no text layer."""
    w = h = 64
    pixels = bytes(random.Random(7).getrandbits(8) for _ in range(w * h))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 500 0 0 700 40 60 cm /Im1 Do Q"),
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
            % (w, h),
        ),
    ]
    return _pdf(objects)


def cyclic_pages_pdf() -> bytes:
    """A page tree whose /Kids point back at itself, plus a deeply nested array."""
    nested = b"[" * 5000 + b"]" * 5000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + nested + b" >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"BT /F1 12 Tf 40 800 Td (cyclic) Tj ET"),
    ]
    return _pdf(objects)


def malformed_font_pdf() -> bytes:
    """Text set in a font whose dictionary and embedded program are garbage."""
    bad_font = (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Broken+Font /FirstChar 0 /LastChar 3 "
        b"/Widths [ (x) -5 null 99999999999 ] /FontDescriptor << /FontFile2 99 0 R /Flags -1 >> "
        b"/Encoding /NoSuchEncoding >>"
    )
    return text_pdf(["Recommendation 1: For SOM", "Malformed font text on page two"], font=bad_font)


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(SEED_PDF))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- DOCX
def _docx_with(
    replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()
) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(SEED_DOCX) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return buf.getvalue()


def xxe_docx() -> bytes:
    with zipfile.ZipFile(SEED_DOCX) as src:
        xml = src.read("word/document.xml").decode("utf-8")
    head, _, rest = xml.partition("?>")
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"> '
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    body = rest.replace("Background", "Background &xxe; &lol2;", 1)
    return _docx_with(replace={"word/document.xml": (head + "?>" + doctype + body).encode("utf-8")})


def docm_with_macro() -> bytes:
    with zipfile.ZipFile(SEED_DOCX) as src:
        types = src.read("[Content_Types].xml").decode("utf-8")
    types = types.replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    types = types.replace(
        "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    macro = b'Attribute VB_Name = "AutoOpen"\nSub AutoOpen()\n Shell "calc.exe"\nEnd Sub\n'
    return _docx_with(
        replace={"[Content_Types].xml": types.encode("utf-8")}, add={"word/vbaProject.bin": macro}
    )


def zip_bomb(path: Path, uncompressed_mb: int = 300) -> None:
    """A DOCX whose document.xml inflates to hundreds of MB from about 300 KB."""
    with zipfile.ZipFile(SEED_DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info.filename))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            chunk = b" " * (1 << 20)
            for _ in range(uncompressed_mb):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")


def enormous_table_docx(rows: int = 3000, cols: int = 8) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("Annex: enormous table", level=1)
    table = doc.add_table(rows=0, cols=cols)
    for r in range(rows):
        cells = table.add_row().cells
        for c in range(cols):
            cells[c].text = f"r{r}c{c}"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- the collection
def build(root: Path, big: bool = True) -> list[Case]:
    """Write every case into ``root``; returns the cases with their expected outcomes."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes, expected: str, what: str) -> None:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        cases.append(Case(name, expected, what))

    seed_pdf = SEED_PDF.read_bytes()
    seed_txt = SEED_TXT.read_text(encoding="utf-8")
    # PDF
    put(
        "pdf/truncated.pdf",
        seed_pdf[: len(seed_pdf) // 3],
        "failed:corrupt",
        "PDF cut to a third of its bytes",
    )
    put("pdf/zero-bytes.pdf", b"", "failed:empty", "PDF of zero bytes")
    put(
        "pdf/random-bytes.pdf",
        random.Random(1).randbytes(4096),
        "failed:mislabelled",
        "random bytes named .pdf",
    )
    put("pdf/encrypted.pdf", encrypted_pdf("secret"), "failed:encrypted", "encrypted, user password required")
    put(
        "pdf/encrypted-empty-password.pdf",
        encrypted_pdf(""),
        "record",
        "encrypted with an empty user password",
    )
    put("pdf/scanned.pdf", image_only_pdf(), "failed:scanned_no_text", "an image-only page, no text layer")
    put(
        "pdf/thousands-of-pages.pdf",
        text_pdf([f"Page {i} of a very long report." for i in range(1, 3001)]),
        "failed:too_large",
        "3,000 pages (over the configured page limit)",
    )
    put("pdf/tiny-characters.pdf", tiny_chars_pdf(), "record", "one page with 100,000 tiny characters")
    put(
        "pdf/cyclic-and-nested.pdf",
        cyclic_pages_pdf(),
        "failed:corrupt",
        "cyclic page tree, 5,000-deep nested array",
    )
    put("pdf/malformed-font.pdf", malformed_font_pdf(), "record", "text in a font with a garbage dictionary")
    put("pdf/docx-named.pdf", SEED_DOCX.read_bytes(), "record", "a DOCX named .pdf (read as what it is)")
    # DOCX
    put(
        "docx/not-a-zip.docx",
        b"This is not a zip archive at all.\n" * 20,
        "failed:mislabelled",
        "text named .docx",
    )
    put(
        "docx/no-document-xml.docx",
        _docx_with(drop=("word/document.xml",)),
        "failed:unsupported_format",
        "a zip without word/document.xml",
    )
    zip_bomb(root / "docx/zip-bomb.docx", 300 if big else 30)
    cases.append(
        Case("docx/zip-bomb.docx", "failed:too_large", "document.xml inflating to 300 MB (zip bomb)")
    )
    put("docx/xxe.docx", xxe_docx(), "record", "XML with a DTD and external/nested entities (never resolved)")
    put(
        "docx/legacy.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),
        "failed:unsupported_format",
        "legacy Word .doc (OLE2)",
    )
    put(
        "docx/macros.docm", docm_with_macro(), "record", ".docm with a VBA macro (text read, macro never run)"
    )
    put("docx/enormous-table.docx", enormous_table_docx(3000 if big else 300), "record", "a 3,000 x 8 table")
    # Text
    put("text/utf8-bom.txt", b"\xef\xbb\xbf" + seed_txt.encode("utf-8"), "record", "UTF-8 with BOM")
    put("text/utf16.txt", seed_txt.encode("utf-16"), "record", "UTF-16 with BOM")
    put(
        "text/windows-1252.txt",
        "Réunion — «objectifs» café\n\n1. Background\n\nTexte.\n".encode("cp1252"),
        "record",
        "Windows-1252",
    )
    put(
        "text/mixed-line-endings.txt",
        seed_txt.replace("\n", "\r\n", 40).replace("\n", "\r", 10).encode("utf-8"),
        "record",
        "CRLF, CR and LF mixed",
    )
    put(
        "text/nul-bytes.txt",
        seed_txt.encode("utf-8").replace(b"Background", b"Back\x00ground", 1).replace(b"\n", b"\n\x00", 3),
        "record",
        "NUL bytes inside text",
    )
    line = ("word " * 10_000_000)[: 50 * 1024 * 1024 if big else 2 * 1024 * 1024]
    put("text/one-50mb-line.txt", line.encode("ascii"), "record", "a 50 MB single line")
    # Paths
    put("paths/name with spaces.txt", seed_txt.encode(), "record", "a name with spaces")
    put("paths/Évaluation_紀要.txt", seed_txt.encode(), "record", "a Unicode name")
    put("paths/-rf --help.txt", seed_txt.encode(), "record", "a name with leading dashes")
    (root / "paths/loop").mkdir(parents=True, exist_ok=True)
    link = root / "paths/loop/again"
    if not link.is_symlink():
        os.symlink("..", link)
    cases.append(
        Case("paths/loop/again", "ignored", "a symbolic-link loop (walked once, no endless recursion)")
    )
    dangling = root / "paths/dangling.pdf"
    if not dangling.is_symlink():
        os.symlink("no-such-file.pdf", dangling)
    cases.append(Case("paths/dangling.pdf", "failed:unreadable", "a symlink to nothing"))
    fifo = root / "paths/pipe.pdf"
    if not fifo.exists():
        os.mkfifo(fifo)
    cases.append(
        Case("paths/pipe.pdf", "failed:unreadable", "a FIFO named .pdf (would block a naive reader)")
    )
    (root / "paths/folder.pdf").mkdir(parents=True, exist_ok=True)
    cases.append(Case("paths/folder.pdf", "ignored", "a directory named like a document"))
    return cases


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for case in build(out):
        print(f"{case.expected:28} {case.name}  ({case.what})")
