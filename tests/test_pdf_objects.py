"""The cheap character loader (``pdf_layout.load_objects``) must give exactly pdfplumber's characters.

Every key we fill is compared with what pdfplumber's own object walk produces, page by page, on
real PDFs with different producers (Word, Distiller 3, Publisher, LibreOffice, a rotated page).
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


@pytest.mark.parametrize("name", PDFS)
def test_cheap_characters_equal_pdfplumbers(name: str) -> None:
    path = SOURCES / name
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        for mine, ref in zip(ours.pages, theirs.pages, strict=True):
            load_objects(mine)
            assert len(mine.chars) == len(ref.chars) > 0
            for a, b in zip(mine.chars, ref.chars, strict=True):
                assert a == {k: b[k] for k in a}, (name, mine.page_number, a["text"])
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
