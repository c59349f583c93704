"""The document's title: a labelled title ("Title: ...", a "Course title | ..." table row), else the
largest type in the cover's title zone, with its wrapped lines and a bold subtitle.

Never a title: a line that names only the document's kind ("CONCEPT NOTE", "TRAINING OUTLINE"),
a section heading ("Background"), cover furniture (a body's name, distribution marks, symbols,
job numbers), a form label ("Venue: ..."), a date line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..models import Block, BlockKind
from . import kinds
from .cover import (
    SYMBOL,
    cover_blocks,
    is_furniture,
    is_label_cell,
    is_section_heading_text,
    key_values,
    label_value,
)
from .dates import day_heading, find_dates, find_month_years, lead_time

_SUBTITLE_RATIO = 0.8  # a bold line at least this size right under the title is its second line
_SAME_SIZE = 0.6  # points: lines this close in size are set in the same type
_MAX_LINES = 5  # a title runs over at most this many lines
_LABELLED_BLOCKS = 60  # a "Title:" label counts among the first blocks only
_BODY_PARAGRAPH = 150  # characters: a paragraph this long, not bold, is running text

_AGENDA_ITEM_LINE = re.compile(
    r"\bitems?\s+\d+(?:\s*\([a-z]\)|[a-z])?(?:\s*(?:and|,)\s*\d+(?:\s*\([a-z]\))?)*\s+of\s+the\s+"
    r"(?:provisional\s+)?agenda\b"
    r"|\bagenda\s+items?\s+\d+(?:\s*\([a-z]\)|[a-z])?\b",  # "Agenda item 15", "Agenda items 3 and 4"
    re.I,
)
# the first numbered section under the title ('1. Introduction', 'I. Introduction'): not part of it
_SECTION_START = re.compile(r"^(?:\d+\.?|[IVXLC]{1,6}\.)\s")
_LABEL = re.compile(r"^[\w /()&,.'’-]{2,60}:(?:\s|$)|:\s*$")
# A footnote mark displaced to the start of a wrapped title line ("1 session, 17–19 June 2025").
_PERSON = re.compile(r"^(?:Mr|Ms|Mrs|Mme|M|Dr|Prof|H\.\s?E)\.?\s+(?-i:[A-Z])")
_DISPLACED_MARK = re.compile(r"^\d{1,2}\s+(?=[a-z])")


@dataclass(frozen=True, slots=True)
class _Line:
    """A candidate line of the title zone: a block, or one line of a small table on the cover."""

    text: str
    size: float | None
    bold: bool
    block: Block
    index: int  # position in the zone


def find_title(blocks: tuple[Block, ...]) -> str:
    """A labelled title, else the typographic title of the cover (see the module docstring)."""
    return _undated(labelled_title(blocks) or typographic_title(blocks))


_DATED = re.compile(r"[\s,]+(?:dated|of|as\s+of)\s+(?P<date>.{6,30})$", re.I)


def _undated(title: str) -> str:
    """ "... Report of the Committee Dated 17 October 2023": the date that ends a title line is not
    part of the title."""
    m = _DATED.search(title)
    if m and find_dates(m.group("date")) and find_dates(m.group("date"))[0].pos == 0:
        return title[: m.start()].rstrip(" ,")
    return title


def labelled_title(blocks: tuple[Block, ...]) -> str:
    """'Title: X' on a line, or a key-value table row 'Course title | X' among the first blocks."""
    head = list(blocks[:_LABELLED_BLOCKS])
    for label, value, _ in key_values(head):
        if is_label_cell(label, "document", "title_labels"):
            title = _first_paragraph(value)
            if title and not kinds.is_kind_only(title):
                return title
    for b in head:
        if b.kind in (BlockKind.TABLE, BlockKind.LIST_ITEM):
            continue
        labelled = label_value(b.text, "document", "title_labels")
        if labelled:
            title = _first_paragraph(labelled)
            if title and not kinds.is_kind_only(title):
                return title
    return ""


def _first_paragraph(text: str) -> str:
    lines = []
    for line in text.strip().split("\n"):
        if not line.strip():
            break
        lines.append(line.strip())
    return join_title(lines)


def _title_zone(cover: list[Block]) -> list[Block]:
    """Where a title can be: after a UN-style cover's 'Item N of the provisional agenda' line when
    there is one (above it stand the issuing body and session), and before the first running
    paragraph."""
    for i, b in enumerate(cover):
        if _AGENDA_ITEM_LINE.search(b.text) and i + 1 < len(cover):
            cover = cover[i + 1 :]
            break
    zone: list[Block] = []
    for b in cover:
        if b.kind == BlockKind.PARAGRAPH and not b.bold and len(b.text) >= _BODY_PARAGRAPH and zone:
            break
        if zone and b.kind == BlockKind.HEADING and _SECTION_START.match(b.text.strip()):
            break  # the body's first numbered section ("I. Introduction"): the title stands above it
        zone.append(b)
    return zone


def _zone_lines(zone: list[Block]) -> list[_Line]:
    """The zone's blocks as candidate lines; a small table (a title box) gives one line per cell line."""
    out: list[_Line] = []
    for b in zone:
        if b.kind == BlockKind.TABLE:
            if len(b.rows) > 3 or any(len([c for c in r if c.text.strip()]) > 1 for r in b.rows):
                continue  # a key-value or data table, not a title box
            for row in b.rows:
                for cell in row:
                    for line in cell.text.split("\n"):
                        if line.strip():
                            out.append(_Line(line.strip(), None, cell.bold, b, len(out)))
            out.append(_Line("", None, False, b, len(out)))  # the box ends a run of lines
            continue
        out.append(_Line(b.text.strip(), b.font_size, b.bold, b, len(out)))
    return out


def _is_label(text: str) -> bool:
    """'Evaluation title/year: ...' or 'Person responsible:' is a form label, not a title;
    'EVALUATION OF THE NIGERIA: STRENGTHENING ...' (capitals, a title with a colon) is not a label,
    nor is a kind before a colon ('Concept Note: Regional Workshop on ...')."""
    if text.rstrip().endswith(":"):
        return True
    m = _LABEL.match(text)
    if not m:
        return False
    lead = text[: text.index(":")]
    rest = text[text.index(":") + 1 :].strip()
    if _PERSON.match(rest):
        return True  # "Rapporteur: Mr. El Walid DOUDECH (Tunisia)": a person named under a role
    if kinds.is_kind_only(lead.strip()) and _is_titled(rest):
        return False
    if len(lead.split()) == 1 and len(rest.split()) >= 6 and rest[:1].isupper():
        return False  # "Workshop: Data collection and analytics in ...": one word naming the event, then its name
    return len(lead.split()) <= 4 and not lead.isupper()


def _is_titled(rest: str) -> bool:
    """What follows a kind prefix reads as a title: three or more words, led by a capital, no date."""
    rest = rest.strip()
    return (
        len(rest.split()) >= 3 and rest[:1].isupper() and not find_dates(rest) and not find_month_years(rest)
    )


def _is_dateline(text: str) -> bool:
    """A line that gives a date (with a place or a weekday at most): "Geneva, 15-17 March 2017".
    A line that names something besides its date ("XSAM course, IMR Bergen, 15-17/1-2017") is not."""
    dates = find_dates(text)
    if dates and len(text) < 60:
        if len(re.findall(r"[A-Za-z]{2,}", text[: dates[0].pos])) <= 1:
            return True  # opens with its date (after a weekday or a place at most): "May 4th - 8th, 2026 Silver Springs Hotel"
        rest = text
        for d in dates:
            rest = rest.replace(d.text, " ")
        return len(re.findall(r"[A-Za-z]{2,}", rest)) <= _DATELINE_WORDS
    return bool(find_month_years(text) and len(text) < 30)


_DATELINE_WORDS = 3  # words besides the date on a date line ("Bangkok, Thailand, Monday")


def _is_candidate(text: str, kind_only: bool = False) -> bool:
    """A line that can be (part of) the title; with ``kind_only`` a line naming only the kind
    can be a subtitle ('... to be held in Dili: Guidelines and rules of procedure')."""
    text = text.strip()
    if not text or len(text) > 300 or not re.search(r"[^\W\d_]{2}", text):
        return False
    if (not kind_only and kinds.is_kind_only(text)) or is_furniture(text) or SYMBOL.fullmatch(text):
        return False
    if is_section_heading_text(text) or _is_label(text) or _is_dateline(text):
        return False
    if len(text.split()) <= 4 and day_heading(text, None) is not None:
        return False  # "Day 1", "Monday 17 June": a programme's day, not its title
    if lead_time(text) is not None and re.match(r"\d", text):
        return False  # "09:00-10:00 Opening": a programme's line
    return True


def _section_styles(blocks: tuple[Block, ...]) -> Counter[tuple[float, bool]]:
    """How often each heading style (size, weight) is used: a style used for many headings is the
    body's section heading style."""
    return Counter(
        (round(b.font_size, 0), b.bold) for b in blocks[:400] if b.kind == BlockKind.HEADING and b.font_size
    )


def _opens_section(line: _Line, blocks: tuple[Block, ...], styles: Counter[tuple[float, bool]]) -> bool:
    """A heading in the body's section style with running text right under it: a section heading."""
    b = line.block
    if b.kind != BlockKind.HEADING or not b.font_size or styles[(round(b.font_size, 0), b.bold)] < 3:
        return False
    i = blocks.index(b) if b in blocks else -1
    nxt = blocks[i + 1] if 0 <= i < len(blocks) - 1 else None
    return bool(nxt and nxt.kind == BlockKind.PARAGRAPH and not nxt.bold and len(nxt.text) >= _BODY_PARAGRAPH)


def typographic_title(blocks: tuple[Block, ...]) -> str:
    """The largest type in the title zone, with the lines set in the same type next to it."""
    zone = _title_zone(cover_blocks(blocks))
    lines = _zone_lines(zone)
    styles = _section_styles(blocks)
    ok = [
        ln
        for ln in lines
        if _is_candidate(ln.text)
        and (not _opens_section(ln, blocks, styles) or (ln.index == 0 and not _SECTION_START.match(ln.text)))
    ]
    if not any(_displayed(ln) for ln in ok):
        # only running text is left: a title that names the kind ("Provisional agenda") is the title
        named = [
            ln
            for ln in lines
            if _displayed(ln) and kinds.is_kind_only(ln.text) and _is_candidate(ln.text, True)
        ]
        if named:
            return max(named, key=lambda ln: (ln.size or 0, -ln.index)).text
    if not ok:
        # nothing but a date, a place or a day in the title zone (a one-page timetable headed
        # "Octubre de 2022"): its displayed line is what the document is called
        shown = [ln for ln in lines if _displayed(ln) and _is_dateline(ln.text)]
        return max(shown, key=lambda ln: (ln.size or 0, -ln.index)).text if shown else ""
    if any(ln.size for ln in ok):
        title = _by_size(lines, ok)
        if title:
            return _with_kind(title, lines)
    return _with_kind(_first_prominent(lines, ok), lines)


def _with_kind(title: str, lines: list[_Line]) -> str:
    """A one-word title (a country's name printed large) under a line naming the kind
    ("INDEPENDENT COUNTRY PROGRAMME EVALUATION" / "LIBERIA") is that kind's title for it."""
    if len(title.split()) != 1:
        return title
    for k, ln in enumerate(lines):
        if ln.text == title and k > 0:
            above = lines[k - 1]
            if _displayed(above) and kinds.is_kind_only(above.text) and not is_furniture(above.text):
                return f"{above.text}: {title}"
            break
    return title


def _displayed(line: _Line) -> bool:
    """Set apart from running text: a heading or a bold line."""
    return line.block.kind == BlockKind.HEADING or line.bold


def _same_type(a: _Line, b: _Line) -> bool:
    return bool(a.size and b.size) and abs((a.size or 0) - (b.size or 0)) < _SAME_SIZE and a.bold == b.bold


def _by_size(lines: list[_Line], ok: list[_Line]) -> str:
    """The run of lines in the largest type: the lines above and below it in the same type join it
    (a title wrapped over lines), then a bold subtitle in slightly smaller type."""
    best = max(ok, key=lambda ln: (round(ln.size or 0, 0), ln.bold, -ln.index))
    good = {ln.index for ln in ok}
    first = best.index
    while first > 0 and best.index - first < _MAX_LINES - 1:
        prev = lines[first - 1]
        if prev.index not in good or not _same_type(prev, best) or _apart(prev, lines[first], best.size):
            break
        first -= 1
    parts = [ln.text for ln in lines[first : best.index + 1]]
    last = best
    size = best.size or 0
    for nxt in lines[best.index + 1 :]:
        if len(parts) >= _MAX_LINES or _SECTION_START.match(nxt.text):
            break
        text = _DISPLACED_MARK.sub("", nxt.text)
        close = not _apart(last, nxt, size)
        if _same_type(nxt, best):
            if not close or nxt.index not in good:
                break  # a paragraph of its own in the title's type (a form's bold fields)
            if _capitals(parts[-1]) and not _capitals(text) and not parts[-1].endswith((":", ".")):
                parts = [join_title(parts) + ":"]  # "INFORMATION FROM ... NATIONS" / "Report of the ..."
            parts.append(text)
            last = nxt
            continue
        runs_on = text[:1].islower() and not parts[-1].endswith((".", ":", ";"))
        similar = text != nxt.text or (nxt.size or 0) >= size * _SUBTITLE_RATIO
        if runs_on and close and similar:
            parts.append(text)  # a wrapped line that runs on (its type misread for a footnote mark)
            last = nxt
            continue
        subtitle = bool(nxt.size and nxt.bold and best.bold) and (nxt.size or 0) >= size * _SUBTITLE_RATIO
        if subtitle and _is_candidate(nxt.text, kind_only=True):
            head = join_title(parts)
            # a title in capitals that already has its colon ("EVALUATION FINALE INTERNE: VERS UNE
            # DIMENSION") and runs on in capitals without punctuation wraps onto the next line
            wraps = (
                ":" in head
                and not head.endswith((".", ":", ";", "?", "!"))
                and parts[-1].isupper()
                and text.isupper()
            )
            return join_title([head, text], " " if wraps else ": ")
        break
    title = join_title(parts)
    if len(title) >= 8 and not re.match(r"^\d+\.?\s", title):
        return title
    return ""


def _capitals(text: str) -> bool:
    """Set in capitals ("ARTICLE 73 e OF THE CHARTER": a lower-case letter or two aside)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _first_prominent(lines: list[_Line], ok: list[_Line]) -> str:
    """Without type sizes (DOCX, text): the first heading or bold line above the numbered sections,
    with the lines of the same box under it."""
    before_body = []
    for ln in ok:
        if re.match(r"^\d+\.?\s", ln.text) and (ln.block.kind == BlockKind.HEADING or ln.bold):
            break  # reached the numbered sections: what is above them is the cover
        before_body.append(ln)
    short = [ln for ln in before_body if len(ln.text) <= 200]
    preferred = [
        ln for ln in short if ln.block.kind == BlockKind.HEADING or ln.bold or ln.block.style == "Title"
    ]
    titled = [ln for ln in short if ln.block.style.lower() == "title"]
    pick = (titled or preferred or short)[:1]
    if not pick:
        return ""
    start = pick[0]
    parts = [start.text]
    if start.block.kind == BlockKind.TABLE:  # the other lines of the title box
        good = {ln.index for ln in ok}
        for nxt in lines[start.index + 1 :]:
            if nxt.block is not start.block or nxt.index not in good or len(parts) >= _MAX_LINES:
                break
            parts.append(nxt.text)
    return join_title(parts)


def _apart(prev: _Line, nxt: _Line, size: float | None) -> bool:
    """Two blocks stand more than a line apart on the page: separate paragraphs (a title and the
    lines under it), not the wrapped lines of one title. Only a PDF knows this."""
    a, b = prev.block.provenance, nxt.block.provenance
    if not (a.bbox and b.bbox and a.page and a.page == b.page and size):
        return False
    return b.bbox[1] - a.bbox[3] > 1.5 * size


def join_title(parts: list[str], sep: str = " ") -> str:
    title = ""
    for p in parts:
        p = p.strip()
        if not title:
            title = p
        elif title.endswith(("-", "–")) and not title.endswith((" -", " –")):
            title += p
        else:
            title += sep + p
    return re.sub(r"\s+", " ", title).strip()
