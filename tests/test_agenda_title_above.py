"""Programmes that print each item's title ABOVE its time, the same moment in several time zones,
a subject tag beside the time, talk titles in quotation marks, and a part heading that ends with
the day's date: the same records whatever the surface (number of zones and where the venue's zone
stands, tags or none, quotation marks, day line joined to the part heading or on its own, PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import Block, BlockKind, Provenance
from pipeline.parse.agenda import find_agenda_items
from pipeline.parse.agenda_programme import find_programme
from pipeline.parse.dates import day_heading

SRC = "t.pdf"

# (title above the time or None, venue time, subject tag, quoted talk and speaker)
DAY1 = [
    ("Opening Address", "09:00", "", "by Professor Ada Stone, University of Aberdeen"),
    ("Keynote Lecture 1: Skies in the Past", "09:30", "history of science", "“Mapping Time” by Dr Bo Lee"),
    (None, "10:15", "astronomy", "“Meteors Then and Now” by Dr Cy Moe"),
    ("Refreshment Break", "11:00", "", ""),
]
DAY2 = [
    ("Session 2: The Moon", "14:00", "jewish studies", "“The Moon in Late Antiquity” by Professor Di Roe"),
    (None, "14:30", "scottish history", "“Observations by Moonlight” by Ed Fay"),
    ("Concluding Remarks", "15:15", "", ""),
]
EXPECTED = [
    ("2026-06-28", "09:00", "Opening Address"),
    ("2026-06-28", "09:30", "Keynote Lecture 1: Skies in the Past"),
    ("2026-06-28", "10:15", "Meteors Then and Now"),
    ("2026-06-28", "11:00", "Refreshment Break"),
    ("2026-06-29", "14:00", "Session 2: The Moon"),
    ("2026-06-29", "14:30", "Observations by Moonlight"),
    ("2026-06-29", "15:15", "Concluding Remarks"),
]


def _zones(venue: str, zones: int, venue_at: int) -> str:
    """The venue's time among ``zones`` printed times: the others 7 hours behind or 3 ahead."""
    h, m = (int(x) for x in venue.split(":"))
    offsets = [-7, 0, 3][:zones] if zones > 1 else [0]
    if zones > 1:
        offsets.remove(0)
        offsets.insert(venue_at, 0)
    return " / ".join(f"{(h + o) % 24}:{m:02d}" for o in offsets)


def _lines(zones: int, venue_at: int, tags: bool, quotes: str, joined_day: bool) -> list[tuple[str, bool]]:
    """(text, bold) lines of the programme as a reader sees them."""
    out: list[tuple[str, bool]] = [("Programme", True)]
    for part, day, rows in (
        ("I. INTRODUCTION TO DARK SKIES", "Sunday, 28 June", DAY1),
        ("II. DELVING INTO DARK SKIES", "Monday, 29 June", DAY2),
    ):
        if joined_day:
            out.append((f"{part} {day}", True))
        else:
            out += [(part, True), (day, False)]
        out.append(("Venue: Seminar Room 224", False))
        for title, time, tag, talk in rows:
            if title:
                out.append((title, True))
            out.append((_zones(time, zones, venue_at) + (f" {tag}" if tags and tag else ""), False))
            if talk:
                out.append((talk.replace("“", quotes[0]).replace("”", quotes[1]), False))
    return out


def _blocks(lines: list[tuple[str, bool]]) -> tuple[Block, ...]:
    return tuple(Block(BlockKind.PARAGRAPH, t, Provenance(SRC, page=1), bold=b) for t, b in lines)


def _rows(items) -> list[tuple]:
    return [(a.date, a.start, a.title) for a in items]


@pytest.mark.parametrize("zones,venue_at", [(1, 0), (2, 1), (3, 1), (3, 0), (2, 0)])
@pytest.mark.parametrize("tags", [True, False])
@pytest.mark.parametrize("quotes", ["“”", '""'])
@pytest.mark.parametrize("joined_day", [True, False])
def test_titles_above_times_in_any_number_of_zones(
    zones: int, venue_at: int, tags: bool, quotes: str, joined_day: bool
) -> None:
    blocks = _blocks(_lines(zones, venue_at, tags, quotes, joined_day))
    assert _rows(find_programme(blocks, 2026, "2026-06-28")) == EXPECTED


def test_a_talk_under_a_session_heading_describes_the_session() -> None:
    items = find_programme(_blocks(_lines(3, 1, True, "“”", True)), 2026, "2026-06-28")
    keynote = next(a for a in items if a.title.startswith("Keynote"))
    assert "Mapping Time" in keynote.description
    assert "history of science" in keynote.description


def test_one_bold_line_above_a_bare_time_stays_where_it_is() -> None:
    """A single bold heading before a bare time is a section heading, not a moved title: the usual
    'time then title' layout keeps its records."""
    lines = [
        ("Programme", True),
        ("Monday, 29 June", True),
        ("09:00 Opening of the meeting", False),
        ("Morning session", True),
        ("10:00", False),
        ("Presentation of the report", False),
        ("11:00 Discussion of the report", False),
    ]
    got = _rows(find_programme(_blocks(lines), 2026, None))
    assert [(d, t) for d, t, _ in got] == [
        ("2026-06-29", "09:00"),
        ("2026-06-29", "10:00"),
        ("2026-06-29", "11:00"),
    ]
    assert got[1][2] == "Presentation of the report"
    assert got[2][2] == "Discussion of the report"


@pytest.mark.parametrize(
    "text,date",
    [
        ("II. DELVING INTO DARK SKIES Monday, 29 June", "2026-06-29"),
        ("Part 2 - Field visit Tuesday 30 June 2026", "2026-06-30"),
        ("Meeting to be held on Monday, 29 June", None),
        ("II. DELVING INTO DARK SKIES Monday, 29 June at the library", None),
    ],
)
def test_a_heading_ending_with_the_days_date(text: str, date: str | None) -> None:
    d = day_heading(text, 2026, heading=True)
    assert (d.date if d else None) == date
    assert day_heading(text, 2026) is None  # the part's name before the date needs a heading


def test_from_a_generated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "programme.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    prev_bold = False
    for text, bold in _lines(3, 1, True, "“”", False):
        if bold or (" / " in text and not prev_bold):
            y -= 12  # items are set apart by white space, their lines close together
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
        c.drawString(60, y, text)
        prev_bold = bold
        y -= 14
    c.save()
    doc = PdfExtractor().extract(path, path.name)
    items = find_agenda_items(doc.blocks, 2026, "2026-06-28")
    assert _rows(items) == EXPECTED


# ------------------------------------------------------------------ programme lines run together


TALKS = [
    ("08:00", "08:15", "Opening Remarks", ""),
    ("08:15", "09:15", "Keynote Address", ""),
    (
        "09:15",
        "09:30",
        "Prey availability and potential predator abundance in the Gulf of Maine.",
        "Keri Stone",
    ),
    ("09:30", "09:45", "Finfish diversity and distribution in Cobscook Bay.", "Jeff Vale"),
    ("09:45", "10:00", "Groundfish predation on diadromous fish.", "Christine Hall"),
]


def _ampm(hhmm: str) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    return f"{(h - 1) % 12 + 1:02d}:{m:02d} {'AM' if h < 12 else 'PM'}"


@pytest.mark.parametrize("dash", ["-", "–", "-\u00ad\u2010"])
@pytest.mark.parametrize("per_block", [5, 2])
def test_programme_lines_run_together_by_the_reader(dash: str, per_block: int) -> None:
    """A text layer that runs a whole programme into few paragraphs (each talk's speaker before the
    next time), with hyphens printed doubled around a soft hyphen: one item per time range, the
    speaker's name off the title."""
    parts = [f"{_ampm(a)}{dash}{_ampm(b)} {title}" + (f" {who}" if who else "") for a, b, title, who in TALKS]
    texts = [" ".join(parts[k : k + per_block]) for k in range(0, len(parts), per_block)]
    blocks = (Block(BlockKind.PARAGRAPH, "January 8, 2014", Provenance(SRC, page=1), bold=True),) + tuple(
        Block(BlockKind.PARAGRAPH, t, Provenance(SRC, page=1)) for t in texts
    )
    items = find_programme(blocks, 2014, None)
    assert [(a.date, a.start, a.end, a.title) for a in items] == [
        ("2014-01-08", a, b, title) for a, b, title, _ in TALKS
    ]


def test_two_times_in_a_sentence_are_not_split() -> None:
    text = "The meeting will run from 09:00-12:00 and 14:00-17:00 each day. Lunch is served."
    blocks = (Block(BlockKind.PARAGRAPH, text, Provenance(SRC, page=1)),)
    assert find_programme(blocks, 2014, None) == []


def test_a_hyphen_printed_twice_around_a_soft_hyphen_is_one() -> None:
    from pipeline.textutil import join_lines

    assert join_lines("top-\u00ad\u2010down and bottom-\u00ad\u2010up") == "top-down and bottom-up"


@pytest.mark.parametrize("same_line", [True, False])
@pytest.mark.parametrize("sep", [". ", " ", ", "])
@pytest.mark.parametrize("quotes", ["“”", '""'])
def test_a_speaker_then_the_talks_title_in_quotation_marks(same_line: bool, sep: str, quotes: str) -> None:
    """'NICOL Alexis. “Les eunuques à Byzance”': the talk's title is what the marks enclose, the name
    before it (surname in capitals) is its speaker, whether on the same line or the line above."""
    talks = [
        ("09:40", "NICOL Alexis", "Les eunuques à Byzance, du IXe au XIIe siècle"),
        ("10:00", "POUDEROUX Emmanuelle", "Violences et prédations seigneuriales en Gascogne"),
        ("10:20", "DE LA TOUR Jean", "La sagesse dans Girart de Roussillon"),
    ]
    blocks = [Block(BlockKind.PARAGRAPH, "11 mai 2026", Provenance(SRC, page=1), bold=True)]
    for time, who, title in talks:
        quoted = f"{quotes[0]}{title}.{quotes[1]}"
        if same_line:
            blocks.append(Block(BlockKind.PARAGRAPH, f"{time} {who}{sep}{quoted}", Provenance(SRC, page=1)))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, f"{time} {who}{sep.rstrip()}", Provenance(SRC, page=1)))
            blocks.append(Block(BlockKind.PARAGRAPH, quoted, Provenance(SRC, page=1)))
    items = find_programme(tuple(blocks), 2026, None)
    assert [(a.start, a.title.rstrip(".")) for a in items] == [(t, title) for t, _, title in talks]
