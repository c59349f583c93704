"""The browsing copy of a catalog: the record tables with their keys declared, for Datasette.

The catalog itself is never changed (it may be read-only, or in use by a run): ``build`` reads it
read-only and writes a copy where ``documents`` has a primary key (``catalog_file``, the primary
source of the document: one row per document, whatever number of files hold it), every record
table points to it with a foreign key (so Datasette shows each record's document by title and
links to it), and each record carries ``source_page`` ("file, p. N") to find it in
its source. The columns are those of ``pipeline.export.columns``, so the copy never drifts.
Recommendations also carry their management response's key actions (from the records), and
recommendations, agenda items, objectives and decisions get FTS5 indexes for Datasette's search box.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from ..batch.catalog import FILE_COLUMNS, FILE_KEY, CatalogError, catalog_error, sql_type
from ..batch.catalog_tables import ONE_ROW_PER_RECORD, fts_table
from ..export.columns import TABLES, TABLES_VERSION

SOURCE_PAGE = "source_page"
KEY_ACTIONS = "key_actions"  # the management response's key actions, which the flat tables leave out
# Full-text search (SQLite FTS5): table -> its searched columns; Datasette's search box uses them.
SEARCHED = {
    "recommendations": ("title", "text", "actors_raw", "response_text", KEY_ACTIONS),
    "agenda_items": ("title", "description", "speakers"),
    "objectives": ("text",),
    "decisions": ("instrument_title", "text"),
}
# The catalog's run tables, copied as they are (the big JSON columns of files and its bookkeeping are left out).
_FILES_LEFT_OUT = frozenset({"mtime_ns", "record", "untagged", "updated", "content_key"})
RUN_TABLES = {
    "files": tuple(c for c in FILE_COLUMNS if c not in _FILES_LEFT_OUT),
    "runs": ("run_id", "started", "finished", "command", "ingested", "skipped", "failed"),
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def browse_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` in the browsing copy, in order."""
    extra: tuple[str, ...] = (SOURCE_PAGE,) if "page" in TABLES[table] else ()
    if table == "recommendations":
        extra += (KEY_ACTIONS,)
    return (FILE_KEY, *TABLES[table], *extra)


def create_sql(table: str) -> str:
    defs = [f"{_q(c)} {sql_type(c)}" for c in browse_columns(table)]
    if table == "documents":
        defs[0] += " PRIMARY KEY REFERENCES files(source_file)"
    else:
        defs[0] += " REFERENCES documents(catalog_file)"
        if table in ONE_ROW_PER_RECORD:
            defs.append(f"PRIMARY KEY ({FILE_KEY}, record_id)")
    return f"CREATE TABLE {_q(table)} ({', '.join(defs)})"


def build(catalog: Path, dest: Path) -> Path:
    """Write the browsing copy of ``catalog`` to ``dest`` (replaced) and return ``dest``."""
    dest.unlink(missing_ok=True)
    db = sqlite3.connect(dest, isolation_level=None, uri=False)
    try:
        _attach(db, catalog)
    except sqlite3.Error as e:
        db.close()
        raise catalog_error(catalog, e) from e
    try:
        _check(catalog, db)
        db.execute("BEGIN")
        for table in TABLES:
            db.execute(create_sql(table))
            copied = ", ".join(_q(c) for c in (FILE_KEY, *TABLES[table]))
            db.execute(f"INSERT INTO {_q(table)} ({copied}) SELECT {copied} FROM src.{_q(table)}")
            if SOURCE_PAGE in browse_columns(table):
                db.execute(
                    f"UPDATE {_q(table)} SET {SOURCE_PAGE} = {FILE_KEY} || coalesce(', p. ' || page, '')"
                )
            db.execute(f"CREATE INDEX {_q(table + '_doc')} ON {_q(table)} (document_id)")
        _fill_key_actions(db)
        for table, columns in SEARCHED.items():
            cols = ", ".join(_q(c) for c in columns)
            fts = _q(fts_table(table))
            db.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content={_q(table)}, content_rowid=rowid)"
            )
            db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
        for table, columns in RUN_TABLES.items():
            cols = ", ".join(_q(c) for c in columns)
            db.execute(f"CREATE TABLE {_q(table)} AS SELECT {cols} FROM src.{_q(table)}")
        db.execute("COMMIT")
    except sqlite3.Error as e:
        raise catalog_error(catalog, e) from e
    finally:
        db.close()
    return dest


def _attach(db: sqlite3.Connection, catalog: Path) -> None:
    """Attach the catalog read-only. A WAL catalog in a read-only folder cannot be opened so
    (SQLite must create its -shm file); nothing can write there either, so it is read as immutable."""
    uri = catalog.resolve().as_uri()
    try:
        db.execute("ATTACH DATABASE ? AS src", (f"{uri}?mode=ro",))
        db.execute("SELECT count(*) FROM src.sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if os.access(catalog.parent, os.W_OK):
            raise
        if _attached(db):
            db.execute("DETACH DATABASE src")
        db.execute("ATTACH DATABASE ? AS src", (f"{uri}?immutable=1",))


def _attached(db: sqlite3.Connection) -> bool:
    return any(row[1] == "src" for row in db.execute("PRAGMA database_list"))


def _fill_key_actions(db: sqlite3.Connection) -> None:
    """recommendations.key_actions from the records: each key action's cells, one action a line."""
    rows = []
    for source, record in db.execute("SELECT source_file, record FROM src.files WHERE record IS NOT NULL"):
        record = json.loads(record)
        doc_id = record["document"]["id"]
        for i, rec in enumerate(record.get("recommendations", []), 1):
            actions = ((rec.get("management_response") or {}).get("key_actions")) or []
            text = "\n".join(" | ".join(v for v in a.values() if v) for a in actions)
            if text:
                rows.append((text, source, f"{doc_id}:rec:{i}"))
    db.executemany(
        f"UPDATE recommendations SET {KEY_ACTIONS} = ? WHERE {FILE_KEY} = ? AND record_id = ?", rows
    )


def _check(catalog: Path, db: sqlite3.Connection) -> None:
    """The catalog has the record tables this docket writes (an older one is brought up to date by
    the next ingest or ``docket repair``)."""
    have = {r[0] for r in db.execute("SELECT name FROM src.sqlite_master WHERE type = 'table'")}
    if not {"meta", "files", *TABLES} <= have:
        raise CatalogError(f"{catalog}: not a docket catalog (no documents/recommendations tables)")
    row = db.execute("SELECT value FROM src.meta WHERE key = 'tables_version'").fetchone()
    if not row or row[0] != TABLES_VERSION:
        raise CatalogError(
            f"{catalog}: the catalog's tables are version {row[0] if row else 'unknown'}, this docket "
            f"reads {TABLES_VERSION}; bring it up to date with: docket repair {catalog.parent}"
        )
