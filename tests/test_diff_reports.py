"""Report writers, the loader and the CLI commands of the diff feature."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_path

from pipeline.cells import neutralise
from pipeline.cli.diff_cli import diff_command, history_command
from pipeline.diff import Change, DiffInputError, Kind, compare, history
from pipeline.diff.report_csv import COLUMNS, write_csv
from pipeline.diff.report_html import write_html
from pipeline.diff.report_json import write_json
from pipeline.diff.report_md import md, write_markdown
from pipeline.load import load_document
from pipeline.models import (
    DocType,
    Document,
    DocumentInfo,
    KeyAction,
    ManagementResponse,
    Provenance,
    Recommendation,
)
from pipeline.records_io import document_from_dict, load_document_json

DATA = Path(__file__).parent / "data" / "diff"
SEED = DATA / "seed_original.json"
EDIT_A = DATA / "seed_edited_a.json"
EDIT_B = DATA / "seed_edited_b.json"


def _doc(*texts: str, date: str = "2025-01-01") -> Document:
    recs = tuple(Recommendation(str(k + 1), t, Provenance("x.json")) for k, t in enumerate(texts))
    return Document(
        DocumentInfo(id=date, source_file=f"{date}.json", sha256="", format="json", date=date),
        recommendations=recs,
    )


def _render(writer, report) -> str:
    buf = io.StringIO(newline="")
    writer(report, buf)
    return buf.getvalue()


def _csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV report, which starts with a UTF-8 BOM like the export tables."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_diff_reports_csv_one_row_per_pair_with_declared_columns():
    old, new = load_document(SEED), load_document(EDIT_A)
    report = compare(old, new, tuple(Kind))
    rows = _csv_rows(_render(write_csv, report))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == sum(len(p) for _k, p in report.sections)
    split = next(r for r in rows if r["change"] == "split")
    assert (split["old_number"], split["new_number"]) == ("4", "3; 4")
    # the records are named as in the export tables: recommendations.csv's record_id
    assert (split["old_document_id"], split["new_document_id"]) == (old.info.id, new.info.id)
    assert split["old_record_id"] == f"{old.info.id}:rec:4"
    assert split["new_record_id"] == f"{new.info.id}:rec:3; {new.info.id}:rec:4"
    assert next(r for r in rows if r["change"] == "added")["old_record_id"] == ""
    reworded = next(r for r in rows if r["kind"] == "recommendations" and r["change"] == "reworded")
    assert ["replace", ["enhance"], ["increase"]] in json.loads(reworded["word_ops"])


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_diff_reports_csv_formula_cells_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    report = compare(_doc("Keep this."), _doc("Keep this.", cell + " evaluations"))
    rows = _csv_rows(_render(write_csv, report))
    added = next(r for r in rows if r["change"] == "added")
    assert added["new_text"] == "'" + cell + " evaluations"
    raw = io.StringIO(newline="")
    write_csv(report, raw, safe=False)
    assert cell + " evaluations" in raw.getvalue()


def test_diff_reports_json_counts_match_pairs():
    report = compare(load_document(SEED), load_document(EDIT_A), tuple(Kind))
    data = json.loads(_render(write_json, report))
    for kind, pairs in data["changes"].items():
        for change, n in data["counts"][kind].items():
            assert n == sum(p["change"] == change for p in pairs)
    assert data["counts"]["total"]["split"] == 1 and data["counts"]["total"]["merged"] == 1


def test_diff_reports_html_escapes_text_everywhere():
    evil = '<script>alert(1)</script> " onmouseover="x \' <img src=x>'
    report = compare(
        _doc("Publish reports."), _doc("Publish reports.", evil), old_label="<a>", new_label='"b"'
    )
    out = _render(write_html, report)
    assert "<script>alert" not in out and "<img" not in out and 'onmouseover="x' not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&quot; onmouseover=&quot;x" in out
    assert out.count("<script>") == 1  # the filter script
    assert "http://" not in out and "https://" not in out
    seen: list[tuple[str, str]] = []

    class Attrs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.extend((tag, name) for name, _v in attrs)

    Attrs().feed(out)
    assert [a for a in seen if a[1] in ("src", "href") or a[1].startswith("on")] == [("link", "href")]
    assert {t for t, _a in seen} <= {
        "html",
        "meta",
        "link",
        "table",
        "tr",
        "td",
        "th",
        "span",
        "input",
        "label",
        "fieldset",
        "h2",
    }


def test_diff_reports_markdown_escapes_and_shows_redline():
    report = compare(load_load("s4_DP_2025_6.en.json"), load_load("s4_DP_2025_7.en.json"))
    out = _render(write_markdown, report)
    assert "| reworded | 7 | 7 |" in out
    assert "Shift the focus of **the** quality assurance process" in out
    assert md("a|b <i>*x*</i>") == "a\\|b \\<i\\>\\*x\\*\\</i\\>"


def load_load(name: str) -> Document:
    return load_document(DATA / name)


def test_diff_reports_history_lineages_follow_items_across_versions():
    v1 = _doc("Strengthen the evaluation function.", "Publish all reports.", date="1996-11-01")
    v2 = _doc("Publish all reports.", "Strengthen the evaluation function now.", date="1997-11-01")
    v3 = _doc("Strengthen the evaluation function now.", "Hire auditors.", date="1998-11-01")
    report = history([v3, v1, v2])  # given out of order
    assert [v.date for v in report.versions] == ["1996-11-01", "1997-11-01", "1998-11-01"]
    lines = dict(report.sections)[Kind.RECOMMENDATIONS]
    numbers = [[";".join(i.label for i in c) for c in ln.cells] for ln in lines]
    assert ["1", "2", "1"] in numbers  # strengthen: reworded, then moved to the front again
    assert ["2", "1", ""] in numbers  # publish: dropped in 1998
    assert ["", "", "2"] in numbers
    strengthen = lines[numbers.index(["1", "2", "1"])]
    assert strengthen.steps == ("reworded", "renumbered")


def test_diff_records_io_round_trip_of_a_full_record():
    data = json.loads(SEED.read_text(encoding="utf-8"))
    doc = document_from_dict(data)
    again = document_from_dict(doc.to_dict(), strict=True)
    assert again == doc
    assert load_document_json(SEED) == doc


def test_diff_load_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DiffInputError, match="bad.json: not a readable JSON record"):
        load_document(bad)
    other = tmp_path / "other.json"
    other.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DiffInputError, match="other.json: not a docket document record"):
        load_document(other)


def test_diff_cli_writes_all_formats(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(diff_command, [str(SEED), str(EDIT_A), "-o", str(out), "--what", "all"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["diff.csv", "diff.html", "diff.json", "diff.md"]
    assert "1 split" in result.output and "1 merged" in result.output
    data = json.loads((out / "diff.json").read_text(encoding="utf-8"))
    assert set(data["changes"]) == {"recommendations", "decisions", "agenda", "objectives"}


def test_diff_cli_format_choice_and_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(diff_command, [str(SEED), str(EDIT_B), "-o", str(tmp_path), "--format", "csv,md"])
    assert result.exit_code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["diff.csv", "diff.md"]
    result = runner.invoke(diff_command, [str(SEED), str(EDIT_B), "-o", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = runner.invoke(diff_command, [str(SEED), str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ") and "bad.json" in result.output


def test_diff_cli_history_from_a_folder(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    for p in (SEED, EDIT_A, EDIT_B):
        shutil.copy(p, folder / p.name)
    out = tmp_path / "out"
    result = CliRunner().invoke(history_command, [str(folder), "-o", str(out), "--what", "all"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "history.csv",
        "history.html",
        "history.json",
        "history.md",
    ]
    data = json.loads((out / "history.json").read_text(encoding="utf-8"))
    assert len(data["versions"]) == 3
    # history.csv: a BOM, and columns named by the versions' files, with their record ids
    raw = (out / "history.csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw[1:], newline="")))
    names = [v["label"] for v in data["versions"]]
    assert sorted(names) == sorted(p.name for p in (SEED, EDIT_A, EDIT_B))
    assert list(rows[0])[2:5] == [f"{names[0]} document_id", f"{names[0]} record_id", f"{names[0]} number"]
    assert f"{names[0]} -> {names[1]}" in rows[0] and f"{names[1]} -> {names[2]}" in rows[0]
    assert not any(c.startswith(("v1_", "step_")) for c in rows[0])
    rec = next(r for r in rows if r["kind"] == "recommendations" and r[f"{names[0]} number"] == "1")
    first_id = data["versions"][0]["document_id"]
    assert (rec[f"{names[0]} document_id"], rec[f"{names[0]} record_id"]) == (first_id, f"{first_id}:rec:1")
    result = CliRunner().invoke(history_command, [str(SEED), str(EDIT_A), "-o", str(out)])
    assert result.exit_code == 2 and "three or more" in result.output


def test_diff_load_source_document_through_ingest():
    """A source document goes through pipeline.process; the seed .txt against its hand-made record."""
    source = shared_path("corpus", "seed", "neaspec-nfp-2021-concept-note.txt")
    report = compare(load_document(source), load_document(SEED), tuple(Kind))
    assert report.counts(Kind.RECOMMENDATIONS)["unchanged"] == 7
    assert report.counts(Kind.OBJECTIVES)["unchanged"] == 3


def test_diff_cli_output_is_deterministic(tmp_path):
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(
            diff_command, [str(SEED), str(EDIT_A), "-o", str(tmp_path / name), "--what", "all"]
        )
        assert result.exit_code == 0
    for fmt in ("diff.html", "diff.md", "diff.csv", "diff.json"):
        assert (tmp_path / "a" / fmt).read_bytes() == (tmp_path / "b" / fmt).read_bytes(), fmt


def test_diff_history_html_escapes_text():
    from pipeline.diff.history import write_history_html

    evil = "<script>alert(1)</script> x"
    docs = [_doc(evil, date=d) for d in ("2020-01-01", "2021-01-01", "2022-01-01")]
    out = _render(write_history_html, history(docs))
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_diff_reports_responses_and_no_response_in_every_format():
    """A report against its management response: the answered recommendation's response change is
    shown word by word, the unanswered one is "no response" (issue 14)."""
    report_doc = _doc("Strengthen the evaluation function.", "Publish the reports within six months.")
    answered = dataclasses.replace(
        report_doc.recommendations[0],
        management_response=ManagementResponse(
            "partially accepted",
            "UNDP partially agrees <b>for</b> reasons.",
            actions=(KeyAction("Prepare inputs", time_frame="June 2025", status="Not initiated"),),
        ),
    )
    response_doc = dataclasses.replace(
        report_doc,
        info=dataclasses.replace(report_doc.info, id="mr", doc_type=DocType.MANAGEMENT_RESPONSE),
        recommendations=(answered,),
    )
    report = compare(report_doc, response_doc)
    first, second = report.pairs(Kind.RECOMMENDATIONS)
    assert first.change is Change.UPDATED
    assert [k for k, _a, _b in first.detail_changes] == ["response", "response text", "key actions"]
    assert first.detail_changes[2][2] == "Prepare inputs (June 2025; Not initiated)"
    assert second.change is Change.NO_RESPONSE and report.counts()["removed"] == 0
    # the other way round (response first) the unanswered recommendation is not "added" either
    assert compare(response_doc, report_doc).pairs(Kind.RECOMMENDATIONS)[1].change is Change.NO_RESPONSE

    page = _render(write_html, report)
    assert 'class="pair c-no-response"' in page and 'data-change="no response"' in page
    assert '<div class="detail" data-detail="response"><b>response:</b> <ins>partially accepted</ins>' in page
    assert "&lt;b&gt;for&lt;/b&gt;" in page and "<b>for</b>" not in page
    text = _render(write_markdown, report)
    assert "response: – → partially accepted" in text and "| no response | 2 |" in text
    row = next(r for r in _csv_rows(_render(write_csv, report)) if r["change"] == "updated")
    assert json.loads(row["detail_changes"])[0] == ["response", "", "partially accepted"]


@pytest.mark.slow
def test_diff_cli_records_from_an_ingested_folder_are_not_read_again(tmp_path, monkeypatch):
    """--records OUT: sources that `docket ingest` stored in OUT are taken from its catalog (issue 14)."""
    from pipeline.cli import cli

    source = Path(__file__).parent / "data" / "sources" / "neaspec-nfp-2021-concept-note.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    old = folder / "old.txt"
    new = folder / "new.txt"
    old.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(
        source.read_text(encoding="utf-8").replace("Honour the notion", "Respect the notion"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-o", str(out), "--no-tag", "-q"])
    assert result.exit_code == 0, result.output
    fresh = CliRunner().invoke(
        diff_command, [str(old), str(new), "-o", str(tmp_path / "fresh"), "--format", "json"]
    )
    assert fresh.exit_code == 0, fresh.output

    import pipeline.process

    def no_extraction(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(pipeline.process, "process_file", no_extraction)
    stored = CliRunner().invoke(
        diff_command,
        [str(old), str(new), "-o", str(tmp_path / "stored"), "--format", "json", "--records", str(out)],
    )
    assert stored.exit_code == 0, stored.output
    assert f"2 record(s) from {out / 'catalog.sqlite'}" in stored.output
    data = json.loads((tmp_path / "stored" / "diff.json").read_text(encoding="utf-8"))
    assert data["counts"]["total"]["reworded"] == 1
    # the same pairs and word changes as reading the files (actors aside: the folder is untagged)
    fresh_data = json.loads((tmp_path / "fresh" / "diff.json").read_text(encoding="utf-8"))

    def pairs(report):
        return [
            (p["old_number"], p["new_number"], p["word_ops"]) for p in report["changes"]["recommendations"]
        ]

    assert pairs(data) == pairs(fresh_data)

    # a file the catalog does not hold is read (here: refused by the patched reader, with its name)
    other = folder / "other.txt"
    other.write_text("Recommendation 1. Keep the secretariat informed of all meetings.\n", encoding="utf-8")
    missing = CliRunner().invoke(
        diff_command, [str(old), str(other), "-o", str(tmp_path / "x"), "--records", str(out)]
    )
    assert missing.exit_code != 0
    bad = CliRunner().invoke(
        diff_command, [str(old), str(new), "-o", str(tmp_path / "y"), "--records", str(folder)]
    )
    assert bad.exit_code == 1 and "no catalog.sqlite" in bad.output


def test_diff_history_step_to_a_management_response_says_no_response():
    report_doc = _doc("Strengthen the evaluation function.", "Publish the reports within six months.")
    response_doc = dataclasses.replace(
        report_doc,
        info=dataclasses.replace(
            report_doc.info, id="mr", date="2025-02-01", doc_type=DocType.MANAGEMENT_RESPONSE
        ),
        recommendations=report_doc.recommendations[:1],
    )
    later = dataclasses.replace(
        report_doc, info=dataclasses.replace(report_doc.info, id="later", date="2026-01-01")
    )
    (lines,) = [lines for _k, lines in history([report_doc, response_doc, later]).sections]
    steps = {ln.cells[0][0].number: ln.steps for ln in lines if ln.cells[0]}
    assert steps["1"] == ("unchanged", "unchanged")
    assert steps["2"][0] == "no response"
