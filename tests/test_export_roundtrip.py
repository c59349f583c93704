"""Round trip: JSON -> records -> Parquet / Excel / CSV -> read back with pandas and openpyxl."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import SOURCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_records import rich_document

from pipeline.api import Collection
from pipeline.cells import neutralise, plain
from pipeline.export.columns import TABLES, rows_for
from pipeline.export.parquet_exporter import arrow_schema, typed_rows
from pipeline.models import SCHEMA_VERSION
from pipeline.process import process_file
from pipeline.records_io import document_from_dict


@pytest.fixture(scope="module")
def json_records(tmp_path_factory) -> tuple[Path, list[dict]]:
    """A JSON Lines file of records: the ingested seed document and two hand-built ones."""
    seed = process_file(SOURCES / "neaspec-nfp-2021-concept-note.txt", {"tag": False}).document
    records = [seed.to_dict(), rich_document("d0c1").to_dict(), rich_document("d0c2", date=None).to_dict()]
    path = tmp_path_factory.mktemp("records") / "documents.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path, records


@pytest.fixture(scope="module")
def exported(json_records, tmp_path_factory) -> dict[str, Path]:
    path, _ = json_records
    collection = Collection.from_json(path)
    out = {"safe": tmp_path_factory.mktemp("safe"), "raw": tmp_path_factory.mktemp("raw")}
    collection.export(out["safe"], ["parquet", "xlsx", "csv"])
    collection.export(out["raw"], ["parquet", "xlsx", "csv"], raw=True)
    return out


def _py(value):
    """A pandas cell as a plain Python value (None for missing, list for list cells)."""
    if isinstance(value, np.ndarray | list):
        return [_py(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def test_roundtrip_json_to_records_to_json(json_records):
    _, records = json_records
    for record in records:
        assert document_from_dict(record).to_dict() == record


@pytest.mark.parametrize("table", list(TABLES))
def test_roundtrip_parquet_read_back_with_pandas(json_records, exported, table: str):
    _, records = json_records
    df = pd.read_parquet(exported["safe"] / "parquet" / f"{table}.parquet")
    assert tuple(df.columns) == TABLES[table]
    got = [{c: _py(v) for c, v in row.items()} for row in df.to_dict("records")]
    assert got == [row for r in records for row in typed_rows(table, r)]
    assert got or table == "topics"  # the seed is untagged, but the hand-built records have topics


def test_roundtrip_parquet_types_lists_and_text(exported):
    folder = exported["raw"] / "parquet"
    recs = pd.read_parquet(folder / "recommendations.parquet")
    first = recs[recs.record_id == "d0c1:rec:1"].iloc[0]
    assert list(first.actors) == ["ESCAP", "北东亚 Secretariat"]
    assert list(first.topics) == ["air_quality", "cooperation"]
    assert first.text.startswith("Renforcer la coopération — «air pur» in 北东亚; =SUM")
    import pyarrow.parquet as pq

    for table in TABLES:
        schema = pq.read_schema(folder / f"{table}.parquet")
        assert schema.remove_metadata() == arrow_schema(table).remove_metadata()
        assert schema.metadata[b"docket.schema_version"] == SCHEMA_VERSION.encode()
    docs = pd.read_parquet(folder / "documents.parquet", dtype_backend="numpy_nullable")
    assert str(docs["pages"].dtype) == "Int64"  # a text file has no pages: a null, not a float NaN
    assert list(docs.set_index("document_id").loc["d0c1", "warnings"]) == [
        "low text density on page 3",
        "+ one more",
    ]


def _xlsx_expected(value, raw: bool):
    if value is None or value == "":
        return None  # a spreadsheet does not tell an empty string from an empty cell
    if isinstance(value, bool | int | float):
        return value
    return value if raw else neutralise(value)


@pytest.mark.parametrize("raw", [False, True])
def test_roundtrip_xlsx_read_back_with_openpyxl(json_records, exported, raw: bool):
    _, records = json_records
    wb = openpyxl.load_workbook(exported["raw" if raw else "safe"] / "documents.xlsx")
    assert wb.sheetnames == list(TABLES)
    for table, columns in TABLES.items():
        rows = list(wb[table].iter_rows(values_only=True))
        assert rows[0] == columns
        expected = [
            tuple(_xlsx_expected(row.get(c), raw) for c in columns)
            for r in records
            for row in rows_for(table, r)
        ]
        assert rows[1:] == expected, table


def test_roundtrip_xlsx_read_back_with_pandas(json_records, exported):
    _, records = json_records
    df = pd.read_excel(exported["raw"] / "documents.xlsx", sheet_name="recommendations", dtype=object)
    got = [{c: _py(v) for c, v in row.items()} for row in df.to_dict("records")]
    expected = [
        {c: _xlsx_expected(v, True) for c, v in row.items()}
        for r in records
        for row in rows_for("recommendations", r)
    ]
    assert got == expected


@pytest.mark.parametrize("raw", [False, True])
def test_roundtrip_csv_read_back_with_pandas(json_records, exported, raw: bool):
    _, records = json_records
    render = plain if raw else neutralise
    for table, columns in TABLES.items():
        df = pd.read_csv(
            exported["raw" if raw else "safe"] / "csv" / f"{table}.csv",
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
        )
        assert tuple(df.columns) == columns
        expected = [{c: render(row.get(c)) for c in columns} for r in records for row in rows_for(table, r)]
        assert df.to_dict("records") == expected, table


def test_xlsx_layout_header_links_and_widths(exported):
    wb = openpyxl.load_workbook(exported["safe"] / "documents.xlsx")
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(cell.font.b for cell in ws[1])
        assert ws.auto_filter.ref
        assert all(ws.column_dimensions[cell.column_letter].width > 0 for cell in ws[1])
    docs = wb["documents"]
    doc_rows = {docs.cell(r, 1).value: r for r in range(2, docs.max_row + 1)}
    recs = wb["recommendations"]
    text_col = TABLES["recommendations"].index("text") + 1
    for r in range(2, recs.max_row + 1):
        link = recs.cell(r, 1).hyperlink
        assert link is not None and link.location == f"'documents'!A{doc_rows[recs.cell(r, 1).value]}"
        assert recs.cell(r, text_col).alignment.wrap_text
    actors = wb["actors"]
    rec_rows = {recs.cell(r, 2).value: r for r in range(2, recs.max_row + 1)}
    decs = wb["decisions"]
    dec_rows = {decs.cell(r, 2).value: r for r in range(2, decs.max_row + 1)}
    linked = {"recommendations": 0, "decisions": 0}
    for r in range(2, actors.max_row + 1):
        record_id = actors.cell(r, 2).value
        sheet, rows = ("decisions", dec_rows) if ":dec:" in record_id else ("recommendations", rec_rows)
        assert actors.cell(r, 2).hyperlink.location == f"'{sheet}'!A{rows[record_id]}"
        linked[sheet] += 1
    assert linked["recommendations"] and linked["decisions"]  # a decision's actor links to its row
    actions = wb["key_actions"]
    assert actions.max_row >= 2  # the hand-built records have a key action
    for r in range(2, actions.max_row + 1):
        target = rec_rows[actions.cell(r, 2).value]
        assert actions.cell(r, 2).hyperlink.location == f"'recommendations'!A{target}"


def test_xlsx_never_stores_formulas(exported):
    for variant in ("safe", "raw"):
        wb = openpyxl.load_workbook(exported[variant] / "documents.xlsx")
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
    objectives = openpyxl.load_workbook(exported["safe"] / "documents.xlsx")["objectives"]
    assert "'@Reduce emissions" in [row[2] for row in objectives.iter_rows(values_only=True)]


def test_xlsx_cuts_text_to_the_excel_cell_limit(tmp_path: Path):
    from pipeline.export.xlsx_exporter import EXCEL_MAX_CELL, excel_text

    assert len(excel_text("x" * 40_000)) == EXCEL_MAX_CELL
    assert excel_text("a\x00b\x07c") == "abc"


# Any text a document may hold: letters of every script, symbols, line breaks and tabs (XML cannot
# hold other control characters, and documents do not carry them), formula-looking or not.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\t\r=+-@'\"; "),
    max_size=60,
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, names=st.lists(TEXT.filter(lambda s: s.strip()), max_size=3), label=TEXT)
def test_roundtrip_any_text(tmp_path: Path, text: str, names: list[str], label: str):
    from sample_records import actor, topic

    from pipeline.models import Provenance, Recommendation

    rec = Recommendation(
        number="1",
        text=text,
        provenance=Provenance("x"),
        actors=tuple(actor(n) for n in names),
        topics=(topic("t", label),),
    )
    record = json.loads(json.dumps(rich_document(recommendations=(rec,)).to_dict()))
    record = document_from_dict(record).to_dict()
    Collection((document_from_dict(record),)).export(tmp_path, ["parquet", "xlsx", "csv"], raw=True)
    df = pd.read_parquet(tmp_path / "parquet" / "recommendations.parquet")
    assert df.text.tolist() == [text]
    assert list(df.actors[0]) == [a.name for a in rec.actors]
    assert pd.read_parquet(tmp_path / "parquet" / "topics.parquet").label.tolist()[0] == label
    wb = openpyxl.load_workbook(tmp_path / "documents.xlsx")
    text_col = TABLES["recommendations"].index("text") + 1
    assert wb["recommendations"].cell(2, text_col).value == (text or None)
    csv_df = pd.read_csv(
        tmp_path / "csv" / "recommendations.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert csv_df.text.tolist() == [text]
    assert csv_df.actors.tolist() == ["; ".join(names)]


@pytest.mark.parametrize("n_records, row_group_size, groups", [(0, 10, 1), (3, 2, 3), (4, 2, 4)])
def test_parquet_streams_row_groups_and_keeps_schema_when_empty(n_records, row_group_size, groups):
    import io

    import pyarrow.parquet as pq

    from pipeline.export import get_exporter

    exporter = get_exporter("parquet", table="recommendations", row_group_size=row_group_size)
    stream = io.BytesIO()
    exporter.start(stream)
    for i in range(n_records):
        exporter.write(rich_document(f"d{i}").to_dict())
    exporter.finish()
    assert not stream.closed  # the exporter never closes what it was handed
    meta = pq.ParquetFile(io.BytesIO(stream.getvalue())).metadata
    assert (meta.num_row_groups, meta.num_rows) == (groups, 2 * n_records)
    assert (
        meta.schema.to_arrow_schema().remove_metadata() == arrow_schema("recommendations").remove_metadata()
    )
