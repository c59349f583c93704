"""Tables people use without a join (tables 2.0): every record row carries its document's title,
symbol, year and date with its precision; SQL has NULL for missing text, integer pages and no
reserved words as column names."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch.catalog import Catalog
from pipeline.cli import cli
from pipeline.export.columns import DOCUMENT_CONTEXT, TABLES, TABLES_VERSION, date_precision

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
# SQLite keywords that cannot stand unquoted as a column name (a subset: those a table might use)
RESERVED = {"group", "table", "order", "select", "where", "from", "index", "default", "check", "references"}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tables")
    src = root / "in"
    src.mkdir()
    for name in ("neaspec-nfp-2021-concept-note.txt", "DP_2025_7.en.pdf"):
        shutil.copy(INPUTS / name, src)
    result = CliRunner().invoke(cli, ["ingest", str(src), "-o", str(root / "out"), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_no_reserved_word_is_a_column():
    assert not {c for columns in TABLES.values() for c in columns} & RESERVED


def test_every_record_row_names_its_document(out: Path):
    with (out / "csv" / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        documents = {r["document_id"]: r for r in csv.DictReader(fh)}
    for d in documents.values():
        assert d["year"] == d["date"][:4] and d["date_precision"] == (date_precision(d["date"]) or "")
    assert {d["date_precision"] for d in documents.values()} == {"day"}
    for table in ("sections", "objectives", "agenda_items", "recommendations", "actors", "topics"):
        with (out / "csv" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, table
        for row in rows:
            doc = documents[row["document_id"]]
            assert (row["document_title"], row["document_symbol"], row["document_date"]) == (
                doc["title"],
                doc["symbol"],
                doc["date"],
            )
            assert (
                row["document_year"] == doc["year"]
                and row["document_date_precision"] == doc["date_precision"]
            )


def test_sql_types_and_nulls(out: Path):
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'tables_version'").fetchone() == (
            TABLES_VERSION,
        )
        types = {t for (t,) in db.execute("SELECT DISTINCT typeof(page) FROM recommendations")}
        assert types <= {"integer", "null"} and "integer" in types
        assert db.execute(
            "SELECT count(*) FROM recommendations WHERE response_text = '' OR group_heading = ''"
        ).fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM documents WHERE warnings IS NULL").fetchone()[0] >= 1
        by_year = dict(
            db.execute("SELECT document_year, count(*) FROM recommendations GROUP BY document_year")
        )
        assert all(isinstance(y, int) for y in by_year) and sum(by_year.values()) > 0


def test_an_older_catalog_gets_the_new_tables_from_its_records(out: Path, tmp_path: Path):
    old = tmp_path / "catalog.sqlite"
    shutil.copy(out / "catalog.sqlite", old)
    with sqlite3.connect(old) as db:  # as tables 1.0 left it: a reserved word, no document columns
        db.execute("DROP TABLE recommendations")
        db.execute('CREATE TABLE recommendations (catalog_file, document_id, "group", "table")')
        db.execute("DELETE FROM meta WHERE key = 'tables_version'")
    Catalog(old).close()
    with sqlite3.connect(old) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(recommendations)")]
        # catalog_file, the declared columns, and the integer key the search index refers to
        assert columns[1:] == [*TABLES["recommendations"], "row_key"] and set(DOCUMENT_CONTEXT) <= set(
            columns
        )
        with sqlite3.connect(out / "catalog.sqlite") as fresh:
            want = fresh.execute("SELECT count(*) FROM recommendations").fetchone()
        assert db.execute("SELECT count(*) FROM recommendations").fetchone() == want
