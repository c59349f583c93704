"""Numbered agendas ("1. Opening of the session") and the timetables that schedule them.

A run of items numbered 1, 2, 3 ... is read after a block that announces an agenda ("Provisional
annotated agenda", "B. Agenda", "The agenda of the seminar is as follows:"). Lettered sub-items,
"For decision (E/ICEF/...)" lines, unnumbered sub-headings and annotations are the item's
description, never its title. A timetable elsewhere in the document ("Tuesday 10 June | 10 a.m.–1 p.m.
| Item 1 ...") then gives each item the day and the whole time slot it is listed in.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..models import AgendaItem, Block, BlockKind
from ..textutil import join_lines
from .dates import WEEKDAY, day_heading, find_dates, find_time_ranges, parse_day_month, parse_time

_TRIGGER = re.compile(r"\bagenda\b", re.I)
_NOT_TRIGGER = re.compile(
    r"\b(?:2030\s+Agenda|Agenda\s+(?:2030|21|for|2063)|Urban\s+Agenda|Common\s+Agenda|"
    r"agenda\s+items?\b|Addis\s+Ababa|Action\s+Agenda)",
    re.I,
)
_TOC = re.compile(r"(?:\.\s*){4,}\s*\d{0,4}\s*$|…{2,}")
_NUM_MARKER = re.compile(r"^\(?(?P<n>\d{1,2})[.)]?$")
_NUM_TEXT = re.compile(r"^(?:Item\s+)?(?P<n>\d{1,2})[.):]\s+(?P<rest>\S.*)$", re.S)
_SECTION_MARKER = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])[.)]$")
_SECTION_TEXT = re.compile(r"^(?:[IVXLC]{1,6}|[A-H])\.\s+[A-Z]")
_TIMETABLE = re.compile(r"\b(?:time-?table|organi[sz]ation of work|programme of work|schedule)\b", re.I)
_TITLE_CUT = re.compile(
    r"\s+(?=For\s+(?:decision|information|action|discussion|approval|consideration|noting|review|adoption|"
    r"endorsement|guidance)\b|(?:[A-Z][\w-]+\s+)?focal\s+points?\b|"
    r"Documentation\s*:|Documents?\s*:|Annotations?\s*:)"
)
_ITEM_REF = re.compile(
    r"\bItems?\s+(?P<nums>\d{1,2}(?:\s*(?:,|and|to|-|–)\s*\d{1,2})*)\b(?!\s*of\s+the\b)", re.I
)
_OPEN_TIME = re.compile(
    r"(?<![\d/])(?P<t>\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|noon))\s*[–—-](?=\s*(?:\n|\t|$|[^\d\s]))",
    re.I,
)
_DAY_MONTH = re.compile(
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!,?\s*\d{4})|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{1,2}\b(?!,?\s*\d{4}|\d)",
    re.I,
)


@dataclass
class _Item:
    number: str
    title: str
    block: Block
    index: int
    description: list[str] = field(default_factory=list)
    group: str = ""  # the unnumbered heading the item is listed under ("Programme and policy matters")
    date: str | None = None  # the day heading the item is listed under ("DAY 2 Wednesday 26 February 2020")


def _number(block: Block) -> tuple[int | None, str]:
    text = block.text.strip()
    m = _NUM_MARKER.match(block.marker.strip()) if block.marker else None
    if m:
        rest = text
        prefix = re.match(r"^\(?" + m.group("n") + r"[.)]?\s+", text)
        if prefix:
            rest = text[prefix.end() :]
        return int(m.group("n")), rest
    if block.marker and block.kind == BlockKind.LIST_ITEM:
        return None, text
    m2 = _NUM_TEXT.match(text)
    if m2:
        return int(m2.group("n")), m2.group("rest").strip()
    m3 = re.match(r"^(?:Agenda\s+)?Item\s+(\d{1,2})[.:]?$", text, re.I)
    if m3:  # "Item 3" printed on a line of its own, the title below it
        return int(m3.group(1)), ""
    return None, text


def _is_trigger(block: Block) -> bool:
    text = block.text.strip()
    if block.kind == BlockKind.TABLE or not _TRIGGER.search(text) or _TOC.search(text):
        return False
    if _NOT_TRIGGER.search(text) and not re.search(
        r"(?:following|provisional|annotated)\s+agenda|agenda\s+of\b", text, re.I
    ):
        return False
    if text.endswith(":"):
        return len(text) < 300
    headline = block.kind == BlockKind.HEADING or block.bold or len(text) < 100
    return headline and len(text) < 160 and not re.search(r"[.;,]$", text)


def _is_section(block: Block) -> bool:
    if block.marker and _SECTION_MARKER.match(block.marker.strip()):
        return True
    return block.kind == BlockKind.HEADING and bool(_SECTION_TEXT.match(block.text.strip()))


def _runs(blocks: tuple[Block, ...], year: int | None = None) -> list[list[_Item]]:
    runs: list[list[_Item]] = []
    i = 0
    while i < len(blocks):
        if not _is_trigger(blocks[i]):
            i += 1
            continue
        run, end = _read_run(blocks, i + 1, year)
        if len(run) >= 2:
            runs.append(run)
            i = end
        else:
            i += 1
    return runs


def _read_run(blocks: tuple[Block, ...], i: int, year: int | None = None) -> tuple[list[_Item], int]:
    run: list[_Item] = []
    waited = 0
    group = ""
    date: str | None = None
    while i < len(blocks):
        block = blocks[i]
        text = block.text.strip()
        if not text or _TOC.search(text):
            i += 1
            continue
        day = day_heading(text, year) if block.kind != BlockKind.TABLE and len(text) < 120 else None
        if day is not None and day.date:
            date = day.date  # "DAY 2 Wednesday 26 February 2020: Seminar": the items below are on that day
            i += 1
            continue
        if (
            _is_section(block)
            or block.kind == BlockKind.TABLE
            and (_ITEM_REF.search(text) or find_time_ranges(text) or not run)
        ):
            break
        n, rest = _number(block)
        numbered = sum(1 for it in run if it.number)
        if n is not None and n == numbered + 1 and len(rest) < 400:
            if not rest and i + 1 < len(blocks) and blocks[i + 1].kind != BlockKind.TABLE:
                i += 1
                rest = blocks[i].text.strip()
            run.append(_Item(str(n), rest, block, i, group=group, date=date))
        elif n is not None and run:
            break
        elif date is not None and run and _day_entry(block, blocks, i, run[-1].block, year):
            run.append(_Item("", text, block, i, group=group, date=date))
        elif not run:
            waited += 1
            if waited > 6 or (n is None and _is_trigger(block) and waited > 1):
                break
        elif _TIMETABLE.search(text) and len(text) < 200 and block.kind != BlockKind.LIST_ITEM:
            break
        elif block.kind == BlockKind.HEADING and re.search(r"\bannotations?\b|\bagenda\b", text, re.I):
            break  # "Annotations to the provisional agenda": the items again, with their annotations
        elif (
            block.kind == BlockKind.HEADING and len(text) < 100 and _is_group(block, blocks, i, len(run) + 1)
        ):
            group = text  # a grouping heading right before the next item, not the last item's description
        else:
            run[-1].description.append(text)
        i += 1
    return run, i


def _day_entry(block: Block, blocks: tuple[Block, ...], i: int, item: Block, year: int | None) -> bool:
    """An unnumbered line closing a day's numbered items ("Welcome Reception" before "DAY 2 ..."): an
    entry of that day when it is set in the items' type, reads as a name (short, capitalised, no
    full stop) and the next day heading follows it."""
    text = block.text.strip()
    if (
        block.kind == BlockKind.TABLE
        or len(text) > 80
        or not text[:1].isupper()
        or text.endswith((".", ":", ";"))
    ):
        return False
    if block.font_size is None or item.font_size is None or abs(block.font_size - item.font_size) > 0.5:
        return False
    nxt = next((b for b in blocks[i + 1 : i + 3] if b.text.strip()), None)
    if nxt is None or nxt.kind == BlockKind.TABLE or len(nxt.text) >= 120:
        return False
    day = day_heading(nxt.text.strip(), year)
    return day is not None and day.date is not None


def _is_group(heading: Block, blocks: tuple[Block, ...], i: int, expected: int) -> bool:
    """A heading above the next item and ranked above it ('Programme and policy matters' over '3. ...')."""
    nxt = next((b for b in blocks[i + 1 : i + 3] if b.text.strip()), None)
    if nxt is None or _number(nxt)[0] != expected:
        return False
    if nxt.kind != BlockKind.HEADING:
        return True
    return 0 < heading.level < nxt.level


def _split_title(item: _Item) -> tuple[str, str]:
    text = item.title
    desc = list(item.description)
    # a title wrapped onto a block of its own ("of work") continues in lower case
    while (
        desc
        and len(desc[0]) < 160
        and not re.search(r"[.:;]$", text)
        and (
            desc[0][:1].islower()
            and len(desc[0]) < 80
            or re.search(r"(?:\b(?:of|the|and|for|by|in|on|to|with|a|an|from|at)|[,–—-])$", text)
        )
    ):
        text = join_lines(text + "\n" + desc.pop(0))
    text = join_lines(text)
    m = _TITLE_CUT.search(text)
    extra = ""
    if m:
        text, extra = text[: m.start()], text[m.end() :]
    elif len(text) > 160:
        s = re.search(r"(?<=[a-z0-9)])\s+(?=(?:The|This|These|It|In accordance|Under)\s+[a-z])", text)
        if s:
            text, extra = text[: s.start()], text[s.end() :]
    title = text.strip().rstrip(":;,").strip()
    title = re.sub(r"\s*\.$", "", title) if not title.endswith("etc.") else title
    description = join_lines("\n".join(([extra] if extra.strip() else []) + desc))
    return title, description


def find_numbered_agenda(blocks: tuple[Block, ...], year: int | None) -> tuple[list[AgendaItem], bool]:
    """The numbered agenda and whether a timetable scheduled its items."""
    runs = _runs(blocks, year)
    if not runs:
        return [], False
    best = max(runs, key=lambda r: (len(r), sum(len(" ".join(it.description)) for it in r), r[0].index))
    numbers = {it.number for it in best if it.number}
    first, last = best[0].index, max(it.index for it in best)
    slots = _timetable(blocks[last + 1 :], numbers, year)
    if not slots:
        slots = _timetable(blocks[:first], numbers, year)
    items = []
    for it in best:
        title, description = _split_title(it)
        date, start, end = slots.get(it.number, (it.date, None, None))
        if start is None:
            title, start, end = _own_time(title)
        items.append(
            AgendaItem(
                title=title,
                provenance=dataclasses.replace(it.block.provenance, row=None),
                date=date,
                start=start,
                end=end,
                number=it.number or None,
                description=description,
                session=it.group,
            )
        )
    return items, bool(slots)


def _own_time(title: str) -> tuple[str, str | None, str | None]:
    """'Opening of the session (09:00–09:30)' / '09:00–09:30 Opening': a time printed with the item."""
    for start, end, m in find_time_ranges(title):
        if m.start() == 0 or title[m.end() :].strip(" )]") == "":
            rest = (title[: m.start()] + title[m.end() :]).strip()
            rest = re.sub(r"^[\s,;:–—-]+|[\s,;:(\[–—-]+$", "", rest)
            if rest:
                return rest, start, end
    return title, None, None


def _stream(blocks: tuple[Block, ...]) -> str:
    parts: list[str] = []
    for b in blocks:
        if b.kind == BlockKind.TABLE and b.rows:
            parts.extend("\t".join(c.text for c in row) for row in b.rows)
        else:
            parts.append(b.text)
    return "\n".join(parts)


def _timetable(blocks: tuple[Block, ...], numbers: set[str], year: int | None) -> dict[str, tuple]:
    """Item number -> (date, start, end) from the rows of a timetable, in reading order."""
    start_at = next((i for i, b in enumerate(blocks) if _TIMETABLE.search(b.text[:300])), None)
    if start_at is None:
        return {}
    text = _stream(blocks[start_at:])
    if not _ITEM_REF.search(text):
        return {}
    events: list[tuple[int, int, str, tuple]] = []
    for start, end, m in find_time_ranges(text):
        events.append((m.start(), m.end(), "slot", (start, end)))
    for m in _OPEN_TIME.finditer(text):
        t, _ = parse_time(m.group("t"))
        nxt = re.compile(r"(?<![\d/.])\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|noon)", re.I).search(
            text, m.end()
        )
        end, _ = parse_time(nxt.group(0)) if nxt else (None, None)
        if t and end and t < end:
            events.append((m.start(), m.end(), "slot", (t, end)))
    for m in re.finditer(WEEKDAY + r"[\s,]", text):
        d = _DAY_MONTH.search(text, m.end(), m.end() + 300)
        full = find_dates(text[m.end() : m.end() + 40])
        if full and full[0].pos < 5:
            events.append((m.start(), m.end(), "date", (full[0].start,)))
        elif d and year:
            iso = parse_day_month(d.group(0), year)
            if iso:
                events.append((m.start(), m.end(), "date", (iso,)))
    for m in re.finditer(r"(?:^|\n|\t)(?P<d>" + _DAY_MONTH.pattern + ")", text, re.I):
        if year and not re.search(WEEKDAY + r"[\s,]*$", text[max(0, m.start() - 15) : m.start("d")], re.I):
            iso = parse_day_month(m.group("d"), year)
            if iso:  # "10 June | 10 a.m.–1 p.m. | Item 1": a date column without the weekday
                events.append((m.start("d"), m.end("d"), "date", (iso,)))
    for m in _ITEM_REF.finditer(text):
        events.append((m.start(), m.end(), "item", tuple(_expand(m.group("nums")))))
    events.sort(key=lambda e: (e[0], -e[1]))
    out: dict[str, tuple] = {}
    date = start = end = None
    taken_to = -1
    for pos, stop, kind, value in events:
        if kind == "slot":
            if pos < taken_to:
                continue
            start, end = value
            taken_to = stop
        elif kind == "date":
            if value[0] != date:
                start = end = None  # a new day: the last slot of the day before does not carry over
            date = value[0]
        else:
            for n in value:
                if n in numbers and n not in out and (start or date):
                    out[n] = (date, start, end)
    return out


def _expand(nums: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*(?:,|and)\s*", nums):
        r = re.match(r"(\d+)\s*(?:to|-|–)\s*(\d+)", part)
        if r and int(r.group(1)) < int(r.group(2)) <= int(r.group(1)) + 30:
            out.extend(str(k) for k in range(int(r.group(1)), int(r.group(2)) + 1))
        elif part.strip().isdigit():
            out.append(str(int(part)))
    return out
