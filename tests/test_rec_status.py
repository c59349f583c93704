"""Implementation status per recommendation (issue 14): printed beside the wording, or taken from
its key actions, normalised with [responses] of the vocabulary, and in the exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SOURCES

from pipeline.cli import cli
from pipeline.parse.responses import status_category
from pipeline.process import process_file

PROGRESS = (
    "Evaluation report\n\nRecommendations\n\n"
    "Recommendation 1. The secretariat should publish every evaluation report within six months of its "
    "completion. Completed to planned scope in 2023.\n\n"
    "Recommendation 2. Member States should provide predictable core funding for the regional programme. "
    "On track for completion by 2028.\n\n"
    "Recommendation 3. The secretariat should review the terms of reference of the audit committee.\n"
)


@pytest.mark.parametrize(
    ("printed", "category"),
    [
        ("Completed to planned scope in 2023.", "implemented"),  # "planned" comes later: not "not started"
        ("On track for completion by 2028.", "in progress"),
        ("Not initiated", "not started"),
        ("Partially implemented", "in progress"),
        ("Outside the remit of UNDP", "outside remit"),
        ("Closure requested", ""),  # a status of its own: printed, not normalised
    ],
)
def test_status_category_takes_the_first_cue(printed: str, category: str):
    assert status_category(printed) == category


def test_a_status_printed_after_the_wording_is_the_recommendations_status(tmp_path: Path):
    path = tmp_path / "progress.txt"
    path.write_text(PROGRESS, encoding="utf-8")
    recs = process_file(path, {"tag": False}).document.recommendations
    assert [(r.number, r.status, r.status_category) for r in recs] == [
        ("1", "Completed to planned scope in 2023.", "implemented"),
        ("2", "On track for completion by 2028.", "in progress"),
        ("3", "", ""),
    ]
    assert recs[0].text.endswith("within six months of its completion.")  # the status left the wording
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out), "--no-tag", "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "csv" / "recommendations.csv").open(encoding="utf-8-sig")))
    assert [(r["status"], r["status_category"]) for r in rows] == [
        ("Completed to planned scope in 2023.", "implemented"),
        ("On track for completion by 2028.", "in progress"),
        ("", ""),
    ]


def test_without_a_printed_status_the_key_actions_give_it():
    """DP/2025/7 reports each key action's status ('Not initiated', 'Initiated'); a recommendation
    whose actions share one state has it, one whose actions differ is in progress once any began."""
    doc = process_file(SOURCES / "DP_2025_7.en.pdf", {"tag": False}).document
    for rec in doc.recommendations:
        actions = rec.management_response.actions if rec.management_response else ()
        states = {a.status_category for a in actions if a.status_category}
        assert rec.status == ""
        if len(states) == 1:
            assert rec.status_category == next(iter(states))
        elif states & {"implemented", "in progress"}:
            assert rec.status_category == "in progress"
        else:
            assert rec.status_category == ""
    by_number = {r.number: r for r in doc.recommendations}
    assert by_number["2"].status_category == "not started"
    assert sum(1 for r in doc.recommendations if r.status_category) >= 3
