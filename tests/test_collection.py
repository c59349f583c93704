"""The output folder is a collection: a second ingest adds to it, `docket remove` takes out, and
every flat output (json/, documents.jsonl, csv/, failures.csv, manifest, exports, report) is
rebuilt from the catalog after each run."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.content import content_key

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SEED = "neaspec-nfp-2021-concept-note"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ingest(out: Path, *paths: Path):
    return run("ingest", *map(str, paths), "-o", str(out), "--no-tag", "-q", "--workers", "1")


def jsonl_records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def held_sources(out: Path) -> list[str]:
    """The file names of every source the collection's documents list, in order."""
    return sorted(Path(p).name for r in jsonl_records(out) for p in r["document"]["sources"])


def jsonl_sources(out: Path) -> list[str]:
    return [Path(r["document"]["source_file"]).name for r in jsonl_records(out)]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def catalog_sources(out: Path) -> set[str]:
    with sqlite3.connect(out / "catalog.sqlite") as db:
        return {Path(n).name for (n,) in db.execute("SELECT source_file FROM documents")}


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Batch A: the seed as text, and a failing empty PDF; batch B: the seed as DOCX and PDF, and a report."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(INPUTS / f"{SEED}.txt", a)
    (a / "empty.pdf").write_bytes(b"")
    for suffix in ("docx", "pdf"):
        shutil.copy(INPUTS / f"{SEED}.{suffix}", b)
    shutil.copy(INPUTS / "DP_2025_7.en.pdf", b)
    return a, b


@pytest.mark.slow
def test_second_ingest_adds_to_the_collection(folders: tuple[Path, Path], tmp_path: Path):
    a, b = folders
    out = tmp_path / "out"
    assert ingest(out, a).exit_code == 3
    # exports and a report the user adds to the folder are part of the collection from now on
    assert run("export", str(out), "-o", str(out), "-f", "xlsx").exit_code == 0
    assert run("report", str(out), "--title", "Our meetings").exit_code == 0
    second = ingest(out, b)
    assert second.exit_code == 0, second.output
    assert second.output.startswith("3 ingested, 0 failed")
    everything = {f"{SEED}.txt", f"{SEED}.docx", f"{SEED}.pdf", "DP_2025_7.en.pdf"}
    # the seed in three formats is one document: its PDF's record, listing the three files
    documents = {f"{SEED}.pdf", "DP_2025_7.en.pdf"}
    assert set(jsonl_sources(out)) == documents == catalog_sources(out)
    seed = next(r for r in jsonl_records(out) if SEED in r["document"]["source_file"])
    assert [Path(p).parent.name + "/" + Path(p).name for p in seed["document"]["sources"]] == [
        f"b/{SEED}.pdf",
        f"b/{SEED}.docx",
        f"a/{SEED}.txt",
    ]
    table = {Path(r["source_file"]).name: r for r in csv_rows(out / "csv" / "documents.csv")}
    assert set(table) == documents
    assert table[f"{SEED}.pdf"]["sources"] == "; ".join(seed["document"]["sources"])
    assert table["DP_2025_7.en.pdf"]["sources"] == table["DP_2025_7.en.pdf"]["source_file"]
    assert {p.name for p in (out / "json").iterdir()} == {f"{n}.json" for n in documents}
    assert [Path(r["source_file"]).name for r in csv_rows(out / "failures.csv")] == ["empty.pdf"]
    with sqlite3.connect(out / "catalog.sqlite") as db:
        n_recs = db.execute("SELECT count(*) FROM recommendations").fetchone()[0]
        n_objectives = db.execute("SELECT count(*) FROM objectives").fetchone()[0]
        sql_sources = db.execute("SELECT sources FROM documents WHERE source_file LIKE '%.pdf'").fetchall()
    assert len(csv_rows(out / "csv" / "recommendations.csv")) == n_recs > 0
    # the record tables hold the seed's objectives once, not once per format
    assert n_objectives == len(seed["objectives"]) + sum(
        len(r["objectives"]) for r in jsonl_records(out) if r is not seed and r != seed
    )
    assert len(csv_rows(out / "csv" / "objectives.csv")) == n_objectives > 0
    assert ("; ".join(seed["document"]["sources"]),) in sql_sources
    header, *rows = openpyxl.load_workbook(out / "documents.xlsx")["documents"].iter_rows(values_only=True)
    assert {Path(row[header.index("source_file")]).name for row in rows} == documents
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>Our meetings</title>" in page and "empty.pdf" in page
    manifest = {Path(r["source_file"]).name: r for r in csv_rows(out / "manifest.csv")}
    assert set(manifest) == everything | {"empty.pdf"}
    assert manifest[f"{SEED}.txt"]["record_run"] == "1" and manifest["DP_2025_7.en.pdf"]["record_run"] == "2"
    # every source stays in the manifest; the copies name the source whose record stands for them
    originals = {n: Path(r["duplicate_of"]).name for n, r in manifest.items() if r["duplicate_of"]}
    assert originals == {f"{SEED}.docx": f"{SEED}.pdf", f"{SEED}.txt": f"{SEED}.pdf"}
    assert "same content as another source" in second.output


@pytest.mark.slow
def test_rerun_keeps_the_work_of_earlier_runs_in_the_manifest(folders: tuple[Path, Path], tmp_path: Path):
    a, b = folders
    out = tmp_path / "out"
    ingest(out, a)
    ingest(out, b)
    first = {Path(r["source_file"]).name: r for r in csv_rows(out / "manifest.csv")}
    again = ingest(out, b)
    assert again.output.startswith("0 ingested, 0 failed, 3 skipped"), again.output
    assert "same content" not in again.output, "the duplicates note is for the run that made them"
    rows = {Path(r["source_file"]).name: r for r in csv_rows(out / "manifest.csv")}
    assert set(rows) == set(first), "sources of batch A stay listed"
    pdf = rows["DP_2025_7.en.pdf"]
    assert (pdf["status"], pdf["reason"], pdf["run"]) == ("skipped", "unchanged", "3")
    assert (pdf["seconds"], pdf["pages"], pdf["record_run"]) == (
        first["DP_2025_7.en.pdf"]["seconds"],
        "7",
        "2",
    )
    assert float(pdf["seconds"]) > 0, "a skipped document keeps the time its reading took"
    assert rows[f"{SEED}.txt"] == first[f"{SEED}.txt"], "a source this run did not see keeps its row"


@pytest.mark.slow
def test_a_deleted_source_file_stays_in_the_collection(folders: tuple[Path, Path], tmp_path: Path):
    a, b = folders
    out = tmp_path / "out"
    ingest(out, b)
    (b / "DP_2025_7.en.pdf").unlink()
    ingest(out, a)
    assert "DP_2025_7.en.pdf" in jsonl_sources(out)


@pytest.mark.slow
def test_remove_by_glob_id_and_path_rebuilds_the_outputs(folders: tuple[Path, Path], tmp_path: Path):
    a, b = folders
    out = tmp_path / "out"
    ingest(out, a)
    ingest(out, b)
    nothing = run("remove", str(out), "*.docx", "no-such-*.pdf")
    assert nothing.exit_code == 1 and "'no-such-*.pdf'" in nothing.output
    assert f"{SEED}.docx" in held_sources(out), "a target matching nothing removes nothing"

    doc_id = next(
        json.loads(line)["document"]["id"]
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
        if "DP_2025_7" in line
    )
    result = run("remove", str(out), "*.docx", doc_id[:10], str(a / "empty.pdf"))
    assert result.exit_code == 0, result.output
    assert "3 removed" in result.output
    assert jsonl_sources(out) == [f"{SEED}.pdf"] and held_sources(out) == [f"{SEED}.pdf", f"{SEED}.txt"]
    assert catalog_sources(out) == {f"{SEED}.pdf"}
    assert {p.name for p in (out / "json").iterdir()} == {f"{SEED}.pdf.json"}
    assert csv_rows(out / "failures.csv") == []
    assert {Path(r["source_file"]).name for r in csv_rows(out / "manifest.csv")} == {
        f"{SEED}.pdf",
        f"{SEED}.txt",
    }
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute(
            "SELECT count(*) FROM recommendations WHERE document_id = ?", (doc_id,)
        ).fetchone() == (0,)
        n_objectives = db.execute("SELECT count(*) FROM objectives").fetchone()[0]
    # removing the source that stood for the document leaves it to the next one, rows and all
    assert run("remove", str(out), f"*{SEED}.pdf").exit_code == 0
    assert jsonl_sources(out) == held_sources(out) == [f"{SEED}.txt"]
    assert {p.name for p in (out / "json").iterdir()} == {f"{SEED}.txt.json"}
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("SELECT count(*) FROM objectives").fetchone()[0] == n_objectives > 0
        assert db.execute("SELECT source_file, sources FROM documents").fetchall() == [
            (str(a / f"{SEED}.txt"), str(a / f"{SEED}.txt"))
        ]


@pytest.mark.slow
def test_end_of_run_line_says_what_the_collection_holds(folders: tuple[Path, Path], tmp_path: Path):
    a, b = folders
    out = tmp_path / "out"
    ingest(out, a)
    result = run("ingest", str(b), "-o", str(out), "--no-tag", "--workers", "1")
    with sqlite3.connect(out / "catalog.sqlite") as db:
        recs = db.execute("SELECT count(*) FROM recommendations").fetchone()[0]
        items = db.execute("SELECT count(*) FROM agenda_items").fetchone()[0]
    line = result.output.splitlines()[1]
    assert line.startswith(
        f"the collection holds 2 documents ({recs} recommendations, {items} agenda items, "
    )
    assert f"{out / 'csv'}/" in line and str(out / "catalog.sqlite") in line


def test_decisions_are_part_of_what_makes_one_document():
    """Copies of a resolution (decisions only) are one document; two with other operative paragraphs
    are two; a record without decisions keeps the key it had before decisions were read."""
    head = {"document": {"doc_type": "resolution", "title": "Draft resolution", "symbol": "A/53/601"}}
    one = {**head, "decisions": [{"text": "Requests the Secretary-General to report"}]}
    other = {**head, "decisions": [{"text": "Decides to convene a conference"}]}
    assert content_key(one) == content_key(
        {**one, "decisions": [{"text": "requests the Secretary-General, to report"}]}
    )
    assert content_key(one) is not None and content_key(one) != content_key(other)
    recs = {**head, "recommendations": [{"text": "Strengthen the secretariat"}]}
    assert content_key(recs) == content_key({**recs, "decisions": []})
    assert content_key(head) is None
