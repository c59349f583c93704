"""Structure cues learnt from the promoted reserve, each under surface variation: programme tables
with Start | End | Duration columns and repeated header rows, session bands, subsection-numbered
recommendations, lead-ins that pass the recommendation on, bold sentences set as headings, glued
text-layer tokens, and the paragraph end at a short line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.addressees import split_addressees
from pipeline.parse.agenda_columns import DURATION, END, SPEAKERS, TIME, infer
from pipeline.parse.agenda_programme import find_programme
from pipeline.parse.dates import find_dates
from pipeline.parse.recommendations import find_recommendations
from pipeline.parse.recs_regions import lead_in_actors

SRC = "t.pdf"


def _table(rows: list[list[str]], bold_first: set[int] = frozenset()) -> Block:
    cells = tuple(
        tuple(Cell(t, bold=(j == 0 and i in bold_first)) for j, t in enumerate(row))
        for i, row in enumerate(rows)
    )
    return Block(
        BlockKind.TABLE, "\n".join("\t".join(r) for r in rows), Provenance(SRC, page=1, table=0), rows=cells
    )


def _block(kind: BlockKind, text: str, size: float = 10.0, bold: bool = False, marker: str = "") -> Block:
    return Block(kind, text, Provenance(SRC, page=3), font_size=size, bold=bold, marker=marker)


# ------------------------------------------------------------------ programme tables


def _programme(header: list[str], duration: str) -> list[list[str]]:
    """A day band, the column headers, talks (speaker | organisation | theme | times), full-width
    rows, a session band with a repeated header."""
    d = {"hh:mm": ["00:15", "00:30", "00:20", "00:20"], "mins": ["15 min", "30 min", "20 min", "20 min"]}[
        duration
    ]
    return [
        ["Day 1: Monday 3 June 2024", "", "", "", "", ""],
        header,
        ["Registration", "", "", "08:45", "09:00", d[0]],
        ["Ana Silva", "Statistics Office", "Opening and aims of the meeting", "09:00", "09:30", d[1]],
        ["Session 1: Data collection", "", "", "", "", ""],
        header,
        ["Ben Okafor", "Health Ministry", "Surveys in emergencies", "09:30", "09:50", d[2]],
        ["Coffee break", "", "", "09:50", "10:10", d[3]],
    ]


EXPECTED = [
    ("08:45", "09:00", "Registration"),
    ("09:00", "09:30", "Opening and aims of the meeting"),
    (None, None, "Session 1: Data collection"),
    ("09:30", "09:50", "Surveys in emergencies"),
    ("09:50", "10:10", "Coffee break"),
]


@pytest.mark.parametrize(
    "header",
    [
        ["Speaker", "Organisation", "Key areas to discuss", "Start", "End", "Duration"],
        ["Name of Speaker", "Country/Organisation", "Theme", "From", "To", "Length"],
        ["Speakers/Facilitators", "Affiliation", "Topic", "Time", "", ""],  # one header over the times
    ],
)
@pytest.mark.parametrize("duration", ["hh:mm", "mins"])
def test_start_end_duration_columns_and_repeated_headers(header: list[str], duration: str) -> None:
    items = find_programme((_table(_programme(header, duration)),), 2024, None)
    got = [(a.start, a.end, a.title) for a in items]
    assert got == EXPECTED
    assert {a.date for a in items} == {"2024-06-03"}
    opening = items[1]
    assert [s.name for s in opening.speakers][:1] == ["Ana Silva"]


def test_column_roles_from_content_when_headers_say_nothing() -> None:
    rows = [
        ["Ana Silva", "Opening", "09:00", "09:30", "00:30"],
        ["Ben Okafor", "Surveys", "09:30", "09:50", "00:20"],
        ["Cleo Diaz", "Registers", "09:50", "10:30", "00:40"],
    ]
    roles = infer([[Cell(t) for t in r] for r in rows], 2024).roles
    assert roles[2:] == (TIME, END, DURATION)


def test_header_row_is_not_confused_with_session_field_labels() -> None:
    rows = [
        ["Time", "Room 1", "Room 2"],
        ["", "Chair:", "Chair: Prof. A. Mensah"],
        ["10:30-10:55", "Talk one", "Talk two"],
    ]
    cols = infer([[Cell(t) for t in r] for r in rows], 2024)
    assert 1 not in cols.header_rows
    assert cols.role(1) != SPEAKERS


def test_times_run_together_and_a_start_from_end_less_duration() -> None:
    rows = [
        ["Speaker", "Organisation", "Theme", "Start", "End", "Duration"],
        ["Ana Silva", "Office", "Capacity building", "11:20", "", "11:4000:20"],
        ["Ben Okafor", "Closure of the meeting", "", "", "17:00", "00:25"],
    ]
    items = find_programme((_table(rows),), 2024, "2024-06-03")
    assert [(a.start, a.end) for a in items] == [("11:20", "11:40"), ("16:35", "17:00")]
    assert items[1].title == "Closure of the meeting"


# ------------------------------------------------------------------ recommendations


def _energy_stream(numbered_subsections: bool) -> list[Block]:
    sub = ["6.1 Energy", "6.2 Mines"] if numbered_subsections else ["Energy", "Mines"]
    return [
        _block(
            BlockKind.HEADING, "1.2 Preparing for the Budgetary Review and Recommendations Report", 14, True
        ),
        _block(BlockKind.LIST_ITEM, "Briefings by the Department on quarterly reports.", marker="•"),
        _block(BlockKind.LIST_ITEM, "Oversight visits to five provinces.", marker="•"),
        _block(BlockKind.HEADING, "6. RECOMMENDATIONS", 14, True),
        _block(
            BlockKind.PARAGRAPH,
            "Informed by its deliberations, the Committees recommends that the House requests the "
            "Ministers of Mineral Resources, and Energy to:",
        ),
        _block(BlockKind.HEADING, sub[0], 12, True),
        _block(BlockKind.LIST_ITEM, "Ensure that the entities achieve clean audits.", marker="6.1.1"),
        _block(BlockKind.LIST_ITEM, "Review the targets identified as problematic.", marker="6.1.2"),
        _block(BlockKind.HEADING, sub[1], 12, True),
        _block(BlockKind.LIST_ITEM, "Attend to the challenges of the diamond trader.", marker="6.2.1"),
        _block(BlockKind.HEADING, "7. CONCLUSION", 14, True),
    ]


@pytest.mark.parametrize("numbered_subsections", [True, False])
def test_subsection_numbered_recommendations_and_relayed_addressees(numbered_subsections: bool) -> None:
    recs = find_recommendations(tuple(_energy_stream(numbered_subsections)))
    assert [r.number for r in recs] == ["6.1.1", "6.1.2", "6.2.1"]
    assert recs[0].text.startswith("Ensure that the entities")
    assert all(r.actors_raw.startswith("the Ministers of Mineral Resources") for r in recs)


@pytest.mark.parametrize(
    "lead, who",
    [
        (
            "The Committee recommends that the House requests the Ministers of Finance to:",
            "the Ministers of Finance",
        ),
        ("The Board recommends that the Assembly calls upon Member States to:", "Member States"),
        ("The evaluation recommends that UNDP:", "UNDP"),
    ],
)
def test_lead_in_passes_the_recommendation_on(lead: str, who: str) -> None:
    assert lead_in_actors(lead) == who


@pytest.mark.parametrize(
    "raw, names",
    [
        (
            "the Ministers ofMineral and Petroleum Resources, and Electricity and Energy",
            ["Ministers of Mineral and Petroleum Resources, and Electricity and Energy"],
        ),
        ("Ministers of Health and Finance", ["Ministers of Health and Finance"]),
        ("the Ministers of Health, and the Director", ["Ministers of Health", "Director"]),
        ("the secretariat and SOM", ["secretariat", "SOM"]),
    ],
)
def test_plural_title_governs_its_conjuncts(raw: str, names: list[str]) -> None:
    assert split_addressees(raw) == names


@pytest.mark.parametrize("bold_items", [True, False])
def test_bold_sentences_set_as_headings_do_not_end_the_region(bold_items: bool) -> None:
    kind = BlockKind.HEADING if bold_items else BlockKind.PARAGRAPH
    stream = [
        _block(BlockKind.HEADING, "V. Recommendations", 12, True),
        _block(
            kind,
            "106. On the basis of the foregoing, the Secretary-General recommends the following:",
            10,
            bold_items,
        ),
        _block(kind, "(a) Member States, parties to conflict and humanitarian organizations", 10, bold_items),
        _block(
            BlockKind.PARAGRAPH, "should promote and ensure full respect for the humanitarian principles;"
        ),
        _block(kind, "(b) Member States and parties to conflict must comply with their", 10, bold_items),
        _block(BlockKind.PARAGRAPH, "obligations under international humanitarian law;"),
        _block(kind, "(c) Donors should provide flexible funding for humanitarian action.", 10, bold_items),
    ]
    recs = find_recommendations(tuple(stream))
    assert [r.number for r in recs] == ["a", "b", "c"]
    assert recs[1].text.startswith("Member States and parties to conflict must comply with their obligations")


def test_number_zero_is_no_label() -> None:
    stream = [
        _table([["Grant", "Amount"], ["State Grant", "R318 million"], ["Medium Term", "R0"]]),
        _block(BlockKind.HEADING, "RECOMMENDATIONS", 14, True),
        _block(BlockKind.LIST_ITEM, "Ensure clean audits in the next financial year.", marker="1."),
        _block(BlockKind.LIST_ITEM, "Review the performance targets of the entities.", marker="2."),
    ]
    assert [r.number for r in find_recommendations(tuple(stream))] == ["1", "2"]


@pytest.mark.parametrize(
    "text, date",
    [
        ("DATED 23OCTOBER 2024", "2024-10-23"),
        ("dated 23 October 2024", "2024-10-23"),
        ("on 3rd March 2020", "2020-03-03"),
    ],
)
def test_day_run_into_its_month(text: str, date: str) -> None:
    assert [d.start for d in find_dates(text)] == [date]


# ------------------------------------------------------------------ paragraphs in PDF


def test_a_sentence_ending_short_of_the_margin_ends_its_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "objectives.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 760, "Objectives:")
    c.setFont("Helvetica", 11)
    y = 740
    lines = [
        "The mission will travel to the project site to capture video and audio content for a short film",
        "about the pilot, and will meet the people who took part in it.",
        "Collect photographs and audio snippets.",
        "Collect local music samples.",
        "Hold a community closing ceremony.",
    ]
    for line in lines:
        c.drawString(72, y, line)
        y -= 14
    c.save()
    blocks = [b for b in PdfExtractor().extract(path, str(path)).blocks if b.kind == BlockKind.PARAGRAPH]
    assert [b.text for b in blocks][-3:] == lines[2:]
    assert blocks[0].text.startswith("The mission will travel") and blocks[0].text.endswith(
        "took part in it."
    )


# ------------------------------------------------------------------ agendas as running text


@pytest.mark.parametrize("marker", [True, False])
def test_numbered_agenda_items_take_the_day_heading_above_them(marker: bool) -> None:
    from pipeline.parse.agenda_numbered import find_numbered_agenda

    def item(n: int, text: str) -> Block:
        if marker:
            return _block(BlockKind.LIST_ITEM, text, marker=f"{n}.")
        return _block(BlockKind.PARAGRAPH, f"{n}. {text}")

    stream = (
        _block(BlockKind.HEADING, "Draft Agenda", 14, True),
        _block(BlockKind.PARAGRAPH, "DAY 1 Tuesday 25 February 2020: Seminar (all day)"),
        item(1, "Opening & Welcome Address"),
        item(2, "Keynote Lecture"),
        _block(BlockKind.PARAGRAPH, "DAY 2 Wednesday 26 February 2020: Seminar (am)"),
        item(3, "Wrap-up"),
    )
    items, _ = find_numbered_agenda(stream, 2020)
    assert [(a.number, a.date, a.title) for a in items] == [
        ("1", "2020-02-25", "Opening & Welcome Address"),
        ("2", "2020-02-25", "Keynote Lecture"),
        ("3", "2020-02-26", "Wrap-up"),
    ]


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_speakers_after_a_dash_when_the_programme_prints_them_so(dash: str) -> None:
    lines = [
        "26 January 2022",
        "9.45 Welcome and introduction",
        f"10.00-10.30 Survey history and design {dash} Martina Helme, ONS",
        f"10.30-11.05 Using the data {dash} Alle Bloom and Jen Buckley, UK Data Service",
        "11.05-11.15 Comfort break",
        f"11.15-11.45 Planning {dash} the next steps",
    ]
    items = find_programme(tuple(_block(BlockKind.PARAGRAPH, t) for t in lines), 2022, None)
    got = [(a.start, a.end, a.title, [s.name for s in a.speakers]) for a in items]
    assert got == [
        ("09:45", None, "Welcome and introduction", []),
        ("10:00", "10:30", "Survey history and design", ["Martina Helme"]),
        ("10:30", "11:05", "Using the data", ["Alle Bloom", "Jen Buckley"]),
        ("11:05", "11:15", "Comfort break", []),
        ("11:15", "11:45", f"Planning {dash} the next steps", []),
    ]
    assert items[2].speakers[0].organisation == "UK Data Service"


def test_one_dashed_title_is_not_a_speaker_pattern() -> None:
    lines = ["10:00-10:30 Session 2 – Data Sources, Methods", "10:30-11:00 Coffee break"]
    items = find_programme(tuple(_block(BlockKind.PARAGRAPH, t) for t in lines), 2022, "2022-01-26")
    assert items[0].title == "Session 2 – Data Sources, Methods" and not items[0].speakers


@pytest.mark.parametrize("heading", ["KEY-RECOMENDATIONS", "Key recommendations", "RECOMMANDATIONS"])
def test_recommendation_heading_spelt_as_printed(heading: str) -> None:
    stream = (
        _block(BlockKind.HEADING, heading, 14, True),
        _block(BlockKind.LIST_ITEM, "Ensure that the results are well articulated.", marker="1."),
        _block(BlockKind.LIST_ITEM, "Conduct a systematic study on the benefits.", marker="2."),
    )
    assert [r.number for r in find_recommendations(stream)] == ["1", "2"]


@pytest.mark.parametrize("short", [True, False])
def test_boxed_label_then_its_wording_set_as_a_heading_then_body_text(short: bool) -> None:
    wording = (
        "Generalize the accommodation assistance."
        if short
        else "Implement the pilot monitoring system to document the implementation challenges and best practices of "
        "the projects, as well as their results."
    )
    stream = (
        _block(BlockKind.HEADING, "Staff", 12, True),
        _block(
            BlockKind.PARAGRAPH,
            "It is too early to judge the projects' design and implementation effectiveness.",
        ),
        _block(BlockKind.HEADING, "Recommendation 4", 12, True),
        _block(BlockKind.HEADING, wording, 11, False),
        _block(
            BlockKind.PARAGRAPH, "Stakeholders' perceptions regarding this type of reintegration are mixed."
        ),
        _block(BlockKind.HEADING, "Recommendation 5", 12, True),
        _block(BlockKind.HEADING, "Collect more systematic monitoring data on the results.", 11, False),
        _block(BlockKind.PARAGRAPH, "As for the awareness raising component, a robust system was in place."),
    )
    recs = find_recommendations(stream)
    assert [(r.number, r.text) for r in recs] == [
        ("4", wording),
        ("5", "Collect more systematic monitoring data on the results."),
    ]


def test_a_short_second_column_of_prose_is_still_a_column(tmp_path: Path) -> None:
    """A page whose right column holds only the last few lines of a list (the rest of the list ran
    on the page before): its lines that share a baseline with the left column's are not joined."""
    path = tmp_path / "two_columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    left = [f"Left column sentence number {i} runs on with several more words here." for i in range(40)]
    right = [
        "Recommendation 13: Scale up the data collection",
        "systems to support migration governance and the",
        "national statistics office in its regular work",
        "across all of the regions of the country.",
    ]
    for i, line in enumerate(left):
        c.drawString(50, 780 - 14 * i, line[:48])
    for i, line in enumerate(right):
        c.drawString(320, 780 - 14 * i, line)
    c.save()
    blocks = PdfExtractor().extract(path, str(path)).blocks
    text = "\n".join(b.text for b in blocks)
    assert "Recommendation 13: Scale up the data collection systems to support" in " ".join(text.split())
    assert not any("Left column" in b.text and "Recommendation 13" in b.text for b in blocks)


# ------------------------------------------------------------------ reports of a body


def _un_report(author_line: str, lead: str) -> list[Block]:
    blocks = [
        _block(BlockKind.PARAGRAPH, "Distr.: General 25 July 2025"),
        _block(BlockKind.HEADING, "Protection of migrant workers", size=14.0, bold=True),
        _block(BlockKind.HEADING, author_line, size=12.0, bold=True),
        _block(BlockKind.HEADING, "I. Introduction", size=12.0, bold=True),
    ]
    blocks += [
        _block(BlockKind.LIST_ITEM, f"Narrative paragraph {n} of the body of the report.", marker=f"{n}.")
        for n in (58, 59)
    ]
    blocks += [
        _block(BlockKind.HEADING, "V. Conclusions and recommendations", size=12.0, bold=True),
        _block(BlockKind.LIST_ITEM, lead, marker="60."),
        _block(
            BlockKind.LIST_ITEM,
            "Ratify and implement the Convention on the rights of all migrant workers;",
            marker="(a)",
        ),
        _block(
            BlockKind.LIST_ITEM,
            "Ensure that recruitment fees are never charged to migrant workers;",
            marker="(b)",
        ),
        _block(
            BlockKind.LIST_ITEM,
            "Collect and publish data on labour migration disaggregated by sex.",
            marker="(c)",
        ),
        _block(
            BlockKind.LIST_ITEM,
            "The present report will be followed by a study on recruitment costs next year.",
            marker="61.",
        ),
    ]
    return blocks


@pytest.mark.parametrize(
    "author_line",
    [
        "Report of the Secretary-General",
        "Note by the Secretariat",
        "Report of the Special Rapporteur on migrants",
    ],
)
def test_a_bodys_report_with_recommendations_is_no_evaluation(author_line: str) -> None:
    from pipeline.models import DocType, DocumentInfo
    from pipeline.parse import parse_document

    blocks = tuple(_un_report(author_line, "The Secretary-General recommends that Member States:"))
    doc = parse_document(DocumentInfo(id="x", source_file=SRC, sha256="0", format="pdf"), blocks)
    assert doc.info.doc_type == DocType.OTHER
    assert [r.number for r in doc.recommendations] == ["a", "b", "c"]
    assert (
        doc.recommendations[-1].text == "Collect and publish data on labour migration disaggregated by sex."
    )


def test_an_evaluation_report_of_a_body_stays_an_evaluation() -> None:
    from pipeline.models import DocType, DocumentInfo
    from pipeline.parse import parse_document

    blocks = _un_report("Report of the Evaluation Office", "The evaluation recommends that management:")
    blocks[3:3] = [
        _block(BlockKind.HEADING, title, size=12.0, bold=True)
        for title in ("Methodology", "Findings", "Conclusions")
    ]
    doc = parse_document(DocumentInfo(id="x", source_file=SRC, sha256="0", format="pdf"), tuple(blocks))
    assert doc.info.doc_type == DocType.EVALUATION_REPORT


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mardi 14 octobre 2025", "2025-10-14"),
        ("Jeudi, 16 octobre – matin", "2025-10-16"),
        ("Martes 14 de octubre", "2025-10-14"),
        ("Miércoles 15 de octubre de 2025", "2025-10-15"),
        ("Tuesday 14 October", "2025-10-14"),
    ],
)
def test_day_headings_in_french_and_spanish(text: str, date: str) -> None:
    from pipeline.parse.dates import day_heading

    day = day_heading(text, 2025)
    assert day is not None and day.date == date
