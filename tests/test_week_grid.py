"""Week grids: a programme laid out as day columns against a time axis (issue 12).

Generated PDFs vary the surface: day headers with dates, with weekdays only, or "Day N – dd.mm";
axis times "09:00", "9.00" or "9am"; breaks printed once across the days or in every column;
the speaker's name above or below the title; four to six day columns; boxes drawn or not. Every
variant must give the same sessions, each break on every day, and the speakers. A Word table of the
same shape goes through the same reader, and the real sample (a two-week summer school whose text
layer splits its digits) is scored through its gold.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_layout import Word, glue_split_numbers
from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.agenda import find_agenda_items
from pipeline.process import process_file

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from score_extraction_vendored import agenda_match  # noqa: E402

RULE = "agenda.programme.week_grid"
FIRST = dt.date(2024, 5, 20)  # a Monday
# (start, end, kind): a session or a break, in minutes after midnight
SLOTS = [
    (540, 630, "session"),
    (630, 660, "Coffee Break"),
    (660, 750, "session"),
    (750, 840, "Lunch"),
    (840, 930, "session"),
    (930, 960, "Afternoon Tea"),
    (960, 1050, "session"),
]
TOPICS = ["Sea ice dynamics", "Ocean acidity", "Coastal erosion", "Fish stock models", "Data sharing"]
NAMES = ["Anna Berg", "Carlos Mendes", "Ruth Okafor", "Liam Walsh", "Mei Tanaka", "Omar Haddad"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _clock(minutes: int, style: str) -> str:
    h, m = divmod(minutes, 60)
    if style == "24h":
        return f"{h:02d}:{m:02d}"
    if style == "dot":
        return f"{h}.{m:02d}"
    suffix = "am" if h < 12 else "pm"
    h12 = h if h <= 12 else h - 12
    return f"{h12}{suffix}" if not m else f"{h12}.{m:02d}{suffix}"


def _header(day: int, style: str) -> str:
    date = FIRST + dt.timedelta(days=day)
    if style == "dated":
        return f"{date:%A} {date.day} {date:%B}"
    if style == "weekday":
        return f"{date:%A}"
    return f"Day {day + 1} – {date:%d.%m}"


def _sessions(days: int) -> list[dict]:
    """What the programme holds: every session and break of every day (the expected records)."""
    out = []
    n = 0
    for d in range(days):
        for k, (start, end, kind) in enumerate(SLOTS):
            item = {
                "date": (FIRST + dt.timedelta(days=d)).isoformat(),
                "start": f"{start // 60:02d}:{start % 60:02d}",
                "end": f"{end // 60:02d}:{end % 60:02d}",
                "slot": k,
                "day": d,
            }
            if kind == "session":
                item["title"] = f"{TOPICS[(d + k) % len(TOPICS)]} {ROMAN[(k // 2) % len(ROMAN)]}"
                item["speaker"] = NAMES[n % len(NAMES)]
                n += 1
            else:
                item["title"] = kind
            out.append(item)
    return out


def make_grid_pdf(
    path: Path,
    days: int = 5,
    header: str = "dated",
    times: str = "24h",
    breaks: str = "across",
    speaker: str = "above",
    boxes: bool = True,
    labels: str = "top",
    corner: bool = False,
) -> list[dict]:
    """A one-page landscape week grid; returns the sessions it prints."""
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(40, height - 45, "Polar Science Summer Course 2024")
    c.setFont("Helvetica", 11)
    c.drawString(40, height - 62, "Programme, 20-24 May 2024")
    left, right = 90.0, width - 30
    colw = (right - left) / days
    top_y = height - 115  # the first axis line
    scale = 0.85  # points a minute

    def y_of(minutes: int) -> float:
        return top_y - (minutes - SLOTS[0][0]) * scale

    c.setFont("Helvetica-Bold", 11)
    if corner:  # a "Time" head over the axis
        c.drawRightString(left - 8, height - 95, "Time")
    for d in range(days):
        c.drawString(left + d * colw + 3, height - 95, _header(d, header))
    c.setFont("Helvetica", 10)
    for minutes in [s[0] for s in SLOTS] + [SLOTS[-1][1]]:
        # the label's top at the axis line, or the label centred on it
        c.drawRightString(left - 8, y_of(minutes) - (9 if labels == "top" else 3.5), _clock(minutes, times))
    sessions = _sessions(days)
    for s in sessions:
        start, end, kind = SLOTS[s["slot"]]
        x = left + s["day"] * colw + 3
        y0, y1 = y_of(start), y_of(end)
        if kind == "session":
            if boxes:
                c.rect(x - 1, y1 + 2, colw - 6, y0 - y1 - 4)
            lines = [("Helvetica-Bold", s["speaker"]), ("Helvetica", s["title"])]
            if speaker == "below":
                lines.reverse()
            for i, (font, text) in enumerate(lines):
                c.setFont(font, 9)
                c.drawString(x + 2, y0 - 13 - i * 12, text)
        elif breaks == "each":
            c.setFont("Helvetica-Oblique", 10)
            c.drawString(x + 2, (y0 + y1) / 2 - 4, kind)
    if breaks == "across":  # each break printed once, centred across the grid
        c.setFont("Helvetica-Oblique", 12)
        for start, end, kind in SLOTS:
            if kind != "session":
                c.drawCentredString((left + right) / 2, (y_of(start) + y_of(end)) / 2 - 4, kind)
    c.showPage()
    c.save()
    return sessions


def _items(path: Path) -> list:
    result = process_file(path, source_file=path.name)
    assert result.document is not None, result.failure
    return list(result.document.agenda_items)


def _check(items: list, sessions: list[dict]) -> None:
    got = [it.to_dict() for it in items]
    missed = [s for s in sessions if not any(agenda_match(s, g) for g in got)]
    assert not missed, (
        f"missed {missed[:4]}\ngot {[(g['date'], g['start'], g['end'], g['title']) for g in got]}"
    )
    assert len(got) == len(sessions), [(g["date"], g["start"], g["title"]) for g in got]
    assert all(it.provenance.rule == RULE for it in items)
    by_title = {(it.date, it.title): it for it in items}
    for s in sessions:
        if "speaker" in s:
            it = by_title[(s["date"], s["title"])]
            assert [sp.name for sp in it.speakers] == [s["speaker"]], (s, it.speakers)


VARIANTS = [
    dict(days=5, header="dated", times="24h", breaks="across", speaker="above", boxes=True),
    dict(days=5, header="weekday", times="dot", breaks="each", speaker="below", boxes=False),
    dict(days=4, header="daynum", times="ampm", breaks="across", speaker="below", boxes=True),
    dict(days=6, header="dated", times="ampm", breaks="each", speaker="above", boxes=False),
    dict(days=6, header="daynum", times="24h", breaks="across", speaker="above", boxes=False),
    dict(days=4, header="weekday", times="24h", breaks="across", speaker="below", boxes=True),
    dict(days=5, header="dated", times="dot", breaks="across", speaker="below", labels="centre", corner=True),
    dict(
        days=6, header="weekday", times="ampm", breaks="each", speaker="above", labels="centre", corner=True
    ),
]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(str(x) for x in v.values()))
def test_generated_week_grids_give_the_same_sessions(tmp_path: Path, variant: dict) -> None:
    path = tmp_path / "grid.pdf"
    sessions = make_grid_pdf(path, **variant)
    _check(_items(path), sessions)


def test_week_grid_as_a_word_table(tmp_path: Path) -> None:
    """A Word table of day columns: a time column, a break merged across the days."""
    sessions = _sessions(4)
    doc = DocxDocument()
    doc.add_paragraph("Polar Science Summer Course 2024")
    table = doc.add_table(rows=1 + len(SLOTS), cols=5)
    table.cell(0, 0).text = "Time"
    for d in range(4):
        table.cell(0, d + 1).text = _header(d, "dated")
    for k, (start, end, kind) in enumerate(SLOTS):
        table.cell(k + 1, 0).text = f"{_clock(start, '24h')} – {_clock(end, '24h')}"
        if kind != "session":
            merged = table.cell(k + 1, 1).merge(table.cell(k + 1, 4))
            merged.text = kind
            continue
        for s in sessions:
            if s["slot"] == k:
                cell = table.cell(k + 1, s["day"] + 1)
                cell.text = s["title"]
                cell.add_paragraph(s["speaker"])
    path = tmp_path / "grid.docx"
    doc.save(str(path))
    _check(_items(path), sessions)


def _table(rows: list[list[str]]) -> Block:
    cells = tuple(tuple(Cell(t) for t in row) for row in rows)
    return Block(BlockKind.TABLE, "", Provenance("t.pdf", page=1), rows=cells)


def test_break_goes_to_days_in_session_around_it_only() -> None:
    """A holiday column and a free afternoon take no break; a day's own lunch is not doubled."""
    rows = [
        ["", "Monday 20 May", "Tuesday 21 May", "Wednesday 22 May"],
        ["9:00 – 10:30", "Public holiday", "Anna Berg\nSea ice I", "Carlos Mendes\nOcean acidity I"],
        ["10:30 – 11:00", "", "Coffee Break", ""],
        ["11:00 – 12:30", "", "Anna Berg\nSea ice II", "Free afternoon"],
        ["12:30 – 14:00", "", "Lunch", ""],
        ["14:00 – 15:00", "", "Ruth Okafor\nCoastal erosion", ""],
    ]
    items = find_agenda_items((_table(rows),), 2024, None)
    got = {(it.date, it.start, it.title) for it in items}
    assert ("2024-05-22", "10:30", "Coffee Break") in got  # sessions before and after
    assert not any(it.date == "2024-05-20" and it.title != "Public holiday" for it in items)
    assert ("2024-05-22", "12:30", "Lunch") not in got  # nothing after it on that day
    assert [it.title for it in items if it.date == "2024-05-21"] == [
        "Sea ice I",
        "Coffee Break",
        "Sea ice II",
        "Lunch",
        "Coastal erosion",
    ]


def test_a_table_with_one_day_column_is_no_week_grid() -> None:
    rows = [["Time", "Monday 20 May"], ["9:00", "Opening"], ["10:00", "Talks"], ["11:00", "Close"]]
    items = find_agenda_items((_table(rows),), 2024, None)
    assert all(it.provenance.rule != RULE for it in items)


def _w(text: str, x0: float, x1: float, top: float = 100.0, size: float = 15.0) -> Word:
    return Word(text, x0, x1, top, top + size, size, False, "F")


def test_split_clock_and_year_digits_are_glued() -> None:
    words = [
        _w("1", 35.0, 39.2),
        _w("0:00", 41.6, 75.2),
        _w("1", 38.3, 42.5, top=200.0),
        _w("1", 45.0, 49.2, top=200.0),
        _w(":30", 51.7, 75.2, top=200.0),
        _w("201", 135.6, 190.9, top=300.0, size=36.0),
        _w("4", 195.9, 217.8, top=300.0, size=36.0),
    ]
    assert [w.text for w in glue_split_numbers(words)] == ["10:00", "11:30", "2014"]
    # a word space between the pieces, or pieces that make no time or year, stay apart
    apart = [_w("1", 35.0, 39.2), _w("0:00", 45.0, 75.2)]
    assert [w.text for w in glue_split_numbers(apart)] == ["1", "0:00"]
    figures = [_w("3", 35.0, 39.2), _w("45", 41.0, 55.0), _w("7", 56.0, 60.0, top=300.0)]
    assert [w.text for w in glue_split_numbers(figures)] == ["3", "45", "7"]


def test_real_week_grid_scores_through_its_gold() -> None:
    """Two landscape week pages, digits split in the text layer, breaks printed once per page."""
    path = HERE / "data" / "corpus" / "dev" / "vssup2014_programme.pdf"
    gold = json.loads((path.parent / "gold" / "vssup2014_programme.gold.json").read_text())["agenda_items"]
    items = _items(path)
    got = [it.to_dict() for it in items]
    left = list(got)
    hits = 0
    for g in gold:
        hit = next((p for p in left if agenda_match(g, p)), None)
        if hit is not None:
            left.remove(hit)
            hits += 1
    assert hits >= 74, f"{hits}/{len(gold)}"
    assert len(left) <= 3  # the one box of three lines is read as three sessions
    assert all(it.provenance.rule == RULE for it in items)
    ion = next(it for it in items if it.title == "Ion traps I")
    assert [s.name for s in ion.speakers] == ["David Kielpinski"]


@pytest.mark.parametrize(
    "header",
    [
        ["", "DAY 1", "", "May 4, 2026"],  # a day's number and its date: one day, not two
        ["", "Monday 4 May", "Monday 4 May", "Monday 4 May"],  # one day merged across three rooms
    ],
)
def test_one_day_over_several_columns_is_no_week_grid(header: list[str]) -> None:
    rows = [header, ["8:30 – 10:00", "", "Workshop A", "Workshop B"], ["10:00 – 10:30", "", "Tea Break", ""]]
    rows += [["10:30 – 13:00", "", "Workshop A (cont.)", "Workshop B (cont.)"]]
    items = find_agenda_items((_table(rows),), 2026, None)
    assert all(it.provenance.rule != RULE for it in items)


def test_a_drawn_box_over_two_axis_lines_is_one_slot(tmp_path: Path) -> None:
    """A frame from 9:00 to 11:00 holds two activities set apart by a gap: both run 9:00-11:00
    (the 10:00 line they cross does not part them); unframed boxes keep to their hour."""
    path = tmp_path / "framed.pdf"
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, height - 45, "Field Course 2024")
    c.setFont("Helvetica-Bold", 11)
    days = ["Monday 20 May", "Tuesday 21 May", "Wednesday 22 May"]
    for d, text in enumerate(days):
        c.drawString(100 + d * 200, height - 90, text)
    y = {h: height - 110 - (h - 9) * 80 for h in range(9, 14)}
    c.setFont("Helvetica", 10)
    for h, yy in y.items():
        c.drawRightString(80, yy - 9, f"{h}:00")
    c.setFont("Helvetica", 9)
    for d in range(3):
        x = 100 + d * 200
        if d == 1:
            c.rect(x - 2, y[11] + 2, 180, y[9] - y[11] - 4)
            c.drawString(x + 2, y[9] - 60, "Lab tours")
            c.drawString(x + 2, y[9] - 100, "Poster session")
        else:
            for h in (9, 10):
                c.drawString(x + 2, y[h] - 14, f"Lecture {d + 1}.{h}")
        for h in (11, 12):
            c.drawString(x + 2, y[h] - 14, f"Seminar {d + 1}.{h}")
    c.showPage()
    c.save()
    got = {(it.date, it.start, it.end, it.title) for it in _items(path)}
    assert ("2024-05-21", "09:00", "11:00", "Lab tours") in got
    assert ("2024-05-21", "09:00", "11:00", "Poster session") in got
    assert ("2024-05-20", "10:00", "11:00", "Lecture 1.10") in got
    assert ("2024-05-22", "12:00", "13:00", "Seminar 3.12") in got
    assert len(got) == 2 + 4 + 2 + 4


def test_days_without_dates_count_from_a_dated_one_in_french() -> None:
    """'Lundi 20 mai' is dated; 'Mardi' and 'Jeudi' take theirs by weekday (Wednesday is off)."""
    rows = [
        ["", "Lundi 20 mai", "Mardi", "Jeudi"],
        ["9:00 – 10:00", "Ouverture", "Atelier A", "Atelier C"],
        ["10:00 – 11:00", "Séance 1", "Atelier B", "Clôture"],
    ]
    items = find_agenda_items((_table(rows),), 2024, None)
    got = {(it.date, it.start, it.title) for it in items}
    assert ("2024-05-21", "10:00", "Atelier B") in got
    assert ("2024-05-23", "09:00", "Atelier C") in got
    assert all(it.provenance.rule == RULE for it in items) and len(items) == 6
