"""Agenda items from programme tables, timetables and numbered agendas.

Two readers run over the block stream and the better answer wins:

- ``agenda_numbered``: a numbered agenda (UN provisional/annotated agendas, "the agenda of the
  seminar is as follows: 1. ... 2. ..."), scheduled by a timetable where the document has one;
- ``agenda_programme``: a timed programme (a time column in a table, or "09:00 – 10:30 Opening"
  lines), with day headings, numbered talks inside sessions, breaks and speakers.

A week grid (a table of day columns against a time axis: ``agenda_week_grid``) is read before
either: its cells are the sessions of each day.

Where neither finds items, ``agenda_days`` reads untimed day tables (a day column beside a column
of subjects: a programme of work), or else lists under day headings.

A document with neither (a concept note's thematic strands, a report's numbered paragraphs,
deadlines) yields no items.
"""

from __future__ import annotations

import dataclasses
import re

from ..models import AgendaItem, Block
from .agenda_days import find_day_lists, find_day_tables
from .agenda_numbered import find_numbered_agenda
from .agenda_programme import find_programme
from .agenda_week_grid import find_week_grids
from .dates import find_dates, find_month_years

__all__ = ["find_agenda_items"]


def find_agenda_items(
    blocks: tuple[Block, ...], year: int | None, default_date: str | None
) -> tuple[AgendaItem, ...]:
    if year is None:
        year = document_year(blocks)
    # a grid's header may give days without their month ("Martes 18"): the cover's month tells it
    week = find_week_grids(blocks, year, default_date or _cover_month(blocks))
    if week:
        return tuple(week)
    numbered, scheduled = find_numbered_agenda(blocks, year)
    programme = find_programme(blocks, year, default_date)
    if numbered and (scheduled or len(numbered) >= len(programme)):
        rule = "agenda.numbered+timetable" if scheduled else "agenda.numbered"
        return tuple(dataclasses.replace(a, provenance=a.provenance.by(rule)) for a in numbered)
    if not programme and not numbered:
        return tuple(find_day_tables(blocks, year) or find_day_lists(blocks, year))
    return tuple(programme)


def _cover_month(blocks: tuple[Block, ...]) -> str | None:
    """The first month and year printed on the cover ("Octubre de 2022" -> "2022-10")."""
    found = find_month_years("\n".join(b.text[:300] for b in blocks[:30]))
    return found[0].start if found else None


def document_year(blocks: tuple[Block, ...]) -> int | None:
    """The year printed first on the cover: a full date, a month and year, or a year in the title."""
    head = "\n".join(b.text[:300] for b in blocks[:30])
    for found in (find_dates(head), find_month_years(head)):
        if found:
            return int(found[0].start[:4])
    m = re.search(r"\b(19[5-9]\d|20[0-9]\d)\b", head)
    return int(m.group(1)) if m else None
