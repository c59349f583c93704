"""Unruled programme tables: grids that white space alone lays out, on pages without rules.

Two kinds are recognised, and only these, because guessing columns from white space misreads too
much ordinary layout (key-value lists, tab stops, hanging indents):

- **keyed grids** ("Day | Time | Item | Subject"): three or more columns whose left edges line
  up across the rows (``GridSettings.align``), one of them a time column (short cells, at least
  one a time of the ``dates`` grammar). Words go to the column whose edge they start at. A row
  of the table starts where a key column (every column left of the last) has text, or where the
  last column starts a line set in the style of the rows' titles after lines of another style
  ("Opening of the session" in bold under the bullets of the item above);
- **time-led rows** (two or more columns): at least three rows start with a time at the same x,
  with text to its right; a time ending in a dash ("10 a.m.–") runs on to the next line.

- **day-keyed grids** (two columns, also on pages whose columns look like running text): rows
  whose first cell is a day ("Monday, 9 June, afternoon (1 meeting)") and whose second cell
  starts on the same baseline; lines in the key column alone carry on the key ("(1 meeting)")
  unless they name another day, lines in the second column alone carry on its cell. A grid the
  page break cuts goes on at the top of the next page with lines in its last column only
  (``continue_grid``).

- **bands under a ruled table**: the unruled lines between a ruled table (a coloured band: "Morning
  Sessions · 8:30 AM – 10:00 AM") and the next one, set in two or more columns that every line keeps
  to (the sessions of the rooms named above), make one row of cells (``find_bands``).

- **time at the right** (title | description | time): at least three rows end in a time at the
  same x, right of their text. The title column runs from the rows' left edge; a description
  column, where there is one, starts where the timed rows' middle cells (often bulleted) start. A
  row of the table starts at a time, at a numbered or lettered title ("3.", "b.") or at a day
  ("Day Two"); other lines carry on the row above (``find_right_timed``).

All give ``TableItem``s marked ``kind="grid"``, so that records read from them can say so.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..models import Cell
from ..parse.dates import DASHES, day_heading, lead_time
from .pdf_layout import Line, TableItem, Word, make_cell


@dataclass(frozen=True, slots=True)
class GridSettings:
    """The geometry of an unruled grid, in points or in ems of the text size."""

    align: float = 4.0  # column edges within this many points line up
    segment_gap: float = 0.9  # a gap of this many ems before a word starts a new cell
    row_gap: float = 3.0  # a vertical gap of this many ems ends the grid
    min_columns: int = 3  # a keyed grid has at least this many columns
    min_rows: int = 4  # ... and this many printed lines
    key_cell_chars: int = 40  # cells of a time column are at most this long
    min_timed_rows: int = 3  # a time-led table has at least this many timed rows
    min_day_rows: int = 2  # a day-keyed grid has at least this many rows keyed by a day

    def __post_init__(self) -> None:
        for name in ("align", "segment_gap", "row_gap"):
            if getattr(self, name) <= 0:
                raise ValueError(f"GridSettings.{name} must be positive, not {getattr(self, name)}")


SETTINGS = GridSettings()
MIN_TIMED_ROWS = SETTINGS.min_timed_rows
_CLOCK = re.compile(r"[:.h]\d{2}|[ap]\.?\s?m\b|[ap]\.?m\.|noon|^\d{4}\s*[" + DASHES + "]", re.I)
_BULLET = re.compile(r"^[•●○◦▪■►▶➢➤\-–*\ue000-\uf8ff]\s?")


def is_time(text: str) -> bool:
    """ "14:00 - 14:15", "10 a.m.–", "3–5 p.m.", "9:15", "0830-0900"; not "2-1" or "2021" (no clock part)."""
    text = text.strip()
    if not _CLOCK.search(text):
        return False
    open_dash = text.rstrip().endswith(tuple(DASHES))
    t = lead_time(text.rstrip(" " + DASHES) if open_dash else text, cell=True)
    if t is None:
        return False
    return not text[t.stop :].strip(" " + DASHES + "()")


def find_timetables(lines: list[Line], page_number: int) -> tuple[list[TableItem], list[Line]]:
    """Split off unruled grids and timetables; returns (tables, the lines they did not use)."""
    rows = _rows(lines)
    tables: list[TableItem] = []
    used: set[int] = set()
    for start, end, cols in _keyed_grids(rows):
        tables.append(_grid_table(rows[start:end], cols, page_number))
        used.update(id(seg) for r in rows[start:end] for seg in r)
    rows = [r for r in rows if not any(id(seg) in used for seg in r)]
    i = 0
    while i < len(rows):
        time_x = _time_x(rows[i])
        if time_x is None or len(rows[i]) < 2:
            i += 1
            continue
        end = _extent(rows, i, time_x)
        block = rows[i:end]
        if sum(1 for r in block if _time_x(r) is not None and abs(_time_x(r) - time_x) < 6) >= MIN_TIMED_ROWS:  # type: ignore[operator, misc]
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


# ------------------------------------------------------------------------------------ keyed grids
def _starts(row: list[Line]) -> list[tuple[float, int, int]]:
    """Where the row's cells start: (x, segment index, word index) of every word after a gap."""
    out = []
    for s, seg in enumerate(row):
        for k, w in enumerate(seg.words):
            if k == 0 or w.x0 - seg.words[k - 1].x1 >= SETTINGS.segment_gap * w.size:
                out.append((w.x0, s, k))
    return out


def _cluster(xs: list[float]) -> list[list[float]]:
    groups: list[list[float]] = []
    for x in sorted(xs):
        if groups and x - groups[-1][-1] <= SETTINGS.align:
            groups[-1].append(x)
        else:
            groups.append([x])
    return groups


def _fits(row: list[Line], cols: list[float]) -> bool:
    """Every cell of the row starts at a column edge, and no word runs across one."""
    tol = SETTINGS.align
    for x, _, _ in _starts(row):
        if not any(abs(x - c) <= tol for c in cols):
            return False
    for seg in row:
        for w in seg.words:
            if any(w.x0 + tol < c < w.x1 - tol for c in cols):
                return False
    return True


def _keyed_grids(rows: list[list[Line]]) -> list[tuple[int, int, list[float]]]:
    """(first row, end row, column edges) of each keyed grid on the page."""
    if len(rows) < SETTINGS.min_rows:
        return []
    xs = [x for r in rows for x, _, _ in _starts(r)]
    cols = [min(g) for g in _cluster(xs) if len(g) >= 2]
    if len(cols) < SETTINGS.min_columns:
        return []
    out: list[tuple[int, int, list[float]]] = []
    i = floor = 0  # floor: where the last grid ended; a grid never backs up into it
    while i < len(rows):
        if not _fits(rows[i], cols) or not _multi(rows[i], cols):
            i += 1
            continue
        seed, end = i, i + 1
        while end < len(rows) and _fits(rows[end], cols) and _close(rows[end - 1], rows[end]):
            end += 1
        while (
            i > floor
            and _fits(rows[i - 1], cols)
            and _close(rows[i - 1], rows[i])
            and not _lone_left(rows[i - 1], cols)
        ):
            i -= 1
        used = _used_columns(rows[i:end], cols)
        if (
            end - i >= SETTINGS.min_rows
            and len(used) >= SETTINGS.min_columns
            and _time_column(rows[i:end], used)
        ):
            out.append((i, end, used))
            i = floor = end
        else:
            i = seed + 1  # never back up past where this try started: that loops for ever
    return out


def _multi(row: list[Line], cols: list[float]) -> bool:
    """The row has cells in two or more columns (it shows the grid)."""
    return len({_col(x, cols) for x, _, _ in _starts(row)}) >= 2


def _lone_left(row: list[Line], cols: list[float]) -> bool:
    """A single cell in the first column: a heading above the grid, not a row of it."""
    starts = _starts(row)
    return len(starts) == 1 and _col(starts[0][0], cols) == 0


def _close(prev: list[Line], row: list[Line]) -> bool:
    gap = row[0].top - max(seg.bottom for seg in prev)
    return gap <= SETTINGS.row_gap * max(seg.size for seg in prev)


def _col(x: float, cols: list[float]) -> int:
    return max((k for k, c in enumerate(cols) if c <= x + SETTINGS.align), default=0)


def _used_columns(rows: list[list[Line]], cols: list[float]) -> list[float]:
    """The column edges the grid's rows use: twice or more, or as the grid's left edge."""
    counts: dict[int, int] = {}
    for r in rows:
        for k in {_col(x, cols) for x, _, _ in _starts(r)}:
            counts[k] = counts.get(k, 0) + 1
    if not counts:
        return []
    left = min(counts)
    return [cols[k] for k in sorted(counts) if counts[k] >= 2 or k == left]


def _cells_by_column(rows: list[list[Line]], cols: list[float]) -> list[list[list[Word]]]:
    out = []
    for r in rows:
        cells: list[list[Word]] = [[] for _ in cols]
        for seg in r:
            for w in seg.words:
                cells[_col(w.x0, cols)].append(w)
        out.append(cells)
    return out


def _time_column(rows: list[list[Line]], cols: list[float]) -> bool:
    """One column other than the last holds short cells, at least one of them a time."""
    cells = _cells_by_column(rows, cols)
    for k in range(len(cols) - 1):
        texts = [" ".join(w.text for w in r[k]) for r in cells if r[k]]
        if texts and any(is_time(t) for t in texts) and all(len(t) <= SETTINGS.key_cell_chars for t in texts):
            return True
    return False


def _style(words: list[Word]) -> tuple[bool, bool]:
    letters = [w for w in words if any(ch.isalnum() for ch in w.text)]
    if not letters:
        return (False, False)
    bold = sum(w.bold for w in letters) >= 0.9 * len(letters)
    italic = sum(
        bool(re.search(r"italic|oblique|-it\b|,it", w.fontname, re.I)) for w in letters
    ) >= 0.9 * len(letters)
    return (bold, italic)


def _grid_table(rows: list[list[Line]], cols: list[float], page_number: int) -> TableItem:
    """One table row per keyed line (and per title-styled line after lines of another style)."""
    cells = _cells_by_column(rows, cols)
    last = len(cols) - 1
    # the styles of titles: the last column's text on the lines that also have keys
    title_styles = {_style(r[last]) for r in cells if r[last] and any(r[k] for k in range(last))}
    table_rows: list[list[list[Word]]] = []
    prev_style: tuple[bool, bool] | None = None
    for r in cells:
        keyed = any(r[k] for k in range(last))
        text = " ".join(w.text for w in r[last])
        style = _style(r[last]) if r[last] else None
        new_title = (
            not keyed
            and style is not None
            and style in title_styles
            and style != prev_style
            and not _BULLET.match(text)
            and len(title_styles) <= 2
        )
        if (keyed or new_title or not table_rows) and not (keyed and _continues(table_rows, r, last)):
            table_rows.append([[] for _ in cols])
        for k, words in enumerate(r):
            table_rows[-1][k].extend(words)
        if style is not None:
            prev_style = style
    return _grid_item(table_rows, [seg for r in rows for seg in r], cols, page_number)


def _continues(table_rows: list[list[list[Word]]], line: list[list[Word]], last: int) -> bool:
    """A keyed line that carries on the row above: the row's time ends in a dash ("10 a.m.–" over
    "1 p.m."), or the line's keys are only a meridiem ("1.15–2.45" over "p.m."); it fills no
    column the row above left empty."""
    if not table_rows:
        return False
    above = table_rows[-1]
    keys = [" ".join(w.text for w in line[k]) for k in range(last) if line[k]]
    if any(line[k] and not above[k] for k in range(last + 1)):
        return False
    if keys and all(_MERIDIEM.fullmatch(t) for t in keys):
        return True
    return any(above[k] and above[k][-1].text.rstrip().endswith(tuple(DASHES)) for k in range(last))


_MERIDIEM = re.compile(r"[ap]\.?\s?m\.?", re.I)


def _grid_item(
    table_rows: list[list[list[Word]]], segs: list[Line], cols: list[float], page: int
) -> TableItem:
    """The table of a grid: its rows' words as cells, its box around the lines it took."""
    cells = [[make_cell(words) if words else Cell("") for words in row] for row in table_rows]
    bbox = (
        min(s.x0 for s in segs),
        min(s.top for s in segs),
        max(s.x1 for s in segs),
        max(s.bottom for s in segs),
    )
    return TableItem(cells, bbox, cols, pages=[page], kind="grid")


# ---------------------------------------------------------------------------------- time-led rows
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
        if min(seg.x0 for seg in row) < left - 6 or gap > SETTINGS.row_gap * size:
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
    return _grid_item(table_rows, [seg for r in block for seg in r], cols, page_number)


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


# ------------------------------------------------------------------------------- day-keyed grids
def _key_cell(row: list[Line]) -> tuple[float, float, str] | None:
    """(key x, second cell x, key text) of a row whose first cell is short and names a day."""
    starts = _starts(row)
    if len(starts) < 2:
        return None
    (x0, s0, k0), (x1, s1, k1) = starts[0], starts[1]
    words = [w for s, seg in enumerate(row) for k, w in enumerate(seg.words) if (s0, k0) <= (s, k) < (s1, k1)]
    key = " ".join(w.text for w in words)
    if len(key) > SETTINGS.key_cell_chars or day_heading(key, None, cell=True) is None:
        return None
    return x0, x1, key


def find_day_grids(lines: list[Line], page_number: int) -> tuple[list[TableItem], list[Line]]:
    """Split off two-column grids keyed by day; returns (tables, the lines they did not use)."""
    rows = _rows(lines)
    keyed = [(i, k) for i, r in enumerate(rows) if (k := _key_cell(r)) is not None]
    if len(keyed) < SETTINGS.min_day_rows:
        return [], lines
    tables: list[TableItem] = []
    used: set[int] = set()
    floor = 0
    for i, (kx, cx, _) in keyed:
        if i < floor:
            continue
        cols = [kx, cx]
        end = i + 1
        while end < len(rows) and _fits(rows[end], cols) and _close(rows[end - 1], rows[end]):
            end += 1
        days = sum(1 for j, k in keyed if i <= j < end and abs(k[0] - kx) <= SETTINGS.align)
        if days < SETTINGS.min_day_rows or end - i < SETTINGS.min_rows:
            continue
        tables.append(_day_table(rows[i:end], cols, page_number))
        used.update(id(seg) for r in rows[i:end] for seg in r)
        floor = end
    return tables, [ln for ln in lines if id(ln) not in used]


def _day_table(rows: list[list[Line]], cols: list[float], page_number: int) -> TableItem:
    cells = _cells_by_column(rows, cols)
    table_rows: list[list[list[Word]]] = []
    for r in cells:
        key = " ".join(w.text for w in r[0])
        new = r[0] and (r[1] or day_heading(key, None, cell=True) is not None)
        if new or not table_rows:
            table_rows.append([[], []])
        table_rows[-1][0].extend(r[0])
        table_rows[-1][1].extend(r[1])
    return _grid_item(table_rows, [seg for r in rows for seg in r], cols, page_number)


def continue_grid(tail: TableItem, items: list[Line | TableItem]) -> int:
    """How many of a page's first ``items`` carry on ``tail``, a day-keyed grid the page break cut:
    lines, in text of the grid's size, that start at its column edges. Lines in the subject column
    alone join the last row's subjects as a new paragraph; a line with a key starts a row of its
    own (a page too short to make a grid of its own). Returns 0 for other tables."""
    if tail.kind != "grid" or len(tail.col_x) != 2 or not tail.rows:
        return 0
    if day_heading(tail.rows[0][0].text, None, cell=True) is None:
        return 0
    n = 0
    for it in items:
        if isinstance(it, TableItem) or it.size < 9 or not _fits([it], tail.col_x):
            break
        n += 1
    if not n:
        return 0
    more = _day_table(_rows(items[:n]), tail.col_x, tail.pages[-1] + 1)  # type: ignore[arg-type]
    first = more.rows[0]
    if not first[0].text:  # the subjects of the row the page break cut
        row, before, cell = tail.rows[-1], tail.rows[-1][-1], first[-1]
        text = before.text + "\n\n" + cell.text if before.text else cell.text
        row[-1] = dataclasses.replace(before, text=text, bold=before.bold and cell.bold)
        more.rows = more.rows[1:]
    tail.rows.extend(more.rows)
    tail.pages.append(tail.pages[-1] + 1)
    return n


# ------------------------------------------------------------------------- bands under ruled tables
def find_bands(lines: list[Line], tables: list[TableItem]) -> list[Line]:
    """Add the column band under each ruled table to it as a row; returns the lines not used.

    The row has a cell per column of the band; where the band's columns are not the table's (the
    sessions of four rooms under a one-column band "Lunch Break · 1:00 PM – 2:00 PM") the row is
    wider than the table's other rows."""
    ruled = sorted((t for t in tables if t.kind == "ruled"), key=lambda t: t.bbox[1])
    used: set[int] = set()
    for t in ruled:
        below = [u.bbox[1] for u in ruled if u.bbox[1] >= t.bbox[3] - 1 and u is not t]
        floor = min(below, default=float("inf"))
        band: list[Line] = []
        for ln in sorted((ln for ln in lines if t.bbox[3] - 1 <= ln.top < floor), key=lambda ln: ln.top):
            if ln.x0 < t.bbox[0] - SETTINGS.align or ln.x1 > t.bbox[2] + SETTINGS.align:
                break
            if band and (ln.size > 1.3 * band[0].size or ln.size < band[0].size / 1.3):
                break
            if band and ln.top - max(b.bottom for b in band) > SETTINGS.row_gap * ln.size:
                break
            if not band and ln.top - t.bbox[3] > SETTINGS.row_gap * ln.size:
                break
            band.append(ln)
        row = _band_row(band)
        if row is not None:
            t.rows.append(row)
            t.bbox = (
                min(t.bbox[0], *(ln.x0 for ln in band)),
                t.bbox[1],
                max(t.bbox[2], *(ln.x1 for ln in band)),
                max(ln.bottom for ln in band),
            )
            used.update(id(ln) for ln in band)
    return [ln for ln in lines if id(ln) not in used]


def _band_row(band: list[Line]) -> list[Cell] | None:
    """One row of cells when the band's lines keep to two or more shared left edges."""
    if len(band) < 4:
        return None
    groups = _cluster([ln.x0 for ln in band])
    if sum(len(g) >= 2 for g in groups) < 2:
        return None  # two or more edges that several lines start at ("N/A" alone may fill a column)
    cols = [min(g) for g in groups]
    tol = SETTINGS.align
    if any(w.x0 + tol < c < w.x1 - tol for ln in band for w in ln.words for c in cols):
        return None  # a word runs across a column edge: not columns
    cells: list[list[Word]] = [[] for _ in cols]
    for ln in band:
        for w in ln.words:
            cells[_col(w.x0, cols)].append(w)
    if sum(1 for c in cells if c) < 2:
        return None
    return [make_cell(words) if words else Cell("") for words in cells]


# -------------------------------------------------------------------------------- time at the right
_ROW_MARK = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s")


def _right_time(row: list[Line]) -> Line | None:
    """The row's last segment when it is a time, right of the row's other text."""
    if len(row) < 2 or not is_time(row[-1].text):
        return None
    return row[-1]


def find_right_timed(lines: list[Line], page_number: int) -> tuple[list[TableItem], list[Line]]:
    """Split off a table whose times stand at the right of its rows; returns (tables, lines left)."""
    rows = _rows(lines)
    timed = [(i, t) for i, r in enumerate(rows) if (t := _right_time(r)) is not None]
    if len(timed) < SETTINGS.min_timed_rows:
        return [], lines
    groups = _cluster([t.x0 for _, t in timed])
    tx = min(max(groups, key=len))  # type: ignore[arg-type]  # mypy infers the outer min's type inward
    timed = [(i, t) for i, t in timed if abs(t.x0 - tx) <= 2 * SETTINGS.align]
    if len(timed) < SETTINGS.min_timed_rows:
        return [], lines
    left = min(rows[i][0].x0 for i, _ in timed)
    start, end = timed[0][0], timed[-1][0] + 1

    def inside(r: list[Line]) -> bool:
        return min(seg.x0 for seg in r) >= left - SETTINGS.align and max(seg.x1 for seg in r) <= tx + 80

    while start > 0 and inside(rows[start - 1]) and _close(rows[start - 1], rows[start]):
        start -= 1
    while end < len(rows) and inside(rows[end]) and _close(rows[end - 1], rows[end]):
        end += 1
    block = rows[start:end]
    # the description column: where the timed rows' middle segments start
    mids = _cluster(
        [r[1].x0 for r in (rows[i] for i, _ in timed) if len(r) >= 3 and r[1].x0 < tx - SETTINGS.align]
    )
    desc = min(max(mids, key=len)) if mids and len(max(mids, key=len)) >= 2 else None  # type: ignore[arg-type]
    if desc is None:  # else where bullets line up right of the titles
        marks = _cluster(
            [
                w.x0
                for r in block
                for seg in r
                for w in seg.words
                if _BULLET.match(w.text) and left + 20 < w.x0 < tx
            ]
        )
        desc = min(max(marks, key=len)) if marks and len(max(marks, key=len)) >= 2 else None  # type: ignore[arg-type]
    cols = [left, desc, tx] if desc is not None else [left, tx]
    table_rows: list[list[list[Word]]] = []
    for r in block:
        cells: list[list[Word]] = [[] for _ in cols]
        for seg in r:
            if seg.x0 >= tx - 2 * SETTINGS.align:
                cells[-1].extend(seg.words)
                continue
            col = 1 if desc is not None and seg.x0 >= desc - SETTINGS.align else 0
            for k, w in enumerate(seg.words):
                if col == 0 and desc is not None and k and _opens_column(seg.words[k - 1], w, desc):
                    col = 1
                cells[col].append(w)
        head = " ".join(w.text for w in cells[0])
        new = (
            bool(cells[-1])
            or bool(_ROW_MARK.match(head))
            or (bool(head) and day_heading(head, None) is not None)
        )
        if new or not table_rows:
            table_rows.append([[] for _ in cols])
        for k, words in enumerate(cells):
            table_rows[-1][k].extend(words)
    segs = [seg for r in block for seg in r]
    used = {id(seg) for seg in segs}
    table = _grid_item(table_rows, segs, [c for c in cols if c is not None], page_number)
    return [table], [ln for ln in lines if id(ln) not in used]


def _opens_column(prev: Word, w: Word, edge: float) -> bool:
    """A word at the description column's edge, after a gap or as a bullet, starts that column."""
    if abs(w.x0 - edge) > SETTINGS.align:
        return False
    return bool(_BULLET.match(w.text)) or w.x0 - prev.x1 >= 0.5 * w.size


__all__ = [
    "GridSettings",
    "continue_grid",
    "find_bands",
    "find_day_grids",
    "find_right_timed",
    "find_timetables",
    "is_time",
]
