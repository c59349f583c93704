"""Document metadata from the cover: title, dates, symbol, venue, format, time zone, organisation."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..models import Block, BlockKind, DocType
from . import vocab
from .dates import find_dates, find_month_years, iso

# Lines that name only the kind of document or are UN cover furniture, never the title.
_KIND_ONLY = re.compile(
    r"^(?:concept\s+note|terms\s+of\s+reference|evaluation\s+brief|programme|program|agenda|"
    r"(?:(?:final|mid-?term|interim|external|independent)\s+)?evaluation(?:\s+report)?|final\s+report|"
    r"provisional\s+programme|united\s+nations|information\s+note|annex(?:\s+\w+)?|summary|contents|"
    r"for\s+(?:decision|information|action)|distr\.?.*|original:.*|english|chapter|page|"
    r"as\s+of\b.*|draft|postponed|\d+)\s*$",
    re.I,
)
_SYMBOL = re.compile(r"\b(?:[A-Z]{1,6}(?:\.\d+)?/){1,}[A-Z0-9.]+(?:/[A-Za-z0-9.]+)*\b")
_UN_FURNITURE = re.compile(
    r"^(?:item\s+\d+.*provisional\s+agenda|distr\.|original:|economic\s+and\s+social\s+council|general\s+assembly|"
    r"executive\s+board|united\s+nations|\w+\s+regular\s+session|annual\s+session|\d+\s*[-–]\s*\d+\s+\w+\s+\d{4}|"
    r"[\w\s,]*\bsession\b.*\d{4}$|\*.*|\d{2}-\d{5}.*|first\s+regular|second\s+regular|agenda\s+item)",
    re.I,
)
_MEETING_WORDS = (
    r"(?:Meeting|Conference|Week|Forum|Seminar|Workshop|Session|Summit|Dialogue|Symposium|Assessment)"
)
_EVENT_NAME = re.compile(
    r"\b(?:the\s+)?(?P<ord>\d+(?:st|nd|rd|th)\s+)?(?P<name>(?:[A-Z][\w'’-]*[ \t]+){1,7}"
    + _MEETING_WORDS
    + r")\b"
)
_ISSUE_LABEL = re.compile(
    r"(?:distr\.?\s*:?\s*\w+|date\s+of\s+(?:publication|issue)|issued(?:\s+on)?|dated?)\s*:?\s*$", re.I
)
_NOT_ISSUE = re.compile(r"(?:report\s+date|field\s+visit|deadline|submission|due|by)\s*:?\s*$", re.I)
_TZ = re.compile(r"\b(?:GMT|UTC)\s*[+−-]\s*\d{1,2}(?::\d{2})?\b|\b(?:CET|CEST|EST|EDT|ICT|JST|KST|EAT)\b")
_FORMAT = re.compile(r"\b(virtual|online|hybrid|in[- ]person)\b(?:\s+(?:meeting|format|event))?", re.I)


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


HEAD_CHARS = 3000  # metadata lives at the start of a block; never scan a huge block whole


def head(text: str) -> str:
    return text[:HEAD_CHARS]


def cover_blocks(blocks: tuple[Block, ...], limit: int = 40) -> list[Block]:
    """The first page of a PDF, or the first blocks of a DOCX/text file (each cut to its head)."""
    first_page = blocks[0].page if blocks and blocks[0].page else None
    out = []
    for b in blocks:
        if first_page is not None and b.page is not None and b.page > first_page:
            break
        if len(b.text) > HEAD_CHARS:
            b = dataclasses.replace(b, text=head(b.text))
        out.append(b)
        if len(out) >= limit:
            break
    return out


_LABEL = re.compile(r"^[\w /()&,.'’-]{2,60}:(?:\s|$)|:\s*$")
# A document-kind prefix before a colon ('Concept Note: Regional Workshop on ...'): the line is the
# title, told by the kind of document it is, not a form label like 'Date:' or 'Venue:'.
_KIND_PREFIX = re.compile(
    r"^(?:(?:draft|provisional|revised|annotated)\s+)?(?:concept\s+note|programme|program|agenda|"
    r"terms\s+of\s+reference|information\s+note|aide[- ]m[ée]moire|background\s+note|"
    r"(?:(?:final|mid-?term|interim|external|independent)\s+)?evaluation(?:\s+report|\s+brief)?|"
    r"(?:final\s+|summary\s+)?report|management\s+response)\s*$",
    re.I,
)
_AGENDA_ITEM_LINE = re.compile(
    r"\bitems?\s+\d+(?:\s*\([a-z]\)|[a-z])?(?:\s*(?:and|,)\s*\d+(?:\s*\([a-z]\))?)*\s+of\s+the\s+"
    r"(?:provisional\s+)?agenda\b",
    re.I,
)
# the first numbered section under the title ('1. Introduction', 'I. Introduction'): not part of it
_SECTION_START = re.compile(r"^(?:\d+\.?|[IVXLC]{1,6}\.)\s")
_SUBTITLE_RATIO = 0.8  # a bold line at least this size right under the title is its second line


def _title_zone(cover: list[Block]) -> list[Block]:
    """Where a title can be: after a UN cover's 'Item N of the provisional agenda' line when there
    is one (above it stand the issuing body and session), and before the first running paragraph."""
    for i, b in enumerate(cover):
        if _AGENDA_ITEM_LINE.search(b.text):
            cover = cover[i + 1 :]
            break
    zone = []
    for b in cover:
        if b.kind == BlockKind.PARAGRAPH and not b.bold and len(b.text) >= 150 and zone:
            break
        zone.append(b)
    return zone


def _is_label(text: str) -> bool:
    """'Evaluation title/year: ...' or 'Person responsible:' is a form label, not a title;
    'EVALUATION OF THE NIGERIA: STRENGTHENING ...' (capitals, a title with a colon) is not a label."""
    if text.rstrip().endswith(":"):
        return True
    m = _LABEL.match(text)
    if not m:
        return False
    lead = text[: text.index(":")]
    if _KIND_PREFIX.match(lead.strip()) and _is_titled(text[text.index(":") + 1 :]):
        return False
    return len(lead.split()) <= 4 and not lead.isupper()


def _is_titled(rest: str) -> bool:
    """What follows a kind prefix reads as a title: three or more words, led by a capital, no date."""
    rest = rest.strip()
    return (
        len(rest.split()) >= 3 and rest[:1].isupper() and not find_dates(rest) and not find_month_years(rest)
    )


def _is_candidate(b: Block) -> bool:
    text = b.text.strip()
    if b.kind == BlockKind.TABLE or not text or len(text) > 300:
        return False
    if _KIND_ONLY.match(text) or _UN_FURNITURE.match(text) or _SYMBOL.fullmatch(text):
        return False
    if (
        _is_label(text)
        or (find_dates(text) and len(text) < 60)
        or (find_month_years(text) and len(text) < 30)
    ):
        return False
    return True


def find_title(blocks: tuple[Block, ...]) -> str:
    """The title: the largest type in the title zone of the cover, with a bold subtitle line under it.

    Kind-only lines ("Concept Note", "EVALUATION BRIEF"), labels ("Evaluation title/year: ..."),
    dates and UN cover furniture are never the title.
    """
    zone = _title_zone(cover_blocks(blocks))
    candidates = [b for b in zone if _is_candidate(b)]
    if not candidates:
        return ""
    if any(b.font_size for b in candidates):
        best = max(candidates, key=lambda b: (round(b.font_size or 0, 0), b.bold, -zone.index(b)))
        title = best.text.strip()
        size = best.font_size or 0
        last = best
        for n_parts, nxt in enumerate(zone[zone.index(best) + 1 :], start=1):
            same = bool(nxt.font_size) and abs((nxt.font_size or 0) - size) < 0.6 and nxt.bold == best.bold
            if same and _paragraph_apart(last, nxt, size):
                break  # a paragraph of its own in the title's type (a form's bold fields), not a wrapped line
            subtitle = (
                bool(nxt.font_size and nxt.bold and best.bold)
                and (nxt.font_size or 0) >= size * _SUBTITLE_RATIO
            )
            if (
                n_parts >= 4
                or not _is_candidate(nxt)
                or not (same or subtitle)
                or _SECTION_START.match(nxt.text)
            ):
                break
            # a wrapped line continues the title; a smaller bold line is its subtitle
            title = _join_title([title, nxt.text], " " if same else ": ")
            last = nxt
        if len(title) >= 8 and not re.match(r"^\d+\.?\s", title):
            return title
    before_body = []
    for b in candidates:
        if re.match(r"^\d+\.?\s", b.text) and (b.kind == BlockKind.HEADING or b.bold):
            break  # reached the numbered sections: what is above them is the cover
        before_body.append(b)
    short = [b for b in before_body if len(b.text) <= 200]
    preferred = [b for b in short if b.kind == BlockKind.HEADING or b.bold]
    pick = (preferred or short)[:1]
    return _join_title([pick[0].text]) if pick else ""


def _paragraph_apart(prev: Block, nxt: Block, size: float) -> bool:
    """Two blocks of the same type stand more than a line apart on the page: separate paragraphs
    (a title and the lines under it), not the wrapped lines of one title. Only a PDF knows this."""
    a, b = prev.provenance, nxt.provenance
    if not (a.bbox and b.bbox and a.page and a.page == b.page and size):
        return False
    return b.bbox[1] - a.bbox[3] > 1.5 * size


def _join_title(parts: list[str], sep: str = " ") -> str:
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


def event_name(text: str) -> str:
    """'the 9th Uganda Evaluation Week (UEW)' -> 'The 9th Uganda Evaluation Week'."""
    m = _EVENT_NAME.search(text)
    if not m:
        return ""
    ordinal = (m.group("ord") or "").strip()
    return " ".join(x for x in ("The" if ordinal else "", ordinal, m.group("name").strip()) if x)


_BRACKETED_DATE = re.compile(r"^\[\s*([^\[\]]{6,30}?)\s*\]$")
_FRONT_PAGES, _FRONT_BLOCKS = 6, 150  # the front matter: cover, title page, notes, contents


def find_issue_date(blocks: tuple[Block, ...]) -> str | None:
    """The date of issue: a labelled date ('Distr.: General 2 December 2024', 'Date of publication:')."""
    texts = [b.text for b in cover_blocks(blocks, 60)]
    for i, text in enumerate(texts):
        for d in find_dates(text) + find_month_years(text):
            before = text[: d.pos]
            if not before.strip() and i > 0:
                before = texts[i - 1]
            if _NOT_ISSUE.search(before.strip()) or re.search(r"report\s+date", before, re.I):
                continue
            if _ISSUE_LABEL.search(before.strip()):
                return d.start
    # '[1 May 2025]' standing alone at the head of the first text page: the date an Official
    # Records volume (an annual report, a session report) prints as its date of issue.
    for b in blocks[:_FRONT_BLOCKS]:
        if b.page is not None and b.page > _FRONT_PAGES:
            break
        m = _BRACKETED_DATE.match(b.text.strip())
        if m:
            ds = find_dates(m.group(1))
            if ds and ds[0].end in (None, ds[0].start):
                return ds[0].start
    # Whole-document labels, e.g. an evaluation matrix's 'Date of publication: December 2024.'
    for b in blocks:
        for row in b.text.split("\n") if b.kind == BlockKind.TABLE else [head(b.text)]:
            m = re.search(r"date\s+of\s+(?:publication|issue)\s*:?\s*(.+)", row, re.I)
            if m:
                ds = find_dates(m.group(1)) + find_month_years(m.group(1))
                if ds:
                    return sorted(ds, key=lambda d: d.pos)[0].start
    return None


def find_cover_date(blocks: tuple[Block, ...]) -> str | None:
    """An unlabelled date standing alone on the cover ('January, 2021' top right of a brief)."""
    for b in cover_blocks(blocks, 25):
        text = b.text.strip()
        if len(text) > 40:
            continue
        ds = find_dates(text) + find_month_years(text)
        if ds and _is_period(text, ds):
            continue  # '27 April 2024–25 April 2025': a period (reported on, or met in), not an issue date
        if ds and not re.match(r"^as\s+of\b", text, re.I):
            return ds[0].start
    return None


def _is_period(text: str, ds: list) -> bool:
    """A date range ('12 to 14 May 2009') or two dates joined by a dash or 'to'."""
    ds = sorted(ds, key=lambda d: d.pos)
    if ds[0].end not in (None, ds[0].start):
        return True
    if len(ds) < 2:
        return False
    between = text[ds[0].pos + len(ds[0].text) : ds[1].pos]
    return bool(re.fullmatch(r"\s*(?:[-–—]|to|until|through)\s*", between, re.I))


def find_meeting_dates(blocks: tuple[Block, ...], title: str) -> tuple[str | None, str | None]:
    """The meeting's dates: the first date range or date on the cover that is not an issue date."""
    cover = cover_blocks(blocks, 60)
    for b in cover:
        text = b.text
        if re.match(r"^\s*(?:as\s+of|distr|date\s+of\s+publication|final\s+report\s+date)", text, re.I):
            continue
        for d in find_dates(text):
            before = text[: d.pos]
            if _ISSUE_LABEL.search(before.strip()) or _NOT_ISSUE.search(before.strip()):
                continue
            prev = cover[cover.index(b) - 1].text if cover.index(b) > 0 else ""
            if not before.strip() and _label_awaits_date(prev):
                continue
            return d.start, d.end
    # 'Tokyo, 25-27 February' with the year elsewhere on the cover
    cover_text = "\n".join(b.text for b in cover)
    year_m = re.search(r"\b(19|20)\d{2}\b", title + " " + cover_text)
    m = re.search(
        r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
        r"October|November|December)\b(?!\s*,?\s*\d{4})",
        cover_text,
    )
    if m and year_m:
        from .dates import MONTHS

        month = MONTHS[m.group(3).lower()]
        y = int(year_m.group(0))
        return iso(y, month, int(m.group(1))), iso(y, month, int(m.group(2)))
    # A date stated in a 'Date:' line of the body (concept notes) or in running text.
    for b in blocks[:200]:
        m = re.search(r"\b(?:date|dates|when)\s*[:：]\s*(.+)", head(b.text), re.I)
        if m:
            ds = find_dates(m.group(1))
            if ds:
                return ds[0].start, ds[0].end
    # 'The workshop will be held from 1 to 3 December 2025 in ...': the meeting's dates in a sentence.
    for b in blocks[:200]:
        for m in _HELD.finditer(head(b.text)):
            ds = find_dates(m.group("rest"))
            if ds and ds[0].pos == 0:
                return ds[0].start, ds[0].end
    return None, None


_HELD = re.compile(
    r"\b(?:(?:will\s+be|was|were|is|are|being)\s+(?:held|convened|organi[sz]ed)|will\s+take\s+place|took\s+place|"
    r"takes\s+place)\s+(?:(?:in|at)\s+[^.,;]{1,60}?\s+)?(?:from|on|between)\s+(?P<rest>[^.;\n]{4,80})",
    re.I,
)


def _label_awaits_date(prev: str) -> bool:
    """The line before ends in an issue label ('Distr.: General') whose date is this line's: not
    when that line carries its own date ('Distr.: General 1 October 2025')."""
    prev = prev.strip()
    if find_dates(prev) or find_month_years(prev):
        return False
    return bool(_ISSUE_LABEL.search(prev) or re.search(r"distr", prev, re.I))


def find_event_dates_in_text(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    """'... on the 4th and half day of 5th of May 2026, ... to 8th of May 2026' -> the first day."""
    rx = re.compile(
        r"\b(?:on|from)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b[^.]{0,60}?\bof\s+(January|February|March|April|"
        r"May|June|July|August|September|October|November|December)\s+(\d{4})",
        re.I,
    )
    for b in blocks:
        m = rx.search(head(b.text))
        if m:
            from .dates import MONTHS

            return iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))), None
    return None, None


def extract_metadata(blocks: tuple[Block, ...]) -> Metadata:
    meta = Metadata()
    cover = cover_blocks(blocks)
    cover_text = "\n".join(b.text for b in cover)
    meta.title = find_title(blocks)
    sym = _SYMBOL.search("\n".join(b.text for b in cover[:6]))
    if sym and "/" in sym.group(0) and re.search(r"\d", sym.group(0)):
        meta.symbol = sym.group(0)
    meta.issued = find_issue_date(blocks)
    meta.meeting_start, meta.meeting_end = find_meeting_dates(blocks, meta.title)
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
    haystack = cover_text + " " + meta.title
    for org in vocab.current().phrases("organisations", "names"):
        if re.search(r"(?<![\w-])" + vocab.phrase_pattern(org) + r"(?![\w-])", haystack):
            meta.organisation = org
            break
    name = event_name(meta.title) or event_name(cover_text)
    meta.meeting_name = name
    num = re.search(r"\b(\d+)(?:st|nd|rd|th)\b", name)
    if num:
        meta.meeting_number = num.group(1)
    return meta


def document_date(doc_type: DocType, meta: Metadata, blocks: tuple[Block, ...]) -> str | None:
    """SCHEMA.md's date rule: meeting documents take the first meeting day, others the date of issue."""
    about_meeting = doc_type in (DocType.CONCEPT_NOTE, DocType.AGENDA)
    if about_meeting:
        start = meta.meeting_start or find_event_dates_in_text(blocks)[0]
        return start or meta.issued or find_cover_date(blocks)
    return (
        meta.issued
        or find_cover_date(blocks)
        or _year_of_issue(blocks)
        or (meta.meeting_start if doc_type == DocType.MEETING_REPORT else None)
    )


def _year_of_issue(blocks: tuple[Block, ...]) -> str | None:
    """'United Nations • New York, 2025': a year-only imprint on the cover or the title page."""
    for b in blocks[:80]:
        if b.page is not None and b.page > 3:
            break
        m = re.search(
            r"(?:United Nations|Geneva|New York|Vienna|Bangkok)\s*[•,·]?\s*(?:New York|Geneva)?,?\s*((?:19|20)\d{2})\s*$",
            b.text.strip(),
        )
        if m:
            return m.group(1)
    return None
