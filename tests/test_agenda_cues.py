"""Agenda cues under surface variation: untimed day tables under caption rows and cut by a page
break, a day cell's subject with its points, session headings under day headings, a heading that
ends a timetable, describing rows of a chair column, a bare session number and its name on the next
row, a cell that lists one subject a line, a day run into a time cell, a place beside the activity,
plain rows in a table that keeps points in-cell, and the bold parts of a timed slot (also from a
generated PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.agenda import find_agenda_items
from pipeline.parse.agenda_days import find_day_tables, subjects_and_points
from pipeline.parse.agenda_programme import find_programme

SRC = "t.pdf"


def _table(
    rows: list[list[str]], bold: set[tuple[int, int]] = frozenset(), page: int = 1, n: int = 0
) -> Block:
    cells = tuple(
        tuple(Cell(t, bold=(i, j) in bold) for j, t in enumerate(row)) for i, row in enumerate(rows)
    )
    return Block(
        BlockKind.TABLE,
        "\n".join("\t".join(r) for r in rows),
        Provenance(SRC, page=page, table=n),
        rows=cells,
    )


def _block(kind: BlockKind, text: str, size: float = 10.0, bold: bool = False, marker: str = "") -> Block:
    return Block(kind, text, Provenance(SRC, page=2), font_size=size, bold=bold, marker=marker)


def _rows(items) -> list[tuple]:
    return [(a.date, a.start, a.end, a.title) for a in items]


# ------------------------------------------------------------------ untimed day tables


@pytest.mark.parametrize("people", ["Name of Attendee", "Attendees", "Participants"])
@pytest.mark.parametrize("day", ["{d}th April 2023", "{d} April 2023", "Monday {d} April 2023"])
@pytest.mark.parametrize("captions", [0, 1, 2])
def test_day_table_under_captions_cut_by_a_page_break(people: str, day: str, captions: int) -> None:
    """Date | Item | Responsible | <people>: caption rows above the header, the rest of the table on
    the next page without a header; a cell's bullets or item letters are the subject's points."""
    days = [
        day.format(d=d).replace("Monday 17", "Monday 17").replace("Monday 18", "Tuesday 18") for d in (17, 18)
    ]
    days += [
        day.format(d=d).replace("Monday 19", "Wednesday 19").replace("Monday 20", "Thursday 20")
        for d in (19, 20)
    ]
    head = [["Proposed agenda:", "", "", ""], ["Mission to the border area", "", "", ""]][:captions]
    first = _table(
        [
            *head,
            ["Date", "Item", "Responsible", people],
            [days[0], "Arrival in the capital", "Field staff", "Ana\nBen"],
            [
                days[1],
                "Flight to the district (8:30am-10:15)\n• Meet the field office team",
                "Ana, Ben",
                "Ana,\nBen",
            ],
        ],
        bold={(len(head), 0), (len(head), 1)},
    )
    between = _block(BlockKind.LIST_ITEM, "Review logistics for community meetings", marker="•")
    second = _table(
        [
            [days[2], "Recording of interviews,\n\n• Local administration\n• End users", "Ben", "Ana"],
            [
                days[3],
                "Photography and audio capture.\na. Photography:\nstill images\nb. Audio snippets",
                "All",
                "",
            ],
        ],
        page=2,
        n=1,
    )
    items = find_day_tables((first, between, second), 2023)
    assert [(a.date, a.title) for a in items] == [
        ("2023-04-17", "Arrival in the capital"),
        ("2023-04-18", "Flight to the district (8:30am-10:15)"),
        ("2023-04-19", "Recording of interviews,"),
        ("2023-04-20", "Photography and audio capture."),
    ]
    assert "Meet the field office team" in items[1].description


@pytest.mark.parametrize(
    ("text", "pdf", "expected"),
    [
        ("Opening\n\nAdoption of the\nagenda", True, [("Opening", ""), ("Adoption of the agenda", "")]),
        ("Site visit\n• Meet the team\n• Review", True, [("Site visit", "• Meet the team • Review")]),
        ("Site visit\n– Meet the team", True, [("Site visit – Meet the team", "")]),  # a dash wraps, no point
        ("Capture of\nimages.\na. Photos\nb. Sound", True, [("Capture of images.", "a. Photos b. Sound")]),
        ("Site visit\n• Meet the team", False, [("Site visit", "• Meet the team")]),  # DOCX paragraphs
        ("• Opening\n• Adoption", True, [("Opening", ""), ("Adoption", "")]),  # all bulleted: one a bullet
    ],
)
def test_a_cells_subject_and_its_points(text: str, pdf: bool, expected: list[tuple[str, str]]) -> None:
    assert subjects_and_points(text, pdf) == expected


# ------------------------------------------------------------------ session headings under days


def _course(heading_kind: BlockKind, session: str) -> list[Block]:
    """A daily timetable template, then an agenda of session headings (with bullets) under days."""
    blocks = [_block(BlockKind.HEADING, "Timetable", size=14, bold=True)]
    for t, title in [
        ("09:00 - 10:30", "Session 1"),
        ("10:30 - 11:00", "Coffee break"),
        ("11:00 - 12:30", "Questions"),
    ]:
        blocks.append(_block(BlockKind.LIST_ITEM, f"{t}: {title}", marker="•"))
    blocks.append(_block(BlockKind.HEADING, "Agenda", size=14, bold=True))
    for day, sessions in [("Day 1: Introduction to the tools", (1, 2)), ("Day 2: Reporting", (3, 4))]:
        blocks.append(_block(BlockKind.HEADING, day, size=12, bold=True))
        blocks.append(_block(BlockKind.LIST_ITEM, "Catch up", marker="•"))
        for k in sessions:
            blocks.append(_block(heading_kind, session.format(k=k) + f" Topic {k}", size=10, bold=True))
            blocks.append(_block(BlockKind.LIST_ITEM, f"Point {k}", marker="•"))
    blocks.append(_block(BlockKind.HEADING, "Some references", size=14, bold=True))
    blocks.append(_block(BlockKind.LIST_ITEM, "A cookbook", marker="•"))
    return blocks


@pytest.mark.parametrize("kind", [BlockKind.HEADING, BlockKind.PARAGRAPH])
@pytest.mark.parametrize("session", ["Session {k}:", "SESSION {k} -", "Module {k}.", "Panel {k}:"])
def test_session_headings_under_day_headings_are_untimed_items(kind: BlockKind, session: str) -> None:
    items = find_programme(tuple(_course(kind, session)), 2022, "2022-09-05")
    rows = _rows(items)
    assert rows[:3] == [
        ("2022-09-05", "09:00", "10:30", "Session 1"),
        ("2022-09-05", "10:30", "11:00", "Coffee break"),
        ("2022-09-05", "11:00", "12:30", "Questions"),  # the "Agenda" heading above ends it
    ]
    word = session.split()[0]
    if word == "Module":
        assert len(rows) == 3  # not a session word: left alone
        return
    assert [(d, s, t[: len(word)]) for d, s, _, t in rows[3:]] == [
        ("2022-09-05", None, word),
        ("2022-09-05", None, word),
        ("2022-09-06", None, word),
        ("2022-09-06", None, word),
    ]
    assert items[3].description == "Point 1"
    assert items[-1].description == "Point 4"  # "Some references" is no part of the last session


# ------------------------------------------------------------------ chair column rows, bare sessions


@pytest.mark.parametrize("chair_col", [2, 3])
@pytest.mark.parametrize("sep", ["-", "–"])
def test_rows_of_the_chair_column_and_a_bare_session_number(chair_col: int, sep: str) -> None:
    """TIME | SUBJECT | SPEAKER with the chair's lines on rows of their own, and a session number
    whose name the text layer put on the next row."""
    width = chair_col + 1

    def row(time: str, title: str, chair: str = "", speaker: str = "") -> list[str]:
        r = [""] * width
        r[0], r[1] = time, title
        r[chair_col] = chair
        if speaker:
            r[2] = speaker
        return r

    rows = [
        ["TIME", "SUBJECT", "SPEAKER", *[""] * (width - 3)],
        row(f"12.00 {sep} 1.00", "SESSION II\nASSESSING WELFARE", chair="CHAIRMAN: DR. A. ALI"),
        row("", "", chair="MINISTER OF SOCIAL SOLIDARITY"),
        row("", "", chair="DISCUSSANT: DR. B. BAKR"),
        row("", "TARGETING POOR PEOPLE", speaker="DR. C. CAN"),
        row(f"3.00 {sep} 4.00", "SESSION IV", chair="CHAIRMAN: DR. D. DAN"),
        row("", "YOUTH EMPLOYMENT OPTIONS", chair="MINISTER CONSULTANT"),
        row("", "EMPLOYMENT DEMAND", speaker="DR. E. EKO"),
    ]
    bold = {(i, j) for i in range(len(rows)) for j in range(width)}
    items = find_programme((_table(rows, bold),), 2015, "2015-10-20")
    assert [(a.start, a.end, a.title) for a in items] == [
        ("12:00", "13:00", "SESSION II ASSESSING WELFARE"),
        ("12:00", "13:00", "TARGETING POOR PEOPLE"),
        ("15:00", "16:00", "SESSION IV YOUTH EMPLOYMENT OPTIONS"),
        ("15:00", "16:00", "EMPLOYMENT DEMAND"),
    ]
    assert "MINISTER OF SOCIAL SOLIDARITY" in items[0].description


# ------------------------------------------------------------------ one subject a line, day in time cell


@pytest.mark.parametrize("day", ["Thursday, 1 March", "Thursday 1 March 2018"])
@pytest.mark.parametrize("place", ["Meeting point: Lobby Hotel Real", "Hotel Real - Lobby"])
def test_a_cell_listing_one_subject_a_line_under_a_day_run_into_the_time(day: str, place: str) -> None:
    rows = [
        ["", "Wednesday, 28 February", ""],
        ["8 am – 7 pm", "", "Excursion to the plant"],
        [f"{day}\n9 -11 am", place, "Visit a local handcraft market\nVisit the central museum"],
        ["11 am – 1 pm", "", "Closing of the\nevent"],
    ]
    items = find_programme((_table(rows),), 2018, None)
    assert _rows(items) == [
        ("2018-02-28", "08:00", "19:00", "Excursion to the plant"),
        ("2018-03-01", "09:00", "11:00", "Visit a local handcraft market"),
        ("2018-03-01", "09:00", "11:00", "Visit the central museum"),
        ("2018-03-01", "11:00", "13:00", "Closing of the event"),  # a wrapped title stays one
    ]


# ------------------------------------------------------------------ plain rows in an in-cell table


@pytest.mark.parametrize("bullet", ["•", "▪"])
def test_a_plain_row_is_an_item_where_points_stay_in_their_cell(bullet: str) -> None:
    rows = [
        ["Thursday, 19 June", "10 a.m.–1 p.m.", f"Policy matters\n{bullet} Briefing on the response"],
        ["", "", "Other matters"],
        ["", "", "Adoption of the decisions"],
        ["", "", f"Closing of the session\n{bullet} Statements by the Director"],
        ["", "3 p.m.–6 p.m.", f"Strategic plan\n{bullet} Draft plan"],
    ]
    bold = {(0, 2), (1, 2), (3, 2), (4, 2)}
    cells = tuple(
        tuple(
            Cell(t, bold=False, bold_prefix=t.split("\n")[0] if (i, j) in bold else "")
            for j, t in enumerate(r)
        )
        for i, r in enumerate(rows)
    )
    block = Block(BlockKind.TABLE, "", Provenance(SRC, page=1, table=0), rows=cells)
    items = find_programme((block,), 2025, None)
    assert [a.title for a in items] == [
        "Policy matters",
        "Other matters",
        "Adoption of the decisions",
        "Closing of the session",
        "Strategic plan",
    ]


# ------------------------------------------------------------------ the bold parts of a timed slot


NAMES = ["Ada Lovelace", "Rhoda Mwangi", "Ben Okafor", "Lina Haddad"]


def _ceremony(parts_bold: bool, speakers: bool) -> list[Block]:
    slot = _table([["3:00 PM – 8:30 PM", "Official Opening Ceremony"]])
    out = [slot]
    for k, part in enumerate(["National Anthem", "Short Remarks", "Keynote Address", "Awards"]):
        out.append(_block(BlockKind.HEADING, part, size=7, bold=parts_bold))
        if speakers and k % 2:
            out.append(_block(BlockKind.HEADING, f"Dr. {NAMES[k]}, Head of Office {k}", size=7))
    out.append(_block(BlockKind.HEADING, "DAY 3. 6TH MAY, 2026", size=15, bold=True))
    out.append(_table([["8:30 – 10:00", "Morning Plenary"]]))
    return out


@pytest.mark.parametrize("speakers", [True, False])
@pytest.mark.parametrize("parts_bold", [True, False])
def test_bold_parts_of_a_timed_slot_are_untimed_items(parts_bold: bool, speakers: bool) -> None:
    items = find_programme(tuple(_ceremony(parts_bold, speakers)), 2026, "2026-05-05")
    rows = _rows(items)
    parts = [
        ("2026-05-05", None, None, "National Anthem"),
        ("2026-05-05", None, None, "Short Remarks"),
        ("2026-05-05", None, None, "Keynote Address"),
        ("2026-05-05", None, None, "Awards"),
    ]
    assert rows[0] == ("2026-05-05", "15:00", "20:30", "Official Opening Ceremony")
    assert rows[-1] == ("2026-05-06", "08:30", "10:00", "Morning Plenary")
    if parts_bold:
        assert rows[1:-1] == parts
        if speakers:
            assert [s.name for s in items[2].speakers] == [f"Dr. {NAMES[1]}"]
    else:
        assert rows[1:-1] == []  # plain lines after a slot are its notes, not parts


def test_bold_parts_from_a_pdf_set_above_body_text(tmp_path: Path) -> None:
    """The same programme drawn in a PDF: 7pt bold parts over 7pt plain speaker lines, body text 6pt."""
    path = tmp_path / "ceremony.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    c.setFont("Helvetica", 6)
    for k in range(12):
        c.drawString(60, y, f"Programme note line {k} set in the body size of this document, six points.")
        y -= 9
    y -= 12
    # a ruled timetable of two rows: time | session
    c.setFont("Helvetica-Bold", 7)
    top = y + 10
    for t, title in [
        ("1:00 PM – 2:00 PM", "Lunch Break"),
        ("3:00 PM – 8:30 PM", "Official Opening Ceremony"),
    ]:
        c.drawString(64, y, t)
        c.drawString(184, y, title)
        y -= 16
    bottom = y + 10
    for x in (60, 180, 400):
        c.line(x, top, x, bottom)
    for yy in (top, top - 16, bottom):
        c.line(60, yy, 400, yy)
    y -= 20
    for k, part in enumerate(["National Anthem", "Short Remarks", "Keynote Address", "Awards"]):
        c.setFont("Helvetica-Bold", 7)
        c.drawString(180, y, part)
        y -= 9
        if k % 2:
            c.setFont("Helvetica", 7)
            c.drawString(120, y, f"Dr. {NAMES[k]}, Head of Office {k}")
            y -= 9
        y -= 4
    c.save()
    ex = PdfExtractor().extract(path, path.name)
    texts = [b.text for b in ex.blocks]
    assert "Short Remarks" in texts  # the bold line is a block of its own, not run into its speaker
    items = find_agenda_items(ex.blocks, 2026, "2026-05-05")
    titles = [a.title for a in items]
    assert titles[-4:] == ["National Anthem", "Short Remarks", "Keynote Address", "Awards"]


# ------------------------------------------------------------------ a day's unnumbered closing entry


@pytest.mark.parametrize("marker", [True, False])
@pytest.mark.parametrize(
    "day", ["DAY {k} {w} {d} February 2020: Seminar", "Day {k} – {w}, {d} February 2020"]
)
def test_an_unnumbered_line_closing_a_days_items_is_an_entry(marker: bool, day: str) -> None:
    def item(n: int, text: str) -> Block:
        if marker:
            return _block(BlockKind.LIST_ITEM, text, size=12, marker=f"{n}.")
        return _block(BlockKind.PARAGRAPH, f"{n}. {text}", size=12)

    def heading(k: int, w: str, d: int) -> Block:
        return _block(BlockKind.HEADING, day.format(k=k, w=w, d=d), size=14)

    blocks = (
        _block(BlockKind.HEADING, "Draft Agenda", size=22, bold=True),
        heading(1, "Tuesday", 25),
        item(1, "Opening & Welcome Address"),
        item(2, "Keynote Lecture"),
        _block(BlockKind.PARAGRAPH, "Welcome Reception", size=12),
        heading(2, "Wednesday", 26),
        item(3, "Wrap-up ~ Conclusive Words ~"),
        _block(BlockKind.PARAGRAPH, "Exercise on Information Sharing", size=12),
        heading(3, "Thursday", 27),
        _block(BlockKind.PARAGRAPH, "The tour is for government staff only.", size=12),
    )
    items = find_agenda_items(blocks, 2020, None)
    assert [(a.date, a.number, a.title) for a in items] == [
        ("2020-02-25", "1", "Opening & Welcome Address"),
        ("2020-02-25", "2", "Keynote Lecture"),
        ("2020-02-25", None, "Welcome Reception"),
        ("2020-02-26", "3", "Wrap-up ~ Conclusive Words ~"),
        ("2020-02-26", None, "Exercise on Information Sharing"),
    ]


def test_a_smaller_note_after_a_days_items_stays_a_note() -> None:
    blocks = (
        _block(BlockKind.HEADING, "Draft Agenda", size=22, bold=True),
        _block(BlockKind.HEADING, "DAY 1 Tuesday 25 February 2020", size=14),
        _block(BlockKind.LIST_ITEM, "Opening", size=12, marker="1."),
        _block(BlockKind.LIST_ITEM, "Keynote Lecture", size=12, marker="2."),
        _block(BlockKind.PARAGRAPH, "Interpretation provided", size=9),
        _block(BlockKind.HEADING, "DAY 2 Wednesday 26 February 2020", size=14),
        _block(BlockKind.LIST_ITEM, "Closing", size=12, marker="3."),
    )
    items = find_agenda_items(blocks, 2020, None)
    assert [a.title for a in items] == ["Opening", "Keynote Lecture", "Closing"]
    assert items[1].description == "Interpretation provided"


# ------------------------------------------------------------------ parts of a timed row, one a row


@pytest.mark.parametrize("pdf_lines", [False, True])
def test_untimed_rows_under_a_timed_row_describe_it(pdf_lines: bool) -> None:
    """A word processor's table: '0800-1000 | Introductions' then rows with an empty time cell listing
    the slot's parts: they describe the item, they do not run on its title. A PDF table whose rows are
    single printed lines (no cell of several lines) keeps joining a title wrapped from row to row."""
    rows = [
        ["DAY 1", ""],
        ["0800-1000", "Introductions – Project Overview"],
        ["", "Motivation for the project"],
        ["", "Explain field methods: Discharge, Turbidity"],
        ["1000-1100", "Lunch"],
        ["1100-1300", "Go over turbidimeter installation and wiring"],
        ["", "Demonstrate how to connect to Rain Gauge"],
    ]
    block = _table(rows)
    if not pdf_lines:
        block = Block(BlockKind.TABLE, block.text, Provenance(SRC, block=3, table=0), rows=block.rows)
    items = find_programme((block,), 2015, "2015-08-01")
    titles = [a.title for a in items]
    if pdf_lines:
        assert titles[0].startswith("Introductions – Project Overview Motivation")
    else:
        assert titles == [
            "Introductions – Project Overview",
            "Lunch",
            "Go over turbidimeter installation and wiring",
        ]
        assert "Motivation for the project" in items[0].description
    assert [(a.start, a.end) for a in items] == [("08:00", "10:00"), ("10:00", "11:00"), ("11:00", "13:00")]


# ------------------------------------------------------------------ time column right of the label


@pytest.mark.parametrize("colon_col", [True, False])
@pytest.mark.parametrize("person", ["Prof. Shibaji Raha", "Dr Ada Stone", "Chair : Prof. Asoke Thakur"])
def test_a_time_column_right_of_its_labels_with_the_people_under_the_times(
    colon_col: bool, person: str
) -> None:
    """'Inauguration : | 10.30 am - 11.00 am' with the slot's people on rows of their own in the time
    column: the column is the time column (it holds a time on every labelled row), the people describe
    the slot, a 'Title of talk' row too."""

    def row(label: str, time: str) -> list[str]:
        return [label, ":" if label and colon_col else "", time] if colon_col else [label, time]

    rows = [
        row("Inauguration", "10.30 am - 11.00 am"),
        row("", person),
        row("", "(Key Note Address)"),
        row("Tea", "11.00 am - 11.30 am"),
        row("Session – I", "11.30 am - 1.30 pm"),
        row("", person),
        row("", "Title of talk : Bourbaki and Modern Mathematics"),
        row("Lunch", "1.30 pm - 2.30 pm"),
    ]
    items = find_programme((_table(rows),), 2014, "2014-02-20")
    assert [(a.start, a.end, a.title) for a in items] == [
        ("10:30", "11:00", "Inauguration"),
        ("11:00", "11:30", "Tea"),
        ("11:30", "13:30", "Session – I"),
        ("13:30", "14:30", "Lunch"),
    ]
    assert person.split()[-1] in items[0].description + " " + " ".join(s.name for s in items[0].speakers)


@pytest.mark.parametrize("mark", ["I", "IV", "3", "B2"])
@pytest.mark.parametrize("wrapped", [True, False])
def test_a_session_number_printed_above_its_time(mark: str, wrapped: bool) -> None:
    """'II' / '9:50 a.m. -' / '10:35 a.m.' in the time cell: the number is the session's, the time
    the row's."""
    sep = " -\n" if wrapped else " - "
    rows = [
        [f"8:00 a.m.{sep}8:50 a.m.", "Registration"],
        [f"{mark}\n\n9:00 a.m.{sep}9:45 a.m.", "Preventing rather than punishing"],
        [f"{mark}\n\n9:50 a.m.{sep}10:35 a.m.", "Learning to see: visual analysis"],
        [f"10:40 a.m{sep}11:00 a.m", "Coffee Break"],
    ]
    items = find_programme((_table(rows),), 2018, None)
    assert [(a.start, a.end, a.title) for a in items] == [
        ("08:00", "08:50", "Registration"),
        ("09:00", "09:45", "Preventing rather than punishing"),
        ("09:50", "10:35", "Learning to see: visual analysis"),
        ("10:40", "11:00", "Coffee Break"),
    ]


@pytest.mark.parametrize("code", ["ML-C", "W101", "B2"])
@pytest.mark.parametrize("spaced", [False, True])
def test_a_room_code_after_the_titles_is_the_place(code: str, spaced: bool) -> None:
    """'Keynote address - ML-C' on three or more rows: the code is where the item takes place; a code
    printed once ('Panel on methods - Q2') is left alone."""
    printed = code.replace("-", "- ") if spaced else code
    rows = [
        ["8:00 - 8:50", f"Keynote address by the chair - {printed}"],
        ["9:00 - 10:00", "Opening session and framing"],
        ["10:00 - 10:20", f"Poster session - {code}"],
        ["10:20 - 11:30", "Panel on methods - Q2"],
        ["11:30 - 12:30", f"Closing plenary - {code}"],
    ]
    items = find_programme((_table(rows),), 2018, None)
    assert [a.title for a in items] == [
        "Keynote address by the chair",
        "Opening session and framing",
        "Poster session",
        "Panel on methods - Q2",
        "Closing plenary",
    ]
    assert [
        a.description.split("\n")[0]
        for a in items
        if a.title != "Panel on methods - Q2" and "Opening" not in a.title
    ] == [
        printed,
        code,
        code,
    ]
