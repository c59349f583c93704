"""Week grids: programme tables whose columns are days and whose rows are time slots.

A header row names the days, one per column ("Monday | January 20th", "Tuesday 21 May",
"Day 2 – 14.06"); the first column holds the rows' times ("9:00 – 10:00", or one time, which the
next row's time ends). Each other cell holds the sessions of that day in that slot, one paragraph
each (a blank line between them); a session whose slot differs from its row's prints its own range
as its first line ("11:00 – 12:30"). A PDF page laid out as such a grid comes here as a table
(``extract.pdf_week_grid``); a Word table of the same shape comes as it is.

- a session is a box of lines: a lecture title and often a speaker, whose name stands on the first
  or the last line (``is_person_name``); the other lines are the title;
- a break ("Lunch", "Morning Tea": the ``[agenda] breaks`` words, led by a ``parts_of_day`` word or
  not) is often printed once across several day columns, and belongs to every day that is free at
  its time and has sessions before and after it (a holiday, or a day whose afternoon is free,
  does not break for tea); a cell merged across days (``colspan``) belongs to each of them;
- days without a printed date take theirs from a dated neighbour (by weekday or column), or from
  the document's date.

Records carry ``provenance.rule`` "agenda.programme.week_grid".
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass

from ..models import AgendaItem, Block, BlockKind, Speaker
from ..textutil import join_lines
from . import vocab
from .agenda_speakers import is_person_name, parse_speaker
from .dates import WEEKDAY, Day, add_days, day_heading, lead_time

RULE = "agenda.programme.week_grid"
MIN_DAYS = 2  # a header row names at least this many days
MIN_SLOTS = 2  # a week grid has at least this many timed rows
_WEEKDAY = re.compile(r"\b" + WEEKDAY, re.I)
_DAY_HINT = re.compile(r"\d|\b" + WEEKDAY, re.I)
# the first letters of the weekday names the date grammar reads (English, French, Spanish), Monday = 0
_WEEKDAY_INDEX = {
    **dict.fromkeys(("mon", "lun"), 0),
    **dict.fromkeys(("tue", "mar"), 1),
    **dict.fromkeys(("wed", "mer", "mie", "mié"), 2),
    **dict.fromkeys(("thu", "jeu", "jue"), 3),
    **dict.fromkeys(("fri", "ven", "vie"), 4),
    **dict.fromkeys(("sat", "sam", "sab", "sáb"), 5),
    **dict.fromkeys(("sun", "dim", "dom"), 6),
}


@dataclass(slots=True)
class _Session:
    column: int
    start: str | None
    end: str | None
    lines: list[str]


def find_week_grids(
    blocks: tuple[Block, ...], year: int | None, default_date: str | None
) -> list[AgendaItem]:
    """Agenda items of every week grid among the blocks, day by day and in time order."""
    items: list[AgendaItem] = []
    for block in blocks:
        if block.kind is BlockKind.TABLE and block.rows:
            items.extend(_read(block, year, default_date))
    return items


def _expanded(block: Block) -> list[list[str]]:
    """The table's rows as texts by grid column: a cell merged across columns stands in each."""
    out = []
    for row in block.rows:
        texts: list[str] = []
        for cell in row:
            texts.extend([cell.text.strip()] * max(cell.colspan, 1))
        out.append(texts)
    return out


def _header(row: list[str], year: int | None) -> dict[int, Day] | None:
    """The days a header row names by column, or None for another row. A day merged across
    columns (rooms of one day) names each of them, but counts once."""
    named = {j: text for j, text in enumerate(row) if j and text}
    if len({t for t in named.values() if _DAY_HINT.search(t)}) < MIN_DAYS:
        return None  # cheap test first: each day names a weekday or has a number
    if lead_time(row[0], cell=True) is not None:
        return None
    days = {j: d for j, text in named.items() if (d := day_heading(text, year, cell=True)) is not None}
    if len(days) < len(named) or not different_days(
        [days[j] for j in sorted(days)], [named[j] for j in sorted(days)]
    ):
        return None
    return days


def different_days(days: list[Day], texts: list[str]) -> bool:
    """The header cells name at least ``MIN_DAYS`` different days, each the same way ("Monday 20
    May", "Tuesday 21 May", "Wednesday": by weekday, or by number, with or without a date) and each
    opening with it or naming a weekday: not a day's number in one
    cell and its date in the next ("DAY 1 | May 4, 2026"). Equal texts (a day merged across
    columns) count once."""
    seen: dict[str, Day] = dict(zip(texts, days, strict=True))
    if len(seen) < MIN_DAYS or any(d.pos > 0 and not d.weekday for d in seen.values()):
        return False  # "Lecture 1.9" holds a date-like number, but does not open with a day
    kinds = {(d.ordinal is not None, d.weekday) for d in seen.values()}  # a date may be left out
    dates = [d.date for d in seen.values() if d.date]
    ordinals = [d.ordinal for d in seen.values() if d.ordinal is not None]
    return len(kinds) == 1 and len(set(dates)) == len(dates) and len(set(ordinals)) == len(ordinals)


def _read(block: Block, year: int | None, default_date: str | None) -> list[AgendaItem]:
    rows = _expanded(block)
    items: list[AgendaItem] = []
    days: dict[int, Day] | None = None
    heads: list[str] = []
    slots: list[tuple[str, str | None, list[str]]] = []
    for row in [*rows, None]:
        head = _header(row, year) if row is not None else None
        if row is None or head is not None:
            if days is not None and len(slots) >= MIN_SLOTS:
                items.extend(_section(block, days, heads, slots, default_date))
            if row is not None:
                days, heads, slots = head, row, []
            continue
        if days is None:
            continue
        t = lead_time(row[0], cell=True)
        if t is not None:
            slots.append((t.start, t.end, row))
    return items


def _section(
    block: Block,
    days: dict[int, Day],
    heads: list[str],
    slots: list[tuple[str, str | None, list[str]]],
    default_date: str | None,
) -> list[AgendaItem]:
    dates = _dates(days, heads, default_date)
    sessions: list[_Session] = []
    for k, (start, end, row) in enumerate(slots):
        if end is None and k + 1 < len(slots):
            end = slots[k + 1][0]
        for j in days:
            text = row[j] if j < len(row) else ""
            for para in re.split(r"\n\s*\n", text):
                lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
                if not lines:
                    continue
                own = lead_time(lines[0], cell=True)
                if own is not None and own.end and not lines[0][own.stop :].strip():
                    sessions.append(_Session(j, own.start, own.end, lines[1:]))
                else:
                    sessions.append(_Session(j, start, end, lines))
    sessions = [s for s in sessions if s.lines]
    sessions += _spread_breaks(sessions, list(days))
    sessions.sort(key=lambda s: (s.column, s.start or "", s.end or ""))
    out = []
    for s in sessions:
        title, speakers = _title_and_speakers(s.lines)
        if not title:
            continue
        prov = block.provenance.by(RULE)
        out.append(
            AgendaItem(
                title=title,
                provenance=prov,
                date=dates.get(s.column),
                start=s.start,
                end=s.end,
                speakers=speakers,
            )
        )
    return out


def _break_rx() -> re.Pattern[str]:
    v = vocab.current()
    return re.compile(
        r"^(?:(?:"
        + v.pattern("agenda", "parts_of_day")
        + r")\s+)?(?:"
        + v.pattern("agenda", "breaks")
        + r")s?$",
        re.I,
    )


def _spread_breaks(sessions: list[_Session], columns: list[int]) -> list[_Session]:
    """Copies of each break printed once for the other days it applies to: days free at its time
    that have sessions before and after it."""
    rx = _break_rx()
    copies: list[_Session] = []
    for brk in sessions:
        if brk.start is None or brk.end is None or not rx.match(" ".join(brk.lines)):
            continue
        for j in columns:
            if j == brk.column:
                continue
            mine = [s for s in [*sessions, *copies] if s.column == j and s.start]
            busy = any(s.start < brk.end and (s.end or s.start) > brk.start for s in mine)  # type: ignore[operator]
            before = any(s.start < brk.start for s in mine)  # type: ignore[operator]
            after = any(s.start >= brk.end for s in mine)  # type: ignore[operator]
            if not busy and before and after:
                copies.append(dataclasses.replace(brk, column=j))
    return copies


def _title_and_speakers(lines: list[str]) -> tuple[str, tuple[Speaker, ...]]:
    """A box's title and speaker: a name on its first or last line (not on every line)."""
    names = [is_person_name(ln) for ln in lines]
    speaker_lines: list[str] = []
    if len(lines) > 1 and not all(names):
        if names[0]:
            speaker_lines, lines = lines[:1], lines[1:]
        elif names[-1]:
            speaker_lines, lines = lines[-1:], lines[:-1]
    speakers = tuple(parse_speaker(ln) or Speaker(name=ln) for ln in speaker_lines)
    return join_lines("\n".join(lines)).strip(), speakers


def _weekday(text: str) -> int | None:
    m = _WEEKDAY.search(text)
    return _WEEKDAY_INDEX.get(m.group(0)[:3].lower()) if m else None


def _dates(days: dict[int, Day], heads: list[str], default_date: str | None) -> dict[int, str | None]:
    """Each day column's date: printed, or counted from a dated column (by weekday where both
    name one, else one day a column), or from the document's date for the first column."""
    cols = sorted(days)
    dates: dict[int, str | None] = {j: days[j].in_month(default_date) for j in cols}
    anchor = next((j for j in cols if dates[j]), None)
    if anchor is None and default_date and len(default_date) == 10:
        first = cols[0]
        wd = _weekday(heads[first])
        date = default_date
        if wd is not None:
            shift = (wd - _dt.date.fromisoformat(default_date).weekday()) % 7
            date = add_days(default_date, shift) or default_date
        elif ordinal := days[first].ordinal:
            date = add_days(default_date, ordinal - 1) or default_date
        dates[first], anchor = date, first
    if anchor is None:
        return dates
    base = dates[anchor]
    assert base is not None
    for j in cols:
        if dates[j]:
            continue
        wd, wa = _weekday(heads[j]), _weekday(heads[anchor])
        if wd is not None and wa is not None:
            shift = (wd - wa) % 7 if j > anchor else -((wa - wd) % 7)
        elif days[j].ordinal and days[anchor].ordinal:
            shift = days[j].ordinal - days[anchor].ordinal  # type: ignore[operator]
        else:
            shift = cols.index(j) - cols.index(anchor)
        dates[j] = add_days(base, shift)
    return dates
