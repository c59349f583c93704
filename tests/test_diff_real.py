"""Diffs of real document pairs through ingest (S3 draft vs Rev.1, S4 two responders, S5 programme
versions, S7 an evaluation report against its management response)."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.diff_cli import diff_command
from pipeline.diff import Change, Kind, compare
from pipeline.diff.report_csv import write_csv
from pipeline.load import load_document

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

SOURCES = Path(__file__).parent / "data" / "sources"


@cache
def _load(name: str):
    return load_document(SOURCES / name)


def test_diff_real_s4_recommendation_7_gains_the():
    report = compare(_load("DP_2025_6.en.pdf"), _load("DP_2025_7.en.pdf"))
    pairs = {p.new_number: p for p in report.pairs(Kind.RECOMMENDATIONS)}
    rec7 = pairs["7"]
    assert rec7.change is Change.REWORDED and rec7.old_number == "7"
    assert ("insert", (), ("the",)) in [(op.op, op.old, op.new) for op in rec7.ops if op.op != "equal"]
    assert report.counts()["added"] == report.counts()["removed"] == 0


def test_diff_real_s4_response_category_change_is_reported():
    report = compare(_load("DP_2025_6.en.pdf"), _load("DP_2025_7.en.pdf"))
    pairs = {p.new_number: p for p in report.pairs(Kind.RECOMMENDATIONS)}
    details = {k: (a, b) for k, a, b in pairs["7"].detail_changes}
    # the IEO "partially accepts" recommendation 7; UNDP "agrees with" it
    assert details["response"] == ("partially accepted", "accepted")
    assert "response text" in details and "key actions" in details
    # a pair whose wording is the same but whose response differs is updated, never unchanged
    assert all(p.change is not Change.UNCHANGED for p in pairs.values())


def test_diff_real_s3_reflow_is_not_reported_but_descriptions_are():
    report = compare(_load("E_ICEF_2025_11.en.pdf"), _load("E_ICEF_2025_11_Rev.1.en.pdf"), [Kind.AGENDA])
    pairs = report.pairs(Kind.AGENDA)
    assert len(pairs) >= 20
    assert [p for p in pairs if p.change is Change.REWORDED or p.ops] == []
    assert {p.change for p in pairs} <= {Change.UNCHANGED, Change.MOVED, Change.UPDATED}
    by_number = {p.new_number: p for p in pairs}
    (change,) = by_number["10"].detail_changes
    name, old, new = change
    assert name == "description"
    assert old.startswith("For decision (E/ICEF/2025/18)")
    assert new.startswith("For information (E/ICEF/2025/18/Rev.1)")
    assert by_number["10"].change is Change.UPDATED
    # reflowed descriptions (most items) are not changes
    assert sum(p.change is Change.UNCHANGED for p in pairs) >= 15


def test_diff_real_s5_speaker_changes_are_changes():
    report = compare(
        _load("UEW2026 Program-A4-V2904.pdf"), _load("UEW2026 Program-A4-V0105.pdf"), [Kind.AGENDA]
    )
    pairs = report.pairs(Kind.AGENDA)
    changed_speakers = [p for p in pairs if p.old and p.new and (p.actors_added or p.actors_removed)]
    assert changed_speakers
    assert all(p.change is not Change.UNCHANGED for p in changed_speakers)
    titled = next(p for p in changed_speakers if "Prof. Serge Eric Yakeu Djiam" in p.actors_added)
    assert titled.actors_removed == ("Mr. Serge Eric Yakeu Djiam",)
    assert titled.change is Change.UPDATED


def test_diff_real_s7_unanswered_recommendations_are_no_response():
    report = compare(
        _load("IOM Niger - MIRAA III - Final Evaluation Report (003).pdf"),
        _load("IOM MANAGEMENT RESPONSE MATRIX.pdf"),
    )
    pairs = report.pairs(Kind.RECOMMENDATIONS)
    unanswered = [p.old_number for p in pairs if p.change is Change.NO_RESPONSE]
    assert unanswered == ["5", "6"]
    assert report.counts()["removed"] == report.counts()["added"] == 0
    links = {p.old_number: p.new_number for p in pairs if p.old and p.new}
    assert links["1"] == "A.1" and links["22"] == "F.1" and len(links) == 20

    # the CSV names each record as the export tables do, and starts with a BOM
    buf = io.StringIO(newline="")
    write_csv(report, buf)
    text = buf.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    old_id, new_id = report.old.document_id, report.new.document_id
    first = rows[0]
    assert (first["old_record_id"], first["new_record_id"]) == (f"{old_id}:rec:1", f"{new_id}:rec:1")
    no_response = [r for r in rows if r["change"] == "no response"]
    assert [r["old_record_id"] for r in no_response] == [f"{old_id}:rec:5", f"{old_id}:rec:6"]
    assert all(r["new_record_id"] == "" == r["new_document_id"] for r in no_response)


def test_diff_real_default_diff_of_two_agendas_compares_the_agendas(tmp_path: Path):
    result = CliRunner().invoke(
        diff_command,
        [
            str(SOURCES / "E_ICEF_2025_11.en.pdf"),
            str(SOURCES / "E_ICEF_2025_11_Rev.1.en.pdf"),
            "-o",
            str(tmp_path),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "no version has recommendations or decisions; compared the agenda items (--what agenda)"
        in result.output
    )
    assert "nothing to compare" not in result.output
    rows = list(csv.DictReader((tmp_path / "diff.csv").open(encoding="utf-8-sig")))
    assert len(rows) >= 20 and {r["kind"] for r in rows} == {"agenda"}

    asked = CliRunner().invoke(
        diff_command,
        [
            str(SOURCES / "E_ICEF_2025_11.en.pdf"),
            str(SOURCES / "E_ICEF_2025_11_Rev.1.en.pdf"),
            "-o",
            str(tmp_path / "asked"),
            "--what",
            "recommendations",
        ],
    )
    assert asked.exit_code == 0
    assert (
        "nothing to compare: no version has recommendations; they have agenda items: use --what agenda"
        in (asked.output)
    )
