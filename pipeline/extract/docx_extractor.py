"""DOCX: body-order paragraphs and tables, Word's list numbers, merged cells, text boxes.

The body XML is walked directly (``w:p``, ``w:tbl``, ``w:sdt``) rather than through python-docx's
``paragraph.text``, which misses text in fields, smart tags and some hyperlinks and knows nothing
of automatic numbering. Provenance ``block`` is the body-order index of the paragraph or table
(text-box paragraphs carry the index of the paragraph they are anchored in), ``table`` the table
index. Section headers and footers are never read.

Table cells keep their in-cell paragraphs as lines; a numbered paragraph in a cell keeps its
number as printed ("1. text"), and every automatic bullet in a cell is written "• " so parsers
need to know one glyph only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..config import Settings
from ..errors import EmptyDocumentError
from ..models import Block, BlockKind, Cell, Provenance
from ..textutil import clean_spaces
from .base import Extraction
from .docx_numbering import BULLET_GLYPHS, ListLabel, Numberer, NumberingDefinitions, w, w_val
from .docx_package import MAX_UNCOMPRESSED_BYTES, DocxPackage
from .docx_styles import Styles, toggle

EXTRACTOR = "docx"
MAX_BOLD_HEADING_CHARS = 150
MAX_BOLD_HEADING_WORDS = 20
CELL_BULLET = "•"

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Content a reader does not see as text of this paragraph.
_SKIP = {
    w("pPr"),
    w("rPr"),
    w("del"),
    w("moveFrom"),
    w("instrText"),
    w("delText"),
    w("footnoteReference"),
    w("endnoteReference"),
    w("commentReference"),
    w("sdtPr"),
    w("sdtEndPr"),
    _MC + "Fallback",
}
_CHARS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-", w("softHyphen"): ""}
# A list marker typed into the text of a plain paragraph ("1. Examine ...", "(a) ...", "• ..."): the
# same markers the PDF extractor reads as list items, so a typed list gives the same blocks in both.
_TYPED_MARKER = re.compile(
    r"^(?:(?P<glyph>[\u2022\u25cf\u25cb\u25e6\u25aa\u25a0\u25ba\u27a2\u27a4\u2713\u2714\u00b7\uf0b7\uf0a7])\s*"
    r"|(?P<dash>[-\u2013\u2014*])\s+"
    r"|(?P<num>\(?[a-z]\)|\((?:[ivx]{1,5}|\d{1,3})\)|[ivx]{1,5}\)|\d{1,3}\)|[a-z]\.|\d{1,3}\.(?:\d{1,3}\.?)*)\s+(?=\S))"
)
_PRINTED_NUMBER = re.compile(r"^((?:\d{1,2}\.)+\d{0,2}|\d{1,2}\)|[IVX]{1,5}\.|[A-H]\.)\s+\S")
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}


@dataclass(slots=True)
class Para:
    """One paragraph's text as (text, bold) pieces, plus what was found anchored in it."""

    pieces: list[tuple[str, bool | None]] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    style_id: str | None = None
    label: ListLabel | None = None

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)

    @property
    def all_bold(self) -> bool:
        visible = [b for t, b in self.pieces if t.strip() and b is not None]
        return bool(visible) and all(visible)


class DocxExtractor:
    name = "docx"
    formats = frozenset({"docx"})

    def __init__(self, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES):
        self.max_uncompressed = max_uncompressed

    @classmethod
    def from_settings(cls, settings: Settings) -> DocxExtractor:
        return cls(max_uncompressed=settings.max_docx_uncompressed)

    def extract(self, path: Path, source_file: str) -> Extraction:
        with DocxPackage(path, source_file, self.max_uncompressed) as pkg:
            document = pkg.xml(pkg.document_part)
            styles = Styles(pkg.xml(pkg.related_part(pkg.document_part, "/styles")))
            numbering = NumberingDefinitions(pkg.xml(pkg.related_part(pkg.document_part, "/numbering")))
            warnings = tuple(pkg.warnings)
        body = document.find(w("body")) if document is not None else None
        if body is None:
            raise EmptyDocumentError(source_file, "the DOCX has no document body; nothing to read")
        walker = _Walker(source_file, styles, Numberer(numbering))
        walker.walk(body)
        walker.settle_bold_headings()
        if not any(b.text.strip() for b in walker.blocks):
            raise EmptyDocumentError(source_file, "the DOCX contains no text")
        return Extraction(blocks=tuple(walker.blocks), pages=None, warnings=warnings)


class _Walker:
    """Walks the body in order, numbering lists as it goes (counters depend on order)."""

    def __init__(self, source_file: str, styles: Styles, numberer: Numberer):
        self.source_file = source_file
        self.styles = styles
        self.numberer = numberer
        self.blocks: list[Block] = []
        self.body_index = -1
        self.tables = 0
        self.styled_headings = 0
        self.bold_headings: list[int] = []  # positions in ``blocks`` of headings inferred from bold

    def walk(self, container: etree._Element, anchored: bool = False) -> None:
        """Emit blocks for the paragraphs and tables of a body, content control or text box."""
        for child in container:
            if child.tag == w("p"):
                self._paragraph(child, anchored)
            elif child.tag == w("tbl"):
                self._table(child, anchored)
            elif child.tag in _CONTAINERS:
                self.walk(child, anchored)
            elif child.tag == _MC + "AlternateContent":
                self.walk(_chosen(child), anchored)

    def settle_bold_headings(self) -> None:
        """Bold paragraphs count as headings only in documents without heading styles: where the
        author used Heading 1-9, a bold line ("Provisional Programme") is emphasis, not structure."""
        if not self.styled_headings:
            return
        for i in self.bold_headings:
            b = self.blocks[i]
            self.blocks[i] = dataclasses.replace(b, kind=BlockKind.PARAGRAPH, level=0, marker="")
        self.bold_headings = []

    def _next_index(self, anchored: bool) -> int:
        if not anchored:
            self.body_index += 1
        return max(self.body_index, 0)

    def _paragraph(self, p: etree._Element, anchored: bool) -> None:
        index = self._next_index(anchored)
        para = read_paragraph(p, self.styles, self.numberer)
        block = self._paragraph_block(para, index)
        if block is not None:
            if block.kind == BlockKind.HEADING:
                if self.styles.heading_level(para.style_id) is None:
                    self.bold_headings.append(len(self.blocks))
                else:
                    self.styled_headings += 1
            self.blocks.append(block)
        for box in para.boxes:
            self.walk(box, anchored=True)

    def _paragraph_block(self, para: Para, index: int) -> Block | None:
        text = " ".join(line for line in clean_spaces(para.text).split("\n") if line)
        if not text:
            return None
        prov = Provenance(self.source_file, block=index, extractor=EXTRACTOR)
        style = self.styles.name(para.style_id)
        bold = para.all_bold
        level = self.styles.heading_level(para.style_id)
        label = para.label
        if level is not None or (label is None and bold and looks_like_heading(text)):
            marker = label.marker if label and not label.bullet else ""
            shown = f"{marker} {text}" if marker else text
            marker = marker or printed_number(text)
            return Block(
                BlockKind.HEADING, shown, prov, level=level or 1, marker=marker, bold=bold, style=style
            )
        if label is not None:
            return Block(
                BlockKind.LIST_ITEM,
                text,
                prov,
                level=label.level,
                marker=label.marker,
                bold=bold,
                style=style,
            )
        typed = _TYPED_MARKER.match(text)
        if typed and text[typed.end() :].strip():
            marker = typed.group("glyph") or typed.group("dash") or typed.group("num")
            marker = "\u2022" if marker in "\uf0b7\uf0a7" else marker
            return Block(
                BlockKind.LIST_ITEM,
                text[typed.end() :].strip(),
                prov,
                level=0,
                marker=marker,
                bold=bold,
                style=style,
            )
        return Block(BlockKind.PARAGRAPH, text, prov, bold=bold, style=style)

    def _table(self, tbl: etree._Element, anchored: bool) -> None:
        index = self._next_index(anchored)
        rows: list[tuple[Cell, ...]] = []
        boxes: list[etree._Element] = []
        for tr in _rows(tbl):
            cells: list[Cell] = []
            for tc in _row_cells(tr):
                if cells and _is_hmerge_continuation(tc):
                    # legacy horizontal merge: widen the cell it continues instead of repeating it
                    cells[-1] = dataclasses.replace(
                        cells[-1], colspan=cells[-1].colspan + _int_attr(tc, "gridSpan", 1)
                    )
                    continue
                cells.append(self._cell(tc, boxes))
            rows.append(_pad_row(tr, tuple(cells)))
        table_no = self.tables
        self.tables += 1
        if any(c.text for row in rows for c in row):
            text = "\n".join("\t".join(c.text for c in row) for row in rows)
            prov = Provenance(self.source_file, block=index, table=table_no, extractor=EXTRACTOR)
            self.blocks.append(Block(BlockKind.TABLE, text, prov, rows=tuple(rows)))
        for box in boxes:
            self.walk(box, anchored=True)

    def _cell(self, tc: etree._Element, boxes: list[etree._Element]) -> Cell:
        span = _int_attr(tc, "gridSpan", 1)
        if _is_merge_continuation(tc):
            return Cell("", colspan=span)
        lines: list[list[tuple[str, bool | None]]] = []
        self._cell_lines(tc, lines, boxes)
        return make_cell(lines, span)

    def _cell_lines(
        self,
        container: etree._Element,
        lines: list[list[tuple[str, bool | None]]],
        boxes: list[etree._Element],
    ) -> None:
        """Each in-cell paragraph is a line; nested tables add their cells' lines in order."""
        for child in container:
            if child.tag == w("p"):
                para = read_paragraph(child, self.styles, self.numberer)
                lines.append(_cell_line(para))
                boxes.extend(para.boxes)
            elif child.tag == w("tbl"):
                for tr in _rows(child):
                    for tc in _row_cells(tr):
                        if not _is_merge_continuation(tc):
                            self._cell_lines(tc, lines, boxes)
            elif child.tag in _CONTAINERS:
                self._cell_lines(child, lines, boxes)


def read_paragraph(p: etree._Element, styles: Styles, numberer: Numberer) -> Para:
    """The paragraph's visible text in order, its style and its list label (advancing counters)."""
    ppr = p.find(w("pPr"))
    style_id = w_val(ppr.find(w("pStyle"))) if ppr is not None else None
    para = Para(style_id=style_id)
    _collect(p, para, styles, styles.bold(style_id))
    # Word counts empty numbered paragraphs too, so the counter advances whatever the text.
    para.label = _label(ppr, style_id, styles, numberer)
    return para


def _label(
    ppr: etree._Element | None, style_id: str | None, styles: Styles, numberer: Numberer
) -> ListLabel | None:
    """Resolve numId/ilvl from the paragraph, then its style, and take the next number."""
    num_pr = ppr.find(w("numPr")) if ppr is not None else None
    style_num, style_ilvl = styles.numbering(style_id)
    num_id = w_val(num_pr.find(w("numId"))) if num_pr is not None else None
    ilvl_raw = w_val(num_pr.find(w("ilvl"))) if num_pr is not None else None
    num_id = num_id if num_id is not None else style_num
    if num_id is None:
        return None
    if ilvl_raw is not None and ilvl_raw.isdigit():
        ilvl = int(ilvl_raw)
    elif style_ilvl is not None:
        ilvl = style_ilvl
    else:
        ilvl = numberer.defs.level_for_style(num_id, style_id or "") or 0
    label = numberer.label(num_id, ilvl)
    return label if label and label.marker else None


def _collect(el: etree._Element, para: Para, styles: Styles, bold: bool | None) -> None:
    """Append the text under ``el`` in document order; text boxes are set aside, not inlined."""
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == w("r"):
            run_bold = _run_bold(child, styles, bold)
            if run_bold is not None:
                _collect(child, para, styles, run_bold)
        elif tag == w("t"):
            para.pieces.append((child.text or "", bold))
        elif tag in _CHARS:
            if not (tag == w("tab") and el.tag != w("r")):
                para.pieces.append((_CHARS[tag], None))
        elif tag == w("sym"):
            char = w_val(child, "char") or ""
            glyph = chr(int(char, 16)) if char and all(c in "0123456789abcdefABCDEF" for c in char) else ""
            if glyph:
                para.pieces.append((BULLET_GLYPHS.get(glyph, glyph), bold))
        elif tag == w("txbxContent"):
            para.boxes.append(child)
        elif tag == _MC + "AlternateContent":
            _collect(_chosen(child), para, styles, bold)
        else:
            _collect(child, para, styles, bold)


def _chosen(alternate: etree._Element) -> etree._Element:
    """The first ``mc:Choice`` of an ``mc:AlternateContent`` (else its ``mc:Fallback``): the two
    hold the same content, so reading both would print text boxes twice."""
    choice = alternate.find(_MC + "Choice")
    if choice is None:
        choice = alternate.find(_MC + "Fallback")
    return choice if choice is not None else alternate


def _run_bold(r: etree._Element, styles: Styles, para_bold: bool | None) -> bool | None:
    """Bold of a run (direct, then character style, then paragraph); None for hidden text."""
    rpr = r.find(w("rPr"))
    if rpr is None:
        return bool(para_bold)
    if toggle(rpr.find(w("vanish"))):
        return None
    direct = toggle(rpr.find(w("b")))
    if direct is not None:
        return direct
    char_style = w_val(rpr.find(w("rStyle")))
    if char_style and styles.bold(char_style):
        return True
    return bool(para_bold)


def looks_like_heading(text: str) -> bool:
    """A short, wholly bold paragraph without a closing period is a heading in Normal-style documents."""
    return (
        len(text) <= MAX_BOLD_HEADING_CHARS
        and len(text.split()) <= MAX_BOLD_HEADING_WORDS
        and not text.endswith((".", ";", ","))
        and any(ch.isalpha() for ch in text)
    )


def printed_number(text: str) -> str:
    """A number typed into a heading ("1. Background", "2.3 Scope", "IV. Annex"), as its marker."""
    m = _PRINTED_NUMBER.match(text)
    return m.group(1) if m else ""


def _cell_line(para: Para) -> list[tuple[str, bool | None]]:
    """A cell paragraph as pieces, with its printed number or a "•" in front."""
    pieces = [(t.replace("\n", " "), b) for t, b in para.pieces]
    if para.label is None:
        return pieces
    marker = CELL_BULLET if para.label.bullet else para.label.marker
    return [(marker + " ", None), *pieces]


def make_cell(lines: list[list[tuple[str, bool | None]]], colspan: int = 1) -> Cell:
    """Join in-cell lines with "\\n" (one blank line kept between paragraphs separated by an
    empty one); ``bold`` when all text is bold, ``bold_prefix`` the leading bold text."""
    chars: list[tuple[str, bool | None]] = []
    gap = False
    for line in lines:
        if not clean_spaces("".join(t for t, _ in line)):
            gap = bool(chars)
            continue
        if chars:
            chars.extend([("\n", None)] * (2 if gap else 1))
        chars.extend(_line_chars(line))
        gap = False
    text = "".join(c for c, _ in chars).strip()
    return Cell(text, bold=_all_bold(chars), bold_prefix=_bold_prefix(chars).strip(), colspan=colspan)


def _line_chars(line: list[tuple[str, bool | None]]) -> list[tuple[str, bool | None]]:
    """Per-character bold flags of one line, white space collapsed as ``clean_spaces`` does."""
    out: list[tuple[str, bool | None]] = []
    for text, bold in line:
        for ch in text.replace("\u00ad", ""):
            if ch.isspace():
                if out and out[-1][0] != " ":
                    out.append((" ", None))
            else:
                out.append((ch, bold))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def _all_bold(chars: list[tuple[str, bool | None]]) -> bool:
    flags = [b for c, b in chars if c.isalnum()]
    return bool(flags) and all(flags)


def _bold_prefix(chars: list[tuple[str, bool | None]]) -> str:
    end = 0
    for i, (ch, bold) in enumerate(chars):
        if bold is False and ch.isalnum():
            break
        if bold:
            end = i + 1
    return "".join(c for c, _ in chars[:end])


def _rows(tbl: etree._Element) -> list[etree._Element]:
    """Rows of a table, including rows wrapped in content controls."""
    return _children(tbl, w("tr"))


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    return _children(tr, w("tc"))


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _CONTAINERS:
            found.extend(_children(child, tag))
    return found


def _pad_row(tr: etree._Element, cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """Grid columns skipped before or after a row's cells become one empty spanning cell, so
    every row covers the same grid."""
    trpr = tr.find(w("trPr"))
    before = _int_attr(trpr, "gridBefore", 0) if trpr is not None else 0
    after = _int_attr(trpr, "gridAfter", 0) if trpr is not None else 0
    lead = (Cell("", colspan=before),) if before else ()
    tail = (Cell("", colspan=after),) if after else ()
    return lead + cells + tail


def _int_attr(el: etree._Element, tag: str, default: int) -> int:
    """An integer property of a cell (``w:tcPr/w:gridSpan``) or row (``w:trPr/w:gridBefore``)."""
    holder = el.find(w("tcPr")) if el.tag == w("tc") else el
    prop = holder.find(w(tag)) if holder is not None else None
    value = w_val(prop)
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def _is_hmerge_continuation(tc: etree._Element) -> bool:
    """A cell swallowed by the one on its left (``w:hMerge`` without ``restart``, older Word files)."""
    tcpr = tc.find(w("tcPr"))
    merge = tcpr.find(w("hMerge")) if tcpr is not None else None
    return merge is not None and (w_val(merge) or "continue") == "continue"


def _is_merge_continuation(tc: etree._Element) -> bool:
    """A cell under a vertically merged one (``w:vMerge`` without ``restart``)."""
    tcpr = tc.find(w("tcPr"))
    merge = tcpr.find(w("vMerge")) if tcpr is not None else None
    return merge is not None and (w_val(merge) or "continue") == "continue"
