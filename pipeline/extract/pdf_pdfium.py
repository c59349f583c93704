"""pypdfium2 as the page reader: the characters and rules pdfminer would give, without pdfminer's
interpretation of the content stream (almost all of the pdfplumber reader's time).

The contract: what the layout code reads from a page
-----------------------------------------------------
``pdf_layout.read_page`` builds a ``PageLayout`` (``Line``/``Word``/``TableItem``) from a pdfplumber
page, and reads nothing from the PDF itself: only the page's object cache (``page._objects``,
which ``pdf_layout.load_objects`` fills from pdfminer) and the page frame (``width``, ``height``,
``page_number``, ``mediabox``). So a reader that fills that cache with the same objects gets the
same layout, the same blocks and the same records. What is read from the cache:

- ``char`` dicts (``page.chars``), in drawing order, visible characters only (clipped, off-page,
  invisible render mode 3/7 and white-on-white text left out, unless invisible text is all the
  page has: an OCR layer). Keys read: ``text`` (one glyph; a ligature keeps its letters, "fi"),
  ``x0``/``x1`` (the glyph's origin and origin + advance width, pdfminer's box, not the ink),
  ``top``/``bottom``/``doctop`` (pdfminer's box: from the font's descent to one em above it,
  measured from the page top), ``y0``/``y1``, ``size`` (the em in points: font size times the
  text matrix's vertical scale), ``fontname`` (the /BaseFont with its subset tag,
  "ABCDEF+Calibri-Bold": weight and italics are read from it, and a change of name splits a word),
  ``non_stroking_color`` (the fill colour: block style colour, and a change splits a word),
  ``upright`` and ``matrix`` (turned text), ``page_number``, ``object_type``. pdfplumber's
  ``WordExtractor`` groups them into words (a real space character or a gap over 3 pt ends a
  word), ``pdf_layout._prepare`` looks for overstrikes, turned characters and the space ratio.
  ``len(page.chars)`` tells a scanned page (no text layer) from a text page.
- ``line``, ``rect`` and ``curve`` dicts: every painted path, split into subpaths at each moveto
  and classed as pdfminer does (a two-point segment is a line, a closed axis-aligned four-sided
  shape a rect, anything else a curve with its on-curve points ``pts``), with ``x0``, ``x1``,
  ``top``, ``bottom``, ``doctop``, ``width``, ``height``, ``y0``, ``y1``. Only pdfplumber's ruled
  table finder reads them (through ``page.edges``), and only when the page has a line or a rect.
- ``page.hidden_chars``: how many characters were left out (reported, not parsed).

Words then carry ``text``, the box, ``size``, ``bold`` (from the font name, or an overstrike),
``italic``, ``fontname`` and ``colour``; ``sup`` (superscripts) and big marks are worked out by
``pdf_marks`` from sizes and positions, not by the reader.

How pdfium is read, in bulk
---------------------------
The page's objects are walked once (``FPDFPage_CountObjects``/``GetObject``, into form XObjects):
paths become the rule dicts; text objects give what all their characters share (font name, size,
matrix, fill colour, render mode, clip, ground colour), asked once per text object, not per
character. The page's text comes in one call (``FPDFText_GetText``); per character only the text
object and the origin are asked (two ctypes calls), and advance widths are cached per font and
character.

Text turned a quarter (a job number up the page's edge, a column heading) is boxed as pdfminer
boxes it (``_turned_char``). /ActualText is taken out of the objects' marks before pdfium builds
its text page, which would otherwise put it in place of the glyphs pdfminer reads; where a span
splits a string, the later part is put where pdfminer has it (``_continued_strings``).

When a page is not trusted
--------------------------
``PdfiumPages.objects`` returns None, with ``reason``, and pdfplumber reads the page (recorded in
the records' provenance: ``extractor`` is the reader of the block's page, and the page layout's
``fallback`` says why). Reasons: pdfium cannot open the file or the page; the page is rotated or
its boxes are offset (pdfminer measures from the media box); mirrored, sheared or upside-down text,
or turned text whose widths the font does not settle; an /ActualText span that splits a string on
a line whose character spacing cannot be read; a Type 3 font (pdfminer scales those by the font
matrix); a font pdfium names that the page's resources do not list once (two subsets of one font:
the subset tag that tells them apart would be lost); characters without Unicode (U+FFFD, controls:
pdfminer writes "(cid:n)" for those); fewer characters than a tenth of the text objects' glyphs.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.cmapdb import IdentityUnicodeMap
from pdfminer.pdffont import PDFCIDFont, PDFType3Font
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import literal_name
from pdfplumber.page import fix_fontname_bytes

# our own prototypes of the per-character calls: plain integers in and out, no pointer objects
_VP, _INT = ctypes.c_void_p, ctypes.c_int


def _proto(name: str, restype: Any, *argtypes: Any) -> Any:
    from pypdfium2_raw.bindings import _libs

    fn = _libs["pdfium"][name]  # a fresh function object: pypdfium2's own keeps its types
    fn.restype, fn.argtypes = restype, argtypes
    return fn


_get_text_object = _proto("FPDFText_GetTextObject", _VP, _VP, _INT)
_get_char_origin = _proto("FPDFText_GetCharOrigin", _INT, _VP, _INT, _VP, _VP)
_is_generated = _proto("FPDFText_IsGenerated", _INT, _VP, _INT)
_loose_box = _proto("FPDFText_GetLooseCharBox", _INT, _VP, _INT, _VP)
_path_segment = _proto("FPDFPath_GetPathSegment", _VP, _VP, _INT)
_segment_point = _proto("FPDFPathSegment_GetPoint", _INT, _VP, _VP, _VP)
_segment_type = _proto("FPDFPathSegment_GetType", _INT, _VP)
_segment_close = _proto("FPDFPathSegment_GetClose", _INT, _VP)

_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*
_INVISIBLE_MODES = frozenset({3, 7})  # neither fill nor stroke; clip only
_EDGE = 0.5  # points a character's centre may stray over a clip edge (as in pdf_device)
_MAX_OBJECTS = 50_000  # a page drawn with more objects than this goes to pdfplumber (it judges the time)
_TAG = re.compile(r"^[A-Z]{6}\+")
_IGNORABLE = frozenset(" \t\r\n")
_ACTUAL_TEXT = "ActualText".encode("utf-16-le")  # the mark parameter's key as pdfium writes it
_HYPHEN_MARKS = frozenset("\ufffe\x02")  # pdfium's text for a hyphen that ends a line
_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")
_SPACE_SHARE = 0.6  # a generated space stands for a real one where the gap is this much of a space
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Untrusted(Exception):
    """This page is for pdfplumber; the message says why."""


@dataclass(slots=True)
class _Run:
    """What every character of one text object shares; ``chars`` are its characters as read."""

    order: int  # the object's place in the content stream: characters go out in this order
    colour: tuple[float, ...]
    hidden: str  # "" visible, "invisible" (render mode 3 or 7), "light" (white on white)
    clip: tuple[float, float, float, float] | None  # clip box, when the object is not wholly inside it
    chars: list[dict[str, Any]]
    font: _Font | None = None
    size: float = 0.0
    scale_x: float = 0.0  # widths come per unit of font size: times this
    matrix: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    box: tuple[float, float, float, float] | None = None  # the object's bounds (a point for blank text)
    seen: bool = False  # pdfium's text page has characters of this object
    origin: tuple[float, float] | None = None  # where the object's first glyph stands
    choices: list[_Font] | None = None  # fonts of one name pdfium does not tell apart
    handle: int = 0  # pdfium's font, for those
    drift: float = 0.0  # how far pdfium's origins have fallen behind pdfminer's along the object
    turned: bool = False  # set at a quarter turn: its characters are boxed by ``_turned_char``
    actual: bool = False  # marked with /ActualText (taken out of the mark: the glyphs are read)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _light(rgb: tuple[int, int, int]) -> bool:
    """As pdf_device._light, on pdfium's RGB (0-255): every component 0.9 or more."""
    return all(v >= 0.9 * 255 - 0.5 for v in rgb)


class PdfiumPages:
    """pypdfium2's view of one PDF, asked page by page for pdfplumber's object cache."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        self._doc = pdfium.PdfDocument(str(path), password=password)
        self.reason = ""  # why the last page asked for went to pdfplumber
        self._f = [ctypes.c_float() for _ in range(4)]
        self._fp = [ctypes.byref(f) for f in self._f]
        self._u = [ctypes.c_uint() for _ in range(4)]
        self._up = [ctypes.byref(u) for u in self._u]
        self._m = pdfium_c.FS_MATRIX()
        self._buf = ctypes.create_string_buffer(512)
        self._key = (ctypes.c_ushort * 64)()
        self._page_fonts: dict[int, dict[str, list[_Font]]] = {}
        self._font_info: dict[int, _Font] = {}

    @classmethod
    def open(cls, path: Path, password: str | None = None) -> PdfiumPages | None:
        """None when pdfium cannot open the file: pdfplumber then reads (and judges) every page."""
        try:
            return cls(path, password)
        except Exception:  # noqa: BLE001 - pdfplumber's path reports what is wrong with the file
            return None

    def load(self, index: int, plumber_page: Any) -> str:
        """Fill pdfplumber's object cache of the page from pdfium; "" when done, else why not."""
        got = self.objects(index, plumber_page)
        if got is None:
            return self.reason
        plumber_page._objects, plumber_page.hidden_chars = got
        return ""

    def close(self) -> None:
        self._doc.close()

    def __len__(self) -> int:
        return len(self._doc)

    def objects(self, index: int, plumber_page: Any) -> tuple[dict[str, list[dict[str, Any]]], int] | None:
        """(pdfplumber's object cache for the page, hidden characters), or None (see ``reason``)."""
        try:
            page = self._doc[index]
        except Exception as e:  # noqa: BLE001
            self.reason = f"pdfium cannot load the page ({type(e).__name__})"
            return None
        try:
            return _PageReader(self, page, plumber_page).read()
        except Untrusted as e:
            self.reason = str(e)
            return None
        except Exception as e:  # noqa: BLE001 - anything odd: the page goes to pdfplumber
            self.reason = f"pdfium reader failed ({type(e).__name__}: {e})"
            return None
        finally:
            page.close()

    def fonts(self, plumber_page: Any) -> dict[str, list[_Font]]:
        """Font name as pdfium gives it -> pdfminer's fonts of that name (two unlike fonts may share one).

        pdfminer's own font objects (from the page's resources, forms' included, cached by the
        document's resource manager as its interpreter caches them) give each character the name,
        descent, width and text pdfminer would give it. pdfium names a font by its /BaseFont, with
        or without the "ABCDEF+" subset tag, so each font is listed under both.
        """
        resources = resolve1(plumber_page.page_obj.resources)
        key = id(resources)
        known = self._page_fonts.get(key)
        if known is not None:
            return known
        out: dict[str, list[_Font]] = {}
        seen: set[int] = set()
        rsrc = plumber_page.pdf.rsrcmgr

        def collect(res: Any, depth: int) -> None:
            res = resolve1(res)
            if not isinstance(res, dict) or id(res) in seen or depth > 4:
                return
            seen.add(id(res))
            fonts = resolve1(res.get("Font"))
            if isinstance(fonts, dict):
                for ref in fonts.values():
                    spec = resolve1(ref)
                    if not isinstance(spec, dict):
                        continue
                    objid = ref.objid if isinstance(ref, PDFObjRef) else None
                    font = rsrc.get_font(objid, spec)
                    info = self._font_info.get(id(font))
                    if info is None:
                        info = self._font_info[id(font)] = _Font(font, spec)
                    names = {str(getattr(font, "basefont", "") or ""), info.fontname}
                    for name in names | {_TAG.sub("", n) for n in names}:
                        if not name:
                            continue
                        same = out.setdefault(name, [])
                        if any(f is info for f in same):
                            continue
                        for k, f in enumerate(same):
                            if f.reads_like(info):
                                same[k] = f.union(info)
                                break
                        else:
                            same.append(info)
            xobjects = resolve1(res.get("XObject"))
            if isinstance(xobjects, dict):
                for ref in xobjects.values():
                    attrs = getattr(resolve1(ref), "attrs", None)
                    if isinstance(attrs, dict) and literal_name(attrs.get("Subtype")) == "Form":
                        collect(attrs.get("Resources"), depth + 1)

        collect(resources, 0)
        self._page_fonts[key] = out
        return out


class _Font:
    """What pdfminer makes of one font: its name, descent, and each character's text and width.

    ``options`` maps the text pdfium gives a glyph (ligatures split: "ﬁ" is "fi") to the (text,
    width) pairs pdfminer gives the codes that print it; widths the font does not give (pdfminer's
    default width) count only where no code has one. One pair is the answer; several (two codes
    for one letter, or two subsets of one face read as one font) are told apart by pdfium's advance.
    """

    def __init__(self, font: Any, spec: dict[str, Any]) -> None:
        name = font.fontname
        if isinstance(name, bytes):  # pragma: no cover - rare byte-encoded names
            name = fix_fontname_bytes(name)
        self.fontname = str(name)
        self.descent = float(font.get_descent())
        descriptor = getattr(font, "descriptor", None) or {}
        # what pdfium can be asked about the font, to tell two fonts of one name apart
        self.embedded = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
        self.weight = _number(descriptor.get("FontWeight"))
        self.flags = _number(descriptor.get("Flags"))
        self.usable = not isinstance(font, PDFType3Font) and not font.is_vertical()
        self.identity: Any = None  # a CID font whose codes are their Unicode values
        self.complete = True  # every code of the font was looked at (simple fonts, ToUnicode maps)
        self.options: dict[str, list[tuple[str, float]]] = {}
        self.weak: set[str] = set()  # texts known only with the font's default width
        self._singles: dict[str, tuple[str, float]] | None = None
        self.fractions: dict[float, float] = {}  # width -> what pdfium cuts off it (``_fraction``)
        if not self.usable:
            return
        if isinstance(font, PDFCIDFont):
            umap = font.unicode_map
            codes: Any = getattr(umap, "cid2unichr", None)
            if isinstance(umap, IdentityUnicodeMap):
                self.identity = font
                self.complete = False
                return
            if not isinstance(codes, dict):
                self.complete = False
                return
            items = list(codes.items())
        else:
            items = []
            winansi = _winansi(spec)
            for cid in range(256):
                try:
                    items.append((cid, font.to_unichr(cid)))
                except Exception:  # noqa: BLE001 - a code with no text: pdfminer prints "(cid:n)"
                    if winansi and cid in _WINANSI_UNUSED:
                        items.append((cid, "\u2022"))
        widths = font.widths if isinstance(font.widths, dict) else {}
        for cid, text in items:
            if isinstance(text, str) and text:
                weak = widths.get(cid) is None and widths.get(text) is None
                self._add(text, (text, float(font.char_width(cid))), weak)

    def _add(self, text: str, entry: tuple[str, float], weak: bool) -> None:
        keys = {text, unicodedata.normalize("NFKC", text)} if _LIGATURE.search(text) else {text}
        for key in keys:
            have = self.options.get(key)
            if have is None or (key in self.weak and not weak):
                self.options[key] = [entry]
                if weak:
                    self.weak.add(key)
                else:
                    self.weak.discard(key)
            elif (key in self.weak) == weak and entry not in have:
                have.append(entry)

    def reads_like(self, other: _Font) -> bool:
        """Whether the two can be read as one font: the same name, descent and embedding (a face
        split into subsets, as Word does; one font dictionary copied, or shared by a page and its
        forms). An embedded font and one that is not are two to pdfium (``_which`` tells them
        apart), even where pdfminer names them alike (Word's Type 0 and TrueType copies of a face)."""
        return (
            (self.fontname, self.descent, self.usable, self.embedded)
            == (other.fontname, other.descent, other.usable, other.embedded)
            and self.identity is None
            and other.identity is None
        )

    def union(self, other: _Font) -> _Font:
        merged = object.__new__(_Font)
        merged.fontname, merged.descent, merged.usable = self.fontname, self.descent, self.usable
        merged.embedded, merged.weight, merged.flags = self.embedded, self.weight, self.flags
        merged.identity, merged.complete = None, self.complete and other.complete
        merged.options, merged.weak = {k: list(v) for k, v in self.options.items()}, set(self.weak)
        merged._singles, merged.fractions = None, {}
        for key, entries in other.options.items():
            for entry in entries:
                merged._add(key, entry, key in other.weak)
        return merged

    def singles(self) -> dict[str, tuple[str, float]]:
        """``lookup``'s answers for the texts with one pair, as one dictionary (the loop over a
        page's characters asks it first)."""
        if self._singles is None:
            self._singles = {k: v[0] for k, v in self.options.items() if len(v) == 1}
        return self._singles

    def lookup(self, text: str) -> Any:
        """(pdfminer's text, width per unit of font size) for pdfium's text; a list of such pairs
        when the font has several; ``_UNKNOWN`` when it cannot say, ``_FOREIGN`` when no code of a
        font that was read whole prints this text."""
        got = self.options.get(text)
        if got is None:
            if self.identity is not None and len(text) == 1:
                return (text, float(self.identity.char_width(ord(text))))
            return _UNKNOWN if not self.complete else _FOREIGN
        return got[0] if len(got) == 1 else got


def _read_as_one(fonts: list[_Font]) -> _Font:
    merged = fonts[0]
    for f in fonts[1:]:
        merged = merged.union(f)
    return merged


_UNKNOWN: Any = ("", -1.0)  # the font cannot say: pdfium's advance stands
_FOREIGN: Any = ("", -2.0)  # the font has no code for this text: pdfminer would read something else
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_WINANSI_UNUSED = frozenset((127, 129, 141, 143, 144, 157))


def _number(value: Any) -> float | None:
    value = resolve1(value)
    return float(value) if isinstance(value, (int, float)) else None


def _winansi(spec: dict[str, Any]) -> bool:
    """A simple font encoded WinAnsiEncoding, whose unused codes print as bullets (as pdf_layout.winansi_fonts)."""
    if literal_name(spec.get("Subtype")) not in ("Type1", "TrueType", "MMType1"):
        return False
    encoding = resolve1(spec.get("Encoding"))
    if isinstance(encoding, dict):
        encoding = resolve1(encoding.get("BaseEncoding"))
    return encoding is not None and literal_name(encoding) == "WinAnsiEncoding"


class _PageReader:
    """One page: walk its objects, then its characters."""

    def __init__(self, owner: PdfiumPages, page: Any, plumber_page: Any) -> None:
        self.o = owner
        self.page = page
        self.pp = plumber_page
        self.height = float(plumber_page.height)
        self.doctop = float(plumber_page.initial_doctop)
        self.number = plumber_page.page_number
        self.runs: dict[int, _Run] = {}
        self.paths: list[dict[str, Any]] = []
        self.fills: list[tuple[tuple[float, float, float, float], bool]] = []
        self.objects = 0
        self._reading: dict[int, _Font] = {}

    def read(self) -> tuple[dict[str, list[dict[str, Any]]], int]:
        self._check_frame()
        self.fonts = self.o.fonts(self.pp)
        raw = self.page.raw
        self._walk(raw, pdfium_c.FPDFPage_CountObjects(raw), pdfium_c.FPDFPage_GetObject, _IDENTITY, 0)
        chars, hidden = self._chars()
        objects: dict[str, list[dict[str, Any]]] = {"char": chars}
        for p in self.paths:
            objects.setdefault(p["object_type"], []).append(p)
        return objects, hidden

    # ------------------------------------------------------------------ frame
    def _check_frame(self) -> None:
        pp = self.pp
        if pp.rotation % 360 or self.page.get_rotation():
            raise Untrusted("rotated page")
        media = tuple(round(float(v), 2) for v in pp.mediabox)
        box = tuple(round(float(v), 2) for v in pp.bbox)
        if media[:2] != (0.0, 0.0) or box != media:
            raise Untrusted("page boxes offset or cropped")
        if abs(self.page.get_height() - self.height) > 0.01:
            raise Untrusted("page height differs between readers")
        self.crop = (0.0, 0.0, float(pp.width), self.height)

    # ------------------------------------------------------------------ objects
    def _walk(self, parent: Any, count: int, get: Any, ctm: Matrix, depth: int) -> None:
        if depth > 8:
            raise Untrusted("form XObjects nested too deep")
        for i in range(count):
            obj = get(parent, i)
            self.objects += 1
            if self.objects > _MAX_OBJECTS:
                raise Untrusted("too many page objects")
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _TEXT:
                self._text_object(obj, ctm)
            elif kind == _PATH:
                self._path(obj, ctm)
            elif kind in (_IMAGE, _SHADING):
                box = self._bounds(obj, ctm)
                if box is not None:
                    self.fills.append((box, False))
            elif kind == _FORM:
                m = self.o._m
                pdfium_c.FPDFPageObj_GetMatrix(obj, m)
                inner = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
                self._walk(
                    obj,
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    pdfium_c.FPDFFormObj_GetObject,
                    inner,
                    depth + 1,
                )

    def _bounds(self, obj: Any, ctm: Matrix) -> tuple[float, float, float, float] | None:
        f = self.o._f
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *self.o._fp):
            return None
        return _box_through(ctm, f[0].value, f[1].value, f[2].value, f[3].value)

    def _text_object(self, obj: Any, ctm: Matrix) -> None:
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        actual = False
        if pdfium_c.FPDFPageObj_CountMarks(obj) > 0:
            # pdfium's text page puts a span's /ActualText in place of its glyphs; pdfminer reads
            # glyphs: the text page is built after this walk, so the key is taken out of the marks
            actual = self._drop_actual_text(obj)
        u = self.o._u
        pdfium_c.FPDFPageObj_GetFillColor(obj, *self.o._up)
        rgb = (u[0].value, u[1].value, u[2].value)
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        box = self._bounds(obj, ctm)
        hidden = ""
        clip = None
        if mode in _INVISIBLE_MODES:
            hidden = "invisible"
        elif box is not None:
            if _light(rgb) and self._on_light(box):
                hidden = "light"
            else:
                clip = self._clip(obj, ctm)
                if clip is not None:
                    x0, y0, x1, y1 = clip
                    if (
                        x0 - _EDGE <= box[0]
                        and box[2] <= x1 + _EDGE
                        and y0 - _EDGE <= box[1]
                        and box[3] <= y1 + _EDGE
                    ):
                        clip = None  # wholly inside: no test per character
        colour = (
            (round(rgb[0] / 255, 4),) if rgb[0] == rgb[1] == rgb[2] else tuple(round(v / 255, 4) for v in rgb)
        )
        m = self.o._m
        origin = None
        if pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            origin = _apply(ctm, m.e, m.f)
        self.runs[key] = _Run(len(self.runs), colour, hidden, clip, [], box=box, origin=origin, actual=actual)

    def _drop_actual_text(self, obj: Any) -> bool:
        """Take /ActualText out of the object's marked-content parameters (in memory, for this
        load of the page only), so that pdfium's text page reads the glyphs, as pdfminer does.
        True when the object had it."""
        buf, size = self.o._key, ctypes.c_ulong()
        for m in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, m)
            for p in range(pdfium_c.FPDFPageObjMark_CountParams(mark) if mark else 0):
                if pdfium_c.FPDFPageObjMark_GetParamKey(mark, p, buf, ctypes.sizeof(buf), size):
                    if ctypes.string_at(buf, max(0, size.value - 2)) == _ACTUAL_TEXT:
                        if not pdfium_c.FPDFPageObjMark_RemoveParam(obj, mark, b"ActualText"):
                            raise Untrusted("marked content with /ActualText pdfium keeps")
                        return True
        return False

    def _on_light(self, box: tuple[float, float, float, float]) -> bool:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        for (x0, y0, x1, y1), light in reversed(self.fills):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return light
        return True

    def _clip(self, obj: Any, ctm: Matrix) -> tuple[float, float, float, float] | None:
        """The object's clip as one box (the intersection of its clip paths' bounds) and the crop box."""
        box = self.crop
        clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
        if clip:
            f = self.o._f
            for p in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
                n = pdfium_c.FPDFClipPath_CountPathSegments(clip, p)
                if n <= 0:
                    continue
                xs, ys = [], []
                for s in range(n):
                    seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, p, s)
                    if seg and pdfium_c.FPDFPathSegment_GetPoint(seg, self.o._fp[0], self.o._fp[1]):
                        x, y = _apply(ctm, f[0].value, f[1].value)
                        xs.append(x)
                        ys.append(y)
                if xs:
                    box = _intersect(box, (min(xs), min(ys), max(xs), max(ys)))
        return box

    def _path(self, obj: Any, ctm: Matrix) -> None:
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
            return
        filled, stroked = fill.value != 0, bool(stroke.value)
        if not filled and not stroked:
            return
        m = self.o._m
        pdfium_c.FPDFPageObj_GetMatrix(obj, m)
        full = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
        fx, fy = self.o._f[0], self.o._f[1]
        px, py = self.o._fp[0], self.o._fp[1]
        a, b, c, d, e, f = full
        ops: list[tuple[str, float, float]] = []
        bez = 0
        handle = ctypes.cast(obj, ctypes.c_void_p).value
        for s in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = _path_segment(handle, s)
            _segment_point(seg, px, py)
            sx, sy = fx.value, fy.value
            # as _apply(full, sx, sy); pdfium's floats then rounded to the decimals the PDF wrote
            x, y = round(a * sx + c * sy + e, 4), round(b * sx + d * sy + f, 4)
            kind = _segment_type(seg)
            if kind == _MOVETO:
                ops.append(("m", x, y))
                bez = 0
            elif kind == _BEZIERTO:
                bez += 1
                if bez % 3 == 0:  # pdfminer keeps a curve's end point only
                    ops.append(("c", x, y))
            else:
                ops.append(("l", x, y))
                bez = 0
            if kind != _MOVETO and _segment_close(seg) and (kind != _BEZIERTO or bez % 3 == 0):
                ops.append(("h", x, y))
        light = False
        colour: tuple[float, ...] = ()
        if filled:
            pdfium_c.FPDFPageObj_GetFillColor(obj, *self.o._up)
            rgb = (self.o._u[0].value, self.o._u[1].value, self.o._u[2].value)
            light = _light(rgb)
            colour = tuple(round(v / 255, 3) for v in rgb)
        start = 0
        for i in range(1, len(ops) + 1):
            if i == len(ops) or ops[i][0] == "m":
                sub = ops[start:i]
                start = i
                if sub and sub[0][0] == "m" and len(sub) > 1:
                    item = self._shape(sub)
                    if filled:  # as pdfplumber gives them: the shading of boxes (pdf_layout.shade_lines)
                        item["fill"], item["non_stroking_color"] = True, colour
                    self.paths.append(item)
                    if filled:
                        self.fills.append(((item["x0"], item["y0"], item["x1"], item["y1"]), light))

    def _shape(self, path: list[tuple[str, float, float]]) -> dict[str, Any]:
        """pdfminer's classing of one subpath (converter.paint_path): line, rect or curve."""
        shape = "".join(op for op, _, _ in path)
        pts = [(x, y) if op != "h" else (path[0][1], path[0][2]) for op, x, y in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        kind = "curve"
        if shape in ("mlh", "ml"):
            kind = "line"
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                kind = "rect"
                pts = [pts[0], pts[2]] if kind == "rect" else pts
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if kind == "line":
            x0, x1 = min(pts[0][0], pts[1][0]), max(pts[0][0], pts[1][0])
            y0, y1 = min(pts[0][1], pts[1][1]), max(pts[0][1], pts[1][1])
        h = self.height
        top = h - y1
        return {
            "object_type": kind,
            "page_number": self.number,
            "x0": x0,
            "x1": x1,
            "y0": y0,
            "y1": y1,
            "top": top,
            "bottom": h - y0,
            "doctop": self.doctop + top,
            "width": x1 - x0,
            "height": y1 - y0,
            "pts": [(x, h - y) for x, y in (pts if kind != "line" else pts[:2])] if kind != "rect" else [],
        }

    # ------------------------------------------------------------------ characters
    def _chars(self) -> tuple[list[dict[str, Any]], int]:
        textpage = self.page.get_textpage()
        try:
            return self._read_chars(textpage)
        finally:
            textpage.close()

    def _start_run(self, raw_tp: Any, index: int, key: int) -> _Run:
        """The run of the text object ``key``, its font and size read at its first character."""
        run = self.runs.get(key)
        if run is None:
            raise Untrusted("a character outside the page's text objects")
        if run.font is not None:
            return run
        m = self.o._m
        if not pdfium_c.FPDFText_GetMatrix(raw_tp, index, m):
            raise Untrusted("no text matrix")
        a, b, c, d = round(m.a, 6), m.b, m.c, round(m.d, 6)
        turned = abs(a) <= 1e-6 and abs(d) <= 1e-6 and b * c < 0  # a quarter turn either way
        if not turned and (abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0):
            raise Untrusted("mirrored, sheared or upside-down text")
        obj = ctypes.cast(ctypes.c_void_p(key), pdfium_c.FPDF_PAGEOBJECT)
        if not pdfium_c.FPDFTextObj_GetFontSize(obj, self.o._fp[0]):
            raise Untrusted("no font size")
        tf = round(self.o._f[0].value, 5)  # pdfium keeps a float: 9.96 comes back as 9.960000038
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if not font or not math.isfinite(tf) or tf <= 0:
            raise Untrusted("no font or no font size")
        buf = self.o._buf
        length = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
        if length <= 0 or length > len(buf):
            raise Untrusted("no font name")
        name = buf.value.decode("latin-1")
        candidates = self.fonts.get(name)
        if not candidates:
            raise Untrusted(f"font {name} not in the page's resources")
        if len(candidates) == 1:
            info = candidates[0]
        else:
            left = self._which(candidates, font)
            info = left[0]
            if len(left) > 1:
                # subsets of one face that pdfium names alike ("ABCDEF+Palatino", "GHIJKL+Palatino"):
                # read with both, the name settled once the page's characters show which it is
                if any(f.descent != info.descent or f.identity is not None for f in left):
                    raise Untrusted(f"two fonts named {name} that pdfium does not tell apart")
                handle = ctypes.cast(font, ctypes.c_void_p).value or 0
                run.choices, run.handle = left, handle
                info = self._reading.get(handle) or self._reading.setdefault(handle, _read_as_one(left))
        if not info.usable:
            raise Untrusted(f"font {name}: Type 3 or vertical")
        run.font = info
        run.matrix = (a, b, c, d, m.e, m.f)
        if turned:
            run.matrix = (m.a, m.b, m.c, m.d, m.e, m.f)  # unrounded: ``upright`` is read from it
            # the advance runs along (0, b), the em along (c, 0); the box as ``_turned_box`` makes it
            run.turned, run.size, run.scale_x = True, tf * abs(c), tf * abs(b)
        else:
            run.size = tf * d
            run.scale_x = tf * a
        return run

    def _which(self, fonts: list[_Font], font: Any) -> list[_Font]:
        """Of unlike fonts with one name, those pdfium's font may be: told by whether it is
        embedded, its flags and its weight."""
        embedded = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
        flags, weight = pdfium_c.FPDFFont_GetFlags(font), pdfium_c.FPDFFont_GetWeight(font)
        left = [f for f in fonts if f.embedded == embedded] or fonts
        left = [f for f in left if f.flags is None or f.flags == flags] or left
        return [f for f in left if f.weight is None or f.weight == weight] or left

    def _unseen(self, key: int, run: _Run) -> None:
        """A text object pdfium's text page leaves out. One that prints nothing (a space: its bounds
        are a point, or a flat line from its origin no longer than a space) is a space to pdfminer,
        which ends a word, so it gets one; any other (text drawn twice, which pdfminer keeps and
        ``pdf_layout`` reads as bold) sends the page to pdfplumber."""
        box = run.box
        point = box is not None and box[2] - box[0] <= 0.01 and box[3] - box[1] <= 0.01
        flat = box is not None and not point and box[3] - box[1] <= 0.01 and run.origin is not None
        if box is None or not (point or flat):
            raise Untrusted("a text object pdfium leaves out (drawn twice?)")
        obj = ctypes.cast(ctypes.c_void_p(key), pdfium_c.FPDF_PAGEOBJECT)
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        m = self.o._m
        if (
            not font
            or not pdfium_c.FPDFTextObj_GetFontSize(obj, self.o._fp[0])
            or not pdfium_c.FPDFPageObj_GetMatrix(obj, m)
        ):
            raise Untrusted("a blank text object without a font")
        buf = self.o._buf
        length = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
        candidates = self.fonts.get(buf.value.decode("latin-1")) if 0 < length <= len(buf) else None
        turned = abs(m.a) <= 1e-6 and abs(m.d) <= 1e-6 and m.b * m.c < 0
        if not candidates or (not turned and (abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0)):
            raise Untrusted("a blank text object in a font pdfminer does not know, or mirrored")
        info, tf = self._which(candidates, font)[0], self.o._f[0].value
        if " " not in info.options or " " in info.weak:
            # blank to pdfium, yet the font has no space: glyphs pdfium cannot measure (a broken font)
            raise Untrusted(f"text in {info.fontname} that pdfium cannot place")
        run.font, run.matrix = info, (m.a, m.b, m.c, m.d, m.e, m.f)
        if turned:
            if not point:
                raise Untrusted("a text object pdfium leaves out (drawn twice?)")
            run.turned, run.size, run.scale_x = True, tf * abs(m.c), tf * abs(m.b)
            space = self._turned_char(run, box[0], box[1], _space_width(run), " ")
            if space is not None:
                run.chars.append(space)
            return
        run.size, run.scale_x = tf * m.d, tf * m.a
        adv = _space_width(run)
        ox, oy = box[0], box[1]
        if flat:
            assert run.origin is not None
            ox, oy = run.origin
            if abs(box[0] - ox) > 0.05 or box[2] - box[0] > adv + 0.05 or abs(box[1] - oy) > 0.05:
                raise Untrusted("a text object pdfium leaves out (drawn twice?)")
        x0, y0 = ox, oy + info.descent * run.size
        top = self.height - y0 - run.size
        run.chars.append(
            {
                "object_type": "char",
                "text": " ",
                "fontname": info.fontname,
                "size": run.size,
                "upright": True,
                "matrix": run.matrix,
                "x0": x0,
                "x1": x0 + adv,
                "top": top,
                "bottom": self.height - y0,
                "doctop": self.doctop + top,
                "non_stroking_color": run.colour,
            }
        )

    def _continued_strings(self) -> None:
        """Put the parts of a string that an /ActualText span split where pdfminer has them.

        pdfminer adds the character spacing (Tc) before each glyph of a string but the first, so
        a string that goes on where the last one stopped (no move between them) starts a Tc short
        of where pdfium puts it, and so does each one chained after it. pdfium does not give Tc:
        it is read from the pairs of glyphs on the line (the gap pdfium leaves after a glyph's own
        width: Tc, where no kerning number stands between them; the gap most pairs share); a part
        whose gap to the last one is that Tc goes on from it. Where the line's Tc cannot be read,
        a gap that is not nothing sends the page to pdfplumber. Only strings at a span's edge (and
        those chained after them) are looked at: elsewhere the readers agree on almost every page
        (fidelity test), and reading Tc from a line's pairs has been seen to mistake a move for it."""
        ordered = [r for r in sorted(self.runs.values(), key=lambda r: r.order) if r.chars and not r.turned]
        pairs: list[tuple[_Run, _Run]] = []
        for before, after in zip(ordered, ordered[1:], strict=False):
            last, first = before.chars[-1], after.chars[0]
            if abs(first["bottom"] - last["bottom"]) < 0.01 and first["size"] == last["size"]:
                if before.actual or after.actual or (pairs and pairs[-1][1] is before):
                    pairs.append((before, after))
        if not pairs:
            return
        lines: dict[tuple[float, float, bool], dict[float, int]] = {}
        for r in ordered:
            _count_gaps(r.chars, lines)
        lag = 0.0  # how far pdfminer's origins stand behind pdfium's in the current chain
        previous: _Run | None = None
        for before, after in pairs:
            if before is not previous:
                lag = 0.0  # a chain ends where a string does not go on from the last one
            previous = after
            if not (lag or before.actual or after.actual):
                continue
            last, first = before.chars[-1], after.chars[0]
            gap = first["x0"] - (last["x1"] + lag)  # as pdfium has it
            line = (round(first["bottom"], 2), first["size"])
            spacing = _spacing(lines.get((*line, False), {}))
            # after a space pdfium (and pdfminer) add the word spacing too: Tc + Tw
            expected = _spacing(lines.get((*line, True), {})) if last["text"] == " " else spacing
            if spacing is None or expected is None:
                if abs(gap) > 0.002 and (before.actual or after.actual):
                    raise Untrusted("an /ActualText span splits a string, with character spacing not known")
                lag = 0.0
                continue
            lag = lag + spacing if spacing and abs(gap - expected) <= 0.002 else 0.0
            if lag:
                for c in after.chars:
                    c["x0"] -= lag
                    c["x1"] -= lag

    def _settle_names(self) -> None:
        """Name the characters of fonts pdfium left ambiguous: each pdfium font is the subset that
        prints every one of its characters on the page (with a width of its own), the larger one
        when both do."""
        texts: dict[int, set[str]] = {}
        for r in self.runs.values():
            if r.choices:
                texts.setdefault(r.handle, set()).update(c["text"] for c in r.chars if c["text"] != " ")
        names: dict[int, str] = {}
        for handle, seen in texts.items():
            choices = cast("list[_Font]", next(r.choices for r in self.runs.values() if r.handle == handle))
            fits = [f for f in choices if all(t in f.options and t not in f.weak for t in seen)]
            if not fits:
                raise Untrusted(f"two fonts named {choices[0].fontname}: neither prints all its characters")
            names[handle] = max(fits, key=lambda f: len(f.options)).fontname
        for r in self.runs.values():
            if r.choices:
                for c in r.chars:
                    c["fontname"] = names[r.handle]

    def _hyphen(self, run: _Run) -> Any:
        """Which hyphen pdfium marked as a line-end hyphen: the one the font has, or the ones to tell
        apart by width."""
        assert run.font is not None
        found: list[tuple[str, float]] = []
        for h in _HYPHENS:
            got = run.font.lookup(h)
            found.extend(g for g in (got if isinstance(got, list) else [got]) if g[1] >= 0)
        if not found:
            return ("-", -1.0)
        return found[0] if len(found) == 1 else found

    def _turned_char(self, run: _Run, px: float, py: float, adv: float, text: str) -> dict[str, Any] | None:
        """A character of text turned a quarter: pdfminer's box is the glyph's from its descent to
        one em above, along the advance, through the text matrix (LTChar: two corners, sorted);
        its size is the box's height (the advance). None when the clip hides it."""
        assert run.font is not None
        a, b, c, d, _, _ = run.matrix
        tf = run.scale_x / abs(b)
        uy = 1.0 if b > 0 else -1.0
        ox, oy = px, py + run.drift * uy  # the advance runs along y
        low, high = run.font.descent * tf, (run.font.descent + 1.0) * tf
        x0, y0 = ox + c * low, oy + d * low
        x1, y1 = ox + c * high, oy + uy * adv + d * high
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        if run.clip is not None:
            cl = run.clip
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not (cl[0] - _EDGE <= cx <= cl[2] + _EDGE and cl[1] - _EDGE <= cy <= cl[3] + _EDGE):
                return None
        top = self.height - y1
        return {
            "object_type": "char",
            "text": text,
            "fontname": run.font.fontname,
            "size": y1 - y0,
            "upright": 0 < a * d and b * c <= 0,  # pdfminer's test: a float's quarter turn may pass it
            "matrix": run.matrix,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": self.height - y0,
            "doctop": self.doctop + top,
            "non_stroking_color": run.colour,
        }

    def _read_chars(self, textpage: Any) -> tuple[list[dict[str, Any]], int]:
        """pdfminer's characters from pdfium's: text and width by pdfminer's font, place by pdfium.

        pdfium's text page differs from pdfminer's characters in known ways, undone here: it
        orders text objects along a line by position (the content stream's order is restored);
        it splits ligatures into letters at one origin (joined again); it drops a real space that
        follows a space it generated between two text objects, so a generated space stands for a
        real one where the gap is at least ``_SPACE_SHARE`` of the font's space.
        """
        raw_tp = textpage.raw
        tp = ctypes.cast(raw_tp, ctypes.c_void_p).value
        n = pdfium_c.FPDFText_CountChars(raw_tp)
        if n <= 0:
            if any(not r.hidden for r in self.runs.values()):
                raise Untrusted("text objects, but no character pdfium can read")
            return [], 0
        text = textpage.get_text_range(0, n)
        if len(text) != n:
            raise Untrusted("characters outside the Basic Multilingual Plane")
        ox, oy = ctypes.c_double(), ctypes.c_double()
        pox, poy = ctypes.byref(ox), ctypes.byref(oy)
        box = pdfium_c.FS_RECTF()
        pbox = ctypes.byref(box)
        height, doctop = self.height, self.doctop
        hidden = 0
        runs = self.runs
        last_key = -1
        run: _Run | None = None
        prev: dict[str, Any] | None = None
        prev_run: _Run | None = None
        prev_px = prev_y = 0.0  # pdfium's origin of the last character
        prev_text = ""  # pdfium's text of it
        prev_drift = 0.0  # what it added to its run's drift
        kept = False  # the last character read is ``prev`` (not hidden, clipped or turned)
        pending_space = 0.0  # a generated space came before this character: the share of a space to fill
        eaten: list[tuple[_Run, int, dict[str, Any]]] = []  # spaces pdfium dropped: where they go
        last_font: _Font | None = None
        singles: dict[str, tuple[str, float]] = {}
        fractions: dict[float, float] = {}
        for i, ch in enumerate(text):
            key = _get_text_object(tp, i)
            if not key or (ch == " " and _is_generated(tp, i)):
                if ch == " " and not key:
                    # generated between two text objects: pdfminer has no such character, but pdfium
                    # drops a real space that follows one (inside an object it marks kerning or
                    # letter-spacing, where a space it dropped would leave a gap pdfplumber splits at)
                    pending_space = _SPACE_SHARE
                continue
            if key != last_key:
                run = runs.get(key)
                if run is None or run.font is None:
                    run = self._start_run(raw_tp, i, key)
                run.seen = True
            assert run is not None and run.font is not None
            font = run.font
            if font is not last_font:
                last_font, singles, fractions = font, font.singles(), font.fractions
            _get_char_origin(tp, i, pox, poy)
            px, y = ox.value, oy.value
            if key == last_key and px == prev_px and y == prev_y:
                # one glyph, several characters (a ligature split by pdfium): pdfminer keeps one,
                # whose text is all of them ("ffi" comes as "f", "f", "i": "ff" is no glyph)
                if run.turned:
                    raise Untrusted("a ligature in turned text")
                if prev is None or not kept:
                    continue  # its first letter was hidden or clipped: so is the rest of the glyph
                prev_text += ch
                merged = font.lookup(prev_text)
                if type(merged) is list:
                    merged = merged[0]
                if merged[1] >= 0:
                    prev["text"] = merged[0]
                    prev["x1"] = prev["x0"] + merged[1] * run.scale_x
                    run.drift += _drift(merged[1], run.scale_x) - prev_drift
                    prev_drift = _drift(merged[1], run.scale_x)
                else:
                    prev["text"] = prev_text
                continue
            if ch in _HYPHEN_MARKS:
                found = self._hyphen(run)
            else:
                found = singles.get(ch)
                if found is None:
                    found = font.lookup(ch)
            if type(found) is list:  # several codes print it: the one whose width pdfium measures
                if run.turned:
                    raise Untrusted("a character of two widths in turned text")
                _loose_box(tp, i, pbox)
                measured = (box.right - px) / run.scale_x
                found = min(found, key=lambda f: abs(f[1] - measured))
            width = found[1]
            if width >= 0 and ch in font.weak:
                # the font gives this character no width: not the font pdfminer reads it in
                raise Untrusted(f"{ch!r} without a width in {font.fontname}")
            if width == -2.0:
                if ch in _IGNORABLE:
                    continue
                raise Untrusted(f"a character pdfminer reads otherwise ({ch!r} in {font.fontname})")
            last_key, prev_px, prev_y, prev_text, kept = key, px, y, ch, False
            x0 = px + run.drift
            if width == -1.0:  # pdfminer's width is not known: pdfium's advance stands
                if run.turned:
                    raise Untrusted("a character of unknown width in turned text")
                _loose_box(tp, i, pbox)
                adv = box.right - px
                out_text = ch if ch not in _HYPHEN_MARKS else "-"
                prev_drift = 0.0
            else:
                out_text, adv = found[0], width * run.scale_x
                fraction = fractions.get(width)
                if fraction is None:
                    fraction = fractions[width] = _fraction(width)
                prev_drift = fraction * run.scale_x
                run.drift += prev_drift
            if run.hidden == "light":
                hidden += 1
                continue
            if run.turned:
                pending_space = 0.0  # pdfium's spaces between turned objects are not put right
                got = self._turned_char(run, px, y, adv, out_text)
                if got is None:
                    hidden += 1
                else:
                    run.chars.append(got)
                continue
            size = run.size
            y0 = y + font.descent * size
            if run.clip is not None:
                c = run.clip
                cx, cy = x0 + adv / 2, y0 + size / 2
                if not (c[0] - _EDGE <= cx <= c[2] + _EDGE and c[1] - _EDGE <= cy <= c[3] + _EDGE):
                    hidden += 1
                    continue
            if pending_space:
                if prev is not None and prev_run is not None and out_text != " " and prev["text"] != " ":
                    space = max(_space_width(run), _space_width(prev_run))
                    # between objects, pdfium eats a real space only at the start of the next one:
                    # its first glyph then stands a space before its first character
                    leading = run.chars == [] and run.origin is not None and px - run.origin[0] >= 0.5 * space
                    if space and leading and x0 - prev["x1"] >= pending_space * space:
                        eaten.append((prev_run, len(prev_run.chars), {**prev, "text": " ", "x0": prev["x1"]}))
            pending_space = 0.0
            top = height - y0 - size
            prev = {
                "object_type": "char",
                "text": out_text,
                "fontname": font.fontname,
                "size": size,
                "upright": True,
                "matrix": run.matrix,
                "x0": x0,
                "x1": x0 + adv,
                "top": top,
                "bottom": height - y0,
                "doctop": doctop + top,
                "non_stroking_color": run.colour,
            }
            run.chars.append(prev)
            prev_run, kept = run, True
        letters = sum(1 for ch in text if not ch.isspace())
        real = sum(1 for r in runs.values() for c in r.chars if c["text"] == " ")
        if eaten and real >= 0.02 * letters:
            # a page set with spaces (TeX sets none, and pdfium's generated ones stand for nothing)
            for r, at, space in reversed(eaten):
                r.chars.insert(at, space)
        if any(r.choices for r in runs.values()):
            self._settle_names()
        for key, r in runs.items():
            if not r.seen and not r.hidden:
                self._unseen(key, r)
        self._continued_strings()
        visible: list[dict[str, Any]] = []
        invisible: list[dict[str, Any]] = []
        for r in sorted(runs.values(), key=lambda r: r.order):
            (invisible if r.hidden == "invisible" else visible).extend(r.chars)
        if invisible and not any(not c["text"].isspace() for c in visible):
            visible = visible + invisible  # an OCR layer: the page's only text, so it is read
        else:
            hidden += len(invisible)
        if (
            runs
            and not any(not c["text"].isspace() for c in visible)
            and any(not r.hidden for r in runs.values())
        ):
            raise Untrusted(
                "text objects, but no character pdfium can read"
            )  # pdfplumber says if it is a scan
        return visible, hidden


_MISSING: Any = object()


def _count_gaps(
    chars: list[dict[str, Any]], lines: dict[tuple[float, float, bool], dict[float, int]]
) -> None:
    """Count, per line (baseline and size), the gaps pdfium leaves after a glyph's own width
    between two glyphs of one string, those after a space apart (word spacing comes after it)."""
    for a, b in zip(chars, chars[1:], strict=False):
        if abs(a["bottom"] - b["bottom"]) < 0.01 and a["size"] == b["size"]:
            gaps = lines.setdefault((round(b["bottom"], 2), b["size"], a["text"] == " "), {})
            g = round(b["x0"] - a["x1"], 3)
            gaps[g] = gaps.get(g, 0) + 1


def _spacing(gaps: dict[float, int]) -> float | None:
    """The character spacing (in points) of a line: the gap most of its pairs of glyphs share
    (twice at least, and more often than any other); None when none does."""
    if not gaps:
        return None
    ranked = sorted(gaps.values(), reverse=True)
    if ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(gaps.items(), key=lambda kv: kv[1])[0]


def _drift(width: float, scale_x: float) -> float:
    """How far pdfium's next origin falls short of pdfminer's after a glyph of ``width`` (per unit
    of font size): pdfium keeps a font's widths as whole thousandths of an em, cut, where pdfminer
    keeps the fraction (TeX fonts give widths such as 510.9)."""
    return _fraction(width) * scale_x


def _fraction(width: float) -> float:
    """``_drift`` per unit of horizontal scale (kept per font and width: one look-up a character)."""
    units = width * 1000
    return (units - math.floor(units + 1e-6)) / 1000


def _space_width(run: _Run) -> float:
    """The width of a space in the run's font and size; 0 when the font has no space (TeX's fonts:
    pdfminer then has no space character there either)."""
    if run.font is None or " " in run.font.weak:  # a code for a space with no width: not in the font
        return 0.0
    got = run.font.lookup(" ")
    if type(got) is list:
        got = got[0]
    if got[1] > 0:
        return got[1] * run.scale_x
    return 0.25 * run.size if got[1] == -1.0 else 0.0


def _box_through(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """The box's four corners through ``m`` (as ``_apply``), bounded."""
    a, b, c, d, e, f = m
    xs = (a * x0 + c * y0 + e, a * x0 + c * y1 + e, a * x1 + c * y0 + e, a * x1 + c * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x0 + d * y1 + f, b * x1 + d * y0 + f, b * x1 + d * y1 + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _intersect(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    if x1 < x0 or y1 < y0:
        return (x0, y0, x0, y0)
    return (x0, y0, x1, y1)
