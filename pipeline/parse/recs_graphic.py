"""Recommendations numbered by graphic digits: large numbers set beside each item of a box.

Designed layouts ("What the evaluation recommends") number items with big outline or coloured
digits. The text layer gives each digit as a line of its own ("2"), in another type size than the
text, or glued to the word of the line it stands beside ("1identification"). Inside a
recommendations region without a printed list, this strategy:

1. finds the digits: a line that is only a number and is printed in another size than the body
   text, or a number glued to a lower-case word (``numbering.glued_digits``); their values must run
   1, 2, 3 ... in reading order;
2. cuts the region's text into items where a line starts a new sentence after a line that ended
   one; an item without a digit continues the item before it;
3. numbers each item by the digit printed beside it, and the last one by sequence when its digit
   went missing (a lone digit at the foot of a page is easily taken for a page number).

The lead-in line ("The executive heads ... are called on to:") names the addressees of every
item (``recs_regions.lead_in_actors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Recommendation
from .addressees import raw_actors
from .numbering import GLUED_DIGIT
from .recs_common import Unit, assemble, plausible_text
from .recs_regions import Region, body_size, find_regions, first_lead, heading_like, lead_in_actors

_ALONE = re.compile(r"^(?P<n>[1-9]\d?)$")
_SIZE_DIFF = 1.5  # points: a lone number this far from the body size is set apart from the text


@dataclass
class _Piece:
    unit: int
    text: str
    digits: list[int] = field(default_factory=list)


def from_graphic_digits(units: list[Unit], regions: list[Region] | None = None) -> list[Recommendation]:
    body = body_size(units)
    out: list[Recommendation] = []
    for region in regions if regions is not None else find_regions(units):
        recs = _region(units, region, body)
        if len(recs) > len(out):
            out = recs
    return out


def _region(units: list[Unit], region: Region, body: float | None) -> list[Recommendation]:
    pieces: list[_Piece] = []
    lone: list[tuple[int, int]] = []  # (piece index it stands before, value)
    lead, lead_at = first_lead(units, region, region.end)
    for j in range(region.start + 1, region.end):
        u = units[j]
        if u.kind == "cell" or j <= lead_at:
            continue
        text = u.text.strip()
        alone = _ALONE.match(text)
        if alone and not u.marker:
            if body is None or u.size is None or abs(u.size - body) >= _SIZE_DIFF:
                lone.append((len(pieces), int(alone.group("n"))))
            continue
        if heading_like(u, body) or lead_in_actors(text):
            if pieces:
                break
            continue
        digits = [int(m.group("n")) for m in GLUED_DIGIT.finditer(text)]
        clean = _unglue(text)
        pieces.append(_Piece(j, clean, digits))
    for at, value in lone:
        _place(pieces, at, value)
    values = [d for p in pieces for d in p.digits]
    if len(values) < 2 or values != list(range(1, len(values) + 1)):
        return []
    items = _items(pieces)
    if len(items) != len(values):
        return []
    out = []
    expected = 1
    for group in items:
        own = [d for p in group for d in p.digits]
        number = own[0] if own else expected
        if number != expected:
            return []
        expected = number + 1
        text = assemble([p.text for p in group])
        if not plausible_text(text):
            return []
        u = units[group[0].unit]
        out.append(
            Recommendation(
                number=str(number),
                text=text,
                provenance=u.provenance,
                label=f"Recommendation {number}",
                actors_raw=lead,
                actors=raw_actors(lead),
            )
        )
    return out


def _unglue(text: str) -> str:
    """The text without its glued digits; a line-end hyphen before one closes up again
    ("self- 1identification" -> "self-identification")."""
    out, pos = [], 0
    for m in GLUED_DIGIT.finditer(text):
        before = text[pos : m.start()]
        if re.search(r"[A-Za-z]-\s+$", before):
            before = before.rstrip()
        out.append(before)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _place(pieces: list[_Piece], at: int, value: int) -> None:
    """A lone digit line belongs to the item it stands in: the piece before it when that piece
    does not end a sentence (the digit sits beside the item's middle line), else the piece after."""
    if not pieces:
        return
    before = pieces[at - 1] if at > 0 else None
    after = pieces[at] if at < len(pieces) else None
    if before is not None and (after is None or not _ends_sentence(before.text)):
        before.digits.append(value)
    elif after is not None:
        after.digits.append(value)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ";"))


def _items(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces grouped into items around their digits.

    A digit stands beside the first line of its item or beside a middle one, so item k+1 starts
    at the last sentence start (a capitalised line after a finished sentence) after the piece of
    digit k and no later than the piece of digit k+1. The first item starts at the first piece.
    """
    anchors = [k for k, p in enumerate(pieces) if p.digits]
    starts = [0]
    for a, b in zip(anchors, anchors[1:], strict=False):
        cut = next(
            (
                s
                for s in range(b, a, -1)
                if _ends_sentence(pieces[s - 1].text) and pieces[s].text[:1].isupper()
            ),
            None,
        )
        if cut is None:
            return []
        starts.append(cut)
    bounds = [*starts, len(pieces)]
    return [pieces[x:y] for x, y in zip(bounds, bounds[1:], strict=False)]
