"""``docket actors --unregistered`` (issue 17): the actors of a collection that are not in the
registry, as proposed registry rows ranked by frequency, each with an example sentence, so a user
can extend config/actors.csv from data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli.actors_cli import actors_command
from pipeline.nlp.proposals import (
    EXAMPLE_CHARS,
    Mention,
    common_nouns,
    example_sentence,
    printed_at_sentence_start,
    propose,
)


def _actor(name: str, registered: bool = False, matched_as: str = "") -> dict:
    return {
        "name": name,
        "id": "x" if registered else "",
        "kind": "",
        "matched_as": matched_as or name,
        "registered": registered,
    }


def _write(path: Path, source: str, recs: list[tuple[str, list[dict]]], raw: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "document": {"source_file": source, "title": Path(source).stem, "doc_type": "report"},
        "recommendations": [
            {"number": str(i), "text": text, "actors_raw": raw, "actors": actors}
            for i, (text, actors) in enumerate(recs, 1)
        ],
    }
    path.write_text(json.dumps(record), encoding="utf-8")


def _collection(tmp_path: Path) -> Path:
    out = tmp_path / "outputs"
    rcu = _actor("Regional Coordination Unit")
    _write(
        out / "json" / "a.pdf.json",
        "inputs/a.pdf",
        [
            ("Budgets were cut. The Regional Coordination Unit should publish its plan by June.", [rcu]),
            ("The regional coordination unit should hire staff.", [_actor("regional coordination unit")]),
            (
                "Partners should share data with the Board.",
                [_actor("partners"), _actor("Board", registered=True)],
            ),
        ],
    )
    _write(
        out / "json" / "b.docx.json",
        "inputs/b.docx",
        [("The RCU and partners should meet twice a year.", [_actor("RCU"), _actor("partners")])],
    )
    _write(
        out / "json" / "c.docx.json",
        "inputs/c.docx",
        [("Revise the terms of reference.", [_actor("Audit Advisory Committee")])],
        raw="For the Audit Advisory Committee",
    )
    # the same document as a.pdf, read from its Word copy: counted once
    (out / "json" / "a.docx.json").write_text(
        (out / "json" / "a.pdf.json").read_text(encoding="utf-8").replace("inputs/a.pdf", "inputs/a.docx"),
        encoding="utf-8",
    )
    return out


def test_unregistered_lists_proposed_rows_with_counts_and_examples(tmp_path):
    result = CliRunner().invoke(actors_command, [str(_collection(tmp_path)), "--unregistered"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["unregistered", "actor"]
    first = lines[1].split()
    assert first[:3] == ["Regional", "Coordination", "Unit"] and first[3:] == ["RCU", "unit", "3", "2"], (
        "two spellings and the acronym are one row of 3 mentions in 2 documents; a.pdf and its Word copy count once"
    )
    assert lines[2].strip() == "also written: regional coordination unit"
    assert (
        lines[3].strip() == 'e.g. "The Regional Coordination Unit should publish its plan by June." (a.docx)'
    ), "the example is the sentence that names the actor, not the recommendation's first sentence"
    assert lines[4].split()[:3] == ["Audit", "Advisory", "Committee"] and lines[4].split()[-2:] == ["1", "1"]
    assert lines[5].strip() == 'e.g. "For the Audit Advisory Committee" (c.docx)', (
        "the addressee line as printed"
    )
    assert "Board" not in result.stdout, "a registered actor is no proposal"
    assert lines[-2].startswith("2 unregistered actors proposed as registry rows (4 mentions, 3 documents)")
    assert lines[-1] == "not proposed, common nouns (1): partners (2)"


def test_unregistered_csv_is_registry_rows_plus_count_documents_and_example(tmp_path):
    result = CliRunner().invoke(actors_command, [str(_collection(tmp_path)), "--unregistered", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[0] == ["id", "name", "kind", "aliases", "abbreviations", "count", "documents", "example"]
    assert rows[1] == [
        "regional_coordination_unit",
        "Regional Coordination Unit",
        "unit",
        "regional coordination unit",
        "RCU",
        "3",
        "2",
        "The Regional Coordination Unit should publish its plan by June.",
    ]
    assert [r[1] for r in rows[1:]] == ["Regional Coordination Unit", "Audit Advisory Committee"]


def test_unregistered_on_a_collection_with_none(tmp_path):
    _write(tmp_path / "x.json", "x.pdf", [("The Board should act.", [_actor("Board", registered=True)])])
    result = CliRunner().invoke(actors_command, [str(tmp_path), "--unregistered"])
    assert result.exit_code == 0 and result.stdout.strip() == "no unregistered actors found"


def test_example_sentence_finds_the_name_in_any_case_and_shortens_around_it():
    text = "Background first. Then the ESCAP secretariat should act; partners should help."
    assert example_sentence(text, ["Escap Secretariat"]) == "Then the ESCAP secretariat should act;"
    assert example_sentence(text, ["Nobody"], fallback="For  NEASPEC\nSOM") == "For NEASPEC SOM"
    assert example_sentence(text, ["Nobody"]) == "Background first."
    long = "word " * 100 + "the Task Force should report " + "word " * 100
    got = example_sentence(long, ["Task Force"])
    assert "the Task Force should report" in got and got.startswith("…") and got.endswith("…")
    assert len(got) <= EXAMPLE_CHARS + 2


def test_common_nouns_are_counted_never_proposed():
    seen = [
        Mention("partners", "a"),
        Mention("Partners", "b", sentence_initial=True),
        Mention("the private sector", "a"),
        Mention("Donor Group", "a"),
        Mention("Government", "a", sentence_initial=True),
        Mention("Government", "b"),
        Mention("UNEP", "b", sentence_initial=True),
    ]
    assert [p.name for p in propose(seen)] == ["Government", "Donor Group", "UNEP"], (
        "'Government' is printed with its capital mid-sentence once; 'Partners' only at a sentence start"
    )
    assert common_nouns(seen) == [("partners", 2), ("the private sector", 1)]


def test_printed_at_sentence_start():
    text = "Partners should help. (b) Donors should pay; they pay partners."
    assert printed_at_sentence_start(text, "Donors")
    assert not printed_at_sentence_start(text, "Partners"), "also printed mid-sentence"
    assert not printed_at_sentence_start("Ask the Government.", "Government")
    assert not printed_at_sentence_start("Ask the Government.", "Nobody")


def test_by_document_counts_unregistered_mentions_per_document(tmp_path):
    out = _collection(tmp_path)
    result = CliRunner().invoke(actors_command, [str(out), "--by-document", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[0] == ["document", "recommendations", "actors", "unregistered", "unregistered_names"]
    assert rows[1:] == [
        [
            "a.docx",
            "3",
            "4",
            "3",
            "partners (1); Regional Coordination Unit (1); regional coordination unit (1)",
        ],
        ["b.docx", "1", "2", "2", "partners (1); RCU (1)"],
        ["c.docx", "1", "1", "1", "Audit Advisory Committee (1)"],
    ], (
        "a.pdf is the same document as a.docx and is counted once; the registered Board is no unregistered mention"
    )
    table = CliRunner().invoke(actors_command, [str(out), "--by-document"]).stdout.splitlines()
    assert table[0].split() == [
        "document",
        "recommendations",
        "actors",
        "unregistered",
        "unregistered",
        "names",
    ]
    assert table[-1] == "3 documents, 7 actor mentions, 6 unregistered"


def test_an_acronym_the_document_defines_is_proposed_under_its_long_form(tmp_path):
    path = tmp_path / "json" / "d.pdf.json"
    _write(path, "d.pdf", [("We recommend that the CPS publish its media protocol.", [_actor("CPS")])])
    record = json.loads(path.read_text(encoding="utf-8"))
    record["sections"] = [
        {"heading": "Summary", "text": "The Crown Prosecution Service (CPS) charges suspects."}
    ]
    path.write_text(json.dumps(record), encoding="utf-8")
    result = CliRunner().invoke(actors_command, [str(tmp_path), "--unregistered", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[1] == [
        "crown_prosecution_service",
        "Crown Prosecution Service",
        "unit",
        "",
        "CPS",
        "1",
        "1",
        "We recommend that the CPS publish its media protocol.",
    ], "the example shows the name as printed in the recommendation"
