"""--ocr: scanned PDFs are read through ocrmypdf when it is installed, else a clear reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.process import process_file


def scanned_pdf(path: Path, text: str) -> Path:
    """An image-only PDF: text drawn into a picture, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 150), text, fill=0, font=ImageFont.load_default(size=56))
    image.save(path, "PDF", resolution=150)
    return path


def test_scanned_pdf_without_ocr_names_the_fix(tmp_path: Path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", "Recommendation 1: Enhance the resourcing")
    result = process_file(pdf, {"tag": False})
    assert result.failure is not None and result.failure.reason == "scanned_no_text"
    assert "--ocr" in result.failure.message


def test_ocr_requested_but_not_installed(tmp_path: Path, monkeypatch):
    pdf = scanned_pdf(tmp_path / "scan.pdf", "Recommendation 1: Enhance the resourcing")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(cli, ["show", "--ocr", "--no-tag", str(pdf)])
    assert result.exit_code == 1
    assert "ocrmypdf" in result.output and "not installed" in result.output


@pytest.mark.skipif(
    shutil.which("ocrmypdf") is None, reason="ocrmypdf is not installed (apt-get install ocrmypdf)"
)
def test_ocr_reads_a_scanned_page(tmp_path: Path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", "Recommendation 1: Enhance the resourcing")
    result = process_file(pdf, {"tag": False, "ocr": True})
    assert result.document is not None, result.failure
    text = " ".join(s.text for s in result.document.sections) + repr(result.document.to_dict())
    assert "resourcing" in text
    assert "text read by OCR (ocrmypdf)" in result.document.warnings
