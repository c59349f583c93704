"""Unruled programme tables: rows led by a time ("09:30", "10 a.m.–", "1.15–2.45") on a page with no rules.

Only timetables are recognised: at least three rows start with a time at the same x, with
text to its right. Aligned text in general (key-value lists, tab stops) stays as lines,
because guessing columns from white space misreads too much ordinary layout.
"""

from __future__ import annotations

import re

from ..models import Cell
from .pdf_layout import Line, TableItem, Word, make_cell

_T = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
_TIME = re.compile(rf"^\(?{_T}\)?\s*(?:(?:[-–—~]|to)\s*\(?(?:{_T})?\)?)?$", re.I)
_CLOCK = re.compile(r"[:.]\d{2}|[ap]\.?\s?m\b|[ap]\.?m\.", re.I)
MIN_TIMED_ROWS = 3


def is_time(text: str) -> bool:
    """ "14:00 - 14:15", "10 a.m.–", "3–5 p.m.", "9:15"; not "2-1" or "2021" (no clock part)."""
    text = text.strip()
    return bool(_TIME.match(text) and _CLOCK.search(text))


def find_timetables(lines: list[Line], page_number: int) -> tuple[list[TableItem], list[Line]]:
    """Split off timetables; returns (tables, the lines they did not use)."""
    rows = _rows(lines)
    tables: list[TableItem] = []
    used: set[int] = set()
    i = 0
    while i < len(rows):
        time_x = _time_x(rows[i])
        if time_x is None or len(rows[i]) < 2:
            i += 1
            continue
        end = _extent(rows, i, time_x)
        block = rows[i:end]
        if sum(1 for r in block if _time_x(r) is not None and abs(_time_x(r) - time_x) < 6) >= MIN_TIMED_ROWS:  # type: ignore[operator]
            tables.append(_table(block, time_x, page_number))
            used.update(id(seg) for r in block for seg in r)
            i = end
        else:
            i += 1
    return tables, [ln for ln in lines if id(ln) not in used]


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Segments on one baseline (a time, a gap, a title) form one visual row."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if rows and abs(rows[-1][0].top - ln.top) <= 2 and ln.flow == rows[-1][0].flow:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    for r in rows:
        r.sort(key=lambda ln: ln.x0)
    return rows


def _time_x(row: list[Line]) -> float | None:
    """x of the row's time segment, when one of its first two segments is a time."""
    for seg in row[:2]:
        if is_time(seg.text):
            return seg.x0
    return None


def _extent(rows: list[list[Line]], start: int, time_x: float) -> int:
    """The table runs on while rows stay in its columns and close together."""
    left = min(seg.x0 for seg in rows[start])
    end = start + 1
    while end < len(rows):
        row, prev = rows[end], rows[end - 1]
        gap = row[0].top - max(seg.bottom for seg in prev)
        size = max(seg.size for seg in prev)
        if min(seg.x0 for seg in row) < left - 6 or gap > 3.0 * size:
            break
        if _time_x(row) is None and row[0].x0 < time_x - 6 and len(row) == 1:
            break  # text starting left of the time column without a time: the table is over
        end += 1
    return end


def _table(block: list[list[Line]], time_x: float, page_number: int) -> TableItem:
    """One table row per time; words go to the column whose left edge they start at or after.

    A time ending in a dash ("10 a.m.–") runs on to the next line ("1 p.m."), so that line
    does not start a row.
    """
    cols = _columns([r for r in block if _time_x(r) is not None])
    table_rows: list[list[list[Word]]] = []
    open_range = False
    for row in block:
        tx = _time_x(row)
        timed = tx is not None and abs(tx - time_x) < 6
        if (timed and not open_range) or not table_rows:
            table_rows.append([[] for _ in cols])
        if timed:
            time_text = next(seg.text for seg in row[:2] if is_time(seg.text))
            open_range = time_text.rstrip().endswith(("-", "–", "—", "~", "to"))
        for w in (w for seg in row for w in seg.words):
            j = max((k for k, x in enumerate(cols) if x <= w.x0 + 3), default=0)
            table_rows[-1][j].append(w)
    rows = [[make_cell(words) if words else Cell("") for words in r] for r in table_rows]
    segs = [seg for r in block for seg in r]
    bbox = (
        min(s.x0 for s in segs),
        min(s.top for s in segs),
        max(s.x1 for s in segs),
        max(s.bottom for s in segs),
    )
    return TableItem(rows, bbox, cols, pages=[page_number])


def _columns(timed_rows: list[list[Line]]) -> list[float]:
    """Left edges shared by the timed rows' segments (within 8 pt), left to right."""
    xs = sorted(seg.x0 for r in timed_rows for seg in r)
    cols: list[list[float]] = []
    for x in xs:
        if cols and x - cols[-1][-1] <= 8:
            cols[-1].append(x)
        else:
            cols.append([x])
    return [min(c) for c in cols if len(c) >= 2] or [min(c) for c in cols]
