"""A damaged catalog.sqlite is detected before a run trusts it (one line, nothing changed), and
`docket repair` rebuilds it from the collection's records, keeping every document, even one
whose source file is gone."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_collection import INPUTS, SEED, jsonl_sources

from pipeline.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def flat_outputs(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(("catalog.sqlite", "."))
    }


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : 4 * page] = b"\xff" * (3 * page)  # pages 2-4: b-tree pages of the tables
    path.write_bytes(bytes(data))


@pytest.mark.slow
@pytest.mark.parametrize("damage", [truncate, overwrite_pages], ids=["truncated", "overwritten"])
def test_damaged_catalog_is_refused_then_repaired_without_losing_a_document(tmp_path: Path, damage):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(INPUTS / f"{SEED}.txt", a)
    (a / "empty.pdf").write_bytes(b"")
    shutil.copy(INPUTS / "DP_2025_7.en.pdf", b)
    out = tmp_path / "out"
    for folder in (a, b):
        run("ingest", str(folder), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    (b / "DP_2025_7.en.pdf").unlink()  # from now on, only the collection has it
    before = flat_outputs(out)
    assert sorted(jsonl_sources(out)) == ["DP_2025_7.en.pdf", f"{SEED}.txt"]

    damage(out / "catalog.sqlite")
    refused = run("ingest", str(a), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert refused.exit_code == 1
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "the catalog is damaged" in lines[0]
    assert lines[0].endswith(f"docket repair {out}")
    assert flat_outputs(out) == before, "a refused run changes nothing"

    repaired = run("repair", str(out))
    assert repaired.exit_code == 0, repaired.output
    assert repaired.output.startswith("catalog rebuilt from 2 records and 1 failed files")
    assert [p.name.startswith("catalog.sqlite.damaged-") for p in out.iterdir()].count(True) == 1
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM files").fetchone() == (3,)
        assert db.execute("SELECT count(DISTINCT catalog_file) FROM recommendations").fetchone() == (2,)
    assert flat_outputs(out)["documents.jsonl"] == before["documents.jsonl"]

    again = run("ingest", str(a), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert again.exit_code == 3 and again.output.startswith("1 ingested, 1 failed"), again.output
    assert sorted(jsonl_sources(out)) == ["DP_2025_7.en.pdf", f"{SEED}.txt"]


@pytest.mark.slow
def test_repair_keeps_every_source_of_a_document_in_several_formats(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    for suffix in ("txt", "docx"):
        shutil.copy(INPUTS / f"{SEED}.{suffix}", src)
    out = tmp_path / "out"
    run("ingest", str(src), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    before = flat_outputs(out)
    assert jsonl_sources(out) == [f"{SEED}.docx"]
    (src / f"{SEED}.txt").unlink()  # only the collection knows it now

    truncate(out / "catalog.sqlite")
    repaired = run("repair", str(out))
    assert repaired.exit_code == 0, repaired.output
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("SELECT count(*) FROM files").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    after = flat_outputs(out)
    assert after["documents.jsonl"] == before["documents.jsonl"], "one document, both sources listed"
    assert after["csv/objectives.csv"] == before["csv/objectives.csv"]
    assert {Path(k).name for k in after if k.startswith("json/")} == {f"{SEED}.docx.json"}

    again = run("ingest", str(src), "-o", str(out), "--no-tag", "-q", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert flat_outputs(out)["documents.jsonl"] == before["documents.jsonl"]
