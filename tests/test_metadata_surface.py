"""Document metadata from structure, under changes of surface: languages of month names, dates in
several blocks, symbols beside dates, kind lines beside titles, field headers on one line.

Each case states a cue that holds across publishers; the records must not depend on the wording
of one file.
"""

from __future__ import annotations

import pytest

from pipeline.models import Block, BlockKind, DocType, DocumentInfo, Provenance
from pipeline.parse import kinds, parse_document, vocab
from pipeline.parse.classify import Evidence, classify
from pipeline.parse.dates import find_dates, find_month_years
from pipeline.parse.metadata import find_cover_date, find_issue_date
from pipeline.parse.title import find_title

SRC = "surface.pdf"


@pytest.fixture(autouse=True)
def _packaged_vocabulary():
    vocab.use(None)


def block(kind: BlockKind, text: str, size: float = 10.0, bold: bool = False, page: int = 1) -> Block:
    return Block(kind, text, Provenance(SRC, page=page), font_size=size, bold=bold)


def head(text: str, size: float = 16.0, bold: bool = True) -> Block:
    return block(BlockKind.HEADING, text, size, bold)


def para(text: str, size: float = 10.0) -> Block:
    return block(BlockKind.PARAGRAPH, text, size)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Juillet, 2021", "2021-07"),
        ("Décembre 2020", "2020-12"),
        ("Mai 2022", "2022-05"),
        ("Mayo 2020", "2020-05"),
    ],
)
def test_month_names_of_other_languages(text: str, start: str) -> None:
    assert [d.start for d in find_month_years(text)] == [start]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("New York, 14–18 and 21–23 July 2025", "2025-07-14", "2025-07-23"),
        ("les 16 et 17 février 2013 à Oman", "2013-02-16", "2013-02-17"),
        ("on 3, 4 and 7 May 2024", "2024-05-03", "2024-05-07"),
        ("10–13 June 2025", "2025-06-10", "2025-06-13"),
    ],
)
def test_a_meeting_in_several_blocks_runs_from_first_to_last_day(text: str, start: str, end: str) -> None:
    (d,) = find_dates(text)
    assert (d.start, d.end) == (start, end)


@pytest.mark.parametrize("symbol", ["ABC/NOTE/2022/1/Rev.1", "XY/2021/1", "A/80/1"])
def test_a_number_glued_to_a_symbol_is_no_day(symbol: str) -> None:
    text = f"{symbol} March 2023"
    assert find_dates(text) == []
    assert [d.start for d in find_month_years(text)] == ["2023-03"]


@pytest.mark.parametrize("label", ["Date de mission d'évaluation", "Evaluation mission dates", "Date:"])
def test_an_issue_date_is_never_a_range(label: str) -> None:
    blocks = (head("Evaluation finale"), para(f"{label} 7-11 Mars 2022"), para("Mai 2022"))
    assert find_issue_date(blocks) is None
    assert find_cover_date(blocks) == "2022-05"


def test_a_short_cover_line_ending_with_a_date_dates_the_document() -> None:
    blocks = (
        head("Final evaluation of the project"),
        head("Author Name, Regional M&E Officer - Dakar Mai 2022", 13, False),
    )
    assert find_cover_date(blocks) == "2022-05"


@pytest.mark.parametrize(
    "kind_line", ["INDEPENDENT COUNTRY PROGRAMME EVALUATION", "Country Programme Evaluation"]
)
def test_a_one_word_title_under_a_kind_line_takes_the_kind(kind_line: str) -> None:
    blocks = (head(kind_line, 24), head("LIBERIA", 55), para("Copyright © Publisher February 2025"))
    assert find_title(blocks) == f"{kind_line}: LIBERIA"


@pytest.mark.parametrize(
    "dated", ["Dated 17 October 2023", "dated 17 October 2023", ", dated 17 October 2023"]
)
def test_a_date_that_ends_the_title_line_is_cut(dated: str) -> None:
    title = "Budgetary Review and Recommendations Report of the Portfolio Committee on Energy"
    blocks = (
        head(f"{title} {dated}".replace(" ,", ","), 10),
        para("The Committee, having considered the report " * 6),
    )
    assert find_title(blocks) == title


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_kind_phrases_match_either_apostrophe(apostrophe: str) -> None:
    assert kinds.is_kind_only(f"BRÈVE D{apostrophe}ÉVALUATION")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Report of the third Meeting of States Parties to the Treaty", DocType.MEETING_REPORT),
        ("Report on the Twelfth Regional Forum on Sustainable Development", DocType.MEETING_REPORT),
        (
            "Report on the recommendations of the Board of Auditors: status of implementation",
            DocType.MANAGEMENT_RESPONSE,
        ),
        ("Report of the Expert Mechanism on the rights of peoples", None),
        ("EVALUATION WEEK", None),
        (
            "Report of the Trade and Development Board on its thirty-fourth special session",
            DocType.MEETING_REPORT,
        ),
        ("Report of the Committee on its fifth meeting", DocType.MEETING_REPORT),
        (
            "Government response to the rapid review into data on inpatient settings",
            DocType.MANAGEMENT_RESPONSE,
        ),
        ("The Government's Response to the Committee's report on space", DocType.MANAGEMENT_RESPONSE),
        ("Response to the independent evaluation of the programme", DocType.MANAGEMENT_RESPONSE),
    ],
)
def test_kind_named_by_a_title(title: str, kind: DocType | None) -> None:
    assert kinds.first_kind(title) == kind


@pytest.mark.parametrize(
    "kind_line", ["SOMMAIRE EVALUATION", "RÉSUMÉ D’ÉVALUATION", "Résumé d'évaluation", "EVALUATION BRIEF"]
)
def test_a_brief_s_kind_line_is_not_its_title(kind_line: str) -> None:
    blocks = (
        head(kind_line, 18.0),
        head("Juillet, 2021", 12.0),
        head("EVALUATION FINALE INTERNE: VERS UNE DIMENSION", 14.0),
        head("ENVIRONNEMENTALE DE L’AIDE À LA RÉINTÉGRATION", 13.5),
        para(
            "Ce sommaire présente les principales conclusions et recommandations de l'évaluation finale interne du projet."
        ),
    )
    title = find_title(blocks)
    assert "VERS UNE DIMENSION ENVIRONNEMENTALE" in title and kind_line not in title


@pytest.mark.parametrize("form", ["MANAGEMENT RESPONSE AND ACTION PLAN MATRIX", "Management response"])
def test_a_response_over_the_evaluation_it_answers(form: str) -> None:
    ev = Evidence(title="Évaluation finale indépendante du projet X", cover_lines=[form, "Évaluation finale"])
    assert classify(ev)[0] == DocType.MANAGEMENT_RESPONSE


@pytest.mark.parametrize(
    "before", ["Date: 6th to 8th August 2025", "Venue: Online", "Dates: 6-8 August 2025"]
)
def test_an_objective_field_among_header_fields_on_one_line(before: str) -> None:
    header = f"{before} Objective: Equip participants with foundational genome assembly skills Day 1: Basics"
    table = Block(BlockKind.PARAGRAPH, "", Provenance(SRC, page=1))
    blocks = (head("Regional Bioinformatics Workshop", 18), para(header), table)
    rows = [
        para(f"{h:02d}:00 - {h + 1:02d}:00 Session {h}") for h in range(9, 14)
    ]  # a timetable below the header
    doc = parse_document(
        DocumentInfo(id="x", source_file=SRC, sha256="0" * 64, format="pdf"), (*blocks, *rows)
    )
    assert [o.text for o in doc.objectives] == ["Equip participants with foundational genome assembly skills"]
    assert doc.objectives[0].provenance.rule == "objectives.label"


@pytest.mark.parametrize(
    "title",
    ["Report on the first regular session 2025, 10 to 11 February 2025", "Report on the annual session 2024"],
)
def test_a_report_on_a_session_is_a_title_not_the_session_line(title: str) -> None:
    blocks = (
        head("United Nations", 12.0),
        para("Distr.: General 23 April 2025"),
        head("Annual session 2025", 12.0),
        para("17–19 June 2025 Item 1 of the provisional agenda Organizational matters"),
        head(title, 14.0),
        head("I. Election of the Bureau", 12.0),
    )
    assert find_title(blocks) == title


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("[19-04-2023]", "2023-04-19"),
        ("version 15-08-2019", "2019-08-15"),
        ("Issued 31.12.2024", "2024-12-31"),
        ("Date: 19/4/2023", "2023-04-19"),
        ("10-11-2020", None),  # day and month could be either: not guessed
        ("A/19-04-2023", None),  # part of a symbol
    ],
)
def test_numeric_dates_only_where_the_day_cannot_be_a_month(text: str, start: str | None) -> None:
    found = find_dates(text)
    assert (found[0].start if found else None) == start
