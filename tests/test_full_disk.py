"""A full disk while a run writes the catalog or the tables: one line saying what to do, the
collection as it was before stays readable and complete, and the next run completes it.

The faults are real, without needing root to mount a small file system: for the catalog, the
run's process gets a file-size limit (RLIMIT_FSIZE), so the kernel refuses SQLite's writes past it
as a nearly full disk would; for the tables (which are smaller than the catalog, so a size limit
hits the catalog first), the outputs' fsync fails with ENOSPC, as it does on a file system that
finds out it is full only when the data is flushed."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
SEED = "neaspec-nfp-2021-concept-note.txt"


def docket(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails, it does not kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap if limit else None,
    )


def sources(out: Path) -> list[str]:
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted(Path(json.loads(line)["document"]["source_file"]).name for line in lines)


def batches(tmp_path: Path) -> tuple[Path, Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(INPUTS / SEED, a)
    for name in ("DP_2025_7.en.pdf", "E_ICEF_2025_11.en.pdf"):
        shutil.copy(INPUTS / name, b)
    out = tmp_path / "out"
    first = docket("ingest", str(a), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert first.returncode == 0, first.stderr
    return a, b, out


def check_refused_and_intact(out: Path, status: int, stderr: str, before: bytes) -> None:
    assert status == 1, stderr
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "free some space and run the same command to finish" in lines[0]
    # the collection before the fault: still there, whole, readable
    assert (out / "documents.jsonl").read_bytes() == before
    assert sources(out) == [SEED]
    assert not [p for p in out.rglob("*.tmp")], "no half-written file is left"
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def check_next_run_completes(b: Path, out: Path) -> None:
    again = docket("ingest", str(b), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert sources(out) == sorted(["DP_2025_7.en.pdf", "E_ICEF_2025_11.en.pdf", SEED])


def test_catalog_on_a_full_disk(tmp_path: Path):
    _, b, out = batches(tmp_path)
    before = (out / "documents.jsonl").read_bytes()
    full = docket("ingest", str(b), "-o", str(out), "--no-tag", "-q", "--workers", "1", limit=40_000)
    check_refused_and_intact(out, full.returncode, full.stderr, before)
    assert "catalog.sqlite: the catalog could not be written" in full.stderr
    check_next_run_completes(b, out)


def test_tables_on_a_full_disk(tmp_path: Path, monkeypatch):
    _, b, out = batches(tmp_path)
    before = (out / "documents.jsonl").read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the outputs' atomic writes; SQLite syncs in C
    result = CliRunner().invoke(cli, ["ingest", str(b), "-o", str(out), "--no-tag", "-q", "--workers", "1"])
    monkeypatch.undo()
    check_refused_and_intact(out, result.exit_code, result.output, before)
    assert ": No space left on device." in result.output and "/out/" in result.output
    check_next_run_completes(b, out)
