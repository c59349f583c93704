"""A run killed with SIGKILL mid-batch, then run again, ends exactly like a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_runner import make_inputs, manifest, outputs_of

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

ROOT = Path(__file__).resolve().parent.parent


def docket(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "ingest", *args, "--no-tag", "-q"]


def done_in_catalog(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{out / 'catalog.sqlite'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_batch_sigkill_then_resume_matches_clean_run(tmp_path: Path):
    make_inputs(tmp_path / "in", 20, repeat=100)  # about 0.3 s each with one worker
    out = tmp_path / "out"
    proc = subprocess.Popen(
        docket(str(tmp_path / "in"), "-o", str(out), "--workers", "1"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while done_in_catalog(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; make the inputs slower"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    killed_at = done_in_catalog(out)
    assert 3 <= killed_at < 20
    assert not (out / "documents.jsonl").exists(), "collection files are written only when a run completes"

    resumed = subprocess.run(
        docket(str(tmp_path / "in"), "-o", str(out), "--workers", "1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resumed.returncode == 0, resumed.stderr
    rows = manifest(out)
    skipped = sum(r["status"] == "skipped" for r in rows.values())
    assert skipped >= 3 and skipped + sum(r["status"] == "ingested" for r in rows.values()) == 20
    assert resumed.stdout.startswith(f"{20 - skipped} ingested, 0 failed, {skipped} skipped")

    clean = tmp_path / "clean"
    subprocess.run(
        docket(str(tmp_path / "in"), "-o", str(clean), "--workers", "2"),
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    got, want = outputs_of(out), outputs_of(clean)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "no half-written files survive"
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM files").fetchone() == (20,)
        assert db.execute("SELECT count(DISTINCT catalog_file) FROM documents").fetchone() == (20,)
