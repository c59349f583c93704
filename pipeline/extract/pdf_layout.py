"""One PDF page -> text lines and tables in reading order (the expensive, pdfplumber path).

``read_page`` is the only place that calls pdfplumber's layout analysis, once per page:
one ``extract_words`` and (only when the page has rules) one ``find_tables``. Everything
it returns is plain data. It reads the page's object cache, which ``load_objects`` fills from
pdfminer, or ``pdf_pdfium`` from pypdfium2 (the faster reader; its docstring lists what is read).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

import numpy as np
from pdfminer.layout import LTAnno, LTChar, LTContainer
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import literal_name
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.exceptions import PdfminerException

from ..models import Cell
from .pdf_device import interpret
from .pdf_marks import attach_big_marks, mark_superscripts, take_big_marks

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$|bd$", re.I)
_ITALIC_FONT = re.compile(r"italic|oblique|[-,](?:bold|semibold|demibold|medium|light|black)?it$", re.I)
Bbox = tuple[float, float, float, float]
# a form field's label: a few words (not a sentence) and a colon, at the start of a cell's bold run
_FORM_LABEL = re.compile(r"^[^\n:.;]{2,90}:")
# PDF 32000-1:2008, Annex D.2, note 5: in WinAnsiEncoding every unused code above 40 (octal) prints
# as a bullet. reportlab sets its list bullets as code 127 of a standard font; pdfminer, finding no
# mapping, gives "(cid:127)".
_WINANSI_UNUSED = frozenset(f"(cid:{code})" for code in (127, 129, 141, 143, 144, 157))


@dataclass(slots=True)
class Word:
    """A run of characters in one font, size and colour. ``colour`` is the fill colour as the PDF
    gives it (gray, RGB or CMYK components); ``sup`` marks a raised footnote reference, which
    line text leaves out (see ``pdf_marks.mark_superscripts``)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    fontname: str
    italic: bool = False
    colour: tuple[float, ...] = ()
    sup: bool = False
    spaced: bool = False  # a space character comes before it in the text layer


class WordRun:
    """The box of a run of words in reading order (a line, a grid's time label)."""

    __slots__ = ()
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(slots=True)
class Line(WordRun):
    """Words on one baseline within one column. ``flow`` is (region, column) on its page.

    ``marker`` is a number set in a much larger type at the left of the line (a graphic digit
    that numbers the item this line starts); it is not part of ``text``.
    """

    words: list[Word]
    flow: tuple[int, int] = (0, 0)
    marker: str = ""
    marker_size: float | None = None
    shade: tuple[
        float, ...
    ] = ()  # the fill colour of the box printed behind the line; () on the page's ground

    @property
    def text(self) -> str:
        return join_words(self.words)

    @property
    def size(self) -> float:
        """The size most of the line's characters are set in (superscripts do not count)."""
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def typed_hyphen(self) -> bool:
        """The line ends in a hyphen set in another font than the word it touches.

        Publisher (and some other layout programs) set automatic line-end hyphens in the
        text font but typed hyphens in a different subset, so this one is kept when joining.
        """
        if len(self.words) < 2 or self.words[-1].text != "-":
            return False
        last, prev = self.words[-1], self.words[-2]
        return last.fontname != prev.fontname and last.x0 - prev.x1 <= 0.12 * last.size

    @property
    def bold(self) -> bool:
        letters = sum(len(w.text) for w in self.words if any(ch.isalnum() for ch in w.text))
        bold = sum(len(w.text) for w in self.words if w.bold and any(ch.isalnum() for ch in w.text))
        return letters > 0 and bold >= 0.9 * letters

    @property
    def italic(self) -> bool:
        letters = sum(len(w.text) for w in self.words if any(ch.isalnum() for ch in w.text))
        italic = sum(len(w.text) for w in self.words if w.italic and any(ch.isalnum() for ch in w.text))
        return letters > 0 and italic >= 0.9 * letters

    @property
    def colour(self) -> tuple[float, ...]:
        """The fill colour most of the line's characters are set in."""
        counts: Counter[tuple[float, ...]] = Counter()
        for w in self.words:
            counts[w.colour] += len(w.text)
        return counts.most_common(1)[0][0]


@dataclass(slots=True)
class TableItem:
    """A table found on a page; ``col_x`` are the left edges of its columns (for joining).

    ``kind`` is "ruled" (drawn cell borders) or "grid" (laid out by white space alone, pdf_unruled).
    """

    rows: list[list[Cell]]
    bbox: Bbox
    col_x: list[float]
    flow: tuple[int, int] = (0, 0)
    pages: list[int] = field(default_factory=list)
    kind: str = "ruled"


@dataclass(slots=True)
class PageLayout:
    number: int
    width: float
    height: float
    items: list[Line | TableItem]
    chars: int
    warnings: list[str] = field(default_factory=list)
    reader: str = ""  # "pdfium" or "pdfplumber" when the pdfium reader ran; "" for the pdfplumber reader
    fallback: str = ""  # why pdfplumber read this page although pdfium was asked to


@lru_cache(maxsize=4096)  # asked once a word, of a page's few fonts
def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(fontname.split("+")[-1]))


@lru_cache(maxsize=4096)
def is_italic_font(fontname: str) -> bool:
    return bool(_ITALIC_FONT.search(fontname.split("+")[-1]))


def _space_gap(prev: Word, w: Word) -> float:
    """The gap, in ems, above which a space stands between two words: 0.08 em, more before
    closing and after opening punctuation, which type sets loosely ("(b)) ." reads "(b)).")."""
    if w.text[:1] in _CLOSING or prev.text[-1:] in _OPENING:
        return 0.2
    return 0.08


_CLOSING = frozenset(".,;:!?)]}’”»%")
_OPENING = frozenset("([{‘“«")


def join_words(words: list[Word]) -> str:
    """Join words left to right; pieces split only by a font change touch, so no space goes there.

    A footnote reference (``sup``) after the first word is left out: "Nations2" reads "Nations".
    """
    out = ""
    prev: Word | None = None
    for w in words:
        if w.sup and prev is not None:
            continue
        if prev is not None and (w.spaced or w.x0 - prev.x1 > _space_gap(prev, w) * min(w.size, prev.size)):
            out += " "
        out += w.text
        prev = w
    return out


def read_page(page: Any, number: int) -> PageLayout:
    """Lay out one pdfplumber page: tables first, then the other words as lines in reading order."""
    width, height = float(page.width), float(page.height)
    load_objects(page)
    page, attrs, spacing, vertical = _prepare(page)
    raw = [
        w
        for w in page.extract_words(
            keep_blank_chars=False, use_text_flow=False, extra_attrs=attrs, return_chars=True, **spacing
        )
        if w["text"].strip()
    ]
    _mark_spaced(raw, page.chars)
    warnings: list[str] = []
    sideways = [w for w in raw if w.get("direction") in ("ttb", "btt")]
    if raw and len(sideways) > len(raw) / 2:
        # A page turned by /Rotate (or set sideways): read it as if turned upright; its rules
        # are sideways too, so no table detection here.
        warnings.append(f"page {number}: sideways text read as if the page were turned upright; no tables")
        words = [_upright(w, width, height) for w in sideways]
        return PageLayout(number, height, width, _order(_lines(words), [], height), len(page.chars), warnings)
    sideways_ids = {id(w) for w in sideways}
    words = glue_split_numbers(
        [_word(w, w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw if id(w) not in sideways_ids]
    )
    words, marks = take_big_marks(words)
    tables: list[TableItem] = []
    if page.lines or page.rects:
        try:
            tables = _tables(page, words + vertical)
        except Exception as e:  # noqa: BLE001 - odd geometry must not cost the page its text
            warnings.append(f"page {number}: table detection failed ({type(e).__name__}); text kept as lines")
    free = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    free += graphic_bullets(free, page.curves + page.rects)
    lines = _lines(free)
    if marks:
        lines.extend(Line([m]) for m in attach_big_marks(lines, marks))
    if tables:
        from .pdf_unruled import find_bands  # imported here: it builds on this module

        lines = find_bands(lines, tables)
    if not tables:
        from .pdf_unruled import find_day_grids, find_right_timed, find_timetables  # noqa: I001 - builds on this module
        from .pdf_week_grid import find_week_grids

        frames = [(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])) for r in page.rects]
        tables, lines = find_week_grids(lines, number, frames)
        if not tables and find_gutter(free, width) is None:
            tables, lines = find_right_timed(lines, number)
            if not tables:
                tables, lines = find_timetables(lines, number)
        day_grids, lines = find_day_grids(lines, number)
        tables.extend(day_grids)
    items = _order(lines, tables, width)
    if number == 1:
        items = _masthead(items, width, height)
    shade_lines([it for it in items if isinstance(it, Line)], page.rects, width * height)
    return PageLayout(number, width, height, items, len(page.chars), warnings)


_BULLET_CLEAR = (
    60.0  # points: no text this close before a bullet on its line (else it is a mark inside the line)
)


def graphic_bullets(words: list[Word], shapes: list[dict[str, Any]]) -> list[Word]:
    """Bullets drawn as shapes (a small filled dot or square before a line), which the text
    layer does not hold: a "•" word for each, so the line reads as a list item like one whose
    bullet is a character. A dot with text just before it on its line is no bullet."""
    found: list[Word] = []
    boxes = [(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])) for o in shapes]
    for k, sh in enumerate(shapes):
        if not sh.get("fill"):
            continue
        x0, top, x1, bottom = boxes[k]
        w, h = x1 - x0, bottom - top
        if not (1.5 <= w <= 8 and 1.5 <= h <= 8 and 0.6 <= w / h <= 1.6):
            continue
        if any(
            m != k
            and b[0] - 3 <= x1
            and b[2] + 3 >= x0
            and b[1] - 3 <= bottom
            and b[3] + 3 >= top
            and max(abs(b[0] - x0), abs(b[1] - top), abs(b[2] - x1), abs(b[3] - bottom)) > 0.5
            and b[2] - b[0] <= 4 * w
            and b[3] - b[1] <= 4 * h
            for m, b in enumerate(boxes)
        ):
            # a part of a drawing (an emblem, an icon) among shapes of its size, not a bullet
            # standing alone (its own outline, or a box or band it is printed on, do not count)
            continue
        mid = (top + bottom) / 2
        # a bullet is a fifth to nine tenths of the type's size, centred on its line
        row = [x for x in words if x.top - 1 <= mid <= x.bottom + 1 and 0.2 * x.size <= h <= 0.9 * x.size]
        right = [x for x in row if x1 + 0.15 * x.size <= x.x0 <= x1 + 2.5 * x.size]
        if not right or any(x.x1 <= x0 + 1 and x0 - x.x1 <= _BULLET_CLEAR for x in row):
            continue
        nxt = min(right, key=lambda x: x.x0)
        if nxt.text[:1] in "•●▪■◦-–":
            continue
        found.append(
            Word("•", x0, x1, nxt.top, nxt.bottom, nxt.size, nxt.bold, nxt.fontname, colour=nxt.colour)
        )
    return found


_MAX_BOX = 0.5  # a filled shape over this share of the page is its background, not a box
_WHITE = 0.985  # every colour component this light: white, no shading


def _tint(colour: Any) -> tuple[float, ...]:
    """A fill colour as components; () for white, black, patterns and what cannot be read."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if (
        not isinstance(colour, (tuple, list))
        or not colour
        or not all(isinstance(v, (int, float)) for v in colour)
    ):
        return ()
    c = tuple(float(v) for v in colour)
    rgb: tuple[float, ...]
    if len(c) == 4:  # CMYK
        rgb = ((1 - c[0]) * (1 - c[3]), (1 - c[1]) * (1 - c[3]), (1 - c[2]) * (1 - c[3]))
    elif len(c) in (1, 3):
        rgb = c * 3 if len(c) == 1 else c
    else:
        return ()
    if min(rgb) >= _WHITE or max(rgb) <= 0.06:
        return ()
    return tuple(round(v, 3) for v in c)


def shade_lines(lines: list[Line], rects: list[dict[str, Any]], page_area: float) -> None:
    """Give each line the colour of the filled box it is printed on (a shaded box holding a
    recommendation, a coloured sidebar): the box a reader sees the line in, the smallest filled
    rectangle that holds the middle of the line and most of its width. Text on a shaded box is a part of its own, as its
    frame shows; a change of ground ends a paragraph (``pdf_blocks``)."""
    boxes = [
        (float(r["x0"]) - 1, float(r["top"]) - 1, float(r["x1"]) + 1, float(r["bottom"]) + 1, tint)
        for r in rects
        if r.get("fill")
        and (tint := _tint(r.get("non_stroking_color")))
        and 0 < float(r["width"]) * float(r["height"]) < _MAX_BOX * page_area
    ]
    if not boxes:
        return
    for line in lines:
        # the middle of the line on the box, and most of its width: a line that starts a hair
        # above the box's edge is still on it
        cx, cy, half = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2, 0.4 * (line.x1 - line.x0)
        inside = [b for b in boxes if b[0] <= cx - half and b[2] >= cx + half and b[1] <= cy <= b[3]]
        if inside:
            line.shade = min(inside, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))[4]


def load_objects(page: Any) -> None:
    """Fill pdfplumber's object cache for the page, characters the cheap way, hidden text left out.

    The page is interpreted by ``pdf_device.interpret``, which leaves out what a reader cannot
    see (text outside the clip or the page, text in an invisible render mode, unless that is all
    the page's text: an OCR layer). pdfplumber turns every pdfminer object into a dict through a
    generic attribute walk that resolves colours and marked content for each character: on a text
    page that costs more than half as much as pdfminer's interpretation itself. Characters get
    the same coordinates here by pdfplumber's own formulas, with the keys this package and
    pdfplumber's word and table code read; lines, rectangles and curves (few) still go through
    pdfplumber. ``page.hidden_chars`` counts the characters left out.
    """
    if hasattr(page, "_objects"):
        return
    try:
        device = interpret(page.pdf.rsrcmgr, page.page_obj, page.page_number)
    except Exception as e:
        raise PdfminerException(e) from e
    layout = device.get_result()
    page._layout = layout
    roots: list[Any] = [layout._objs]
    hidden = device.clipped + len(device.invisible)
    if device.invisible and not _has_visible_text(layout):
        roots.append(device.invisible)  # an OCR layer: the page's only text, so it is read
        hidden = device.clipped
    page.hidden_chars = hidden
    height = float(page.height)
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    chars: list[dict[str, Any]] = []
    objects: dict[str, list[dict[str, Any]]] = {"char": chars}
    winansi: set[str] | None = None
    stack = [iter(root) for root in reversed(roots)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                fontname = obj.fontname
                if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded names
                    fontname = fix_fontname_bytes(fontname)
                text = obj.get_text()
                if text in _WINANSI_UNUSED:
                    if winansi is None:
                        winansi = winansi_fonts(page)
                    if fontname in winansi:
                        text = "\u2022"
                top = (height - obj.y1) + mb_top
                colour = obj.graphicstate.ncolor
                chars.append(
                    {
                        "object_type": "char",
                        "page_number": page.page_number,
                        "text": text,
                        "fontname": fontname,
                        "size": obj.size,
                        "adv": obj.adv,
                        "upright": obj.upright,
                        "matrix": obj.matrix,
                        "x0": obj.x0 + mb_x0,
                        "x1": obj.x1 + mb_x0,
                        "y0": obj.y0,
                        "y1": obj.y1,
                        "width": obj.width,
                        "height": obj.height,
                        "top": top,
                        "bottom": (height - obj.y0) + mb_top,
                        "doctop": doctop + top,
                        "non_stroking_color": colour if isinstance(colour, tuple) else (colour,),
                    }
                )
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
            elif not isinstance(obj, LTAnno):
                item = page.process_object(obj)
                objects.setdefault(item["object_type"], []).append(item)
        else:
            stack.pop()
    page._objects = objects


def _has_visible_text(layout: Any) -> bool:
    """Whether any printed character (not a space) is left on the page, inside figures too."""
    stack = [iter(layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                if not obj.get_text().isspace():
                    return True
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    return False


def winansi_fonts(page: Any) -> set[str]:
    """Names of the page's simple fonts encoded WinAnsiEncoding (whose unused codes print as bullets)."""
    names: set[str] = set()
    try:
        fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
        for ref in fonts.values():
            spec = resolve1(ref)
            if not isinstance(spec, dict) or literal_name(spec.get("Subtype")) not in (
                "Type1",
                "TrueType",
                "MMType1",
            ):
                continue
            encoding = resolve1(spec.get("Encoding"))
            if isinstance(encoding, dict):
                encoding = resolve1(encoding.get("BaseEncoding"))
            if encoding is not None and literal_name(encoding) == "WinAnsiEncoding":
                names.add(literal_name(spec.get("BaseFont")))
    except Exception:  # noqa: BLE001 - a broken font dictionary only leaves the "(cid:n)" as it was
        return names
    return names


def _masthead(items: list[Line | TableItem], width: float, height: float) -> list[Line | TableItem]:
    """A UN cover's two-column masthead read column by column.

    The right column (small type: "Distr.: General", the date, "Original: English") sits beside the
    wrapped name of the issuing body; page 1 has too few words for ``find_gutter``, so sorted by
    height the two interleave. The stretch where they stand side by side, with the left column's
    lines running on below it, is put in order: the left column first, then the right.
    """
    right = [
        i
        for i, it in enumerate(items)
        if isinstance(it, Line)
        and it.x0 >= 0.55 * width
        and it.top < 0.3 * height
        and it.size <= 11
        and len(it.text) <= 40
    ]
    if len(right) < 2:
        return items
    start, end = right[0], right[-1]
    edge = min(items[i].x0 for i in right)  # type: ignore[union-attr]
    window = items[start : end + 1]
    left = [it for it in window if not any(it is items[i] for i in right)]
    if not left or any(not isinstance(it, Line) or it.x1 > edge - 10 for it in left):
        return items
    if start > 0 and isinstance(items[start - 1], Line) and items[start - 1].bottom > items[start].top:  # type: ignore[union-attr]
        start -= 1  # the left line level with the first right line sorted before it
        left.insert(0, items[start])
        if items[start].x1 > edge - 10:  # type: ignore[union-attr]
            return items
    tail = end + 1
    while tail < len(items):  # the left column's wrapped lines under the right column
        nxt, prev = items[tail], left[-1]
        if not (
            isinstance(nxt, Line)
            and isinstance(prev, Line)
            and abs(nxt.x0 - prev.x0) <= 5
            and abs(nxt.size - prev.size) < 0.6
            and nxt.top - prev.bottom < 0.8 * prev.size
        ):
            break
        left.append(nxt)
        tail += 1
    return [*items[:start], *left, *(items[i] for i in right), *items[tail:]]


def _prepare(page: Any) -> tuple[Any, list[str], dict[str, float], list[Word]]:
    """The page's characters made fit for word extraction: (page, extra_attrs, spacing options, vertical words).

    On an upright page, characters turned by 90 degrees are taken out of word extraction: at the
    side edges they are running heads and job numbers printed vertically (furniture, dropped);
    elsewhere they are vertical column headings, returned as words read along their own axis
    (pdfplumber reports them as upright and would order their letters by x, all equal).

    Typewriter-style PDFs print bold by striking a character twice, a fraction of a point apart:
    the second strike is dropped and the first marked ``overstruck`` (a bold cue). Checking for
    such pairs costs a hash look-up per character; pdfplumber's own ``dedupe_chars`` is quadratic
    in the page's characters, so it is not used.

    Some PDFs (Distiller 3, 1998) set no space characters at all: words are told apart by their
    gaps alone, which in justified text are often under pdfplumber's fixed 3 pt tolerance. On such a
    page the tolerance is relative to the type size, the same 0.12 em ``join_words`` spaces at.
    """
    chars = page.chars
    attrs = ["fontname", "size", "non_stroking_color"]
    spacing: dict[str, float] = {}
    struck = _overstrikes(chars)
    drop = set(struck)
    # turned by 90 degrees either way: the text matrix's diagonal vanishes (tested inline: every character)
    turned = [
        c
        for c in chars
        if (m := c.get("matrix")) and abs(m[0]) < 0.01 and abs(m[3]) < 0.01 and abs(m[1]) > 0.01
    ]
    vertical: list[Word] = []
    if turned and len(turned) < len(chars) / 2:
        width = float(page.width)
        drop.update(id(c) for c in turned)
        inner = [c for c in turned if c["x1"] > width * 0.08 and c["x0"] < width * 0.92]
        vertical = _vertical_words(inner)
    if struck:
        attrs.append("overstruck")
    if drop:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in drop)
    texts = [c["text"] for c in chars]
    letters = sum(1 for t in texts if not t.isspace())
    if letters >= 50 and texts.count(" ") < 0.02 * letters:
        spacing["x_tolerance_ratio"] = 0.12
    return page, attrs, spacing, vertical


def _vertical_words(chars: list[dict[str, Any]]) -> list[Word]:
    """Words of text set vertically: characters in one column (same x within 1 pt) and one direction,
    in reading order along the column (top down or bottom up), cut at a gap of 0.3 em."""
    columns: dict[tuple[int, bool], list[dict[str, Any]]] = {}
    for c in chars:
        columns.setdefault((round(c["x0"]), c["matrix"][1] > 0), []).append(c)
    words: list[Word] = []
    for (_, upward), col in sorted(columns.items()):
        col.sort(key=lambda c: -c["bottom"] if upward else c["top"])
        runs: list[list[dict[str, Any]]] = [[]]
        for c in col:
            run = runs[-1]
            if run:
                prev = run[-1]
                gap = (prev["top"] - c["bottom"]) if upward else (c["top"] - prev["bottom"])
                if gap > 0.3 * (prev["x1"] - prev["x0"]):
                    run = []
                    runs.append(run)
            if not c["text"].isspace() or run:  # a space inside a run stays (a heading of two words)
                run.append(c)
        for run in runs:
            text = "".join(c["text"] for c in run).strip()
            if text:
                size = max(c["x1"] - c["x0"] for c in run)
                words.append(
                    Word(
                        text,
                        min(c["x0"] for c in run),
                        max(c["x1"] for c in run),
                        min(c["top"] for c in run),
                        max(c["bottom"] for c in run),
                        max(size, 1.0),
                        is_bold_font(run[0]["fontname"]),
                        run[0]["fontname"],
                        is_italic_font(run[0]["fontname"]),
                        run[0].get("non_stroking_color") or (),
                    )
                )
    return words


def _overstrikes(chars: list[dict[str, Any]]) -> set[int]:
    """ids of the characters that repeat an earlier one (same text and font, within 1 pt).

    When there are any, every character gets an ``overstruck`` flag: True on the kept first strike.
    Only characters with another one within 1 pt (``_crowded``, found in bulk) can be either, so
    only those are walked (most pages have none).
    """
    ink = [c for c in chars if not c["text"].isspace()]
    grid: dict[tuple[str, str, float, int, int], dict[str, Any]] = {}
    drop: set[int] = set()
    for c in _crowded(ink):
        key = (c["text"], c["fontname"], round(float(c["size"]), 1))
        gx, gy = int(c["x0"]), int(c["top"])
        first = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                o = grid.get((*key, gx + dx, gy + dy))
                if o is not None and abs(o["x0"] - c["x0"]) <= 1 and abs(o["top"] - c["top"]) <= 1:
                    first = o
        if first is None:
            grid[(*key, gx, gy)] = c
        else:
            first["overstruck"] = True
            drop.add(id(c))
    if drop:
        for c in chars:
            c.setdefault("overstruck", False)
    return drop


def _crowded(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters (in their order) with another one whose ``x0`` and ``top`` are within 1 pt.

    Two such characters lie in the same or neighbouring whole-point cells, so each character's
    cell is looked up among the page's cells shifted by one each way, in bulk. Odd coordinates
    (not finite, or too far apart to number the cells) give every character.
    """
    if len(chars) < 2:
        return []
    x = np.array([c["x0"] for c in chars], dtype=np.float64)
    y = np.array([c["top"] for c in chars], dtype=np.float64)
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        return chars
    qx, qy = np.floor(x), np.floor(y)
    span_y = qy.max() - qy.min() + 3
    if (qx.max() - qx.min() + 3) * span_y > 2**52:
        return chars
    code = (qx - qx.min() + 1) * span_y + (qy - qy.min() + 1)  # whole numbers, exact in float64
    order = np.sort(code)
    # the own cell is shared when its code occurs twice
    near = np.searchsorted(order, code, side="right") - np.searchsorted(order, code, side="left") > 1
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                shifted = code + (dx * span_y + dy)
                at = np.minimum(np.searchsorted(order, shifted), len(order) - 1)
                near |= order[at] == shifted
    if not near.any():
        return []
    return [c for c, n in zip(chars, near.tolist(), strict=True) if n]


def _mark_spaced(words: list[dict[str, Any]], chars: list[dict[str, Any]]) -> None:
    """Mark the words a space character comes before. Type set with tight tracking (InDesign)
    draws each glyph's box over the next one's, so the gap at a real space can be negative: the
    space character, not the gap, says a word ends there."""
    after_space = {id(chars[i]) for i in range(1, len(chars)) if chars[i - 1]["text"] == " "}
    for w in words:
        first = w.pop("chars")[0]
        w["spaced"] = id(first) in after_space


def _word(w: dict[str, Any], x0: float, x1: float, top: float, bottom: float) -> Word:
    # a size of 0 (some Type 3 fonts) would make every spacing test degenerate
    return Word(
        w["text"],
        float(x0),
        float(x1),
        float(top),
        float(bottom),
        max(abs(float(w["size"])), 1.0),
        is_bold_font(w["fontname"]) or bool(w.get("overstruck")),
        w["fontname"],
        is_italic_font(w["fontname"]),
        w.get("non_stroking_color") or (),
        spaced=bool(w.get("spaced")),
    )


# pieces of a number a text layer splits ("1" "0:00", "1" "1" ":00", "201" "4") and what they must
# make together to be glued: a clock time or a year
_NUMBER_PIECE = re.compile(r"^(?:\d{1,3}|\d?[:.]\d{2})$")
_GLUED_NUMBER = re.compile(r"^(?:(?:[01]?\d|2[0-3])[:.][0-5]\d|(?:19|20)\d\d)$")
_PIECE_GAP = 0.22  # ems: pieces of one number stand closer than a word space


def glue_split_numbers(words: list[Word]) -> list[Word]:
    """Glue the pieces of a clock time or a year that the text layer split into words.

    Some layout programs place each digit (or a leading digit) on its own, a little apart: the
    words read "1 0:00" and "VSSUP 201 4". Digit pieces on one baseline, closer than a word space,
    become one word when together they read as a clock time ("10:00") or a year ("2014"); other
    digits (table figures, "2 D") are left as they are.
    """
    pieces = sorted((w for w in words if _NUMBER_PIECE.match(w.text)), key=lambda w: (w.bottom, w.x0))
    if len(pieces) < 2:
        return words
    chains: list[list[Word]] = []
    group: list[Word] = []
    for w in [*pieces, None]:
        if w is not None and group and w.bottom - group[0].bottom <= 1.0:
            group.append(w)
            continue
        chain: list[Word] = []
        for v in sorted(group, key=lambda v: v.x0):
            last = chain[-1] if chain else None
            if (
                last is not None
                and abs(v.size - last.size) <= 0.5
                and 0 <= v.x0 - last.x1 <= _PIECE_GAP * v.size
            ):
                chain.append(v)
            else:
                chains.append(chain := [v])
        group = [w] if w is not None else []
    glued: dict[int, Word | None] = {}
    for chain in chains:
        text = "".join(v.text for v in chain)
        if len(chain) > 1 and _GLUED_NUMBER.match(text):
            first = chain[0]
            glued[id(first)] = dataclasses.replace(
                first,
                text=text,
                x1=chain[-1].x1,
                top=min(v.top for v in chain),
                bottom=max(v.bottom for v in chain),
            )
            glued.update((id(v), None) for v in chain[1:])
    if not glued:
        return words
    return [g for w in words if (g := glued.get(id(w), w)) is not None]


def _upright(w: dict[str, Any], width: float, height: float) -> Word:
    """Coordinates of a sideways word on the page turned so that its text runs left to right."""
    if w["direction"] == "ttb":  # turned clockwise: lines run right to left across the page
        return _word(w, w["top"], w["bottom"], width - w["x1"], width - w["x0"])
    return _word(w, height - w["bottom"], height - w["top"], w["x0"], w["x1"])


# --------------------------------------------------------------------------- tables
def _tables(page: Any, words: list[Word]) -> list[TableItem]:
    """Ruled tables with two or more columns, and one-column forms (see ``_looks_tabular``).

    Any other one-column box is a frame around text, not a table.

    Each word goes to exactly one cell (the smallest that holds its centre), so overlapping
    cell boxes never print a word twice. Columns empty in every row are drawing artefacts of
    grids made of many small rectangles (UN key-action tables) and are dropped.
    """
    out = []
    for table in page.find_tables():
        # pdfplumber works the rows out afresh on each reading of ``table.rows``: read once
        table_rows = table.rows
        width = max((len(r.cells) for r in table_rows), default=0)
        if not width:
            continue
        held = [w for w in words if _inside(w, table.bbox)]
        owner = _assign_words(held, table_rows)
        lefts = _column_lefts(table_rows, width)
        _open_cells(owner, held, table_rows, lefts)
        rows = [
            [
                _cell(bbox or _OPEN if (i, j) in owner else bbox, owner.get((i, j), []))
                for j, bbox in enumerate(row.cells)
            ]
            for i, row in enumerate(table_rows)
        ]
        keep = [j for j in range(width) if any(j < len(r) and r[j].text for r in rows)]
        if len(keep) < 2:  # a one-row rest of a table broken by the page keeps its columns
            keep = list(range(width))
        kept_lefts = [lefts[j] for j in keep]
        rows = [
            [_spanned(r[j], table_rows[i].cells[j], kept_lefts) if j < len(r) else Cell("") for j in keep]
            for i, r in enumerate(rows)
            if any(c.text for c in r)
        ]
        if not rows or not _looks_tabular(rows):
            continue
        out.append(TableItem(rows, tuple(table.bbox), kept_lefts, pages=[page.page_number]))
    return out


def _spanned(cell: Cell, bbox: Bbox | None, lefts: list[float]) -> Cell:
    """Set ``colspan`` to the number of (kept) columns whose left edge the cell's box covers."""
    if bbox is None or not cell.text:
        return cell
    span = sum(1 for x in lefts if bbox[0] - 1 <= x < bbox[2] - 1)
    return dataclasses.replace(cell, colspan=span) if span > 1 else cell


_OPEN: Bbox = (0.0, 0.0, 0.0, 0.0)


def _open_cells(
    owner: dict[tuple[int, int], list[Word]], words: list[Word], rows: list[Any], lefts: list[float]
) -> None:
    """Words in the table that no cell box holds go to the position of their row and column.

    A cell whose bottom rule is missing (it runs on past the page break, as a day cell spanning
    rows does) has no box: pdfplumber reports its positions as merged-over (None), and its words
    would be lost.
    """
    owned = {id(w) for ws in owner.values() for w in ws}
    for w in words:
        if id(w) in owned:
            continue
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        i = next((k for k, r in enumerate(rows) if r.bbox[1] <= cy <= r.bbox[3]), None)
        j = max((k for k, x in enumerate(lefts) if 0 <= x <= cx), default=None)
        if i is not None and j is not None and j < len(rows[i].cells) and rows[i].cells[j] is None:
            owner.setdefault((i, j), []).append(w)


def _assign_words(words: list[Word], rows: list[Any]) -> dict[tuple[int, int], list[Word]]:
    """Each word to the smallest cell that holds its centre (the first in row order of equal
    ones), all words against all cells at once."""
    owner: dict[tuple[int, int], list[Word]] = {}
    at = [(i, j) for i, row in enumerate(rows) for j, bbox in enumerate(row.cells) if bbox is not None]
    if not words or not at:
        return owner
    boxes = np.array([rows[i].cells[j] for i, j in at], dtype=np.float64)
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    cx = np.array([(w.x0 + w.x1) / 2 for w in words], dtype=np.float64)[:, None]
    cy = np.array([(w.top + w.bottom) / 2 for w in words], dtype=np.float64)[:, None]
    holds = (boxes[:, 0] <= cx) & (cx <= boxes[:, 2]) & (boxes[:, 1] <= cy) & (cy <= boxes[:, 3])
    best = np.where(holds, area, np.inf).argmin(axis=1)
    held_any: list[bool] = list(np.asarray(holds.any(axis=1)).tolist())
    for w, k, held in zip(words, best.tolist(), held_any, strict=True):
        if held:
            owner.setdefault(at[k], []).append(w)
    return owner


def _looks_tabular(rows: list[list[Cell]]) -> bool:
    """Tell a table from a layout frame.

    Publisher-style pages draw text boxes that pdfplumber reads as a grid in which each row
    fills one cell, in a different column from row to row. A table fills two or more cells in
    two rows, or else fills one cell only in its first column (a form: a title row spanning
    the table, a row of two fields, a response row). A single row always passes, as it is
    often the rest of a table broken by the page.

    A one-column box is a table only when it is a form: two or more of its rows, and at least
    half of them, open with a bold label ending in a colon ("Responsible unit(s): ...", as in
    a management-response matrix). Word keeps such a table as a table, so the PDF printed
    from it then gives the same rows.
    """
    if max(len(r) for r in rows) < 2:
        labelled = sum(1 for r in rows if r and _FORM_LABEL.match(r[0].bold_prefix))
        return labelled >= 2 and 2 * labelled >= len(rows)
    if len(rows) == 1:
        return True
    filled = [[j for j, c in enumerate(r) if c.text] for r in rows]
    if sum(1 for f in filled if len(f) >= 2) >= 2:
        return True
    return any(len(f) >= 2 for f in filled) and all(f == [0] for f in filled if len(f) == 1)


def _column_lefts(rows: list[Any], width: int) -> list[float]:
    lefts: dict[int, float] = {}
    for row in rows:
        for i, bbox in enumerate(row.cells):
            if bbox is not None:
                lefts[i] = min(lefts.get(i, bbox[0]), bbox[0])
    return [lefts.get(i, -1.0) for i in range(width)]


def _inside(w: Word, bbox: Bbox | None) -> bool:
    if bbox is None:
        return False
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def make_cell(words: list[Word]) -> Cell:
    """A cell from the words that fall in it (also used for unruled timetables)."""
    return _cell((0.0, 0.0, 0.0, 0.0), words)


def _cell(bbox: Bbox | None, words: list[Word]) -> Cell:
    """Cell text keeps its line breaks; ``bold_prefix`` is the leading bold run, a prefix of ``text``.

    ``words`` are the words assigned to this cell. A merged-over position (pdfplumber's None)
    becomes an empty cell, so every row keeps the table's column count and parsers can index
    columns; the merged cell's text sits in its first (top-left) position.

    Pieces of one printed line (a justified line split at its wide spaces) are joined with a
    space; a gap of a blank line's height between lines gives a blank line, as the empty
    paragraph of the Word original does (parsers read it as a paragraph break).
    """
    if bbox is None:
        return Cell("")
    lines = _lines(words)
    text, prefix, in_prefix, all_bold = "", "", True, True
    for i, line in enumerate(lines):
        words_kept = [w for j, w in enumerate(line.words) if not (j and w.sup)]
        for j, w in enumerate(words_kept):
            if j:
                sep = "" if w.x0 - words_kept[j - 1].x1 <= 0.12 * w.size else " "
            elif not i:
                sep = ""
            elif abs(line.top - lines[i - 1].top) <= 1:
                sep = " "
            elif line.top - lines[i - 1].bottom >= 0.8 * min(line.size, lines[i - 1].size):
                sep = "\n\n"
            else:
                sep = "\n"
            text += sep + w.text
            all_bold = all_bold and (w.bold or not any(ch.isalnum() for ch in w.text))
            wordy = any(ch.isalnum() for ch in w.text)
            in_prefix = in_prefix and (w.bold or not wordy)
            if in_prefix and wordy:  # a bullet or dash alone neither ends nor extends the bold run
                prefix = text
    bold = bool(text) and all_bold
    stacked = text.split("\n")
    if len(stacked) >= 3 and all(len(part) <= 2 for part in stacked):
        # letters stacked one per line: a column header set vertically, read bottom to top
        text = "".join(reversed(stacked))
        prefix = text if bold else ""
    return Cell(text, bold=bold, bold_prefix=prefix.rstrip() if prefix else "")


# --------------------------------------------------------------------------- lines and columns
def _lines(words: list[Word]) -> list[Line]:
    """Cluster words into lines: a word joins the line its vertical middle falls in."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        for line in reversed(lines[-3:]):
            first = line.words[0]
            if first.top - 0.5 <= mid <= first.bottom + 0.5 and abs(w.top - first.top) < 0.6 * max(
                w.size, first.size
            ):
                line.words.append(w)
                break
        else:
            lines.append(Line([w]))
    lines = _raised_marks_into_lines(lines)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return _split_gaps(lines)


def _raised_marks_into_lines(lines: list[Line]) -> list[Line]:
    """A line of small type only, raised within the text line after it ("1" of a footnote mark that
    stands higher than the title line it ends), belongs to that line: taken alone it would start
    the next block as a line of its own."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and len(line.words) <= 2:
            size = nxt.size
            small = all(w.size <= 0.85 * size for w in line.words)
            inside = nxt.top - 0.5 * size <= line.top and line.bottom <= nxt.bottom
            apart = all(w.x1 <= v.x0 or v.x1 <= w.x0 for w in line.words for v in nxt.words)
            if small and inside and apart:
                nxt.words.extend(line.words)
                i += 1
                continue
        out.append(line)
        i += 1
    return out


def _split_gaps(lines: list[Line]) -> list[Line]:
    """Split a line where words are far apart (a column gutter or a tab stop)."""
    out = []
    for line in lines:
        cur = [line.words[0]]
        for w in line.words[1:]:
            if w.x0 - cur[-1].x1 > 2.0 * max(w.size, 6.0):
                out.append(Line(cur))
                cur = []
            cur.append(w)
        out.append(Line(cur))
    for line in out:
        mark_superscripts(line)
    return out


def find_gutter(words: list[Word], width: float) -> float | None:
    """The x of a two-column gutter, or None for a single-column page.

    A gutter is a narrow vertical band in the middle of the page that (almost) no word
    crosses, with a column of real width on each side: a time column beside programme
    titles is too narrow to count, which keeps unruled timetables in row order.
    """
    if len(words) < 40:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    # how many words cross each whole point from lo to hi: a word adds one from its first to its
    # last point, written as a +1 and a -1 and summed along the page
    steps = [0] * (hi - lo + 2)
    for w in words:
        first, last = max(lo, int(w.x0) + 1), min(hi, int(w.x1))
        if first <= last:
            steps[first - lo] += 1
            steps[last - lo + 1] -= 1
    cover = list(accumulate(steps[:-1]))
    best = _widest_band(cover, max(1, len(words) // 60))
    if best is not None and best[1] - best[0] > 60:
        # as wide as that only beside a short second column (a few lines, fewer than the crossings
        # allowed): the gutter is where no word at all stands
        best = _widest_band(cover, 0)
    if best is None or best[1] - best[0] < 6 or best[1] - best[0] > 60:
        return None
    gutter = lo + (best[0] + best[1]) / 2
    left = [w for w in words if w.x1 <= gutter]
    right = [w for w in words if w.x0 >= gutter]
    # The second column may be short (a section ending before a page break, the last page): a
    # tenth of the words and a few lines of text are enough beside a full column.
    short = min(left, right, key=len)
    short_prose = len(short) >= 15 and _text_lines(short)  # a few lines of running text
    if len(short) < 0.1 * len(words) and not short_prose:
        return None
    for side in (left, right):
        if max(w.x1 for w in side) - min(w.x0 for w in side) < 0.25 * width:
            return None
        if sum(len(w.text) for w in side) < 250 and not _text_lines(side):
            return None  # a column of labels is not a text column (a few lines of running text are)
    top = max(min(w.top for w in left), min(w.top for w in right))
    bottom = min(max(w.bottom for w in left), max(w.bottom for w in right))
    if bottom - top < (30 if short_prose else 100):
        return None
    return gutter


def _widest_band(cover: list[int], allowed: int) -> tuple[int, int] | None:
    """The widest run of positions crossed by at most ``allowed`` words."""
    best: tuple[int, int] | None = None
    start = None
    for i, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and start is None:
            start = i
        elif c > allowed and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def _text_lines(words: list[Word]) -> bool:
    """Three or more lines of running text: each holds five words or more, of prose length (not
    the figures, codes and marks of a cover's side column)."""
    per_line: dict[int, int] = {}
    for w in words:
        per_line[round(w.top)] = per_line.get(round(w.top), 0) + 1
    prose = sum(len(w.text) for w in words) >= 3.5 * max(1, len(words))
    return prose and sum(1 for n in per_line.values() if n >= 5) >= 3


def _order(lines: list[Line], tables: list[TableItem], width: float) -> list[Line | TableItem]:
    """Reading order: top to bottom, and on a two-column stretch the left column before the right.

    Lines (or tables) that cross the gutter, such as a title or a footer, end one two-column
    region and start the next.
    """
    gutter = find_gutter([w for line in lines for w in line.words], width)
    if gutter is not None:
        lines = [part for line in lines for part in _split_at(line, gutter)]
    items: list[Line | TableItem] = [*lines, *tables]
    if gutter is None:
        return sorted(items, key=lambda it: (_top(it), _x0(it)))

    def column(it: Line | TableItem) -> int:
        x0, x1 = _x0(it), _x1(it)
        if x1 <= gutter + 2:
            return 0
        if x0 >= gutter - 2:
            return 1
        return -1

    out: list[Line | TableItem] = []
    region = 0
    pending: list[Line | TableItem] = []

    def flush() -> None:
        nonlocal region
        for col in (0, 1):
            for it in sorted((p for p in pending if column(p) == col), key=lambda p: (_top(p), _x0(p))):
                it.flow = (region, col)
                out.append(it)
        pending.clear()
        region += 1

    spanning = False
    for it in sorted(items, key=lambda it: (_top(it), _x0(it))):
        if column(it) < 0:
            if not spanning:  # consecutive full-width lines (a two-line title) share one region
                flush()
            it.flow = (region, 0)
            out.append(it)
            spanning = True
        else:
            if spanning:
                region += 1
            spanning = False
            pending.append(it)
    flush()
    return out


def _split_at(line: Line, gutter: float) -> list[Line]:
    """Cut a line where the gap between two words contains the gutter (two columns, one baseline)."""
    for i in range(1, len(line.words)):
        if line.words[i - 1].x1 <= gutter <= line.words[i].x0:
            return [
                Line(line.words[:i], line.flow, line.marker, line.marker_size),
                Line(line.words[i:], line.flow),
            ]
    return [line]


def _top(it: Line | TableItem) -> float:
    return it.bbox[1] if isinstance(it, TableItem) else it.top


def _x0(it: Line | TableItem) -> float:
    return it.bbox[0] if isinstance(it, TableItem) else it.x0


def _x1(it: Line | TableItem) -> float:
    return it.bbox[2] if isinstance(it, TableItem) else it.x1
