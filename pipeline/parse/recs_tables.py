"""Annex tables "No. and actor(s) | Recommendation": a label cell ("Recommendation 1: For X and Y")
and a wording cell on each row."""

from __future__ import annotations

import dataclasses

from ..models import Block, BlockKind, Recommendation
from ..textutil import join_lines
from .addressees import raw_actors
from .recs_common import LABEL, Label, Unit, match_label, plausible_text


def from_label_tables(blocks: tuple[Block, ...]) -> list[Recommendation]:
    out = []
    for block in blocks:
        if block.kind != BlockKind.TABLE:
            continue
        for r, row in enumerate(block.rows):
            cells = [c for c in row if c.text.strip()]
            if len(cells) < 2:
                continue
            label_text = join_lines(cells[0].text)
            lab = _label(label_text, block)
            if lab is None or lab.rest:
                continue  # the wording is in the label cell itself: a matrix, not an annex table
            text = join_lines("\n".join(c.text for c in cells[1:]))
            if not plausible_text(text):
                continue  # "Recommendation 1 | a | E | E": an overview of actions, not wording
            prov = dataclasses.replace(block.provenance, row=r)
            out.append(Recommendation(number=lab.number, text=text, provenance=prov, label=lab.label,
                                      actors_raw=lab.actors, actors=raw_actors(lab.actors)))
    return out


def _label(text: str, block: Block) -> Label | None:
    if not LABEL.match(text):
        return None
    return match_label(Unit(text, "", "cell", block.provenance))
