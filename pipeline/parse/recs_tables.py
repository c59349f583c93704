"""Annex tables "No. and actor(s) | Recommendation": a label cell ("Recommendation 1: For X and Y")
and a wording cell on each row.

A row broken by a page break comes back as a row with an empty label cell (in the same or the next
table) or as a lower-case paragraph right after the table; either is joined to the row above.
"""

from __future__ import annotations

import dataclasses

from ..models import Block, BlockKind, Recommendation
from ..textutil import join_lines
from .addressees import raw_actors
from .recs_common import FURNITURE, LABEL, Label, Unit, match_label, plausible_text


def from_label_tables(blocks: tuple[Block, ...]) -> list[Recommendation]:
    out: list[Recommendation] = []
    open_row = False  # the last thing read was a recommendation row that may continue
    for block in blocks:
        if block.kind != BlockKind.TABLE:
            text = block.text.strip()
            if not text or FURNITURE.match(text):
                continue
            if open_row and out and text[:1].islower() and not out[-1].text.endswith((".", "!", "?")):
                out[-1] = dataclasses.replace(out[-1], text=join_lines(out[-1].text + "\n" + text))
            open_row = False
            continue
        for r, row in enumerate(block.rows):
            cells = [c for c in row if c.text.strip()]
            if open_row and out and row and not row[0].text.strip() and cells:
                more = join_lines("\n".join(c.text for c in cells))
                out[-1] = dataclasses.replace(out[-1], text=join_lines(out[-1].text + "\n" + more))
                continue
            open_row = False
            if len(cells) < 2:
                continue
            lab = _label(join_lines(cells[0].text), block)
            if lab is None or lab.rest:
                continue  # the wording is in the label cell itself: a matrix, not an annex table
            text = join_lines("\n".join(c.text for c in cells[1:]))
            if not plausible_text(text):
                continue  # "Recommendation 1 | a | E | E": an overview of actions, not wording
            prov = dataclasses.replace(block.provenance, row=r)
            out.append(Recommendation(number=lab.number, text=text, provenance=prov, label=lab.label,
                                      actors_raw=lab.actors, actors=raw_actors(lab.actors)))
            open_row = True
    return out


def _label(text: str, block: Block) -> Label | None:
    if not LABEL.match(text):
        return None
    return match_label(Unit(text, "", "cell", block.provenance))
