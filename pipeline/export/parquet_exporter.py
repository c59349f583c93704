"""Parquet: one file per table of columns.py, typed columns, list columns for actors, topics and warnings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import SCHEMA_VERSION
from .columns import (
    BOOL_COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    TABLES,
    TABLES_VERSION,
    rows_for,
    sources_of,
)

# (table, column) -> how to rebuild the list from the record: CSV joins these into one text cell.
LIST_COLUMNS: dict[tuple[str, str], Any] = {
    ("documents", "warnings"): None,
    ("documents", "sources"): None,
    ("recommendations", "actors"): lambda rec: [a.get("name", "") for a in rec.get("actors", [])],
    ("recommendations", "topics"): lambda rec: [t.get("id", "") for t in rec.get("topics", [])],
    ("key_actions", "actors"): lambda action: [a.get("name", "") for a in action.get("actors", [])],
    ("decisions", "actors"): lambda dec: [a.get("name", "") for a in dec.get("actors", [])],
    ("decisions", "topics"): lambda dec: [t.get("id", "") for t in dec.get("topics", [])],
}


def arrow_type(table: str, column: str) -> pa.DataType:
    if (table, column) in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in INTEGER_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def arrow_schema(table: str) -> pa.Schema:
    """The declared Parquet schema of one table; the column order is that of ``TABLES``."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    fields = [pa.field(c, arrow_type(table, c)) for c in TABLES[table]]
    return pa.schema(
        fields,
        metadata={
            "docket.table": table,
            "docket.schema_version": SCHEMA_VERSION,
            "docket.tables_version": TABLES_VERSION,
        },
    )


def typed_rows(table: str, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of ``columns.rows_for`` with typed values and real lists where CSV joins text.

    Shared by the Parquet exporter and ``Collection.to_frame()``, so both give the same values.
    """
    rows = rows_for(table, record)
    if table == "documents":
        for row in rows:
            lists = {"warnings": list(record.get("warnings", [])), "sources": sources_of(record["document"])}
            yield _coerce(table, {**row, **lists})
    elif table in ("recommendations", "decisions"):
        for row, rec in zip(rows, record.get(table, []), strict=True):
            lists = {col: build(rec) for (t, col), build in LIST_COLUMNS.items() if t == table}
            yield _coerce(table, {**row, **lists})
    elif table == "key_actions":
        actions = [
            a
            for r in record.get("recommendations", [])
            for a in (r.get("management_response") or {}).get("actions", [])
        ]
        for row, action in zip(rows, actions, strict=True):
            lists = {col: build(action) for (t, col), build in LIST_COLUMNS.items() if t == table}
            yield _coerce(table, {**row, **lists})
    else:
        for row in rows:
            yield _coerce(table, row)


def _coerce(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in TABLES[table]:
        value = row.get(column)
        if value is not None and (table, column) not in LIST_COLUMNS:
            if column in INTEGER_COLUMNS:
                value = int(value)
            elif column in FLOAT_COLUMNS:
                value = float(value)
            elif column in BOOL_COLUMNS:
                value = bool(value)
            elif not isinstance(value, str):
                value = str(value)
        out[column] = value
    return out


class ParquetExporter:
    """Rows of one table (``table=``) for every record written, in row groups of ``row_group_size``."""

    name = "parquet"
    suffix = ".parquet"

    def __init__(self, table: str = "recommendations", row_group_size: int = 10_000):
        self.schema = arrow_schema(table)
        self.table = table
        self.row_group_size = row_group_size

    def start(self, stream: IO[bytes]) -> None:
        self._rows: list[dict[str, Any]] = []
        self._groups = 0
        self._writer = pq.ParquetWriter(stream, self.schema, compression="zstd")

    def write(self, record: dict[str, Any]) -> None:
        self._rows.extend(typed_rows(self.table, record))
        if len(self._rows) >= self.row_group_size:
            self._flush()

    def finish(self) -> None:
        if self._rows or not self._groups:  # an empty table still gets one row group of the declared schema
            self._flush()
        self._writer.close()  # writes the footer; the stream it was handed stays open

    def _flush(self) -> None:
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
        self._rows = []
        self._groups += 1
