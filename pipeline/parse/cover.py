"""The cover of a document and what stands on it that is no part of its title or body.

The cover is the first page of a PDF, or the first blocks of a DOCX or text file. Cover furniture
(a body's name, distribution marks, job numbers, session lines) and labels ("Venue: ...") are told
apart from title lines here; the words are ``[document]`` vocabulary.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from ..models import Block, BlockKind
from . import vocab
from .dates import find_dates

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


def front_blocks(blocks: tuple[Block, ...], pages: int = 6, limit: int = 150) -> list[Block]:
    """The front matter: cover, title page, imprint, contents (the first pages of a PDF)."""
    out = []
    for b in blocks[:limit]:
        if b.page is not None and b.page > pages:
            break
        out.append(b)
    return out


# A document symbol: "A/80/123", "X/Y/2025/11", "A/AC.109/2010/18", "ABC/NOTE/2022/1/Rev.1".
SYMBOL = re.compile(
    r"(?<![\w/])(?:[A-Z][A-Z0-9]{0,9}(?:\.\d+)?/){1,6}(?:[A-Z0-9][A-Za-z0-9.]*)(?:/(?:Add|Rev|Corr|L|CRP|WP|INF)"
    r"\.\d+)*(?:/[A-Za-z0-9.]+)*(?![\w/])"
)
# A job number and barcode line ("25-10679 (E) 010425", "*2510679*"), a session line with its
# year ("Annual session 2025", "First regular session 2025"), a footnote mark line ("* ...").
_STRUCTURAL_FURNITURE = re.compile(
    r"^(?:\d{2}-\d{5}.*|\*.*|GE\.\d{2}-\d{5}.*|(?=.{0,45}$)(?!report\b|rapport\b)[\w\s,-]*\bsession\b[\w\s,-]*\d{4}\s*$|"
    r"\d{1,2}\s*[-–]\s*\d{1,2}\s+\w+\s+\d{4}\s*$)",
    re.I,
)  # a session's name is short ("Annual session 2025"); "Report on the first regular session 2025, ..." is a title


_BANNER_CHARS = 100
_BANNER_LOWER = 0.2  # "Annotated provisional agenda for the annual session, 17–19 June" is a title
_SESSION = re.compile(r"^(?!report\b|rapport\b|informe\b)(?=.*\bsession\b)", re.I)


def _session_banner(text: str) -> bool:
    """A meeting's banner run into one line ("SCIENTIFIC COMMITTEE EIGHTEENTH REGULAR SESSION Online
    10–18 August 2022"): names a session and ends with its dates, says nothing else."""
    if len(text) > _BANNER_CHARS or not _SESSION.match(text) or text.rstrip().endswith("."):
        return False
    dates = find_dates(text)
    if not dates or dates[-1].pos + len(dates[-1].text) < len(text.rstrip()) - 1:
        return False
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text[: dates[-1].pos])
    lower = sum(w[0].islower() for w in words)
    return bool(words) and lower <= _BANNER_LOWER * len(words)  # names, not a title's phrase


@cache
def _furniture_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(vocab.phrase_pattern(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"^\W*(?:" + alt + r")\b", re.I)


def is_furniture(text: str) -> bool:
    """Cover furniture: never a title ("Distr.: General", "the issuing body's name", "25-10679 (E)")."""
    text = text.strip()
    if _STRUCTURAL_FURNITURE.match(text) or SYMBOL.fullmatch(text) or _session_banner(text):
        return True
    return bool(_furniture_rx(vocab.current().phrases("document", "cover_furniture")).match(text))


@cache
def _phrase_line_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(vocab.phrase_pattern(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"^\W*(?:[\dIVXLC]+(?:\.\d+)*\.?\s+)?(?:" + alt + r")\W*$", re.I)


def is_section_heading_text(text: str) -> bool:
    """A line that is one of the body's section headings ("Background", "1. Introduction")."""
    return bool(_phrase_line_rx(vocab.current().phrases("document", "section_headings")).match(text.strip()))


def label_value(text: str, section: str, key: str) -> str | None:
    """The value of a "Label: value" line whose label is in the vocabulary list, else None."""
    rx = _label_rx(vocab.current().phrases(section, key))
    m = rx.match(text.strip())
    return m.group("value").strip() if m else None


@cache
def _label_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(vocab.phrase_pattern(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"^\W*(?:" + alt + r")\s*(?:\([^)]*\))?\s*[:：]\s*(?P<value>\S.*)$", re.I | re.S)


def is_label_cell(text: str, section: str, key: str) -> bool:
    """A table cell that is one of the labels ("Title", "Dates:", "Objective(s)")."""
    return bool(_cell_rx(vocab.current().phrases(section, key)).match(text.strip()))


@cache
def _cell_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(vocab.phrase_pattern(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"^\W*(?:" + alt + r")\s*(?:\(s\))?\s*[:：]?\s*$", re.I)


def key_values(blocks: list[Block] | tuple[Block, ...]) -> list[tuple[str, str, Block]]:
    """(label, value, table) of every key-value row in the tables among the blocks: a row whose
    first non-empty cell is short and whose next non-empty cell holds the value."""
    out = []
    for b in blocks:
        if b.kind != BlockKind.TABLE:
            continue
        for row in b.rows:
            cells = [c.text.strip() for c in row if c.text.strip()]
            if len(cells) >= 2 and len(cells[0]) <= 60 and "\n" not in cells[0]:
                out.append((cells[0], cells[1], b))
    return out


def body_size(blocks: tuple[Block, ...] | list[Block]) -> float | None:
    """The type size most running text is set in (None when the format has no sizes)."""
    sizes: dict[float, int] = {}
    for b in blocks[:400]:
        if b.font_size and b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            key = round(b.font_size, 1)
            sizes[key] = sizes.get(key, 0) + len(b.text)
    return max(sizes, key=lambda k: sizes[k]) if sizes else None


def with_kind(b: Block, kind: BlockKind) -> Block:
    return dataclasses.replace(b, kind=kind)


def is_heading_like(b: Block) -> bool:
    return b.kind == BlockKind.HEADING or (b.bold and len(b.text) < 120)
