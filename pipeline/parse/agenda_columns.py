"""What each column of a programme table holds: time, duration, day, number, title, speakers, venue, notes.

A column's role is read from its header cell where the table has a header row (the ``[agenda]
header_*`` vocabulary: "Time (CEST)", "ACTIVITY", "INTERVENORS", "Where"), and from what its cells
hold (the grammar of ``dates``: times, durations, days; short item numbers). Content wins where
it is unambiguous: a column of times is the time column whatever its header says, and a column
headed "Item" that holds numbers is the number column.

Columns whose role stays open are title columns. Several of them side by side are parallel
sessions only when their headers name places or tracks ("Board Room 1 | Muyenga 1"), or, without
a header, when their cells read alike; a column headed by a role word (speakers, venue, notes) is
never a session of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Cell
from . import vocab
from .dates import day_heading, is_duration, lead_time

TIME, END, DURATION, DAY, NUMBER, TITLE, SPEAKERS, VENUE, NOTES = (
    "time",
    "end",
    "duration",
    "day",
    "number",
    "title",
    "speakers",
    "venue",
    "notes",
)
ASIDE = frozenset({SPEAKERS, VENUE, NOTES, DURATION})  # roles whose text describes the row's item
_HEADER_ROLES = (
    ("header_time", TIME),
    ("header_end", END),
    ("header_day", DAY),
    ("header_number", NUMBER),
    ("header_duration", DURATION),
    ("header_speakers", SPEAKERS),
    ("header_venue", VENUE),
    ("header_notes", NOTES),
    ("header_title", TITLE),
)
_BULLET = re.compile(r"^[•●○◦▪■►▶➢➤\ue000-\uf8ff]")  # a bullet glyph (symbol fonts: private use)
_NUMBER = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2}){0,2}|[a-zA-Z]|[ivxIVX]{1,4})[.):]?$")


@dataclass(frozen=True, slots=True)
class Columns:
    """``roles[j]`` is column j's role ("" when it is empty or open: a title column); ``header``
    is how many rows at the top are column headers, ``header_rows`` every other row that repeats
    the column headers (under a band at the top, under each session band); ``tracks`` says the
    title columns are parallel sessions named by the header."""

    roles: tuple[str, ...]
    header: int = 0
    tracks: bool = False
    header_rows: frozenset[int] = frozenset()

    def role(self, j: int) -> str:
        return self.roles[j] if 0 <= j < len(self.roles) else ""


def header_role(text: str) -> str | None:
    """The role a header cell names ("Time (CEST)" -> time), or None when it names none."""
    flat = " ".join(text.split()).strip(" :*")
    if not flat or len(flat) > 40:
        return None
    v = vocab.current()
    parts = [flat, *(p.strip() for p in re.split(r"\s*/\s*", flat) if p.strip())]
    for part in parts:  # "Speakers/Facilitators", "Country/Organisation": each part names the role
        for key, role in _HEADER_ROLES:
            rx = v.regex(
                "agenda", key, r"^(?:{})s?(?:\s*[(\[].*[)\]]|\s+(?:GMT|UTC|CES?T|[A-Z]{{2,4}}T)\S*)?$"
            )
            if rx.match(part):
                return role
    return None


def _cell_text(cell: Cell) -> str:
    return cell.text.strip()


# a session's number printed above its time in the time cell: "I", "IV", "3", "B2"
SESSION_MARK = re.compile(r"[IVXLC]{1,5}|\d{1,2}[a-z]?|[A-Z]\d{0,2}")


def is_time_cell(text: str) -> bool:
    """The cell's first line (or two, for a range wrapped after its dash) is a time and nothing more,
    or a time followed by a duration or a place on lines of their own."""
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if not lines:
        return False
    if len(lines) > 1 and SESSION_MARK.fullmatch(lines[0]):
        lines = lines[1:]  # "II" / "9:50 a.m. -" / "10:35 a.m.": the session's number above its time
    head = lines[0]
    if head.endswith(tuple("-–—")) and len(lines) > 1:
        head = head + " " + lines[1]
    t = lead_time(head, cell=True)
    if t is None:
        return False
    rest = head[t.stop :].strip(" ,;()")
    return not rest or bool(re.match(r"^(?:hrs?\.?|hours|h|[A-Z]{2,4}T|GMT\S*|UTC\S*)$", rest, re.I))


def infer(rows: Sequence[Sequence[Cell]], year: int | None = None) -> Columns:
    """Roles of the columns of a table (see the module's description)."""
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return Columns(())
    header, header_roles, header_rows = _header(rows, width)
    body = [r for i, r in enumerate(rows) if i >= header and i not in header_rows]
    roles: list[str] = [""] * width
    filled = [0] * width
    for j in range(width):
        texts = [_cell_text(r[j]) for r in body if j < len(r) and _cell_text(r[j])]
        filled[j] = len(texts)
        if not texts:
            roles[j] = header_roles[j] or ""
            continue
        n = len(texts)
        times = sum(1 for t in texts if is_time_cell(t))
        durations = sum(1 for t in texts if is_duration(t))
        days = sum(1 for t in texts if day_heading(t, year or 2000, cell=True))
        numbers = sum(1 for t in texts if _NUMBER.match(t))
        said = header_roles[j]
        if (
            times >= max(2, 0.6 * n)
            or (said == TIME and times >= 0.4 * n)
            or _times_of_labelled_rows(body, j)
        ):
            roles[j] = TIME
        elif durations >= max(2, 0.7 * n) or (said == DURATION and durations >= 0.5 * n):
            roles[j] = DURATION
        elif days >= max(1, 0.7 * n) and (said in (DAY, None) or days == n):
            roles[j] = DAY
        elif numbers >= max(2, 0.7 * n) and said in (NUMBER, None):
            roles[j] = NUMBER
        elif said in (SPEAKERS, VENUE, NOTES, TITLE, DAY, DURATION, END):
            roles[j] = said
        elif said is None and sum(1 for t in texts if _BULLET.match(t)) >= max(2, 0.6 * n):
            roles[j] = NOTES  # bulleted points under the titles of another column: their description
        elif said is None and count_venues(texts) >= max(2, 0.6 * n):
            roles[j] = VENUE  # short cells naming places ("Engineering Faculty - Auditorium")
    _start_end_duration(roles, body)
    titles = [j for j in range(width) if roles[j] in ("", TITLE) and filled[j]]
    tracks = False
    if header and len(titles) > 1:
        # title columns headed by names that are not role words (rooms, strands) are parallel sessions
        named = [j for j in titles if header_roles[j] is None and _header_text(rows, header, j)]
        tracks = len(named) >= 2
        if not tracks and any(roles[j] == TITLE for j in titles):
            # one column is headed as the title: the other open columns describe it
            for j in titles:
                if roles[j] == "" and _header_text(rows, header, j):
                    roles[j] = NOTES
    return Columns(tuple(roles), header, tracks, frozenset(header_rows))


def _times_of_labelled_rows(body: Sequence[Sequence[Cell]], j: int) -> bool:
    """'Inauguration : | 10.30 am - 11.00 am' with the speakers on the rows below in the same column:
    column ``j`` holds a time on (nearly) every row that names something left of it, and only there."""
    rows = [r for r in body if j < len(r)]
    named = [any(_cell_text(c) for c in r[:j]) for r in rows]
    timed = [is_time_cell(_cell_text(r[j])) for r in rows]
    with_time = sum(t for t, n in zip(timed, named, strict=True) if n)
    if with_time < 3 or with_time < 0.8 * sum(named):
        return False
    return not any(t and not n for t, n in zip(timed, named, strict=True))


def clock_minutes(text: str) -> int | None:
    """Minutes after midnight of a cell holding one clock time ("09:30" -> 570); None otherwise."""
    t = lead_time(text.strip(), cell=True)
    if t is None or t.start is None or t.end is not None:
        return None
    h, m = t.start.split(":")
    return int(h) * 60 + int(m)


def _start_end_duration(roles: list[str], body: Sequence[Sequence[Cell]]) -> None:
    """Several columns of times ("Start | End | Duration"): a column whose times come after the
    first time column's in the same rows is the end column, and one that holds the difference of
    the two ("00:20" between 09:30 and 09:50) is a duration, whatever the headers say."""
    times = [j for j, r in enumerate(roles) if r in (TIME, END)]
    if len(times) < 2:
        return
    minutes = {j: [clock_minutes(r[j].text) if len(r) > j else None for r in body] for j in times}
    start = minutes[times[0]]
    for j in times[1:]:
        pairs = [(a, b) for a, b in zip(start, minutes[j], strict=True) if a is not None and b is not None]
        if len(pairs) < 2:
            continue
        later = sum(1 for a, b in pairs if b > a)
        if roles[j] == END or later >= 0.8 * len(pairs):
            roles[j] = END
            for k in times:
                if k <= j or roles[k] != TIME:
                    continue
                spans = [
                    (a, b, d)
                    for a, b, d in zip(start, minutes[j], minutes[k], strict=True)
                    if a is not None and b is not None and d is not None
                ]
                if spans and sum(1 for a, b, d in spans if b - a == d) >= 0.8 * len(spans):
                    roles[k] = DURATION
            return


def is_header_row(row: Sequence[Cell], repeated: bool = False) -> bool:
    """A row of column headers: at least half its cells name a column's role, none holds a time,
    and it has more than one cell (a one-cell band, "DRAFT AGENDA" or a day, is not one). A row
    inside the table ("repeated" under a session band) needs two such cells."""
    texts = [_cell_text(c) for c in row if _cell_text(c)]
    if len(texts) < 2 or repeated and any(":" in t for t in texts):
        return False  # "Chair: | Chair: Prof. X": field labels of the sessions, not column headers
    hits = [t for t in texts if header_role(t)]
    return len(hits) >= max(2 if repeated else 1, 0.5 * len(texts)) and not any(
        is_time_cell(t) for t in texts
    )


def count_venues(texts: list[str]) -> int:
    """How many of a column's cells are short and name a place (the ``[agenda] venue_words``)."""
    rx = vocab.current().regex("agenda", "venue_words", r"\b(?:{})\b")
    return sum(1 for t in texts if len(" ".join(t.split())) <= 40 and rx.search(" ".join(t.split())))


def _header(rows: Sequence[Sequence[Cell]], width: int) -> tuple[int, list[str | None], set[int]]:
    """How many leading rows are column headers, the role each header cell names, and the rows that
    repeat the column headers further down (under each session band). A header row under a band
    at the top only names roles: the programme reader sees it as the head of the table."""
    roles: list[str | None] = [None] * width
    count = 0
    counting = True
    body_seen = False
    found: set[int] = set()
    for i, row in enumerate(rows):
        if not is_header_row(row, repeated=not (counting and i == count)):
            band = not any(_cell_text(c) for c in row[1:]) or len([c for c in row if _cell_text(c)]) <= 1
            if i >= 1 or not band:
                counting = False  # only a one-cell band may stand above the leading header rows
            body_seen = body_seen or not band
            continue
        if counting and i == count:
            count += 1
        elif body_seen:
            found.add(i)
        for j, c in enumerate(row[:width]):
            r = header_role(_cell_text(c))
            if r and roles[j] is None:
                roles[j] = r
    return count, roles, found


def _header_text(rows: Sequence[Sequence[Cell]], header: int, j: int) -> str:
    return " ".join(_cell_text(r[j]) for r in rows[:header] if j < len(r)).strip()
