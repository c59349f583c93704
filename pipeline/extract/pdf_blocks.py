"""Page lines -> blocks: headings by size and weight, list items by marker, paragraphs by spacing."""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..models import Block, BlockKind, Cell, Provenance
from ..textutil import join_lines
from .pdf_layout import Line, PageLayout, TableItem

_GLYPH_BULLETS = "•●○◦▪■□►▶➢➤⮚✓✔·⁃❖◆◇"
_DASH_BULLETS = "-–—*"
# A marker is a glyph bullet (or a private-use font glyph such as \uf0b7), a dash followed by a
# space, or a list number: 1.  1.2  (a)  a)  a.  (iv)  III.  A.
_MARKER = re.compile(
    r"^(?:(?P<glyph>[" + re.escape(_GLYPH_BULLETS) + r"\ue000-\uf8ff])\s*"
    r"|(?P<dash>[" + re.escape(_DASH_BULLETS) + r"])\s+"
    r"|(?P<num>\(?[a-z]\)|\((?:[ivx]{1,5}|\d{1,3})\)|[ivx]{1,5}\)|\d{1,3}\)|[a-z]\.|\d{1,3}\.(?:\d{1,3}\.?)*"
    r"|[IVX]{1,6}\.|[A-Z]\.)\s+(?=\S))"
)
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$")
# a filled-in form field: a short label, a colon, and a value that ends as a sentence does
_FIELD = re.compile(r"^[^\n:.;]{2,90}:\s+\S.*\.$", re.S)


@dataclass(slots=True)
class _Group:
    lines: list[Line]
    page: int

    @property
    def text(self) -> str:
        text = ""
        for i, line in enumerate(self.lines):
            if i and self.lines[i - 1].typed_hyphen:
                text += line.text.strip()
            else:
                text = join_lines(text + "\n" + line.text) if text else join_lines(line.text)
        return text


def split_marker(text: str) -> tuple[str, str, bool]:
    """Split a leading bullet or number off: (marker as a reader sees it, rest, is_number)."""
    m = _MARKER.match(text)
    if not m:
        return "", text, False
    marker = m.group("glyph") or m.group("dash") or m.group("num")
    if "\ue000" <= marker <= "\uf8ff":
        marker = "•"  # symbol-font bullets (\uf0b7, \uf0a7...) all print as a bullet
    return marker, text[m.end() :].strip(), bool(m.group("num"))


def build_blocks(layouts: list[PageLayout], source_file: str, extractor: str) -> list[Block]:
    """Group each page's lines into blocks, then type them; tables pass through as table blocks.

    A block's provenance names ``extractor``, or the reader of its (first) page where the page
    says (``PageLayout.reader``: the pdfium reader hands some pages to pdfplumber).
    """
    lines = [it for p in layouts for it in p.items if isinstance(it, Line)]
    body = _body_size(lines)
    limit = _gap_limit(lines)
    groups: list[_Group | TableItem] = []
    for page in layouts:
        cur: _Group | None = None
        edges = _right_edges([it for it in page.items if isinstance(it, Line)])
        for it in page.items:
            if isinstance(it, TableItem):
                groups.append(it)
                cur = None
            elif cur is not None and _continues(cur, it, body, limit) and not _ended(cur, it, edges):
                cur.lines.append(it)
            else:
                cur = _Group([it], page.number)
                groups.append(cur)
    levels = _heading_levels([g for g in groups if isinstance(g, _Group)], body)
    readers = {p.number: p.reader for p in layouts if p.reader}
    return _emit(groups, body, levels, source_file, extractor, readers)


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _gap_limit(lines: list[Line]) -> float:
    """Largest white space between two lines of one paragraph, as a share of the font size.

    Taken from the document's own line spacing (the median gap between consecutive lines),
    so single- and double-spaced documents both split at their paragraph breaks.
    """
    ratios = [
        (b.top - a.bottom) / a.size
        for a, b in zip(lines, lines[1:], strict=False)
        if a.flow == b.flow and abs(a.size - b.size) < 0.5 and -0.2 < (b.top - a.bottom) / a.size < 1.5
    ]
    if not ratios:
        return 0.6
    # the spacing of lines inside a paragraph: the lower quartile, so a document of mostly one-line
    # paragraphs (a programme, a response quoting short statements) does not take its paragraph
    # gap for its line spacing
    quartile = statistics.quantiles(ratios, n=4)[0] if len(ratios) >= 4 else min(ratios)
    return min(statistics.median(ratios), quartile + 0.25) + 0.3


def _styled(line: Line, body: float) -> bool:
    return line.bold or line.size >= body + 1.0


def _continues(group: _Group, line: Line, body: float, limit: float) -> bool:
    prev, first = group.lines[-1], group.lines[0]
    if line.flow != prev.flow or line.top < prev.top - 2:
        return False
    if abs(line.top - prev.top) <= 2:  # the far side of a gap on the same baseline
        return True
    if line.shade != prev.shade:  # out of a shaded box, or into one
        return False
    if line.top - prev.bottom > limit * prev.size:
        return False
    if abs(line.size - prev.size) > 0.8:
        return False
    if _styled(line, body) != _styled(prev, body) and not _mid_sentence(group, line):
        return False
    if _bold_over_plain(group, line):
        return False
    if line.marker:  # a graphic number opens an item
        return False
    marker, _, is_number = split_marker(line.text)
    if marker and not (is_number and _inline_enumeration(group, line)):
        return False
    if _styled(first, body) and len(group.lines) >= 4:
        return False
    # a list item ends when a line starts left of its marker
    return not (split_marker(first.text)[0] and line.x0 < first.x0 - 3)


_FULL_STOP = re.compile(r"[.!?]['\"’”)]*$")
_SHORT = 0.25  # a line this much of its column's width short of the right edge ends its paragraph


def _right_edges(lines: list[Line]) -> dict[tuple[int, int], tuple[float, float]]:
    """Each flow's (left, right) edges on the page: where its lines start and end at the most."""
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    for ln in lines:
        a, b = edges.get(ln.flow, (ln.x0, ln.x1))
        edges[ln.flow] = (min(a, ln.x0), max(b, ln.x1))
    return edges


def _ended(group: _Group, line: Line, edges: dict[tuple[int, int], tuple[float, float]]) -> bool:
    """A sentence that ends well short of the column's right edge ends its paragraph: the next
    line, opening with a capital, is a paragraph of its own ("Create a documentary." / "Collect
    audio snippets."), however close the lines are set."""
    prev = group.lines[-1]
    if abs(line.top - prev.top) <= 2 or not _FULL_STOP.search(prev.text) or not line.text[:1].isupper():
        return False
    left, right = edges.get(prev.flow, (prev.x0, prev.x1))
    width = right - left
    return width > 0 and right - prev.x1 > _SHORT * width


def _bold_over_plain(group: _Group, line: Line) -> bool:
    """A bold line over a plain line of the same size, both set above body text ("Short Remarks" /
    "Commissioner X, Office of Y"): a heading over its text, as at body size, unless the sentence
    runs on. Only a one-line bold group: a bold title's plain second line is left alone."""
    prev = group.lines[-1]
    return (
        len(group.lines) == 1
        and prev.bold
        and not line.bold
        and abs(line.size - prev.size) < 0.5
        and not _SENTENCE_END.search(prev.text)
        and not _mid_sentence(group, line)
        and not line.text[:1].islower()
    )


def _mid_sentence(group: _Group, line: Line) -> bool:
    """A sentence running on in another weight ("The Inspectors / **encourage ...**").

    The line before has no sentence end and either this line starts in lower case or the
    line before ran to the paragraph's right edge.
    """
    prev = group.lines[-1]
    if _SENTENCE_END.search(prev.text):
        return False
    full = len(group.lines) >= 2 and prev.x1 >= max(ln.x1 for ln in group.lines) - 6
    return line.text[:1].islower() or full


def _inline_enumeration(group: _Group, line: Line) -> bool:
    """ "(3) ..." at the start of a line inside a running paragraph is part of the sentence.

    It is when the paragraph has no marker itself and the line before ran to the right edge
    without ending in a colon (a list introduced by "as follows:" starts a new block).
    """
    prev = group.lines[-1]
    if len(group.lines) < 2 or split_marker(group.lines[0].text)[0] or prev.text.rstrip().endswith(":"):
        return False
    return prev.x1 >= max(ln.x1 for ln in group.lines) - 6


def _is_heading(group: _Group, body: float) -> bool:
    """Up to four short lines, all bold or larger than body text, not starting a bullet item."""
    if len(group.lines) > 4 or not all(_styled(line, body) for line in group.lines):
        return False
    text = group.text
    if len(text) > 200:
        return False
    if text[:1].islower():  # the bold end of a sentence, not a title
        return False
    if _FIELD.match(text):  # "Date of publication: December 2024." is a field of a form, not a title
        return False
    marker, _, is_number = split_marker(text)
    return not marker or is_number


def _heading_levels(groups: list[_Group], body: float) -> dict[float, int]:
    """Level 1 is the largest heading size; bold text at body size is the level below the rest."""
    sizes = sorted({round(g.lines[0].size * 2) / 2 for g in groups if _is_heading(g, body)}, reverse=True)
    big = [s for s in sizes if s >= body + 1.0]
    levels = {s: min(i + 1, 6) for i, s in enumerate(big)}
    for s in sizes:
        levels.setdefault(s, min(len(big) + 1, 6))
    return levels


def _emit(
    groups: list[_Group | TableItem],
    body: float,
    levels: dict[float, int],
    source_file: str,
    extractor: str,
    readers: dict[int, str],
) -> list[Block]:
    blocks: list[Block] = []
    tables = 0
    last_flow: tuple[int, int, int] | None = None
    for g in groups:
        if isinstance(g, TableItem):
            blocks.append(
                _table_block(g, source_file, readers.get(g.pages[0], extractor), len(blocks), tables)
            )
            tables += 1
            last_flow = None
            continue
        flow = (g.page, *g.lines[0].flow)
        block = _text_block(
            g,
            body,
            levels,
            Provenance(
                source_file,
                page=g.page,
                block=len(blocks),
                bbox=_bbox(g.lines),
                extractor=readers.get(g.page, extractor),
            ),
        )
        if block is None:
            continue
        if last_flow is not None and flow != last_flow and _runs_on(blocks[-1], block):
            prev = blocks[-1]
            blocks[-1] = dataclasses.replace(prev, text=join_lines(prev.text + "\n" + block.text))
        else:
            blocks.append(block)
        last_flow = (g.page, *g.lines[-1].flow)
    return blocks


def _runs_on(prev: Block, block: Block) -> bool:
    """A paragraph cut by a page or column break: no sentence end before, lower case after."""
    return (
        prev.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        and block.kind == BlockKind.PARAGRAPH
        and prev.shade == block.shade
        and not _SENTENCE_END.search(prev.text)
        and block.text[:1].islower()
    )


def _text_block(g: _Group, body: float, levels: dict[float, int], prov: Provenance) -> Block | None:
    text = g.text
    if not text:
        return None
    first = g.lines[0]
    size = first.size
    style: dict[str, Any] = {
        "bold": all(line.bold for line in g.lines),
        "italic": all(line.italic for line in g.lines),
        "colour": colour_hex(_colour(g.lines)),
        "font_size": size,
        "shade": colour_hex(first.shade) if first.shade else "",
    }
    if first.marker:  # a number printed large beside the item: the text keeps no marker of its own
        return Block(
            BlockKind.LIST_ITEM, text, prov, marker=first.marker, marker_size=first.marker_size, **style
        )
    if _is_heading(g, body):
        marker, _, _ = split_marker(text)
        level = levels.get(round(size * 2) / 2, 1)
        return Block(BlockKind.HEADING, text, prov, level=level, marker=marker, **style)
    marker, rest, _ = split_marker(text)
    if marker and rest:
        return Block(BlockKind.LIST_ITEM, rest, prov, marker=marker, **style)
    return Block(BlockKind.PARAGRAPH, text, prov, **style)


def _colour(lines: list[Line]) -> tuple[float, ...]:
    counts: Counter[tuple[float, ...]] = Counter()
    for line in lines:
        for w in line.words:
            counts[w.colour] += len(w.text)
    return counts.most_common(1)[0][0] if counts else ()


def colour_hex(colour: tuple[float, ...]) -> str:
    """A PDF fill colour (gray, RGB or CMYK components) as "#rrggbb"; "" for black or unknown."""
    if not all(isinstance(v, (int, float)) for v in colour):
        return ""
    if len(colour) == 1:
        r = g = b = float(colour[0])
    elif len(colour) == 3:
        r, g, b = (float(v) for v in colour)
    elif len(colour) == 4:
        c, m, y, k = (float(v) for v in colour)
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return ""
    rgb = tuple(max(0, min(255, round(v * 255))) for v in (r, g, b))
    return "" if max(rgb) <= 16 else "#{:02x}{:02x}{:02x}".format(*rgb)


def _bbox(lines: list[Line]) -> tuple[float, float, float, float]:
    return (
        round(min(ln.x0 for ln in lines), 1),
        round(min(ln.top for ln in lines), 1),
        round(max(ln.x1 for ln in lines), 1),
        round(max(ln.bottom for ln in lines), 1),
    )


def _table_block(t: TableItem, source_file: str, extractor: str, index: int, table_no: int) -> Block:
    """``style`` records the pages a joined table spans ("pages 3-4") and "grid" for a table laid out by
    white space alone; provenance is its first page."""
    rows = tuple(tuple(c for c in row) for row in t.rows)
    width = max(len(r) for r in rows)
    rows = tuple(r + (Cell(""),) * (width - len(r)) for r in rows)
    text = "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in rows)
    prov = Provenance(
        source_file,
        page=t.pages[0],
        block=index,
        table=table_no,
        bbox=tuple(round(v, 1) for v in t.bbox),  # type: ignore[arg-type]
        extractor=extractor,
    )
    pages = f"pages {t.pages[0]}-{t.pages[-1]}" if len(t.pages) > 1 else ""
    style = " ".join(part for part in ("grid" if t.kind == "grid" else "", pages) if part)
    return Block(BlockKind.TABLE, text, prov, style=style, rows=rows)
