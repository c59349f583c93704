"""The cheap character loader (``pdf_layout.load_objects``) must give exactly pdfplumber's characters,
less the ones a reader cannot see.

Every key we fill is compared with what pdfplumber's own object walk produces, page by page, on
real PDFs with different producers (Word, Distiller 3, Publisher, LibreOffice, a rotated page).
Hidden text (clipped, off the page, white on white, invisible render mode) is left out and counted.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.extract.pdf_layout import load_objects

SOURCES = Path(__file__).parent / "data" / "sources"
PDFS = [
    "A_53_601.en.pdf",
    "DP_2025_7.en.pdf",
    "JIU_REP_2025_2-annex-pages-33-34.pdf",
    "Nigeria GIZ Project_Evaluation Brief_JAN 2021_Abderrahim EL MOULAT_0.pdf",
    "neaspec-nfp-2021-concept-note.pdf",
    "programme_2020-02-14.pdf",
    "rotated-page.pdf",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", PDFS)
def test_cheap_characters_equal_pdfplumbers(name: str) -> None:
    path = SOURCES / name
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        for mine, ref in zip(ours.pages, theirs.pages, strict=True):
            load_objects(mine)
            assert len(mine.chars) + mine.hidden_chars == len(ref.chars) > 0
            theirs_left = iter(ref.chars)  # ours are theirs in the same order, some left out
            for a in mine.chars:
                assert any(a == {k: b[k] for k in a} for b in theirs_left), (
                    name,
                    mine.page_number,
                    a["text"],
                )
            for kind in ("line", "rect", "curve", "image"):
                # an image's stream is an object of its own PDF: compared by everything else
                assert [_plain(o) for o in mine.objects.get(kind, [])] == [
                    _plain(o) for o in ref.objects.get(kind, [])
                ], (name, kind)
            assert mine.extract_words(extra_attrs=["fontname", "size"]) == ref.extract_words(
                extra_attrs=["fontname", "size"]
            )


def _plain(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k != "stream"}


def test_loader_runs_once_and_page_close_forgets_it() -> None:
    with pdfplumber.open(SOURCES / "DP_2025_7.en.pdf") as pdf:
        page = pdf.pages[0]
        load_objects(page)
        first = page.chars
        load_objects(page)  # already loaded: kept as it is
        assert page.chars is first
        page.close()
        assert not hasattr(page, "_objects")


def _pdf_with_text(lines: list[bytes], encoding: bytes | None) -> bytes:
    """A one-page PDF setting LINES in Helvetica (a simple font) with the given /Encoding."""
    content = b"BT /F1 11 Tf 72 720 Td 14 TL " + b" ".join(b"(" + t + b") '" for t in lines) + b" ET"
    enc = b" /Encoding /" + encoding if encoding else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + enc + b" >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_winansi_unused_codes_read_as_bullets(tmp_path: Path) -> None:
    """reportlab prints list bullets as code 127 of a WinAnsi font: a bullet by the PDF standard
    (all unused WinAnsi codes above 40 octal print as one), "(cid:127)" to pdfminer."""
    path = tmp_path / "bullets.pdf"
    path.write_bytes(
        _pdf_with_text([b"\x7f Strengthen data systems;", b"\x9d Review the framework."], b"WinAnsiEncoding")
    )
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        load_objects(page)
        texts = [c["text"] for c in page.chars]
        assert texts.count("\u2022") == 2 and not any(t.startswith("(cid:") for t in texts)
        assert page.extract_text().splitlines()[0] == "\u2022 Strengthen data systems;"


def test_unmapped_codes_of_other_encodings_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.pdf"
    path.write_bytes(_pdf_with_text([b"\x7f Strengthen data systems;"], b"MacRomanEncoding"))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        load_objects(page)
        assert page.chars[0]["text"] == "(cid:127)"
