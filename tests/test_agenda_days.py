"""Untimed day tables (a day column beside subjects, no clock time), in PDF (unruled, beside a
gutter, cut by a page break) and DOCX, with the day as a row key; the weekday-consistent year."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.docx_extractor import DocxExtractor
from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import BlockKind
from pipeline.parse.agenda import find_agenda_items
from pipeline.parse.agenda_days import subjects_of
from pipeline.parse.dates import day_heading

# (day cell lines, subjects); a subject may wrap over two lines
PROGRAMME = [
    (["Thursday, 13 February, morning", "(1 meeting)"], ["Organization of work"]),
    (["To be determined (1 meeting)"], ["Organization of the regional seminar"]),
    (
        ["Monday, 9 June, morning", "(1 meeting)"],
        [
            "Dissemination of information",
            "Information transmitted under Article 73 e of the Charter of|the United Nations",
            "Question of sending visiting missions",
        ],
    ),
    (["Tuesday, 10 June (2 meetings)"], ["Question of the first Territory"]),
    (["Wednesday, 11 June, afternoon", "(1 meeting)"], ["Informal consultations", "Consideration of drafts"]),
    (["Thursday, 12 June (2 meetings)"], ["Informal consultations", "Consideration of drafts (continued)"]),
]
EXPECTED = [
    ("2025-02-13", "Organization of work"),  # the weekday puts 13 February in the year after 2024
    (None, "Organization of the regional seminar"),
    ("2025-06-09", "Dissemination of information"),
    ("2025-06-09", "Information transmitted under Article 73 e of the Charter of the United Nations"),
    ("2025-06-09", "Question of sending visiting missions"),
    ("2025-06-10", "Question of the first Territory"),
    ("2025-06-11", "Informal consultations"),
    ("2025-06-11", "Consideration of drafts"),
    ("2025-06-12", "Informal consultations"),
    ("2025-06-12", "Consideration of drafts (continued)"),
]


def _pdf(
    path: Path, rows, *, key_x: float = 90, subject_x: float = 270, per_page: int = 99, prose: str = ""
) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 80
    if prose:
        c.setFont("Helvetica", 10)
        for line in prose.split("\n"):
            c.drawString(key_x, y, line)
            y -= 12
        y -= 12
    c.setFont("Helvetica-Bold", 12)
    c.drawString(key_x - 20, y, "B. Tentative programme of work and timetable")
    y -= 30
    c.setFont("Helvetica", 10)
    printed = 0
    for keys, subjects in rows:
        if printed >= per_page:
            c.showPage()
            c.setFont("Helvetica", 10)
            y = height - 80
            printed = 0
        top = y
        for k in keys:
            c.drawString(key_x, y, k)
            y -= 12
        y = top
        for s in subjects:
            if printed >= per_page:  # the page break cuts the row: its subjects go on overleaf
                c.showPage()
                c.setFont("Helvetica", 10)
                y = height - 80
                printed = 0
            for part in s.split("|"):
                c.drawString(subject_x, y, part)
                y -= 12
            y -= 8  # a blank-line gap between subjects
            printed += 1
        y = min(y, top - 12 * len(keys) - 8)
    c.showPage()
    c.save()
    return path


def _items(blocks, year=2024):
    return [(a.date, a.title) for a in find_agenda_items(tuple(blocks), year, None)]


def test_day_grid_pdf_unruled(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "days.pdf", PROGRAMME)
    ex = PdfExtractor().extract(path, "days.pdf")
    tables = [b for b in ex.blocks if b.kind == BlockKind.TABLE]
    assert len(tables) == 1 and "grid" in tables[0].style
    items = find_agenda_items(ex.blocks, 2024, None)
    assert [(a.date, a.title) for a in items] == EXPECTED
    assert {a.provenance.rule for a in items} == {"agenda.programme.days"}


def test_day_grid_pdf_cut_by_a_page_break(tmp_path: Path) -> None:
    """The subjects of the row the page break cuts go on overleaf in the subject column alone."""
    path = _pdf(tmp_path / "days2.pdf", PROGRAMME, per_page=4)
    ex = PdfExtractor().extract(path, "days2.pdf")
    assert _items(ex.blocks) == EXPECTED


def test_day_grid_pdf_next_to_running_text_columns(tmp_path: Path) -> None:
    """A long day column reads like a text column beside a gutter; its day keys make it a grid."""
    rows = PROGRAMME + [
        ([f"Monday, {d} June (2 meetings)"], [f"Question of Territory number {d}", "Informal consultations"])
        for d in (16, 23, 30)
    ]
    path = _pdf(tmp_path / "days3.pdf", rows, key_x=60, subject_x=320)
    ex = PdfExtractor().extract(path, "days3.pdf")
    got = _items(ex.blocks)
    assert got[: len(EXPECTED)] == EXPECTED
    assert got[len(EXPECTED) :] == [
        (f"2025-06-{d}", t)
        for d in (16, 23, 30)
        for t in (f"Question of Territory number {d}", "Informal consultations")
    ]


def test_day_grid_docx_table(tmp_path: Path) -> None:
    """The same programme as a DOCX table: each subject is a paragraph of its cell."""
    d = docx.Document()
    d.add_heading("Tentative programme of work and timetable", level=2)
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Day", "Subject"
    for keys, subjects in PROGRAMME:
        cells = t.add_row().cells
        cells[0].text = "\n".join(keys).replace("\n", " ")
        cells[1].text = subjects[0].replace("|", " ")
        for s in subjects[1:]:
            cells[1].add_paragraph(s.replace("|", " "))
    path = tmp_path / "days.docx"
    d.save(str(path))
    ex = DocxExtractor().extract(path, "days.docx")
    assert _items(ex.blocks) == EXPECTED


def test_two_column_prose_is_not_a_day_grid(tmp_path: Path) -> None:
    """Dates opening lines of running text are not day keys: no grid, no items."""
    c = canvas.Canvas(str(tmp_path / "prose.pdf"), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 760
    for k in range(30):
        c.drawString(
            60, y, "Monday, 9 June the delegation met the Committee and discussed" if k % 7 == 0 else "text"
        )
        c.drawString(320, y, f"the other column of running text continues here, line {k}")
        y -= 12
    c.save()
    ex = PdfExtractor().extract(tmp_path / "prose.pdf", "prose.pdf")
    assert not [b for b in ex.blocks if b.kind == BlockKind.TABLE]


@pytest.mark.parametrize(
    ("text", "pdf", "subjects"),
    [
        ("Opening\n\nAdoption of the\nagenda", True, ["Opening", "Adoption of the agenda"]),
        ("Adoption of the\nagenda", True, ["Adoption of the agenda"]),  # a PDF cell's lines wrap
        ("Opening\nAdoption of the agenda", False, ["Opening", "Adoption of the agenda"]),  # DOCX paragraphs
        ("• Opening\n• Adoption of the agenda", True, ["Opening", "Adoption of the agenda"]),
    ],
)
def test_subjects_of_a_cell(text: str, pdf: bool, subjects: list[str]) -> None:
    assert subjects_of(text, pdf) == subjects


@pytest.mark.parametrize(
    ("text", "year", "date"),
    [
        ("Thursday, 13 February, morning", 2024, "2025-02-13"),  # the weekday falls in the year after
        ("Thursday 13 February", 2025, "2025-02-13"),
        ("Tuesday, 13 February", 2025, "2024-02-13"),  # ... or in the year before
        ("13 February", 2024, "2024-02-13"),  # no weekday: the document's year
        ("Friday, 13 February 2024", 2025, "2024-02-13"),  # a printed year wins
        ("Sunday 13 February", 2024, "2024-02-13"),  # no year near fits: the document's year stays
    ],
)
def test_day_month_year_from_the_weekday(text: str, year: int, date: str) -> None:
    d = day_heading(text, year, cell=True)
    assert d is not None and d.date == date


# ------------------------------------------------------------------------------ lists under day headings
def _day_list_docx(path: Path, headings: list[str], numbered: bool) -> Path:
    d = docx.Document()
    d.add_heading("Workshop agenda", level=1)
    d.add_paragraph("The workshop will be held from 29 July to 1 August 2026.")
    for k, h in enumerate(headings, 1):
        d.add_heading(f"3.{k} {h}" if numbered else h, level=2)
        for part, bullets in (
            ("Morning", [f"Opening of day {k}.", "Review of data."]),
            ("Afternoon", ["Model runs."]),
        ):
            d.add_heading(f"3.{k}.1 {part}" if numbered else part, level=3)
            for b in bullets:
                d.add_paragraph(b, style="List Bullet")
    d.add_heading("4 Participants", level=1)
    d.add_paragraph("Everyone", style="List Bullet")
    d.save(str(path))
    return path


@pytest.mark.parametrize(
    ("headings", "numbered"),
    [
        (["Day 1 (29/07): Data review", "Day 2 (30/07): Assessment"], True),
        (["Wednesday 29 July", "Thursday 30 July"], False),
        (["Day 1 (29/07)", "Day 2: Assessment runs"], False),  # "Day 2" counts on from day 1
    ],
)
def test_day_lists_docx(tmp_path: Path, headings: list[str], numbered: bool) -> None:
    path = _day_list_docx(tmp_path / "list.docx", headings, numbered)
    ex = DocxExtractor().extract(path, "list.docx")
    items = find_agenda_items(ex.blocks, 2026, None)
    assert [(a.date, a.title) for a in items] == [
        (day, t)
        for day, k in (("2026-07-29", 1), ("2026-07-30", 2))
        for t in (f"Opening of day {k}.", "Review of data.", "Model runs.")
    ]
    assert {a.provenance.rule for a in items} == {"agenda.programme.day_lists"}


def test_one_day_heading_is_not_a_day_list(tmp_path: Path) -> None:
    path = _day_list_docx(tmp_path / "one.docx", ["Day 1 (29/07)"], False)
    ex = DocxExtractor().extract(path, "one.docx")
    assert find_agenda_items(ex.blocks, 2026, None) == ()


# ---------------------------------------------------------------------- bands under ruled tables
ROOMS = ["Board Room 1", "Room A", "Room B", "Room C"]
MORNING = [
    "Geographic data in M&E",
    "Qualitative evidence tools",
    "Statistics with R code",
    "Equitable evaluation",
]


def _band_pdf(path: Path, *, rule_cells: bool) -> Path:
    """A ruled header (title, rooms, a slot band) over session cells, then a ruled one-column band
    (a break and the next slot) over 'Continuation' cells; the session cells ruled or not. The
    bands are bold, as in the real programme this copies."""
    c = canvas.Canvas(str(path), pagesize=A4)
    x0, w, h = 40, 128, 16
    xs = [x0 + k * w for k in range(5)]
    y = 780

    def band(text: str, top: float) -> None:
        c.rect(x0, top - h, 4 * w, h)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(x0 + 4, top - 11, text)
        c.setFont("Helvetica", 9)

    c.setFont("Helvetica", 9)
    band("Pre-conference workshops, full day", y)
    y -= h
    for k, room in enumerate(ROOMS):
        c.rect(xs[k], y - h, w, h)
        c.drawString(xs[k] + 4, y - 11, room)
    y -= h
    band("Morning Sessions · 8:30 AM – 10:00 AM", y)
    y -= h

    def sessions(top: float, cont: bool) -> float:
        y = top - 18
        for k, title in enumerate(MORNING):
            yy = y
            if cont:
                c.drawString(xs[k] + 4, yy, "Continuation")
                yy -= 10
            c.drawString(xs[k] + 4, yy, title)
            c.drawString(xs[k] + 4, yy - 20, "Facilitated by")
            c.drawString(xs[k] + 4, yy - 30, f"Dr. Person Number{k}")
        bottom = y - 40 - (10 if cont else 0)
        if rule_cells:
            for k in range(4):
                c.rect(xs[k], bottom, w, top - bottom)
        return bottom - 10

    y = sessions(y, False)
    band("Tea Break · 10:00 AM – 10:30 AM", y)
    band("Late Morning Sessions · 10:30 AM – 1:00 PM", y - h)
    y = sessions(y - 2 * h, True)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("rule_cells", [False, True])
def test_sessions_under_ruled_bands(tmp_path: Path, rule_cells: bool) -> None:
    path = _band_pdf(tmp_path / "bands.pdf", rule_cells=rule_cells)
    ex = PdfExtractor().extract(path, "bands.pdf")
    got = [(a.start, a.end, a.title) for a in find_agenda_items(ex.blocks, 2026, "2026-05-04")]
    want = [(s, e, t) for s, e in [("08:30", "10:00")] for t in MORNING]
    want += [("10:00", "10:30", "Tea Break")]
    want += [("10:30", "13:00", t) for t in MORNING]
    assert [
        g for g in got if g[2] not in ("Morning Sessions", "Late Morning Sessions", "Board Room 1")
    ] == want


# ------------------------------------------------------------- programme tables: roles and row cues
def _table_block(rows, page: int | None = 1):
    from pipeline.models import Block, Cell, Provenance

    cells = tuple(tuple(c if isinstance(c, Cell) else Cell(c) for c in r) for r in rows)
    prov = Provenance("x.pdf", page=page) if page else Provenance("x.docx", block=0)
    return Block(BlockKind.TABLE, "\n".join("\t".join(c.text for c in r) for r in cells), prov, rows=cells)


@pytest.mark.parametrize("page", [1, None])  # PDF and DOCX provenance
@pytest.mark.parametrize("time", [("2:30 pm", "3 – 4 pm"), ("14:30", "15:00-16:00"), ("1430", "1500-1600")])
def test_venue_column_without_header_is_not_the_title(page, time) -> None:
    rows = [
        ("", "Monday, 26 February", "", ""),
        (time[0], "", "Hotel Lobby", "Walk together to the campus"),
        (time[1], "", "Faculty -\nAuditorium", "Welcome address and introduction"),
    ]
    items = find_agenda_items((_table_block(rows, page),), 2018, None)
    assert [(a.start, a.title) for a in items] == [
        ("14:30", "Walk together to the campus"),
        ("15:00", "Welcome address and introduction"),
    ]


@pytest.mark.parametrize("bullet", ["•", "\uf0b7", "▪"])
def test_break_in_a_timed_cell_shares_its_slot_and_bullets_do_not_wrap_the_title(bullet) -> None:
    rows = [
        ("", "Monday, 26 February"),
        ("4 - 4:30 pm", "Registration\nCoffee break"),
        ("8 am – 7 pm", f"Excursion to the plant\n{bullet} 7:45 am: Meet at the lobby\n{bullet} 1 pm: Lunch"),
    ]
    items = find_agenda_items((_table_block(rows),), 2018, None)
    assert [(a.start, a.end, a.title) for a in items] == [
        ("16:00", "16:30", "Registration"),
        ("16:00", "16:30", "Coffee break"),
        ("08:00", "19:00", "Excursion to the plant"),
    ]


def test_untimed_bold_row_is_an_item_when_the_numbered_titles_are_bold() -> None:
    """Timed rows mix bold item titles and plain consultations; the numbered rows' bold titles are
    the cue that an unnumbered bold row ("Opening of the session") is an item of its own."""
    from pipeline.models import Cell

    def bold(text: str) -> Cell:
        return Cell(text, bold_prefix=text.split("\n")[0])

    rows = [
        ("Day", "Time", "Item", "Subject"),
        (
            "Tuesday, 17 June",
            "10 a.m.–1 p.m.",
            "1",
            bold("Organizational matters\n\n• Adoption of the agenda"),
        ),
        ("", "", "", bold("Opening of the session\n\n• Statements")),
        ("", "", "2", bold("Annual report")),
        ("", "1:15 p.m.–2:30 p.m.", "", "Informal consultations"),
        ("", "3 p.m.–6 p.m.", "", "Informal consultations"),
        ("Wednesday, 18 June", "10 a.m.–1 p.m.", "3", bold("Evaluation")),
        ("", "3 p.m.–6 p.m.", "", "Informal consultations"),
    ]
    items = find_agenda_items((_table_block(rows),), 2025, None)
    assert [(a.date, a.start, a.number, a.title) for a in items] == [
        ("2025-06-17", "10:00", "1", "Organizational matters"),
        ("2025-06-17", "10:00", None, "Opening of the session"),
        ("2025-06-17", "10:00", "2", "Annual report"),
        ("2025-06-17", "13:15", None, "Informal consultations"),
        ("2025-06-17", "15:00", None, "Informal consultations"),
        ("2025-06-18", "10:00", "3", "Evaluation"),
        ("2025-06-18", "15:00", None, "Informal consultations"),
    ]


# ------------------------------------------------------------------- time at the right of the rows
RIGHT_ROWS = [  # (indent, title, bullets, time)
    (0, "Day One", [], ""),
    (0, "1. Introduction", [], "0900-0910"),
    (1, "a. Workshop objectives", ["Review the objectives", "Questions for the agenda"], ""),
    (1, "b. Setting the scene", ["Status of resources", "Participant discussion"], "0910-1000"),
    (0, "2. The value of cooperation", ["The dilemma"], "1130-1230"),
    (0, "3. Management using input controls", [], "1400-1600"),
    (1, "a. Types of input controls", ["Spatial restrictions", "Gear restrictions"], ""),
    (0, "Day Two", [], ""),
    (0, "4. Report back", [], "0900-0930"),
    (0, "5. Summary and close", [], "0930-0935"),
]


def _right_pdf(path: Path, time_format: str) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 780
    c.drawString(90, y, "Workshop Program")
    y -= 20
    for indent, title, bullets, time in RIGHT_ROWS:
        c.setFont("Helvetica", 10)
        c.drawString(90 + 16 * indent, y, title)
        if time:
            a, b = time.split("-")
            shown = {"military": time, "colon": f"{a[:2]}:{a[2:]} - {b[:2]}:{b[2:]}"}[time_format]
            c.drawString(460, y, shown)
        for k, bullet in enumerate(bullets):
            c.drawString(240, y - 14 * k, "• " + bullet)
        y -= 14 * max(1, len(bullets)) + 4
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("time_format", ["military", "colon"])
def test_times_at_the_right_of_numbered_rows(tmp_path: Path, time_format: str) -> None:
    path = _right_pdf(tmp_path / "right.pdf", time_format)
    ex = PdfExtractor().extract(path, "right.pdf")
    got = [
        (a.date, a.start, a.end, a.number, a.title)
        for a in find_agenda_items(ex.blocks, 2013, "2013-02-16")
        if a.title != "Workshop Program"
    ]
    assert got == [
        ("2013-02-16", "09:00", "09:10", "1", "Introduction"),
        ("2013-02-16", "09:00", "09:10", "a", "Workshop objectives"),  # an untimed sub-row: the slot above
        ("2013-02-16", "09:10", "10:00", "b", "Setting the scene"),
        ("2013-02-16", "11:30", "12:30", "2", "The value of cooperation"),
        ("2013-02-16", "14:00", "16:00", "3", "Management using input controls"),
        ("2013-02-16", "14:00", "16:00", "a", "Types of input controls"),
        ("2013-02-17", "09:00", "09:30", "4", "Report back"),
        ("2013-02-17", "09:30", "09:35", "5", "Summary and close"),
    ]


def test_day_one_counts_from_the_meeting_not_the_issue_date() -> None:
    """A bare date before the programme (the date of issue) does not make 'Day One'."""
    from pipeline.models import Block, Provenance

    p = Provenance("x.pdf", page=1)
    blocks = (
        Block(BlockKind.PARAGRAPH, "21 January 2013", p),
        Block(BlockKind.HEADING, "Day One", p, level=2),
        Block(BlockKind.PARAGRAPH, "09:00 - 10:00 Opening", p),
        Block(BlockKind.PARAGRAPH, "10:00 - 11:00 Discussion", p),
        Block(BlockKind.HEADING, "Day Two", p, level=2),
        Block(BlockKind.PARAGRAPH, "09:00 - 10:00 Close", p),
    )
    items = find_agenda_items(blocks, 2013, "2013-02-16")
    assert [(a.date, a.title) for a in items] == [
        ("2013-02-16", "Opening"),
        ("2013-02-16", "Discussion"),
        ("2013-02-17", "Close"),
    ]


def test_meeting_dates_under_a_timing_heading() -> None:
    from pipeline.models import Block, Provenance
    from pipeline.parse.metadata import find_meeting_dates

    p = Provenance("x.pdf", page=1)
    blocks = (
        Block(BlockKind.PARAGRAPH, "Circular, 21 January 2013", p),
        Block(BlockKind.HEADING, "Timing", p, level=2),
        Block(BlockKind.PARAGRAPH, "16\u201017 February 2013 in Muscat, Oman - a two day workshop", p),
    )
    assert find_meeting_dates(blocks, "Workshop") == ("2013-02-16", "2013-02-17")
