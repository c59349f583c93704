"""Dates and times as printed in meeting documents -> ISO dates and 24-hour HH:MM."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DASH = r"\s*(?:-|–|—|‒|to|until)\s*"
_ORD = r"(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: str  # ISO date, YYYY-MM or YYYY
    end: str | None
    pos: int  # offset in the text where it was found
    text: str


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not (1900 <= year <= 2100):
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str) -> int:
    return MONTHS[
        name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]
    ]


_PATTERNS = [
    # 10–13 June 2025 ; 25-28 February 2025 ; 30 March 2021
    re.compile(
        r"\b(?P<d1>\d{1,2})"
        + _ORD
        + r"(?:"
        + _DASH
        + r"(?P<d2>\d{1,2})"
        + _ORD
        + r")?\s+(?:of\s+)?"
        + _MONTH.format(name="m")
        + r",?\s+(?P<y>\d{4})\b",
        re.I,
    ),
    # 30 May–2 June 2025
    re.compile(
        r"\b(?P<d1>\d{1,2})\s+"
        + _MONTH.format(name="m1")
        + _DASH
        + r"(?P<d2>\d{1,2})\s+"
        + _MONTH.format(name="m")
        + r",?\s+(?P<y>\d{4})\b",
        re.I,
    ),
    # May 4-8, 2026 ; March 30, 2021 ; May 4th, 2026
    re.compile(
        r"\b"
        + _MONTH.format(name="m")
        + r"\s+(?P<d1>\d{1,2})"
        + _ORD
        + r"(?:"
        + _DASH
        + r"(?P<d2>\d{1,2})"
        + _ORD
        + r")?,?\s+(?P<y>\d{4})\b",
        re.I,
    ),
    # 2021-03-30
    re.compile(r"\b(?P<y>\d{4})-(?P<mnum>\d{2})-(?P<d1>\d{2})\b"),
]
_MONTH_YEAR = re.compile(r"\b" + _MONTH.format(name="m") + r",?\s+(?P<y>\d{4})\b", re.I)


def find_dates(text: str) -> list[DateSpan]:
    """Every full date or date range in ``text``, in order of appearance."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            g = m.groupdict()
            y = int(g["y"])
            month = int(g["mnum"]) if g.get("mnum") else _month(g["m"])
            start = iso(y, _month(g["m1"]) if g.get("m1") else month, int(g["d1"]))
            end = iso(y, month, int(g["d2"])) if g.get("d2") else None
            if start:
                found.append(DateSpan(start, end, m.start(), m.group(0)))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.pos)


def find_month_years(text: str) -> list[DateSpan]:
    """'December, 2021' / 'January 2021' with no day: month precision."""
    out = []
    for m in _MONTH_YEAR.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if re.search(r"\d\s*$", before):
            continue  # part of a full date
        value = iso(int(m.group("y")), _month(m.group("m")))
        if value:
            out.append(DateSpan(value, None, m.start(), m.group(0)))
    return out


def parse_day_month(text: str, year: int) -> str | None:
    """'Tuesday 25 February', 'Wednesday, 11 June' -> ISO with the given year."""
    m = re.search(r"\b(\d{1,2})" + _ORD + r"\s+" + _MONTH.format(name="m") + r"(?!\s*,?\s*\d{4})", text, re.I)
    if m:
        return iso(year, _month(m.group("m")), int(m.group(1)))
    m = re.search(_MONTH.format(name="m") + r"\s+(\d{1,2})" + _ORD + r"\b", text, re.I)
    if m:
        return iso(year, _month(m.group("m")), int(m.group(2)))
    return None


_TIME = r"(?P<{h}>\d{{1,2}})(?:[:.h](?P<{m}>\d{{2}}))?\s*(?P<{ap}>a\.?\s?m\.?|p\.?\s?m\.?|noon)?"
_TIME_RANGE = re.compile(
    r"(?<![\d/])"
    + _TIME.format(h="h1", m="m1", ap="ap1")
    + r"\s*(?:-|–|—|‒|to)\s*\(?"
    + _TIME.format(h="h2", m="m2", ap="ap2")
    + r"\)?(?![\d/])",
    re.I,
)
_SINGLE_TIME = re.compile(r"(?<![\d/])" + _TIME.format(h="h", m="m", ap="ap") + r"(?![\d/])", re.I)


def _to24(h: int, m: int, ap: str | None) -> str | None:
    ap = (ap or "").lower().replace(".", "").replace(" ", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif ap == "noon":
        h, m = 12, 0
    if not (0 <= h <= 24 and 0 <= m < 60):
        return None
    return f"{h:02d}:{m:02d}"


def parse_time_range(text: str) -> tuple[str | None, str | None, re.Match[str] | None]:
    """'10 a.m.–1 p.m.' -> ('10:00','13:00'); '3–5 p.m.' -> ('15:00','17:00'); '14:00 - 14:15'.

    A range with one am/pm marker applies it to both ends when that keeps start before end
    ("3–5 p.m."), else only to the end ("10–1 p.m." = 10:00-13:00).
    """
    m = _TIME_RANGE.search(text)
    if not m:
        return None, None, None
    if not (m.group("m1") or m.group("ap1") or m.group("m2") or m.group("ap2")):
        return None, None, None  # "1-2" is a number range, not times
    start, end = _range_times(m)
    return start, end, m


def find_time_ranges(text: str) -> list[tuple[str | None, str | None, re.Match[str]]]:
    """Every time range in ``text`` in order, converted as ``parse_time_range`` does ("1-2" is skipped)."""
    out = []
    for m in _TIME_RANGE.finditer(text):
        start, end = _range_times(m)
        if start or end:
            out.append((start, end, m))
    return out


def _range_times(m: re.Match[str]) -> tuple[str | None, str | None]:
    if not (m.group("m1") or m.group("ap1") or m.group("m2") or m.group("ap2")):
        return None, None
    h1, h2 = int(m.group("h1")), int(m.group("h2"))
    m1, m2 = int(m.group("m1") or 0), int(m.group("m2") or 0)
    ap1, ap2 = m.group("ap1"), m.group("ap2")
    if ap2 and not ap1:
        cand = _to24(h1, m1, ap2)
        end = _to24(h2, m2, ap2)
        if cand and end and cand <= end:
            ap1 = ap2
        else:
            ap1 = "am" if ap2.lower().startswith("p") and h1 < 12 and h1 > h2 else None
    start, end = _to24(h1, m1, ap1), _to24(h2, m2, ap2)
    if start and end and end < start and not ap2 and h2 < 12 and not ap1:
        end = _to24(h2 + 12, m2, None)  # "18:00-6:30" style slips: keep it ordered
    return start, end


def parse_time(text: str) -> tuple[str | None, re.Match[str] | None]:
    m = _SINGLE_TIME.search(text)
    if not m or not (m.group("m") or m.group("ap")):
        return None, None
    return _to24(int(m.group("h")), int(m.group("m") or 0), m.group("ap")), m
