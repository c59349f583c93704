"""docket ingest as a batch: skip on re-run, --force, renames, re-tagging, time limits, workers."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

SEED = Path(__file__).parent / "data" / "sources" / "neaspec-nfp-2021-concept-note.txt"
# Files whose bytes are not records: they hold timings and run history.
RUN_STATE = {"catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm", "manifest.csv", ".docket.lock"}


def make_inputs(folder: Path, n: int, repeat: int = 1) -> list[Path]:
    """``n`` distinct small concept notes (the seed text, numbered, each for a meeting on another
    day: the same text with only a line added would be one document with several sources)."""
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sub = folder / ("a" if i % 2 else "b")
        sub.mkdir(exist_ok=True)
        path = sub / f"note-{i:02d}.txt"
        dated = text.replace("30 March 2021", f"{i % 28 + 1} {('March', 'April', 'May')[i // 28]} 2021")
        path.write_text(dated * repeat + f"\nReference copy {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def outputs_of(out: Path) -> dict[str, bytes]:
    """Every output file's bytes, except the run state (catalog, manifest, lock)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in RUN_STATE
    }


def manifest(out: Path) -> dict[str, dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {Path(r["source_file"]).name: r for r in csv.DictReader(fh)}


def ingest(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--no-tag", "-q"], catch_exceptions=False)


def test_batch_rerun_skips_unchanged(tmp_path: Path):
    make_inputs(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = ingest(str(tmp_path / "in"), "-o", str(out), "--workers", "2")
    assert first.exit_code == 0, first.output
    assert first.output.startswith("4 ingested, 0 failed in ")
    assert {r["status"] for r in manifest(out).values()} == {"ingested"}
    before = outputs_of(out)
    mtimes = {p: p.stat().st_mtime_ns for p in (out / "json").iterdir()}
    again = ingest(str(tmp_path / "in"), "-o", str(out))
    assert again.exit_code == 0 and again.output.startswith("0 ingested, 0 failed, 4 skipped")
    assert {(r["status"], r["reason"]) for r in manifest(out).values()} == {("skipped", "unchanged")}
    assert outputs_of(out) == before
    assert {p: p.stat().st_mtime_ns for p in (out / "json").iterdir()} == mtimes, (
        "unchanged json/ files are not rewritten"
    )


def test_batch_force_redoes_everything(tmp_path: Path):
    make_inputs(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    before = outputs_of(out)
    result = ingest(str(tmp_path / "in"), "-o", str(out), "--force")
    assert result.exit_code == 0 and result.output.startswith("3 ingested")
    assert {(r["status"], r["reason"]) for r in manifest(out).values()} == {("ingested", "forced")}
    assert outputs_of(out) == before


def test_batch_changed_file_is_ingested_again(tmp_path: Path):
    paths = make_inputs(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nA late addendum.\n", encoding="utf-8")
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    rows = manifest(out)
    assert (rows["note-01.txt"]["status"], rows["note-01.txt"]["reason"]) == ("ingested", "changed")
    assert {rows[n]["status"] for n in ("note-00.txt", "note-02.txt")} == {"skipped"}


@pytest.mark.slow
def test_batch_rename_is_recognised_by_hash(tmp_path: Path):
    paths = make_inputs(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    moved = tmp_path / "in" / "moved" / "renamed.txt"
    moved.parent.mkdir()
    paths[0].rename(moved)
    result = ingest(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0 and result.output.startswith("0 ingested, 0 failed, 3 skipped"), (
        result.output
    )
    row = manifest(out)["renamed.txt"]
    assert (row["status"], row["reason"]) == ("skipped", f"moved from {paths[0]}")
    records = [
        json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert str(moved) in {r["document"]["source_file"] for r in records}
    assert str(paths[0]) not in (out / "documents.jsonl").read_text(encoding="utf-8")
    # The same bytes as a clean run over the folder as it is now, and the catalog forgot the old name.
    clean = tmp_path / "clean"
    assert ingest(str(tmp_path / "in"), "-o", str(clean)).exit_code == 0
    assert outputs_of(out) == outputs_of(clean)
    with sqlite3.connect(out / "catalog.sqlite") as db:
        names = {n for (n,) in db.execute("SELECT source_file FROM files")}
        doc_names = {n for (n,) in db.execute("SELECT source_file FROM documents")}
    assert str(paths[0]) not in names | doc_names and str(moved) in names & doc_names


@pytest.mark.slow
def test_batch_tagging_config_change_retags_without_extracting(tmp_path: Path):
    make_inputs(tmp_path / "in", 2)
    config = tmp_path / "config"
    config.mkdir()
    (config / "actors.csv").write_text("id,name,kind,aliases\nescap,ESCAP,secretariat,\n", encoding="utf-8")
    out = tmp_path / "out"

    def run():
        return CliRunner().invoke(
            cli,
            ["ingest", str(tmp_path / "in"), "-o", str(out), "-q", "--config", str(config)],
            catch_exceptions=False,
        )

    assert run().exit_code == 0
    assert {r["reason"] for r in manifest(out).values()} == {"new"}
    (config / "actors.csv").write_text(
        "id,name,kind,aliases\nescap,ESCAP,secretariat,UNESCAP\n", encoding="utf-8"
    )
    assert run().exit_code == 0
    assert {(r["status"], r["reason"]) for r in manifest(out).values()} == {("ingested", "retagged")}
    assert run().exit_code == 0
    assert {r["status"] for r in manifest(out).values()} == {"skipped"}
    (config / "docket.toml").write_text("[ingest]\nmax_docx_uncompressed = 1000000\n", encoding="utf-8")
    assert run().exit_code == 0
    assert {r["reason"] for r in manifest(out).values()} == {"pipeline or config changed"}


@pytest.mark.slow
def test_batch_timeout_records_failure_and_finishes(tmp_path: Path):
    make_inputs(tmp_path / "in", 2)
    slow = tmp_path / "in" / "slow.txt"  # about 3 s of parsing: far past a 0.5 s limit
    slow.write_text(SEED.read_text(encoding="utf-8") * 600, encoding="utf-8")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--timeout", "0.5")
    assert result.exit_code == 3, result.output
    assert result.output.startswith("2 ingested, 1 failed")
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as fh:
        failures = list(csv.DictReader(fh))
    assert [(Path(f["source_file"]).name, f["reason"]) for f in failures] == [("slow.txt", "timeout")]
    assert "0.5 s limit" in failures[0]["message"] and "--timeout" in failures[0]["message"]
    # A timed-out document is tried again on the next run (with a larger limit it succeeds).
    again = ingest(str(tmp_path / "in"), "-o", str(out), "--timeout", "120")
    assert again.exit_code == 0 and again.output.startswith("1 ingested, 0 failed, 2 skipped"), again.output


def test_batch_cached_failures_still_fail(tmp_path: Path):
    make_inputs(tmp_path / "in", 1)
    (tmp_path / "in" / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 3
    result = ingest(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 3 and result.output.startswith("0 ingested, 1 failed, 1 skipped")
    assert "empty" in (out / "failures.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_same_bytes_whatever_the_worker_count(tmp_path: Path, workers: str):
    make_inputs(tmp_path / "in", 6)
    (tmp_path / "in" / "b" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    reference = tmp_path / "sequential"
    ingest(str(tmp_path / "in"), "-o", str(reference), "--workers", "1")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "in"), "-o", str(out), "--workers", workers)
    assert result.exit_code == 3
    assert outputs_of(out) == outputs_of(reference)
    names = [
        Path(json.loads(line)["document"]["source_file"]).name
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert names == [f"note-{i:02d}.txt" for i in (1, 3, 5, 0, 2, 4)], "input order: a/ then b/, sorted"


def test_batch_catalog_tables_join_in_sql(tmp_path: Path):
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    with sqlite3.connect(out / "catalog.sqlite") as db:
        rows = db.execute(
            "SELECT d.source_file, count(*) FROM recommendations r JOIN documents d USING (document_id) "
            "GROUP BY d.source_file ORDER BY d.source_file"
        ).fetchall()
        versions = db.execute(
            "SELECT DISTINCT pipeline_version, extraction_version, tagging_version FROM files"
        ).fetchall()
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [n for _, n in rows] == [7, 7]
    assert len(versions) == 1 and versions[0][2] == "off"


def test_batch_usage_errors_exit_2(tmp_path: Path):
    make_inputs(tmp_path / "in", 1)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--executor", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.output
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--workers", "0"])
    assert result.exit_code == 2


def test_batch_fifo_does_not_block_the_run(tmp_path: Path):
    make_inputs(tmp_path / "in", 1)
    os.mkfifo(tmp_path / "in" / "pipe.pdf")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "in"), "-o", str(out), "--timeout", "20")
    assert result.exit_code == 3 and result.output.startswith("1 ingested, 1 failed"), result.output
    assert manifest(out)["pipe.pdf"]["reason"] == "unreadable"
