"""`docket export`: re-export records from ingest outputs, JSON files or the catalog."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from sample_records import rich_document

from pipeline.cli import cli
from pipeline.export.columns import TABLES
from pipeline.schema.build import validate_record


@pytest.fixture
def ingest_output(tmp_path: Path) -> Path:
    """An output folder shaped like `docket ingest`'s, without running the extractors."""
    out = tmp_path / "out"
    (out / "json").mkdir(parents=True)
    records = [rich_document("a1").to_dict(), rich_document("b2", date="2019-05").to_dict()]
    (out / "documents.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8"
    )
    for r in records:
        (out / "json" / f"{r['document']['id']}.json").write_text(json.dumps(r, ensure_ascii=False), "utf-8")
    (out / "failures.csv").write_text("\ufeffsource_file,reason,message\r\n", "utf-8")
    return out


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_export_command_writes_every_format(ingest_output: Path, tmp_path: Path):
    dest = tmp_path / "exp"
    args = ["export", str(ingest_output), "-o", str(dest)]
    for fmt in ("csv", "json", "jsonl", "parquet", "xlsx"):
        args += ["--format", fmt]
    result = run(*args)
    assert result.exit_code == 0, result.output
    # a CSV and a Parquet file per table, two JSON records, documents.jsonl and the workbook
    assert result.output.splitlines()[-1] == f"2 documents, {2 * len(TABLES) + 4} files -> {dest}"
    for table in TABLES:
        assert (dest / "csv" / f"{table}.csv").is_file()
        assert (dest / "parquet" / f"{table}.parquet").is_file()
    assert openpyxl.load_workbook(dest / "documents.xlsx").sheetnames == list(TABLES)
    assert (dest / "documents.jsonl").read_text("utf-8") == (ingest_output / "documents.jsonl").read_text(
        "utf-8"
    )
    for path in sorted((dest / "json").glob("*.json")):
        validate_record(json.loads(path.read_text("utf-8")))
    assert len(list((dest / "json").glob("*.json"))) == 2
    assert not list(dest.rglob("*.tmp"))


def test_export_from_json_folder_and_files(ingest_output: Path, tmp_path: Path):
    (ingest_output / "documents.jsonl").unlink()  # falls back to json/*.json
    result = run("export", str(ingest_output), "-o", str(tmp_path / "a"), "-f", "parquet", "-q")
    assert result.exit_code == 0, result.output
    assert pd.read_parquet(tmp_path / "a" / "parquet" / "documents.parquet").document_id.tolist() == [
        "a1",
        "b2",
    ]
    one = next((ingest_output / "json").glob("a1.json"))
    result = run("export", str(one), "-o", str(tmp_path / "b"), "-f", "jsonl", "-q")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "b" / "documents.jsonl").read_text("utf-8"))["document"]["id"] == "a1"


def test_export_from_catalog(tmp_path: Path):
    """The batch catalog keeps each source's record as JSON in ``files.record``."""
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    db.execute(
        "CREATE TABLE files (source_file TEXT PRIMARY KEY, status TEXT, reason TEXT, message TEXT, record TEXT)"
    )
    db.execute(
        "INSERT INTO files VALUES ('b.pdf', 'ok', '', '', ?)", (json.dumps(rich_document("b2").to_dict()),)
    )
    db.execute("INSERT INTO files VALUES ('a.pdf', 'failed', 'encrypted', 'a.pdf: encrypted', NULL)")
    db.commit()
    db.close()
    result = run("export", str(tmp_path), "-o", str(tmp_path / "exp"), "-f", "csv", "-q")
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(tmp_path / "exp" / "csv" / "documents.csv", encoding="utf-8-sig")
    assert docs.document_id.tolist() == ["b2"]


def test_export_bad_input_is_an_error_line(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": {"id": "x"}}\n{oops\n', "utf-8")
    result = CliRunner().invoke(cli, ["export", str(bad), "-o", str(tmp_path / "o"), "-f", "csv"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"Error: {bad}:2: not valid JSON")
    assert not (tmp_path / "o" / "csv" / "documents.csv").exists()  # nothing half-written


def test_export_unknown_format_is_a_usage_error(ingest_output: Path, tmp_path: Path):
    result = CliRunner().invoke(cli, ["export", str(ingest_output), "-o", str(tmp_path), "-f", "xls"])
    assert result.exit_code == 2
    assert "'xls' is not one of" in result.output


def test_export_formats_come_from_the_registry():
    from pipeline.export import EXPORTERS

    assert {"csv", "json", "jsonl", "parquet", "xlsx"} <= set(EXPORTERS)
    result = run("export", "--help")
    assert "csv|json|jsonl|parquet|xlsx" in result.output
