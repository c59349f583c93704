"""Document metadata from the cover and the front matter: title, dates, symbol, venue, format,
time zone, organisation, meeting name.

Labels ("Venue:", "Date of publication:", "Copyright ©"), publisher and place names are
``[document]`` and ``[organisations]`` vocabulary; dates are read by the one date grammar
(``dates.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Block, BlockKind, DocType
from . import vocab
from .cover import (
    HEAD_CHARS,
    SYMBOL,
    cover_blocks,
    front_blocks,
    head,
    is_furniture,
    is_label_cell,
    key_values,
    label_value,
)
from .dates import MONTHS, DateSpan, find_dates, find_month_years, iso
from .title import find_title, join_title

__all__ = [
    "HEAD_CHARS",
    "Metadata",
    "cover_blocks",
    "document_date",
    "event_name",
    "extract_metadata",
    "find_title",
    "join_title",
]

_TZ = re.compile(r"\b(?:GMT|UTC)\s*[+−-]\s*\d{1,2}(?::\d{2})?\b|\b(?:CET|CEST|EST|EDT|ICT|JST|KST|EAT)\b")
_FORMAT = re.compile(r"\b(virtual|online|hybrid|in[- ]person)\b(?:\s+(?:meeting|format|event))?", re.I)
_BRACKETED_DATE = re.compile(r"^\[\s*([^\[\]]{6,30}?)\s*\]$")
_LABEL_GAP = 4  # words allowed between an issue label and its date ("Copyright © Publisher May 2025")
_SCAN_BLOCKS = 200  # labelled meeting dates and "will be held" sentences are looked for this far


@dataclass(slots=True)
class Metadata:
    title: str = ""
    issued: str | None = None
    meeting_start: str | None = None
    meeting_end: str | None = None
    symbol: str = ""
    venue: str = ""
    meeting_format: str = ""
    time_zone: str = ""
    organisation: str = ""
    meeting_name: str = ""
    meeting_number: str = ""


def extract_metadata(blocks: tuple[Block, ...], margins: tuple[str, ...] = ()) -> Metadata:
    """Everything the cover tells. ``margins`` are the lines the extractor took off the first
    page's margins as running heads (where a document's symbol is printed)."""
    meta = Metadata()
    cover = cover_blocks(blocks)
    cover_text = "\n".join(b.text for b in cover)
    meta.title = find_title(blocks)
    meta.symbol = find_symbol(cover, margins)
    meta.issued = find_issue_date(blocks)
    meta.meeting_start, meta.meeting_end = find_meeting_dates(blocks, meta.title)
    meta.venue = find_venue(blocks)
    tz = _TZ.search(cover_text) or _TZ.search("\n".join(head(b.text) for b in blocks[:120]))
    if tz:
        meta.time_zone = tz.group(0).replace(" ", "")
    fm = _FORMAT.search(cover_text) or next(
        (m for b in blocks[:120] if (m := re.search(r"format\s*:\s*(.+)", head(b.text), re.I))), None
    )
    if fm:
        meta.meeting_format = (
            (fm.group(1) if fm.re is not _FORMAT else fm.group(0)).strip().rstrip(".").lower()
        )
    meta.organisation = find_organisation(cover_text + "\n" + meta.title)
    name = event_name(meta.title) or event_name(cover_text)
    meta.meeting_name = name
    num = re.search(r"\b(\d+)(?:st|nd|rd|th)\b", name)
    if num:
        meta.meeting_number = num.group(1)
    return meta


def find_organisation(text: str) -> str:
    """The first of the ``[organisations]`` names, in the list's order, that the cover or title
    prints: the list runs from the most specific publisher to the broadest (a family of bodies
    comes last, as a UN cover prints it above every body's name)."""
    for org in vocab.current().phrases("organisations", "names"):
        if re.search(r"(?<![\w-])" + vocab.phrase_pattern(org) + r"(?![\w-])", text):
            return org
    return ""


def find_symbol(cover: list[Block], margins: tuple[str, ...] = ()) -> str:
    """A document symbol ("DP/2025/6", "E/ICEF/2025/11") printed at the head of the cover."""
    lines = list(margins) + [b.text for b in cover[:8] if b.kind != BlockKind.TABLE]
    for line in lines:
        for m in SYMBOL.finditer(line):
            sym = m.group(0).rstrip(".")
            if sym.count("/") >= 2 and re.search(r"\d", sym):
                return sym
    return ""


def _meeting_rx() -> str:
    return vocab.current().pattern("document", "meetings")


def event_name(text: str) -> str:
    """'the 9th Regional Evaluation Week (REW)' -> 'The 9th Regional Evaluation Week'."""
    rx = re.compile(
        r"\b(?:the\s+)?(?P<ord>\d+(?:st|nd|rd|th)\s+)?(?P<name>(?:[A-Z][\w'’-]*[ \t]+){1,7}(?i:"
        + _meeting_rx()
        + r"))\b"
    )
    m = rx.search(text)
    if not m or not m.group("name")[-1:].isalpha() or not m.group("name").split()[-1][:1].isupper():
        return ""
    ordinal = (m.group("ord") or "").strip()
    return " ".join(x for x in ("The" if ordinal else "", ordinal, m.group("name").strip()) if x)


# ---------------------------------------------------------------- date of issue


def _label_before(before: str, section: str, key: str, gap: int = 0) -> bool:
    """The text before a date ends in a label of the list, with at most ``gap`` words after it."""
    words = vocab.current().phrases(section, key)
    if not words:
        return False
    alt = vocab.current().pattern(section, key)
    tail = r"(?:\s+[^\s\d]+){0," + str(gap) + r"}" if gap else ""
    return bool(
        re.search(r"(?<![\w-])(?:" + alt + r")\.?\s*[:：]?" + tail + r"\s*[:：,.]?\s*$", before, re.I)
    )


def _is_issue_label(before: str) -> bool:
    before = before.strip()
    if _label_before(before, "document", "not_issue_labels", gap=2):
        return False
    return _label_before(before, "document", "issue_labels", gap=_LABEL_GAP)


def _dates_in(text: str) -> list[DateSpan]:
    return sorted(find_dates(text) + find_month_years(text), key=lambda d: d.pos)


def find_issue_date(blocks: tuple[Block, ...]) -> str | None:
    """The date of issue: a labelled date on the cover ('Distr.: General 2 December 2024'), a
    bracketed date at the head of the front matter ('[1 May 2025]'), or a labelled date of the front
    matter ('Copyright © Publisher February 2025', 'Approved for publication: November 2016')."""
    texts = [b.text for b in cover_blocks(blocks, 60)]
    for i, text in enumerate(texts):
        for d in _dates_in(text):
            if d.end not in (None, d.start):
                continue  # a range: nothing is issued over several days ("Date de mission 7-11 Mars")
            before = text[: d.pos]
            if not before.strip() and i > 0:
                before = texts[i - 1]
            if _is_issue_label(before):
                return d.start
    front = front_blocks(blocks)
    for b in front:
        m = _BRACKETED_DATE.match(b.text.strip())
        if m:
            ds = find_dates(m.group(1))
            if ds and ds[0].end in (None, ds[0].start):
                return ds[0].start
    for b in front:
        for row in b.text.split("\n") if b.kind == BlockKind.TABLE else [head(b.text)]:
            for d in _dates_in(row):
                if (
                    d.end in (None, d.start)
                    and _is_issue_label(row[: d.pos])
                    and not _label_before(row[: d.pos].strip(), "document", "date_labels")
                ):
                    return d.start
    # whole-document labels, e.g. a response matrix's 'Date of publication: December 2024.'
    rx = re.compile(r"date\s+of\s+(?:publication|issue)\s*:?\s*(.+)", re.I)
    for b in blocks:
        for row in b.text.split("\n") if b.kind == BlockKind.TABLE else [head(b.text)]:
            m = rx.search(row)
            if m:
                ds = _dates_in(m.group(1))
                if ds:
                    return ds[0].start
    return None


def find_cover_date(blocks: tuple[Block, ...]) -> str | None:
    """An unlabelled date standing alone on the cover ('January, 2021' top right of a brief)."""
    for b in cover_blocks(blocks, 25):
        text = b.text.strip()
        ds = _dates_in(text)
        if len(text) > 40:
            # a short cover line that ends with a date: "Author, Role - City Mai 2022"
            if len(text) > 100 or not ds or ds[-1].pos + len(ds[-1].text) != len(text.rstrip(". ")):
                continue
            text = text[ds[-1].pos :]
            ds = _dates_in(text)
        if ds and _is_period(text, ds):
            continue  # '27 April 2024–25 April 2025': a period (reported on, or met in), not an issue date
        if ds and not _label_before(text[: ds[0].pos].strip() or "-", "document", "not_issue_labels", gap=2):
            return ds[0].start
    return None


def _is_period(text: str, ds: list[DateSpan]) -> bool:
    """A date range ('12 to 14 May 2009') or two dates joined by a dash or 'to'."""
    if ds[0].end not in (None, ds[0].start):
        return True
    if len(ds) < 2:
        return False
    between = text[ds[0].pos + len(ds[0].text) : ds[1].pos]
    return bool(re.fullmatch(r"\s*(?:[-–—]|to|until|through)\s*", between, re.I))


def _year_of_issue(blocks: tuple[Block, ...]) -> str | None:
    """'Publisher • City, 2025': a year-only imprint on the cover or the title page."""
    v = vocab.current()
    names = v.phrases("organisations", "names") + v.phrases("document", "imprint_places")
    if not names:
        return None
    alt = "|".join(vocab.phrase_pattern(n) for n in sorted(set(names), key=len, reverse=True))
    rx = re.compile(r"^(?:(?:" + alt + r")\s*[•,·]?\s*){1,3},?\s*((?:19|20)\d{2})\s*$")
    for b in front_blocks(blocks, pages=3, limit=80):
        m = rx.match(b.text.strip())
        if m:
            return m.group(1)
    return None


# ---------------------------------------------------------------- meeting dates


def find_meeting_dates(blocks: tuple[Block, ...], title: str) -> tuple[str | None, str | None]:
    """The meeting's dates, by the strongest evidence: a labelled date ('Dates: ...', a 'Dates'
    row of a key-value table), a date range on the cover, a sentence saying when the meeting is
    held, any other date on the cover that is not an issue date, a day and month on the cover
    with the year elsewhere, an ordinal date in running text."""
    for strategy in (_labelled_dates, _cover_range, _held_sentence):
        found = strategy(blocks)
        if found[0]:
            return found
    found = _cover_date(blocks)
    if found[0]:
        return found
    return _day_month_on_cover(blocks, title)


def _labelled_dates(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    scan = blocks[:_SCAN_BLOCKS]
    for label, value, _ in key_values(scan):
        if is_label_cell(label, "document", "date_labels"):
            ds = find_dates(value)
            if ds:
                return ds[0].start, ds[0].end
    for i, b in enumerate(scan):
        if b.kind == BlockKind.TABLE:
            continue
        if (
            b.kind == BlockKind.HEADING
            and is_label_cell(b.text, "document", "date_labels")
            and i + 1 < len(scan)
        ):
            ds = find_dates(head(scan[i + 1].text))  # a "Timing" heading over the dates
            if ds and ds[0].pos == 0:
                return ds[0].start, ds[0].end
        for line in head(b.text).split("\n"):
            labelled = label_value(line, "document", "date_labels")
            ds = find_dates(labelled) if labelled else []
            if ds:
                return ds[0].start, ds[0].end
    return None, None


def _cover_candidates(blocks: tuple[Block, ...]):
    cover = cover_blocks(blocks, 60)
    for i, b in enumerate(cover):
        text = b.text
        prev = cover[i - 1].text if i > 0 else ""
        for d in find_dates(text):
            before = text[: d.pos]
            spans_days = bool(d.end and d.end != d.start)  # nothing is issued over several days
            if not spans_days and (
                _is_issue_label(before)
                or _label_before(before.strip(), "document", "not_issue_labels", gap=2)
            ):
                continue
            if not before.strip() and _label_awaits_date(prev):
                continue
            yield b, d


def _cover_range(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    for _, d in _cover_candidates(blocks):
        if d.end and d.end != d.start:
            return d.start, d.end
    return None, None


def _cover_date(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    for _, d in _cover_candidates(blocks):
        return d.start, d.end
    return None, None


_HELD = re.compile(
    r"\b(?:(?:will\s+be|was|were|is|are|being)\s+(?:held|convened|organi[sz]ed|conducted)|will\s+take\s+place|"
    r"took\s+place|takes\s+place)\s+(?:(?:in|at|over)\s+[^.,;]{1,60}?\s*,?\s+)?(?:from|on|between)\s+"
    r"(?P<rest>[^.;\n]{4,80})",
    re.I,
)


def _held_sentence(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    """'The workshop will be held from 1 to 3 December 2025 in ...': the meeting's dates in a sentence."""
    for b in blocks[:_SCAN_BLOCKS]:
        for m in _HELD.finditer(head(b.text)):
            ds = find_dates(m.group("rest"))
            if ds and ds[0].pos == 0:
                return ds[0].start, ds[0].end
    return None, None


def _label_awaits_date(prev: str) -> bool:
    """The line before ends in an issue label ('Distr.: General') whose date is this line's: not
    when that line carries its own date ('Distr.: General 1 October 2025')."""
    prev = prev.strip()
    if find_dates(prev) or find_month_years(prev):
        return False
    return _is_issue_label(prev) or _label_before(prev + " General", "document", "issue_labels", gap=1)


_MONTH_NAMES = r"(January|February|March|April|May|June|July|August|September|October|November|December)"


def _day_month_on_cover(blocks: tuple[Block, ...], title: str) -> tuple[str | None, str | None]:
    """'Tokyo, 25-27 February' with the year elsewhere on the cover; else an ordinal date in the
    running text ('on the 4th ... of May 2026')."""
    cover_text = "\n".join(b.text for b in cover_blocks(blocks, 60))
    year_m = re.search(r"\b(19|20)\d{2}\b", title + " " + cover_text)
    m = re.search(r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s+" + _MONTH_NAMES + r"\b(?!\s*,?\s*\d{4})", cover_text)
    if m and year_m:
        month = MONTHS[m.group(3).lower()]
        y = int(year_m.group(0))
        return iso(y, month, int(m.group(1))), iso(y, month, int(m.group(2)))
    rx = re.compile(
        r"\b(?:on|from)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b[^.]{0,60}?\bof\s+" + _MONTH_NAMES + r"\s+(\d{4})",
        re.I,
    )
    for b in blocks:
        m = rx.search(head(b.text))
        if m:
            return iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))), None
    return None, None


# ---------------------------------------------------------------- venue

_VENUE_TAIL = re.compile(r"^\s*[,–—-]?\s*(?P<v>[A-Z][^\n;]{1,80}?)\s*\.?$")
_HELD_IN = re.compile(
    r"\b(?:held|convened|hosted|take\s+place|took\s+place|takes\s+place|organi[sz]ed)\s+(?:in|at)\s+"
    r"(?P<v>[A-Z][\w'’.-]*(?:[ ,]+(?:[A-Z][\w'’.-]*|\([A-Z]+\)|of|the|and|de|du))*)",
)


def find_venue(blocks: tuple[Block, ...]) -> str:
    """Where the meeting is held: a 'Venue:'/'Place:' label (in a line or a key-value table), the
    place beside the meeting's dates on the cover ('21-25 October 2024, Bangkok, Thailand'), or
    'held in X' in a sentence."""
    scan = blocks[:_SCAN_BLOCKS]
    for label, value, _ in key_values(scan):
        if is_label_cell(label, "document", "venue_labels"):
            return _clean_venue(value)
    for b in scan:
        if b.kind == BlockKind.TABLE:
            continue
        for line in head(b.text).split("\n"):
            labelled = label_value(line, "document", "venue_labels")
            if labelled:
                return _clean_venue(labelled)
    for b in cover_blocks(blocks, 60):
        if b.kind == BlockKind.TABLE:
            continue
        for line in b.text.split("\n"):
            venue = _venue_beside_date(line)
            if venue:
                return venue
    for b in scan:
        m = _HELD_IN.search(head(b.text))
        if m:
            return _clean_venue(m.group("v"))
    return ""


def _venue_beside_date(line: str) -> str:
    ds = find_dates(line)
    if not ds or len(line) > 160:
        return ""
    d = ds[0]
    m = _VENUE_TAIL.match(line[d.pos + len(d.text) :])
    if m and not find_dates(m.group("v")) and not _not_a_place(m.group("v")):
        return _clean_venue(m.group("v"))
    before = line[: d.pos].rstrip(" ,–—-(")
    m = re.search(r"(?:^|[.;:]\s*)(?P<v>[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3})$", before)
    if (
        m
        and before.endswith(m.group("v"))
        and line[: d.pos].rstrip().endswith(",")
        and not _not_a_place(m.group("v"))
    ):
        return _clean_venue(m.group("v"))
    return ""


def _not_a_place(text: str) -> bool:
    """A meeting's name, a weekday, an issue label or a kind is no place."""
    v = vocab.current()
    words = v.phrases("document", "meetings") + v.phrases("document", "issue_labels")
    rx = re.compile(r"(?<![\w-])(?:" + (v.pattern("document", "meetings") or "(?!x)x") + r")(?![\w-])", re.I)
    if words and rx.search(text):
        return True
    if re.search(
        r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|item|agenda|page)\b", text, re.I
    ):
        return True
    if is_furniture(text.strip()):
        return True  # "Distr.: General 23 October 1998 English": a language of the masthead
    return _label_before(text, "document", "issue_labels") or len(text.split()) > 10


def _clean_venue(text: str) -> str:
    text = text.strip().split("\n")[0]
    for d in find_dates(text):
        text = text.replace(d.text, " ")
    text = re.sub(r"\s+", " ", text).strip(" ,;:.–—-")
    return text[:120]


# ---------------------------------------------------------------- the date rule


def document_date(doc_type: DocType, meta: Metadata, blocks: tuple[Block, ...]) -> str | None:
    """SCHEMA.md's date rule: meeting documents take the first meeting day, others the date of issue."""
    if doc_type in (DocType.CONCEPT_NOTE, DocType.AGENDA):
        return meta.meeting_start or meta.issued or find_cover_date(blocks)
    return (
        meta.issued
        or find_cover_date(blocks)
        or _year_of_issue(blocks)
        or (meta.meeting_start if doc_type == DocType.MEETING_REPORT else None)
    )


_FUTURE = re.compile(
    r"\b(?:will\s+be\s+(?:held|convened|organi[sz]ed|conducted)|will\s+take\s+place)\b", re.I
)


def announces_meeting(blocks: tuple[Block, ...]) -> bool:
    """The document announces a meeting to come ('The workshop will be held ...')."""
    return any(_FUTURE.search(head(b.text)) for b in blocks[:_SCAN_BLOCKS])
