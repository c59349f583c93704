"""Exporter contract tests (scrapy style) and output safety."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline.cells import neutralise
from pipeline.export import atomic_write, get_exporter
from pipeline.export.columns import TABLES
from pipeline.export.writer import safe_filename


def record(text: str = "Décider — 決定") -> dict:
    return {
        "schema_version": "1.1",
        "document": {
            "id": "abc",
            "source_file": "x.txt",
            "sha256": "0" * 64,
            "doc_type": "other",
            "title": "T",
        },
        "sections": [],
        "objectives": [{"text": '=HYPERLINK("http://evil")', "provenance": {"line": 3}}],
        "agenda_items": [],
        "recommendations": [
            {
                "number": "1",
                "text": text,
                "actors": [{"name": "SOM", "registered": True}],
                "topics": [],
                "provenance": {"page": 2},
            }
        ],
        "warnings": [],
    }


@pytest.mark.parametrize("name", ["json", "jsonl", "csv"])
def test_exporter_contract_writes_to_given_stream(name: str):
    exporter = get_exporter(name)
    stream = io.BytesIO()
    exporter.start(stream)
    exporter.write(record())
    exporter.finish()
    out = stream.getvalue()
    assert out and "決定".encode() in out


def test_unknown_format_names_choices():
    with pytest.raises(ValueError, match="choose one of .*csv"):
        get_exporter("xls")


def test_csv_columns_are_declared_not_taken_from_data():
    stream = io.BytesIO()
    exporter = get_exporter("csv", table="recommendations")
    exporter.start(stream)
    exporter.write(record())
    exporter.finish()
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"))))
    assert tuple(rows[0]) == TABLES["recommendations"]
    assert rows[1][TABLES["recommendations"].index("actors")] == "SOM"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_formula_cells_are_neutralised(value: str):
    assert neutralise(value) == "'" + value


def test_csv_raw_keeps_formulas():
    stream = io.BytesIO()
    exporter = get_exporter("csv", table="objectives", raw=True)
    exporter.start(stream)
    exporter.write(record())
    exporter.finish()
    assert '"=HYPERLINK(""http://evil"")"' in stream.getvalue().decode("utf-8-sig")


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path):
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert not list(tmp_path.glob("*.tmp"))


def test_json_exporter_round_trips():
    stream = io.BytesIO()
    exporter = get_exporter("json")
    exporter.start(stream)
    exporter.write(record())
    exporter.finish()
    assert json.loads(stream.getvalue()) == record()


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd", "passwd"),
        ("-rf report.pdf", "rf_report.pdf"),
        ("..", "document"),
        ("Évaluation finale.pdf", "Évaluation_finale.pdf"),
    ],
)
def test_safe_filename_never_escapes(name: str, expected: str):
    assert safe_filename(name) == expected
