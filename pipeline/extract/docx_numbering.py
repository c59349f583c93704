"""Word's automatic list numbering, computed the way Word prints it.

python-docx does not compute list numbers: they live in ``word/numbering.xml`` as abstract
definitions (per level: format, ``lvlText`` such as "%1.%2", start value) and instances
(``w:num`` -> ``abstractNumId`` with ``lvlOverride``/``startOverride``). A paragraph points at an
instance directly (``w:numPr``) or through its paragraph style. ``Numberer`` keeps the running
counters while the body is walked in order, so each numbered paragraph gets the marker a reader sees.

Counters are kept per abstract definition, so instances that share one continue each other's
count (Word's "continue numbering"); an instance with a ``startOverride`` restarts it on first use
("restart numbering").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"

# Symbol/Wingdings bullets are private-use code points; show what the font draws.
BULLET_GLYPHS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "□",
    "\uf06e": "■",
    "\uf071": "❑",
    "\uf0e0": "➢",
    "\uf0de": "➢",
    "\uf0d5": "❖",
    "o": "◦",
}
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_PLACEHOLDER = re.compile(r"%([1-9])")


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag."""
    return _W + tag


def w_val(el: etree._Element | None, attr: str = "val") -> str | None:
    """The ``w:val`` (or another w: attribute) of an element, None when absent."""
    return None if el is None else el.get(w(attr))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: 1-based level whose use restarts this one; 0 = never
    legal: bool = False  # w:isLgl: show every placeholder as a decimal
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass(slots=True)
class _Instance:
    abstract_id: str
    overrides: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def format_number(value: int, fmt: str) -> str:
    """One counter in a numbering format (decimal, letters, roman...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        n = max(value, 1)
        # Word repeats the letter past z: aa, bb, ...
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, n = "", max(value, 1)
        for size, digits in _ROMAN:
            while n >= size:
                out, n = out + digits, n - size
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt == "none":
        return ""
    return str(value)


def parse_level(lvl: etree._Element) -> Level:
    """A ``w:lvl`` element as a ``Level``."""
    restart = lvl.find(w("lvlRestart"))
    return Level(
        fmt=w_val(lvl.find(w("numFmt"))) or "decimal",
        text=w_val(lvl.find(w("lvlText"))) or "",
        start=_int(w_val(lvl.find(w("start"))), 1),
        restart=None if restart is None else _int(w_val(restart), 0),
        legal=lvl.find(w("isLgl")) is not None and w_val(lvl.find(w("isLgl"))) not in ("0", "false"),
        style=w_val(lvl.find(w("pStyle"))),
    )


class NumberingDefinitions:
    """The parsed ``numbering.xml``: abstract definitions and the instances pointing at them."""

    def __init__(self, root: etree._Element | None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        if root is None:
            return
        for ab in root.iter(w("abstractNum")):
            levels = {_int(w_val(lv, "ilvl"), 0): parse_level(lv) for lv in ab.iter(w("lvl"))}
            self.abstracts[w_val(ab, "abstractNumId") or ""] = levels
        for num in root.iter(w("num")):
            self.instances[w_val(num, "numId") or ""] = self._instance(num)
        self._follow_style_links(root)

    @staticmethod
    def _instance(num: etree._Element) -> _Instance:
        inst = _Instance(w_val(num.find(w("abstractNumId"))) or "")
        for ov in num.iter(w("lvlOverride")):
            ilvl = _int(w_val(ov, "ilvl"), 0)
            start = ov.find(w("startOverride"))
            if start is not None:
                inst.start_overrides[ilvl] = _int(w_val(start), 1)
            lvl = ov.find(w("lvl"))
            if lvl is not None:
                inst.overrides[ilvl] = parse_level(lvl)
        return inst

    def _follow_style_links(self, root: etree._Element) -> None:
        # An abstractNum with only numStyleLink borrows the levels of the one that has the
        # matching styleLink (Word's "list styles").
        by_style_link = {
            w_val(ab.find(w("styleLink"))): w_val(ab, "abstractNumId")
            for ab in root.iter(w("abstractNum"))
            if ab.find(w("styleLink")) is not None
        }
        for ab in root.iter(w("abstractNum")):
            link = w_val(ab.find(w("numStyleLink")))
            own = w_val(ab, "abstractNumId") or ""
            target = by_style_link.get(link) if link else None
            if target and not self.abstracts.get(own):
                self.abstracts[own] = self.abstracts.get(target, {})

    def level(self, num_id: str, ilvl: int) -> Level | None:
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        if ilvl in inst.overrides:
            return inst.overrides[ilvl]
        return self.abstracts.get(inst.abstract_id, {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level bound to a paragraph style (``w:pStyle`` inside ``w:lvl``), if any."""
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        for ilvl, lvl in self.abstracts.get(inst.abstract_id, {}).items():
            if lvl.style == style_id:
                return ilvl
        return None


@dataclass(frozen=True, slots=True)
class ListLabel:
    """The printed marker of one numbered paragraph."""

    marker: str  # "1.", "a)", "2.1", "•"
    level: int  # 0 = top
    bullet: bool
    num_id: str


class Numberer:
    """Running counters over the body: call ``label`` for each numbered paragraph in order."""

    def __init__(self, definitions: NumberingDefinitions):
        self.defs = definitions
        self._counts: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def label(self, num_id: str, ilvl: int) -> ListLabel | None:
        """Advance the counter of (num_id, ilvl) and return the marker; None for no numbering."""
        if num_id in ("", "0"):  # numId 0 removes numbering inherited from a style
            return None
        inst = self.defs.instances.get(num_id)
        lvl = self.defs.level(num_id, ilvl)
        if inst is None or lvl is None:
            return None
        counts = self._counts.setdefault(inst.abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for over_lvl, start in inst.start_overrides.items():
                counts[over_lvl] = start - 1  # the next use prints ``start``
        self._advance(counts, num_id, ilvl, lvl)
        if lvl.fmt == "bullet":
            glyph = lvl.text.strip()
            return ListLabel(BULLET_GLYPHS.get(glyph, glyph), ilvl, True, num_id)
        return ListLabel(self._render(num_id, lvl, counts).strip(), ilvl, False, num_id)

    def _advance(self, counts: dict[int, int], num_id: str, ilvl: int, lvl: Level) -> None:
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else lvl.start
        for deeper in [d for d in counts if d > ilvl]:
            deeper_lvl = self.defs.level(num_id, deeper)
            restart = deeper_lvl.restart if deeper_lvl else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counts[deeper]

    def _render(self, num_id: str, lvl: Level, counts: dict[int, int]) -> str:
        def one(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            ref = self.defs.level(num_id, i) or Level()
            value = counts.get(i, ref.start)
            return format_number(value, "decimal" if lvl.legal and ref.fmt != "none" else ref.fmt)

        return _PLACEHOLDER.sub(one, lvl.text)
