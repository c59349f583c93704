"""Week grids: a programme laid out as a timetable of day columns against a time axis.

The page shows a row of day headers across the top ("Monday | January 20th", "Tuesday 21 May",
"Day 2 – 14.06"), a column of clock times down the left (9:00, 10:00, 11:30 ...), increasing
downwards, and each session as a box of lines in its day column, between two lines of the axis.
Nothing but geometry says which text belongs to which day and time, so the page's lines are read
as one grid:

- the **header row** is a printed row whose pieces (split at gaps wider than ``segment_gap`` ems)
  are day designations of the ``dates`` grammar, at least ``min_days`` of them;
- the **time axis** is at least ``min_axis`` lines below it, left of the first day, that are
  each a clock time, lined up at their left or right edge and increasing downwards;
- every piece of a line below the header (words closer than ``segment_gap`` ems) goes to the day
  column it starts in (column edges halfway between the middles of neighbouring headers); a day
  column's words make lines by baseline, and its lines make
  **boxes** where the vertical gap between them is under ``box_gap`` ems and no axis line runs
  between them;
- where boxes are drawn, a frame holds one box, and its paragraphs (lines parted by a gap) are
  sessions of the same slot;
- a box starts at the axis label nearest its top and ends at the later label nearest its bottom
  (its frame's, where it has one).

The result is a ``TableItem`` (``kind="week_grid"``): a header row (an empty corner, then the day
headers) and one row per axis label, whose first cell is the slot ("9:00 – 10:00") and whose other
cells hold the sessions that start there, one paragraph each; a session that does not end at the
next label has its own slot as its first line ("11:00 – 12:30"). Which box is a break that applies to
every day it stands across is for the agenda reader to tell (``parse.agenda_week_grid``).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Cell
from ..parse import vocab
from ..parse.agenda_week_grid import different_days
from ..parse.dates import WEEKDAY, Day, day_heading, lead_time
from .pdf_layout import Bbox, Line, TableItem, Word, WordRun, join_words
from .pdf_unruled import is_time


@dataclass(frozen=True, slots=True)
class WeekGridSettings:
    """The geometry of a week grid, in points or in ems of the text size."""

    segment_gap: float = 0.9  # a gap of this many ems between words parts two headers, or two boxes' lines
    min_days: int = 2  # a header row names at least this many days
    min_axis: int = 3  # the time axis has at least this many times
    align: float = 4.0  # axis labels line up (left or right edge) within this many points
    box_gap: float = 0.6  # a vertical gap of this many ems between two lines of a day starts a new box
    axis_gap: float = 0.15  # ... or of this many, where an axis line runs between them


SETTINGS = WeekGridSettings()
_WEEKDAY_WORD = re.compile(r"^" + WEEKDAY + r"[,.:|]?$", re.I)
_DAY_HINT = re.compile(r"(?:" + WEEKDAY + r"|\S*\d)", re.I)


@dataclass(slots=True)
class _Label(WordRun):
    """One time of the axis: its printed text, its clock minutes, its words and their box."""

    text: str
    minutes: int
    words: list[Word]

    def distance(self, y: float) -> float:
        """How far ``y`` lies from the label (0 inside it)."""
        return max(self.top - y, 0.0, y - self.bottom)


def find_week_grids(
    lines: list[Line], page_number: int, frames: Sequence[Bbox] = ()
) -> tuple[list[TableItem], list[Line]]:
    """Split off the week grids of a page; returns (tables, the lines they did not use).

    ``frames`` are the rectangles drawn on the page (x0, top, x1, bottom): where a session's box
    is drawn, its frame says which lines it holds and which axis lines it runs between."""
    rows = _rows(lines)
    tables: list[TableItem] = []
    used: set[int] = set()
    day_word = vocab.current().regex("dates", "day_word", r"^(?:{})$")  # "Day" of "Day 2"
    headers = [(i, cells) for i, row in enumerate(rows) if (cells := _header_cells(row, day_word))]
    for n, (i, cells) in enumerate(headers):
        limit = rows[headers[n + 1][0]][0].top if n + 1 < len(headers) else float("inf")
        below = [ln for row in rows[i + 1 :] for ln in row if ln.top < limit]
        axis = _axis(below, cells[0][0])
        if axis is None:
            continue
        table, taken = _grid(rows[i], cells, axis, below, page_number, frames)
        if table is None:
            continue
        tables.append(table)
        used.update(id(ln) for ln in rows[i])
        used.update(taken)
    return tables, [ln for ln in lines if id(ln) not in used]


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into printed rows: those whose tops lie within half a text size."""
    rows: list[list[Line]] = []
    first: tuple[float, float] = (0.0, 0.0)  # top and size of the current row's first line
    for top, _x0, size, ln in sorted(
        ((ln.top, ln.x0, ln.words[0].size, ln) for ln in lines), key=lambda t: t[:2]
    ):
        if rows and abs(top - first[0]) <= 0.5 * min(size, first[1]):
            rows[-1].append(ln)
        else:
            rows.append([ln])
            first = (top, size)
    return rows


def _segments(words: list[Word]) -> list[list[Word]]:
    """Words of a row, left to right, split where the gap is wider than ``segment_gap`` ems."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][-1].x1 <= SETTINGS.segment_gap * max(w.size, out[-1][-1].size):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _by_day_word(words: list[Word], day_word: re.Pattern[str]) -> list[list[Word]]:
    """A piece split before each word that opens another day designation ("... 29th Thursday | ...")."""
    out: list[list[Word]] = []
    for k, w in enumerate(words):
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        if out and (_WEEKDAY_WORD.match(w.text) or (day_word.match(w.text) and nxt[:1].isdigit())):
            out.append([w])
        elif out:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _day(text: str) -> Day | None:
    """The day a header cell names. The year is not known here, and a day and month without one
    ("Monday 20 May") reads as a header only with some year: any will do to tell that it is one."""
    return day_heading(text, None, cell=True) or day_heading(text, 2000, cell=True)


def _header_cells(row: list[Line], day_word: re.Pattern[str]) -> list[tuple[float, float, str]] | None:
    """(x0, x1, text) of each day header in a row of day headers, or None for another row.

    One piece that is not a day may lead the row (a "Time" corner over the axis)."""
    words = [w for ln in row for w in ln.words]
    if sum(1 for w in words if _DAY_HINT.match(w.text)) < SETTINGS.min_days:
        return None  # cheap test first: a row of day headers has a weekday or a number in each
    pieces = [part for p in _segments(words) for part in _by_day_word(p, day_word)]
    if len(pieces) < SETTINGS.min_days:
        return None
    cells = [(p[0].x0, max(w.x1 for w in p), join_words(p)) for p in pieces]
    days = [(c, d) for c in cells if (d := _day(c[2])) is not None]
    if len(days) < SETTINGS.min_days or len(days) < len(cells) - 1:
        return None
    if not different_days([d for _, d in days], [c[2] for c, _ in days]):
        return None
    if len(days) < len(cells) and days[0][0] is cells[0]:
        return None  # the piece that is not a day stands at the end or between days
    return [c for c, _ in days]


def _axis(lines: list[Line], first_day_x: float) -> list[_Label] | None:
    """The time axis under a header: clock times left of the first day, aligned, increasing.

    A label is the part of a line left of the first day column (a line may run on into the grid
    where the text layer did not part them)."""
    found = []
    for ln in lines:
        words = [w for w in ln.words if w.x1 <= first_day_x + 2]
        if not words:
            continue
        text = join_words(words)
        minutes = _clock(text)
        if minutes is not None:
            found.append(_Label(text, minutes, words))
    best: list[_Label] = []
    for edge in (lambda lb: lb.x0, lambda lb: lb.x1):
        for ref in found:
            aligned = [lb for lb in found if abs(edge(lb) - edge(ref)) <= SETTINGS.align]
            if len(aligned) > len(best):
                best = aligned
    best.sort(key=lambda lb: lb.top)
    if len(best) < SETTINGS.min_axis or any(
        b.minutes <= a.minutes for a, b in zip(best, best[1:], strict=False)
    ):
        return None
    return best


def _clock(text: str) -> int | None:
    """Minutes after midnight of a line that is a time and nothing more ("9:00", "09.00", "9am")."""
    if not is_time(text):
        return None
    t = lead_time(text, cell=True)
    if t is None:
        return None
    hours, minutes = t.start.split(":")
    return int(hours) * 60 + int(minutes)


def _grid(
    header: list[Line],
    cells: list[tuple[float, float, str]],
    axis: list[_Label],
    below: list[Line],
    page_number: int,
    frames: Sequence[Bbox] = (),
) -> tuple[TableItem | None, set[int]]:
    """The table of one week grid, and the ids of the lines it took."""
    label_words = {id(w) for lb in axis for w in lb.words}
    left = max(lb.x1 for lb in axis)
    step = statistics.median(b.top - a.top for a, b in zip(axis, axis[1:], strict=False))
    bottom = axis[-1].bottom + step
    # a column runs from halfway between its header's middle and the one before: headers set left
    # (as the boxes) or centred over their columns both fall inside
    bounds = [left] + [(a[0] + a[1] + b[0] + b[1]) / 4 for a, b in zip(cells, cells[1:], strict=False)]
    content = [ln for ln in below if ln.top < bottom and ln.x1 > left]
    columns: list[list[Word]] = [[] for _ in cells]
    for ln in content:
        for piece in _segments([w for w in ln.words if id(w) not in label_words]):
            j = _column(piece[0].x0, bounds)
            if j >= 0:
                columns[j].extend(piece)
    span = axis[-1].bottom - axis[0].top
    pitch = (cells[-1][0] - cells[0][0]) / (len(cells) - 1)  # the distance from one day to the next
    slots: dict[int, list[list[str]]] = {}
    for j, words in enumerate(columns):
        mine = [f for f in frames if _column(f[0], bounds) == j and _frames_box(f, pitch, span)]
        for framed in _framed(_lines(words), mine):
            frame = framed[0]
            paragraphs = _boxes(framed[1], axis if frame is None else [])
            groups = paragraphs if frame is None else [[ln for box in paragraphs for ln in box]]
            for box in groups:
                top = frame[1] if frame else min(w.top for w in box[0])
                bottom = frame[3] if frame else max(w.bottom for w in box[-1])
                start, end = _slot(top, bottom, axis)
                own = (
                    f"{axis[start].text} – {axis[end].text}\n" if end is not None and end != start + 1 else ""
                )
                for part in [box] if frame is None else paragraphs:
                    text = own + "\n".join(join_words(line) for line in part)
                    slots.setdefault(start, [[] for _ in cells])[j].append(text)
    if not slots:
        return None, set()
    rows = [[Cell("")] + [Cell(text) for _, _, text in cells]]
    for k in sorted(slots):
        slot = axis[k].text if k + 1 >= len(axis) else f"{axis[k].text} – {axis[k + 1].text}"
        rows.append([Cell(slot)] + [Cell("\n\n".join(texts)) for texts in slots[k]])
    axis_lines = [ln for ln in below if any(id(w) in label_words for w in ln.words)]
    taken = {id(ln) for ln in [*content, *axis_lines]}
    used = [*header, *content, *axis_lines]
    bbox = (
        min(ln.x0 for ln in used),
        min(ln.top for ln in used),
        max(ln.x1 for ln in used),
        max(ln.bottom for ln in used),
    )
    col_x = [axis[0].x0] + [c[0] for c in cells]
    return TableItem(rows, bbox, col_x, pages=[page_number], kind="week_grid"), taken


def _lines(words: list[Word]) -> list[list[Word]]:
    """A day column's words as printed lines: a word joins the line its vertical middle falls in
    (small capitals and raised letters stay on their line)."""
    lines: list[list[Word]] = []
    mids: list[float] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        mid = (w.top + w.bottom) / 2
        for i in range(len(lines) - 1, max(len(lines) - 3, -1), -1):
            ref = lines[i][0]
            if abs(mid - mids[i]) <= 0.35 * max(ref.size, w.size):
                lines[i].append(w)
                break
        else:
            lines.append([w])
            mids.append(mid)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: min(w.top for w in line))
    return lines


def _boxes(lines: list[list[Word]], axis: list[_Label]) -> list[list[list[Word]]]:
    """A day column's lines grouped into boxes: a wide gap, or an axis line between, parts them."""
    boxes: list[list[list[Word]]] = []
    for line in lines:
        if boxes:
            prev = boxes[-1][-1]
            size = min(max(w.size for w in prev), max(w.size for w in line))
            p_top, p_bot = min(w.top for w in prev), max(w.bottom for w in prev)
            top, bot = min(w.top for w in line), max(w.bottom for w in line)
            gap = top - p_bot
            crossed = any((p_top + p_bot) / 2 < (lb.top + lb.bottom) / 2 < (top + bot) / 2 for lb in axis)
            if gap <= SETTINGS.box_gap * size and not (crossed and gap > SETTINGS.axis_gap * size):
                boxes[-1].append(line)
                continue
        boxes.append([line])
    return boxes


def _column(x0: float, bounds: list[float]) -> int:
    """The day column something starting at ``x0`` stands in (-1: left of the grid)."""
    return sum(1 for b in bounds if x0 >= b - 2) - 1


def _frames_box(frame: Bbox, pitch: float, span: float) -> bool:
    """A frame that can be one session's box: no wider than a day column and a half, and shorter
    than half the axis (not a panel behind the whole grid)."""
    x0, top, x1, bottom = frame
    return 0 < x1 - x0 <= 1.5 * pitch and 0 < bottom - top <= span / 2


def _framed(lines: list[list[Word]], frames: list[Bbox]) -> list[tuple[Bbox | None, list[list[Word]]]]:
    """A column's lines by the frame they stand in (the smallest), in order from the top; runs of
    lines in no frame come as they are (``None``)."""
    out: list[tuple[Bbox | None, list[list[Word]]]] = []
    for line in lines:
        x0, top = line[0].x0, min(w.top for w in line)
        x1, bottom = max(w.x1 for w in line), max(w.bottom for w in line)
        inside = [
            f for f in frames if f[0] - 1 <= x0 and x1 <= f[2] + 1 and f[1] - 1 <= top and bottom <= f[3] + 1
        ]
        frame = min(inside, key=lambda f: (f[2] - f[0]) * (f[3] - f[1])) if inside else None
        if out and out[-1][0] == frame:
            out[-1][1].append(line)
        else:
            out.append((frame, [line]))
    return out


def _slot(top: float, bottom: float, axis: list[_Label]) -> tuple[int, int | None]:
    """Indexes of the axis labels a box from ``top`` to ``bottom`` runs between: the label nearest
    its top, then the later label nearest its bottom (None when no label follows)."""
    start = min(range(len(axis)), key=lambda k: (axis[k].distance(top), k))
    later = range(start + 1, len(axis))
    end = min(later, key=lambda k: (axis[k].distance(bottom), k)) if later else None
    return start, end
