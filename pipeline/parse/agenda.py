"""Agenda items from programme tables, timetables and numbered agendas."""

from __future__ import annotations

import re

from ..models import AgendaItem, Block, BlockKind, Cell, Provenance, Speaker
from ..textutil import join_lines
from .dates import parse_day_month, parse_time_range

_SPEAKER = re.compile(
    r"(?P<what>[^,;]*?),?\s*(?P<name>(?:Mr|Ms|Mrs|Dr|Prof|H\.E|Hon)\.?\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"(?:,\s*(?P<role>[^;]+?))?(?=;|$|\s+(?:Introduction|Opening|Closing)\b)"
)


def find_agenda_items(blocks: tuple[Block, ...], year: int | None, default_date: str | None) -> tuple[AgendaItem, ...]:
    items: list[AgendaItem] = []
    for block in blocks:
        if block.kind == BlockKind.TABLE:
            items.extend(_from_time_table(block, year, default_date))
    return tuple(items)


def _from_time_table(block: Block, year: int | None, default_date: str | None) -> list[AgendaItem]:
    """A table whose first column holds time ranges: one item per timed row."""
    rows = block.rows
    timed = [r for r in rows if r and parse_time_range(r[0].text)[0]]
    if len(timed) < 2:
        return []
    out: list[AgendaItem] = []
    date = default_date
    for i, row in enumerate(rows):
        first = row[0].text if row else ""
        start, end, m = parse_time_range(first)
        if year and not start:
            d = parse_day_month(" ".join(c.text for c in row), year)
            if d:
                date = d
            continue
        if not start or m is None:
            continue
        if m.start() == 0 and len(first) - m.end() > 12 and re.search(r"\d{4}", first[m.end():]):
            continue  # a day header such as "14:00 - 18:30 (GMT+9), Tuesday, 30 March 2021"
        body_cells = [c for c in row[1:] if c.text.strip()]
        if not body_cells:
            continue
        title, description, speakers = split_title(body_cells[0])
        rest = " ".join(join_lines(c.text) for c in body_cells[1:])
        if rest:
            description = (description + " " + rest).strip()
        prov = Provenance(block.provenance.source_file, page=block.provenance.page, table=block.provenance.table,
                          row=i, block=block.provenance.block, extractor=block.provenance.extractor)
        out.append(AgendaItem(title=title, provenance=prov, date=date, start=start, end=end,
                              description=description, speakers=tuple(speakers)))
    return out


_TITLE_END = re.compile(r"^(?P<title>(?:Session\s+\d+\s*:\s*)?.+?)(?:\s+(?=(?:Opening remarks|Introduction of|Welcome|"
                        r"Secretariat will|This session|Moderator|Chair|Keynote by|Remarks by)\b)|$)")


def split_title(cell: Cell) -> tuple[str, str, list[Speaker]]:
    """A programme cell is a title, then a description and speakers on later lines."""
    lines = [ln.strip() for ln in cell.text.split("\n") if ln.strip()]
    if not lines:
        return "", "", []
    if cell.bold_prefix and cell.bold_prefix.strip() and cell.text.startswith(cell.bold_prefix.strip()[:5]):
        title = join_lines(cell.bold_prefix)
        rest = cell.text[len(cell.bold_prefix):]
    elif len(lines) > 1:
        title, rest = lines[0], "\n".join(lines[1:])
    else:
        m = _TITLE_END.match(lines[0])
        title = m.group("title").strip() if m else lines[0]
        rest = lines[0][len(title):]
    description = join_lines(rest)
    speakers = [Speaker(name=m.group("name").strip(), role=(m.group("role") or "").strip())
                for m in _SPEAKER.finditer(description)]
    return title.strip(" –-"), description, speakers
