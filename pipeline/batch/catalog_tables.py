"""The catalog's record tables in SQL: declared types, keys, and full-text search.

The keys and search indexes live in ``catalog.sqlite`` itself, so plain ``datasette catalog.sqlite``
(or any SQL tool) links each record to its document and has a search box, without ``docket serve``:

- ``documents.catalog_file`` (the document's primary source) is its primary key and refers to
  ``files.source_file``; every record table's ``catalog_file`` refers to it. SQLite does not
  enforce these unless asked (``PRAGMA foreign_keys``), and docket does not ask: they describe the
  tables, they never refuse a write.
- Record tables of one row per record are unique on (``catalog_file``, ``record_id``).
- ``recommendations``, ``agenda_items``, ``objectives`` and ``decisions`` get an FTS5 index
  (``<table>_fts``, external content) kept in step by triggers in the same transaction as each
  write, so a killed run cannot leave it behind its table. The searched tables have an ``INTEGER PRIMARY KEY``
  (``row_key``): the index refers to rows by rowid, and ``VACUUM`` renumbers the rowids of a table
  without one, which would point the index at the wrong rows.

Where SQLite was built without FTS5 the catalog has no search index; nothing else changes.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from ..export.columns import BOOL_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, TABLES

# Each record table's link to files.source_file (documents.source_file is the record's own field).
FILE_KEY = "catalog_file"
ROW_KEY = "row_key"
# Record tables whose rows are one record each: unique on (catalog_file, record_id).
ONE_ROW_PER_RECORD = ("sections", "objectives", "agenda_items", "recommendations", "decisions")
# Full-text search: table -> its searched columns.
SEARCHED: dict[str, tuple[str, ...]] = {
    "recommendations": ("title", "text", "actors_raw", "response_text"),
    "agenda_items": ("title", "description", "speakers"),
    "objectives": ("text",),
    "decisions": ("instrument_title", "text"),
}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_type(column: str) -> str:
    if column in INTEGER_COLUMNS or column in BOOL_COLUMNS:
        return "INTEGER"
    return "REAL" if column in FLOAT_COLUMNS else "TEXT"


def fts_table(table: str) -> str:
    return f"{table}_fts"


@cache
def fts5_available() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    except sqlite3.Error:
        return False
    return True


def create_table_sql(table: str) -> str:
    columns = TABLES[table]
    key = f"{q(FILE_KEY)} TEXT " + (
        "PRIMARY KEY REFERENCES files(source_file)"
        if table == "documents"
        else "REFERENCES documents(catalog_file)"
    )
    defs = [key, *(f"{q(c)} {sql_type(c)}" for c in columns)]
    if table in SEARCHED:
        defs.append(f"{q(ROW_KEY)} INTEGER PRIMARY KEY")
    if table in ONE_ROW_PER_RECORD:
        defs.append(f"UNIQUE ({q(FILE_KEY)}, record_id)")
    return f"CREATE TABLE IF NOT EXISTS {q(table)} ({', '.join(defs)})"


def insert_sql(table: str) -> str:
    """INSERT of one row: ``catalog_file`` then the table's columns (``row_key`` is assigned)."""
    columns = (FILE_KEY, *TABLES[table])
    return f"INSERT INTO {q(table)} ({', '.join(map(q, columns))}) VALUES ({', '.join('?' * len(columns))})"


def create_record_tables(db: sqlite3.Connection) -> None:
    """The record tables, their indexes, and (with FTS5) their search indexes and triggers."""
    for table in TABLES:
        db.execute(create_table_sql(table))
        if table != "documents":
            db.execute(f"CREATE INDEX IF NOT EXISTS {q(table + '_file')} ON {q(table)} ({FILE_KEY})")
        db.execute(f"CREATE INDEX IF NOT EXISTS {q(table + '_doc')} ON {q(table)} (document_id)")
    if not fts5_available():
        return
    for table, columns in SEARCHED.items():
        fts, cols = q(fts_table(table)), ", ".join(map(q, columns))
        new = ", ".join(f"new.{q(c)}" for c in columns)
        old = ", ".join(f"old.{q(c)}" for c in columns)
        exists = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (fts_table(table),)).fetchone()
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content={q(table)}, "
            f"content_rowid={q(ROW_KEY)})"
        )
        insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.{q(ROW_KEY)}, {new});"
        delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.{q(ROW_KEY)}, {old});"
        for name, event, body in (
            ("ai", "INSERT", insert),
            ("ad", "DELETE", delete),
            ("au", "UPDATE", delete + " " + insert),
        ):
            db.execute(
                f"CREATE TRIGGER IF NOT EXISTS {q(f'{table}_{name}')} AFTER {event} ON {q(table)} "
                f"BEGIN {body} END"
            )
        if not exists:  # a table that had rows before its index: index them
            db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def drop_record_tables(db: sqlite3.Connection) -> None:
    """Drop the record tables and their search indexes (their triggers go with them)."""
    for table in SEARCHED:
        db.execute(f"DROP TABLE IF EXISTS {q(fts_table(table))}")
    for table in TABLES:
        db.execute(f"DROP TABLE IF EXISTS {q(table)}")
