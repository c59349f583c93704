"""Timed programmes: a time column (or a leading time on each line), day headings, numbered talks.

The block stream is first flattened into ``Line``s (one per table row or per in-cell line, one per
paragraph), each with the text of its time column, so that programme tables, tables whose rows are
single printed lines, and plain "09:00 – 10:30 Opening" text lines all go through one state machine:

- a day heading ("Day 1: Tuesday 25 February", "Tuesday, 30 March 2021") sets the date;
- a timed line opens an entry (start/end from the time column);
- a label in the time column ("Welcome Address") opens an untimed entry;
- inside an entry, a talk number ("1-1", "E-2") opens a numbered talk of that session, and a
  break line ("Coffee Break– Lounge") an untimed break;
- other lines continue the current entry: title lines first, then chairs, speakers, description.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..models import AgendaItem, Block, BlockKind, Cell, Speaker
from ..textutil import join_lines
from .agenda_speakers import CHAIR, inline_speakers, is_speaker_line, parse_speaker
from .dates import find_dates, find_time_ranges, parse_day_month, parse_time, parse_time_range

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_DAY_HEADING = re.compile(
    r"^\s*(?:Day\s*(?:\d+|One|Two|Three|Four|Five|Six|Seven)\b|"
    + WEEKDAY
    + r",?\s+(?:\d{1,2}|[A-Z][a-z]+\s+\d)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*[:.]\d)(?:,?\s*\d{4})?\s*(?:[-–—]\s*Day\s*\d+)?)",
    re.I,
)
_TALK = re.compile(r"^(?P<num>(?:[A-Z]|\d{1,2})\s?[-‐–]\s?\d{1,2}[a-z]?)(?:[.:)]?\s+(?P<rest>\S.*))?$")
_BREAK = re.compile(
    r"^(?:(?:Coffee|Tea|Health|Networking|Comfort|Short)\s*(?:/\s*\w+\s*)?Break|Break|Lunch(?:\s*Break)?|"
    r"Dinner|Refreshments?)\b",
    re.I,
)
_VENUE_TAIL = re.compile(r"^(?P<title>.{3,60}?)\s*[–—-]\s*(?P<venue>[A-Z][\w.'’ ]{1,40})$")
_STOP_LEAD = re.compile(
    r"^(?:hosted by|organi[sz]ed by|moderated by|chaired by|facilitated by|presented by|venue\b|special exhibition|"
    r"this session|the session|secretariat will|participants will|the meeting will|the workshop will|"
    r"opening remarks|welcome remarks|introduction of|remarks by|keynote by|moderator|chair\b|co-chair|"
    r"objectives?\s*:|background\s*:|format\s*:|expected outcome)",
    re.I,
)
_LABEL_PHRASE = re.compile(
    r"\b(?:Welcome|Opening|Closing|Keynote|Introductory|Inaugural|Special|Concluding)\s+"
    r"(?:Address|Remarks|Speech|Statement|Lecture)s?\b"
)
_PERSON = re.compile(
    r"^(?:(?:Mr|Ms|Mrs|Dr|Prof|Eng|Hon)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'’-]+){1,3}"
    r"(?:\s*[,&]\s*(?:[A-Z][a-z'’-]+\s*){2,4})*$"
)
_PLACEHOLDER = re.compile(r"^(?:N/?A|TBA|-+|–)$", re.I)
_SLOT = re.compile(r"[·|•]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*[–—-]\s*\d")
_VENUE = re.compile(r"\b(?:Room|Hall|Auditorium|Lounge|Venue|Foyer|Lobby|Online|Virtual|Zoom|Webex)\b", re.I)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
_HEADER_WORD = re.compile(
    r"^(?:Time|Times|Date|Day|Hours?|Session|Venue|Room|Programme|Program|Activity|Item|Agenda|"
    r"Topic|Schedule|Timing|Duration|Horaire|Heure)s?\b\s*(?:\([^)]*\)|GMT\S*|UTC\S*|[A-Z]{2,4}T)?\s*$",
    re.I,
)
_NOT_LABEL = re.compile(
    r"^(?:Co-?)?(?:Chair(?:person)?|Moderator|Facilitator|Rapporteur|Speaker|Panell?ist|Presenter|"
    r"Venue|Room|Language|Notes?|Remarks|Format|Participants?|Contact)s?\s*:?$",
    re.I,
)
_SECTION = re.compile(
    r"^(?:Annex|Appendix|Background|Objectives?|Contacts?|Notes?|Registration information|"
    r"Logistics|Venue|Participants)\b",
    re.I,
)
_HONORIFIC_ANYWHERE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s?[A-Z][a-z]")
_TITLE_END = re.compile(
    r"^(?P<title>(?:Session\s+\d+\s*:\s*)?.+?)(?:\s+(?=(?:Opening remarks|Introduction of|Welcome|"
    r"Secretariat will|This session|The session|Moderator|Chair|Keynote by|Remarks by)\b)|$)"
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
    """(start, end, the printed time, the rest) for a time at the very start of ``text``."""
    text = text.strip()
    start, end, m = parse_time_range(text)
    if start and m is not None and m.start() == 0:
        return start, end, m.group(0), _after_time(text[m.end() :])
    t, m1 = parse_time(text)
    if t and m1 is not None and m1.start() == 0:
        token = m1.group(0).rstrip()
        if strict and not re.search(r"[:h]|[ap]\.?\s?m|noon", token, re.I):
            return None, None, "", text
        rest = text[len(token) :]
        if rest and not rest[:1].isspace() and rest[:1] not in "–—-,;":
            return None, None, "", text
        return t, None, token, _after_time(rest)
    return None, None, "", text


_ZONE = re.compile(
    r"^(?:(?i:hrs?\.?|hours|h\b)|\(?\s*(?:GMT|UTC|CET|CEST|EST|EDT|ICT|KST|JST|IST|EAT|WAT|[A-Z]{1,3}T)"
    r"(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\s*\)?)(?=\s|$|[,;:)])"
)


def _after_time(rest: str) -> str:
    """What follows a printed time, without 'hrs' or a time zone: '(GMT+9) Opening' -> 'Opening'."""
    rest = rest.strip(" ,;–—-")
    m = _ZONE.match(rest)
    while m and m.group(0):
        rest = rest[m.end() :].strip(" ,;–—-")
        m = _ZONE.match(rest)
    return rest


def day_heading(text: str, year: int | None) -> tuple[bool, str | None]:
    """('Day 1: Tuesday 25 February' -> True, '2020-02-25'); ('Day 1: Seminar', -> True, None)."""
    text = text.strip()
    if len(text) > 100 or not _DAY_HEADING.match(text):
        full = find_dates(text)
        if full and len(text) < 60 and full[0].pos < 20 and re.search(WEEKDAY, text, re.I):
            return True, full[0].start
        return False, None
    full = find_dates(text)
    if full:
        return True, full[0].start
    return True, parse_day_month(text, year) if year else None


def flatten(blocks: tuple[Block, ...]) -> list[Line]:
    lines: list[Line] = []
    for block in blocks:
        if block.kind == BlockKind.TABLE:
            lines.extend(_table_lines(block))
        else:
            text = block.text.strip()
            if not text:
                continue
            if block.kind == BlockKind.LIST_ITEM and block.marker in ("-", "–", "—"):
                text = "- " + text  # a dash-led continuation: "authorities / - Geocell Reinforcement"
            start, _, token, rest = split_time(text, strict=True)
            if not start:
                start, token, rest = _inner_time(text)
            time = token if start else ""
            lines.append(Line(time=time, text=rest if time else text, block=block, bold=block.bold or None))
    out: list[Line] = []
    for ln in lines:
        out.extend(_slot_label(ln) if not ln.time else [ln])
    return out


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
    ln.time, ln.text, ln.slot = m.group(0), title, True
    if not tail:
        return [ln]
    return [
        ln,
        Line(
            time="",
            text=tail,
            block=ln.block,
            row=ln.row,
            bold=ln.bold,
            in_table=ln.in_table,
            table_timed=ln.table_timed,
            col=ln.col,
            tail=True,
        ),
    ]


def _inner_time(text: str) -> tuple[str | None, str, str]:
    """'Keynote Lecture: 10:10–10:50 The Utilization ...': a lead label printed before the time."""
    m = re.match(r"^(?P<pre>[^\d:]{3,40}:)\s+", text)
    if not m:
        return None, "", text
    start, _, token, rest = split_time(text[m.end() :], strict=True)
    if not start or not rest:
        return None, "", text
    return start, token, m.group("pre") + " " + rest


def _table_lines(block: Block) -> list[Line]:
    out: list[Line] = []
    timed = any(_row_time(row)[0] or any(_SLOT.search(c.text) for c in row) for row in block.rows)
    has_bold = _any_bold(block)  # once per table: per cell it made big tables quadratic
    for i, row in enumerate(block.rows):
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        while len(cells) > 2 and _is_day_cell(cells[0].text) and leading_time(cells[1].text, strict=False)[0]:
            # "Monday 3 June | 09:00–10:00 | Opening": the day column comes before the time column
            out.append(
                Line(
                    time="",
                    text=cells[0].text.replace("\n", " ").strip(),
                    block=block,
                    row=i,
                    in_table=True,
                    table_timed=timed,
                )
            )
            cells = cells[1:]
        time_cell, body = None, cells
        t0 = cells[0].text.strip()
        if len(cells) > 1 and (
            leading_time(t0, strict=False)[0]
            and not leading_time(t0, strict=False)[2]
            or (timed and row and row[0].text.strip() and len(t0) <= 40 and "\n" not in t0)
        ):
            time_cell, body = cells[0], cells[1:]
        time = time_cell.text.replace("\n", " ").strip() if time_cell else ""
        first = True
        multi = sum(_title_like(c.text) for c in body) > 1
        for cell in body:
            col = next(k for k, c in enumerate(row) if c is cell)
            for text, bold in _cell_lines(cell, has_bold):
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
                    )
                )
                first = False
        if not body:
            out.append(Line(time=time, text="", block=block, row=i, in_table=True, table_timed=timed))
    return out


def _is_day_cell(text: str) -> bool:
    text = text.replace("\n", " ").strip()
    return len(text) < 50 and (day_heading(text, 2000)[0] or bool(find_dates(text)))


def _title_like(text: str) -> bool:
    """A cell that reads as a session title (parallel sessions side by side), not a speaker or venue."""
    first = text.strip().split("\n")[0].strip()
    if len(first) < 20 or _stop(first) or _PERSON.match(first):
        return False
    return not (len(first) < 40 and _VENUE.search(first))


def _cell_lines(cell: Cell, table_has_bold: bool) -> list[tuple[str, bool | None]]:
    """The cell's lines with their weight; a bold lead wrapped over several lines becomes one line."""
    text = cell.text.strip()
    prefix = cell.bold_prefix.strip()
    if prefix and not cell.bold and text.startswith(prefix) and len(prefix) < len(text):
        rest = text[len(prefix) :].strip(" \n–—-")
        return [(join_lines(prefix), True)] + [(ln.strip(), False) for ln in rest.split("\n") if ln.strip()]
    bold: bool | None = True if cell.bold else (False if table_has_bold else None)
    return [(ln.strip(), bold) for ln in text.split("\n") if ln.strip()]


def _any_bold(block: Block) -> bool:
    return any(c.bold or c.bold_prefix for row in block.rows for c in row)


def _row_time(row) -> tuple[str | None, str | None]:
    for c in row:
        if c.text.strip():
            start, end, _ = leading_time(c.text.replace("\n", " "), strict=False)
            return start, end
    return None, None


def find_programme(blocks: tuple[Block, ...], year: int | None, default_date: str | None) -> list[AgendaItem]:
    lines = flatten(blocks)
    timed = [
        ln
        for ln in lines
        if ln.time and leading_time(ln.time, strict=not ln.in_table)[0] and not _is_day_header_time(ln)
    ]
    # programme times fall on five-minute marks; "1.25–1.50" in a table of ratios does not make a programme
    on_mark = [ln for ln in timed if int(leading_time(ln.time, strict=not ln.in_table)[0][3:]) % 5 == 0]
    if len(timed) < 2 or len(on_mark) < 0.8 * len(timed):
        return []
    entries: list[Entry] = []
    date = default_date
    cur: Entry | None = None
    parent: Entry | None = None  # the session that numbered talks belong to
    group: list[Entry] = []  # parallel sessions of one timed row, one per column
    last_start: str | None = None
    header: tuple[int, int | None] | None = None
    orphans: list[Line] = []  # lines read while no entry was open
    for ln in lines:
        text = ln.text.strip()
        if ln.time and _is_day_header_time(ln):
            d = find_dates(ln.time + " " + text)
            date = d[0].start if d else date
            cur, group, last_start = None, [], None
            continue
        if not ln.time or not leading_time(ln.time, strict=not ln.in_table)[0]:
            head = (ln.time + " " + text).strip()
            is_day, d = day_heading(head, year)
            if is_day and (ln.in_table or len(head) < 80):
                new = d or (None if re.match(r"\s*Day\s*\d", head, re.I) and not d else date)
                if new != date or not re.search(r"continu|cont'd", head, re.I):
                    last_start = None
                date = new
                cur, parent, group, orphans = None, None, [], []
                continue
            if ln.time and _HEADER_WORD.match(ln.time):  # a column header row: "Time | Room 1 | Room 2"
                header = (id(ln.block), ln.row)
                continue
        if header is not None and not (ln.time and leading_time(ln.time, strict=not ln.in_table)[0]):
            if header[0] == id(ln.block) and ln.in_table:
                continue  # the header row and the room/strand/chair rows under it describe columns
        header = None
        if ln.time:
            start, end, rest = leading_time(ln.time, strict=not ln.in_table)
            if start:
                start, end = _afternoon(ln.time, start, end, last_start)
                last_start = start
                cur = Entry(line=ln, start=start, end=end, date=date, col=ln.col)
                if rest and not text:
                    ln.text = rest
                elif rest:
                    cur.label = rest
                entries.append(cur)
                parent = cur
                group = [cur] if ln.multi else []
                if text:
                    cur.lines.append(ln)
                elif not rest and ln.in_table:
                    # a time cell centred on a row of its own, below the row it belongs to
                    above = [o for o in orphans if o.block is ln.block and o.row == (ln.row or 0) - 1]
                    cur.lines.extend(above)
                orphans = []
                continue
            if ln.in_table and ln.table_timed and not _NOT_LABEL.match(ln.time):  # a label: "Welcome Address"
                cur = Entry(line=ln, date=date, label=ln.time)
                entries.append(cur)
                parent, group = cur, []
                if text:
                    cur.lines.append(ln)
                continue
        if cur is None:
            if text:
                orphans.append(ln)
            continue
        if _closes(ln, cur):
            cur, group = None, []
            continue
        if not text or re.fullmatch(r"(?:Continuation|Continued|\(?cont(?:inue)?['’]?d\.?\)?)", text, re.I):
            if text and ln.multi and ln.in_table and _opens_column(group, ln):
                # 'Continuation' heading a cell of a row whose other cells opened sessions: the cell's
                # session (its title on the lines below) gets an entry of its own, so that its lines do
                # not fall to the nearest column
                cur = Entry(line=ln, start=group[0].start, end=group[0].end, date=date, col=ln.col)
                entries.append(cur)
                group.append(cur)
            continue
        spawn = cur.line.slot and cur.line.row != ln.row and not _BREAK.match(cur.line.text)
        if ln.multi and (group or spawn) and ln.in_table:
            same_row = [e for e in group if e.line.block is ln.block and e.line.row == ln.row]
            if not group or (same_row and all(e.col != ln.col for e in same_row)):
                if not group and cur.line.slot:  # the columns under a slot label: one session each
                    cur = Entry(line=ln, start=cur.start, end=cur.end, date=date, col=ln.col)
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
        if talk and talk.group("rest") and re.match(r"(?:[a-z]|" + _MONTHS + r")", talk.group("rest")):
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
        if _BREAK.match(text) and len(text) < 60 and (cur.lines or cur.label):
            cur = Entry(line=ln, date=date)
            entries.append(cur)
            cur.lines.append(ln)
            continue
        if _LABEL_PHRASE.fullmatch(text.strip(" :")) and (cur.lines or cur.label):
            cur = Entry(line=ln, date=date, label=text.strip(" :"))  # "Welcome Address" on a line of its own
            entries.append(cur)
            parent = cur
            continue
        phrase = _LABEL_PHRASE.search(text) if is_speaker_line(text) else None
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
    return [item for e in entries if (item := _item(e)) is not None]


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
    if ln.block.kind == BlockKind.HEADING and (ln.block.marker or _SECTION.match(ln.text)):
        return True
    if cur.line.in_table and not ln.in_table:
        return True
    if ln.in_table and not ln.table_timed:
        return True
    return not ln.in_table and len(ln.text) > 300


def _label_before_speaker(text: str) -> str | None:
    m = re.match(r"^(?P<label>[A-Z][\w'’ ]{2,40}?)\s+(?=(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+[A-Z])", text)
    if not m or re.search(r"\b(?:by|from|with|and|of|to|for)$", m.group("label")) or CHAIR.match(text):
        return None
    return m.group("label").strip()


def _title_of(entry: Entry) -> tuple[str, list[str]]:
    """The entry's title and the lines after it."""
    lines = [ln for ln in entry.lines if ln.text.strip()]
    texts = [ln.text.strip() for ln in lines]
    if entry.label:
        return entry.label.strip(" :"), texts
    if not lines:
        return "", []
    first = lines[0]
    prefix = first.bold_prefix.replace("\n", " ").strip()
    if prefix and first.text.startswith(prefix[:5]) and len(prefix) < len(first.text.strip()):
        rest_first = first.text.strip()[len(prefix) :].strip(" –—-")
        # a bold title wrapped over several in-cell lines is a prefix of the cell text
        return _clean_title(join_lines(first.bold_prefix)), ([rest_first] if rest_first else []) + texts[1:]
    title = [texts[0]]
    if _BREAK.match(texts[0]) and len(texts[0]) < 60:
        return _clean_title(texts[0]), texts[1:]
    bold_known = any(ln.bold is not None for ln in lines)
    i = 1
    while i < len(lines):
        nxt = texts[i]
        if _TALK.match(nxt) or _BREAK.match(nxt) and len(nxt) < 60 or _stop(nxt) or lines[i].tail:
            break
        if lines[i].in_table and lines[i].row == first.row and lines[i].col != first.col:
            break  # the next column (speaker, venue) is not part of the title
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
    if len(title) == 1 and len(lines) == 1 and not first.bold_prefix:
        m = _TITLE_END.match(joined)
        if m and m.group("title").strip() != joined:
            head = m.group("title").strip()
            rest = [joined[len(head) :].strip()] + rest
            joined = head
    return _clean_title(joined), rest


# a line that cannot end a title: the next line continues it
_DANGLING = re.compile(r"(?:[:\-–&/]|\b(?:and|or|of|by|for|the|in|on|to|a|an|with|from|at))$")


def _stop(line: str) -> bool:
    return bool(
        _STOP_LEAD.match(line) or is_speaker_line(line) or _HONORIFIC_ANYWHERE.search(line) or "@" in line
    )


def _continues(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the wrapped rest of a title line ``prev``?"""
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
    cont = re.match(r"^(?:Continuation|Continued)(?:\s+(?:of|from)\s+Day\s*\d+)?\b", title)
    if cont and title[cont.end() :].strip():
        title = title[cont.end() :].strip()
    if _BREAK.match(title) or re.match(r"^(?:Registration|Reception|Welcome Reception)\b", title):
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
    ln = e.line
    prov = dataclasses.replace(ln.block.provenance, row=ln.row)
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
