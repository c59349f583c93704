"""Two runs on one output folder: the second refuses with a clear message, or waits (--wait)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch_runner import make_inputs, manifest

from pipeline.batch.lock import FolderLockedError, OutputLock
from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_batch_lock_held_refuses_with_error_line(tmp_path: Path):
    make_inputs(tmp_path / "in", 1)
    out = tmp_path / "out"
    with OutputLock(out):
        result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "-o", str(out), "--no-tag", "-q"])
        with pytest.raises(FolderLockedError):
            OutputLock(out).__enter__()
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"Error: {out} is in use by another docket run (pid ")
    assert "--wait" in last
    assert (
        CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "-o", str(out), "--no-tag", "-q"]).exit_code
        == 0
    )


@pytest.mark.slow
def test_batch_concurrent_runs_refuse_then_wait(tmp_path: Path):
    make_inputs(tmp_path / "in", 12, repeat=100)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "ingest",
        str(tmp_path / "in"),
        "-o",
        str(out),
        "--no-tag",
        "-q",
        "--workers",
        "1",
    ]
    first = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = out / ".docket.lock"
    deadline = time.monotonic() + 30
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    refused = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert first.poll() is None, "the first run should still be going"
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Error: {out} is in use by another docket run (pid {first.pid}). Wait for it "
        "to finish, use --wait to queue behind it, or choose another -o folder."
    )
    waited = subprocess.run([*cmd[:-3], "--wait"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.wait(timeout=300) == 0, first.stderr
    assert waited.returncode == 0, waited.stderr
    assert "waiting for another docket run" in waited.stderr
    assert {r["status"] for r in manifest(out).values()} == {"skipped"}, (
        "the waiting run found everything done"
    )
