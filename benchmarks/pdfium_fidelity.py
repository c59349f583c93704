"""How close can pypdfium2 get to pdfplumber's characters? (the issue-6 stretch, measured)

A prototype of a fast path, kept here as a measuring tool rather than in the pipeline because it
is not faithful enough yet. ``PdfiumPages.chars`` reads a page's characters with pypdfium2 in
the shape pdfplumber gives them (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``,
``fontname``, ``matrix``), or returns None (with ``reason``) for a page only pdfplumber can
read: rotated or offset page boxes, rules that could make a ruled table, Type 3 / vertical /
ambiguous fonts, turned text. Geometry follows pdfminer's rules, not pdfium's own boxes: the
box runs from the origin by the advance width, and from pdfminer's descent (pdfminer's font
objects are built from the font dictionaries alone, which is cheap) to one em above it; the
size is the text-space font size times the text matrix scale. On the real corpus that matches
pdfplumber to within 0.1 pt.

What is still wrong, and why it stays out of the pipeline: spaces. pdfium drops some real space
characters, turns others into "generated" ones, and generates spaces where the PDF has none
(between "Secretary" and a hyphen set in another text object, 1.4 pt apart). pdfplumber splits
words at real spaces only, so the two disagree on word boundaries for gaps between about 0.12
and 0.3 em, and the line text changes ("Secretary -General"). Telling them apart needs the
content stream, which is what pdfminer's interpretation costs.

    .venv/bin/python benchmarks/pdfium_fidelity.py /work/shared/corpus/real/*.pdf

prints, per page that differs, the words only one side has; then pages read, pages sent to
pdfplumber by reason, pages whose words differ, and the time of both readers.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdffont import PDFSimpleFont, PDFType3Font
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, resolve1

_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_* types
_SNAP = 3.0  # pdfplumber's snap tolerance for table edges, in points
_MAX_PATHS = 2_000  # a drawing with more path objects than this goes to pdfplumber


@dataclass(slots=True)
class _Run:
    """What every character of one pdfium text object shares."""

    fontname: str
    size: float
    descent: float  # pdfminer's descent, as a share of the em (negative below the baseline)
    scale_x: float  # font size times the text matrix x scale: widths come per unit of font size
    font: Any
    matrix: tuple[float, float, float, float, float, float]


class PdfiumPages:
    """pypdfium2's view of one PDF, asked page by page for pdfplumber-shaped characters."""

    def __init__(self, path: Path) -> None:
        self._doc = pdfium.PdfDocument(path)
        self._rsrc = PDFResourceManager(caching=True)
        self._buf = ctypes.create_string_buffer(512)
        self._origin_x, self._origin_y = ctypes.c_double(), ctypes.c_double()
        self._float = ctypes.c_float()
        self._matrix = pdfium_c.FS_MATRIX()
        self.reason = ""  # why the last page asked for went to pdfplumber (for tests and benchmarks)

    @classmethod
    def open(cls, path: Path) -> PdfiumPages | None:
        """None when pdfium cannot open the file: pdfplumber then reads (and judges) every page."""
        try:
            return cls(path)
        except Exception:  # noqa: BLE001 - pdfplumber's path reports what is wrong with the file
            return None

    def close(self) -> None:
        self._doc.close()

    def __len__(self) -> int:
        return len(self._doc)

    def chars(self, index: int, plumber_page: Any) -> list[dict[str, Any]] | None:
        """The page's characters as pdfplumber would give them, or None if only pdfplumber can tell."""
        try:
            page = self._doc[index]
        except Exception:  # noqa: BLE001
            return None
        try:
            if not _same_frame(page, plumber_page):
                return self._slow("rotated or offset page box")
            if _may_hold_table(page):
                return self._slow("rules that may make a table")
            fonts = self._fonts(plumber_page)
            if fonts is None:
                return self._slow("font resources pdfminer cannot read")
            return self._read_chars(page, fonts)
        except Exception as e:  # noqa: BLE001 - anything odd: the page goes to pdfplumber
            return self._slow(f"{type(e).__name__}")
        finally:
            page.close()

    def _slow(self, reason: str) -> None:
        self.reason = reason
        return None

    def _fonts(self, plumber_page: Any) -> dict[str, tuple[float, str] | None] | None:
        """Font name as pdfium gives it -> (pdfminer's descent, pdfminer's font name), from the page's resources.

        pdfium drops the "ABCDEF+" subset tag from simple fonts' names but keeps it on composite
        (Type 0) ones, so simple fonts are listed under the name without the tag and composite
        ones under the whole name. Two simple fonts of one name (two subsets, as Publisher sets
        typed hyphens) map to None, as do Type 3 and vertical fonts: such pages are pdfplumber's.
        """
        resources = resolve1(plumber_page.page_obj.resources) or {}
        specs = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        out: dict[str, tuple[float, str] | None] = {}
        if not isinstance(specs, dict):
            return out
        for ref in specs.values():
            spec = resolve1(ref)
            if not isinstance(spec, dict):
                return None
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            font = self._rsrc.get_font(objid, spec)
            fontname = str(getattr(font, "fontname", "") or "")  # what pdfplumber reports
            entry = None
            if not isinstance(font, PDFType3Font) and not font.is_vertical():
                entry = (float(font.get_descent()), fontname)
            names = {fontname, str(getattr(font, "basefont", "") or "")}
            if isinstance(font, PDFSimpleFont):
                names = {_untagged(n) for n in names}
            for name in names:
                out[name] = entry if out.get(name, entry) == entry else None
        return out

    def _read_chars(
        self, page: Any, fonts: dict[str, tuple[float, str] | None]
    ) -> list[dict[str, Any]] | None:
        textpage = page.get_textpage()
        try:
            raw = textpage.raw
            n = pdfium_c.FPDFText_CountChars(raw)
            text = textpage.get_text_range(0, n) if n > 0 else ""
            if len(text) != n:  # characters outside the BMP: keep it simple, let pdfplumber read it
                return self._slow("characters outside the BMP")
            height = page.get_height()
            runs: dict[int, _Run | None] = {}
            chars: list[dict[str, Any]] = []
            ox, oy = self._origin_x, self._origin_y
            widths: dict[tuple[int, str], float] = {}
            width = self._float
            box = pdfium_c.FS_RECTF()
            last_key, last_y = -1, 0.0
            for i, ch in enumerate(text):
                obj = pdfium_c.FPDFText_GetTextObject(raw, i)
                if ch in " \r\n" and pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                    if ch == " ":  # pdfium turns some real spaces into generated ones: keep them as breaks
                        chars.append(_space(chars[-1]) if chars else _BLANK)
                    continue
                key = ctypes.cast(obj, ctypes.c_void_p).value or 0
                run = runs.get(key, _MISSING)
                if run is _MISSING:
                    run = runs[key] = self._run(raw, i, obj, fonts)
                if run is None:
                    return self._slow(self.reason or "text pdfminer would measure otherwise")
                if ch == "\ufffe":  # pdfium's mark for a hyphen at a line end
                    ch = "-"
                elif ch in "\x00\x02\uffff":
                    return self._slow("characters without Unicode")
                pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
                if chars and key == last_key and ox.value == chars[-1]["x0"] and oy.value == last_y:
                    # one glyph, several characters (a ligature): pdfminer keeps them as one
                    prev = chars[-1]
                    prev["text"] += ch
                    pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
                    prev["x1"] = max(prev["x1"], box.right)
                    continue
                last_key, last_y = key, oy.value
                wkey = (key, ch)
                advance = widths.get(wkey)
                if advance is None:
                    pdfium_c.FPDFFont_GetGlyphWidth(run.font, ord(ch), 1.0, width)
                    advance = widths[wkey] = width.value * run.scale_x
                x0 = ox.value
                bottom = height - (oy.value + run.descent * run.size)
                chars.append(
                    {
                        "text": ch,
                        "x0": x0,
                        "x1": x0 + advance,
                        "top": bottom - run.size,
                        "bottom": bottom,
                        "doctop": bottom - run.size,
                        "upright": True,
                        "size": run.size,
                        "fontname": run.fontname,
                        "matrix": run.matrix,
                    }
                )
            return chars
        finally:
            textpage.close()

    def _run(self, raw: Any, index: int, obj: Any, fonts: dict[str, tuple[float, str] | None]) -> _Run | None:
        m = self._matrix
        if not pdfium_c.FPDFText_GetMatrix(raw, index, m):
            return self._slow("no text matrix")
        a, b, c, d = m.a, m.b, m.c, m.d
        if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
            return self._slow("turned, mirrored or sheared text")
        if not pdfium_c.FPDFTextObj_GetFontSize(obj, self._float):
            return self._slow("no font size")
        tf = self._float.value
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if not font:
            return self._slow("no font")
        length = pdfium_c.FPDFFont_GetBaseFontName(font, self._buf, len(self._buf))
        if length <= 0 or length > len(self._buf):
            return self._slow("no font name")
        name = self._buf.value.decode("latin-1")
        known = fonts.get(name, _MISSING)
        if known is _MISSING:
            return self._slow(f"font {name} not in the page's resources")
        if known is None:
            return self._slow(f"font {name}: Type 3, vertical or ambiguous")
        if tf <= 0 or not math.isfinite(tf):
            return self._slow("font size zero")
        descent, fontname = known
        return _Run(fontname, tf * d, descent, tf * a, font, (a, b, c, d, m.e, m.f))


_MISSING: Any = object()
_BLANK = {
    "text": " ",
    "x0": 0.0,
    "x1": 0.0,
    "top": 0.0,
    "bottom": 0.0,
    "doctop": 0.0,
    "upright": True,
    "size": 0.0,
    "fontname": "",
    "matrix": (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
}


def _space(prev: dict[str, Any]) -> dict[str, Any]:
    """A zero-width space right after ``prev``: it only ends the word, as pdfminer's real one would."""
    return {**prev, "text": " ", "x0": prev["x1"]}


def _untagged(name: str) -> str:
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isupper() else name


def _same_frame(page: Any, plumber_page: Any) -> bool:
    """pdfium and pdfplumber measure from the same corner: no rotation, no offset crop box."""
    if plumber_page.rotation % 360 or page.get_rotation():
        return False
    box = tuple(round(float(v), 2) for v in plumber_page.bbox)
    media = tuple(round(float(v), 2) for v in plumber_page.mediabox)
    return (
        box == media and box[:2] == (0.0, 0.0) and abs(page.get_height() - float(plumber_page.height)) < 0.01
    )


def _may_hold_table(page: Any) -> bool:
    """Could pdfplumber's ruled-table finder see a table of two or more columns on this page?

    A table of n columns needs n + 1 vertical rules and two horizontal ones. Rules are counted
    the way pdfplumber makes edges (a line, each side of a rectangle), snapped to 3 pt, from
    every path's bounds; a path that is not a plain line or rectangle counts as a rectangle,
    and a form XObject that draws anything sends the page to pdfplumber.
    """
    xs: set[int] = set()
    ys: set[int] = set()
    raw = page.raw
    count = pdfium_c.FPDFPage_CountObjects(raw)
    paths = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(count):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            if _form_draws(obj):
                return True
            continue
        if kind != _PATH:
            continue
        paths += 1
        if paths > _MAX_PATHS:
            return True
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return True
        w, h = right.value - left.value, top.value - bottom.value
        if h >= 1.0:  # a vertical rule or the sides of a box
            xs.add(round(left.value / _SNAP))
            if w >= 1.0:
                xs.add(round(right.value / _SNAP))
        if w >= 1.0:
            ys.add(round(bottom.value / _SNAP))
            if h >= 1.0:
                ys.add(round(top.value / _SNAP))
    return len(xs) >= 3 and len(ys) >= 2


def _form_draws(obj: Any, depth: int = 0) -> bool:
    """A form XObject with a path in it (at any depth)."""
    if depth > 8:
        return True
    for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
        child = pdfium_c.FPDFFormObj_GetObject(obj, i)
        kind = pdfium_c.FPDFPageObj_GetType(child)
        if kind == _PATH or (kind == _FORM and _form_draws(child, depth + 1)):
            return True
    return False


def _same_words(ours: list[dict[str, Any]], theirs: list[dict[str, Any]], tolerance: float = 0.5) -> bool:
    """The same words (text and font) at the same places, within ``tolerance`` points."""
    if len(ours) != len(theirs):
        return False

    def order(w: dict[str, Any]) -> tuple[Any, ...]:
        return (w["text"], round(w["top"]), w["x0"])

    for a, b in zip(sorted(ours, key=order), sorted(theirs, key=order), strict=True):
        if a["text"] != b["text"] or a["fontname"] != b["fontname"]:
            return False
        if any(abs(a[k] - b[k]) > tolerance for k in ("x0", "x1", "top", "bottom")):
            return False
    return True


def _word_key(w: dict[str, Any]) -> tuple[Any, ...]:
    return (w["text"], round(w["x0"], 1), round(w["top"], 1))


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time
    from collections import Counter

    import pdfplumber
    from pdfplumber.utils.text import WordExtractor

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--quiet", "-q", action="store_true", help="only the summary")
    args = ap.parse_args(argv)
    pages = differing = 0
    slow: Counter[str] = Counter()
    t_pdfium = t_plumber = 0.0
    for path in args.pdfs:
        fast = PdfiumPages.open(path)
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                pages += 1
                started = time.perf_counter()
                chars = fast.chars(i, page) if fast else None
                if chars is None:
                    slow[fast.reason if fast else "pdfium cannot open the file"] += 1
                    page.close()
                    continue
                ours = WordExtractor(extra_attrs=["fontname", "size"]).extract_words(chars)
                t_pdfium += time.perf_counter() - started
                started = time.perf_counter()
                theirs = page.extract_words(extra_attrs=["fontname", "size"])
                t_plumber += time.perf_counter() - started
                if not _same_words(ours, theirs):
                    differing += 1
                    a, b = Counter(map(_word_key, ours)), Counter(map(_word_key, theirs))
                    if not args.quiet:
                        only_a, only_b = sorted((a - b).elements())[:3], sorted((b - a).elements())[:3]
                        print(f"{path.name} p{i + 1}: pdfium only {only_a}; pdfplumber only {only_b}")
                page.close()
        if fast:
            fast.close()
    read = pages - sum(slow.values())
    print(f"pages {pages}: {read} read by pdfium, {sum(slow.values())} left to pdfplumber")
    for reason, n in slow.most_common():
        print(f"  {n:4d}  {reason}")
    print(f"pages whose words differ (text or position beyond 0.5 pt): {differing} of {read}")
    print(f"time on the pages pdfium read: pdfium {t_pdfium:.2f} s, pdfplumber {t_plumber:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
