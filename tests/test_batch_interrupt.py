"""Ctrl-C during `docket ingest`: one line saying what was saved, exit status 130, no traceback
from the workers; the same command run again finishes the batch."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_resume import done_in_catalog
from test_batch_runner import make_inputs

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

ROOT = Path(__file__).resolve().parent.parent
N = 30


def docket(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "ingest", *args, "--no-tag"]


def test_ctrl_c_prints_one_line_and_exits_130_then_the_rerun_finishes(tmp_path: Path):
    make_inputs(tmp_path / "in", N, repeat=100)  # about 0.3 s each with one worker
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # its own session, so the SIGINT goes to its process group as a terminal's Ctrl-C does
    # (the runner, the fork server and every worker), and not to pytest
    proc = subprocess.Popen(
        docket(str(tmp_path / "in"), "-o", str(out), "--workers", "2"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while done_in_catalog(out) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted; make the inputs slower"
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, (stdout, stderr)
    assert stdout == ""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    found = re.fullmatch(r"interrupted: (\d+) of (\d+) saved; run the same command to finish", lines[0])
    assert found, lines[0]
    saved, total = map(int, found.groups())
    assert total == N and 1 <= saved < N

    resumed = subprocess.run(
        docket(str(tmp_path / "in"), "-o", str(out), "--workers", "2", "-q"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith(f"{N - saved} ingested, 0 failed, {saved} skipped"), resumed.stdout
