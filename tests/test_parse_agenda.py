"""Agenda items from hand-built block streams: one test per kind of programme or agenda."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.agenda import document_year, find_agenda_items

SOURCES = Path(__file__).parent / "data" / "sources"
P = Provenance("x.pdf", page=1)


def para(text: str, kind: BlockKind = BlockKind.PARAGRAPH, marker: str = "", bold: bool = False) -> Block:
    return Block(kind, text, P, marker=marker, bold=bold)


def heading(text: str, marker: str = "", level: int = 1) -> Block:
    return Block(BlockKind.HEADING, text, P, level=level, marker=marker, bold=True)


def table(*rows: tuple) -> Block:
    cells = tuple(tuple(c if isinstance(c, Cell) else Cell(c) for c in row) for row in rows)
    return Block(BlockKind.TABLE, "\n".join("\t".join(c.text for c in r) for r in cells), P, rows=cells)


def brief(items):
    return [(a.date, a.start, a.end, a.number, a.title) for a in items]


def test_parse_agenda_time_column_table():
    blocks = (
        para("14:00 - 18:30 (GMT+9), Tuesday, 30 March 2021"),
        table(
            (
                "14:00 - 14:15",
                "Opening Session Opening remarks, Mr. Ganbold Baasanjav, Head of ESCAP East and "
                "North-East Asia Office Introduction of the meeting, NEASPEC Secretariat",
            ),
            (
                "14:15 - 16:50",
                "Session 1: Address the recommendations\nSecretariat will moderate discussions to "
                "review the status quo of NEASPEC based on the evaluation.",
            ),
            ("16:50 - 17:00", "Break"),
            (
                "17:00 - 18:00",
                Cell(
                    "Session 2: Review of planned activities in 2021 This session will review the "
                    "2021 activities.",
                    bold_prefix="Session 2: Review of planned activities in 2021",
                ),
            ),
        ),
    )
    items = find_agenda_items(blocks, 2021, None)
    assert brief(items) == [
        ("2021-03-30", "14:00", "14:15", None, "Opening Session"),
        ("2021-03-30", "14:15", "16:50", None, "Session 1: Address the recommendations"),
        ("2021-03-30", "16:50", "17:00", None, "Break"),
        ("2021-03-30", "17:00", "18:00", None, "Session 2: Review of planned activities in 2021"),
    ]
    opening = items[0]
    assert opening.speakers[0].name == "Mr. Ganbold Baasanjav"
    assert opening.speakers[0].role == "Head"
    assert opening.speakers[0].organisation == "ESCAP East and North-East Asia Office"
    assert items[1].description.startswith("Secretariat will moderate")
    assert items[3].description == "This session will review the 2021 activities."


def test_parse_agenda_day_headings_numbered_talks_and_breaks():
    blocks = (
        heading("UN-GGIM WG-Disasters Conference 2020"),
        heading("Day 1: Tuesday 25 February : Seminar (All day)"),
        heading("9:15 Registration"),
        heading("9:45 Opening"),
        para("Chair: Mr. Oki Shoichi, Co-chair of UN-GGIM WG-Disasters"),
        para("Mr. Yamada Kunihiro Welcome Address Vice Minister of Land, Japan"),
        para("Ms. Rosamond C. Bing"),
        para("Co-Chair of UN-GGIM"),
        heading("Keynote Lecture: 10:10–10:50 The Utilization of Geospatial Information"),
        para(
            "Prof. Dr. Hasanuddin Z. Abidin Head of Geospatial Information Agency of Indonesia (BIG), Indonesia"
        ),
        para("11:00–11:30 Coffee Break– Lounge"),
        heading("11:30–13:00 Session 1: Contribution of Geodesy"),
        para("Chair: Mr. Miyahara Basara, Chair of WG-1, UN-GGIM-AP"),
        heading("1-1"),
        para("(TBD)"),
        heading("1-2"),
        para("Collaboration between governmental authorities"),
        para("Geocell Reinforcement Resource", BlockKind.LIST_ITEM, marker="-"),
        para("Mr. Anders Sandin, Lantmäteriet, Sweden"),
        para("Coffee Break– Lounge"),
        heading("18:10-(19:40) Welcome Reception"),
        para("hosted by Mr. Kurokawa Junichiro, Director-General of GSI – Lounge"),
        heading("Day 2: Wednesday 26 February: Seminar (AM) and Exercise (PM)"),
        heading("10:00-11:30 Session 4: Geospatial Technology against Disasters"),
        heading("E-1"),
        para("Web-based disaster information sharing exercise based on the Typhoon Hagibis 2019"),
        para("scenario"),
        para("Mr. Alan Mills, MapAction"),
        heading("Day 3: Thursday 27 February: Technical Tour(All day)"),
    )
    items = find_agenda_items(blocks, None, None)
    assert brief(items) == [
        ("2020-02-25", "09:15", None, None, "Registration"),
        ("2020-02-25", "09:45", None, None, "Opening"),
        ("2020-02-25", None, None, None, "Welcome Address"),
        ("2020-02-25", "10:10", "10:50", None, "Keynote Lecture: The Utilization of Geospatial Information"),
        ("2020-02-25", "11:00", "11:30", None, "Coffee Break"),
        ("2020-02-25", "11:30", "13:00", None, "Session 1: Contribution of Geodesy"),
        ("2020-02-25", None, None, "1-1", "(TBD)"),
        (
            "2020-02-25",
            None,
            None,
            "1-2",
            "Collaboration between governmental authorities - Geocell Reinforcement Resource",
        ),
        ("2020-02-25", None, None, None, "Coffee Break"),
        ("2020-02-25", "18:10", "19:40", None, "Welcome Reception"),
        ("2020-02-26", "10:00", "11:30", None, "Session 4: Geospatial Technology against Disasters"),
        (
            "2020-02-26",
            None,
            None,
            "E-1",
            "Web-based disaster information sharing exercise based on the Typhoon Hagibis 2019 scenario",
        ),
    ]
    assert items[6].session == "Session 1: Contribution of Geodesy"
    assert [s.name for s in items[2].speakers] == ["Mr. Yamada Kunihiro", "Ms. Rosamond C. Bing"]
    assert (items[2].speakers[1].role, items[2].speakers[1].organisation) == ("Co-Chair", "UN-GGIM")
    assert items[1].speakers[0].role == "Chair"
    assert items[7].speakers[0].organisation == "Lantmäteriet, Sweden"


def test_parse_agenda_programme_table_with_label_rows():
    blocks = (
        table(
            (Cell("Day 1: Tuesday 25 February"), Cell(""), Cell("")),
            (Cell("9:15"), Cell(""), Cell("Registration", bold=True)),
            (Cell("Welcome Address"), Cell(""), Cell("Mr. Yamada Kunihiro")),
            (Cell(""), Cell(""), Cell("Vice Minister of Land, Japan")),
            (Cell("11:00–11:30"), Cell(""), Cell("Coffee Break– Lounge", bold_prefix="Coffee Break")),
        ),
    )
    items = find_agenda_items(blocks, 2020, None)
    assert brief(items) == [
        ("2020-02-25", "09:15", None, None, "Registration"),
        ("2020-02-25", None, None, None, "Welcome Address"),
        ("2020-02-25", "11:00", "11:30", None, "Coffee Break"),
    ]
    assert (items[1].speakers[0].role, items[1].speakers[0].organisation) == ("Vice Minister", "Land, Japan")


ANNOTATED = (
    heading("Provisional annotated agenda, timetable and organization of work"),
    para("Contents"),
    para("Adoption of the agenda ........................ 3", BlockKind.LIST_ITEM, marker="1."),
    heading("Provisional annotated agenda"),
    heading(
        "1. Adoption of the provisional annotated agenda, timetable and organization of work",
        marker="1.",
        level=2,
    ),
    para("For decision (E/ICEF/2025/11)"),
    para("The provisional agenda has been prepared in consultation with the Bureau."),
    heading("Programme and policy matters"),
    heading("2. Annual report for 2024 of the Executive Director", marker="2.", level=2),
    heading("UNICEF report on the recommendations of the Joint Inspection Unit", level=2),
    para("For information (E/ICEF/2025/14)"),
    heading("3. UNICEF programme cooperation", marker="3.", level=2),
    heading("Extensions of ongoing country programmes", level=2),
    heading("4. Other matters", marker="4.", level=2),
    heading("Provisional timetable and organization of work for the 2025 annual session"),
    heading("10–13 June 2025"),
    para("Tuesday 10 a.m.– Item 1 Adoption of the provisional annotated agenda, 10 June 1 p.m."),
    para("Item 2 Annual report for 2024 of the Executive Director"),
    para("1.15–2.45 Informal consultations p.m."),
    para("3–5 p.m. General statements (cont’d)"),
    para("Item 3 UNICEF programme cooperation"),
    para("Wednesday 10 a.m.– Item 4 Other matters 11 June 1 p.m."),
)


def test_parse_agenda_annotated_agenda_with_timetable_slots():
    items = find_agenda_items(ANNOTATED, 2025, "2025-06-10")
    assert brief(items) == [
        (
            "2025-06-10",
            "10:00",
            "13:00",
            "1",
            "Adoption of the provisional annotated agenda, timetable and organization of work",
        ),
        ("2025-06-10", "10:00", "13:00", "2", "Annual report for 2024 of the Executive Director"),
        ("2025-06-10", "15:00", "17:00", "3", "UNICEF programme cooperation"),
        ("2025-06-11", "10:00", "13:00", "4", "Other matters"),
    ]
    assert items[0].description.startswith("For decision (E/ICEF/2025/11)")
    assert "Extensions of ongoing country programmes" in items[2].description
    assert [a.session for a in items] == [
        "",
        "Programme and policy matters",
        "Programme and policy matters",
        "Programme and policy matters",
    ]
    assert "Programme and policy matters" not in items[0].description


def test_parse_agenda_timetable_as_table_continuation_page():
    blocks = ANNOTATED[:14] + (
        heading("Provisional timetable"),
        table(
            ("Tuesday\n10 June", "10 a.m.–\n1 p.m.", "Item 1", "Adoption"),
            ("", "", "Item 2", "Annual report"),
        ),
        table(("", "3–5 p.m.", "Items 3 and 4", "Programme cooperation; other matters")),
    )
    items = find_agenda_items(blocks, 2025, None)
    assert [(a.number, a.date, a.start, a.end) for a in items] == [
        ("1", "2025-06-10", "10:00", "13:00"),
        ("2", "2025-06-10", "10:00", "13:00"),
        ("3", "2025-06-10", "15:00", "17:00"),
        ("4", "2025-06-10", "15:00", "17:00"),
    ]


def test_parse_agenda_numbered_list_agenda():
    blocks = (
        heading("IV. Agenda of the seminar", marker="IV."),
        para("6. The agenda of the seminar is as follows:"),
        para(
            "Challenges and opportunities in the process of decolonization in today’s world:",
            BlockKind.LIST_ITEM,
            marker="1.",
        ),
        para("Dynamics of a changing world;", BlockKind.LIST_ITEM, marker="(a)"),
        para("Strengthening cooperation with administering Powers.", BlockKind.LIST_ITEM, marker="(b)"),
        para("Challenges and opportunities in the Caribbean region.", BlockKind.LIST_ITEM, marker="2."),
        para("Way forward.", BlockKind.LIST_ITEM, marker="3."),
        heading("V. Organization of the seminar", marker="V."),
        para("7. The seminar will be held on 12 May 2009.", BlockKind.LIST_ITEM, marker="7."),
    )
    items = find_agenda_items(blocks, 2009, None)
    assert brief(items) == [
        (
            None,
            None,
            None,
            "1",
            "Challenges and opportunities in the process of decolonization in today’s world",
        ),
        (None, None, None, "2", "Challenges and opportunities in the Caribbean region"),
        (None, None, None, "3", "Way forward"),
    ]
    assert (
        items[0].description
        == "Dynamics of a changing world; Strengthening cooperation with administering Powers."
    )


def test_parse_agenda_text_lines_with_am_pm_ranges():
    blocks = (
        heading("Programme"),
        para("Monday, 4 May 2026"),
        para("9.00–10.30 a.m. Opening and welcome"),
        para("10 a.m.–1 p.m. Plenary: evidence for development"),
        para("3–5 p.m. Panel discussion"),
        heading("Background", marker="2."),
        para("The 9th week will be held from 10:00 to 17:00 every day in a long paragraph about things."),
    )
    items = find_agenda_items(blocks, None, None)
    assert brief(items) == [
        ("2026-05-04", "09:00", "10:30", None, "Opening and welcome"),
        ("2026-05-04", "10:00", "13:00", None, "Plenary: evidence for development"),
        ("2026-05-04", "15:00", "17:00", None, "Panel discussion"),
    ]


def test_parse_agenda_concept_note_strands_and_deadlines_are_not_items():
    blocks = (
        heading("Concept Note: The 9th Uganda Evaluation Week"),
        para(
            "The week will be held from May 4-8, 2026 in Kampala and will shape the national agenda under NDP IV."
        ),
        heading("4. Conference Strands", marker="4."),
        para("The UEW will provide a forum organised around five main strands:"),
        heading("Strand 1: Innovation & Technology Use: AI, Big Data and Evaluation"),
        para(
            "Anomaly Detection and Predictive Analytics in Public Programs", BlockKind.LIST_ITEM, marker="●"
        ),
        heading("Strand 2: Evidence for NDPIV Implementation (World Café)"),
        heading("11. Call for abstracts", marker="11."),
        para("Call opens: October 10, 2025", BlockKind.LIST_ITEM, marker="1."),
        para("Deadline: January 22, 2026", BlockKind.LIST_ITEM, marker="2."),
        para("the main conference from the 5th at 2.00pm to 8th of May 2026"),
    )
    assert find_agenda_items(blocks, 2026, "2026-05-04") == ()


def test_parse_agenda_report_paragraphs_are_not_items():
    blocks = (
        heading("I. Introduction", marker="I."),
        para("1. The General Assembly, at its fifty-fifth session, included the item in its agenda."),
        para("2. In its resolution 63/110 the Assembly approved the programme of work."),
        para("3. The seminar will be held at 10 a.m. in the morning."),
    )
    assert find_agenda_items(blocks, 2009, None) == ()


def test_parse_agenda_document_year_from_cover():
    assert (
        document_year((heading("UN-GGIM WG-Disasters Conference 2020"), para("Tokyo, 25-27 February")))
        == 2020
    )
    assert document_year((para("As of February 14 2020"),)) == 2020
    assert document_year((para("no year here"),)) is None


@pytest.mark.skipif(not (SOURCES / "neaspec-nfp-2021-concept-note.txt").exists(), reason="seed not copied")
def test_parse_agenda_seed_text_integration():
    from pipeline.extract import extract
    from pipeline.models import DocumentInfo
    from pipeline.parse import parse_document

    _, extraction = extract(SOURCES / "neaspec-nfp-2021-concept-note.txt")
    info = DocumentInfo(id="x", source_file="seed.txt", sha256="", format="txt")
    doc = parse_document(info, extraction.blocks)
    assert [(a.start, a.end, a.title) for a in doc.agenda_items] == [
        ("14:00", "14:15", "Opening Session"),
        ("14:15", "16:50", "Session 1: Address the recommendations of the NEASPEC independent evaluation"),
        ("16:50", "17:00", "Break"),
        ("17:00", "18:00", "Session 2: Review of planned activities in 2021"),
        ("18:00", "18:30", "Conclusions"),
    ]
    assert {a.date for a in doc.agenda_items} == {"2021-03-30"}
    assert doc.agenda_items[0].speakers[0].name == "Mr. Ganbold Baasanjav"


def test_parse_agenda_speaker_column_is_not_a_parallel_session():
    blocks = (
        table(
            ("Monday, 3 June 2024", "", ""),
            ("09:00 – 09:30", "Opening", "UNDP Secretariat"),
            (
                "09:30 – 11:00",
                "Panel on financing for development in small island States",
                "Mr. John Smith, Director of Finance",
            ),
        ),
    )
    items = find_agenda_items(blocks, None, None)
    assert brief(items) == [
        ("2024-06-03", "09:00", "09:30", None, "Opening"),
        ("2024-06-03", "09:30", "11:00", None, "Panel on financing for development in small island States"),
    ]
    assert items[0].description == "UNDP Secretariat"
    assert (items[1].speakers[0].role, items[1].speakers[0].organisation) == ("Director", "Finance")


def test_parse_agenda_day_column_before_time_column():
    blocks = (
        table(
            ("Day", "Time", "Session"),
            ("Tuesday 4 June", "10:00-11:00", "Opening"),
            ("", "11:00-12:00", "Working group reports"),
        ),
    )
    assert brief(find_agenda_items(blocks, 2024, None)) == [
        ("2024-06-04", "10:00", "11:00", None, "Opening"),
        ("2024-06-04", "11:00", "12:00", None, "Working group reports"),
    ]


def test_parse_agenda_grid_with_slot_labels_and_parallel_sessions():
    blocks = (
        table(
            ("DAY 3", "May 6, 2026", "", ""),
            ("", "Tea Break · 10:00 AM – 10:30 AM", "", ""),
            ("", "Parallel Session 1 · 10:30 AM – 12:30 PM · 5 Breakout Rooms", "", ""),
            ("Time", "Board Room 1", "Muyenga 1", ""),
            ("", "Chair: Mr. Kenneth Otikal", "Chair: Ms. Rosetti Nayenga", ""),
            ("10:30–10:55", "Digital Readiness, Trust, and", "Using Evaluation to Strengthen Private", ""),
            ("", "Inclusion in MEL", "Sector Competitiveness", ""),
            ("", "Pantaleon Shoki", "Ssenyondo Vicent", ""),
            ("2:00 – 3:00", "Afternoon Plenary: strengthening evidence systems", "", ""),
        ),
    )
    items = find_agenda_items(blocks, 2026, None)
    assert brief(items) == [
        ("2026-05-06", "10:00", "10:30", None, "Tea Break"),
        ("2026-05-06", "10:30", "12:30", None, "Parallel Session 1"),
        ("2026-05-06", "10:30", "10:55", None, "Digital Readiness, Trust, and Inclusion in MEL"),
        (
            "2026-05-06",
            "10:30",
            "10:55",
            None,
            "Using Evaluation to Strengthen Private Sector Competitiveness",
        ),
        ("2026-05-06", "14:00", "15:00", None, "Afternoon Plenary: strengthening evidence systems"),
    ]
    assert items[1].description == "5 Breakout Rooms"
    assert "Pantaleon Shoki" in items[2].description


def test_parse_agenda_table_of_ratios_is_not_a_programme():
    blocks = (
        table(
            ("Indicator", "Range"),
            ("1.23–1.48", "Debt ratio"),
            ("2.07–2.33", "Coverage ratio"),
            ("1.11–1.37", "Other ratio"),
        ),
    )
    assert find_agenda_items(blocks, 2024, None) == ()


def test_parse_agenda_header_and_role_labels_are_not_items():
    blocks = (
        table(
            ("Time (GMT+7)", "Session"),
            ("09:00–09:30", "Registration"),
            ("Chair", "Ms. Jane Doe, ESCAP"),
            ("09:30–10:30", "Opening session"),
        ),
    )
    items = find_agenda_items(blocks, 2024, None)
    assert [a.title for a in items] == ["Registration", "Opening session"]


def test_parse_agenda_item_number_on_its_own_line():
    blocks = (
        heading("Provisional agenda"),
        para("Item 1", bold=True),
        para("Opening of the session"),
        para("Item 2", bold=True),
        para("Election of officers"),
    )
    assert brief(find_agenda_items(blocks, 2024, None)) == [
        (None, None, None, "1", "Opening of the session"),
        (None, None, None, "2", "Election of officers"),
    ]


def test_parse_agenda_time_zones_and_hrs_after_times():
    blocks = (
        para("Wednesday, 5 March 2025"),
        para("09:00-10:30 hrs Opening of the workshop"),
        para("10:30 (GMT+7) Visit to the field site"),
        para("1-2 March participants arrive"),
    )
    items = find_agenda_items(blocks, None, None)
    assert brief(items) == [
        ("2025-03-05", "09:00", "10:30", None, "Opening of the workshop"),
        ("2025-03-05", "10:30", None, None, "Visit to the field site"),
    ]
    assert "1-2 March" in items[1].description


def test_parse_agenda_bullets_under_a_title_are_description():
    blocks = (
        table(
            ("Time", "Agenda"),
            ("09:30-10:00", "Session 1: Opening\n- Welcome remarks by the host\n- Adoption of the agenda"),
            ("10:00-10:30", "Coffee break"),
        ),
    )
    items = find_agenda_items(blocks, 2024, None)
    assert [a.title for a in items] == ["Session 1: Opening", "Coffee break"]
    assert items[0].description.startswith("- Welcome remarks")


def test_parse_agenda_annotations_repeat_the_plain_list():
    blocks = (
        heading("Provisional agenda"),
        para("Opening of the session.", BlockKind.LIST_ITEM, marker="1."),
        para("Adoption of the agenda.", BlockKind.LIST_ITEM, marker="2."),
        heading("Annotations to the provisional agenda"),
        heading("1. Opening of the session", marker="1."),
        para("The session will be opened by the Chair."),
        heading("2. Adoption of the agenda", marker="2."),
        para("The Committee will adopt its agenda."),
    )
    items = find_agenda_items(blocks, 2024, None)
    assert [(a.number, a.title, a.description) for a in items] == [
        ("1", "Opening of the session", "The session will be opened by the Chair."),
        ("2", "Adoption of the agenda", "The Committee will adopt its agenda."),
    ]


_PIECES = [
    "09:00",
    "10 a.m.–",
    "1 p.m.",
    "3–5 p.m.",
    "Item 2",
    "Items 1 and 3",
    "1.",
    "2.",
    "1-1",
    "E-2",
    "Day 1:",
    "Tuesday 10 June",
    "Coffee Break– Lounge",
    "Mr. A B",
    "Chair:",
    "agenda",
    "timetable",
    "·",
    "\n",
    " ",
    "x",
    "Session 1: Title",
    "Welcome Address",
    "2:00 – 3:00",
    "Time",
    "(GMT+9)",
    "Continuation",
    "NA",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(BlockKind)),
            st.lists(st.sampled_from(_PIECES), max_size=6),
            st.sampled_from(["", "1.", "2.", "-", "IV."]),
        ),
        max_size=25,
    )
)
def test_parse_agenda_fuzz_never_raises(specs):
    blocks = []
    for kind, pieces, marker in specs:
        text = " ".join(pieces)
        if kind == BlockKind.TABLE:
            rows = tuple(tuple(Cell(p) for p in pieces[i : i + 3]) for i in range(0, len(pieces), 3))
            blocks.append(Block(kind, text, P, rows=rows))
        else:
            blocks.append(Block(kind, text, P, marker=marker))
    for item in find_agenda_items(tuple(blocks), None, None):
        assert item.start is None or len(item.start) == 5


def test_parse_agenda_numbered_items_with_their_own_times():
    blocks = (
        heading("Provisional agenda"),
        para("Opening of the meeting (09:00–09:30)", BlockKind.LIST_ITEM, marker="1."),
        para("10:00–12:00 Review of the work plan", BlockKind.LIST_ITEM, marker="2."),
    )
    assert brief(find_agenda_items(blocks, 2024, None)) == [
        (None, "09:00", "09:30", "1", "Opening of the meeting"),
        (None, "10:00", "12:00", "2", "Review of the work plan"),
    ]


def test_parse_agenda_timetable_with_days_but_no_times():
    blocks = ANNOTATED[:14] + (
        heading("Provisional programme of work"),
        table(("Monday, 9 June", "Morning", "Items 1 and 2"), ("Tuesday, 10 June", "Afternoon", "Items 3-4")),
    )
    items = find_agenda_items(blocks, 2025, None)
    assert [(a.number, a.date, a.start) for a in items] == [
        ("1", "2025-06-09", None),
        ("2", "2025-06-09", None),
        ("3", "2025-06-10", None),
        ("4", "2025-06-10", None),
    ]


def test_parse_agenda_label_on_a_line_of_its_own():
    blocks = (
        heading("9:45 Opening"),
        para("Chair: Mr. Oki Shoichi, Co-chair"),
        para("Welcome Address"),
        para("Mr. Yamada Kunihiro"),
        para("Vice Minister, MLIT"),
        heading("10:10-10:50 Keynote Lecture"),
    )
    items = find_agenda_items(blocks, 2020, None)
    assert [a.title for a in items] == ["Opening", "Welcome Address", "Keynote Lecture"]
    assert items[1].speakers[0].name == "Mr. Yamada Kunihiro"


def test_parse_agenda_item_title_wrapped_onto_a_second_block():
    blocks = (
        heading("Provisional annotated agenda"),
        heading("1. Progress on the review of governance and oversight of the", marker="1."),
        heading("Executive Boards of UNDP/UNFPA/UNOPS, UNICEF and UN-Women"),
        para("For decision"),
        heading("2. Annual report on the implementation of the Gender Action Plan, 2022–", marker="2."),
        heading("2025"),
    )
    assert [a.title for a in find_agenda_items(blocks, 2025, None)] == [
        "Progress on the review of governance and oversight of the Executive Boards of UNDP/UNFPA/UNOPS, UNICEF and "
        "UN-Women",
        "Annual report on the implementation of the Gender Action Plan, 2022–2025",
    ]


def test_parse_agenda_grid_cell_title_case_last_line_is_title_not_speaker():
    """In a parallel-session grid a title-case line under the title is the speaker only when no
    speaker follows and the title line above it is complete (UEW 2026 programme, page 5)."""
    blocks = (
        table(
            ("DAY 3", "May 6, 2026", "", ""),
            ("", "Parallel Session 1 · 10:30 AM – 12:30 PM · 5 Breakout Rooms", "", ""),
            ("Time", "Board Room 1", "Muyenga 1", "Muyenga 3"),
            (
                "10:30–10:55",
                "Powering Partnerships for Impact:",
                "Digital Readiness, Trust, and",
                "From Ivory Towers to",
            ),
            ("", "The Strategic Role of VOPEs in", "Inclusion in MEL", "Universities and Think Tanks in"),
            ("", "Evaluation Ecosystems", "Pantaleon Shoki,", "Reimagining Evaluation Practice"),
            ("", "Dr. Awuor Ponge", "Eugene Miheso Swinnerstone", "Jimmy Muhangi Bakesi"),
        ),
    )
    titles = [a.title for a in find_agenda_items(blocks, 2026, None)]
    assert titles == [
        "Parallel Session 1",
        "Powering Partnerships for Impact: The Strategic Role of VOPEs in Evaluation Ecosystems",
        "Digital Readiness, Trust, and Inclusion in MEL",
        "From Ivory Towers to Universities and Think Tanks in Reimagining Evaluation Practice",
    ]


def test_parse_agenda_continuation_cell_keeps_its_column():
    """A 'Continuation' cell in a row whose other cells open sessions is a session of its own: its
    lines do not run into the title of the nearest column (UEW 2026 programme, page 2)."""
    blocks = (
        table(
            ("DAY 2", "May 5, 2026", "", "", ""),
            ("", "", "Lunch Break · 1:00 PM – 2:00 PM", "", ""),
            ("", "Afternoon Sessions · 2:00 PM – 3:00 PM", "", "", ""),
            ("", "How to Design an Evidence-Based", "Continuation", "Enhancing MEAL Practices", "N/A"),
            ("", "Evaluation Report", "Designing a Theory of Change for", "through Advanced Data", ""),
            ("", "", "Implementation and M&E", "Visualization and AI Integration", ""),
            ("", "Facilitated by", "Facilitated by", "Facilitated by", ""),
            ("", "Mr. Serge Eric Yakeu Djiam", "Dr. Bwanika Godfrey", "Mr. Chris Derrick Opio", ""),
        ),
    )
    assert brief(find_agenda_items(blocks, 2026, None)) == [
        ("2026-05-05", "13:00", "14:00", None, "Lunch Break"),
        ("2026-05-05", "14:00", "15:00", None, "Afternoon Sessions"),
        ("2026-05-05", "14:00", "15:00", None, "How to Design an Evidence-Based Evaluation Report"),
        ("2026-05-05", "14:00", "15:00", None, "Designing a Theory of Change for Implementation and M&E"),
        (
            "2026-05-05",
            "14:00",
            "15:00",
            None,
            "Enhancing MEAL Practices through Advanced Data Visualization and AI Integration",
        ),
    ]
