"""The docket command: exit codes, Error: lines, outputs, determinism."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_help_has_examples():
    result = run("--help")
    assert result.exit_code == 0
    assert "docket ingest" in result.output
    for command in ("ingest", "show"):
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.output


def test_cli_ingest_seed_writes_every_output(tmp_path: Path, seed_txt: Path):
    out = tmp_path / "out"
    result = run("ingest", str(seed_txt), "-o", str(out), "--no-tag", "-q")
    assert result.exit_code == 0, result.output
    assert "1 ingested, 0 failed" in result.output
    record = json.loads((out / "json" / "neaspec-nfp-2021-concept-note.txt.json").read_text(encoding="utf-8"))
    assert record["document"]["doc_type"] == "concept_note"
    assert [r["number"] for r in record["recommendations"]] == [str(n) for n in range(1, 8)]
    for table in (
        "documents",
        "sections",
        "objectives",
        "agenda_items",
        "recommendations",
        "actors",
        "topics",
    ):
        raw = (out / "csv" / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.DictReader((out / "csv" / "recommendations.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 7 and all(r["document_id"] == record["document"]["id"] for r in rows)
    assert not list(out.rglob("*.tmp")), "temp files must not survive a run"


def test_cli_exit_3_when_some_files_fail(tmp_path: Path, seed_txt: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_txt, folder)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "not-a-pdf.pdf").write_bytes(b"this is plain text with a pdf name")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-o", str(out), "--no-tag", "-q"])
    assert result.exit_code == 3, result.output
    assert "1 ingested, 3 failed" in result.output
    failures = {
        r["source_file"]: r for r in csv.DictReader((out / "failures.csv").open(encoding="utf-8-sig"))
    }
    reasons = {Path(k).name: v["reason"] for k, v in failures.items()}
    assert reasons == {
        "empty.pdf": "empty",
        "legacy.doc": "unsupported_format",
        "not-a-pdf.pdf": "mislabelled",
    }
    assert all(Path(k).name in v["message"] for k, v in failures.items()), "each message names its file"


def test_cli_fatal_error_is_one_line_with_exit_1(tmp_path: Path, seed_txt: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["ingest", str(seed_txt), "-o", str(blocker / "out"), "--no-tag", "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in result.output


def test_cli_usage_error_exit_2():
    result = CliRunner().invoke(cli, ["ingest"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_cli_same_input_same_bytes(tmp_path: Path, seed_txt: Path):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert run("ingest", str(seed_txt), "-o", str(out), "--no-tag", "-q").exit_code == 0
        # the records; manifest.csv and the catalog describe the run itself (timings) and may differ
        outs.append(
            {
                p.relative_to(out): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file()
                and p.name not in ("manifest.csv", "catalog.sqlite")
                and not p.name.startswith(".")
            }
        )
    assert outs[0] == outs[1]
    assert (Path("json") / "neaspec-nfp-2021-concept-note.txt.json") in outs[0]


def test_cli_show_prints_summary(seed_txt: Path):
    result = run("show", str(seed_txt), "--no-tag")
    assert result.exit_code == 0
    assert "Recommendations (7)" in result.output and "Opening Session" in result.output


def test_docx_size_limit_comes_from_settings(tmp_path: Path, sources: Path):
    from pipeline.process import process_file

    docx = sources / "neaspec-nfp-2021-concept-note.docx"
    assert process_file(docx, {"tag": False}).document is not None
    tight = process_file(docx, {"tag": False, "max_docx_uncompressed": 1000})
    assert tight.failure is not None and tight.failure.reason == "too_large"


def test_issue_17_bad_taxonomy_stops_the_run_with_exit_1(tmp_path: Path, seed_txt: Path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "docket.toml").write_text('[nlp]\ntaxonomies = ["mine.toml"]\n', encoding="utf-8")
    (config / "mine.toml").write_text(
        '[[topics]]\nid = "a"\nlabel = "A"\nlemmas = ["x"]\n[[topics]]\nid = "a"\nlabel = "B"\nlemmas = ["y"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(seed_txt), "-o", str(out), "--config", str(config), "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {(config / 'mine.toml').resolve()} (topics[1].id): duplicate topic id 'a'"
    )
    assert not (out / "json").exists(), "no document is read with a bad taxonomy"
