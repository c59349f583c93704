"""Decisions (issue 14): the operative paragraphs of resolutions, decisions and agreed conclusions,
read from structure in real documents, kept apart from recommendations, compared year over year
(S1, the README's `docket history` example), and exported."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SOURCES

from pipeline.cli import cli
from pipeline.models import Block, BlockKind, Provenance
from pipeline.parse import vocab
from pipeline.parse.decisions import find_decisions
from pipeline.process import process_file

DEV = DATA / "corpus" / "dev"
S1 = ("A_51_595.en.pdf", "A_52_620.en.pdf", "A_53_601.en.pdf")
S1_TITLE = "Information from Non-Self-Governing Territories transmitted under Article 73 e of the Charter of the United Nations"
S1_VERBS = ["Approves", "Reaffirms", "Requests", "Requests", "Requests"]


def _doc(path: Path):
    result = process_file(path, {"tag": False}, source_file=path.name)
    assert result.document is not None, result.failure
    return result.document


@pytest.fixture(scope="module")
def s1():
    return [_doc(SOURCES / name) for name in S1]


def test_s1_operative_paragraphs_are_decisions_numbered_as_printed(s1):
    for doc in s1:
        decisions = doc.decisions
        assert [d.number for d in decisions] == ["1", "2", "3", "4", "5"], doc.info.source_file
        assert [d.verb for d in decisions] == S1_VERBS
        assert {(d.instrument, d.instrument_title, d.body) for d in decisions} == {
            ("draft resolution", S1_TITLE, "General Assembly")
        }
        # the preamble ("Having examined", "Recalling", "Stressing") is the body's reasons, not a record
        assert not any(d.text.startswith(("Having", "Recalling", "Stressing")) for d in decisions)
        # no recommendation repeats an operative paragraph, nor the sentence introducing the resolution
        assert doc.recommendations == (), [r.text[:60] for r in doc.recommendations]
        assert all(d.provenance.rule == "decisions.operative" and d.provenance.page for d in decisions)


def test_s1_paragraphs_run_over_page_breaks_without_footnotes(s1):
    # 1996, typewritten: paragraph 1 starts on page 3 and ends on page 4, footnotes 2/ and 3/ between
    first = s1[0].decisions[0]
    assert first.provenance.page == 3
    assert first.text.startswith(
        "Approves the chapter of the report of the Special Committee on the Situation"
    )
    assert first.text.endswith("transmitted under Article 73 e of the Charter of the United Nations;")
    assert "A/51/316" not in first.text and "2/" not in first.text
    assert (
        s1[2]
        .decisions[4]
        .text.endswith("to report thereon to the General Assembly at its fifty-fourth session.")
    )


def test_s1_titles_leave_out_the_rapporteur(s1):
    for doc in s1:
        assert "Rapporteur" not in doc.info.title
        assert doc.info.title.lower().startswith("information from non-self-governing territories")
        assert doc.info.title.endswith(
            ": Report of the Special Political and Decolonization Committee (Fourth Committee)"
        )
        assert "UNITED A" not in doc.info.title


def test_history_of_s1_shows_three_years_of_the_resolution_with_the_changed_wording(tmp_path: Path):
    out = tmp_path / "history"
    result = CliRunner().invoke(cli, ["history", *(str(SOURCES / n) for n in S1), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "history.json").read_text(encoding="utf-8"))
    lineages = data["lineages"]["decisions"]
    assert [ln["numbers"] for ln in lineages] == [[n, n, n] for n in "12345"]
    assert [ln["steps"] for ln in lineages] == [
        ["unchanged", "unchanged"],
        ["unchanged", "unchanged"],
        ["unchanged", "reworded"],  # 1998 prints "with a maximum period" for "within"
        ["unchanged", "unchanged"],
        ["reworded", "reworded"],  # reports to the fifty-second, -third, -fourth session
    ]
    assert "recommendations" not in data["lineages"]  # nothing else is compared: S1 has no recommendations
    html = (out / "history.html").read_text(encoding="utf-8")
    assert "<del>fifty-second</del>" in html and "<ins>fifty-third</ins>" in html
    assert "<del>within</del>" in html and "<ins>with</ins>" in html
    rows = list(csv.DictReader((out / "history.csv").open(encoding="utf-8-sig")))
    assert {r["kind"] for r in rows} == {"decisions"} and len(rows) == 5
    assert rows[0]["A_53_601.en.pdf record_id"].endswith(":dec:1")


def test_executive_board_decisions_each_numbered_from_one(tmp_path: Path):
    doc = _doc(DEV / "UNW_2025_1.en.pdf")
    by_number: dict[str, list] = {}
    for d in doc.decisions:
        by_number.setdefault(d.instrument_number, []).append(d)
    assert {k: len(v) for k, v in by_number.items()} == {"2025/1": 5, "2025/2": 3, "2025/3": 9, "2025/4": 12}
    assert {d.instrument for d in doc.decisions} == {"decision"}  # named once, above the first
    assert by_number["2025/4"][0].instrument_title == "Risk management"
    assert by_number["2025/1"][1].verb == "Takes note"
    # paragraph 9 opens with "In relation to ..." (its verb comes later): the numbering carries it
    ninth = by_number["2025/3"][8]
    assert ninth.number == "9" and ninth.verb == "" and ninth.text.startswith("In relation to protection")
    # lettered sub-items stay inside their paragraph
    sixth = by_number["2025/4"][5]
    assert "a) Systems in place to identify and manage risks;" in sixth.text


def test_agreed_conclusions_and_intersessional_decisions():
    conclusions = _doc(DEV / "A_80_15 (Part III).en.pdf").decisions
    assert [d.number for d in conclusions] == [str(n) for n in range(1, 18)]
    assert {(d.instrument, d.instrument_number, d.body) for d in conclusions} == {
        ("agreed conclusions", "588 (EX-LXXVIII)", "Trade and Development Board")
    }
    assert conclusions[-1].verb == "Calls upon"
    assert conclusions[0].instrument_title.startswith("Economic development in Africa")
    tpnw = _doc(DEV / "TPNW_MSP_2025_11.en.pdf").decisions
    assert [(d.instrument_number, d.number) for d in tpnw] == [
        (str(k), str(n)) for k in range(1, 6) for n in (1, 2)
    ]
    assert tpnw[3].verb == "Also decides"
    assert {d.instrument for d in tpnw} == {"intersessional decision"}


def test_documents_without_a_resolution_have_no_decisions():
    for name in ("DP_2025_6.en.pdf", "JIU_REP_2025_2.en.pdf", "programme_2020-02-14.pdf"):
        assert _doc(SOURCES / name).decisions == (), name


def _blocks(lines: list[tuple[str, str]]) -> tuple[Block, ...]:
    return tuple(
        Block(
            BlockKind.LIST_ITEM if marker else BlockKind.PARAGRAPH,
            text,
            Provenance("x.txt", line=i),
            marker=marker,
        )
        for i, (marker, text) in enumerate(lines, 1)
    )


RESOLUTION = [
    ("", "Regional cooperation on water"),
    ("", "The Commission,"),
    ("", "Recalling its resolution 79/2,"),
    ("", "Deeply concerned by the drought,"),
    ("1.", "Pledges its support to the regional water programme;"),
    ("2.", "Requests the Executive Secretary to report at its next session."),
]


def test_the_verbs_are_vocabulary_a_user_can_extend(tmp_path: Path):
    """'Pledges' is no operative verb of the shipped list: the resolution is not recognised until a
    user adds the verb to the [decisions] list of their own vocabulary file."""
    assert find_decisions(_blocks(RESOLUTION)) == ()
    folder = tmp_path / "config"
    folder.mkdir()
    text = vocab.PACKAGE_FILE.read_text(encoding="utf-8")
    (folder / "vocabulary.toml").write_text(
        text.replace("operative_verbs = [\n", 'operative_verbs = [\n  "pledges",\n'), encoding="utf-8"
    )
    vocab.use(folder)
    try:
        decisions = find_decisions(_blocks(RESOLUTION))
    finally:
        vocab.use(None)
    assert [(d.number, d.verb, d.body, d.instrument_title) for d in decisions] == [
        ("1", "Pledges", "Commission", "Regional cooperation on water"),
        ("2", "Requests", "Commission", "Regional cooperation on water"),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # numbers printed in the text, not as markers (text files, DOCX without numbering)
        [("", t if not m else f"{m} {t}") for m, t in RESOLUTION],
        # unnumbered operative paragraphs after the body's line without a comma
        [
            ("", "The Executive Board"),
            ("", "Takes note of the annual report;"),
            ("", "Decides to hold its next session in June."),
        ],
    ],
)
def test_surface_variations(lines):
    lines = [(m, t.replace("Pledges its support to", "Welcomes")) for m, t in lines]
    decisions = find_decisions(_blocks(lines))
    assert len(decisions) == 2
    assert decisions[1].verb in ("Requests", "Decides")
    assert not any(d.text.startswith(("Recalling", "Deeply")) for d in decisions)


def test_narrative_in_the_present_tense_is_no_resolution():
    lines = [
        ("", "The Executive Board,"),
        ("", "The meeting was opened by the President."),
        ("1.", "The Board approved the agenda."),
        ("2.", "Requests were made by delegations."),
    ]
    assert find_decisions(_blocks(lines)) == ()


def test_ingest_exports_decisions_to_every_table(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SOURCES / S1[2], folder / S1[2])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-o", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "csv" / "decisions.csv").open(encoding="utf-8-sig")))
    assert [r["number"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[3]["record_id"].endswith(":dec:4") and rows[3]["verb"] == "Requests"
    assert rows[3]["actors"] == "Secretary-General" and rows[0]["document_year"] == "1998"
    docs = list(csv.DictReader((out / "csv" / "documents.csv").open(encoding="utf-8-sig")))
    assert docs[0]["n_decisions"] == "5" and docs[0]["n_recommendations"] == "0"
    actors = list(csv.DictReader((out / "csv" / "actors.csv").open(encoding="utf-8-sig")))
    assert {(a["record_type"], a["record_id"].rsplit(":", 2)[-2]) for a in actors} == {("decision", "dec")}
    import sqlite3

    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("SELECT count(*), min(instrument) FROM decisions").fetchone() == (
            5,
            "draft resolution",
        )
