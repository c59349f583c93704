"""Per-document memory limit in the workers: a document over it fails, the worker is replaced,
and the batch finishes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

SOURCES = Path(__file__).parent / "data" / "sources"


def test_memory_limit_fails_documents_not_the_batch(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "neaspec-nfp-2021-concept-note.pdf",
        "neaspec-nfp-2021-concept-note.docx",
        "DP_2025_7.en.pdf",
    ):
        shutil.copy(SOURCES / name, folder / name)
    config = tmp_path / "config"
    config.mkdir()
    (config / "docket.toml").write_text("[ingest]\nmax_memory_mb = 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["ingest", str(folder), "-o", str(out), "--config", str(config), "--no-tag", "-q", "--workers", "1"],
    )
    assert result.exit_code == 3, result.output
    rows = list(csv.DictReader((out / "failures.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 3, "every document over the limit is recorded, one worker replaced after another"
    # Out of memory shows up in many ways (MemoryError, an XML parser's failure, a crashed worker);
    # what matters is that every document is recorded and a dead worker is replaced.
    assert {r["reason"] for r in rows} <= {"too_large", "internal", "corrupt"}


def test_default_limit_leaves_normal_documents_alone(tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["ingest", str(SOURCES / "DP_2025_7.en.pdf"), "-o", str(out), "--no-tag", "-q", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
