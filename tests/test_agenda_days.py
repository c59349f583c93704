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
