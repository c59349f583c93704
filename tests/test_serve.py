"""`docket serve`: the browsing copy (keys, key actions, FTS5), its Datasette metadata, and
Datasette itself answering over it (facets, search, canned queries), recounted here in SQL."""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.cli.serve_cli import prepare
from pipeline.export.columns import TABLES
from pipeline.serve.browse import SEARCHED, browse_columns, fts_table
from pipeline.serve.metadata import DATABASE, FACETS, QUERIES

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SOURCES = ("neaspec-nfp-2021-concept-note.txt", "DP_2025_7.en.pdf", "IOM MANAGEMENT RESPONSE MATRIX.pdf")
DATA_SOURCES = Path(__file__).resolve().parent / "data" / "sources"
RESOLUTION = "A_53_601.en.pdf"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    src = root / "in"
    src.mkdir()
    for name in SOURCES:
        shutil.copy(INPUTS / name, src)
    shutil.copy(DATA_SOURCES / RESOLUTION, src)  # a draft resolution: rows for the decisions table
    result = CliRunner().invoke(cli, ["ingest", str(src), "-o", str(root / "out"), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return root / "out"


@pytest.fixture(scope="module")
def browse(out: Path, tmp_path_factory) -> tuple[Path, Path]:
    return prepare(out / "catalog.sqlite", tmp_path_factory.mktemp("browse"))


def test_no_catalog_is_one_error_line(tmp_path: Path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path}: no catalog.sqlite here; make one with: docket ingest SOURCES -o {tmp_path}"
    ]


def test_a_busy_port_is_one_error_line(out: Path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(out), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use); choose another with --port"
    ]


def test_the_catalog_is_only_read(out: Path, tmp_path: Path):
    catalog = out / "catalog.sqlite"
    before = hashlib.sha256(catalog.read_bytes()).hexdigest()
    prepare(catalog, tmp_path)
    assert hashlib.sha256(catalog.read_bytes()).hexdigest() == before
    assert {p.name for p in out.iterdir() if p.name.startswith("catalog")} <= {
        "catalog.sqlite",
        "catalog.sqlite-wal",
        "catalog.sqlite-shm",
    }


def test_records_link_to_their_documents(browse):
    db = sqlite3.connect(browse[0])
    assert [r[5] for r in db.execute("PRAGMA table_info(documents)") if r[1] == "catalog_file"] == [1]
    for table in TABLES:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        assert tuple(columns) == browse_columns(table)
        if table == "documents":
            continue
        keys = [(r[2], r[3], r[4]) for r in db.execute(f"PRAGMA foreign_key_list({table})")]
        assert keys == [("documents", "catalog_file", "catalog_file")]
        orphans = db.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN documents d USING (catalog_file) WHERE d.catalog_file IS NULL"
        ).fetchone()[0]
        assert orphans == 0
    rows = db.execute("SELECT catalog_file, page, source_page FROM recommendations").fetchall()
    assert rows and any(page for _, page, _ in rows)
    for source, page, source_page in rows:  # a text file has no pages: the file alone
        assert source_page == (f"{source}, p. {page}" if page else source)


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


@pytest.mark.parametrize("table", sorted(SEARCHED))
def test_search_finds_every_row_with_the_word(browse, table: str):
    """FTS5 MATCH returns exactly the rows whose searched columns contain the word (recounted in Python)."""
    db = sqlite3.connect(browse[0])
    columns = SEARCHED[table]
    rows = db.execute(f"SELECT rowid, {', '.join(columns)} FROM {table}").fetchall()
    assert rows
    words = {w for row in rows for c in row[1:] for w in _words(c) if len(w) > 5 and w.isalpha()}
    for word in sorted(words)[:: max(1, len(words) // 15)]:
        expected = {row[0] for row in rows if any(word in _words(c) for c in row[1:])}
        found = {
            r[0]
            for r in db.execute(
                f"SELECT rowid FROM {fts_table(table)} WHERE {fts_table(table)} MATCH ?", (word,)
            )
        }
        assert found == expected, word


def test_key_actions_are_searchable(browse):
    db = sqlite3.connect(browse[0])
    rows = db.execute(
        "SELECT r.number, r.key_actions FROM recommendations_fts f JOIN recommendations r ON r.rowid = f.rowid "
        "WHERE recommendations_fts MATCH 'key_actions:barriers'"
    ).fetchall()
    assert [n for n, _ in rows] == ["A.1"]
    assert "identify barriers" in rows[0][1]


def _datasette(browse):
    import json

    from datasette.app import Datasette

    db, meta = browse
    return Datasette(immutables=[str(db)], metadata=json.loads(meta.read_text()))


def _get(ds, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


@pytest.mark.parametrize("table", sorted(TABLES))
def test_facet_counts_equal_sql_counts(browse, table: str):
    ds = _datasette(browse)
    data = _get(ds, f"/{DATABASE}/{table}.json")
    assert set(data["facet_results"]) == set(FACETS[table])
    db = sqlite3.connect(browse[0])
    for column, facet in data["facet_results"].items():
        shown = {item["value"]: item["count"] for item in facet["results"]}
        counts = dict(
            db.execute(
                f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
            )
        )  # Datasette lists no empty value
        assert shown == {k: v for k, v in counts.items() if k in shown}, column
        assert len(shown) == min(len(counts), 30), column


def test_datasette_search_box_uses_fts(browse):
    ds = _datasette(browse)
    db = sqlite3.connect(browse[0])
    for table in SEARCHED:
        data = _get(ds, f"/{DATABASE}/{table}.json?_search=secretariat&_shape=objects&_size=max")
        expected = {
            r[0]
            for r in db.execute(
                f"SELECT t.record_id FROM {fts_table(table)} f JOIN {table} t ON t.rowid = f.rowid "
                f"WHERE {fts_table(table)} MATCH 'secretariat'"
            )
        }
        assert {row["record_id"] for row in data["rows"]} == expected


def test_canned_queries(browse):
    ds = _datasette(browse)
    db = sqlite3.connect(browse[0])
    assert set(QUERIES) <= set(
        _get(ds, f"/{DATABASE}.json")["queries"][i]["name"] for i in range(len(QUERIES))
    )
    rows = _get(ds, f"/{DATABASE}/recommendations_to_actor.json?actor=Secretariat&_shape=array")
    expected = db.execute(
        "SELECT count(*) FROM actors WHERE name LIKE '%Secretariat%' OR actor_id = 'Secretariat'"
    ).fetchone()[0]
    assert expected > 0 and len(rows) == expected
    assert all("secretariat" in r["actor"].lower() for r in rows)
    rows = _get(ds, f"/{DATABASE}/recommendations_without_response.json?_shape=array")
    expected = db.execute("SELECT count(*) FROM recommendations WHERE response_category IS NULL").fetchone()[
        0
    ]
    assert len(rows) == expected


def test_a_read_only_folder_is_served(out: Path, tmp_path: Path):
    """A WAL catalog in a read-only folder (a shared drive mounted read-only): served, unchanged.
    The folder is made read-only with a bind mount, which needs root; chmod does not stop root."""
    import os
    import subprocess

    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root")
    src, ro = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    with sqlite3.connect(src / "catalog.sqlite") as copy:  # a WAL catalog, checkpointed: no -wal, no -shm
        sqlite3.connect(out / "catalog.sqlite").backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    assert sorted(p.name for p in src.iterdir()) == ["catalog.sqlite"]
    ro.mkdir()
    (tmp_path / "browse").mkdir()
    mounted = subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("bind mounts are not allowed here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        db, _ = prepare(ro / "catalog.sqlite", tmp_path / "browse")
        expected = (
            sqlite3.connect(out / "catalog.sqlite").execute("SELECT count(*) FROM documents").fetchone()
        )
        assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone() == expected
        assert sorted(p.name for p in ro.iterdir() if p.name.startswith("catalog")) == ["catalog.sqlite"]
    finally:
        subprocess.run(["umount", str(ro)], check=True)
