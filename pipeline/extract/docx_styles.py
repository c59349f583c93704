"""Paragraph and character styles of a DOCX: names, heading levels, bold and list numbering.

Only what the extractor needs is resolved, following ``w:basedOn`` chains: a heading level
(from the style name or its outline level), whether the style makes text bold, and the list
numbering (``w:numPr``) a paragraph inherits from its style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .docx_numbering import w, w_val

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_FALSE = ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class Style:
    """One ``w:style``, unresolved: ``None`` means "not set here, ask the base style"."""

    style_id: str
    name: str
    based_on: str | None
    bold: bool | None
    outline_level: int | None
    num_id: str | None
    ilvl: int | None


def toggle(el: etree._Element | None) -> bool | None:
    """A Word on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent."""
    if el is None:
        return None
    return (w_val(el) or "true").lower() not in _FALSE


def _style(el: etree._Element) -> Style:
    ppr, rpr = el.find(w("pPr")), el.find(w("rPr"))
    num_pr = ppr.find(w("numPr")) if ppr is not None else None
    outline = ppr.find(w("outlineLvl")) if ppr is not None else None
    ilvl = w_val(num_pr.find(w("ilvl"))) if num_pr is not None else None
    return Style(
        style_id=w_val(el, "styleId") or "",
        name=w_val(el.find(w("name"))) or "",
        based_on=w_val(el.find(w("basedOn"))),
        bold=toggle(rpr.find(w("b"))) if rpr is not None else None,
        outline_level=int(w_val(outline) or 9)
        if outline is not None and (w_val(outline) or "").isdigit()
        else None,
        num_id=w_val(num_pr.find(w("numId"))) if num_pr is not None else None,
        ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
    )


class Styles:
    """Style lookups that follow ``basedOn`` chains (with a guard against cycles)."""

    def __init__(self, root: etree._Element | None):
        self._by_id: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        if root is None:
            return
        for el in root.iter(w("style")):
            style = _style(el)
            self._by_id[style.style_id] = style
            if w_val(el, "type") == "paragraph" and (w_val(el, "default") or "").lower() in (
                "1",
                "true",
                "on",
            ):
                self.default_paragraph = style.style_id
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default_bold = bool(defaults is not None and toggle(defaults.find(w("b"))))

    def _chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            chain.append(self._by_id[style_id])
            style_id = chain[-1].based_on
        return chain

    def name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id or self.default_paragraph or "")
        return style.name if style else (style_id or "")

    def bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id or self.default_paragraph):
            if style.bold is not None:
                return style.bold
        return self.default_bold

    def heading_level(self, style_id: str | None) -> int | None:
        """1-9 for Heading 1-9 (or a style with an outline level), 1 for Title; else None."""
        for style in self._chain(style_id or self.default_paragraph):
            m = _HEADING_NAME.match(style.name.strip())
            if m:
                return int(m.group(1))
            if style.name.strip().lower() == "title":
                return 1
            if style.outline_level is not None:
                return style.outline_level + 1 if style.outline_level < 9 else None
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a paragraph inherits from its style chain."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(style_id or self.default_paragraph):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        return num_id, ilvl
