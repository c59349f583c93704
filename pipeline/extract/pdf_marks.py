"""Marks told apart by their size and position, not their text.

- Footnote references: a number (or *, †, ...) raised above the line in a smaller type. The text
  layer glues it to the word before ("United Nations2"); ``mark_superscripts`` flags it so line
  text leaves it out, as a Word document's text does.
- Graphic markers: a number set in a type at least ``MARK_RATIO`` times the text beside it, at the
  left of an item ("1", "2" in a brochure's box). The text layer glues it into whichever line its
  baseline meets ("1identification"); ``take_big_marks`` takes it out before lines are formed and
  ``attach_big_marks`` makes it the marker of the item's first line. A single letter set that
  large before a word in lower case is a drop capital: it goes back in front of that word.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdf_layout import Line, Word

# a footnote reference: digits or reference symbols, a few of them, with commas or a range ("1,3", "2-4")
_REF = re.compile(r"^[\d*\u2020\u2021\u00a7\u00b6]{1,3}(?:[,\u2013-][\d*\u2020\u2021\u00a7\u00b6]{1,3})*$")
SUP_RATIO = 0.85  # a reference is set at most this share of the line's type size ...
SUP_RAISE = 0.2  # ... with its bottom at least this share of it above the line's bottom
MARK_RATIO = 2.2  # a graphic marker is set at least this many times the page's text size
_MARK = re.compile(r"^(?:\d{1,2}|[A-Za-z])$")


def mark_superscripts(line: Line) -> None:
    """Flag the footnote references in a line (``Word.sup``), in place."""
    words = line.words
    if len(words) < 2:
        return
    size = line.size
    small = SUP_RATIO * size
    bottoms = [w.bottom for w in words if w.size > small]
    if not bottoms:
        return
    bottom = max(bottoms)
    for w in words:
        if w.size <= small and w.bottom <= bottom - SUP_RAISE * size and _REF.match(w.text):
            w.sup = True


def take_big_marks(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """Split off the graphic markers: (the other words, the markers).

    A marker is a number of one or two digits or a single letter, set at least ``MARK_RATIO``
    times the page's usual size, with two or more lines of text at most half its size starting
    beside it (to its right, or over it: such digits are often printed behind the text in a
    light colour) within the height of its figure.
    """
    if len(words) < 10:
        return words, []
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(w.size)] += len(w.text)
    body = sizes.most_common(1)[0][0]
    big = [w for w in words if w.size >= MARK_RATIO * body and _MARK.match(w.text)]
    if not big:
        return words, []
    marks = [m for m in big if len(_beside(m, words)) >= 2]
    if not marks:
        return words, []
    taken = {id(m) for m in marks}
    return [w for w in words if id(w) not in taken], marks


def attach_big_marks(lines: list[Line], marks: list[Word]) -> list[Word]:
    """Make each marker the ``marker`` of the first line beside it; returns the ones that found none.

    A drop capital (a letter before a word starting in lower case) is put back in front of that
    word instead.
    """
    left: list[Word] = []
    for m in marks:
        top, bottom = _figure(m)
        beside = [
            ln
            for ln in lines
            if not ln.marker
            and top <= (ln.top + ln.bottom) / 2 <= bottom
            and m.x0 - 2 <= ln.x0 <= m.x1 + 2 * ln.size
            and ln.size <= m.size / 2
        ]
        if not beside:
            left.append(m)
            continue
        first = min(beside, key=lambda ln: (ln.top, ln.x0))
        word = first.words[0]
        if m.text.isalpha() and word.text[:1].islower():
            word.text = m.text + word.text
        else:
            first.marker = m.text
            first.marker_size = m.size
    return left


def _figure(m: Word) -> tuple[float, float]:
    """The vertical extent of a large figure: from its baseline (a fifth of the size above its
    box's bottom) up to the height of a capital (three quarters of the size)."""
    base = m.bottom - 0.2 * m.size
    return base - 0.78 * m.size, base


def _beside(m: Word, words: list[Word]) -> set[int]:
    """Tops (rounded) of the lines of small text that start beside a large figure."""
    top, bottom = _figure(m)
    tops: set[int] = set()
    for w in words:
        if w is m or w.size > m.size / 2:
            continue
        mid = (w.top + w.bottom) / 2
        if top <= mid <= bottom and m.x0 - 2 <= w.x0 <= m.x1 + 2 * w.size:
            tops.add(round(w.top / max(w.size, 1.0)))
    return tops
