"""Programmes printed as text, as a grid whose days have no month, or followed by other tables:
the time and date grammar and the programme's extent, each varied over the forms seen in real
programmes (DOCX bullets, plain text lines, Excel grids, report appendices)."""

from __future__ import annotations

import pytest

from pipeline.models import Block, BlockKind, Cell, DocumentInfo, Provenance
from pipeline.parse import parse_document
from pipeline.parse.agenda import find_agenda_items
from pipeline.parse.dates import day_heading, find_dates, find_month_years
from pipeline.parse.title import find_title

SRC = "p.docx"
SLOTS = [("09:00", "10:00", "Getting started"), ("10:00", "11:00", "Background"), ("11:30", "12:30", "Lunch")]


def _block(kind: BlockKind, text: str, level: int = 0, marker: str = "", bold: bool = False) -> Block:
    return Block(kind, text, Provenance(SRC, page=1), level=level, marker=marker, bold=bold)


def _table(rows: list[list[str]], page: int = 1) -> Block:
    cells = tuple(tuple(Cell(t) for t in row) for row in rows)
    text = "\n".join("\t".join(r) for r in rows)
    return Block(BlockKind.TABLE, text, Provenance(SRC, page=page, table=0), rows=cells)


def _items(blocks: list[Block], year: int | None = 2017, date: str | None = None) -> list[tuple]:
    return [(a.date, a.start, a.end, a.title) for a in find_agenda_items(tuple(blocks), year, date)]


@pytest.mark.parametrize("sep", [": ", " ", " - "])
@pytest.mark.parametrize("as_list", [True, False])
def test_four_digit_ranges_lead_text_lines(sep: str, as_list: bool) -> None:
    """'0900-1000: Getting started' as DOCX bullets or plain lines; the points nested under an
    item describe it and stay out of its title."""
    blocks = [
        _block(BlockKind.PARAGRAPH, "XSAM course, IMR Bergen, 15-17/1-2017"),
        _block(BlockKind.PARAGRAPH, "Day 1"),
    ]
    for start, end, title in SLOTS:
        line = f"{start.replace(':', '')}-{end.replace(':', '')}{sep}{title}"
        blocks.append(
            _block(BlockKind.LIST_ITEM, line, marker="•") if as_list else _block(BlockKind.PARAGRAPH, line)
        )
        if as_list:
            blocks.append(_block(BlockKind.LIST_ITEM, "Sharing course material", level=1, marker="◦"))
    assert _items(blocks, 2017, "2017-01-15") == [("2017-01-15", s, e, t) for s, e, t in SLOTS]


def test_four_digit_lines_run_together_in_one_paragraph() -> None:
    text = " ".join(f"{s.replace(':', '')}-{e.replace(':', '')}: {t}" for s, e, t in SLOTS)
    blocks = [_block(BlockKind.PARAGRAPH, "Day 1"), _block(BlockKind.PARAGRAPH, text)]
    assert [i[1:] for i in _items(blocks, 2017, "2017-01-15")] == SLOTS


@pytest.mark.parametrize(
    "line",
    [
        "2019-2020: Strategic plan review",
        "1995-2005 Background of the convention",
        "0900-1600 Registration open",
    ],
)
def test_spans_of_years_and_whole_days_are_no_slots(line: str) -> None:
    """Four digits read as times only in a timetable's form: five-minute marks, in order, at most
    five hours apart."""
    blocks = [
        _block(BlockKind.PARAGRAPH, "Day 1"),
        _block(BlockKind.PARAGRAPH, line),
        _block(BlockKind.PARAGRAPH, line),
    ]
    assert _items(blocks, 2020, "2020-03-02") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15-17/1-2017", "2017-01-15", "2017-01-17"),
        ("3–5.12.2019", "2019-12-03", "2019-12-05"),
        ("8-9/11/2023", "2023-11-08", "2023-11-09"),
    ],
)
def test_a_range_of_days_before_a_numeric_month(text: str, start: str, end: str) -> None:
    spans = find_dates(f"Workshop, Bergen, {text}")
    assert [(d.start, d.end) for d in spans] == [(start, end)]


@pytest.mark.parametrize("text", ["Octubre de 2022", "octobre 2022", "October 2022", "Oct. 2022"])
def test_month_and_year_in_several_languages(text: str) -> None:
    assert [d.start for d in find_month_years(text)] == ["2022-10"]


@pytest.mark.parametrize(
    "head",
    [
        ["Horario", "Martes 18", "Miércoles 19", "Jueves 20"],
        ["Time", "Tuesday 18th", "Wednesday 19th", "Thursday 20th"],
    ],
)
def test_a_grid_whose_days_have_no_month_takes_the_covers(head: list[str]) -> None:
    rows = [head]
    rows += [["9h00 - 10h30", "Opening", "Models", "Review"], ["10h30 - 10h45", "Café", "Café", "Café"]]
    rows += [["10h45 - 12h15", "Surveys", "Estimation", "Closing"]]
    blocks = [
        Block(BlockKind.HEADING, "Octubre de 2022", Provenance(SRC, page=1), level=1, bold=True),
        _table(rows),
    ]
    got = _items(blocks, None, None)
    assert {d for d, *_ in got} == {"2022-10-18", "2022-10-19", "2022-10-20"}
    assert ("2022-10-19", "09:00", "10:30", "Models") in got
    assert find_title(tuple(blocks)) == "Octubre de 2022"


def test_a_day_of_the_month_alone_names_no_date_without_a_month() -> None:
    day = day_heading("Martes 18", 2022, cell=True)
    assert day is not None and day.date is None and day.dom == 18
    assert day.in_month("2022-10") == "2022-10-18" and day.in_month(None) is None


def test_the_participants_table_after_the_programme_is_not_part_of_it() -> None:
    programme = _table(
        [["Time", "Activity"], ["08:00 - 08:30", "Registration"], ["08:30 - 09:00", "Opening"]]
    )
    people = Block(
        BlockKind.TABLE,
        "",
        Provenance(SRC, page=3, table=1),
        rows=tuple(
            tuple(Cell(t) for t in row)
            for row in [["Name", "Organisation"], ["Mary Tobbin", "UNICEF"], ["Kojo Acquah", "PDA"]]
        ),
    )
    blocks = [
        Block(
            BlockKind.HEADING, "Appendix A Program of Activities", Provenance(SRC, page=2), level=1, bold=True
        ),
        programme,
        Block(
            BlockKind.HEADING, "Appendix B List of Participants", Provenance(SRC, page=3), level=1, bold=True
        ),
        people,
    ]
    assert [t for *_, t in _items(blocks, 2017, "2017-11-28")] == ["Registration", "Opening"]


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("XSAM course, IMR Bergen, 15-17/1-2017", "XSAM course, IMR Bergen, 15-17/1-2017"),
        (
            "Expert meeting on water statistics, Geneva, 3-5 May 2019",
            "Expert meeting on water statistics, Geneva, 3-5 May 2019",
        ),
    ],
)
def test_a_title_with_its_date_is_still_the_title(first: str, title: str) -> None:
    blocks = (
        _block(BlockKind.PARAGRAPH, first),
        _block(BlockKind.PARAGRAPH, "Day 1"),
        _block(BlockKind.PARAGRAPH, "09:00-10:00 Opening"),
    )
    doc = parse_document(DocumentInfo(id="x", source_file=SRC, sha256="0", format="docx"), blocks)
    assert doc.info.title == title


def test_a_running_order_timed_to_the_minute() -> None:
    """A panel's running order ('14:00-14:09', '14:09-14:10', ...): times off the five-minute marks
    still make a programme when each range starts where the one before ended."""
    slots = [("14:00", "14:09", "Opening"), ("14:09", "14:10", "Introduction"), ("14:10", "14:22", "Keynote")]
    slots += [("14:22", "14:24", "Summary"), ("14:24", "14:51", "Panelist 1")]
    rows = [["Time", "Activity"]] + [
        [f"{s.replace(':', '.')} - {e.replace(':', '.')}", t] for s, e, t in slots
    ]
    assert [i[1:] for i in _items([_table(rows)], 2025, "2025-09-03")] == slots


def test_ratios_off_the_marks_and_not_chained_are_no_programme() -> None:
    rows = [
        ["Ratio", "Value"],
        ["1.23 - 1.41", "Coverage"],
        ["2.07 - 2.13", "Depth"],
        ["1.52 - 1.58", "Reach"],
    ]
    rows += [["3.11 - 3.17", "Scale"], ["0.43 - 0.47", "Share"]]
    assert _items([_table(rows)], 2025, None) == []
