"""Keys and full-text search in catalog.sqlite itself: plain `datasette catalog.sqlite` links
records to their documents and searches them, and the search index follows every write (a
removal, a re-ingest) and survives VACUUM, without ever refusing a write."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch.catalog_tables import SEARCHED, fts5_available, fts_table
from pipeline.cli import cli

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SEED = "neaspec-nfp-2021-concept-note"
WORD = "secretariat"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in (f"{SEED}.txt", f"{SEED}.docx", "DP_2025_7.en.pdf"):
        shutil.copy(INPUTS / name, src)
    done = run("ingest", str(src), "-o", str(tmp_path / "out"), "-q", "--no-tag", "--workers", "1")
    assert done.exit_code == 0, done.output
    return tmp_path / "out"


def found(db: sqlite3.Connection, table: str, word: str) -> list[tuple]:
    """Rows the search index finds, and the rows a plain scan of the searched columns finds."""
    fts = fts_table(table)
    hits = db.execute(
        f"SELECT t.catalog_file, t.record_id FROM {fts} JOIN {table} t ON t.row_key = {fts}.rowid "
        f"WHERE {fts} MATCH ? ORDER BY 1, 2",
        (word,),
    ).fetchall()
    pattern = re.compile(rf"\b{word}\b", re.I)
    scanned = sorted(
        (row[0], row[1])
        for row in db.execute(f"SELECT catalog_file, record_id, {', '.join(SEARCHED[table])} FROM {table}")
        if any(pattern.search(str(v or "")) for v in row[2:])
    )
    return [hits, scanned]


def check_index(catalog: Path) -> None:
    with sqlite3.connect(catalog) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table in SEARCHED:
            db.execute(f"INSERT INTO {fts_table(table)} ({fts_table(table)}) VALUES ('integrity-check')")
            hits, scanned = found(db, table, WORD)
            assert hits == scanned, table
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.skipif(not fts5_available(), reason="this SQLite has no FTS5")
def test_catalog_has_keys_and_search_that_follow_every_write(out: Path):
    catalog = out / "catalog.sqlite"
    with sqlite3.connect(catalog) as db:
        assert found(db, "recommendations", WORD)[0], "the word is in the recommendations"
        links = {
            (t, r[2], r[3], r[4])
            for t in ("recommendations", "objectives")
            for r in db.execute(f"PRAGMA foreign_key_list({t})")
        }
        assert links == {
            ("recommendations", "documents", "catalog_file", "catalog_file"),
            ("objectives", "documents", "catalog_file", "catalog_file"),
        }
        assert db.execute("PRAGMA foreign_key_list(documents)").fetchone()[2:5] == (
            "files",
            "catalog_file",
            "source_file",
        )
    check_index(catalog)

    # the seed's primary source goes: its document moves to the DOCX, the index follows
    assert run("remove", str(out), f"*{SEED}.docx").exit_code == 0
    check_index(catalog)
    assert run("remove", str(out), "DP_2025_7*").exit_code == 0
    check_index(catalog)
    with sqlite3.connect(catalog) as db:
        assert [Path(n).name for (n,) in db.execute("SELECT catalog_file FROM documents")] == [f"{SEED}.txt"]
        hits, scanned = found(db, "recommendations", WORD)
        assert hits == scanned and {Path(n).name for n, _ in hits} == {f"{SEED}.txt"}


@pytest.mark.skipif(not fts5_available(), reason="this SQLite has no FTS5")
def test_search_survives_vacuum(out: Path):
    catalog = out / "catalog.sqlite"
    with sqlite3.connect(catalog) as db:
        before = {t: found(db, t, WORD)[0] for t in SEARCHED}
    assert run("remove", str(out), f"*{SEED}.txt").exit_code == 0  # gaps in the rowids
    with sqlite3.connect(catalog) as db:
        kept = {t: found(db, t, WORD)[0] for t in SEARCHED}
        db.execute("VACUUM")
        assert {t: found(db, t, WORD)[0] for t in SEARCHED} == kept
    check_index(catalog)
    assert before["recommendations"] == kept["recommendations"], "the seed's PDF still stands for it"


@pytest.mark.skipif(not fts5_available(), reason="this SQLite has no FTS5")
def test_plain_datasette_on_the_catalog_searches_and_links(out: Path):
    datasette_app = pytest.importorskip("datasette.app")
    ds = datasette_app.Datasette(immutables=[str(out / "catalog.sqlite")])

    def get(path: str):
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    with sqlite3.connect(out / "catalog.sqlite") as db:
        expected = len(found(db, "recommendations", WORD)[1])
        title = db.execute("SELECT title FROM documents WHERE source_file LIKE '%DP_2025_7%'").fetchone()[0]
    rows = get(f"/catalog/recommendations.json?_search={WORD}&_shape=array&_size=max")
    assert len(rows) == expected > 0
    # the foreign key: each record is shown with its document, labelled by its title
    labelled = get("/catalog/recommendations.json?_labels=on&_shape=array&_size=1")[0]
    assert labelled["catalog_file"]["label"] == title


def test_records_read_from_the_catalog_are_the_collections(out: Path):
    """Reading a catalog directly (`docket export OUT/catalog.sqlite`) gives one record per
    document, as documents.jsonl does, not one per file."""
    import json

    from pipeline.api import iter_records

    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    from_catalog = list(iter_records(out / "catalog.sqlite"))
    assert from_catalog == [json.loads(line) for line in lines]
    assert len(from_catalog) == 2


@pytest.mark.skipif(not fts5_available(), reason="this SQLite has no FTS5")
def test_decisions_are_keyed_and_searched_in_the_catalog(tmp_path: Path):
    """The decisions table (tables 2.1) has the keys and the search index of the other record tables."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(
        Path(__file__).resolve().parent / "data" / "sources" / "A_53_601.en.pdf", src
    )  # a draft resolution
    done = run("ingest", str(src), "-o", str(tmp_path / "out"), "-q", "--no-tag", "--workers", "1")
    assert done.exit_code == 0, done.output
    catalog = tmp_path / "out" / "catalog.sqlite"
    check_index(catalog)
    with sqlite3.connect(catalog) as db:
        assert {r[2:5] for r in db.execute("PRAGMA foreign_key_list(decisions)")} == {
            ("documents", "catalog_file", "catalog_file")
        }
        texts = [t for (t,) in db.execute("SELECT text FROM decisions") if t]
        assert texts, "the draft resolution has operative paragraphs"
        word = max(re.findall(r"[A-Za-z]{6,}", texts[0]), key=len)
        hits, scanned = found(db, "decisions", word)
        assert hits == scanned and hits
        with pytest.raises(sqlite3.IntegrityError):  # one row per record
            db.execute(
                "INSERT INTO decisions (catalog_file, record_id) SELECT catalog_file, record_id FROM decisions LIMIT 1"
            )
