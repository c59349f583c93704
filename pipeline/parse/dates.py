"""Dates, times, durations and day designations as printed in meeting documents.

This is the package's one grammar for them: the metadata reader, the agenda readers and the NLP
stage all go through it, so that a form learnt once ("0830-0900", "9.00 – 10.30", "13:30 - close",
"10 a.m.–1 p.m.", "2–3.30pm", "9h30", "28 November 2017 (Day-2)", "Monday (20/9)") is read
everywhere.

- **Dates**: ``find_dates`` (full dates and ranges), ``find_month_years``, ``parse_day_month``
  (a day and month without a year, the year supplied), ``iso``.
- **Times**: a clock time is ``H:MM``, ``H.MM``, ``HhMM``, ``H a.m.``/``H p.m.``, "noon", or, where
  the text is a time cell (``military=True``), four digits ``HHMM``. A range joins two of them
  with a dash, "to" or "until"; its end may be open ("close", "end", "onwards": the words are the
  ``[dates] open_end`` vocabulary). ``parse_time_range``, ``find_time_ranges``, ``parse_time`` and
  ``lead_time`` (a time at the very start of a text, with the rest) read them; times come back as
  24-hour ``HH:MM``.
- **Durations**: "5 mins", "10 mins (5 mins each)", "(30')", "1 hour", "1.5 hrs": ``parse_duration``
  and ``is_duration``. A duration is never a time and never a title.
- **Days**: ``parse_day`` reads a day designation: a weekday, a date with or without its year, a
  numeric day/month ("20/9"), and an ordinal day ("Day 1", "Day-2", "Day One"), alone or together
  ("Day 1 – Tuesday 25 February", "28 November 2017 (Day-2)", "Monday, 17 June").
  ``day_heading`` says whether a whole line or cell is such a designation (a day header).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from . import vocab

_MONTH_NAMES = [
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
]
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
# Month names of the other working languages documents here are printed in (French, Spanish):
# full names only, matched whole ("Juillet, 2021", "Décembre 2020", "15 de mayo de 2022" is not
# read: only day-month-year and month-year orders are).
_FOREIGN_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("janvier", "enero"),
            ("février", "fevrier", "febrero"),
            ("mars", "marzo"),
            ("avril", "abril"),
            ("mai", "mayo"),
            ("juin", "junio"),
            ("juillet", "julio"),
            ("août", "aout", "agosto"),
            ("septembre", "septiembre", "setiembre"),
            ("octobre", "octubre"),
            ("novembre", "noviembre"),
            ("décembre", "decembre", "diciembre"),
        ],
        1,
    )
    for name in names
}
_FOREIGN = "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December"
    + "|"
    + _FOREIGN
    + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"  # the French and Spanish months are read too
    r"|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
    r"\b\.?"
)
# every dash a document may print between two numbers (hyphen, U+2010/2011, figure dash, en and em dash)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH = r"\s*(?:[" + DASHES + r"]|to|until)\s*"
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


def add_days(date: str, n: int) -> str | None:
    """``date`` (ISO day) plus ``n`` days; None when ``date`` is not a full ISO day."""
    try:
        return (_dt.date.fromisoformat(date[:10]) + _dt.timedelta(days=n)).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    if name in _FOREIGN_MONTHS:
        return _FOREIGN_MONTHS[name]
    return MONTHS[name[:4] if name.startswith("sept") else name[:3]]


# ---------------------------------------------------------------------------------------- dates
_PATTERNS = [
    # 14–18 and 21–23 July 2025 ; 3, 4 and 7 May 2024: a meeting in several blocks, first day to last
    re.compile(
        r"\b(?P<d1>\d{1,2})"
        + _ORD
        + r"(?:"
        + _DASH
        + r"\d{1,2}"
        + _ORD
        + r")?(?:\s*,\s*\d{1,2}"
        + _ORD
        + r"(?:"
        + _DASH
        + r"\d{1,2})?)*\s*,?\s+(?:and|&|et|y)\s+(?:\d{1,2}"
        + _ORD
        + _DASH
        + r")?(?P<d2>\d{1,2})"
        + _ORD
        + r"\s+(?:of\s+)?"
        + _MONTH.format(name="m")
        + r"\s*,?\s+(?P<y>\d{4})\b",
        re.I,
    ),
    # 10–13 June 2025 ; 25-28 February 2025 ; 30 March 2021 ; 20 OCTOBER , 2015 ; 23OCTOBER 2024
    # (a day run into its month by the text layer)
    re.compile(
        r"\b(?P<d1>\d{1,2})"
        + _ORD
        + r"(?:"
        + _DASH
        + r"(?P<d2>\d{1,2})"
        + _ORD
        + r")?(?:\s+(?:(?:of|de)\s+)?|(?=[A-Za-z]{3}))"
        + _MONTH.format(name="m")
        + r"\s*,?\s+(?:de\s+)?(?P<y>\d{4})\b",
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
    # 19-04-2023, 15.08.2019, 19/04/2023: numeric day-month-year, read only where the day cannot be a
    # month (over 12), so no order has to be guessed
    re.compile(
        r"(?<![\w/.-])(?P<d1>1[3-9]|2\d|3[01])(?P<sep>[-./])(?P<mnum>0?[1-9]|1[0-2])(?P=sep)(?P<y>(?:19|20)\d{2})(?![\w/-])"
    ),
]
_MONTH_YEAR = re.compile(
    r"\b" + _MONTH.format(name="m") + r",?\s+(?:(?:de|del)\s+)?(?P<y>\d{4})\b", re.I
)  # "Octubre de 2022"


def find_dates(text: str) -> list[DateSpan]:
    """Every full date or date range in ``text``, in order of appearance."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERIC_RANGE.finditer(text):
        if _in_symbol(text, m.start()):
            continue
        span = _numeric_range(m)
        if span:
            found.append(DateSpan(span[0], span[1], m.start(), m.group(0)))
            taken.append((m.start(), m.end()))
    for m in _DAYS_OF_NUMERIC_MONTH.finditer(text):
        if _in_symbol(text, m.start()):
            continue
        d1, d2, mo, y = (int(m.group(k)) for k in ("d1", "d2", "m", "y"))
        start, end = (iso(y, mo, d1), iso(y, mo, d2)) if mo <= 12 and d1 < d2 else (None, None)
        if start and end:
            found.append(DateSpan(start, end, m.start(), m.group(0)))
            taken.append((m.start(), m.end()))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            if _in_symbol(text, m.start()):
                continue  # "ABC/NOTE/2022/1/Rev.1 March 2023": the 1 belongs to the symbol
            g = m.groupdict()
            y = int(g["y"])
            month = int(g["mnum"]) if g.get("mnum") else _month(g["m"])
            start = iso(y, _month(g["m1"]) if g.get("m1") else month, int(g["d1"]))
            end = iso(y, month, int(g["d2"])) if g.get("d2") else None
            if start:
                found.append(DateSpan(start, end, m.start(), m.group(0)))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.pos)


# "8/1/15 – 8/2/15", "01/08/2015 - 02/08/2015": a range of two numeric dates, day and month in either order
_NUMERIC_RANGE = re.compile(
    r"(?<![\w/.-])(?P<a1>\d{1,2})/(?P<b1>\d{1,2})/(?P<y1>\d{4}|\d{2})\s*[-–—]\s*"
    r"(?P<a2>\d{1,2})/(?P<b2>\d{1,2})/(?P<y2>\d{4}|\d{2})(?![\w/-])"
)


# "15-17/1-2017", "3–5.12.2019": a range of days, then the month and year in figures (day first:
# the days come before the month, as only a day-first writer prints them)
_DAYS_OF_NUMERIC_MONTH = re.compile(
    r"(?<![\w/.-])(?P<d1>\d{1,2})\s*[-–—]\s*(?P<d2>\d{1,2})[/.](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)(?![\w/-])"
)


def _numeric_range(m: re.Match[str]) -> tuple[str, str] | None:
    """The reading (day first or month first) under which the range is valid and shortest: a meeting's
    dates are days apart, so '8/1/15 – 8/2/15' is 1-2 August, not 8 January - 8 February; day first
    on a tie."""

    def year(y: str) -> int:
        return int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 70 else 1900 + int(y))

    a1, b1, a2, b2 = (int(m.group(k)) for k in ("a1", "b1", "a2", "b2"))
    y1, y2 = year(m.group("y1")), year(m.group("y2"))
    readings = []
    for first, (d1, m1, d2, m2) in enumerate(((a1, b1, a2, b2), (b1, a1, b2, a2))):
        start, end = iso(y1, m1, d1) if m1 <= 12 else None, iso(y2, m2, d2) if m2 <= 12 else None
        if start and end and start <= end:
            days = (_dt.date.fromisoformat(end) - _dt.date.fromisoformat(start)).days
            readings.append((days, first, start, end))
    if not readings:
        return None
    _, _, start, end = min(readings)
    return start, end


def _in_symbol(text: str, start: int) -> bool:
    """The number at ``start`` is glued to a symbol or version before it ("Rev.1", "2022/1")."""
    return start >= 2 and text[start - 1] in "./" and text[start - 2].isalnum()


_DIGITS_BEFORE = re.compile(r"\d+(?=\s{0,3}$)")  # a number right before a month ("12 March 2020")


def find_month_years(text: str) -> list[DateSpan]:
    """'December, 2021' / 'January 2021' with no day: month precision."""
    out = []
    for m in _MONTH_YEAR.finditer(text):
        head = max(0, m.start() - 12)
        digits = _DIGITS_BEFORE.search(text, head, m.start())
        if digits and not _in_symbol(text, digits.start()):
            continue  # part of a full date
        value = iso(int(m.group("y")), _month(m.group("m")))
        if value:
            out.append(DateSpan(value, None, m.start(), m.group(0)))
    return out


_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})" + _ORD + r"\s+(?:(?:of|de)\s+)?" + _MONTH.format(name="m") + r"(?!\s*,?\s*\d{4})",
    re.I,
)
_MONTH_DAY = re.compile(_MONTH.format(name="m") + r"\s+(?P<d>\d{1,2})" + _ORD + r"\b(?![:.]\d)", re.I)
# 20/9, 29/07, 24.9. (day first, as printed by most international bodies); not 20/9/2021 (a full date)
# a day of the month after a weekday, with nothing after it that could be its month ("Martes 18")
_DAY_OF_MONTH = re.compile(r"\s*,?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:./h])(?!\s*[^\W\d_])")
_NUMERIC_DAY = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})\s*[/.]\s*(?P<b>\d{1,2})(?![\d]|[/.]\s*\d)\.?")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d{2})(?!\d)")


def parse_day_month(text: str, year: int) -> str | None:
    """'Tuesday 25 February', 'Wednesday, 11 June', 'June 11' -> ISO with the given year."""
    m = _DAY_MONTH.search(text)
    if m:
        return iso(year, _month(m.group("m")), int(m.group("d")))
    m = _MONTH_DAY.search(text)
    if m:
        return iso(year, _month(m.group("m")), int(m.group("d")))
    return None


def _numeric_day(a: int, b: int, year: int | None) -> str | None:
    """A numeric day and month, day first unless only the other order makes a date."""
    if year is None:
        return None
    if a > 12 >= b or (a <= 12 and b <= 12):
        return iso(year, b, a)
    if b > 12 >= a:
        return iso(year, a, b)
    return None


# ----------------------------------------------------------------------------------------- times
def _time_token(p: str, military: bool) -> str:
    """One clock time; group names carry the prefix ``p`` so that a range can hold two."""
    clock = (
        rf"(?P<{p}h>\d{{1,2}})(?:\s?(?P<{p}sep>[:.h])\s?(?P<{p}m>[0-5]\d))?"
        rf"(?:\s*(?P<{p}ap>[ap]\.?\s?m\b\.?|[ap]\.?\s?m\.|noon|midday))?"
    )
    noon = rf"(?P<{p}nn>noon|midday)"
    if military:
        return rf"(?:(?P<{p}mil>(?:[01]\d|2[0-3])[0-5]\d)(?:\s*h(?:rs?|ours)?\b)?|{clock}|{noon})"
    return rf"(?:{clock}|{noon})"


# a dash may be printed doubled with a soft hyphen between ("08:00 AM-\u00ad\u201008:15 AM", a broken text layer)
_RANGE_SEP = r"\s*(?:[" + DASHES + r"~][\u00ad" + DASHES + r"]*|\bto\b|\buntil\b|\btill\b)\s*"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _open_end() -> str:
    return vocab.current().pattern("dates", "open_end")


def _range_pattern(military: bool) -> re.Pattern[str]:
    return _compiled(
        r"(?<![\d/:])(?<!\d[.,])"
        + _time_token("a", military)
        + _RANGE_SEP
        + r"\(?(?:"
        + _time_token("b", military)
        + r"|(?P<open>"
        + _open_end()
        + r")\b)\)?(?![\d/])(?![.:]\d)"
    )


def _single_pattern(military: bool) -> re.Pattern[str]:
    return _compiled(r"(?<![\d/:])(?<!\d[.,])" + _time_token("a", military) + r"(?![\d/])(?![.:]\d)")


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """A time or time range found in a text: 24-hour ``start``/``end`` (``end`` None for a single
    time or an open end), the printed ``text`` and where it is."""

    start: str
    end: str | None
    text: str
    pos: int
    stop: int
    open_end: bool = False


def _to24(h: int, m: int, ap: str | None) -> str | None:
    ap = (ap or "").lower().replace(".", "").replace(" ", "")
    if ap in ("noon", "midday"):
        h, m = 12, 0
    elif ap == "pm" and h < 12:
        h += 12
    # "12 a.m." is printed for noon far more often than a meeting runs at midnight: 12:00 stays
    if not (0 <= h <= 24 and 0 <= m < 60):
        return None
    return f"{h:02d}:{m:02d}"


def _clock(g: dict, p: str) -> tuple[int, int, str | None] | None:
    if g.get(p + "nn"):
        return 12, 0, "noon"
    if g.get(p + "mil"):
        v = g[p + "mil"]
        return int(v[:2]), int(v[2:]), None
    if g.get(p + "h") is None:
        return None
    return int(g[p + "h"]), int(g.get(p + "m") or 0), g.get(p + "ap")


def _explicit(g: dict, p: str) -> bool:
    """The time is written as a clock time, not a bare number ("9" alone could be anything)."""
    return bool(
        g.get(p + "m") or g.get(p + "ap") or g.get(p + "mil") or g.get(p + "nn") or g.get(p + "sep") == "h"
    )


def _range_times(m: re.Match[str]) -> tuple[str | None, str | None]:
    g = m.groupdict()
    a = _clock(g, "a")
    if a is None:
        return None, None
    if g.get("open"):
        if not _explicit(g, "a"):
            return None, None
        return _to24(*a), None
    b = _clock(g, "b")
    if b is None or not (_explicit(g, "a") or _explicit(g, "b")):
        return None, None  # "1-2" is a number range, not times
    (h1, m1, ap1), (h2, m2, ap2) = a, b
    if ap2 and not ap1 and ap2.lower() not in ("noon", "midday"):
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


def _match(m: re.Match[str]) -> TimeMatch | None:
    start, end = _range_times(m)
    if not start:
        return None
    return TimeMatch(start, end, m.group(0), m.start(), m.end(), open_end=bool(m.group("open")))


def time_ranges(text: str, military: bool = False) -> list[TimeMatch]:
    """Every time range in ``text`` in order ("1-2", a number range, is skipped)."""
    out = []
    for m in _range_pattern(military).finditer(text):
        t = _match(m)
        if t:
            out.append(t)
    return out


def parse_time_range(
    text: str, military: bool = False
) -> tuple[str | None, str | None, re.Match[str] | None]:
    """'10 a.m.–1 p.m.' -> ('10:00','13:00'); '3–5 p.m.' -> ('15:00','17:00'); '14:00 - 14:15'.

    A range with one am/pm marker applies it to both ends when that keeps start before end
    ("3–5 p.m."), else only to the end ("10–1 p.m." = 10:00-13:00). The first range of the text
    that reads as times; (None, None, None) when there is none.
    """
    for m in _range_pattern(military).finditer(text):
        start, end = _range_times(m)
        if start:
            return start, end, m
    return None, None, None


def find_time_ranges(text: str, military: bool = False) -> list[tuple[str | None, str | None, re.Match[str]]]:
    """Every time range in ``text`` in order, converted as ``parse_time_range`` does ("1-2" is skipped)."""
    out = []
    for m in _range_pattern(military).finditer(text):
        start, end = _range_times(m)
        if start or end:
            out.append((start, end, m))
    return out


def parse_time(text: str, military: bool = False) -> tuple[str | None, re.Match[str] | None]:
    """The first clock time in ``text`` ('9:15', '2 p.m.', 'noon'); a bare number is not one."""
    for m in _single_pattern(military).finditer(text):
        g = m.groupdict()
        if not _explicit(g, "a"):
            continue
        c = _clock(g, "a")
        if c:
            return _to24(*c), m
    return None, None


def lead_time(text: str, *, cell: bool = False) -> TimeMatch | None:
    """A time range or single time at the very start of ``text``.

    ``cell`` says the text is a time column's cell (or a line led by its time): there four-digit
    times ("0830-0900") count, and a single time may be a bare hour only when a.m./p.m. follow.
    """
    text = text.lstrip()
    start, end, m = parse_time_range(text, military=cell)
    if start and m is not None and m.start() == 0:
        return TimeMatch(start, end, m.group(0), 0, m.end(), open_end=bool(m.group("open")))
    for m1 in _single_pattern(cell).finditer(text):
        if m1.start() != 0:
            break
        g = m1.groupdict()
        if not _explicit(g, "a"):
            break
        rest = text[m1.end() :]
        if rest and not rest[:1].isspace() and rest[:1] not in DASHES + ",;)(":
            break
        c = _clock(g, "a")
        t = _to24(*c) if c else None
        if t:
            token = m1.group(0).rstrip()
            onward = re.match(r"\s*(?:" + _open_end() + r")\b", rest, re.I)
            if onward:  # "18:00 onwards"
                return TimeMatch(t, None, text[: m1.end() + onward.end()], 0, m1.end() + onward.end(), True)
            return TimeMatch(t, None, token, 0, len(token))
    return None


# ------------------------------------------------------------------------------------- durations
_DURATION = re.compile(
    r"(?<![\d:.])(?:(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:-\s*)?(?P<u>minutes?|mins?\b\.?|mn\b|hours?|hrs?\b\.?|h\b)"
    r"|(?P<q>\d{1,3})\s*(?:['’′]|\s?min\b))",
    re.I,
)
_DURATION_FILLER = re.compile(
    r"\b(?:each|per|approx\.?|approximately|about|total|max\.?|maximum|ca\.?|in|for|speakers?|presentations?)\b"
    r"|[()\[\],;:~+x×/&-]",
    re.I,
)


def parse_duration(text: str) -> int | None:
    """Minutes of the first duration in ``text`` ("5 mins", "(30')", "1.5 hours", "1 h")."""
    m = _DURATION.search(text)
    if not m:
        return None
    if m.group("q"):
        return int(m.group("q"))
    n = float(m.group("n").replace(",", "."))
    unit = m.group("u").lower()
    return round(n * 60) if unit.startswith("h") else round(n)


def is_duration(text: str) -> bool:
    """The whole text says how long something lasts ("10 mins (5 mins each)", "(30')"), nothing else."""
    text = text.strip()
    if not text or len(text) > 60 or not _DURATION.search(text):
        return False
    rest = _DURATION_FILLER.sub(" ", _DURATION.sub(" ", text))
    return not re.search(r"\w", rest)


# ------------------------------------------------------------------------------------------ days
@dataclass(frozen=True, slots=True)
class Day:
    """A day designation: its ISO ``date`` when one can be told, its ``ordinal`` ("Day 2" -> 2),
    and the stretch of text it covers (``pos``-``stop``)."""

    date: str | None
    ordinal: int | None
    pos: int
    stop: int
    weekday: bool = False
    dom: int | None = None  # a day of the month printed without its month ("Martes 18")

    def in_month(self, month: str | None) -> str | None:
        """The date of a day printed without its month ("Tuesday 18"), in the month of ``month``
        ("2022-10" or a full date), when that day of that month is the printed weekday."""
        if self.date or self.dom is None or not month or len(month) < 7:
            return self.date
        return iso(int(month[:4]), int(month[5:7]), self.dom)


# Ordinal words, for day designations here and meeting numbers in the NLP stage ("Twelfth").
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# "Day One", "Second day": the day words this grammar reads
_ORDINAL_WORDS = {**_CARDINALS, **{w: n for w, n in ORDINALS.items() if n <= 10}}


def _ordinal_day() -> re.Pattern[str]:
    words = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    day = vocab.current().pattern("dates", "day_word")
    return _compiled(
        r"\b(?:(?P<w1>"
        + words
        + r")\s+(?:"
        + day
        + r")\b|(?:"
        + day
        + r")\s*[-#.]?\s*(?:(?P<n>\d{1,2})(?!\s*[:.]\d)"
        r"\b|(?P<w2>" + words + r")\b))"
    )


_WEEKDAY = re.compile(r"\b" + WEEKDAY, re.I)


def parse_day(text: str, year: int | None = None) -> Day | None:
    """The first day designation in ``text``: a date (full, or day and month with ``year``, or
    numeric "20/9" next to a weekday, a "Day N" or in a short cell), a weekday, a "Day N"; the
    parts found together are one ``Day``."""
    spans: list[tuple[int, int]] = []
    date: str | None = None
    full = find_dates(text)
    if full:
        date = full[0].start
        spans.append((full[0].pos, full[0].pos + len(full[0].text)))
    else:
        m = _NUMERIC_DATE.search(text)
        if m:
            date = _numeric_day(int(m.group("a")), int(m.group("b")), int(m.group("y")))
            if date:
                spans.append((m.start(), m.end()))
    if date is None and year is not None:
        for rx in (_DAY_MONTH, _MONTH_DAY):
            m = rx.search(text)
            if m:
                date = iso(year, _month(m.group("m")), int(m.group("d")))
                if date:
                    spans.append((m.start(), m.end()))
                    break
    wd = _WEEKDAY.search(text)
    if wd:
        spans.append((wd.start(), wd.end()))
    od = _ordinal_day().search(text)
    ordinal = None
    if od:
        ordinal = (
            int(od.group("n"))
            if od.group("n")
            else _ORDINAL_WORDS[(od.group("w1") or od.group("w2")).lower()]
        )
        spans.append((od.start(), od.end()))
    if date is None and (wd or od or len(text.strip()) <= 12):
        m = _NUMERIC_DAY.search(text)
        near = m is not None and (
            len(text.strip()) <= 12 or any(abs(m.start() - b) <= 4 or abs(a - m.end()) <= 4 for a, b in spans)
        )
        if m and near and not re.match(r"\s*(?:[ap]\.?m|h\b|hrs?\b)", text[m.end() :], re.I):
            date = _numeric_day(int(m.group("a")), int(m.group("b")), year)
            if date:
                spans.append((m.start(), m.end()))
    if not spans or (date is None and ordinal is None and not wd):
        return None
    if date and wd and year is not None and not full and not _NUMERIC_DATE.search(text):
        date = _weekday_year(date, wd.group(0))
    dom = None
    if wd and date is None and ordinal is None:
        m = _DAY_OF_MONTH.match(text, wd.end())
        if m and 1 <= int(m.group("d")) <= 31:
            dom = int(m.group("d"))  # "Martes 18", "Tuesday, 18th": the month is the document's
            spans.append((m.start(), m.end()))
    return Day(date, ordinal, min(a for a, _ in spans), max(b for _, b in spans), weekday=bool(wd), dom=dom)


def _weekday_year(date: str, weekday: str) -> str:
    """A day and month printed without a year take the year from the document; where the printed
    weekday does not fall on that date, the year after (or before) on which it does is meant
    ("Thursday, 13 February" in a note issued in December 2024 is 13 February 2025)."""
    want = weekday[:3].lower()
    y, m, d = (int(p) for p in date.split("-"))
    for year in (y, y + 1, y - 1):
        try:
            if ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[_dt.date(year, m, d).weekday()] == want:
                return f"{year:04d}-{m:02d}-{d:02d}"
        except ValueError:
            continue
    return date


# a lead that runs on into the date: "Meeting to be held on Monday, 29 June" is a sentence, not a heading
_OPEN_LEAD = re.compile(r"\b(?:on|from|until|till|to|by|of|at|in|held|and|before|after)$", re.I)


def day_heading(text: str, year: int | None, *, cell: bool = False, heading: bool = False) -> Day | None:
    """``text`` is a day header: it opens with a day designation and says little else.

    'Day 1: Tuesday 25 February', 'Tuesday, 30 March 2021', '28 November 2017 (Day-2)',
    'Monday (20/9)', 'DAY 1. 4TH MAY, 2026', 'Wednesday\\n23 October'. A theme after the day
    ("Day 1: Linux and HPC Basics") is allowed; a sentence that mentions a date is not a header.
    ``cell`` (a table cell of its own) allows the day to stand anywhere in a short text; ``heading`` (a
    bold or heading line) allows a part's name before a full date that ends the line
    ('II. DELVING INTO DARK SKIES Monday, 29 June').
    """
    flat = " ".join(text.split())
    if not flat or len(flat) > 100:
        return None
    day = parse_day(flat, year)
    if day is None:
        return None
    lead = flat[: day.pos].strip(" ([{*–—-:,.")
    rest = flat[day.stop :].strip()
    if lead and not (cell and day.date and len(lead) <= 25 and not re.search(r"\d", lead)):
        if not (
            heading and day.date and not rest.strip(" .)") and len(lead) <= 60 and not _OPEN_LEAD.search(lead)
        ):
            return None
    if lead_time(rest, cell=True) or re.match(r"(?:at|from)\s+\d", rest, re.I):
        return None  # "Monday 3 June 09:00 Opening": a timed line, not a header
    if not rest or len(rest) <= 60 and re.match(r"^[(\[:–—\-.,|]", rest):
        return day
    if day.ordinal is not None and day.pos == 0 and len(flat) <= 100:
        return day  # "Day 1 Linux and HPC Basics"
    if day.date is None and day.ordinal is None:
        return None  # a sentence opening with a weekday
    return day if len(rest) <= 40 and not re.search(r"[.;]$", rest) else None
