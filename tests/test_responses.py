"""Management responses kept whole, and key actions as records in every table export (issue 14)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.batch.catalog import FILE_COLUMNS, Catalog, Entry
from pipeline.export.columns import TABLES, rows_for
from pipeline.export.writer import OutputWriter
from pipeline.parse.responses import due_date, key_action, make_response, response_category, status_category
from pipeline.process import process_file

SOURCES = Path(__file__).parent / "data" / "sources"


@pytest.fixture(scope="module")
def dp7():
    """DP/2025/7 (series S4): UNDP's management response, with key-action tables."""
    return process_file(SOURCES / "DP_2025_7.en.pdf").document


@pytest.fixture(scope="module")
def aap():
    """The AAP management response matrix (DOCX): responses of several paragraphs."""
    return process_file(SOURCES / "AAP Evaluation - Management Response Final.docx").document


def _recs(doc):
    return {r.number: r for r in doc.recommendations}


def test_responses_whole_text_of_a_reasoned_response(dp7):
    mr = _recs(dp7)["1"].management_response
    assert mr.category == "partially accepted"
    assert mr.text.startswith("UNDP partially agrees with this recommendation for the following reasons:")
    # the reasons listed after the colon are part of the response, up to its last sentence
    assert "(b) In the context of depleting core resources" in mr.text
    assert mr.text.endswith("This can be taken forward in the updated policy.")


def test_responses_group_heading_printed_mid_response_is_not_its_text(dp7):
    mr = _recs(dp7)["5"].management_response
    assert "Area 3" not in mr.text
    assert "regional bureaus to focus more closely on strategic evaluations" in mr.text


def test_responses_categories_of_s4(dp7):
    cats = {n: r.management_response.category for n, r in _recs(dp7).items()}
    assert cats["6"] == "rejected"
    assert cats["7"] == "accepted"
    assert cats["1"] == "partially accepted"


def test_responses_docx_matrix_keeps_every_paragraph(aap):
    mr = _recs(aap)["1"].management_response
    assert mr.category == "accepted"
    assert mr.text.startswith("AAP unit accepts the recommendation.")
    assert "Protection and AAP Division" in mr.text  # a later sentence, lost when only the first was kept


def test_responses_key_actions_are_records(dp7):
    actions = _recs(dp7)["2"].management_response.actions
    assert len(actions) == 1
    a = actions[0]
    assert a.text.startswith("Prepare inputs to the drafting of the new evaluation policy")
    assert a.time_frame == "June 2025" and a.due == "2025-06"
    assert a.status == "Not initiated" and a.status_category == "not started"
    assert {x.name for x in a.actors} >= {"IEO", "Bureau for Policy and Programme Support"}
    # a status printed into the responsible units' cell is moved to the status
    three = _recs(dp7)["3"].management_response.actions
    assert three[0].responsible.endswith("with engagement of the regional bureaus")
    assert three[0].status_category == "not started"
    assert [x.due for x in three] == ["2025-06", "2026-06"]
    nine = _recs(dp7)["9"].management_response.actions
    assert nine[0].status == "Ongoing" and nine[0].status_category == "in progress"


@pytest.mark.parametrize(
    "text, due",
    [
        ("June 2025", "2025-06"),
        ("By June 2026", "2026-06"),
        ("31 December 2025", "2025-12-31"),
        ("Q2 2026", "2026-06"),
        ("2025-2026", "2026"),
        ("June 2025 to December 2026", "2026-12"),
        ("Continuous", None),
        ("Continuous effort over the next five years", None),
        ("-", None),
    ],
)
def test_responses_due_date_of_a_time_frame(text, due):
    assert due_date(text) == due


@pytest.mark.parametrize(
    "text, category",
    [
        ("Not initiated", "not started"),
        ("Ongoing", "in progress"),
        ("Partially implemented", "in progress"),
        ("Accepted and implemented", "implemented"),
        ("Outside the sole remit of UNICEF", "outside remit"),
        ("See comments", ""),
    ],
)
def test_responses_status_category(text, category):
    assert status_category(text) == category


@pytest.mark.parametrize(
    "text, category",
    [
        ("UNDP partially agrees with this recommendation", "partially accepted"),
        ("UNDP does not agree with this recommendation.", "rejected"),
        ("Management accepts the recommendation.", "accepted"),
        ("UNDP takes note of this.", "noted"),
    ],
)
def test_responses_category_from_vocabulary(text, category):
    assert response_category(text) == category


def test_responses_vocabulary_is_editable(tmp_path: Path):
    from pipeline.parse import vocab

    (tmp_path / "vocabulary.toml").write_text('[responses]\naccepted = ["d\'accord"]\n', encoding="utf-8")
    vocab.use(tmp_path)
    try:
        assert response_category("La direction est d'accord.") == "accepted"
    finally:
        vocab.use(None)


def test_responses_key_action_without_an_action_heading_takes_the_first_column():
    a = key_action(
        (("column 1", "Support the integration"), ("Time frame", "June 2025"), ("Responsible unit(s)", "IEO"))
    )
    assert (a.text, a.due, a.responsible) == ("Support the integration", "2025-06", "IEO")


def test_responses_template_instruction_is_not_the_response():
    mr = make_response("(Accept/Partially Accept/Reject)\nPartially accepted. Resources are limited.")
    assert (mr.category, mr.text) == ("partially accepted", "Partially accepted. Resources are limited.")


def test_responses_key_actions_table_in_csv_and_catalog(dp7, tmp_path: Path):
    record = dp7.to_dict()
    rows = list(rows_for("key_actions", record))
    rec_ids = {r["record_id"]: r["number"] for r in rows_for("recommendations", record)}
    n_actions = sum(len(r.management_response.actions) for r in dp7.recommendations if r.management_response)
    assert len(rows) == n_actions >= 5
    assert all(rec_ids[r["record_id"]] == r["number"] for r in rows)
    assert all(r["action_id"].startswith(r["record_id"] + ":action:") for r in rows)

    with OutputWriter(tmp_path / "out") as writer:
        writer.write_record(record)
    path = tmp_path / "out" / "csv" / "key_actions.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert tuple(got[0]) == TABLES["key_actions"]
    assert [g["due"] for g in got] == [r["due"] or "" for r in rows]

    catalog = Catalog(tmp_path / "catalog.sqlite")
    try:
        values = dict.fromkeys(FILE_COLUMNS[:-1])
        values |= {"source_file": "DP_2025_7.en.pdf", "status": "ok", "record": json.dumps(record)}
        with catalog.transaction():
            catalog.put(Entry(**values))
        joined = catalog.db.execute(
            "SELECT r.number, k.due, k.status_category FROM key_actions k "
            "JOIN recommendations r ON r.record_id = k.record_id WHERE k.number = '2'"
        ).fetchall()
    finally:
        catalog.close()
    assert joined == [("2", "2025-06", "not started")]
