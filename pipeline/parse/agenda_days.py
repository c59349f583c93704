"""Untimed day tables: a day column beside a subject column, and no time anywhere.

"Monday, 9 June, afternoon (1 meeting) | Question of Guam / Question of Montserrat / ...": a
programme of work that gives each day (or part of a day) its subjects, never a clock time. Every
subject of a row is an agenda item with the row's date (none where the day cell names no day,
"To be determined"). The subjects of one cell are its paragraphs: blocks of lines set apart by a
blank line (a PDF cell), or its lines where the cell has no blank line and its lines are the
source's own paragraphs (a DOCX or text cell), or its bulleted lines.

The same programme is also written as day headings over bulleted lists ("3.1 Day 1 (29/07):
Introduction and data review", then "Morning" / "Afternoon" headings, then bullets): every list item
under a day heading is an item with that day's date (``find_day_lists``); a "Day 2" without a date
counts on from the first dated day.

The column roles come from ``agenda_columns``: a table qualifies when one column holds days, one
other column holds the subjects (the rest, if any, describe them: speakers, venue, notes), and no
column holds times (those tables are timed programmes, ``agenda_programme``).
"""

from __future__ import annotations

import dataclasses
import re

from ..models import AgendaItem, Block, BlockKind
from ..textutil import join_lines
from . import vocab
from .agenda_columns import ASIDE, DAY, TIME, TITLE, Columns, infer, is_header_row
from .dates import add_days, day_heading

RULE = "agenda.programme.days"
LIST_RULE = "agenda.programme.day_lists"
MIN_DAY_ROWS = 2  # a day table has at least this many rows that name a day
_BULLET = re.compile(r"^[•●○◦▪■►▶➢➤*\-–]\s*")
_POINT = re.compile(r"^(?:[•●○◦▪■►▶➢➤]|(?:[a-h]|[ivx]{1,4})[.)]\s)")  # a bullet or an item letter


def find_day_tables(blocks: tuple[Block, ...], year: int | None) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    last: tuple[int, Columns] | None = None  # the last day table read: (its index, its columns)
    for i, block in enumerate(blocks):
        if block.kind == BlockKind.TABLE and block.rows:
            cols = infer(block.rows, year)
            if last is not None and _continues(block, cols, blocks, last, i):
                cols = dataclasses.replace(last[1], header=0, header_rows=frozenset())
            found = _read(block, year, cols)
            items.extend(found)
            last = (i, cols) if found else None
    return items


def _continues(
    block: Block, cols: Columns, blocks: tuple[Block, ...], last: tuple[int, Columns], i: int
) -> bool:
    """A table right after a day table (a page break and the lines it cut off between them), as wide
    and without a header row of its own, continues it: it takes the day table's columns."""
    j, prev = last
    return (
        i - j <= 3
        and len(prev.roles) == max(len(r) for r in block.rows)
        and not any(is_header_row(r) for r in block.rows[:2])
        and all(b.kind != BlockKind.HEADING for b in blocks[j + 1 : i])
    )


def _read(block: Block, year: int | None, cols: Columns) -> list[AgendaItem]:
    if TIME in cols.roles or DAY not in cols.roles:
        return []
    day = cols.roles.index(DAY)
    subjects = [
        j
        for j, role in enumerate(cols.roles)
        if j != day and role in ("", TITLE) and any(j < len(r) and r[j].text.strip() for r in block.rows)
    ]
    if len(subjects) != 1 or cols.tracks:
        return []
    subject = subjects[0]
    body = [
        (i, r)
        for i, r in enumerate(block.rows)
        if i >= cols.header
        and i not in cols.header_rows
        and len(r) > max(day, subject)
        and not is_header_row(r)
    ]
    days = [day_heading(r[day].text, year, cell=True) for _, r in body]
    if sum(d is not None for d in days) < MIN_DAY_ROWS:
        return []
    pdf = block.provenance.page is not None
    out: list[AgendaItem] = []
    date: str | None = None
    for (i, row), d in zip(body, days, strict=True):
        if row[day].text.strip():
            date = d.date if d is not None else None
        aside = " ".join(
            row[j].text.strip() for j, role in enumerate(cols.roles) if role in ASIDE and j < len(row)
        ).strip()
        prov = dataclasses.replace(block.provenance, row=i).by(RULE)
        for title, points in subjects_and_points(row[subject].text, pdf):
            description = " ".join(t for t in (points, aside) if t)
            out.append(AgendaItem(title=title, provenance=prov, date=date, description=description))
    return out


def subjects_of(text: str, pdf: bool) -> list[str]:
    """The subjects of a cell: its paragraphs (see the module's description)."""
    return [title for title, _ in subjects_and_points(text, pdf)]


def subjects_and_points(text: str, pdf: bool) -> list[tuple[str, str]]:
    """(subject, its points) for each subject of a cell. A cell whose first line is plain and whose
    later lines open with bullets or item letters ("• Meet the field office", "a. Photography:") holds
    one subject: its first paragraph, up to the blank line or the first marked line; the rest is the
    subject's content, not subjects of their own."""
    text = text.strip()
    if not text:
        return []
    lines = [ln.strip() for ln in text.split("\n")]
    marked = [k for k, ln in enumerate(lines) if k and _POINT.match(ln)]
    if marked and lines[0] and not _POINT.match(lines[0]):
        end = min([marked[0], *(k for k, ln in enumerate(lines) if not ln)])
        title = join_lines("\n".join(lines[:end])).strip()
        points = join_lines("\n".join(ln for ln in lines[end:] if ln)).strip()
        return [(title, points)] if title else []
    if "" in lines:
        paras: list[list[str]] = [[]]
        for ln in lines:
            if not ln:
                if paras[-1]:
                    paras.append([])
            else:
                paras[-1].append(ln)
    elif not pdf or all(_BULLET.match(ln) for ln in lines):
        paras = [[ln] for ln in lines]
    else:
        paras = [lines]
    out = []
    for para in paras:
        title = _BULLET.sub("", join_lines("\n".join(para))).strip()
        if title:
            out.append((title, ""))
    return out


_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,4}|[A-H])[.)]?\s+")


def find_day_lists(blocks: tuple[Block, ...], year: int | None) -> list[AgendaItem]:
    """List items under day headings (see the module's description)."""
    parts = vocab.current().regex("agenda", "parts_of_day", r"^(?:{})\W*$")
    out: list[AgendaItem] = []
    day_level: int | None = None
    date: str | None = None
    first: tuple[str, int] | None = None  # (date, ordinal) of the first dated day
    days = 0
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            text = _SECTION_NUMBER.sub("", block.text.strip())
            d = day_heading(text, year)
            if (
                d is not None
                and (d.date or d.ordinal is not None)
                and (day_level is None or block.level <= day_level)
            ):
                day_level, date, days = block.level, d.date, days + 1
                if date and d.ordinal is not None and first is None:
                    first = (date, d.ordinal)
                elif date is None and d.ordinal is not None and first is not None:
                    date = add_days(first[0], d.ordinal - first[1])
                continue
            if day_level is not None and block.level > day_level and parts.match(text):
                continue  # "Morning" / "Afternoon" under the day: a half-day slot, not an item
            if day_level is not None and block.level <= day_level + 1:
                day_level = None  # another section: the days are over
            continue
        if day_level is None or block.kind != BlockKind.LIST_ITEM or not block.text.strip():
            continue
        prov = block.provenance.by(LIST_RULE)
        out.append(AgendaItem(title=join_lines(block.text.strip()), provenance=prov, date=date))
    return out if days >= MIN_DAY_ROWS else []


__all__ = ["LIST_RULE", "RULE", "find_day_lists", "find_day_tables", "subjects_and_points", "subjects_of"]
