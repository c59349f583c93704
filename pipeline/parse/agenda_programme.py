"""Timed programmes: a time column (or a leading time on each line), day headings, numbered talks.

The block stream is first flattened into ``Line``s (one per table row or per in-cell line, one per
paragraph), each with the text of its time column, so that programme tables, tables whose rows are
single printed lines, and plain "09:00 – 10:30 Opening" text lines all go through one state machine:

- a day heading ("Day 1: Tuesday 25 February", "Tuesday, 30 March 2021", a one-cell table
  "28 November 2017 (Day-2)", a day column) sets the date; "Day 2" alone counts on from the first day;
- a timed line opens an entry (start/end from the time column);
- a label in the time column ("Welcome Address") opens an untimed entry;
- inside an entry, a talk number ("1-1", "E-2") opens a numbered talk of that session, and a
  break line ("Coffee Break– Lounge") an untimed break;
- other lines continue the current entry: title lines first, then chairs, speakers, description.

Tables are read through their column roles (``agenda_columns``): the time column gives the times
(a duration or a place printed under the time is a note), a number column the item numbers, a day
column the dates; speakers, venue and notes columns describe the row's item and are never parallel
sessions. A note inside a cell ("Coffee break at 15:00") is not a row. A row without a time that
is numbered, or set bold like the timed rows' titles, is an item of its own in the time slot above.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..models import AgendaItem, Block, BlockKind, Cell, Speaker
from ..textutil import join_lines
from . import vocab
from .agenda_columns import (
    ASIDE,
    DAY,
    DURATION,
    END,
    NOTES,
    NUMBER,
    SESSION_MARK,
    SPEAKERS,
    TIME,
    TITLE,
    VENUE,
    Columns,
    clock_minutes,
    count_venues,
    infer,
    is_time_cell,
)
from .agenda_speakers import CHAIR, NOT_NAME_LEAD, PERSON, inline_speakers, is_speaker_line, parse_speaker
from .dates import (
    DASHES,
    MONTH,
    TimeMatch,
    add_days,
    day_heading,
    find_dates,
    find_time_ranges,
    is_duration,
    lead_time,
    parse_duration,
    parse_time,
)

_TALK = re.compile(r"^(?P<num>(?:[A-Z]|\d{1,2})\s?[-‐–]\s?\d{1,2}[a-z]?)(?:[.:)]?\s+(?P<rest>\S.*))?$")
_VENUE_TAIL = re.compile(r"^(?P<title>.{3,60}?)\s*[–—-]\s*(?P<venue>[A-Z][\w.'’ ]{1,40})$")
_PERSON = PERSON  # a bare name on a line of its own
_BULLET_LEAD = re.compile(r"^[•●○◦▪■►▶➢➤\ue000-\uf8ff]")  # a bullet glyph (symbol fonts: private use)
_ROW_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2}|[a-z])[.)]\s+(?=\S)")
_PLACEHOLDER = re.compile(r"^(?:N/?A|TBA|TBC|TBD|-+|–)$", re.I)
_SLOT = re.compile(r"[·|•]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*[–—-]\s*\d")
_HONORIFIC_ANYWHERE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s?[A-Z][a-z]")
_TITLE_END = re.compile(
    r"^(?P<title>(?:Session\s+\d+\s*:\s*)?.+?)(?:(?<!:)\s+(?=(?:Opening remarks|Introduction of|Welcome|"
    r"Secretariat will|This session|The session|Moderator|Chair|Keynote by|Remarks by)\b)|$)"
)
_ZONE = re.compile(
    r"^(?:(?i:hrs?\.?|hours|h\b)|\(?\s*(?:GMT|UTC|CET|CEST|EST|EDT|ICT|KST|JST|IST|EAT|WAT|[A-Z]{1,3}T)"
    r"(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\s*\)?)(?=\s|$|[,;:)])"
)


def _rx(key: str, template: str = r"^(?:{})\b") -> re.Pattern[str]:
    return vocab.current().regex("agenda", key, template)


def _continuation_rx() -> re.Pattern[str]:  # noqa: N802 - a compiled pattern, as the module's constants
    """'Continuation', 'Continued', 'Continuation of Day 1', 'Continuation 2' leading a title or a cell."""
    return _rx("continuation", r"^(?:{})(?:\s+(?:of|from)\s+Day)?(?:\s*\d+)?\b")


def _break(text: str) -> bool:
    """A break row: "Coffee Break", "Tea / Coffee Breaks", "Lunch" (the ``[agenda] breaks`` words)."""
    return bool(_rx("breaks", r"^(?:[\w-]+\s*/\s*)?(?:{})s?\b").match(text))


def _label_phrase() -> re.Pattern[str]:
    v = vocab.current()
    return re.compile(
        r"\b(?:"
        + v.pattern("agenda", "label_lead")
        + r")\s+(?:"
        + v.pattern("agenda", "label_kind")
        + r")s?\b",
        re.I,
    )


def _not_label(text: str) -> bool:
    """A role word in the time column ("Chair", "Venue"): it describes the row, it is not a label."""
    v = vocab.current()
    words = "|".join(
        v.pattern("agenda", k) for k in ("header_speakers", "header_venue", "header_notes", "header_number")
    )
    return bool(
        re.match(r"^(?:Co-?)?(?:" + words + r"|speaker|participants?|language|contact)s?\s*:?$", text, re.I)
    )


@dataclass
class Line:
    time: str  # the time column's text ('' for none); for text lines the leading time
    text: str
    block: Block
    row: int | None = None
    bold: bool | None = None  # None: the extractor does not say
    bold_prefix: str = ""
    in_table: bool = False
    table_timed: bool = False  # the line's table has timed rows (a programme table)
    col: int = 0  # the cell's column in its row
    multi: bool = False  # the row has text in several body columns (parallel sessions)
    slot: bool = False  # the time came from a "Tea Break · 10:00 AM – 10:30 AM" slot label
    tail: bool = False  # what followed a slot label's time ("5 Breakout Rooms"): description, not title
    number: str = ""  # the row's item number (a number column)
    aside: str = ""  # the role of the column the line comes from when it describes the item
    sub: int = 0  # the line's place in its cell (0: the cell's first line)
    after_gap: bool = False  # a blank line comes before it in its cell
    last_para: bool = False  # it is in the last paragraph of its cell
    row_start: bool = False  # the first line of a table row
    strong_row: bool = False  # an untimed table row set like a timed row's title: an item of its own
    band: bool = False  # the only cell of an untimed row, printed across a timed table from its first column
    t: TimeMatch | None = None  # the time read from ``time``
    parallel: bool = False  # a later line of a cell whose lines are subjects side by side (one a line)


@dataclass
class Entry:
    line: Line
    start: str | None = None
    end: str | None = None
    date: str | None = None
    number: str | None = None
    session: str = ""
    label: str = ""  # an untimed row's label printed in the time column
    lines: list[Line] = field(default_factory=list)
    col: int = 0


def leading_time(text: str, strict: bool) -> tuple[str | None, str | None, str]:
    """A time range or single time at the very start of ``text``: (start, end, rest)."""
    start, end, token, rest = split_time(text, strict)
    return start, end, rest


def split_time(text: str, strict: bool) -> tuple[str | None, str | None, str, str]:
    """(start, end, the printed time, the rest) for a time at the very start of ``text``.

    ``strict`` (a text line, not a table cell): a single time needs a colon, "h" or a.m./p.m.
    ("1.5 Background" is a section number, not 01:50), and four-digit times count only as a range
    in a timetable's form (``_four_digit_range``).
    """
    text = text.strip()
    t = lead_time(text, cell=not strict)
    if t is None and strict:
        t = _four_digit_range(text)
    if t is None:
        return None, None, "", text
    if t.end is None and not t.open_end and strict and not re.search(r"[:h]|[ap]\.?\s?m|noon", t.text, re.I):
        return None, None, "", text
    return t.start, t.end, t.text, _after_time(text[t.stop :])


_FOUR_RANGE = re.compile(r"(?<![\w/.-])\d{4}\s*[-–—]\s*\d{4}(?![\w/-])")
_FOUR_DIGITS = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d$")
_MAX_SLOT = 300  # minutes: the longest slot a four-digit range in running text is read as


def _four_digit_range(text: str) -> TimeMatch | None:
    """A range of four-digit times leading a text line ("0900-1000: Getting started"), which a
    line reads as times only in the form a timetable prints: both ends on the quarter hours' grid
    of five minutes, in order, at most five hours apart (so "2019-2020" stays a span of years)."""
    t = lead_time(text, cell=True)
    if t is None or t.end is None:
        return None
    a, b = (re.sub(r"\D", "", x) for x in t.text.split("-", 1)) if "-" in t.text else ("", "")
    if not (_FOUR_DIGITS.match(a) and _FOUR_DIGITS.match(b)):
        return None
    start = int(a[:2]) * 60 + int(a[2:])
    end = int(b[:2]) * 60 + int(b[2:])
    if start % 5 or end % 5 or not 0 < end - start <= _MAX_SLOT:
        return None
    return t


def _after_time(rest: str) -> str:
    """What follows a printed time, without 'hrs' or a time zone: '(GMT+9) Opening' -> 'Opening';
    a colon after the time ('0900-1000: Getting started') is punctuation, not title."""
    rest = rest.strip(" ,;" + DASHES)
    if rest.startswith(":") and not rest[1:2].isdigit():
        rest = rest[1:].strip(" ,;" + DASHES)
    m = _ZONE.match(rest)
    while m and m.group(0):
        rest = rest[m.end() :].strip(" ,;" + DASHES)
        m = _ZONE.match(rest)
    return rest


def _time_of(ln: Line) -> TimeMatch | None:
    """The time a line's time text starts with (read once per line)."""
    if ln.t is None and ln.time:
        t = lead_time(ln.time, cell=ln.in_table)
        if t is None and not ln.in_table:
            t = _four_digit_range(ln.time)
        if t and not ln.in_table and t.end is None and not t.open_end:
            if not re.search(r"[:h]|[ap]\.?\s?m|noon", t.text, re.I):
                t = None
        ln.t = t
    return ln.t


def day_heading_of(
    text: str, year: int | None, cell: bool = False, heading: bool = False
) -> tuple[bool, str | None, int | None]:
    """(is a day heading, its date, its ordinal): 'Day 1: Tuesday 25 February' -> (True, '2020-02-25', 1)."""
    d = day_heading(text, year, cell=cell, heading=heading)
    if d is None:
        return False, None, None
    return True, d.date, d.ordinal


def flatten(blocks: tuple[Block, ...], year: int | None = None) -> list[Line]:
    lines: list[Line] = []
    for block in blocks:
        if block.kind == BlockKind.TABLE:
            lines.extend(_table_lines(block, year))
        else:
            text = block.text.strip()
            if not text:
                continue
            if block.kind == BlockKind.LIST_ITEM and block.marker in ("-", "–", "—"):
                text = "- " + text  # a dash-led continuation: "authorities / - Geocell Reinforcement"
            for part in _run_together(text):
                start, _, token, rest = split_time(part, strict=True)
                if not start:
                    start, token, rest = _inner_time(part)
                time = token if start else ""
                # an untimed point nested under a list's item ("o Basic theory" under "1100-1130:
                # Introduction") describes that item; it is not a part of its title
                nested = block.kind == BlockKind.LIST_ITEM and block.level > 0 and not time
                lines.append(
                    Line(
                        time=time,
                        text=rest if time else part,
                        block=block,
                        bold=block.bold or None,
                        aside=NOTES if nested else "",
                    )
                )
    dotted = sum(1 for ln in lines if _DOTTED_RANGE.match(ln.time))
    if dotted >= 2:
        # a programme that prints its ranges "10.00-10.30" prints a lone start "9.45" alike
        for ln in lines:
            if not ln.time and not ln.in_table and _DOTTED_START.match(ln.text):
                start, _, token, rest = split_time(ln.text, strict=False)
                if start:
                    ln.time, ln.text, ln.t = token, rest, lead_time(token, cell=True)
    _one_zone(lines)
    lines = _titles_above_times(lines, year)
    out: list[Line] = []
    for ln in lines:
        out.extend(_slot_label(ln) if not ln.time else [ln])
    return out


_ALT_TIME = re.compile(r"^\s*/\s*")


def _zone_times(ln: Line) -> tuple[list[TimeMatch], str] | None:
    """'8:15 / 15:15 / 18:15 history of science': the same moment printed in several time zones
    (the times, the rest), or None for a line with one time."""
    first = lead_time(ln.time, cell=True)
    if first is None or first.end is not None:
        return None
    times, rest = [first], ln.text
    while m := _ALT_TIME.match(rest):
        t = lead_time(rest[m.end() :], cell=True)
        if t is None or t.end is not None:
            break
        times.append(t)
        rest = rest[m.end() + t.stop :]
    return (times, rest.strip()) if len(times) > 1 else None


def _one_zone(lines: list[Line]) -> None:
    """A programme that prints every slot in several time zones ('All times: MT / BST / GST') keeps one:
    the zone whose times fall most often in a working day (08:00-20:00), the venue's time as a rule
    (its audience elsewhere follows at night or at dawn); the first zone on a tie."""
    found = [(ln, z) for ln in lines if ln.time and not ln.in_table and (z := _zone_times(ln))]
    if len(found) < 2:
        return
    width = min(len(z[0]) for _, z in found)
    if sum(1 for _, z in found if len(z[0]) == width) < 0.8 * len(found):
        return

    def daytime(k: int) -> int:
        return sum(1 for _, (times, _) in found if "08:00" <= times[k].start <= "20:00")

    zone = max(range(width), key=lambda k: (daytime(k), -k))
    for ln, (times, rest) in found:
        ln.time, ln.text, ln.t = times[zone].text, rest, None


def _tag(text: str) -> bool:
    """'history of science' beside a time: a lower-case subject tag (small capitals in print), not a
    title; the quoted talk title may run on after it on the same line."""
    head = _split_tag(text)[0]
    words = head.split()
    return 0 < len(words) <= 4 and all(re.fullmatch(r"[a-z][a-z'’&-]*", w) for w in words)


def _untitled(text: str) -> bool:
    """What follows a time is not its title: nothing, a subject tag, a quoted talk or a speaker line."""
    return not text or _tag(text) or text[:1] in _OPEN_QUOTE or _stop(text) or bool(_BY_NAME.match(text))


_BY_NAME = re.compile(r"^by\s+(?:[A-Z][\w.'’-]+\s+){1,4}")  # "by Professor Ada Stone, ..."


def _split_tag(text: str) -> tuple[str, str]:
    """'history of science “Mapping Time” by ...' -> ('history of science', '“Mapping Time” by ...')."""
    m = re.search(r"\s[" + _OPEN_QUOTE + "]", text)
    return (text[: m.start()].strip(), text[m.start() :].strip()) if m else (text.strip(), "")


def _titles_above_times(lines: list[Line], year: int | None) -> list[Line]:
    """A bold title printed on the line ABOVE a time that has no title of its own:

        Keynote Lecture 1: Dark Skies in the Past
        8:30
        history of science
        "Mapping Time and Space" by Professor ...

    The title moves onto the time's line; what was printed beside the time (a subject tag) describes the
    item. Needs two such pairs: one bold line before a bare time can be a section heading."""

    def above(i: int) -> bool:
        b, t = lines[i], lines[i + 1]
        return bool(
            b.bold
            and not b.time
            and not b.in_table
            and t.time
            and not t.in_table
            and not t.bold
            and _untitled(t.text.strip())
            and len(b.text) <= 100
            and not day_heading_of(b.text, year)[0]
        )

    pairs = {i for i in range(len(lines) - 1) if above(i)}
    if len(pairs) < 2:
        return lines
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if i in pairs:
            continue
        if ln.time and not ln.in_table and (i - 1 in pairs or _tag(ln.text.strip())):
            tag, talk = _split_tag(ln.text) if _tag(ln.text.strip()) else ("", ln.text.strip())
            ln.text = lines[i - 1].text if i - 1 in pairs else ""
            ln.bold = lines[i - 1].bold if i - 1 in pairs else ln.bold
            out.append(ln)
            if tag:
                out.append(dataclasses.replace(ln, time="", text=tag, aside=NOTES, t=None, bold=None))
            if talk:
                out.append(dataclasses.replace(ln, time="", text=talk, t=None, bold=None))
            continue
        out.append(ln)
    return out


def _run_together(text: str) -> list[str]:
    """A paragraph in which the reader ran several programme lines together ('08:00 AM-08:15 AM Opening
    Remarks 08:15 AM-09:15 AM Keynote Address Keri Smith 09:30 AM-...'): one part per time range, each
    range followed by a capitalised title and not led by a word of a sentence ('from', 'and')."""
    cuts = [
        m.start()
        for _, end, m in find_time_ranges(text)
        if end
        and re.match(r"\s*:?\s*[A-Z“\"]", text[m.end() :])
        and not re.search(r"\b(?:from|between|and|at|or|to|until|by|of)\s*$", text[: m.start()], re.I)
        and re.search(r"[:.]\d{2}|[ap]\.?m", m.group(0), re.I)
    ]
    cuts += [
        m.start()
        for m in _FOUR_RANGE.finditer(text)
        if _four_digit_range(m.group(0)) and re.match(r"\s*:?\s*[A-Z“\"]", text[m.end() :])
    ]
    cuts.sort()
    if not cuts or len(cuts) == 1 and not (cuts[0] > 0 and _PERSON.match(text[: cuts[0]].strip())):
        return [text]  # one range: only after the previous talk's speaker ("Dan Stitch 08:45 AM-...")
    bounds = ([0] if cuts[0] > 0 else []) + cuts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


_DOTTED_RANGE = re.compile(r"^\d{1,2}\.\d{2}\s*[-–—]\s*\d{1,2}\.\d{2}")
_DOTTED_START = re.compile(r"^(?:[01]?\d|2[0-3])\.[0-5]\d\s+[A-Z]")


def _slot_label(ln: Line) -> list[Line]:
    """'Tea Break · 10:00 AM – 10:30 AM' / 'Parallel Session 1 · 10:30 AM – 12:30 PM · 5 Breakout Rooms'."""
    found = find_time_ranges(ln.text)
    if not found:
        return [ln]
    start, _, m = found[0]
    head = ln.text[: m.start()].rstrip()
    if not start or not head.endswith(("·", "|", "•")) or len(head) > 80:
        return [ln]
    title = head.rstrip("·|• ").strip()
    tail = ln.text[m.end() :].strip(" ·|•")
    ln.time, ln.text, ln.slot, ln.t = m.group(0), title, True, None
    if not tail:
        return [ln]
    return [ln, dataclasses.replace(ln, time="", text=tail, slot=False, tail=True, t=None, row_start=False)]


def _inner_time(text: str) -> tuple[str | None, str, str]:
    """'Keynote Lecture: 10:10–10:50 The Utilization ...': a lead label printed before the time."""
    m = re.match(r"^(?P<pre>[^\d:]{3,40}:)\s+", text)
    if not m:
        return None, "", text
    start, _, token, rest = split_time(text[m.end() :], strict=True)
    if not start or not rest:
        return None, "", text
    return start, token, m.group("pre") + " " + rest


def _day_over_time(text: str, year: int | None) -> tuple[str, str]:
    """(a day printed on the first line of a time cell, the rest): 'Thursday, 1 March\n9 -11 am'."""
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if len(lines) < 2 or lead_time(lines[0], cell=True) or not lead_time(lines[1], cell=True):
        return "", text
    d = day_heading(lines[0], year, cell=True)
    if d is None or d.stop < len(lines[0]) - 1:
        return "", text
    return lines[0], "\n".join(lines[1:])


def _parallel_lines(text: str) -> bool:
    """A title cell whose lines are subjects of their own, one a line: two to four short lines that
    open with the same word ("Visit a local market" / "Visit the museum"), none running on into the
    next. A title wrapped over lines does not begin each line with the same word."""
    lines = [ln.strip() for ln in text.strip().split("\n")]
    if not 2 <= len(lines) <= 4 or not all(lines):
        return False
    firsts = {ln.split()[0].lower() for ln in lines}
    return (
        len(firsts) == 1
        and len(next(iter(firsts))) >= 3
        and next(iter(firsts)).isalpha()
        and all(len(ln) <= 60 and ln[:1].isupper() and len(ln.split()) >= 2 for ln in lines)
        and not any(_DANGLING.search(ln) or ln.endswith(",") for ln in lines[:-1])
        and not any(is_speaker_line(ln) or _BULLET_LEAD.match(ln) for ln in lines)
    )


def _people_under_time(text: str) -> bool:
    """A time column's cell that names people (a speaker, 'Chair : Prof. X', '(Key Note Address)'), not
    a time or a label."""
    flat = " ".join(text.split())
    return bool(
        not lead_time(flat, cell=True) and (_stop(flat) or _PERSON.match(flat) or flat.startswith("("))
    )


def _split_time_cell(text: str) -> tuple[str, list[str]]:
    """A time cell's time and the lines under it ("09:00 – 09:05\\n5 mins" -> '09:00 – 09:05', ['5 mins'])."""
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if not lines:
        return "", []
    if len(lines) > 1 and SESSION_MARK.fullmatch(lines[0]) and lead_time(lines[1], cell=True):
        lines = lines[1:]  # "II" / "9:50 a.m. -" / "10:35 a.m.": the session's number above its time
    head, k = lines[0], 1
    if head.endswith(tuple(DASHES)) and len(lines) > 1 and lead_time(head + " " + lines[1], cell=True):
        head, k = head + " " + lines[1], 2  # "10 a.m.–" / "1 p.m.": a range wrapped after its dash
    t = lead_time(head, cell=True)
    if t is None:
        return " ".join(lines), []
    return head, lines[k:]


def _table_lines(block: Block, year: int | None = None) -> list[Line]:
    out: list[Line] = []
    cols = infer(block.rows, year)
    roles = cols.roles
    has_time_col = TIME in roles
    timed = any(_row_time(row, cols) or any(_SLOT.search(c.text) for c in row) for row in block.rows)
    has_bold = _any_bold(block)  # once per table: per cell it made big tables quadratic
    strong_rows = has_time_col and _titles_bold(block, cols)
    place_cols = _place_columns(block, year) if not cols.tracks else set()
    contained = strong_rows and _content_in_cell(block, cols)
    for i, row in enumerate(block.rows):
        if i < cols.header or i in cols.header_rows:
            continue  # a row of column headers
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        col_of = {id(c): k for k, c in enumerate(row)}
        n_out = len(out)
        if DAY in roles:
            for c in [c for c in cells if cols.role(col_of[id(c)]) == DAY]:
                out.append(_plain(block, i, c.text, timed, col_of[id(c)]))
                cells = [x for x in cells if x is not c]  # by identity: two cells may print the same text
        while len(cells) > 2 and _is_day_cell(cells[0].text) and lead_time(cells[1].text, cell=True):
            # "Monday 3 June | 09:00–10:00 | Opening": the day column comes before the time column
            out.append(_plain(block, i, cells[0].text, timed, 0))
            cells = cells[1:]
        if not cells:
            continue
        number = ""
        if NUMBER in roles:
            for c in [c for c in cells if cols.role(col_of[id(c)]) == NUMBER]:
                number = " ".join(c.text.split()).strip(" .):(")
                cells = [x for x in cells if x is not c]
            if not cells:
                continue
        time_cell, body = None, cells
        speaker_row = False
        if has_time_col:
            tc = [c for c in cells if cols.role(col_of[id(c)]) == TIME]
            if not tc and len(cells) > 1 and is_time_cell(cells[0].text):
                tc = cells[:1]  # a time printed off its column (a merged or shifted cell)
            if tc and len(cells) == 1 and _people_under_time(tc[0].text):
                tc = []  # "Prof. Shibaji Raha" on a row of its own under the time: describes the slot
                speaker_row = True
            if tc:
                time_cell, body = tc[0], [c for c in cells if c is not tc[0]]
        else:
            t0 = cells[0].text.strip()
            lead = lead_time(t0.replace("\n", " "), cell=True)
            if len(cells) > 1 and (
                is_time_cell(t0)
                or lead
                and not _after_time(t0.replace("\n", " ")[lead.stop :])
                or (timed and row and row[0].text.strip() and len(t0) <= 40 and "\n" not in t0)
            ):
                time_cell, body = cells[0], cells[1:]
        time = ""
        under: list[str] = []
        if time_cell is not None:
            day_line, time_text = _day_over_time(time_cell.text, year)
            if day_line:
                # "Thursday, 1 March / 9 -11 am": a day band run into the time cell of its first row
                out.append(_plain(block, i, day_line, timed, col_of[id(time_cell)]))
            time, under = _split_time_cell(time_text)
        if END in roles:
            time, body = _with_end(time, body, cols, col_of)
        aside = [c for c in body if cols.role(col_of[id(c)]) in ASIDE]
        main = [c for c in body if all(c is not a for a in aside)]
        roles_of = {id(c): cols.role(col_of[id(c)]) for c in aside}
        main, aside = _title_from_asides(main, aside, roles_of, has_time_col)
        if speaker_row:
            aside, main = aside + main, []
            roles_of.update({id(c): SPEAKERS for c in aside})
        if len(main) == 2 and place_cols:
            # "Meeting point: Lobby Hotel X" beside the activity, in a column the table's other rows
            # use only for days: a place, not a second session
            places = [c for c in main if col_of[id(c)] in place_cols and _place(c.text)]
            if len(places) == 1:
                roles_of[id(places[0])] = VENUE
                aside = [*aside, places[0]]
                main = [c for c in main if c is not places[0]]
        if has_time_col and NUMBER not in roles and main:
            # "1. Introduction", "b. Setting the scene": the title cell opens with the row's number
            m = _ROW_NUMBER.match(main[0].text)
            if m:
                number = m.group("n")
                k = col_of[id(main[0])]
                main[0] = dataclasses.replace(
                    main[0], text=main[0].text[m.end() :], bold_prefix=main[0].bold_prefix[m.end() :].lstrip()
                )
                col_of[id(main[0])] = k
        if cols.tracks:
            multi = sum(1 for c in main if cols.role(col_of[id(c)]) in ("", TITLE)) > 1
        else:
            multi = sum(_title_like(c.text) for c in main) > 1
        first = True
        strong = bool(strong_rows and not time and main and _strong_cell(main[0]))
        if contained and not strong and not time and len(main) == 1 and not aside:
            strong = _plain_subject(main[0].text)  # a row of its own in a table that keeps content in-cell
        for cell in main:
            col = col_of[id(cell)]
            parallel = len(main) == 1 and _parallel_lines(cell.text)
            for text, bold, sub, gap, last in _cell_lines(cell, has_bold):
                t = time if first else ""
                if not t and "\n" in cell.text:
                    start, _, token, rest = split_time(text, strict=True)
                    if start:
                        t, text = token, rest
                out.append(
                    Line(
                        time=t,
                        text=text,
                        block=block,
                        row=i,
                        bold=bold,
                        in_table=True,
                        table_timed=timed,
                        col=col,
                        multi=multi,
                        number=number if first else "",
                        sub=sub,
                        after_gap=gap,
                        last_para=last,
                        strong_row=strong and first,
                        parallel=parallel and sub > 0,
                    )
                )
                first = False
        if first and (time or number):
            out.append(
                Line(time=time, text="", block=block, row=i, in_table=True, table_timed=timed, number=number)
            )
        for text in under:  # a duration or a place printed under the time describes the row's item
            role = "duration" if is_duration(text) else "notes"
            out.append(_plain(block, i, text, timed, 0, aside=role))
        for cell in aside:
            role = roles_of.get(id(cell)) or NOTES
            for text, _, sub, gap, last in _cell_lines(cell, False):
                ln = _plain(block, i, text, timed, col_of[id(cell)], aside=role)
                ln.sub, ln.after_gap, ln.last_para = sub, gap, last
                out.append(ln)
        if len(out) > n_out:
            out[n_out].row_start = True
            out[n_out].band = (
                has_time_col
                and not time
                and len(row) >= 3
                and len(cells) == 1
                and col_of[id(cells[0])] == 0
                and cols.role(0) not in (TIME, DAY)
            )
    return out


_GLUED_TIMES = re.compile(r"^\s*(\d{1,2}[:.]\d{2})(\d{1,2}[:.]\d{2})\s*$")


def _with_end(time: str, body: list[Cell], cols: Columns, col_of: dict[int, int]) -> tuple[str, list[Cell]]:
    """The row's time with the end printed in an end column ("Start | End": '09:00', '09:15' ->
    '09:00 - 09:15'), and the cells without it. Two times run together by the text layer in the
    next column ("11:4000:20": the end and the duration) are split."""
    ends = [c for c in body if cols.role(col_of[id(c)]) == END]
    rest = [c for c in body if all(c is not e for e in ends)]
    end = " ".join(" ".join(c.text.split()) for c in ends).strip()
    if not end:
        for k, c in enumerate(rest):
            glued = _GLUED_TIMES.match(c.text) if cols.role(col_of[id(c)]) in (DURATION, "") else None
            if glued:
                end = glued.group(1)
                rest[k] = dataclasses.replace(c, text=glued.group(2))
                col_of[id(rest[k])] = col_of[id(c)]
                break
    start = lead_time(time, cell=True) if time else None
    if start is not None and start.end is None and end and lead_time(end, cell=True):
        time = f"{time} - {end}"
    elif not time and end:
        # no start printed, but an end and a duration: the start is the one less the other
        stop = clock_minutes(end)
        span = next((m for c in rest if cols.role(col_of[id(c)]) == DURATION and (m := _span(c.text))), None)
        if stop is not None and span and stop >= span:
            time = f"{_clock(stop - span)} - {_clock(stop)}"
    return time, rest


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(text: str) -> int | None:
    """Minutes of a duration cell: "20 mins", "1h", or "00:20" in a column of durations."""
    clock = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    return int(clock.group(1)) * 60 + int(clock.group(2)) if clock else parse_duration(text)


def _place(text: str) -> bool:
    return bool(count_venues([" ".join(text.split())])) and len(text.split()) <= 6


def _place_columns(block: Block, year: int | None) -> set[int]:
    """Columns that hold places and day bands only (no subject anywhere): a place printed there beside
    the activity describes it."""
    out = set()
    width = max((len(r) for r in block.rows), default=0)
    for j in range(width):
        texts = [r[j].text for r in block.rows if j < len(r) and r[j].text.strip()]
        places = sum(1 for t in texts if _place(t))
        if not places:
            continue
        days = sum(1 for t in texts if day_heading(" ".join(t.split()), year, cell=True))
        if places + days == len(texts):
            out.add(j)
    return out


def _title_from_asides(
    main: list[Cell], aside: list[Cell], roles_of: dict[int, str], timed: bool
) -> tuple[list[Cell], list[Cell]]:
    """Where the title column of a row is empty, its title is in another column (a break or an
    activity printed across the row from the first column: "Registration"; a talk whose theme is
    printed in the affiliation column): the longest of the describing cells. Where a speakers
    column holds a bold label and the title column plain text ("Group discussions" | "What are
    the final thematic areas"), the bold label is the title and the plain text describes it."""
    texts = [c for c in aside if roles_of.get(id(c)) in (SPEAKERS, NOTES, VENUE) and c.text.strip()]
    if not main and texts and timed:
        best = max(texts, key=lambda c: len(c.text.split()))
        return [best], [c for c in aside if c is not best]
    bold = [c for c in texts if roles_of.get(id(c)) == SPEAKERS and c.bold]
    if (
        main
        and len(bold) == 1
        and not any(c.bold for c in main)
        and not any(c.bold for c in texts if c is not bold[0])
    ):
        for c in main:
            roles_of[id(c)] = NOTES
        return bold, [c for c in aside if c is not bold[0]] + main
    return main, aside


def _plain(block: Block, row: int, text: str, timed: bool, col: int, aside: str = "") -> Line:
    return Line(
        time="",
        text=" ".join(text.split()) if not aside else text.strip(),
        block=block,
        row=row,
        in_table=True,
        table_timed=timed,
        col=col,
        aside=aside,
    )


def _titles_bold(block: Block, cols: Columns) -> bool:
    """The timed rows' titles, or the numbered rows' titles, are set bold (so an untimed bold row is
    a row of its own, not a note)."""
    return _keyed_titles_bold(block, cols, TIME) or (
        NUMBER in cols.roles and _keyed_titles_bold(block, cols, NUMBER)
    )


def _keyed_titles_bold(block: Block, cols: Columns, key: str) -> bool:
    n = bold = 0
    for row in block.rows[cols.header :]:
        cells = [(k, c) for k, c in enumerate(row) if c.text.strip()]
        if not any(cols.role(k) == key for k, _ in cells):
            continue
        titles = [c for k, c in cells if cols.role(k) in ("", TITLE)]
        if titles:
            n += 1
            bold += _strong_cell(titles[0])
    return n >= 2 and bold >= 0.8 * n


def _content_in_cell(block: Block, cols: Columns) -> bool:
    """The table prints each item's points inside the item's own cell, under its bold title, never in
    a row of their own: then an untimed row holding one plain line is an item, not a note."""
    inside = 0
    for row in block.rows[cols.header :]:
        titles = [c for k, c in enumerate(row) if c.text.strip() and cols.role(k) in ("", TITLE)]
        if not titles:
            continue
        lines = [ln.strip() for ln in titles[0].text.strip().split("\n") if ln.strip()]
        if _BULLET_LEAD.match(lines[0]) or lines[0].startswith(("- ", "– ")):
            return False  # points in a row of their own
        inside += _strong_cell(titles[0]) and len(lines) > 1 and bool(_BULLET_LEAD.match(lines[1]))
    return inside >= 2


def _plain_subject(text: str) -> bool:
    """One unbulleted line that reads as a subject (no speaker, no note, no continuation)."""
    text = text.strip()
    return (
        "\n" not in text
        and len(text) <= 100
        and text[:1].isupper()
        and not _BULLET_LEAD.match(text)
        and not is_speaker_line(text)
        and not _note(text)
        and not _stop(text)
    )


def _strong_cell(cell: Cell) -> bool:
    first = cell.text.strip().split("\n")[0].strip()
    return cell.bold or bool(first and cell.bold_prefix.strip().startswith(first))


def _is_day_cell(text: str) -> bool:
    text = text.replace("\n", " ").strip()
    return len(text) < 50 and (day_heading(text, 2000, cell=True) is not None or bool(find_dates(text)))


def _title_like(text: str) -> bool:
    """A cell that reads as a session title (parallel sessions side by side), not a speaker or venue."""
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if len(lines) > 1 and _continuation_rx().fullmatch(lines[0].strip("().")):
        lines = lines[1:]  # "Continuation" over the title of a session carried on from the slot before
    first = lines[0] if lines else ""
    if len(first) < 20 or _stop(first) or _PERSON.match(first):
        return False
    return not (len(first) < 40 and _rx("venue_words", r"\b(?:{})\b").search(first))


def _cell_lines(cell: Cell, table_has_bold: bool) -> list[tuple[str, bool | None, int, bool, bool]]:
    """The cell's lines: (text, bold, place in the cell, after a blank line, in the last paragraph).

    A bold lead wrapped over several lines becomes one line.
    """
    text = cell.text.strip()
    prefix = cell.bold_prefix.strip()
    raw: list[tuple[str, bool | None]]
    if (
        prefix
        and not cell.bold
        and text.startswith(prefix)
        and len(prefix) < len(text)
        and _ends_title(text, prefix)
    ):
        rest = text[len(prefix) :].strip(" \n–—-")
        raw = [(join_lines(prefix), True)]
        # keep the rest's blank lines: they separate paragraphs
        raw += [(ln.strip(), False) for ln in rest.split("\n")]
    else:
        bold: bool | None = True if cell.bold else (False if table_has_bold else None)
        raw = [(ln.strip(), bold) for ln in text.split("\n")]
    out: list[tuple[str, bool | None, int, bool, bool]] = []
    gap = False
    for line, b in raw:
        if not line:
            gap = bool(out)
            continue
        out.append((line, b, len(out), gap, False))
        gap = False
    last_start = max((k for k, o in enumerate(out) if o[3]), default=0)
    return [(t, b, s, g, k >= last_start and last_start > 0) for k, (t, b, s, g, _) in enumerate(out)]


def _ends_title(text: str, prefix: str) -> bool:
    """A bold lead is the title unless the line it ends in runs on in lower case (emphasis, not a title)."""
    after = text[len(prefix) :]
    return not re.match(r"[ \t]+[a-z]", after)


def _any_bold(block: Block) -> bool:
    return any(c.bold or c.bold_prefix for row in block.rows for c in row)


def _row_time(row, cols: Columns | None = None) -> tuple[str | None, str | None] | None:
    """The row's time: from its time column where the table has one, else from its first cell."""
    for k, c in enumerate(row):
        if cols is not None and TIME in cols.roles and cols.role(k) != TIME:
            continue
        if c.text.strip():
            t = lead_time(c.text.replace("\n", " "), cell=True)
            return (t.start, t.end) if t else None
    return None


def _rest_of_time(ln: Line) -> str:
    t = _time_of(ln)
    return _after_time(ln.time.strip()[t.stop :]) if t else ln.time


def _on_mark(t: TimeMatch) -> bool:
    return int(t.start[3:]) % 5 == 0


def _chained(timed: list[Line]) -> bool:
    """A running order timed to the minute ("14:00-14:09", "14:09-14:10", ...): most ranges start
    where the one before ended, which a table of ratios or figures never does."""
    spans = [(t.start, t.end) for ln in timed if (t := _time_of(ln)) is not None and t.end]
    links = sum(1 for a, b in zip(spans, spans[1:], strict=False) if a[1] == b[0])
    return len(spans) >= 4 and links >= 0.8 * (len(spans) - 1)


def _after_the_programme(lines: list[Line], year: int | None) -> list[Line]:
    """The lines without the untimed tables printed under a later heading ("Appendix B List of
    Participants" after the programme table): a table without times past the programme's last
    timed line, with a heading of another part in between, is not a part of the programme."""
    last = max((k for k, ln in enumerate(lines) if ln.time), default=-1)
    out, past = lines[: last + 1], False
    for ln in lines[last + 1 :]:
        if (
            not ln.in_table
            and ln.block.kind == BlockKind.HEADING
            and not day_heading_of(ln.text, year, heading=True)[0]
        ):
            past = True
        if past and ln.in_table and not ln.table_timed:
            continue
        out.append(ln)
    return out


def find_programme(blocks: tuple[Block, ...], year: int | None, default_date: str | None) -> list[AgendaItem]:
    lines = _after_the_programme(flatten(blocks, year), year)
    timed = [ln for ln in lines if ln.time and _time_of(ln) and not _is_day_header_time(ln)]
    # programme times fall on five-minute marks; "1.25–1.50" in a table of ratios does not make a programme
    on_mark = [ln for ln in timed if _on_mark(_time_of(ln))]  # type: ignore[arg-type]
    if len(timed) < 2 or (len(on_mark) < 0.8 * len(timed) and not _chained(timed)):
        return []
    entries: list[Entry] = []
    date = default_date
    first_day: str | None = None  # the date of "Day 1", to count "Day 2", "Day 3" on from
    plain_first = False  # first_day is a bare date read before any item, not a "Day 1" date
    cur: Entry | None = None
    parent: Entry | None = None  # the session that numbered talks belong to
    group: list[Entry] = []  # parallel sessions of one timed row, one per column
    slot: Entry | None = None  # the last timed entry: untimed rows of its table share its time
    last_start: str | None = None
    start: str | None
    end: str | None
    header: tuple[int, int | None] | None = None
    orphans: list[Line] = []  # lines read while no entry was open
    under_day = False  # a day heading came after the last timed line
    sub_items: set[int] = set()  # lines that head the untimed parts of a timed slot
    describing: tuple[int, int | None] | None = None  # a row that continues the entry's chair column
    for idx, ln in enumerate(lines):
        text = ln.text.strip()
        if describing is not None and ln.row_start:
            describing = None
        if ln.row_start and ln.strong_row and cur is not None and _describes(cur, ln):
            describing = (id(ln.block), ln.row)
        if describing == (id(ln.block), ln.row) and not ln.aside:
            ln.aside = NOTES  # describes the entry: never part of its title
        if ln.aside:
            if cur is not None and not (ln.block is not cur.line.block and ln.in_table):
                cur.lines.append(ln)
            continue
        if ln.time and _is_day_header_time(ln):
            spans = find_dates(ln.time + " " + text)
            date = spans[0].start if spans else date
            cur, group, slot, last_start = None, [], None, None
            continue
        t = _time_of(ln) if ln.time else None
        if t is None:
            head = (ln.time + " " + text).strip()
            strong = not ln.in_table and (bool(ln.bold) or ln.block.kind == BlockKind.HEADING)
            is_day, d, ordinal = day_heading_of(head, year, cell=ln.in_table, heading=strong)
            if is_day and (ln.in_table or len(head) < 80):
                if d is None and ordinal is not None:
                    # a bare date seen before the programme (the cover's date of issue) counts
                    # less than the meeting's first day
                    base = (default_date if plain_first else None) or first_day or default_date
                    d = add_days(base, ordinal - 1) if base else None
                elif d is not None and ordinal is not None and first_day is None:
                    first_day = add_days(d, 1 - ordinal)
                new = d or (None if ordinal is not None else date)
                if first_day is None and new and ordinal is None and not entries:
                    first_day, plain_first = new, True
                if new != date or not _rx("continuation", r"\b(?:{})").search(head):
                    last_start = None
                date = new
                cur, parent, group, slot, orphans = None, None, [], None, []
                under_day = True
                continue
            if ln.time and _header_word(ln.time):  # a column header row: "Time | Room 1 | Room 2"
                header = (id(ln.block), ln.row)
                continue
        if header is not None and t is None:
            if header[0] == id(ln.block) and ln.in_table:
                continue  # the header row and the room/strand/chair rows under it describe columns
        header = None
        if ln.time:
            if t is not None:
                start, end = _afternoon(ln.time, t.start, t.end, last_start)
                rest = _rest_of_time(ln)
                under_day = False
                last_start = start
                cur = Entry(line=ln, start=start, end=end, date=date, col=ln.col, number=ln.number or None)
                if rest and not text:
                    ln.text = rest
                elif rest:
                    cur.label = rest
                entries.append(cur)
                parent = slot = cur
                group = [cur] if ln.multi else []
                if text:
                    cur.lines.append(ln)
                elif not rest and ln.in_table:
                    # a time cell centred on a row of its own, below the row it belongs to
                    above = [o for o in orphans if o.block is ln.block and o.row == (ln.row or 0) - 1]
                    cur.lines.extend(above)
                orphans = []
                continue
            if ln.in_table and ln.table_timed and not _not_label(ln.time):  # a label: "Welcome Address"
                part_of_day = bool(_rx("parts_of_day", r"^(?:{})\W*$").match(ln.time.strip()))
                cur = Entry(
                    line=ln, date=date, label="" if part_of_day else ln.time, number=ln.number or None
                )
                entries.append(cur)
                parent, group = cur, []
                if text:
                    cur.lines.append(ln)
                continue
        if ln.in_table and ln.row_start and ln.band and text and not is_speaker_line(text):
            # "Session 1: The perspective of regions" across a timed table: an untimed item that
            # heads the rows below it
            cur = Entry(line=ln, date=date, col=ln.col)
            entries.append(cur)
            parent, group, slot = cur, [], None
            cur.lines.append(ln)
            continue
        if ln.in_table and ln.row_start and ln.strong_row and cur is not None and _bare_session(cur, ln):
            k = max(k for k, o in enumerate(cur.lines) if o.col == cur.col and not o.aside)
            cur.lines.insert(k + 1, ln)  # the session's name goes on its title, before the chair's lines
            continue
        if ln.in_table and ln.row_start and (ln.number or ln.strong_row) and text:
            # a numbered row, or a row set like the titles of the timed rows, without a time of its own:
            # an item of its own in the time slot above it
            if not (ln.strong_row and cur is not None and cur.lines and _continues_title(cur, ln)):
                same = slot is not None and slot.line.block is ln.block and slot.date == date
                cur = Entry(
                    line=ln,
                    start=slot.start if same and slot else None,
                    end=slot.end if same and slot else None,
                    date=date,
                    number=ln.number or None,
                    col=ln.col,
                )
                entries.append(cur)
                parent, group = cur, []
                cur.lines.append(ln)
                continue
        if (
            under_day
            and _untimed_session(ln, text)
            and (cur is None or (cur.start is None and not cur.label))
        ):
            # "Session 3: ..." set as a heading under a day heading that no time line follows: an
            # untimed item of that day (its bullets are its content)
            cur = Entry(line=ln, date=date)
            entries.append(cur)
            parent, group = cur, []
            cur.lines.append(ln)
            continue
        if cur is None:
            if text:
                orphans.append(ln)
            continue
        if cur.start is not None and cur.line.in_table and not ln.in_table and idx not in sub_items:
            sub_items = set(_bold_run(lines, idx))
        if idx in sub_items:
            # "National Anthem" / "Short Remarks" / ... set bold one after the other under a timed
            # slot ("3:00 PM – 8:30 PM Opening Ceremony"): the parts of the slot, untimed items
            cur = Entry(line=ln, date=date)
            entries.append(cur)
            parent, group = cur, []
            cur.lines.append(ln)
            continue
        if _closes(ln, cur):
            if cur.line.in_table and not ln.in_table and (ln.bold or ln.block.kind == BlockKind.HEADING):
                if _session_head(text) and not _rx("closing_sections").match(text):
                    # "Session 3b (Cinema Room)" set between two parts of a programme table
                    cur = Entry(line=ln, date=date)
                    entries.append(cur)
                    parent, group = cur, []
                    cur.lines.append(ln)
                    continue
            cur, group = None, []
            continue
        if not text or _rx("continuation", r"^\(?(?:{})\.?\)?$").match(text):
            if text and ln.multi and ln.in_table and _opens_column(group, ln):
                # 'Continuation' heading a cell of a row whose other cells opened sessions: the cell's
                # session (its title on the lines below) gets an entry of its own, so that its lines do
                # not fall to the nearest column
                cur = Entry(line=ln, start=group[0].start, end=group[0].end, date=date, col=ln.col)
                entries.append(cur)
                group.append(cur)
            continue
        if ln.in_table and ln.sub > 0 and _note(text):
            cur.lines.append(ln)  # "Coffee break at 15:00 – 15.15" inside a session's cell: a note
            continue
        if ln.in_table and ln.after_gap and ln.last_para and ln.sub > 0 and _session_head(text):
            # "Session 2 - ..." printed after a blank line at the end of a timed row's cell: it heads
            # the rows below, an untimed item of its own
            cur = Entry(line=ln, date=date, col=ln.col)
            entries.append(cur)
            parent, group = cur, []
            cur.lines.append(ln)
            continue
        spawn = cur.line.slot and cur.line.row != ln.row
        if ln.multi and (group or spawn) and ln.in_table:
            same_row = [e for e in group if e.line.block is ln.block and e.line.row == ln.row]
            if not group or (same_row and all(e.col != ln.col for e in same_row)):
                if not group and cur.line.slot:  # the columns under a slot label: one session each
                    # (sessions printed under a break's band are not in the break: no time is printed)
                    timed_slot = not _break(cur.line.text)
                    start, end = (cur.start, cur.end) if timed_slot else (None, None)
                    cur = Entry(line=ln, start=start, end=end, date=date, col=ln.col)
                    entries.append(cur)
                    group = [cur]
                    cur.lines.append(ln)
                    continue
                first = group[0]
                cur = Entry(line=ln, start=first.start, end=first.end, date=date, col=ln.col)
                entries.append(cur)
                group.append(cur)
                cur.lines.append(ln)
                continue
        if group and ln.in_table:
            min(group, key=lambda e: abs(e.col - ln.col)).lines.append(ln)
            continue
        talk = _TALK.match(text)
        if talk and talk.group("rest") and re.match(r"(?:[a-z]|" + MONTH + r")", talk.group("rest"), re.I):
            talk = None  # "1-2 March", "10-12 participants": not a talk number
        if talk and parent is not None:
            cur = Entry(
                line=ln,
                date=date,
                number=re.sub(r"\s", "", talk.group("num")).replace("–", "-"),
                session=_title_of(parent)[0],
            )
            entries.append(cur)
            if talk.group("rest"):
                ln.text = talk.group("rest")
                cur.lines.append(ln)
            continue
        if ln.parallel and (cur.lines or cur.label):
            # the next subject of a cell that lists one a line: an item of its own in the same slot
            same = cur.line.block is ln.block and cur.line.row == ln.row
            start, end = (cur.start, cur.end) if same else (None, None)
            cur = Entry(line=ln, date=date, start=start, end=end, col=ln.col)
            entries.append(cur)
            cur.lines.append(ln)
            continue
        if _break(text) and len(text) < 60 and (cur.lines or cur.label):
            # a break printed in the cell of a timed row ("Registration / Coffee break") shares its slot
            same = ln.in_table and cur.line.block is ln.block and cur.line.row == ln.row
            cur = Entry(line=ln, date=date, start=cur.start if same else None, end=cur.end if same else None)
            entries.append(cur)
            cur.lines.append(ln)
            continue
        label_phrase = _label_phrase()
        if label_phrase.fullmatch(text.strip(" :")) and (cur.lines or cur.label):
            cur = Entry(line=ln, date=date, label=text.strip(" :"))  # "Welcome Address" on a line of its own
            entries.append(cur)
            parent = cur
            continue
        phrase = label_phrase.search(text) if is_speaker_line(text) else None
        if (
            phrase
        ):  # "Mr. Yamada Kunihiro Welcome Address Vice Minister ...": a label printed beside a speaker
            cur = Entry(line=ln, date=date, label=phrase.group(0))
            entries.append(cur)
            parent = cur
            ln.text = (text[: phrase.start()].rstrip() + " " + text[phrase.end() :].lstrip()).strip()
            cur.lines.append(ln)
            continue
        label = _label_before_speaker(text) if not ln.in_table else None
        if label:
            cur = Entry(line=ln, date=date, label=label)
            entries.append(cur)
            parent = cur
            ln.text = text[len(label) :].strip()
            cur.lines.append(ln)
            continue
        cur.lines.append(ln)
    return _room_codes(_dash_speakers([item for e in entries if (item := _item(e)) is not None]))


# "Survey history and design – Martina Helme, ONS": a title, a spaced dash, person names (two to four
# capitalised words each, joined by "and" or "&"), a comma and their organisation
_DASH_TAIL = re.compile(
    r"\s+[–—-]\s+(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})*)"
    r",\s*(?P<org>[^,–—]{2,60})$"
)


_ROOM_TAIL = re.compile(r"\s+[-–—]\s+(?P<code>[A-Z]{1,4}(?:-\s?)?[A-Z]?\d{0,4})$")


def _room_codes(items: list[AgendaItem]) -> list[AgendaItem]:
    """'Coffee Break - ML-C', 'Lunch - ML-C', 'Registration - ML- C': a short room code after a dash,
    printed on three or more titles of the programme, is where the item takes place (it goes to the
    description), not part of its title."""
    codes = [m.group("code").replace(" ", "") if (m := _ROOM_TAIL.search(a.title)) else None for a in items]
    counts: dict[str, int] = {}
    for c in codes:
        if c and any(ch.isupper() for ch in c):
            counts[c] = counts.get(c, 0) + 1
    rooms = {c for c, n in counts.items() if n >= 3}
    if not rooms:
        return items
    out = []
    for a, c in zip(items, codes, strict=True):
        m = _ROOM_TAIL.search(a.title) if c in rooms else None
        if m and m.start() > 2:
            place = m.group("code")
            description = f"{place}\n{a.description}".strip() if a.description else place
            a = dataclasses.replace(a, title=a.title[: m.start()].rstrip(), description=description)
        out.append(a)
    return out


def _dash_speakers(items: list[AgendaItem]) -> list[AgendaItem]:
    """Speakers printed after a dash at the end of the titles: only where two or more titles of the
    programme end so (a pattern of the document, not a title that happens to hold a dash)."""
    tails = [_DASH_TAIL.search(it.title) for it in items]
    if sum(1 for m in tails if m) < 2:
        return items
    out = []
    for it, m in zip(items, tails, strict=True):
        if m is None or it.speakers:
            out.append(it)
            continue
        names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip()]
        org = m.group("org").strip()
        speakers = tuple(Speaker(name=n, organisation=org) for n in names)
        out.append(dataclasses.replace(it, title=it.title[: m.start()].strip(), speakers=speakers))
    return out


def _header_word(text: str) -> bool:
    """A column header in the time column ("Time", "Hours (GMT+7)"): the row heads the table."""
    flat = " ".join(text.split())
    return bool(
        _rx("header_time", r"^(?:{})s?\b\s*(?:\([^)]*\)|GMT\S*|UTC\S*|[A-Z]{{2,4}}T)?\s*$").match(flat)
    ) or bool(_rx("header_day", r"^(?:{})s?\s*$").match(flat))


def _note(text: str) -> bool:
    """A break announced inside a session's cell, with its time: "Coffee break at 15:00 – 15.15"."""
    return _break(text) and len(text) < 80 and bool(find_time_ranges(text) or parse_time(text)[0])


def _session_head(text: str) -> bool:
    return len(text) <= 120 and bool(
        _rx("session_words", r"^(?:{})\b\s*(?:\d+|[IVX]+|[A-Z]\b|\d+[a-z])").match(text)
    )


def _bold_run(lines: list[Line], i: int) -> list[int]:
    """The lines from ``i`` on that are bold short lines of one type size, three or more, each followed
    by at most two short plain lines of that size (its speakers): the parts of the slot above them.
    The run ends at a table, a time, another type size, or a longer passage of text."""
    size = lines[i].block.font_size
    heads: list[int] = []
    plain = 0
    for j in range(i, len(lines)):
        ln = lines[j]
        text = ln.text.strip()
        if ln.in_table or ln.time or ln.block.font_size != size or size is None or not text:
            break
        if ln.block.bold and len(text) <= _PART_CHARS and not _rx("closing_sections").match(text):
            heads.append(j)
            plain = 0
            continue
        plain += 1
        if plain > 2 or len(text) > 2 * _PART_CHARS or not heads:
            break
    return heads if len(heads) >= 3 else []


_PART_CHARS = 100  # a part of a slot is named in a short line; its speakers' lines run longer


def _untimed_session(ln: Line, text: str) -> bool:
    """A text line set apart (bold, or a heading) that opens with a session word and its number."""
    return (
        not ln.in_table
        and not ln.time
        and bool(ln.bold or ln.block.kind == BlockKind.HEADING)
        and ln.block.kind != BlockKind.LIST_ITEM
        and _session_head(text)
    )


def _describes(cur: Entry, ln: Line) -> bool:
    """A row whose text stands only right of the entry's title column, in a column where the entry's
    own row printed its speakers or chair ("CHAIRMAN: DR. X" / "MINISTER OF ..." on the next row):
    the rest of that describing cell, not an item."""
    first = cur.line
    if not (ln.in_table and first.in_table and first.block is ln.block and first.row is not None and ln.row):
        return False
    rows = ln.block.rows
    if first.row >= len(rows) or ln.row >= len(rows):
        return False
    own = [j for j, c in enumerate(rows[first.row]) if c.text.strip() and j > cur.col]
    mine = [j for j, c in enumerate(rows[ln.row]) if c.text.strip()]
    return bool(own and mine) and min(mine) > cur.col and min(mine) >= min(own)


_BARE_SESSION = re.compile(r"^\S+\s+(?:\d{1,2}|[IVX]{1,5}|[A-Z])\s*[:.–—-]?$")


def _bare_session(cur: Entry, ln: Line) -> bool:
    """The entry's title so far is a session word and its number alone ("SESSION IV"): the row below
    in the same column, set alike, is the session's name, cut off by a row of the chair column."""
    texts = [o.text.strip() for o in cur.lines if o.text.strip() and not o.aside and o.col == cur.col]
    return (
        len(texts) == 1
        and cur.line.block is ln.block
        and ln.col == cur.col
        and bool(_BARE_SESSION.match(texts[0]))
        and _session_head(texts[0])
    )


def _continues_title(cur: Entry, ln: Line) -> bool:
    """A bold row under a bold title row continues that title ("... by Stakeholders" / "of Disaster ...")."""
    last = cur.lines[-1]
    return (
        bool(last.bold) and last.block is ln.block and _continues_strict(last.text.strip(), ln.text.strip())
    )


def _whole_rows(block: Block) -> bool:
    """The table's rows are the author's (a word processor's table, or a cell holds several lines
    somewhere), not one printed line each, where a title wraps from row to row."""
    return block.provenance.page is None or any("\n" in c.text.strip() for row in block.rows for c in row)


def _continues_strict(prev: str, nxt: str) -> bool:
    return bool(nxt[:1].islower() or _DANGLING.search(prev) or prev.endswith((",", "&", "/")))


def _opens_column(group: list[Entry], ln: Line) -> bool:
    """``ln`` is in the row that opened the parallel sessions of ``group``, in a column none of them has."""
    return any(e.line.block is ln.block and e.line.row == ln.row for e in group) and all(
        e.col != ln.col for e in group
    )


def _afternoon(printed: str, start: str, end: str | None, last: str | None) -> tuple[str, str | None]:
    """'2:00 – 3:00' after a 12:10 row is 14:00-15:00: times without a.m./p.m. run forward within a day."""
    if re.search(r"[ap]\.?\s?m|noon", printed, re.I) or last is None or start >= last:
        return start, end
    h = int(start[:2])
    if 1 <= h <= 8 and f"{h + 12:02d}{start[2:]}" >= last:
        start = f"{h + 12:02d}{start[2:]}"
        if end and int(end[:2]) < 12 and f"{int(end[:2]) + 12:02d}{end[2:]}" >= start:
            end = f"{int(end[:2]) + 12:02d}{end[2:]}"
    return start, end


def _is_day_header_time(ln: Line) -> bool:
    """'14:00 - 18:30 (GMT+9), Tuesday, 30 March 2021': the time span of a whole day, not an item."""
    return (
        bool(find_dates(ln.time + " " + ln.text))
        and len(ln.text) < 80
        and not ln.in_table
        or (ln.in_table and bool(find_dates(ln.time)))
    )


def _closes(ln: Line, cur: Entry) -> bool:
    if ln.block.kind == BlockKind.HEADING and (ln.block.marker or _rx("closing_sections").match(ln.text)):
        return True
    if _outranks(ln, cur):
        return True
    if cur.line.in_table and not ln.in_table:
        return True
    if ln.in_table and not ln.table_timed:
        return True
    return not ln.in_table and len(ln.text) > 300


def _outranks(ln: Line, cur: Entry) -> bool:
    """A heading set well above the type of an entry that has its title already is the next section
    of the document ("Agenda" after the last line of a timetable), not a line of the entry."""
    size, own = ln.block.font_size, cur.line.block.font_size
    return (
        ln.block.kind == BlockKind.HEADING
        and not ln.in_table
        and not cur.line.in_table
        and size is not None
        and own is not None
        and size >= own + _OUTRANK
        and any(o.text.strip() for o in cur.lines)
    )


_OUTRANK = 3.0  # points: a heading this much larger than an entry's line is a section of its own


def _label_before_speaker(text: str) -> str | None:
    m = re.match(r"^(?P<label>[A-Z][\w'’ ]{2,40}?)\s+(?=(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+[A-Z])", text)
    if not m or re.search(r"\b(?:by|from|with|and|of|to|for)$", m.group("label")) or CHAIR.match(text):
        return None
    return m.group("label").strip()


def _title_of(entry: Entry) -> tuple[str, list[str]]:
    """The entry's title and the lines after it."""
    lines = [ln for ln in entry.lines if ln.text.strip() and not ln.aside]
    texts = [ln.text.strip() for ln in lines]
    asides = [ln.text.strip() for ln in entry.lines if ln.text.strip() and ln.aside]
    if entry.label:
        return entry.label.strip(" :"), texts + asides
    if not lines:
        return "", asides
    first = lines[0]
    quoted = _quoted_title(texts)
    if quoted is not None:
        return quoted[0], quoted[1] + asides
    prefix = first.bold_prefix.replace("\n", " ").strip()
    if (
        prefix
        and first.text.startswith(prefix[:5])
        and len(prefix) < len(first.text.strip())
        and _ends_title(first.text.strip(), prefix)
    ):
        rest_first = first.text.strip()[len(prefix) :].strip(" –—-")
        # a bold title wrapped over several in-cell lines is a prefix of the cell text
        return _clean_title(join_lines(first.bold_prefix)), ([rest_first] if rest_first else []) + texts[
            1:
        ] + asides
    title = [texts[0]]
    if _break(texts[0]) and len(texts[0]) < 60:
        return _clean_title(texts[0]), texts[1:] + asides
    bold_known = any(ln.bold is not None for ln in lines)
    i = 1
    while i < len(lines):
        nxt = texts[i]
        if _TALK.match(nxt) or _break(nxt) and len(nxt) < 60 or _stop(nxt) or lines[i].tail:
            break
        if lines[i].in_table and lines[i].row == first.row and lines[i].col != first.col:
            break  # the next column (speaker, venue) is not part of the title
        if lines[i].in_table and lines[i].after_gap:
            break  # a paragraph of its own in the cell: the title ends at the blank line
        if (
            lines[i].in_table
            and lines[i].row_start
            and lines[i].block is first.block
            and lines[i].row != first.row
            and not _continues_strict(title[-1], nxt)
            and not (len(title) == 1 and _BARE_SESSION.match(title[0]))  # "SESSION IV" / its name
            and not first.multi
            and _whole_rows(first.block)
        ):
            break  # a row of its own under the timed row (its time cell empty): the item's parts
        if (
            nxt.startswith(("•", "●", "▪", "◦", "*"))
            or nxt.startswith(("- ", "– "))
            and i + 1 < len(lines)
            and texts[i + 1].startswith(("- ", "– ", "•", "●"))
        ):
            break  # a list of points under the title, not its wrapped end
        if bold_known and lines[0].bold:
            if not lines[i].bold:
                break
        elif not _continues(title[-1], nxt):
            break
        title.append(nxt)
        i += 1
    rest = texts[i:]
    # a grid cell: title lines, then the speaker(s) in title case ('Jimmy Muhangi Bakesi'), unless a
    # speaker line or label already follows ('Dr. Awuor Ponge', 'Facilitated by'): then a title-case
    # last line is the title's wrapped end ('... Think Tanks in' / 'Reimagining Evaluation Practice')
    if (
        first.multi
        and len(title) > 1
        and _PERSON.match(title[-1])
        and not _DANGLING.search(title[-2])
        and not (rest and _stop(rest[0]))
    ):
        rest.insert(0, title.pop())
        while len(title) > 1 and title[-1].endswith((",", "&")) and _PERSON.match(title[-1].rstrip(" ,&")):
            rest.insert(0, title.pop())  # 'Pantaleon Shoki,' / 'Eugene Miheso Swinnerstone': two speakers
    joined = join_lines("\n".join(title))
    signed = _SIGNED.match(joined)
    if signed and _PERSON.match(signed.group("name")) and not NOT_NAME_LEAD.match(signed.group("name")):
        # "Pelagic Fish biomass in the Penobscot Estuary. Justin Stevens": a talk's title, its speaker
        rest = [signed.group("name")] + rest
        joined = signed.group("title")
    if len(title) == 1 and len(lines) == 1 and not first.bold_prefix:
        m = _TITLE_END.match(joined)
        if m and m.group("title").strip() != joined:
            head = m.group("title").strip()
            rest = [joined[len(head) :].strip()] + rest
            joined = head
    return _clean_title(joined), rest + asides


_OPEN_QUOTE = '“"”«„'
_CLOSE_QUOTE = re.compile(r"[”\"»“](?=\s|$|[,.;:])")


# "NICOL Alexis", "DE LA TOUR Jean": a surname in capitals, then the first name(s)
_SURNAME_FIRST = r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\s+){1,3}[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+)?"
_SPEAKER_THEN_QUOTE = re.compile(r"^(?P<who>" + _SURNAME_FIRST + r")\s*[.,:–-]?\s*[“\"]")
_SPEAKER_ALONE = re.compile(r"^" + _SURNAME_FIRST + r"\s*\.?$")


def _quoted_title(texts: list[str]) -> tuple[str, list[str]] | None:
    """'“Mapping Time and Space” by Professor ...': a talk's title in quotation marks opens the line;
    the title is what the marks enclose (wrapped over up to three lines), the rest describes it."""
    if len(texts) > 1 and _SPEAKER_ALONE.match(texts[0]) and texts[1].lstrip(" .,:–-")[:1] in _OPEN_QUOTE:
        texts = [texts[0] + " " + texts[1].lstrip(" .,:–-")] + texts[2:]  # the name on a line of its own
    speaker = _SPEAKER_THEN_QUOTE.match(texts[0])
    if speaker:  # "NICOL Alexis. “Les eunuques à Byzance ...”": the speaker, then the talk's title
        texts = [texts[0][speaker.end("who") :].lstrip(" .,:–-")] + texts[1:]
    if texts[0][:1] not in _OPEN_QUOTE:
        return None
    for n in range(1, min(3, len(texts)) + 1):
        joined = join_lines("\n".join(texts[:n]))
        m = _CLOSE_QUOTE.search(joined, 1)
        if m:
            title = joined[1 : m.start()].strip()
            if not title:
                return None
            tail = joined[m.end() :].strip(' ”"')
            return _clean_title(title), ([tail] if tail else []) + texts[n:]
    return None


_SIGNED = re.compile(r"^(?P<title>.{12,}?[.?!])\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3})$")

# a line that cannot end a title: the next line continues it
_DANGLING = re.compile(r"(?:[:\-–&/]|\b(?:and|or|of|by|for|the|in|on|to|a|an|with|from|at))$")


def _stop(line: str) -> bool:
    return bool(
        _rx("description_leads").match(line)
        or is_speaker_line(line)
        or _HONORIFIC_ANYWHERE.search(line)
        or "@" in line
    )


def _continues(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the wrapped rest of a title line ``prev``? Never a bulleted line."""
    if _BULLET_LEAD.match(nxt):
        return False
    if prev.endswith((":", "-", "–", ",", "&", "/")) or re.search(
        r"\b(?:and|or|of|by|for|the|in|on|to|a|an|with)$", prev
    ):
        return True
    if nxt[:1].islower() or nxt.startswith(("- ", "– ", "(")):
        return True
    if re.search(r"[.!?;]$", prev):
        return False
    return len(nxt) < 90 and not (nxt.endswith(".") and len(nxt.split()) > 8)


def _clean_title(title: str) -> str:
    title = title.strip(" –—-:;,")
    cont = _continuation_rx().match(title)
    if cont and title[cont.end() :].strip():
        title = title[cont.end() :].strip()
    if _break(title) or re.match(r"^(?:Registration|Reception|Welcome Reception)\b", title):
        m = _VENUE_TAIL.match(title)
        if m:
            title = m.group("title").strip()
    return title


def _item(e: Entry) -> AgendaItem | None:
    title, rest = _title_of(e)
    if not title and not e.number or _PLACEHOLDER.match(title):
        return None
    speakers: list[Speaker] = []
    for i, line in enumerate(rest):
        if is_speaker_line(line):
            nxt = rest[i + 1] if i + 1 < len(rest) else ""
            if _TALK.match(nxt) or is_speaker_line(nxt):
                nxt = ""
            sp = parse_speaker(line, nxt)
            if sp:
                speakers.append(sp)
    description = join_lines("\n".join(rest))
    if not speakers and description:
        speakers = inline_speakers(description)
    speakers += _column_speakers(e, speakers)
    ln = e.line
    prov = ln.block.row_provenance(ln.row).by(strategy(ln))
    return AgendaItem(
        title=title,
        provenance=prov,
        date=e.date,
        start=e.start,
        end=e.end,
        number=e.number,
        description=description,
        speakers=tuple(speakers),
        session=e.session,
    )


def strategy(ln: Line) -> str:
    """The name of the reading that made an item (``provenance.rule``)."""
    if not ln.in_table:
        return "agenda.programme.lines"
    return "agenda.programme.grid" if "grid" in ln.block.style.split() else "agenda.programme.table"


def _column_speakers(e: Entry, found: list[Speaker]) -> list[Speaker]:
    """People named in a speakers column without an honorific ("Shamiso", "Representative from X")."""
    known = {sp.name for sp in found}
    out: list[Speaker] = []
    paras: list[list[str]] = []
    for ln in e.lines:
        if ln.aside != SPEAKERS or not ln.text.strip():
            continue
        if not paras or ln.after_gap or ln.sub == 0:
            paras.append([])
        paras[-1].append(ln.text.strip().lstrip("•●▪-– ").strip())
    for para in paras:
        if any(is_speaker_line(p) for p in para):
            continue
        name = join_lines("\n".join(para))
        if name and name not in known and len(name) <= 120:
            out.append(Speaker(name=name))
    return out
