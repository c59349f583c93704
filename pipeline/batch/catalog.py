"""The catalog: an SQLite database in the output folder (``catalog.sqlite``).

``files`` records every source of the collection by name and content hash, with the versions
and the run that produced its record; ``runs`` and ``manifest`` record each run; the record tables (``documents``,
``sections``, ``recommendations``...) hold the records with the CSV columns, so a whole
collection can be queried and joined on ``document_id``. Sources with the same content (one text
as PDF, DOCX and TXT, or a copy: ``content.content_key``) are one document: its rows are in the
record tables once, under its primary source (``content.primary_first``), and its ``documents`` row
lists every source (``sources``). Their keys and search indexes: ``catalog_tables``. Only the main process writes;
WAL lets readers (``sqlite3``, a second run waiting on the lock) look in meanwhile.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import content_key, primary_first, with_sources
from ..errors import DocketError
from ..export.columns import TABLES, TABLES_VERSION, rows_for
from ..outputs import CATALOG_NAME, path_key
from .catalog_tables import FILE_KEY, create_record_tables, drop_record_tables, insert_sql, sql_type


class CatalogError(DocketError):
    pass


def catalog_error(path: Path, error: sqlite3.Error) -> CatalogError:
    """One line for an SQLite error on the catalog, saying what happened and what to do."""
    name = getattr(error, "sqlite_errorname", "") or ""
    detail = " ".join(str(error).split())[:200]
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in detail or "not a database" in detail:
        return CatalogDamagedError(path, detail)
    if name == "SQLITE_FULL" or "disk is full" in detail:
        return CatalogError(
            f"{path}: no space left to write the catalog ({detail}). The documents saved before are "
            "intact: free some space and run the same command to finish."
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in detail:
        return CatalogError(
            f"{path}: the catalog could not be written ({detail}); the disk may be full or failing. The "
            "documents saved before are intact: free some space and run the same command to finish."
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or "readonly" in detail:
        return CatalogError(
            f"{path}: cannot write the catalog ({detail}); make the folder writable or choose another -o folder"
        )
    return CatalogError(f"{path}: the catalog cannot be used ({detail})")


class CatalogDamagedError(CatalogError):
    """The catalog cannot be read or fails its integrity check; the fix is `docket repair`."""

    def __init__(self, path: Path, detail: str):
        self.path = path
        super().__init__(
            f"{path}: the catalog is damaged ({detail}); nothing was changed. Rebuild it from the "
            f"collection's records with: docket repair {path.parent}"
        )


__all__ = [
    "CATALOG_NAME",
    "FILE_KEY",
    "Catalog",
    "CatalogDamagedError",
    "CatalogError",
    "Entry",
    "catalog_error",
    "sql_type",
]
SCHEMA_VERSION = 2  # 2: files.work_run, files.content_key

FILE_COLUMNS = (
    "source_file",
    "abspath",
    "sha256",
    "size",
    "mtime_ns",
    "document_id",
    "status",
    "reason",
    "message",
    "pages",
    "seconds",
    "pipeline_version",
    "extraction_version",
    "tagging_version",
    "record",
    "untagged",
    "updated",
    "work_run",
    "content_key",
)
# Columns added after the first catalogs were written: (name, SQL type), added on open.
ADDED_FILE_COLUMNS = (("work_run", "INTEGER"), ("content_key", "TEXT"))
MANIFEST_COLUMNS = (
    "run_id",
    "seq",
    "source_file",
    "status",
    "reason",
    "message",
    "pages",
    "seconds",
    "sha256",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    source_file TEXT PRIMARY KEY, abspath TEXT, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    document_id TEXT, status TEXT, reason TEXT, message TEXT, pages INTEGER, seconds REAL,
    pipeline_version TEXT, extraction_version TEXT, tagging_version TEXT,
    record TEXT, untagged TEXT, updated REAL, work_run INTEGER, content_key TEXT);
CREATE INDEX IF NOT EXISTS files_sha256 ON files (sha256);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, started REAL, finished REAL, command TEXT,
    ingested INTEGER, skipped INTEGER, failed INTEGER);
CREATE TABLE IF NOT EXISTS manifest (
    run_id INTEGER, seq INTEGER, source_file TEXT, status TEXT, reason TEXT, message TEXT,
    pages INTEGER, seconds REAL, sha256 TEXT, PRIMARY KEY (run_id, seq));
CREATE INDEX IF NOT EXISTS manifest_source ON manifest (source_file, run_id);
"""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_value(value: Any) -> Any:
    """A cell as SQL stores it: missing text is NULL (never ''), booleans 0/1, lists JSON text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if value == "":
        return None
    return value


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of ``files``: what the catalog knows about a source."""

    source_file: str
    abspath: str
    sha256: str | None  # None for a recovered or failed entry
    size: int | None
    mtime_ns: int | None
    document_id: str | None
    status: str
    reason: str | None
    message: str | None
    pages: int | None
    seconds: float | None
    pipeline_version: str
    extraction_version: str
    tagging_version: str
    record: str | None
    untagged: str | None
    updated: float | None = None
    work_run: int | None = None  # the run that made this record (or failure)
    content_key: str | None = None  # pipeline.content.content_key of the record: one text in several formats


class Catalog:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self._open()
        except sqlite3.Error as e:
            if hasattr(self, "db"):
                self.db.close()
            raise catalog_error(self.path, e) from e

    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self.db.create_collation("path", _compare_paths)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # A damaged page may hide anywhere (a truncated copy, a bad sector): check every page now,
        # before the run trusts the catalog, rather than fail or skip wrongly half-way.
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise CatalogDamagedError(self.path, " ".join("; ".join(problems).split())[:200])
        with self.transaction():
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            have = {row[1] for row in self.db.execute("PRAGMA table_info(files)")}
            for column, column_type in ADDED_FILE_COLUMNS:
                if column not in have:
                    self.db.execute(f"ALTER TABLE files ADD COLUMN {column} {column_type}")
            self.db.execute("CREATE INDEX IF NOT EXISTS files_content ON files (content_key)")
            rebuild_tables = self.get_meta("tables_version") != TABLES_VERSION
            if rebuild_tables:  # the table schema changed: the record tables are made again below
                drop_record_tables(self.db)
            create_record_tables(self.db)
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            if rebuild_tables:
                self._refold_all()
                self.set_meta("tables_version", TABLES_VERSION)

    def close(self) -> None:
        self.db.close()

    def transaction(self):
        return _Transaction(self.db)

    # -- files ---------------------------------------------------------------------------------

    def entries(self) -> dict[str, tuple]:
        """name -> (size, mtime_ns, sha256, status, pipeline, extraction, tagging): the small index a run plans with."""
        rows = self.db.execute(
            "SELECT source_file, size, mtime_ns, sha256, status, reason, pipeline_version, extraction_version, "
            "tagging_version FROM files"
        )
        return {r[0]: r[1:] for r in rows}

    def get(self, source_file: str, with_record: bool = True) -> Entry | None:
        """The stored entry; ``with_record=False`` leaves the (large) record columns out."""
        columns = [c if with_record or c not in ("record", "untagged") else "NULL" for c in FILE_COLUMNS]
        row = self.db.execute(
            f"SELECT {', '.join(columns)} FROM files WHERE source_file = ?", (source_file,)
        ).fetchone()
        return Entry(*row) if row else None

    def find_record(self, sha256: str, pipeline: str, extraction: str) -> Entry | None:
        """A stored record for the same bytes under any name, made by the same extraction."""
        row = self.db.execute(
            f"SELECT {', '.join(FILE_COLUMNS)} FROM files WHERE sha256 = ? AND pipeline_version = ? "
            "AND extraction_version = ? AND record IS NOT NULL ORDER BY source_file LIMIT 1",
            (sha256, pipeline, extraction),
        ).fetchone()
        return Entry(*row) if row else None

    def put(self, entry: Entry) -> None:
        """Store a source's outcome and replace its document's rows in the record tables (call
        inside a transaction)."""
        old_key = self._content_key(entry.source_file)
        record = json.loads(entry.record) if entry.record is not None else None
        key = content_key(record) if record else None
        computed = {"updated": time.time(), "content_key": key}
        values = [computed[c] if c in computed else getattr(entry, c) for c in FILE_COLUMNS]
        self.db.execute(
            f"INSERT OR REPLACE INTO files ({', '.join(FILE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(FILE_COLUMNS))})",
            values,
        )
        self._delete_rows(entry.source_file)
        if old_key is not None and old_key != key:
            self._fold(old_key)  # the document this source held before has one source less
        if key is not None:
            self._fold(key)
        elif record is not None:
            self._insert_rows(entry.source_file, with_sources(record, [entry.source_file]))

    def _content_key(self, source_file: str) -> str | None:
        row = self.db.execute(
            "SELECT content_key FROM files WHERE source_file = ?", (source_file,)
        ).fetchone()
        return row[0] if row else None

    def _fold(self, key: str) -> None:
        """Give the document with this content its rows once, under its primary source, with
        every source of the collection that holds it listed in ``sources``."""
        names = [
            name
            for (name,) in self.db.execute(
                "SELECT source_file FROM files WHERE content_key = ? AND record IS NOT NULL "
                "ORDER BY source_file COLLATE path",
                (key,),
            )
        ]
        for name in names:
            self._delete_rows(name)
        if names:
            sources = primary_first(names)
            (record,) = self.db.execute(
                "SELECT record FROM files WHERE source_file = ?", (sources[0],)
            ).fetchone()
            self._insert_rows(sources[0], with_sources(json.loads(record), sources))

    def _refold_all(self) -> None:
        """Fill the record tables again from the stored records (after a change of their schema)."""
        keys: set[str] = set()
        for name, text in self.db.execute(
            "SELECT source_file, record FROM files WHERE record IS NOT NULL"
        ).fetchall():
            record = json.loads(text)
            key = content_key(record)
            self.db.execute("UPDATE files SET content_key = ? WHERE source_file = ?", (key, name))
            self._delete_rows(name)
            if key is None:
                self._insert_rows(name, with_sources(record, [name]))
            else:
                keys.add(key)
        for key in sorted(keys):
            self._fold(key)

    def _insert_rows(self, source_file: str, record: dict[str, Any]) -> None:
        for table, columns in TABLES.items():
            rows = [[source_file, *(_sql_value(r.get(c)) for c in columns)] for r in rows_for(table, record)]
            if rows:
                self.db.executemany(insert_sql(table), rows)

    def touch(self, source_file: str, size: int, mtime_ns: int, abspath: str) -> None:
        self.db.execute(
            "UPDATE files SET size = ?, mtime_ns = ?, abspath = ? WHERE source_file = ?",
            (size, mtime_ns, abspath, source_file),
        )

    def forget(self, source_file: str) -> None:
        """Take a source out; its document stays, under another source, while one holds it."""
        key = self._content_key(source_file)
        self.db.execute("DELETE FROM files WHERE source_file = ?", (source_file,))
        self._delete_rows(source_file)
        if key is not None:
            self._fold(key)

    def _delete_rows(self, source_file: str) -> None:
        for table in TABLES:
            self.db.execute(f"DELETE FROM {_q(table)} WHERE {FILE_KEY} = ?", (source_file,))

    def moved_away(self, seen_run: int) -> list[str]:
        """Sources not seen by this run whose file is gone and whose bytes this run saw under
        another name: the old names of moved files. A source that is merely gone (a cleared
        inbox) stays in the collection until ``docket remove``."""
        rows = self.db.execute(
            "SELECT source_file, abspath FROM files f WHERE source_file NOT IN "
            "(SELECT source_file FROM manifest WHERE run_id = ?) AND sha256 IN "
            "(SELECT sha256 FROM manifest WHERE run_id = ? AND sha256 IS NOT NULL)",
            (seen_run, seen_run),
        )
        return [name for name, abspath in rows if not abspath or not Path(abspath).exists()]

    # -- the collection ------------------------------------------------------------------------

    def collection(self, with_record: bool = True) -> Iterator[Entry]:
        """Every source of the collection, in the collection's order (outputs.path_key)."""
        columns = [c if with_record or c not in ("record", "untagged") else "NULL" for c in FILE_COLUMNS]
        cur = self.db.execute(f"SELECT {', '.join(columns)} FROM files ORDER BY source_file COLLATE path")
        for row in cur:
            yield Entry(*row)

    def documents(self) -> dict[str, list[str]]:
        """source_file -> the sources of its document (primary first), for every source with a record."""
        groups: dict[str, list[str]] = {}
        out: dict[str, list[str]] = {}
        for name, key in self.db.execute(
            "SELECT source_file, content_key FROM files WHERE record IS NOT NULL ORDER BY source_file COLLATE path"
        ):
            if key is None:
                out[name] = [name]
            else:
                groups.setdefault(key, []).append(name)
        for names in groups.values():
            sources = primary_first(names)
            out.update(dict.fromkeys(names, sources))
        return out

    def match(self, pattern: str) -> list[str]:
        """Sources a ``docket remove`` argument names: a source path as ingested (or the same file
        by absolute path), a document id (or its first 8+ hex digits), or a glob on the path or
        the file name."""
        absolute = os.path.abspath(pattern)
        hits = []
        for name, abspath, doc_id in self.db.execute("SELECT source_file, abspath, document_id FROM files"):
            if (
                pattern in (name, doc_id)
                or absolute == abspath
                or (doc_id and len(pattern) >= 8 and doc_id.startswith(pattern))
                or fnmatch.fnmatchcase(name, pattern)
                or fnmatch.fnmatchcase(Path(name).name, pattern)
            ):
                hits.append(name)
        return sorted(hits, key=path_key)

    def table_counts(self) -> dict[str, int]:
        """Rows in each record table: what the collection's csv/ files hold."""
        return {t: self.db.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in TABLES}

    def last_seen(self) -> dict[str, dict[str, Any]]:
        """source_file -> the manifest row of the last run that looked at it."""
        cur = self.db.execute(
            f"SELECT {', '.join('m.' + c for c in MANIFEST_COLUMNS)} FROM manifest m JOIN "
            "(SELECT source_file, max(run_id) AS run_id FROM manifest GROUP BY source_file) last "
            "USING (source_file, run_id)"
        )
        return {row[2]: dict(zip(MANIFEST_COLUMNS, row, strict=True)) for row in cur}

    def fingerprint(self) -> tuple[str, int]:
        """A hash of what the collection files would hold, and how many documents they have."""
        h = hashlib.sha256()
        for entry in self.collection(with_record=False):
            h.update(json.dumps([entry.source_file, entry.status, entry.reason, entry.updated]).encode())
        (n,) = self.db.execute("SELECT count(*) FROM documents").fetchone()
        return h.hexdigest(), n

    # -- runs and manifest ---------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction():
            cur = self.db.execute("INSERT INTO runs (started, command) VALUES (?, ?)", (time.time(), command))
        assert cur.lastrowid is not None  # an INSERT sets it
        return cur.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, ingested = ?, skipped = ?, failed = ? WHERE run_id = ?",
            (
                time.time(),
                counts.get("ingested", 0),
                counts.get("skipped", 0),
                counts.get("failed", 0),
                run_id,
            ),
        )

    def add_manifest(self, row: dict[str, Any]) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO manifest VALUES ({', '.join('?' * len(MANIFEST_COLUMNS))})",
            [row.get(c) for c in MANIFEST_COLUMNS],
        )

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _compare_paths(a: str, b: str) -> int:
    ka, kb = path_key(a), path_key(b)
    return (ka > kb) - (ka < kb)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
