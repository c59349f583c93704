"""docket track: links of every recommendation across a collection (issue 14), checked against the
links written by hand in tests/data/track/expected_links.json before the linker was written."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from offline_browser import requires_chromium

from pipeline.cli import cli
from pipeline.process import process_file
from pipeline.track.check import check_links
from pipeline.track.link import link
from pipeline.track.series import find_series
from pipeline.track.write import COLUMNS, rows, series_lines, write_html

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

HERE = Path(__file__).parent
SOURCES = HERE / "data" / "sources"
EXPECTED = json.loads((HERE / "data" / "track" / "expected_links.json").read_text(encoding="utf-8"))
# Documents with recommendations that are not in the expected pairs: wrong links to them must not appear
# (JIU_REP_2025_2 holds the recommendations nearest in wording to the JIU note's, E_ICEF_2025_4 another
# UNICEF response, the others IOM matrices and briefs of the same template).
DISTRACTORS = (
    "JIU_REP_2025_2.en.pdf",
    "E_ICEF_2025_4.en.pdf",
    "HoA EU JI Final Eval - Management Response Matrix - Final.pdf",
    "AAP Evaluation - Management Response Final.docx",
    "Nigeria GIZ Project_Evaluation Brief_JAN 2021_Abderrahim EL MOULAT_0.pdf",
    "Management Response Matrix_ARCO_Shiraz JERBI.pdf",
)


def expected_files() -> list[str]:
    files = [f for p in EXPECTED["pairs"] for f in (p["a"], p["b"])]
    return files + [a["file"] for a in EXPECTED["alone"]]


@pytest.fixture(scope="module")
def documents():
    docs = []
    for name in (*expected_files(), *DISTRACTORS):
        result = process_file(SOURCES / name, source_file=name)
        assert result.document is not None, result.failure
        docs.append(result.document)
    return docs


def test_track_links_match_the_hand_written_links(documents):
    table = rows(documents, link(documents))
    assert check_links(table, EXPECTED) == []
    # one row per recommendation and decision of the collection
    assert len(table) == sum(len(d.recommendations) + len(d.decisions) for d in documents)
    assert any(r["kind"] == "decision" for r in table)
    assert len({r["record_id"] for r in table}) == len(table)


def test_track_chain_never_holds_two_records_of_one_document(documents):
    for chain in link(documents):
        docs = [m.doc for m in chain.members]
        assert len(docs) == len(set(docs))


def test_track_rows_carry_response_similarity_and_change(documents):
    table = rows(documents, link(documents))
    by_key = {(r["source_file"], r["number"]): r for r in table if r["kind"] == "recommendation"}
    report = by_key[("IOM Niger - MIRAA III - Final Evaluation Report (003).pdf", "14")]
    matrix = by_key[("IOM MANAGEMENT RESPONSE MATRIX.pdf", "E.2")]
    assert report["chain_id"] == matrix["chain_id"]
    # neither is dated: the evaluation comes before the response that answers it
    assert report["change"] == "first" and report["similarity_to_previous"] is None
    assert matrix["change"] == "unchanged" and matrix["similarity_to_previous"] == 1.0
    assert by_key[("IOM MANAGEMENT RESPONSE MATRIX.pdf", "A.1")]["response"] == "accepted"
    assert report["response"] == ""
    dp7 = by_key[("DP_2025_7.en.pdf", "2")]
    assert dp7["status"] == "not started"  # its key action is 'Not initiated'
    dp6_7 = by_key[("DP_2025_6.en.pdf", "7")]
    assert dp7["chain_id"] != dp6_7["chain_id"]
    assert by_key[("DP_2025_7.en.pdf", "7")]["chain_id"] == dp6_7["chain_id"]


S1 = ("A_51_595.en.pdf", "A_52_620.en.pdf", "A_53_601.en.pdf")


def test_track_follows_the_operative_paragraphs_of_a_resolution_over_three_years(documents):
    """S1: the Fourth Committee's draft resolution of 1996, 1997 and 1998, whose five operative
    paragraphs are decisions: five chains of three, none joined to a recommendation."""
    s1 = [d for d in documents if d.info.source_file == S1[0] or d.info.source_file == S1[2]]
    s1.insert(1, process_file(SOURCES / S1[1], source_file=S1[1]).document)
    table = rows(s1, link(s1))
    assert {r["kind"] for r in table} == {"decision"}  # the lead-in is not a recommendation
    chains = defaultdict(list)
    for r in table:
        chains[r["chain_id"]].append((r["source_file"], r["number"], r["change"]))
    assert sorted(chains.values()) == sorted(
        [(S1[0], n, "first"), (S1[1], n, c12), (S1[2], n, c23)]
        for n, c12, c23 in (
            ("1", "unchanged", "unchanged"),
            ("2", "unchanged", "unchanged"),
            ("3", "unchanged", "reworded"),
            ("4", "unchanged", "unchanged"),
            ("5", "reworded", "reworded"),  # "... at its fifty-second / fifty-third / fifty-fourth session"
        )
    )


# Documents without recommendations or decisions: the linker skips them, but they are series too.
SERIES_ONLY = (
    "E_ICEF_2025_11.en.pdf",  # S3: the agenda and its revision
    "E_ICEF_2025_11_Rev.1.en.pdf",
    "UEW2026 Program-A4-V2904.pdf",  # S5: two versions of one programme
    "UEW2026 Program-A4-V0105.pdf",
    "A_AC.109_2009_17.en.pdf",  # S2: a template of other years, whose title changed
    "A_AC.109_2025_19.en.pdf",
)


def test_track_finds_the_series_of_a_collection(documents):
    """Series found for the user from what the documents say: a symbol and its revision (S3), one
    title in three years (S1), versions of one programme (S5), a report and its response (S4, S7,
    H9-H10); nothing else is put together."""
    with_records = [*documents, process_file(SOURCES / S1[1], source_file=S1[1]).document]
    others = [process_file(SOURCES / n, source_file=n).document for n in SERIES_ONLY]
    assert not any(d.recommendations or d.decisions for d in others)
    every = [*with_records, *others]
    series = find_series(every, link(with_records))
    got = {(s.kind, tuple(every[d].info.source_file for d in s.members)) for s in series}
    assert got == {
        ("revisions", ("E_ICEF_2025_11.en.pdf", "E_ICEF_2025_11_Rev.1.en.pdf")),
        ("same title", S1),
        ("same title", ("UEW2026 Program-A4-V0105.pdf", "UEW2026 Program-A4-V2904.pdf")),
        ("report and response", ("DP_2025_6.en.pdf", "DP_2025_7.en.pdf")),
        ("report and response", (EXPECTED["pairs"][1]["a"], EXPECTED["pairs"][1]["b"])),
        ("report and response", ("JIU_NOTE_2022_1_Rev.1(review).en.pdf", "E_ICEF_2025_8.en.pdf")),
    }
    lines = series_lines(every, series, "out")
    assert f"  compare: docket history {' '.join(S1)} -o series-002 --records out" in lines


def _text_doc(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


RECS = (
    "Recommendations\n\n"
    "Recommendation 1. The secretariat should publish every evaluation report within six months of its completion.\n\n"
    "Recommendation 2. Member States should provide predictable core funding for the regional programme.\n"
)


def test_track_cli_one_document_gives_a_chain_per_record_and_a_note(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    _text_doc(folder, "report.txt", "Evaluation report\n\n" + RECS)
    _text_doc(
        folder, "agenda.txt", "Provisional agenda\n\n1. Opening of the session\n2. Adoption of the agenda\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["track", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "note: one document with recommendations; every recommendation is a chain of its own" in result.output
    )
    assert (
        "skipped 1 without recommendations or decisions: " in result.output and "agenda.txt" in result.output
    )
    raw = (out / "lineage.csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    table = list(csv.DictReader(raw[1:].splitlines()))
    assert tuple(table[0]) == COLUMNS
    assert [r["number"] for r in table] == ["1", "2"] and len({r["chain_id"] for r in table}) == 2
    assert all(r["change"] == "first" for r in table)
    data = json.loads((out / "lineage.json").read_text(encoding="utf-8"))
    assert data["skipped_without_recommendations"] == [str(folder / "agenda.txt")]
    assert len(data["chains"]) == 2
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert db.execute("SELECT count(*) FROM lineage").fetchone() == (2,)
    html = (out / "lineage.html").read_text(encoding="utf-8")
    assert "0 link records of two or more documents" in html


def test_track_cli_reads_an_ingested_folder_without_extracting(tmp_path: Path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _text_doc(folder, "report_2024.txt", "Evaluation report\n\n" + RECS)
    _text_doc(
        folder,
        "report_2025.txt",
        "Evaluation report\n\n"
        + RECS.replace("within six months", "within three months").replace("1.", "4."),
    )
    ingested = tmp_path / "ingested"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-o", str(ingested), "--no-tag", "-q"])
    assert result.exit_code == 0, result.output

    import pipeline.process

    def no_extraction(*args, **kwargs):
        raise AssertionError("a stored document was read again")

    monkeypatch.setattr(pipeline.process, "process_file", no_extraction)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["track", str(ingested), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "2 documents, 4 recommendations, 2 chains (2 across documents); 2 from stored records"
        in result.output
    )
    table = list(csv.DictReader((out / "lineage.csv").open(encoding="utf-8-sig")))
    chains = defaultdict(list)
    for r in table:
        chains[r["chain_id"]].append((os.path.basename(r["source_file"]), r["number"], r["change"]))
    assert sorted(chains.values()) == [
        [("report_2024.txt", "1", "first"), ("report_2025.txt", "4", "reworded")],
        [("report_2024.txt", "2", "first"), ("report_2025.txt", "2", "unchanged")],
    ]
    html = (out / "lineage.html").read_text(encoding="utf-8")
    assert "<del>six</del>" in html and "<ins>three</ins>" in html
    # the two reports share every recommendation: a series, with the command that compares them
    assert "series (shared records, 2 records shared): report_2024.txt, report_2025.txt" in result.output
    series = list(csv.DictReader((out / "series.csv").open(encoding="utf-8-sig")))
    assert [os.path.basename(r["source_file"]) for r in series] == ["report_2024.txt", "report_2025.txt"]
    assert series[0]["compare"].startswith("docket diff ") and series[0]["compare"].endswith(
        f"-o series-001 --records {ingested}"
    )
    assert (
        json.loads((out / "lineage.json").read_text(encoding="utf-8"))["series"][0]["kind"]
        == "shared records"
    )


@requires_chromium
def test_track_html_shows_every_linked_chain_with_javascript_on_and_off(browser, documents, tmp_path: Path):
    table = rows(documents, link(documents))
    path = tmp_path / "lineage.html"
    write_html(table, path)
    linked = {r["chain_id"] for r in table if r["change"] != "first"}
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.goto(path.resolve().as_uri(), wait_until="load")
        assert errors == []
        assert page.locator("h2").count() == len(linked)
        shown = page.locator("tr.pair")
        assert shown.count() == sum(1 for r in table if r["chain_id"] in linked)
        assert all(shown.nth(i).is_visible() for i in range(shown.count()))
        # S4 rec 7: DP/2025/7 inserts "the" into the IEO's wording
        chain = next(
            r["chain_id"] for r in table if (r["source_file"], r["number"]) == ("DP_2025_7.en.pdf", "7")
        )
        assert page.locator(f'h2[id="{chain}"] + table ins').first.inner_text() == "the"
        context.close()
