"""pdfminer's page interpreter, told what a reader cannot see: clipped and invisible text.

pdfminer ignores clipping paths and the text render mode, so text a layout program hid (a
placed artwork's duplicate lines clipped away, an invisible OCR layer, a Type 3 digit whose
font matrix makes it 30 pt tall but reports 6 pt) reaches the words as if it were printed.
``interpret`` runs the same interpreter with three additions, all per text string or per
path operator, none per character unless a string straddles a clip edge:

- the clip: ``W``/``W*`` intersect the current clip with the bounding box of the path (in
  device space), a Form XObject clips to its ``/BBox``, and ``q``/``Q`` save and restore it.
  A character whose centre falls outside the clip is not visible and is taken out.
- the render mode: text set in mode 3 (neither fill nor stroke) or 7 (clip only) is taken out
  and kept aside; a page whose text is all invisible (an OCR layer over a scan) gets it back.
- the ground: light text (white, or nearly) is taken out where the last shape filled under it
  before it was light too, or nothing was (the white page): white on white.
- Type 3 fonts: the character's size and height are scaled by the font matrix, as the glyphs are.

``pdf_layout.load_objects`` hands the result to pdfplumber.
"""

from __future__ import annotations

from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdffont import PDFType3Font
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import list_value, resolve1
from pdfminer.psparser import literal_name
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect, mult_matrix
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

Rect = tuple[float, float, float, float]
_INVISIBLE_MODES = frozenset({3, 7})
_EDGE = 0.5  # points a character's centre may stray over a clip edge (rounding in the producer)


class HidingAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout aggregator, with the current clip rectangle and the characters it hid.

    ``clipped`` counts characters outside the clip; ``invisible`` holds characters set in an
    invisible render mode, in the order drawn. Paths and images keep pdfplumber's marked-content
    tags; characters skip that per-character step (nothing here reads their tags).
    """

    def __init__(self, rsrcmgr: PDFResourceManager, pageno: int = 1) -> None:
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.clip: Rect | None = None
        self.clipped = 0
        self.invisible: list[LTChar] = []
        self._type3: dict[int, float] = {}
        self._fills: list[tuple[Rect, bool]] = []  # filled shapes and images so far: (box, light)

    render_char = PDFPageAggregator.render_char

    def begin_page(self, page: PDFPage, ctm: Any) -> None:
        """The page's crop box is the first clip: text set off the page is not printed."""
        super().begin_page(page, ctm)
        self._fills = []
        try:
            self.clip = _normal(apply_matrix_rect(ctm, tuple(page.cropbox or page.mediabox)))  # type: ignore[arg-type]
        except (TypeError, ValueError):  # a malformed box: no clip rather than no page
            self.clip = None

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        objs: list[Any] = self.cur_item._objs  # the characters just rendered (LTChar)
        start = len(objs)
        super().render_string(textstate, seq, ncs, graphicstate)
        if len(objs) == start:
            return
        font = textstate.font
        if isinstance(font, PDFType3Font):
            self._scale_type3(font, objs, start)
        if textstate.render in _INVISIBLE_MODES:
            self.invisible.extend(objs[start:])
            del objs[start:]
            return
        if _light(graphicstate.ncolor) and self._on_light(objs[start], objs[-1]):
            self.clipped += len(objs) - start  # light text on a light ground: not seen
            del objs[start:]
            return
        clip = self.clip
        if clip is None:
            return
        x0, y0, x1, y1 = clip[0] - _EDGE, clip[1] - _EDGE, clip[2] + _EDGE, clip[3] + _EDGE
        first, last = objs[start], objs[-1]
        if (
            x0 <= first.x0
            and last.x1 <= x1
            and x0 <= last.x0
            and first.x1 <= x1
            and y0 <= min(first.y0, last.y0)
            and max(first.y1, last.y1) <= y1
        ):
            return  # the whole string is inside: the usual case, decided without a loop
        kept = [o for o in objs[start:] if x0 <= (o.x0 + o.x1) / 2 <= x1 and y0 <= (o.y0 + o.y1) / 2 <= y1]
        self.clipped += len(objs) - start - len(kept)
        objs[start:] = kept

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        objs = self.cur_item._objs
        start = len(objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        if fill:
            light = _light(gstate.ncolor)
            self._fills.extend((o.bbox, light) for o in objs[start:])

    def render_image(self, name: str, stream: Any) -> None:
        super().render_image(name, stream)
        self._fills.append((self.cur_item.bbox, False))

    def _on_light(self, first: LTChar, last: LTChar) -> bool:
        """Whether the ground under a string (the last shape filled there before it) is light.

        With no shape under it the ground is the page: white.
        """
        cx, cy = (first.x0 + last.x1) / 2, (first.y0 + first.y1) / 2
        for (x0, y0, x1, y1), light in reversed(self._fills):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return light
        return True

    def _scale_type3(self, font: PDFType3Font, objs: list[Any], start: int) -> None:
        """A Type 3 glyph is as large as its font matrix makes it; pdfminer uses the bare font size.

        The em is 1,000 glyph units, or 2,048 when the advance widths say so (a TrueType font
        converted to Type 3, as browsers print web fonts: their median advance is over 800 units,
        where a 1,000-unit font's is about 500). The box is rebuilt around the baseline as for
        other fonts: a fifth of the em below it, the rest above.
        """
        key = id(font)
        factor = self._type3.get(key)
        if factor is None:
            factor = _type3_factor(font)
            self._type3[key] = factor
        if abs(factor - 1.0) < 0.05:
            return
        for o in objs[start:]:
            if isinstance(o, LTChar) and o.upright and o.matrix[3] > 0:
                em = o.height * factor
                base = o.matrix[5]
                o.set_bbox((o.x0, base - 0.2 * em, o.x1, base + 0.8 * em))
                o.size = em


class HidingInterpreter(PDFPageInterpreter):
    """Tracks the clip for ``HidingAggregator`` through ``q``/``Q``, ``W`` and Form XObjects."""

    device: HidingAggregator

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self._clips: list[Rect | None] = []

    def do_q(self) -> None:
        super().do_q()
        self._clips.append(self.device.clip)

    def do_Q(self) -> None:
        if self.gstack:
            super().do_Q()
            self.device.clip = self._clips.pop() if self._clips else None

    def do_W(self) -> None:
        self._clip_to_path()

    def do_W_a(self) -> None:
        self._clip_to_path()

    def _clip_to_path(self) -> None:
        xs: list[float] = []
        ys: list[float] = []
        ctm = self.ctm
        for seg in self.curpath:
            coords = seg[1:]
            for i in range(0, len(coords) - 1, 2):
                x, y = coords[i], coords[i + 1]
                if isinstance(x, (int, float)) and isinstance(y, (int, float)):
                    px, py = apply_matrix_pt(ctm, (x, y))
                    xs.append(px)
                    ys.append(py)
        if xs:
            self.device.clip = _intersect(self.device.clip, (min(xs), min(ys), max(xs), max(ys)))

    def do_Do(self, xobjid_arg: Any) -> None:
        saved = self.device.clip
        try:
            xobj = resolve1(self.xobjmap.get(literal_name(xobjid_arg)))
            attrs = getattr(xobj, "attrs", None)
            if attrs is not None and literal_name(attrs.get("Subtype")) == "Form" and "BBox" in attrs:
                matrix = tuple(list_value(attrs.get("Matrix", (1, 0, 0, 1, 0, 0))))
                box = apply_matrix_rect(mult_matrix(matrix, self.ctm), tuple(list_value(attrs["BBox"])))
                self.device.clip = _intersect(saved, _normal(box))
        except Exception:  # noqa: BLE001 - a malformed form box only leaves the clip as it was
            self.device.clip = saved
        try:
            super().do_Do(xobjid_arg)
        finally:
            self.device.clip = saved


def _light(colour: Any) -> bool:
    """A colour close to white: gray or RGB components all 0.9 or more, CMYK all 0.1 or less."""
    if isinstance(colour, (int, float)):
        return colour >= 0.9
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return False  # a pattern or a malformed colour: take it as printed
    if len(colour) == 4:
        return all(v <= 0.1 for v in colour)
    return len(colour) in (1, 3) and all(v >= 0.9 for v in colour)


def _type3_factor(font: PDFType3Font) -> float:
    """How much larger the glyphs are than the font size pdfminer reports (1.0 for a standard matrix)."""
    scale = abs(font.vscale or 0.0)
    if not scale or abs(scale * 1000 - 1.0) < 0.05:
        return 1.0
    try:
        widths = sorted(float(w) for w in font.widths.values() if w)
    except (TypeError, ValueError):
        widths = []
    return scale * (2048 if widths and widths[len(widths) // 2] > 800 else 1000)


def _normal(box: Any) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _intersect(a: Rect | None, b: Rect) -> Rect:
    if a is None:
        return b
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    if x1 < x0 or y1 < y0:  # nothing is visible: an empty clip, kept as a degenerate box
        return (x0, y0, x0, y0)
    return (x0, y0, x1, y1)


def interpret(rsrcmgr: PDFResourceManager, page: PDFPage, pageno: int) -> HidingAggregator:
    """Run one page through the interpreter; the device holds the layout and what was hidden.

    Raises whatever pdfminer raises, for the caller to classify.
    """
    device = HidingAggregator(rsrcmgr, pageno=pageno)
    HidingInterpreter(rsrcmgr, device).process_page(page)
    return device
