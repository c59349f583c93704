"""Per-format options live with their extractor: ``Extractor.from_settings`` (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import TooLargeError
from pipeline.extract.base import EXTRACTORS, extractor_for
from pipeline.models import Reason, Status
from pipeline.process import process_file

SOURCES = Path(__file__).parent / "data" / "sources"
SEED_PDF = SOURCES / "neaspec-nfp-2021-concept-note.pdf"


def test_every_registered_extractor_builds_from_settings():
    settings = Settings(reader="pdfplumber", max_pages=7, max_docx_uncompressed=12345)
    for fmt in EXTRACTORS:
        extractor = extractor_for(fmt, settings)
        assert fmt in extractor.formats
    assert extractor_for("pdf", settings).reader == "pdfplumber"  # type: ignore[attr-defined]
    assert extractor_for("pdf", settings).max_pages == 7  # type: ignore[attr-defined]
    assert extractor_for("docx", settings).max_uncompressed == 12345  # type: ignore[attr-defined]


def test_the_pdf_extractor_refuses_a_pdf_over_its_page_limit():
    with pytest.raises(TooLargeError, match="pages exceeds the limit of 1"):
        extractor_for("pdf", Settings(max_pages=1)).extract(SEED_PDF, SEED_PDF.name)
    result = process_file(SEED_PDF, {"tag": False, "max_pages": 1})
    assert result.status is Status.FAILED
    assert result.failure is not None and result.failure.reason is Reason.TOO_LARGE
    assert "raise max_pages in docket.toml" in result.failure.message
