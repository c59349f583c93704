"""Real faults on a collection that already holds documents: the run is killed with SIGKILL (every
process of it, at a random moment after some documents were saved), or the output folder is
read-only (a read-only mount, which stops root too). Each time the collection as it was stays
readable and complete, and the next run (once the fault is gone) completes it.

The random moment is printed; set DOCKET_KILL_SEED to replay one."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_batch_resume import done_in_catalog
from test_batch_runner import make_inputs

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
SEED = "neaspec-nfp-2021-concept-note"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def docket(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(docket(*args), cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)


def flat_outputs(out: Path) -> dict[str, bytes]:
    """The collection's files a user reads (not the catalog, the lock or the manifest's run state)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(("catalog.sqlite", ".", "manifest"))
    }


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def held(out: Path) -> set[str]:
    return {Path(s).name for r in records(out) for s in r["document"]["sources"]}


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A collection holding the seed concept note in two formats (one document) and one report."""
    first = tmp_path / "first"
    first.mkdir()
    for name in (f"{SEED}.txt", f"{SEED}.docx", "DP_2025_7.en.pdf"):
        shutil.copy(INPUTS / name, first)
    out = tmp_path / "out"
    done = run("ingest", str(first), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert held(out) == {f"{SEED}.txt", f"{SEED}.docx", "DP_2025_7.en.pdf"}
    return out


def test_sigkill_mid_ingest_keeps_the_collection_and_the_rerun_completes(collection: Path, tmp_path: Path):
    out, n = collection, 24
    make_inputs(tmp_path / "new", n, repeat=100)  # about 0.3 s each with one worker
    before, held_before = flat_outputs(out), held(out)
    seed = int(os.environ.get("DOCKET_KILL_SEED") or time.time_ns() % 100_000)
    wait = random.Random(seed).uniform(0.0, 1.5)  # after the first new document, up to 1.5 s more
    print(f"SIGKILL seed {seed}: {wait:.2f} s after the first new document", file=sys.stderr)
    proc = subprocess.Popen(
        docket("ingest", str(tmp_path / "new"), "-o", str(out), "--no-tag", "--workers", "2", "-q"),
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the runner, the fork server and the workers
    )
    known = done_in_catalog(out)
    deadline = time.monotonic() + 180
    while done_in_catalog(out) <= known and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(wait)
    assert proc.poll() is None, "the run finished before it could be killed; make the inputs slower"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    saved = done_in_catalog(out) - known
    assert 1 <= saved < n, saved

    # the collection as it was: the catalog whole, the flat files those of the last complete run
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = {Path(n).name for (n,) in db.execute("SELECT source_file FROM files")}
    assert held_before <= names
    assert flat_outputs(out) == before, "the flat outputs change only when a run completes"
    assert held(out) == held_before

    again = run("ingest", str(tmp_path / "new"), "-o", str(out), "--no-tag", "--workers", "2", "-q")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{n - saved} ingested, 0 failed, {saved} skipped"), again.stdout
    assert held(out) == held_before | {f"note-{i:02d}.txt" for i in range(n)}
    assert len(records(out)) == 2 + n, "the seed in two formats is one document"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "no half-written file survives"
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (2 + n,)


@pytest.fixture
def read_only(collection: Path, tmp_path: Path) -> Iterator[Path]:
    """The collection's folder seen through a read-only mount (a shared drive mounted read-only).
    chmod does not stop root, so as root the folder is bind-mounted and remounted read-only; a
    user other than root gets a folder without write permission."""
    if os.geteuid() != 0:
        collection.chmod(0o555)
        try:
            yield collection
        finally:
            collection.chmod(0o755)
        return
    view = tmp_path / "read-only"
    view.mkdir()
    why = None
    for step in (
        ["mount", "--bind", str(collection), str(view)],
        ["mount", "-o", "remount,ro,bind", str(view)],
    ):
        if shutil.which("mount") is None:
            why = "no mount command"
        else:
            done = subprocess.run(step, capture_output=True, text=True)
            why = None if done.returncode == 0 else f"{' '.join(step[:3])}: {done.stderr.strip()}"
        if why:
            if os.path.ismount(view):
                subprocess.run(["umount", str(view)], check=True)
            reason = f"running as root, and a read-only mount is not permitted here ({why})"
            print(f"SKIPPED: {reason}", file=sys.stderr)
            pytest.skip(reason)
    try:
        yield view
    finally:
        if subprocess.run(["umount", str(view)], capture_output=True).returncode:
            subprocess.run(["umount", "--lazy", str(view)], check=True)  # still busy: detach it


def test_read_only_folder_refuses_with_one_line_and_keeps_the_collection(
    read_only: Path, collection: Path, tmp_path: Path
):
    before = flat_outputs(collection)
    with pytest.raises(OSError):
        (read_only / "probe").write_bytes(b"")  # the fault is real: nothing can be written there
    new = tmp_path / "new"
    make_inputs(new, 2)
    refused = run("ingest", str(new), "-o", str(read_only), "--no-tag", "-q", "--workers", "1")
    assert refused.returncode == 1, refused.stderr
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), refused.stderr
    assert str(read_only) in lines[0] and "make it writable or choose another" in lines[0], lines[0]
    assert flat_outputs(collection) == before
    # still readable: its records export elsewhere, and its catalog opens read-only
    exported = run("export", str(read_only), "-o", str(tmp_path / "exported"), "-f", "csv")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "exported" / "csv" / "documents.csv").read_bytes() == before["csv/documents.csv"]
    db = sqlite3.connect(f"file:{read_only / 'catalog.sqlite'}?immutable=1", uri=True)
    try:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    finally:
        db.close()  # an open file keeps the mount busy

    writable = run("ingest", str(new), "-o", str(collection), "--no-tag", "-q", "--workers", "1")
    assert writable.returncode == 0, writable.stderr
    assert held(collection) == {
        f"{SEED}.txt",
        f"{SEED}.docx",
        "DP_2025_7.en.pdf",
        "note-00.txt",
        "note-01.txt",
    }
